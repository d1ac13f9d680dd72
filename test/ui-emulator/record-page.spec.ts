import { test, expect, openAs, waitForLightning, ADMIN, REP } from './support/ui-fixtures.js';

test('the record page shows the highlights, the Details layout and the Related tab', async ({ page, org }, testInfo) => {
  const accountId = org.service.seed('Account', { Name: 'Acme Rockets', Phone: '555-0100', Industry: 'Energy', AnnualRevenue: 2500000, Description: 'Launch vehicles' });
  org.service.seed('Opportunity', { Name: 'Acme - 10 Rockets', AccountId: accountId, StageName: 'Qualification', CloseDate: '2025-06-30' });
  await openAs(page, org, ADMIN, `/lightning/r/Account/${accountId}/view`);

  await expect(page.locator('records-highlights2 [slot="primaryField"]')).toHaveText('Acme Rockets');
  await expect(page.getByRole('button', { name: 'Edit', exact: true })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Delete', exact: true })).toBeVisible();
  await expect(page.getByRole('tab', { name: 'Details' })).toHaveAttribute('aria-selected', 'true');
  await expect(page.locator('records-record-layout-item[field-label="Phone"] [slot="outputField"]')).toHaveText('555-0100');
  await expect(page.locator('[data-target-selection-name="sfdc:RecordField.Account.AnnualRevenue"] [slot="outputField"]')).toHaveText('$2,500,000');
  await expect(page.locator('records-record-layout-section').nth(0).locator('.slds-section__title')).toHaveText('Account Information');
  await page.screenshot({ path: testInfo.outputPath('record-page.png'), fullPage: true });

  await page.getByRole('tab', { name: 'Related' }).click();
  const related = page.getByRole('tabpanel', { name: 'Related' });
  await expect(related.getByText('Opportunities (1)')).toBeVisible();
  await related.getByRole('link', { name: 'Acme - 10 Rockets' }).click();
  await waitForLightning(page);
  await expect(page).toHaveURL(/\/lightning\/r\/Opportunity\/006\w{15}\/view$/);
  // The lookup back to the account is a link with the account's name.
  await expect(page.locator('records-record-layout-item[field-label="Account Name"] force-lookup a')).toHaveText('Acme Rockets');
});

test('fields follow the user\'s security: hidden fields are absent, read-only fields have no pencil', async ({ page, org }) => {
  const accountId = org.service.seed('Account', { Name: 'Secure Co', Industry: 'Banking', AnnualRevenue: 10 });
  await openAs(page, org, REP, `/lightning/r/Account/${accountId}/view`);
  await expect(page.locator('records-record-layout-item[field-label="Industry"]')).toHaveCount(1);
  await expect(page.locator('records-record-layout-item[field-label="Annual Revenue"]')).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Edit Industry' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Edit Phone' })).toHaveCount(1);
});

