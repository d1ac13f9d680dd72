/**
 * Lightning's save-error popover: "We hit a snag." with "Review the errors on this page." (page-level
 * messages, e.g. a validation rule shown at the top) and "Review the following fields" (§10.7).
 */
import { expect, type Locator, type Page } from '@playwright/test';
import { LightningPage } from './lightning-page.js';

export class ErrorPopover extends LightningPage {
  constructor(
    page: Page,
    persona: string,
    private readonly scope: Locator,
    private readonly title: string,
  ) {
    super(page, persona);
  }

  protected get where(): string {
    return `${this.title} (error popover)`;
  }

  get heading(): Locator {
    return this.page.getByRole('heading', { name: 'We hit a snag.' });
  }

  async expectShown(): Promise<void> {
    await this.step('see "We hit a snag."', () => expect(this.heading.first()).toBeVisible());
  }

  /** Page-level messages (validation rules at the top of the page, DML errors). */
  async pageErrors(): Promise<string[]> {
    return this.step('read the errors on this page', async () => {
      await expect(this.heading.first()).toBeVisible();
      const list = this.page.locator('records-record-edit-error .pageLevelErrors li, .pageLevelErrors li');
      return (await list.allInnerTexts()).map((t) => t.trim()).filter(Boolean);
    });
  }

  /** Field-level entries: the labels of the fields to review. */
  async fieldErrors(): Promise<string[]> {
    return this.step('read the fields to review', async () => {
      await expect(this.heading.first()).toBeVisible();
      const list = this.page.locator('records-record-edit-error .fieldLevelErrors li, .fieldLevelErrors li');
      return (await list.allInnerTexts()).map((t) => t.trim()).filter(Boolean);
    });
  }

  /** Every message in the popover, page- and field-level. */
  async allMessages(): Promise<string[]> {
    return [...(await this.pageErrors()), ...(await this.fieldErrors())];
  }

  get container(): Locator {
    return this.scope;
  }
}
