/**
 * A field the user may not read is absent from the record page: no label, no value, no pencil (Lightning
 * drops the layout item rather than showing it empty). Runs on the sample org with a test-only overlay
 * (`overlays/discount-hidden-from-support`) that takes the Discount fields away from the support agent,
 * because in the release itself every UI persona may at least read them.
 */
import path from 'node:path';
import { test, expect } from './support/index.js';
import { openDealOwnedBy } from './support/deals.js';

test.use({ overlays: [path.join(import.meta.dirname, 'overlays', 'discount-hidden-from-support')] });

test('Discount fields are absent for the support agent and still editable for the sales rep', async ({ signIn, records }) => {
  const rep = await signIn('sales-rep');
  const deal = await openDealOwnedBy(rep, records);
  await rep.conn.sobject('Opportunity').update({ Id: deal.opportunityId, Discount__c: 10, Discount_Reason__c: 'Volume' });

  const agent = await signIn('support-agent');
  const agentView = agent.recordPage('Opportunity');
  await agentView.goto(deal.opportunityId);
  for (const label of ['Discount', 'Discount Reason', 'Discount Approved']) {
    expect(await agentView.hasField(label), `${label} shown to the support agent`).toBe(false);
    await expect(agentView.inlineEditButton(label)).toHaveCount(0);
  }
  // The rest of the layout is still there, so the absence is the field's, not the page's.
  expect(await agentView.readField('Opportunity Name')).toBe(deal.opportunityName);
  // The API agrees: the agent's describe does not list the field at all.
  const describe = await agent.conn.sobject('Opportunity').describe();
  expect(describe.fields.map((f) => f.name)).not.toContain('Discount__c');

  const repView = rep.recordPage('Opportunity');
  await repView.goto(deal.opportunityId);
  expect(await repView.isEditable('Discount')).toBe(true);
  expect(await repView.readField('Discount')).toMatch(/^10(\.00)?%$/);
});