test('a record the user may only read has no pencils and no Edit or Delete actions, whatever the field security', async ({ page, org }) => {
  const accountId = org.service.seed('Account', { Name: 'Shared Read Only', Phone: '555-0123' });
  org.service.limitRecordAccess(REP.username, accountId, { edit: false, delete: false });
  await openAs(page, org, REP, `/lightning/r/Account/${accountId}/view`);
  await expect(page.locator('records-record-layout-item[field-label="Phone"] [slot="outputField"]')).toHaveText('555-0123');
  await expect(page.getByRole('button', { name: 'Edit Phone' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Edit Account Name' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Edit', exact: true })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Delete', exact: true })).toHaveCount(0);
  // The edit URL opens no form on such a record either.
  await page.goto(`/lightning/r/Account/${accountId}/edit`);
  await expect(page.locator('records-highlights2 [slot="primaryField"]')).toHaveText('Shared Read Only');
  await expect(page.getByRole('dialog')).toHaveCount(0);
});

test('edit access without delete access offers Edit and the pencils but not Delete', async ({ page, org }) => {
  const accountId = org.service.seed('Account', { Name: 'Shared Read Write' });
  org.service.limitRecordAccess(REP.username, accountId, { edit: true, delete: false });
  await openAs(page, org, REP, `/lightning/r/Account/${accountId}/view`);
  await expect(page.getByRole('button', { name: 'Edit Phone' })).toHaveCount(1);
  await expect(page.getByRole('button', { name: 'Edit', exact: true })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Delete', exact: true })).toHaveCount(0);
});

test('inline edit through the pencil saves, shows the toast and the new value', async ({ page, org }) => {
  const accountId = org.service.seed('Account', { Name: 'Inline Inc', Phone: '555-0000' });
  await openAs(page, org, ADMIN, `/lightning/r/Account/${accountId}/view`);
  await page.getByRole('button', { name: 'Edit Phone' }).click();
  await expect(page.locator('records-form-footer')).toBeVisible();
  await expect(page.getByLabel('Phone')).toBeFocused();
  await page.getByLabel('Phone').fill('555-0199');
  await page.getByRole('combobox', { name: 'Industry' }).click();
  await page.getByRole('option', { name: 'Retail' }).click();
  await page.locator('button[name="SaveEdit"]').click();

  await expect(page.locator('.forceVisualMessageQueue span.toastMessage')).toHaveText('Account "Inline Inc" was saved.');
  await expect(page.getByRole('alert')).toContainText('was saved.');
  await expect(page.locator('records-record-layout-item[field-label="Phone"] [slot="outputField"]')).toHaveText('555-0199');
  await expect(page.locator('records-record-layout-item[field-label="Industry"] [slot="outputField"]')).toHaveText('Retail');
  expect(org.service.peek(accountId)).toMatchObject({ Phone: '555-0199', Industry: 'Retail' });
});

test('inline edit Cancel puts the values back without saving', async ({ page, org }) => {
  const accountId = org.service.seed('Account', { Name: 'Cancel Corp', Phone: '555-1111' });
  await openAs(page, org, ADMIN, `/lightning/r/Account/${accountId}/view`);
  await page.getByRole('button', { name: 'Edit Phone' }).click();
  await page.getByLabel('Phone').fill('999');
  await page.locator('button[name="CancelEdit"]').click();
  await expect(page.locator('records-form-footer')).toBeHidden();
  await expect(page.locator('records-record-layout-item[field-label="Phone"] [slot="outputField"]')).toHaveText('555-1111');
  expect(org.service.peek(accountId)?.Phone).toBe('555-1111');
});

test('a validation rule on a field shows the "We hit a snag." popover and the message under the field', async ({ page, org }, testInfo) => {
  const oppId = org.service.seed('Opportunity', { Name: 'Big Deal', StageName: 'Negotiation', CloseDate: '2025-09-30', Discount__c: 5 });
  await openAs(page, org, ADMIN, `/lightning/r/Opportunity/${oppId}/view`);
  await page.getByRole('button', { name: 'Edit Discount' }).click();
  await page.getByLabel('Discount').fill('30');
  await page.getByRole('button', { name: 'Save', exact: true }).click();

  const popover = page.locator('records-record-edit-error');
  await expect(popover.getByRole('heading', { name: 'We hit a snag.' })).toBeVisible();
  await expect(popover.locator('.fieldLevelErrors')).toContainText('Review the following fields');
  await expect(popover.locator('.fieldLevelErrors li a')).toHaveText('Discount');
  const item = page.locator('records-record-layout-item[field-label="Discount"]');
  await expect(item.locator('.slds-form-element__help')).toHaveText('Discounts above 20% need Deal Desk approval.');
  await expect(page.getByLabel('Discount')).toHaveAttribute('aria-invalid', 'true');
  await page.screenshot({ path: testInfo.outputPath('error-popover.png'), fullPage: true });
  expect(org.service.peek(oppId)?.Discount__c).toBe(5);

  // The link in the popover focuses the field.
  await popover.getByRole('link', { name: 'Discount' }).click();
  await expect(page.getByLabel('Discount')).toBeFocused();
});

test('a validation rule without a field shows under "Review the errors on this page."', async ({ page, org }) => {
  const oppId = org.service.seed('Opportunity', { Name: 'No Amount', StageName: 'Negotiation', CloseDate: '2025-09-30' });
  await openAs(page, org, ADMIN, `/lightning/r/Opportunity/${oppId}/view`);
  await page.getByRole('button', { name: 'Edit Stage' }).click();
  const stage = page.getByRole('combobox', { name: 'Stage' });
  await stage.click();
  await page.getByRole('option', { name: 'Closed Won' }).click();
  await expect(stage).toHaveText('Closed Won');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByText('We hit a snag.')).toBeVisible();
  await expect(page.locator('.pageLevelErrors')).toContainText('Review the errors on this page.');
  await expect(page.locator('.pageLevelErrors .errorsList li')).toHaveText('A Closed Won opportunity needs an amount.');
  expect(org.service.peek(oppId)?.StageName).toBe('Negotiation');
});

test('emptying a required field in inline edit says "Complete this field." without saving', async ({ page, org }) => {
  const accountId = org.service.seed('Account', { Name: 'Required Ltd' });
  await openAs(page, org, ADMIN, `/lightning/r/Account/${accountId}/view`);
  await page.getByRole('button', { name: 'Edit Account Name' }).click();
  await page.getByLabel('Account Name').fill('');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.locator('records-record-layout-item[field-label="Account Name"] .slds-form-element__help')).toHaveText('Complete this field.');
  await expect(page.locator('.genericNotification')).toHaveText('These required fields must be completed: Account Name');
  expect(org.service.peek(accountId)?.Name).toBe('Required Ltd');
});

