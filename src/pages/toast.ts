/**
 * Lightning's toast after a save: `{Object Label} "{Name}" was created.` (§10.6). Found by role first
 * (`alert`), with the Aura message queue as the second choice for orgs that render it without the role.
 */
import { expect, type Locator } from '@playwright/test';
import { LightningPage } from './lightning-page.js';

export class Toast extends LightningPage {
  protected get where(): string {
    return 'toast';
  }

  get messages(): Locator {
    return this.page.getByRole('alert').or(this.page.locator('.forceVisualMessageQueue .forceToastMessage'));
  }

  async expectMessage(text: string | RegExp): Promise<void> {
    await this.step(`see the toast ${String(text)}`, () => expect(this.messages.filter({ hasText: text }).first()).toBeVisible());
  }
}
