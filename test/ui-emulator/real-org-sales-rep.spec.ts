/**
 * The sample org's own rules through the Lightning UI, as the sales rep persona: the same service,
 * security and validation rules that the REST API answers with.
 */
import { test, expect, SALES_REP, SUPPORT_AGENT } from './support/real-org-fixtures.js';
import { waitForLightning } from './support/ui-fixtures.js';
import type { Page } from '@playwright/test';
import type { Org } from '../../emulator/org.js';

async function openAsRep(page: Page, org: Org, path: string): Promise<void> {
  const session = org.service.loginWithPassword(SALES_REP.username, SALES_REP.password, 'password');
  await page.goto(`/secur/frontdoor.jsp?sid=${encodeURIComponent(session.accessToken)}&retURL=${encodeURIComponent(path)}`);
  await waitForLightning(page);
}

function seedOpportunity(org: Org): string {
  const rep = org.service.loginWithPassword(SALES_REP.username, SALES_REP.password, 'password');
  const accountId = org.service.create(rep, 'Account', { Name: 'Northwind Traders' });
  return org.service.create(rep, 'Opportunity', { Name: 'Northwind - Renewal', AccountId: accountId, StageName: 'Prospecting', CloseDate: '2026-06-30' });
}

test('a discount without a reason is refused under Discount Reason (rule with an error field)', async ({ page, realOrg }) => {
  const oppId = seedOpportunity(realOrg.org);
  await openAsRep(page, realOrg.org, `/lightning/r/Opportunity/${oppId}/view`);
  await page.getByRole('button', { name: 'Edit Discount', exact: true }).click();
  await page.getByLabel('Discount', { exact: true }).fill('10');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'We hit a snag.' })).toBeVisible();
  await expect(page.locator('records-record-layout-item[field-label="Discount Reason"] .slds-form-element__help')).toHaveText('Choose a Discount Reason when you give a discount.');
});

test('a discount above 20% is refused at page level for a rep without Discount Exempt', async ({ page, realOrg }) => {
  const oppId = seedOpportunity(realOrg.org);
  await openAsRep(page, realOrg.org, `/lightning/r/Opportunity/${oppId}/view`);
  await page.getByRole('button', { name: 'Edit Discount', exact: true }).click();
  await page.getByLabel('Discount', { exact: true }).fill('30');
  const reason = page.getByRole('combobox', { name: 'Discount Reason' });
  await reason.click();
  await page.getByRole('option').nth(1).click();
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.locator('.pageLevelErrors .errorsList li')).toHaveText('Discounts above 20% need approval from Deal Desk.');
});

test('a valid discount with a reason saves and the toast names the opportunity', async ({ page, realOrg }) => {
  const oppId = seedOpportunity(realOrg.org);
  await openAsRep(page, realOrg.org, `/lightning/r/Opportunity/${oppId}/view`);
  await page.getByRole('button', { name: 'Edit Discount', exact: true }).click();
  await page.getByLabel('Discount', { exact: true }).fill('15');
  await page.getByRole('combobox', { name: 'Discount Reason' }).click();
  const option = page.getByRole('option').nth(1);
  const reasonValue = await option.getAttribute('data-value');
  await option.click();
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByRole('alert')).toHaveText(/Opportunity "Northwind - Renewal" was saved\./);
  const rep = realOrg.org.service.loginWithPassword(SALES_REP.username, SALES_REP.password, 'password');
  expect(realOrg.org.service.retrieve(rep, 'Opportunity', oppId, ['Discount__c', 'Discount_Reason__c'])).toMatchObject({ Discount__c: 15, Discount_Reason__c: reasonValue });
});

test('the page language is the viewing user\'s locale (LocaleSidKey en_GB -> lang="en-GB")', async ({ page, realOrg }) => {
  const oppId = seedOpportunity(realOrg.org);
  await openAsRep(page, realOrg.org, `/lightning/r/Opportunity/${oppId}/view`);
  await expect(page.locator('html')).toHaveAttribute('lang', 'en-GB');
});

test('a selected picklist option keeps exactly its label as accessible name (the check mark has none)', async ({ page, realOrg }) => {
  const oppId = seedOpportunity(realOrg.org);
  await openAsRep(page, realOrg.org, `/lightning/r/Opportunity/${oppId}/view`);
  await page.getByRole('button', { name: 'Edit Stage', exact: true }).click();
  await page.getByRole('combobox', { name: 'Stage' }).click();
  const selected = page.getByRole('option', { name: 'Prospecting', exact: true });
  await expect(selected).toHaveAttribute('aria-selected', 'true');
  await expect(selected).toHaveAccessibleName('Prospecting');
  // The check is drawn, but hidden from assistive technology like Lightning's utility icon.
  await expect(selected.locator('svg[aria-hidden="true"]')).toBeVisible();
  await page.getByRole('option', { name: 'Qualification', exact: true }).click();
  await page.getByRole('combobox', { name: 'Stage' }).click();
  const moved = page.getByRole('option', { name: 'Qualification', exact: true });
  await expect(moved).toHaveAttribute('aria-selected', 'true');
  await expect(moved).toHaveAccessibleName('Qualification');
  await expect(page.getByRole('option', { name: 'Prospecting', exact: true }).locator('svg')).toBeHidden();
});

