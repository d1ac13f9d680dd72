/**
 * A record form as a person fills it: the New/Edit modal or the record page in inline-edit mode. Fields are
 * found by their label, whatever the control (text, number, date, checkbox, picklist, multi-select, lookup).
 */
import { expect, type Locator, type Page } from '@playwright/test';
import { LightningPage } from './lightning-page.js';
import { ErrorPopover } from './error-popover.js';
import { labelText } from './field-label.js';

export type FieldValue = string | number | boolean | string[];

export class RecordForm extends LightningPage {
  constructor(
    page: Page,
    persona: string,
    /** The form's container: a modal dialog, or the record page's detail panel during inline edit. */
    readonly root: Locator,
    private readonly title: string,
  ) {
    super(page, persona);
  }

  protected get where(): string {
    return this.title;
  }

  get errors(): ErrorPopover {
    return new ErrorPopover(this.page, this.persona, this.root, this.title);
  }

  /** Sets a field by its label; picklists and lookups pick the option whose name is `value`. */
  async fill(label: string, value: FieldValue): Promise<void> {
    await this.step(`set "${label}" to ${JSON.stringify(value)}`, async () => {
      const combobox = this.root.getByRole('combobox', { name: fieldName(label) });
      if ((await combobox.count()) > 0) {
        const isLookup = await combobox.first().evaluate((el) => el.tagName === 'INPUT');
        if (isLookup) await this.chooseLookup(combobox.first(), String(value));
        else await this.choosePicklist(combobox.first(), String(value));
        return;
      }
      const checkbox = this.root.getByRole('checkbox', { name: fieldName(label) });
      if ((await checkbox.count()) > 0) {
        await checkbox.first().setChecked(Boolean(value));
        return;
      }
      const listbox = this.root.getByRole('listbox', { name: fieldName(label) });
      if (Array.isArray(value) || (await listbox.count()) > 0) {
        await this.chooseMany(label, Array.isArray(value) ? value : [String(value)]);
        return;
      }
      const input = this.root.getByLabel(fieldName(label));
      if ((await input.count()) === 0) throw new Error(`no field labelled "${label}" (hidden from this user, or not on the layout)`);
      await input.first().fill(String(value));
    });
  }

  /**
   * Types a date the way the user's locale shows it (Lightning's datepicker uses the medium format:
   * `Dec 31, 2026` for en_US, `31 Dec 2026` for en_GB). The locale is read from the page: Aura's
   * `$Locale` on a real org, the document language elsewhere.
   */
  async fillDate(label: string, date: Date): Promise<void> {
    const locale = await this.page.evaluate(() => {
      const aura = (window as unknown as { $A?: { get?: (key: string) => unknown } }).$A;
      const fromAura = aura?.get?.('$Locale.userLocaleLang');
      const fromAuraCountry = aura?.get?.('$Locale.userLocaleCountry');
      if (typeof fromAura === 'string' && typeof fromAuraCountry === 'string') return `${fromAura}-${fromAuraCountry}`;
      return document.documentElement.lang || navigator.language;
    });
    const text = new Intl.DateTimeFormat(locale.replace('_', '-'), { dateStyle: 'medium', timeZone: 'UTC' }).format(date);
    await this.fill(label, text);
  }

  /**
   * Sets a field by its API name: finds the layout item through Lightning's own attribute
   * (`data-target-selection-name="sfdc:RecordField.{Object}.{Field}"`), reads the label the user sees, and
   * fills it by that label. For plans, which name fields by API name while Lightning shows other labels.
   */
  async fillField(objectApiName: string, fieldApiName: string, value: FieldValue | Date): Promise<void> {
    const label = await this.labelOf(objectApiName, fieldApiName);
    if (value instanceof Date) await this.fillDate(label, value);
    else await this.fill(label, value);
  }

  /** The label a user sees for a field, or throws naming the field when the form does not show it. */
  async labelOf(objectApiName: string, fieldApiName: string): Promise<string> {
    return this.step(`find ${objectApiName}.${fieldApiName}`, async () => {
      const label = await this.shownLabel(objectApiName, fieldApiName);
      if (label === undefined) throw new Error(`${objectApiName}.${fieldApiName} is not on this form (hidden from this user, or not on the layout)`);
      return label;
    });
  }

