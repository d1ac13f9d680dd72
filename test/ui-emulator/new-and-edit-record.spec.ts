import { test, expect, openAs, waitForLightning, ADMIN } from './support/ui-fixtures.js';

test('New from the list view: record type chooser, then the form limited to that record type', async ({ page, org }, testInfo) => {
  await openAs(page, org, ADMIN, '/lightning/o/Opportunity/list');
  await page.getByRole('button', { name: 'New' }).click();
  await waitForLightning(page);
  const dialog = page.getByRole('dialog', { name: 'New Opportunity' });
  await expect(dialog.getByRole('heading', { name: 'New Opportunity' })).toBeVisible();
  await expect(dialog.getByRole('group', { name: 'Select a record type' })).toBeVisible();
  await expect(dialog.getByRole('radio', { name: 'New Business' })).toBeChecked();
  await dialog.getByRole('radio', { name: 'Renewal' }).check();
  await dialog.locator('.forceChangeRecordTypeFooter').getByRole('button', { name: 'Next' }).click();
  await waitForLightning(page);

  await expect(page).toHaveURL(new RegExp(`recordTypeId=${org.service.recordTypeId('Opportunity', 'Renewal')}`));
  const form = page.getByRole('dialog', { name: 'New Opportunity' });
  await form.getByRole('combobox', { name: 'Stage' }).click();
  // The Renewal record type has no Prospecting stage.
  await expect(form.getByRole('option', { name: 'Qualification' })).toBeVisible();
  await expect(form.getByRole('option', { name: 'Prospecting' })).toHaveCount(0);
  await page.keyboard.press('Escape');
  await page.screenshot({ path: testInfo.outputPath('new-modal.png') });
});

test('New with a record type starts at its process default stage unless the URL chose one', async ({ page, org }) => {
  const renewal = org.service.recordTypeId('Opportunity', 'Renewal');
  const newBusiness = org.service.recordTypeId('Opportunity', 'New_Business');
  const stageOf = (recordTypeId: string, extra = ''): Promise<void> =>
    openAs(page, org, ADMIN, `/lightning/o/Opportunity/new?recordTypeId=${recordTypeId}${extra}`);

  await stageOf(renewal);
  const stage = page.getByRole('dialog', { name: 'New Opportunity' }).getByRole('combobox', { name: 'Stage' });
  await expect(stage).toHaveText('Qualification');
  // New Business has no process default of its own: the object-wide default applies.
  await stageOf(newBusiness);
  await expect(stage).toHaveText('Prospecting');
  // defaultFieldValues from the URL win over the record type's default.
  await stageOf(renewal, '&defaultFieldValues=StageName%3DNegotiation');
  await expect(stage).toHaveText('Negotiation');
  // A record type that narrows the stages without a default starts at --None--, not at the field's default.
  await stageOf(org.service.recordTypeId('Opportunity', 'Upsell'));
  await expect(stage).toHaveText('--None--');
});