test('Delete asks for confirmation, deletes, lands on the list and says so', async ({ page, org }) => {
  const accountId = org.service.seed('Account', { Name: 'Doomed Partners' });
  await openAs(page, org, ADMIN, `/lightning/r/Account/${accountId}/view`);
  await page.getByRole('button', { name: 'Delete', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Delete Account' });
  await expect(dialog).toContainText('Are you sure you want to delete this account?');
  await dialog.locator('.forceModalActionContainer--footerAction button[title="Delete"]').click();
  await expect(page).toHaveURL(/\/lightning\/o\/Account\/list/);
  await expect(page.getByRole('alert')).toHaveText(/Account "Doomed Partners" was deleted\./);
  expect(org.service.peek(accountId)).toBeUndefined();
});

test('a record that does not exist shows Lightning\'s error page', async ({ page, org }) => {
  const accountId = org.service.seed('Account', { Name: 'Gone Soon' });
  await openAs(page, org, ADMIN, '/lightning/page/home');
  org.service.delete(org.service.loginWithPassword(ADMIN.username, ADMIN.password, 'password'), 'Account', accountId);
  await page.goto(`/lightning/r/Account/${accountId}/view`);
  await expect(page.getByRole('heading', { name: "Looks like there's a problem." })).toBeVisible();
  await expect(page.getByText("This record isn't available.")).toBeVisible();
});

test('an unknown object shows the page-does-not-exist error', async ({ page, org }) => {
  await openAs(page, org, ADMIN, '/lightning/o/Nope__c/list');
  await expect(page.getByRole('heading', { name: "Page doesn't exist" })).toBeVisible();
});

test('/lightning/r/{Id}/view finds the object from the id', async ({ page, org }) => {
  const accountId = org.service.seed('Account', { Name: 'Prefix Partners' });
  await openAs(page, org, ADMIN, `/lightning/r/${accountId}/view`);
  await expect(page.locator('[slot="primaryField"]')).toHaveText('Prefix Partners');
});
