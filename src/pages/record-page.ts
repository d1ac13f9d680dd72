/**
 * A record page (`/lightning/r/{Object}/{Id}/view`): the highlights panel with the record's name and actions,
 * and the Details tab laid out from the user's page layout.
 */
import { expect, type Locator, type Page } from '@playwright/test';
import { LightningPage, cssString } from './lightning-page.js';
import { waitForLightning } from './lightning-ready.js';
import { RecordForm } from './record-form.js';
import { Toast } from './toast.js';
import { labelText } from './field-label.js';

export class RecordPage extends LightningPage {
  constructor(
    page: Page,
    persona: string,
    readonly objectApiName: string,
    private recordId?: string,
  ) {
    super(page, persona);
  }

  protected get where(): string {
    return `${this.objectApiName} record page${this.recordId ? ` ${this.recordId}` : ''}`;
  }

  async goto(recordId: string): Promise<void> {
    this.recordId = recordId;
    await this.step('open', async () => {
      await this.page.goto(`/lightning/r/${this.objectApiName}/${recordId}/view`);
      await waitForLightning(this.page);
    });
  }

  /** The id in the current URL (after New -> Save, Lightning navigates to the new record). */
  async currentRecordId(): Promise<string> {
    await this.page.waitForURL(/\/lightning\/r\/(?:\w+\/)?[a-zA-Z0-9]{15,18}\/view/);
    const match = /\/lightning\/r\/(?:\w+\/)?([a-zA-Z0-9]{15,18})\/view/.exec(this.page.url());
    if (!match?.[1]) throw new Error(`not on a record page: ${this.page.url()}`);
    this.recordId = match[1];
    return match[1];
  }

  /** The record's name as the highlights panel shows it. */
  async title(): Promise<string> {
    return this.step('read the record name', async () => {
      const primary = this.page.locator('records-highlights2 [slot="primaryField"], [slot="primaryField"]').first();
      return (await primary.innerText()).trim();
    });
  }

  async openDetails(): Promise<void> {
    await this.step('open the Details tab', async () => {
      // One question to the page, not two (is there a tab, is it selected): field checks ask this for every field.
      const unselected = this.page.getByRole('tab', { name: 'Details', exact: true, selected: false });
      if ((await unselected.count()) > 0) await unselected.first().click();
    });
  }

  async openRelated(): Promise<void> {
    await this.step('open the Related tab', () => this.page.getByRole('tab', { name: 'Related', exact: true }).click());
  }

  /** The layout item for a field label; absent when the field is hidden from this user. */
  field(label: string): Locator {
    return this.layoutItem(this.page, label);
  }

  async hasField(label: string): Promise<boolean> {
    await this.openDetails();
    return (await this.field(label).count()) > 0;
  }

  /** The field's displayed value (the output component's text). */
  async readField(label: string): Promise<string> {
    return this.step(`read "${label}"`, async () => {
      await this.openDetails();
      const item = this.field(label);
      if ((await item.count()) === 0) throw new Error(`field "${label}" is not shown (hidden from this user, or not on the layout)`);
      const value = item.first().locator('.test-id__field-value, [slot="outputField"]').first();
      return (await value.innerText()).trim();
    });
  }

  /**
   * The label a user sees for a field given by API name, through Lightning's own attribute
   * (`data-target-selection-name="sfdc:RecordField.{Object}.{Field}"`, §10.3); undefined when not shown.
   */
  async labelOf(fieldApiName: string): Promise<string | undefined> {
    await this.openDetails();
    const item = this.page.locator(`[data-target-selection-name="sfdc:RecordField.${this.objectApiName}.${fieldApiName}"]`);
    if ((await item.count()) === 0) return undefined;
    // `.test-id__field-label` holds only the label text; the label container also holds help-text buttons.
    const exact = item.first().locator('.test-id__field-label');
    const label = (await exact.count()) > 0 ? exact.first() : item.first().locator('.slds-form-element__label').first();
    return labelText(label);
  }

  /** True when the pencil `Edit {Label}` is offered, i.e. the user may edit the field inline. */
  async isEditable(label: string): Promise<boolean> {
    await this.openDetails();
    return (await this.inlineEditButton(label).count()) > 0;
  }

  inlineEditButton(label: string): Locator {
    return this.page.getByRole('button', { name: `Edit ${label}`, exact: true });
  }

  /** Opens inline edit through the field's pencil; the returned form covers the whole detail panel. */
  async editInline(label: string): Promise<RecordForm> {
    await this.step(`click the pencil "Edit ${label}"`, async () => {
      await this.openDetails();
      await this.inlineEditButton(label).first().click();
      await expect(this.page.locator('records-form-footer, [slot="inputField"]').first()).toBeVisible();
    });
    const panel = this.page.locator('records-lwc-detail-panel, records-record-layout-block').first();
    return new RecordForm(this.page, this.persona, panel.or(this.page.locator('body')).first(), `${this.where} (inline edit)`);
  }

  /** Opens the Edit modal from the highlights panel actions. */
  async edit(): Promise<RecordForm> {
    await this.step('click Edit', () => this.page.getByRole('button', { name: 'Edit', exact: true }).first().click());
    const dialog = this.page.getByRole('dialog').filter({ has: this.page.getByRole('heading', { name: /^Edit / }) });
    await expect(dialog).toBeVisible();
    return new RecordForm(this.page, this.persona, dialog, `Edit ${this.objectApiName}`);
  }

  async delete(): Promise<void> {
    await this.step('delete the record', async () => {
      await this.page.getByRole('button', { name: 'Delete', exact: true }).first().click();
      const confirm = this.page.getByRole('dialog').filter({ has: this.page.getByRole('heading', { name: /^Delete / }) });
      await confirm.getByRole('button', { name: 'Delete', exact: true }).click();
    });
  }

  get toast(): Toast {
    return new Toast(this.page, this.persona);
  }

  /** A related list on the Related tab, by its title (e.g. "Cases"). */
  relatedList(title: string): Locator {
    return this.page.locator('article, lst-related-list-single-container').filter({
      has: this.page.getByRole('heading', { name: new RegExp(`^${cssString(title)}\\b`) }),
    });
  }
}
