/**
 * What each persona may do with the release's Discount fields on an Opportunity record page, seen the way a
 * person sees it: the pencil `Edit {Label}` is there only where the user may edit (org/README.md, "Who can
 * do what"): the sales rep edits Discount and Discount Reason but only reads Discount Approved (Deal Desk
 * approves); the support agent reads all three; the admin edits all three.
 */
import { test, expect } from './support/index.js';
import { attachScreenshot } from './support/screenshots.js';
import { openDealOwnedBy } from './support/deals.js';

const DISCOUNT_FIELDS = ['Discount', 'Discount Reason', 'Discount Approved'] as const;

test('the sales rep edits Discount through its pencil and the API reads the saved values back', async ({ signIn, records }, testInfo) => {
  const rep = await signIn('sales-rep');
  const deal = await openDealOwnedBy(rep, records);
  const page = rep.recordPage('Opportunity');
  await page.goto(deal.opportunityId);
  expect(await page.isEditable('Discount')).toBe(true);
  expect(await page.isEditable('Discount Reason')).toBe(true);

  const form = await page.editInline('Discount');
  await form.fill('Discount', 10);
  await form.fill('Discount Reason', 'Volume');
  await form.save();
  await rep.toast.expectMessage(`Opportunity "${deal.opportunityName}" was saved.`);

  // Percent fields hold 10 for 10% on the API (org/README.md, "Facts").
  const saved = await rep.conn.sobject('Opportunity').retrieve(deal.opportunityId);
  expect(saved).toMatchObject({ Discount__c: 10, Discount_Reason__c: 'Volume' });
  // …and the page, back in view mode, shows what was saved.
  expect(await page.readField('Discount')).toMatch(/^10(\.00)?%$/);
  expect(await page.readField('Discount Reason')).toBe('Volume');
  await attachScreenshot(testInfo, rep.page, 'record page (sales rep, after inline save)');
});

test('the sales rep sees Discount Approved without a pencil: only Deal Desk approves', async ({ signIn, records }) => {
  const rep = await signIn('sales-rep');
  const deal = await openDealOwnedBy(rep, records);
  const page = rep.recordPage('Opportunity');
  await page.goto(deal.opportunityId);
  expect(await page.hasField('Discount Approved')).toBe(true);
  expect(await page.isEditable('Discount Approved')).toBe(false);
  // The same record, same user: the fields the rep may edit keep their pencils.
  expect(await page.isEditable('Discount')).toBe(true);
});

test('the support agent reads every Discount field but has no pencil on any of them', async ({ signIn, records }) => {
  const rep = await signIn('sales-rep');
  const deal = await openDealOwnedBy(rep, records);
  await rep.conn.sobject('Opportunity').update({ Id: deal.opportunityId, Discount__c: 10, Discount_Reason__c: 'Competitive' });

  const agent = await signIn('support-agent');
  const page = agent.recordPage('Opportunity');
  await page.goto(deal.opportunityId);
  for (const label of DISCOUNT_FIELDS) {
    expect(await page.hasField(label), `${label} shown`).toBe(true);
    expect(await page.isEditable(label), `${label} editable`).toBe(false);
  }
  expect(await page.readField('Discount')).toMatch(/^10(\.00)?%$/);
  expect(await page.readField('Discount Reason')).toBe('Competitive');
});

test('the support agent gets no pencil at all on an Opportunity someone else owns', async ({ signIn, records }) => {
  // The agent's Standard User profile grants Edit on Opportunity, but the object is Public Read Only and the
  // rep owns the record, so the save is refused ("insufficient access rights on object id"). Lightning
  // shows no pencil (and no Edit button) on a record the user cannot edit.
  const rep = await signIn('sales-rep');
  const deal = await openDealOwnedBy(rep, records);
  const agent = await signIn('support-agent');
  const page = agent.recordPage('Opportunity');
  await page.goto(deal.opportunityId);
  expect(await page.hasField('Opportunity Name')).toBe(true);
  expect(await page.isEditable('Opportunity Name')).toBe(false);
});

test('the admin has a pencil on every Discount field', async ({ signIn, records }) => {
  const rep = await signIn('sales-rep');
  const deal = await openDealOwnedBy(rep, records);
  const admin = await signIn('admin');
  const page = admin.recordPage('Opportunity');
  await page.goto(deal.opportunityId);
  for (const label of DISCOUNT_FIELDS) expect(await page.isEditable(label), `${label} editable`).toBe(true);
});