  /**
   * The label a user sees for a field, or undefined when the form does not show it. Any other failure
   * (a closed page, a timeout) still throws: it is not an answer about access.
   */
  async findLabel(objectApiName: string, fieldApiName: string): Promise<string | undefined> {
    return this.step(`find ${objectApiName}.${fieldApiName}`, () => this.shownLabel(objectApiName, fieldApiName));
  }

  private async shownLabel(objectApiName: string, fieldApiName: string): Promise<string | undefined> {
    const item = this.root.locator(`[data-target-selection-name="sfdc:RecordField.${objectApiName}.${fieldApiName}"]`);
    if ((await item.count()) === 0) return undefined;
    // The <label>/<legend> holds the label text (and the required marker); help-text buttons sit beside it.
    const own = item.first().locator('label, legend');
    const label = (await own.count()) > 0 ? own.first() : item.first().locator('.test-id__field-label, .slds-form-element__label').first();
    return labelText(label);
  }

  /** Clicks Save (`button[name="SaveEdit"]` on real orgs; its accessible name is "Save"). */
  async save(): Promise<void> {
    await this.step('click Save', async () => {
      await this.root.getByRole('button', { name: 'Save', exact: true }).click();
    });
  }

  async cancel(): Promise<void> {
    await this.step('click Cancel', async () => {
      await this.root.getByRole('button', { name: 'Cancel', exact: true }).click();
    });
  }

  /** The message shown under a field's input (`.slds-form-element__help`), e.g. "Complete this field." */
  async fieldMessage(label: string): Promise<string> {
    return this.step(`read the message under "${label}"`, async () => {
      const item = this.root.locator('.slds-form-element').filter({ has: this.page.getByLabel(fieldName(label)) });
      return (await item.locator('.slds-form-element__help').first().innerText()).trim();
    });
  }

  /** Whether the form offers the field as an input (false when hidden or read-only for this user). */
  async isEditable(label: string): Promise<boolean> {
    // Picklists are combobox buttons (no "editable" state): enabled means the user can change them.
    const combobox = this.root.getByRole('combobox', { name: fieldName(label) });
    if ((await combobox.count()) > 0) return combobox.first().isEnabled();
    const input = this.root.getByLabel(fieldName(label));
    return (await input.count()) > 0 && (await input.first().isEditable());
  }

  private async choosePicklist(trigger: Locator, value: string): Promise<void> {
    await trigger.click();
    // The selected option may carry a check icon with assistive text before its label: match the label at the end.
    const option = this.page.getByRole('option', { name: new RegExp(`(^|\\W)${escapeRegExp(value)}$`) });
    await expect(option.first(), `option "${value}"`).toBeVisible();
    await option.first().click();
  }

  private async chooseLookup(input: Locator, name: string): Promise<void> {
    await input.fill(name);
    // Suggestions arrive as the person types; the one to pick carries the record's name (§10.5 lookup).
    const option = this.page.getByRole('option', { name: new RegExp(`^${escapeRegExp(name)}\\b`) });
    await expect(
      option.first(),
      `no "${name}" among the search results: the record does not exist, or this user cannot see it`,
    ).toBeVisible();
    await option.first().click();
  }

  private async chooseMany(label: string, values: string[]): Promise<void> {
    const group = this.root.getByRole('group', { name: fieldName(label) }).or(this.root.getByRole('listbox', { name: fieldName(label) }));
    for (const value of values) {
      const checkbox = group.getByRole('checkbox', { name: value, exact: true });
      if ((await checkbox.count()) > 0) await checkbox.check();
      else await group.getByRole('option', { name: value, exact: true }).click();
    }
  }
}

/**
 * A field's accessible name: its label, preceded by Lightning's required marker (`<abbr title="required">*</abbr>`
 * is part of the label's text) when the field is required.
 */
export function fieldName(label: string): RegExp {
  return new RegExp(`^\\*?\\s*${escapeRegExp(label)}$`);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
