/**
 * The release's validation rules as a person meets them in Lightning: the "We hit a snag." popover, with
 * the rule's message under its field when the rule has an error location (`Discount_Requires_Reason` ->
 * Discount Reason) and in "Review the errors on this page." when it has none (`Discount_Limit`, top of
 * page). The same rules the API runs: a refused save changes nothing.
 */
import { test, expect } from './support/index.js';
import { attachScreenshot } from './support/screenshots.js';
import { openDealOwnedBy } from './support/deals.js';

const REASON_REQUIRED = 'Choose a Discount Reason when you give a discount.';
const DEAL_DESK_LIMIT = 'Discounts above 20% need approval from Deal Desk.';

test('a discount without a reason: the message is in the popover and under Discount Reason', async ({ signIn, records }, testInfo) => {
  const rep = await signIn('sales-rep');
  const deal = await openDealOwnedBy(rep, records);
  const page = rep.recordPage('Opportunity');
  await page.goto(deal.opportunityId);

  const form = await page.editInline('Discount');
  await form.fill('Discount', 10);
  await form.save();

  await form.errors.expectShown();
  expect(await form.errors.fieldErrors()).toEqual(['Discount Reason']);
  expect(await form.errors.pageErrors()).toEqual([]);
  expect(await form.fieldMessage('Discount Reason')).toBe(REASON_REQUIRED);
  await attachScreenshot(testInfo, rep.page, 'error popover (field-level rule)');

  const stored = await rep.conn.sobject('Opportunity').retrieve(deal.opportunityId);
  expect(stored.Discount__c ?? null).toBeNull();
});

test('a discount above 20%: the Deal Desk message is a page-level error, not a field error', async ({ signIn, records }, testInfo) => {
  const rep = await signIn('sales-rep');
  const deal = await openDealOwnedBy(rep, records);
  const page = rep.recordPage('Opportunity');
  await page.goto(deal.opportunityId);

  const form = await page.editInline('Discount');
  await form.fill('Discount', 25);
  await form.fill('Discount Reason', 'Strategic');
  await form.save();

  await form.errors.expectShown();
  expect(await form.errors.pageErrors()).toEqual([DEAL_DESK_LIMIT]);
  expect(await form.errors.fieldErrors()).toEqual([]);
  await attachScreenshot(testInfo, rep.page, 'error popover (page-level rule)');

  const stored = await rep.conn.sobject('Opportunity').retrieve(deal.opportunityId);
  expect(stored.Discount__c ?? null).toBeNull();
  expect(stored.Discount_Reason__c ?? null).toBeNull();
});

test('the sales manager holds Discount Exempt (Deal Desk) and saves the same 25% discount', async ({ signIn, records }) => {
  const manager = await signIn('sales-manager');
  const deal = await openDealOwnedBy(manager, records);
  const page = manager.recordPage('Opportunity');
  await page.goto(deal.opportunityId);

  const form = await page.editInline('Discount');
  await form.fill('Discount', 25);
  await form.fill('Discount Reason', 'Strategic');
  await form.fill('Discount Approved', true);
  await form.save();
  await manager.toast.expectMessage(`Opportunity "${deal.opportunityName}" was saved.`);

  const stored = await manager.conn.sobject('Opportunity').retrieve(deal.opportunityId);
  expect(stored).toMatchObject({ Discount__c: 25, Discount_Reason__c: 'Strategic', Discount_Approved__c: true });
});
