/**
 * A failed page-object step names the persona, the page and the field it was looking for, so a red run
 * reads "support-agent on Opportunity record page 006…: read "Discount Margin" failed: …" rather than a
 * bare locator timeout. The field here is deliberately one the org does not have.
 */
import { test, expect } from './support/index.js';
import { openDealOwnedBy } from './support/deals.js';

const MISSING = 'Discount Margin';

test('reading a field that is not on the record page names persona, page and field', async ({ signIn, records }) => {
  const rep = await signIn('sales-rep');
  const deal = await openDealOwnedBy(rep, records);
  const agent = await signIn('support-agent');
  const page = agent.recordPage('Opportunity');
  await page.goto(deal.opportunityId);

  await expect(page.readField(MISSING)).rejects.toThrow(
    `support-agent on Opportunity record page ${deal.opportunityId}: read "${MISSING}" failed: field "${MISSING}" is not shown (hidden from this user, or not on the layout)`,
  );
});

test('filling a field that is not on the New form names persona, form and field', async ({ signIn }) => {
  const rep = await signIn('sales-rep');
  const list = rep.listView('Opportunity');
  await list.goto();
  const form = await list.startNew();

  await expect(form.fill(MISSING, 5)).rejects.toThrow(
    `sales-rep on New Opportunity: set "${MISSING}" to 5 failed: no field labelled "${MISSING}" (hidden from this user, or not on the layout)`,
  );
  await expect(form.labelOf('Opportunity', 'Discount_Margin__c')).rejects.toThrow(
    'sales-rep on New Opportunity: find Opportunity.Discount_Margin__c failed: Opportunity.Discount_Margin__c is not on this form',
  );
  await form.cancel();
});
