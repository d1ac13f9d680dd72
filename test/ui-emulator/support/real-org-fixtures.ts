/**
 * Fixtures that run the Lightning UI against the real emulated org: the sample SFDX project in `org/`
 * loaded by `Org.load`, served by the emulator's own HTTP server (which mounts the UI), so the pages
 * go through the real security model, validation rules and flows.
 */
import { readdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { Org } from '../../../emulator/org.js';
import { createOrgServer } from '../../../emulator/http/server.js';
import { test as uiTest } from './ui-fixtures.js';

const ORG_DIR = fileURLToPath(new URL('../../../org/', import.meta.url));

export interface RealUiOrg {
  org: Org;
  baseUrl: string;
  /** What the emulator logged (unhandled requests, errors) during the test. */
  log: string[];
}

export const SALES_REP = { username: 'sales.rep@postflight.test', password: 'postflight-sales-1' };
export const SUPPORT_AGENT = { username: 'support.agent@postflight.test', password: 'postflight-support-1' };

export const test = uiTest.extend<{ realOrg: RealUiOrg }>({
  realOrg: async ({}, use) => {
    const users = readdirSync(`${ORG_DIR}users`).filter((f) => f.endsWith('.json')).map((f) => `${ORG_DIR}users/${f}`);
    const org = Org.load({ source: ORG_DIR, users });
    const log: string[] = [];
    const server = createOrgServer(org, { log: (line) => log.push(line) });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    const { port } = server.address() as AddressInfo;
    await use({ org, baseUrl: `http://127.0.0.1:${port}`, log });
    // A lingering keep-alive connection would hold server.close() open; the org store is closed as in every other fixture.
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    org.close();
  },
  baseURL: async ({ realOrg }, use) => {
    await use(realOrg.baseUrl);
  },
});

export { expect } from '@playwright/test';