test('New -> Save with a lookup, a picklist, dates and a multi-select creates the record and lands on it', async ({ page, org }) => {
  const acme = org.service.seed('Account', { Name: 'Acme Rockets' });
  org.service.seed('Account', { Name: 'Globex Shipping' });
  const rt = org.service.recordTypeId('Opportunity', 'New_Business');
  await openAs(page, org, ADMIN, `/lightning/o/Opportunity/new?recordTypeId=${rt}`);
  const dialog = page.getByRole('dialog', { name: 'New Opportunity' });

  await dialog.getByLabel('Opportunity Name').fill('Acme - Moon Shot');
  const account = dialog.getByPlaceholder('Search Accounts...');
  await account.fill('acm');
  await dialog.getByRole('option', { name: 'Acme Rockets' }).click();
  await expect(account).toHaveValue('Acme Rockets');
  await expect(dialog.getByRole('button', { name: 'Clear Selection' })).toBeVisible();

  await dialog.getByRole('combobox', { name: 'Stage' }).click();
  await dialog.locator('lightning-base-combobox-item[data-value="Negotiation"]').click();
  await dialog.getByLabel('Close Date').fill('Dec 31, 2025');
  await dialog.getByLabel('Amount').fill('125000');
  await dialog.getByRole('group', { name: 'Competitors' }).getByRole('checkbox', { name: 'Globex' }).check();
  await dialog.getByRole('group', { name: 'Next Call' }).getByLabel('Date').fill('1/15/2026');
  await dialog.getByRole('group', { name: 'Next Call' }).getByLabel('Time').fill('2:30 PM');
  await dialog.getByLabel('Strategic').check();
  await dialog.getByRole('button', { name: 'Save', exact: true }).click();

  await expect(page).toHaveURL(/\/lightning\/r\/Opportunity\/006\w{15}\/view$/);
  await expect(page.getByRole('alert')).toHaveText(/Opportunity "Acme - Moon Shot" was created\./);
  const id = /\/Opportunity\/(\w{18})\/view/.exec(page.url())?.[1] ?? '';
  expect(org.service.peek(id)).toMatchObject({
    Name: 'Acme - Moon Shot', AccountId: acme, StageName: 'Negotiation', CloseDate: '2025-12-31', Amount: 125000,
    Competitors__c: 'Globex', Is_Strategic__c: true, RecordTypeId: rt,
    // 2:30 PM in New York (the user's zone) in January is 19:30 UTC.
    Next_Call__c: '2026-01-15T19:30:00.000+0000',
  });
  await expect(page.locator('records-record-layout-item[field-label="Close Date"] [slot="outputField"]')).toHaveText('12/31/2025');
  await expect(page.locator('records-record-layout-item[field-label="Next Call"] [slot="outputField"]')).toHaveText('1/15/2026, 2:30 PM');
  await expect(page.locator('records-record-layout-item[field-label="Amount"] [slot="outputField"]')).toHaveText('$125,000.00');
});

test('the Stage combobox works from the keyboard', async ({ page, org }) => {
  const rt = org.service.recordTypeId('Opportunity', 'New_Business');
  await openAs(page, org, ADMIN, `/lightning/o/Opportunity/new?recordTypeId=${rt}`);
  const stage = page.getByRole('combobox', { name: 'Stage' });
  await expect(stage).toHaveText('Prospecting'); // the picklist's default value
  await stage.focus();
  await page.keyboard.press('ArrowDown');
  await expect(stage).toHaveAttribute('aria-expanded', 'true');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await expect(stage).toHaveText('Qualification');
  await expect(stage).toHaveAttribute('aria-expanded', 'false');
  await page.keyboard.press('c'); // type-ahead opens and jumps to "Closed Won"
  await page.keyboard.press('Enter');
  await expect(stage).toHaveText('Closed Won');
});

test('Save with required fields empty: "Complete this field." under each, and the snag popover lists them', async ({ page, org }) => {
  const rt = org.service.recordTypeId('Opportunity', 'New_Business');
  await openAs(page, org, ADMIN, `/lightning/o/Opportunity/new?recordTypeId=${rt}`);
  const dialog = page.getByRole('dialog', { name: 'New Opportunity' });
  await dialog.locator('button[name="SaveEdit"]').click();
  await expect(dialog.getByText('We hit a snag.')).toBeVisible();
  await expect(dialog.locator('.fieldLevelErrors li a')).toHaveText(['Opportunity Name', 'Close Date']);
  await expect(dialog.locator('records-record-layout-item[field-label="Opportunity Name"] .slds-form-element__help')).toHaveText('Complete this field.');
  await expect(dialog.locator('records-record-layout-item[field-label="Close Date"] .slds-form-element__help')).toHaveText('Complete this field.');
  await expect(page).toHaveURL(/\/lightning\/o\/Opportunity\/new/);
});

test('a server-side validation failure in the New modal keeps the modal open with the popover', async ({ page, org }) => {
  const rt = org.service.recordTypeId('Opportunity', 'New_Business');
  await openAs(page, org, ADMIN, `/lightning/o/Opportunity/new?recordTypeId=${rt}`);
  const dialog = page.getByRole('dialog', { name: 'New Opportunity' });
  await dialog.getByLabel('Opportunity Name').fill('Too Generous');
  await dialog.getByLabel('Close Date').fill('2025-10-01');
  await dialog.getByLabel('Discount').fill('45');
  await dialog.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(dialog.getByRole('heading', { name: 'We hit a snag.' })).toBeVisible();
  await expect(dialog.locator('records-record-layout-item[field-label="Discount"] .slds-form-element__help')).toHaveText('Discounts above 20% need Deal Desk approval.');
  await expect(page.locator('.slds-spinner_container')).toHaveCount(0);
});

