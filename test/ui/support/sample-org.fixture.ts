/**
 * The sample org (`org/`, every user of `org/users/*.json`, the seeded jobs) running in-process, one per
 * worker, served with its Lightning UI by the emulator's own HTTP server on a random 127.0.0.1 port. The
 * specs reach it only over HTTP (jsforce for the API, Chromium for the pages), as they would a real org.
 *
 * One org per worker, not per test: loading the project and starting Chromium dominate a UI spec's
 * runtime. Specs therefore share the org's records, so each creates its own, with names unique to it.
 */
import { readdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { test as base } from '@playwright/test';
import { Org } from '../../../emulator/org.js';
import { createOrgServer } from '../../../emulator/http/server.js';
import { chromiumLaunchOptions } from '../../../src/browser.js';

const ROOT = path.resolve(import.meta.dirname, '../../..');
export const SAMPLE_ORG_DIR = path.join(ROOT, 'org');
export const USERS_DIR = path.join(SAMPLE_ORG_DIR, 'users');

export interface SampleOrg {
  /** The org itself, for test hooks only (`org.service.expireSessions`); specs read data through the API. */
  org: Org;
  /** `http://127.0.0.1:{port}`: the instance URL of the emulated org. */
  url: string;
}

export interface SampleOrgOptions {
  /**
   * Overlay folders loaded over `org/force-app` (org/README.md, "Regression overlays"). A worker option:
   * a `test.describe` that sets it gets workers, and so an org, of its own.
   */
  overlays: string[];
}

export const sampleOrgTest = base.extend<object, SampleOrgOptions & { sampleOrg: SampleOrg }>({
  // Debian's Chromium where Playwright's own build is not installed (src/browser.ts).
  launchOptions: [chromiumLaunchOptions(), { scope: 'worker' }],
  overlays: [[], { scope: 'worker', option: true }],
  sampleOrg: [
    async ({ overlays }, use) => {
      const users = readdirSync(USERS_DIR)
        .filter((f) => f.endsWith('.json'))
        .sort()
        .map((f) => path.join(USERS_DIR, f));
      const org = Org.load({ source: SAMPLE_ORG_DIR, users, jobs: path.join(SAMPLE_ORG_DIR, 'jobs.json'), isSandbox: true, overlays });
      const server = createOrgServer(org, {
        // Chromium asks every origin for /favicon.ico, which the emulator does not serve; anything else
        // unhandled is worth seeing.
        log: (line) => {
          if (!line.includes('/favicon.ico')) process.stderr.write(`[emulator] ${line}\n`);
        },
      });
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(0, '127.0.0.1', () => resolve());
      });
      const { port } = server.address() as AddressInfo;
      await use({ org, url: `http://127.0.0.1:${port}` });
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      org.close();
    },
    { scope: 'worker' },
  ],
});
