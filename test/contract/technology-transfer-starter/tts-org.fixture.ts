/**
 * Worker-scoped org emulator loaded from the public Technology Transfer Starter project, with the users
 * in `./users` (one System Administrator, and one Standard User per permission set of the project), on a
 * random loopback port. Tests reach it only through jsforce, signed in as those users.
 *
 * @example
 *   test('...', async ({ as, outcome }) => {
 *     const mentoring = await as('mentoring');
 *     const saved = await outcome(() => mentoring.sobject('TTS_Mentoring_Opportunity__c').create({ Stage__c: 'Open' }));
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
import { TTS_PROJECT } from './project-metadata.js';

const USERS_DIR = fileURLToPath(new URL('./users/', import.meta.url));

/** The personas, their user definition file and password (`sf org create user` format plus `password`). */
export const PERSONAS = {
  /** System Administrator, no permission set. */
  admin: { file: 'admin.json', username: 'admin@tts-contract.test', password: 'tts-admin-1' },
  /** Standard User + Technology_Transfer_Starter_Permission (the TTO staff set: IP, inventors, agreements). */
  licensing: { file: 'licensing-manager.json', username: 'licensing@tts-contract.test', password: 'tts-licensing-1' },
  /** Standard User + Technology_Transfer_Starter_Mentoring_Manager. */
  mentoring: { file: 'mentoring-manager.json', username: 'mentoring@tts-contract.test', password: 'tts-mentoring-1' },
  /** Standard User + Technology_Transfer_Starter_Space_Manager. */
  space: { file: 'space-manager.json', username: 'space@tts-contract.test', password: 'tts-space-1' },
  /** Standard User + Technology_Transfer_Starter_Visa_Management. */
  visa: { file: 'visa-manager.json', username: 'visa@tts-contract.test', password: 'tts-visa-1' },
} as const;

export type PersonaName = keyof typeof PERSONAS;

export interface TtsEmulator {
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

interface TtsFixtures {
  /** A connection signed in (SOAP login) as the persona. */
  as: (persona: PersonaName) => Promise<Connection>;
  /** Runs a jsforce call and reports success or the error, with the HTTP status. */
  outcome: <T>(call: () => PromiseLike<T>) => Promise<Outcome<T>>;
}

export const test = base.extend<TtsFixtures, { tts: TtsEmulator }>({
  tts: [
    async ({}, use) => {
      const org = Org.load({ source: TTS_PROJECT, users: Object.values(PERSONAS).map((p) => `${USERS_DIR}${p.file}`) });
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
  as: async ({ tts }, use) => {
    await use(async (persona) => {
      const conn = new Connection({ loginUrl: tts.url, instanceUrl: tts.url, version: API_VERSION });
      await conn.login(PERSONAS[persona].username, PERSONAS[persona].password);
      return conn;
    });
  },
  outcome: async ({ tts }, use) => {
    await use(async <T>(call: () => PromiseLike<T>): Promise<Outcome<T>> => {
      const before = tts.statuses.length;
      const status = (): number | undefined => (tts.statuses.length === before ? undefined : tts.statuses.at(-1));
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
