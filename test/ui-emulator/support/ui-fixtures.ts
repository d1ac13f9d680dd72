/**
 * Fixtures for the Lightning UI tests: Debian's Chromium (the bundled Playwright browsers are not
 * downloadable here), a fresh in-memory org with the UI mounted on its own express app per test, and
 * `baseURL` pointing at it.
 */
import { test as base, chromium, expect, type Page } from '@playwright/test';
import express from 'express';
import type { AddressInfo } from 'node:net';
import type http from 'node:http';
import { mountLightning } from '../../../emulator/ui/index.js';
import { InMemoryOrgService } from './in-memory-org-service.js';
import { chromiumLaunchOptions } from '../../../src/browser.js';

export interface UiOrg {
  service: InMemoryOrgService;
  baseUrl: string;
}

export const ADMIN = { username: 'admin@ui.test', password: 'admin-pass-1' };
export const REP = { username: 'rep@ui.test', password: 'rep-pass-1' };
export const INTEGRATION = { username: 'integration@ui.test', password: 'int-pass-1' };

function newService(): InMemoryOrgService {
  return new InMemoryOrgService([
    { ...ADMIN, firstName: 'Pat', lastName: 'Admin' },
    // The rep cannot see Annual Revenue and cannot edit Industry (field-level security).
    { ...REP, firstName: 'Riley', lastName: 'Rep', hidden: ['Account.AnnualRevenue'], readOnly: ['Account.Industry'] },
    { ...INTEGRATION, firstName: 'ERP', lastName: 'Integration', apiOnly: true },
  ]);
}

export const test = base.extend<{ org: UiOrg }, { _chromium: void }>({
  browser: [
    async ({}, use) => {
      // The suite's own choice of Chromium (Playwright's, else the system's headless shell or full browser).
      const browser = await chromium.launch(chromiumLaunchOptions());
      await use(browser);
      await browser.close();
    },
    { scope: 'worker' },
  ],
  org: async ({}, use) => {
    const service = newService();
    const app = express();
    mountLightning(app, { service });
    const server: http.Server = await new Promise((resolve) => {
      const s = app.listen(0, '127.0.0.1', () => resolve(s));
    });
    const { port } = server.address() as AddressInfo;
    await use({ service, baseUrl: `http://127.0.0.1:${port}` });
    await new Promise<void>((resolve) => server.close(() => resolve()));
  },
  baseURL: async ({ org }, use) => {
    await use(org.baseUrl);
  },
});

export { expect };

/** Signs in through frontdoor with an API session, as `sf org open` does, and waits for the page to be ready. */
export async function openAs(page: Page, org: UiOrg, user: { username: string; password: string }, path: string): Promise<void> {
  const session = org.service.loginWithPassword(user.username, user.password, 'password');
  await page.goto(`/secur/frontdoor.jsp?sid=${encodeURIComponent(session.accessToken)}&retURL=${encodeURIComponent(path)}`);
  await waitForLightning(page);
}

/** Lightning is ready when the template container is there and the spinners are gone (field notes). */
export async function waitForLightning(page: Page): Promise<void> {
  await page.locator('.slds-template__container').waitFor();
  await expect(page.locator('.slds-spinner_container')).toHaveCount(0);
}