test('another user\'s Opportunity (Public Read Only) shows no pencil and no Edit/Delete to the support agent; the owner gets them', async ({ page, realOrg }) => {
  const oppId = seedOpportunity(realOrg.org);
  const agent = realOrg.org.service.loginWithPassword(SUPPORT_AGENT.username, SUPPORT_AGENT.password, 'password');
  // What the page must agree with: the API's own answer for the agent.
  expect(() => realOrg.org.service.update(agent, 'Opportunity', oppId, { Name: 'Renamed' })).toThrow(/insufficient access rights/);
  await page.goto(`/secur/frontdoor.jsp?sid=${encodeURIComponent(agent.accessToken)}&retURL=${encodeURIComponent(`/lightning/r/Opportunity/${oppId}/view`)}`);
  await waitForLightning(page);
  await expect(page.locator('records-record-layout-item[field-label="Opportunity Name"]')).toHaveCount(1);
  await expect(page.locator('button.inline-edit-trigger')).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Edit', exact: true })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Delete', exact: true })).toHaveCount(0);

  await openAsRep(page, realOrg.org, `/lightning/r/Opportunity/${oppId}/view`);
  await expect(page.getByRole('button', { name: 'Edit Opportunity Name', exact: true })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Edit', exact: true })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Delete', exact: true })).toBeVisible();
});

test('System Information shows "Created By" and "Last Modified By": the user\'s name, then the date and time', async ({ page, realOrg }) => {
  const oppId = seedOpportunity(realOrg.org);
  const rep = realOrg.org.service.loginWithPassword(SALES_REP.username, SALES_REP.password, 'password');
  const stamps = realOrg.org.service.retrieve(rep, 'Opportunity', oppId, ['CreatedDate', 'LastModifiedDate']);
  // The rep's locale and zone are en_GB, Europe/London (org/users/sales-rep.json).
  const shown = (wire: unknown): string => {
    const at = new Date(String(wire).replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
    const date = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', year: 'numeric', month: 'numeric', day: 'numeric' }).format(at);
    const time = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', hour: 'numeric', minute: '2-digit' }).format(at);
    return `${date}, ${time}`;
  };
  await openAsRep(page, realOrg.org, `/lightning/r/Opportunity/${oppId}/view`);
  const createdBy = page.locator('records-record-layout-item[field-label="Created By"]');
  await expect(createdBy.locator('force-lookup a')).toHaveText('Sam Reyes');
  await expect(createdBy.locator('records-modstamp')).toHaveText(`, ${shown(stamps.CreatedDate)}`);
  await expect(createdBy.locator('.test-id__field-value')).toHaveText(`Sam Reyes, ${shown(stamps.CreatedDate)}`);
  const modifiedBy = page.locator('records-record-layout-item[field-label="Last Modified By"]');
  await expect(modifiedBy.locator('.test-id__field-value')).toHaveText(`Sam Reyes, ${shown(stamps.LastModifiedDate)}`);
  await expect(page.locator('records-record-layout-item[field-label="User Name"]')).toHaveCount(0);
  // Audit fields are never editable.
  await expect(page.getByRole('button', { name: 'Edit Created By' })).toHaveCount(0);
});

test('the browser\'s /favicon.ico is answered with an icon, so pages leave no unhandled request in the log', async ({ page, realOrg }) => {
  const oppId = seedOpportunity(realOrg.org);
  await openAsRep(page, realOrg.org, `/lightning/r/Opportunity/${oppId}/view`);
  const icon = await page.request.get('/favicon.ico');
  expect(icon.status()).toBe(200);
  expect(icon.headers()['content-type']).toMatch(/^image\/svg\+xml/);
  expect(await icon.text()).toContain('<svg');
  expect(realOrg.log.filter((line) => line.startsWith('Unhandled request'))).toEqual([]);
});

test('the Owner has no pencil on the record page and is read-only in the New and Edit forms, showing its user', async ({ page, realOrg }) => {
  const oppId = seedOpportunity(realOrg.org);
  await openAsRep(page, realOrg.org, `/lightning/r/Opportunity/${oppId}/view`);
  const owner = page.locator('records-record-layout-item[field-label="Opportunity Owner"]');
  await expect(owner.locator('force-lookup a')).toHaveText('Sam Reyes');
  await expect(page.getByRole('button', { name: 'Edit Opportunity Owner' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Edit Opportunity Name', exact: true })).toBeVisible();

  await page.goto(`/lightning/r/Opportunity/${oppId}/edit`);
  const edit = page.getByRole('dialog');
  await expect(edit.locator('records-record-layout-item[field-label="Opportunity Owner"] force-lookup a')).toHaveText('Sam Reyes');
  await expect(edit.getByLabel('Opportunity Owner')).toHaveCount(0);

  await page.goto('/lightning/o/Opportunity/new');
  const create = page.getByRole('dialog', { name: 'New Opportunity' });
  await expect(create.locator('records-record-layout-item[field-label="Opportunity Owner"] force-lookup a')).toHaveText('Sam Reyes');
  await expect(create.getByLabel('Opportunity Owner')).toHaveCount(0);
  await expect(create.getByLabel('Opportunity Name')).toBeEditable();
});
