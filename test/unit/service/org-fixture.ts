/**
 * A fresh emulated org per test, loaded from the fixture project `fixtures/project-org`:
 *
 * - `Project__c` (OWD Private): Budget__c, restricted Status__c, Secret_Notes__c (only Project Manager
 *   may see it), unique external id Code__c, non-unique external id Legacy_Ref__c, read-only Approved__c,
 *   formula Size__c, roll-up Total_Hours__c; validation rules Budget_Required_When_Active (on Budget__c)
 *   and Budget_Cap (top of page, bypassed by custom permission Budget_Override);
 *   before-save flow Project_Default_Budget (Active without budget -> 1000);
 *   after-save flow Project_Kickoff_Milestone (creates a Milestone with Kickoff_Hours__c, no fault path).
 * - `Milestone__c` (ControlledByParent, master-detail to Project__c): rule Hours_Not_Negative.
 * - `User.Badge_Number__c` (custom Text): readable through permission set Project_Manager only.
 * - Users: admin (System Administrator); worker1/worker2 (profile Project_User, role Worker); director
 *   (Project_User, role Director above Worker); manager (Project_User + permission set Project_Manager);
 *   lead (Project_User + permission set group Project_Leads = Project_Manager); integration (+ Api_Only).
 *
 * `orgTest()` gives the same fixtures over the other fixture projects (psg-org, sharing-org, globals-org,
 * workflow-org: workflow rules and Process Builder processes on `Ticket__c`).
 */
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test as base, expect } from '@playwright/test';
import { SalesforceError, type Session } from '../../../emulator/contracts.js';
import { Org } from '../../../emulator/org.js';

/** A project's user definition files (`users/*.json`). */
export function userFiles(project: string): string[] {
  const dir = join(project, 'users');
  return readdirSync(dir).filter((f) => f.endsWith('.json')).map((f) => join(dir, f));
}

export const FIXTURE_ORG = join(dirname(fileURLToPath(import.meta.url)), 'fixtures', 'project-org');
/** Workflow rules and Process Builder processes on `Ticket__c` (users admin, agent, reviewer @workflow.test). */
export const WORKFLOW_ORG = join(dirname(fileURLToPath(import.meta.url)), 'fixtures', 'workflow-org');
export const USER_FILES = userFiles(FIXTURE_ORG);

export type Persona = 'admin' | 'worker1' | 'worker2' | 'director' | 'manager' | 'lead' | 'integration';

export interface OrgFixtures<P extends string> {
  /** A fresh org whose clock starts at 2025-06-02T09:00:00Z and moves only with `advanceClock`. */
  org: Org;
  /** Logs a fixture user in with their password (SOAP grant). */
  login: (persona: P) => Session;
}

export const START = new Date('2025-06-02T09:00:00.000Z');

/**
 * The fixtures for a fixture project whose users follow the convention `{persona}@{domain}` with the
 * password `{persona}-pw`: a fresh org per test (its users from `users/*.json`), and their logins.
 */
export function orgTest<P extends string>(project: string, domain: string) {
  const users = userFiles(project);
  return base.extend<OrgFixtures<P>>({
    org: async ({}, use) => {
      const org = Org.load({ source: project, users, clock: () => new Date(START.getTime()) });
      await use(org);
      org.close();
    },
    login: async ({ org }, use) => {
      await use((persona) => org.service.loginWithPassword(`${persona}@${domain}`, `${persona}-pw`, 'soap'));
    },
  });
}

export const test = orgTest<Persona>(FIXTURE_ORG, 'service.test');

export { expect };

/** The id of a record type the project declares (read from the loaded schema, whoever may use it). */
export function recordTypeId(org: Org, object: string, developerName: string): string {
  const id = org.schema.objects.get(object.toLowerCase())?.recordTypes.get(developerName.toLowerCase())?.id;
  if (!id) throw new Error(`no record type ${object}.${developerName}`);
  return id;
}

/** The SalesforceError a call throws (fails the test when it does not throw one). */
export function failure(call: () => unknown): SalesforceError {
  try {
    call();
  } catch (error) {
    if (error instanceof SalesforceError) return error;
    throw error;
  }
  throw new Error('expected a SalesforceError, but the call succeeded');
}
