/**
 * Worker-scoped org emulator loaded from the public Project Management Tool project
 * (SalesforceLabs/ProjectManagementTool, read in place: see ./README.md), with the users in `./users`
 * (a System Administrator, one Standard User per permission set of the project, and one Standard User
 * with none of them), on a random loopback port. Tests reach it only through jsforce, signed in as those
 * users.
 *
 * The spec skips itself when the project is not available (test/support/shared-samples.ts says where it
 * is looked for), so `pmt` is only set up when it is.
 *
 * @example
 *   test('...', async ({ as, outcome }) => {
 *     const member = await as('member');
 *     const saved = await outcome(() => member.sobject('PMT_Project__c').create({ Name: 'Intranet', Level_of_Effort__c: 'Small' }));
 *   });
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { test as base } from '@playwright/test';
import { Connection } from '@jsforce/jsforce-node';
import { Org } from '../../../emulator/org.js';
import { createOrgServer } from '../../../emulator/http/server.js';
import { API_VERSION } from '../fixtures/emulator.fixture.js';
import { projectManagementTool, type SampleLookup } from '../../support/shared-samples.js';

const USERS_DIR = fileURLToPath(new URL('./users/', import.meta.url));

/** Where the project is, or why the spec is skipped (looked up once, when the spec file loads). */
export const PMT: SampleLookup = projectManagementTool();

/** The project's folder; only called once the spec has been skipped when it is absent. */
export function pmtProject(): string {
  if (!PMT.found) throw new Error(PMT.reason);
  return PMT.dir;
}

/** The personas, their user definition file and password (`sf org create user` format plus `password`). */
export const PERSONAS = {
  /** System Administrator, no permission set. */
  admin: { file: 'admin.json', username: 'admin@pmt-contract.test', password: 'pmt-admin-1' },
  /** Standard User + PMT_Global_Admin (CRED, View All and Modify All on every PMT object). */
  pmo: { file: 'global-admin.json', username: 'pmo@pmt-contract.test', password: 'pmt-pmo-1' },
  /** Standard User + PMT_Resource_Planner (create/edit everywhere, delete allocations only). */
  planner: { file: 'resource-planner.json', username: 'planner@pmt-contract.test', password: 'pmt-planner-1' },
  /** Standard User + PMT_User (projects, phases, tasks; allocations read-only, availabilities read/edit). */
  member: { file: 'project-member.json', username: 'member@pmt-contract.test', password: 'pmt-member-1' },
  /** Standard User with none of the project's permission sets. */
  outsider: { file: 'outsider.json', username: 'outsider@pmt-contract.test', password: 'pmt-outsider-1' },
} as const;

export type PersonaName = keyof typeof PERSONAS;

export interface PmtEmulator {
  org: Org;
  url: string;
  /** HTTP status of every response the server sent, oldest first. */
  statuses: number[];
}

/** What a jsforce call came back with: its value, or the Salesforce error it threw. */
export interface Outcome<T> {
  /** Status of the last response the server sent while the call ran. */
  status: number | undefined;
  value?: T;
  errorCode?: string;
  message?: string;
  /** The error's `fields` (where the error is shown: a field, or `[]` for the top of the page). */
  fields?: unknown;
}

interface PmtFixtures {
  /** A connection signed in (SOAP login) as the persona; one per persona and test. */
  as: (persona: PersonaName) => Promise<Connection>;
  /** Runs a jsforce call and reports success or the error, with the HTTP status. */
  outcome: <T>(call: () => PromiseLike<T>) => Promise<Outcome<T>>;
}

export const test = base.extend<PmtFixtures, { pmt: PmtEmulator }>({
  pmt: [
    async ({}, use) => {
      const org = Org.load({ source: pmtProject(), users: Object.values(PERSONAS).map((p) => `${USERS_DIR}${p.file}`) });
      const statuses: number[] = [];
      const server: http.Server = createOrgServer(org, { log: () => undefined });
      server.on('request', (_req: http.IncomingMessage, res: http.ServerResponse) => {
        res.on('finish', () => statuses.push(res.statusCode));
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      const { port } = server.address() as AddressInfo;
      await use({ org, url: `http://127.0.0.1:${port}`, statuses });
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      org.close();
    },
    { scope: 'worker', box: true },
  ],
  as: async ({ pmt }, use) => {
    const signedIn = new Map<PersonaName, Connection>();
    await use(async (persona) => {
      const known = signedIn.get(persona);
      if (known) return known;
      const conn = new Connection({ loginUrl: pmt.url, instanceUrl: pmt.url, version: API_VERSION });
      await conn.login(PERSONAS[persona].username, PERSONAS[persona].password);
      signedIn.set(persona, conn);
      return conn;
    });
  },
  outcome: async ({ pmt }, use) => {
    await use(async <T>(call: () => PromiseLike<T>): Promise<Outcome<T>> => {
      const before = pmt.statuses.length;
      const status = (): number | undefined => (pmt.statuses.length === before ? undefined : pmt.statuses.at(-1));
      try {
        const value = await call();
        return { status: status(), value };
      } catch (err) {
        // jsforce keeps the error object of the response body in `data` (reference §1.5).
        const e = err as { errorCode?: string; message?: string; data?: { fields?: unknown } };
        return { status: status(), errorCode: e.errorCode, message: e.message, fields: e.data?.fields };
      }
    });
  },
});

export { expect } from '@playwright/test';

/** A calendar date `days` from today (UTC), as the REST API writes dates. */
export function isoDate(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}