test('an entry that is not a date is refused under the field', async ({ page, org }) => {
  const rt = org.service.recordTypeId('Opportunity', 'New_Business');
  await openAs(page, org, ADMIN, `/lightning/o/Opportunity/new?recordTypeId=${rt}`);
  const dialog = page.getByRole('dialog', { name: 'New Opportunity' });
  await dialog.getByLabel('Opportunity Name').fill('Bad Date');
  await dialog.getByLabel('Close Date').fill('next tuesday');
  await dialog.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(dialog.locator('records-record-layout-item[field-label="Close Date"] .slds-form-element__help')).toHaveText('Your entry does not match the allowed format MMM d, yyyy.');
});

test('defaultFieldValues prefill the New form', async ({ page, org }) => {
  await openAs(page, org, ADMIN, `/lightning/o/Account/new?defaultFieldValues=${encodeURIComponent(`Name=${encodeURIComponent('Smith, Jones & Co')},Phone=555-2000`)}`);
  const dialog = page.getByRole('dialog', { name: 'New Account' });
  await expect(dialog.getByLabel('Account Name')).toHaveValue('Smith, Jones & Co');
  await expect(dialog.getByLabel('Phone')).toHaveValue('555-2000');
  await dialog.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByRole('alert')).toHaveText(/Account "Smith, Jones & Co" was created\./);
});

test('an object without record types opens the form directly; Cancel goes back to the list', async ({ page, org }) => {
  await openAs(page, org, ADMIN, '/lightning/o/Account/new');
  const dialog = page.getByRole('dialog', { name: 'New Account' });
  await expect(dialog.getByLabel('Account Name')).toBeVisible();
  await dialog.getByRole('button', { name: 'Cancel', exact: true }).click();
  await expect(page).toHaveURL(/\/lightning\/o\/Account\/list/);
  await expect(page.getByRole('dialog')).toHaveCount(0);
});

test('Edit opens the Edit modal titled with the record name and saves changes', async ({ page, org }) => {
  const acme = org.service.seed('Account', { Name: 'Acme Rockets' });
  const initech = org.service.seed('Account', { Name: 'Initech' });
  const oppId = org.service.seed('Opportunity', { Name: 'Renewal 2026', AccountId: acme, StageName: 'Qualification', CloseDate: '2026-03-31', Amount: 1000 });
  await openAs(page, org, ADMIN, `/lightning/r/Opportunity/${oppId}/view`);
  await page.getByRole('button', { name: 'Edit', exact: true }).click();
  await waitForLightning(page);
  await expect(page).toHaveURL(new RegExp(`/lightning/r/Opportunity/${oppId}/edit$`));
  const dialog = page.getByRole('dialog', { name: 'Edit Renewal 2026' });
  await expect(dialog.getByLabel('Close Date')).toHaveValue('Mar 31, 2026');
  await expect(dialog.getByLabel('Amount')).toHaveValue('1000');
  await dialog.getByLabel('Amount').fill('2500.50');
  // Swap the account: clear the selection, search, pick.
  await dialog.getByRole('button', { name: 'Clear Selection' }).click();
  await dialog.getByPlaceholder('Search Accounts...').fill('init');
  await expect(dialog.getByRole('option', { name: 'Initech' })).toBeVisible();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await expect(dialog.getByPlaceholder('Search Accounts...')).toHaveValue('Initech');
  await dialog.locator('button[name="SaveEdit"]').click();
  await expect(page).toHaveURL(new RegExp(`/lightning/r/Opportunity/${oppId}/view$`));
  await expect(page.getByRole('alert')).toHaveText(/Opportunity "Renewal 2026" was saved\./);
  expect(org.service.peek(oppId)).toMatchObject({ Amount: 2500.5, AccountId: initech, StageName: 'Qualification' });
});

test('the list view links each row to its record', async ({ page, org }) => {
  org.service.seed('Account', { Name: 'Alpha Aero', Phone: '555-0001' });
  org.service.seed('Account', { Name: 'Beta Boats', Phone: '555-0002' });
  await openAs(page, org, ADMIN, '/lightning/o/Account/list?filterName=Recent');
  const grid = page.getByRole('grid', { name: 'Recently Viewed' });
  await expect(grid.getByRole('row')).toHaveCount(3);
  await grid.getByRole('link', { name: 'Alpha Aero' }).click();
  await waitForLightning(page);
  await expect(page.locator('[slot="primaryField"]')).toHaveText('Alpha Aero');
});
