/**
 * The sample org (`org/`, users from `org/users/*.json`) running in-process on an ephemeral port, one fresh
 * org per test, with every request the suite sends recorded at the HTTP server so that a spec can prove an
 * action wrote nothing. The suite side still talks to it only over HTTP, through jsforce.
 */
import type { AddressInfo } from 'node:net';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { test as base } from '@playwright/test';
import type { Connection } from '@jsforce/jsforce-node';
import { Org } from '../../../emulator/org.js';
import { createOrgServer } from '../../../emulator/http/server.js';
import type { ActionContext } from '../../../src/actions/model.js';
import { readTargetOrg, type TargetOrg } from '../../../src/actions/org-safety.js';
import type { RunSettings } from '../../../src/actions/runner.js';
import { parseConfig } from '../../../src/config/env.js';
import { PERSONAS, type PersonaName } from '../../../src/config/personas.js';
import { authenticate, connectionFor } from '../../../src/salesforce/connect.js';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const SAMPLE_ORG = path.join(ROOT, 'org');
const TEST_DATA = path.join(ROOT, 'test', 'actions', 'data');
export const SETUP_READER = 'setup.reader@postflight.test';

export interface SampleOrgOptions {
  /** Organization.IsSandbox of the emulated org (default true: most specs are about a sandbox). */
  sandbox: boolean;
  /** Regression overlays from org/overlays (e.g. `flow-inactive`), or paths to other overlay folders. */
  overlays: string[];
  /** Whether to add the test-only Setup_Reader user (test/actions/data/README.md). */
  setupReader: boolean;
}

export interface SampleOrg {
  url: string;
  org: Org;
  /** The release manager (admin@postflight.test), as the actions project connects. */
  admin: Connection;
  /** A connection as another user of the sample org, authenticated like a persona (JWT bearer). */
  connectAs(username: string): Promise<Connection>;
  /** Writes the server received since the last `resetRequests()`: `PATCH /services/data/v62.0/...`. */
  writes(): string[];
  /** Every data API request (reads too) since the last reset. */
  requests(): string[];
  resetRequests(): void;
  /** An action context over `conn` (admin by default); `log` lines are collected in `logs`. */
  context(conn?: Connection, overrides?: Partial<ActionContext>): ActionContext & { logs: string[] };
  /** Run settings with a ledger file in the test's output folder. */
  settings(overrides?: Partial<RunSettings>): Promise<RunSettings>;
  ledgerFile: string;
}

const WRITE_METHODS = new Set(['POST', 'PATCH', 'PUT', 'DELETE']);

/**
 * POSTs that only read: a Bulk API 2.0 query job, sObject Collections retrieve (`POST /composite/sobjects/{Type}`)
 * and a composite call whose subrequests are all GETs (actions read independent things together).
 */
function isReadOnlyPost(method: string, url: string, body: unknown): boolean {
  if (method !== 'POST') return false;
  const subrequests = (body as { compositeRequest?: { method?: string }[] } | undefined)?.compositeRequest;
  if (/\/composite\/?(\?|$)/.test(url) && Array.isArray(subrequests)) return subrequests.every((r) => r.method?.toUpperCase() === 'GET');
  return /\/jobs\/query\/?(\?|$)/.test(url) || /\/composite\/sobjects\/[^/?]+\/?(\?|$)/.test(url);
}

export const test = base.extend<SampleOrgOptions & { sampleOrg: SampleOrg }>({
  sandbox: [true, { option: true }],
  overlays: [[], { option: true }],
  setupReader: [false, { option: true }],
  sampleOrg: async ({ sandbox, overlays, setupReader }, use, testInfo) => {
    const users = readdirSync(path.join(SAMPLE_ORG, 'users'))
      .filter((f) => f.endsWith('.json'))
      .sort()
      .map((f) => path.join(SAMPLE_ORG, 'users', f));
    const overlayDirs = overlays.map((o) => (o.includes('/') ? o : path.join(SAMPLE_ORG, 'overlays', o)));
    if (setupReader) {
      overlayDirs.push(path.join(TEST_DATA, 'setup-reader'));
      users.push(path.join(TEST_DATA, 'users', 'setup-reader.json'));
    }
    const org = Org.load({ source: SAMPLE_ORG, users, overlays: overlayDirs, isSandbox: sandbox });
    const server = createOrgServer(org, { lightning: false });
    let seen: Array<{ method: string; url: string; body?: unknown }> = [];
    server.on('request', (req: { method?: string; url?: string; body?: unknown }) => {
      const url = req.url ?? '';
      // Express parses the body onto the request before the route runs; it is read when writes() asks.
      if (url.startsWith('/services/data/')) seen.push({ method: req.method ?? 'GET', url, get body() { return req.body; } });
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    const { port } = server.address() as AddressInfo;
    const url = `http://127.0.0.1:${port}`;
    // The suite's own configuration for the emulator: its connected app and emulator-only JWT key.
    const config = parseConfig({ SF_TARGET: 'emulator', SF_EMULATOR_PORT: String(port), SF_RELEASE_ID: 'R-test-1' }, ROOT);
    const jwtAuth = config.personas.admin;
    if (jwtAuth.method !== 'jwt') throw new Error('the emulator configuration should authenticate by JWT');
    const connectAs = async (username: string): Promise<Connection> => {
      const auth = { ...jwtAuth, username };
      const options = { loginUrl: url, apiVersion: config.apiVersion };
      return connectionFor(await authenticate(auth, options), auth, options);
    };
    const admin = await connectAs(PERSONAS.admin.emulatorUsername);
    const ledgerFile = testInfo.outputPath('ledger.jsonl');
    let target: TargetOrg | undefined;

    await use({
      url,
      org,
      admin,
      connectAs,
      ledgerFile,
      writes: () => seen.filter((r) => WRITE_METHODS.has(r.method) && !isReadOnlyPost(r.method, r.url, r.body)).map((r) => `${r.method} ${r.url}`),
      requests: () => seen.map((r) => `${r.method} ${r.url}`),
      resetRequests: () => {
        seen = [];
      },
      context: (conn = admin, overrides = {}) => {
        const logs: string[] = [];
        return {
          conn,
          releaseId: config.releaseId,
          log: (message: string) => logs.push(message),
          outputDir: testInfo.outputPath('actions'),
          backfillMaxRecords: config.backfillMaxRecords,
          logs,
          ...overrides,
        };
      },
      settings: async (overrides = {}) => {
        // Read once per test, as the actions project reads it once per run (one Organization query).
        target ??= await readTargetOrg(admin);
        return {
          dryRun: false,
          allowProduction: false,
          runId: 'PF-test',
          target,
          by: PERSONAS.admin.emulatorUsername,
          step: (_title, body) => body(),
          ledgerFile,
          ...overrides,
        };
      },
    });
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
    org.close();
  },
});

export { expect } from '@playwright/test';

export function usernameOf(persona: PersonaName): string {
  return PERSONAS[persona].emulatorUsername;
}
