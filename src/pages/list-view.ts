/**
 * An object's list view (`/lightning/o/{Object}/list`) and the New record modal it opens, including the
 * record type chooser that appears when the user may use several record types (§10.4, §10.9).
 */
import { expect, test, type Page } from '@playwright/test';
import { LightningPage } from './lightning-page.js';
import { waitForLightning } from './lightning-ready.js';
import { RecordForm } from './record-form.js';

export class ListView extends LightningPage {
  constructor(
    page: Page,
    persona: string,
    readonly objectApiName: string,
    /** The object's label as Lightning shows it in headings (`Opportunity`, `Case`). */
    readonly objectLabel: string = objectApiName,
  ) {
    super(page, persona);
  }

  protected get where(): string {
    return `${this.objectLabel} list view`;
  }

  async goto(filterName = 'Recent'): Promise<void> {
    await this.step('open', async () => {
      await this.page.goto(`/lightning/o/${this.objectApiName}/list?filterName=${encodeURIComponent(filterName)}`);
      await waitForLightning(this.page);
    });
  }

  /** Clicks New, picks a record type if asked, and returns the New modal's form. */
  async startNew(recordType?: string): Promise<RecordForm> {
    await this.step('click New', () => this.page.getByRole('button', { name: 'New', exact: true }).first().click());
    return this.newRecordForm(recordType);
  }

  /**
   * Opens the New modal by its own address (`/lightning/o/{Object}/new`, what New on the list view leads to):
   * one page load instead of two, for checks that are about saving, not about finding the New button.
   */
  async openNew(recordType?: string): Promise<RecordForm> {
    await this.step('open New', async () => {
      await this.page.goto(`/lightning/o/${this.objectApiName}/new`);
      await waitForLightning(this.page);
    });
    return this.newRecordForm(recordType);
  }

  private async newRecordForm(recordType: string | undefined): Promise<RecordForm> {
    const heading = `New ${this.objectLabel}`;
    const dialog = this.page.getByRole('dialog').filter({ has: this.page.getByRole('heading', { name: new RegExp(`^${heading}`) }) });
    await this.step(`see the "${heading}" modal`, () => expect(dialog.first()).toBeVisible());
    // Lightning asks for a record type only when the user may use more than one: wait for either step.
    const chooser = dialog.getByRole('radio');
    await chooser.or(dialog.getByRole('button', { name: 'Save', exact: true })).first().waitFor();
    if ((await chooser.count()) > 0) {
      await this.step(`choose record type ${recordType ?? '(default)'}`, async () => {
        if (recordType) await dialog.getByRole('radio', { name: recordType, exact: true }).check();
        await dialog.getByRole('button', { name: 'Next', exact: true }).click();
      });
    } else if (recordType) {
      test.info().annotations.push({ type: 'record type', description: `${this.persona} was not asked for a record type; the only one available was used instead of choosing "${recordType}"` });
    }
    return new RecordForm(this.page, this.persona, dialog.first(), heading);
  }

  /** Whether a row for a record with this name is listed. */
  async hasRow(name: string): Promise<boolean> {
    return (await this.page.getByRole('link', { name, exact: true }).count()) > 0;
  }
}
