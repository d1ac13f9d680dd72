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
 * - Users: admin (System Administrator); worker1/worker2 (profile Project_User, role Worker); director
 *   (Project_User, role Director above Worker); manager (Project_User + permission set Project_Manager);
 *   lead (Project_User + permission set group Project_Leads = Project_Manager); integration (+ Api_Only).
 */
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test as base, expect } from '@playwright/test';
import { SalesforceError, type Session } from '../../../emulator/contracts.js';
import { Org } from '../../../emulator/org.js';

export const FIXTURE_ORG = join(dirname(fileURLToPath(import.meta.url)), 'fixtures', 'project-org');
export const USER_FILES = readdirSync(join(FIXTURE_ORG, 'users')).map((f) => join(FIXTURE_ORG, 'users', f));

export type Persona = 'admin' | 'worker1' | 'worker2' | 'director' | 'manager' | 'lead' | 'integration';

interface Fixtures {
  /** A fresh org whose clock starts at 2025-06-02T09:00:00Z and moves only with `advanceClock`. */
  org: Org;
  /** Logs a fixture user in with their password (SOAP grant). */
  login: (persona: Persona) => Session;
}

export const START = new Date('2025-06-02T09:00:00.000Z');

export const test = base.extend<Fixtures>({
  org: async ({}, use) => {
    const org = Org.load({ source: FIXTURE_ORG, users: USER_FILES, clock: () => new Date(START.getTime()) });
    await use(org);
    org.close();
  },
  login: async ({ org }, use) => {
    await use((persona) => org.service.loginWithPassword(`${persona}@service.test`, `${persona}-pw`, 'soap'));
  },
});

export { expect };

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
