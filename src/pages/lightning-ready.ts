/**
 * "Lightning is ready": the one wait every page object uses. It holds for real Lightning (Aura's in-flight
 * XHRs drained, the template container present, spinners gone) and for the emulator (same container and
 * spinner classes, no Aura). `networkidle` is never used: Lightning polls constantly and it times out.
 * Source: CumulusCI's wait (field notes) and protocol reference §10.8.
 */
import { expect, type Page } from '@playwright/test';

const TEMPLATE = '.slds-template__container, .oneAppLayoutHost, .desktop.container';
const SPINNERS = '.slds-spinner_container:visible, .auraLoadingBox:visible, lightning-spinner:visible';

export async function waitForLightning(page: Page, timeout = 30_000): Promise<void> {
  await page.waitForLoadState('domcontentloaded', { timeout });
  if (isLoginPage(page.url())) {
    throw new Error(`expected a Lightning page but landed on the login page (${new URL(page.url()).pathname}): the UI session is missing or expired`);
  }
  await page.locator(TEMPLATE).first().waitFor({ state: 'attached', timeout });
  await page.waitForFunction(
    () => {
      const aura = (window as unknown as { $A?: { clientService?: { inFlightXHRs?: () => number } } }).$A;
      const inFlight = aura?.clientService?.inFlightXHRs;
      return typeof inFlight !== 'function' || inFlight.call(aura?.clientService) === 0;
    },
    undefined,
    { timeout },
  );
  await expect(page.locator(SPINNERS)).toHaveCount(0, { timeout });
}

export function isLoginPage(url: string): boolean {
  const { pathname, hostname } = new URL(url);
  return pathname === '/' || pathname.startsWith('/login') || hostname.startsWith('login.') || hostname.startsWith('test.');
}
