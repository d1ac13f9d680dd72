/** The app's navigation bar: the tabs a user can open (§10.9). */
import type { Page } from '@playwright/test';
import { LightningPage } from './lightning-page.js';
import { waitForLightning } from './lightning-ready.js';

export class AppNavigation extends LightningPage {
  constructor(page: Page, persona: string) {
    super(page, persona);
  }

  protected get where(): string {
    return 'app navigation';
  }

  async gotoHome(): Promise<void> {
    await this.step('open Home', async () => {
      await this.page.goto('/lightning/page/home');
      await waitForLightning(this.page);
    });
  }

  /** Tab labels in the navigation bar, e.g. ["Home", "Accounts", "Opportunities"]. */
  async tabs(): Promise<string[]> {
    return this.step('read the navigation tabs', async () => {
      const nav = this.page.getByRole('navigation', { name: 'Global' }).or(this.page.locator('one-app-nav-bar, .slds-context-bar')).first();
      return (await nav.getByRole('link').allInnerTexts()).map((t) => t.trim()).filter(Boolean);
    });
  }

  async openTab(label: string): Promise<void> {
    await this.step(`open the "${label}" tab`, async () => {
      const nav = this.page.getByRole('navigation', { name: 'Global' }).or(this.page.locator('one-app-nav-bar, .slds-context-bar')).first();
      await nav.getByRole('link', { name: label, exact: true }).click();
      await waitForLightning(this.page);
    });
  }
}
