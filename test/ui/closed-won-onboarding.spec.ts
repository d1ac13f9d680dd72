/**
 * The sales rep's day through the page objects: a new Opportunity from the list view, with its Account set
 * through the lookup and its Stage through the picklist; then closing it, after which the after-save flow
 * `Closed_Won_Onboarding` opens an onboarding Case that the rep finds on the Account's Related tab
 * (org/README.md, "Closing a deal").
 */
import { test, expect } from './support/index.js';
import { attachScreenshot } from './support/screenshots.js';
import { openDealOwnedBy } from './support/deals.js';

test('New Opportunity: the Account Name lookup and the Stage picklist are set through RecordForm.fill', async ({ signIn, records }) => {
  const rep = await signIn('sales-rep');
  const accountName = records.uniqueName('Contoso');
  const accountId = await records.create('Account', { Name: accountName }, rep.conn);
  const opportunityName = `${accountName} - New Business`;

  const list = rep.listView('Opportunity');
  await list.goto();
  const form = await list.startNew();
  await form.fill('Opportunity Name', opportunityName);
  await form.fill('Account Name', accountName);
  await form.fillDate('Close Date', new Date(Date.UTC(2026, 8, 30)));
  await form.fill('Stage', 'Qualification');
  await form.save();
  await rep.toast.expectMessage(`Opportunity "${opportunityName}" was created.`);

  // After New -> Save, Lightning opens the new record (protocol reference §10.1).
  const page = rep.recordPage('Opportunity');
  const opportunityId = await page.currentRecordId();
  records.track('Opportunity', opportunityId);
  const saved = await rep.conn.sobject('Opportunity').retrieve(opportunityId);
  expect(saved).toMatchObject({ Name: opportunityName, AccountId: accountId, StageName: 'Qualification', CloseDate: '2026-09-30', OwnerId: rep.userId });
  await page.waitUntilReady();
  expect(await page.title()).toBe(opportunityName);
  expect(await page.readField('Account Name')).toBe(accountName);
  expect(await page.readField('Stage')).toBe('Qualification');
});

test('closing a deal as the rep: the onboarding Case the flow creates is on the Account\'s Related tab', async ({ signIn, records }, testInfo) => {
  const rep = await signIn('sales-rep');
  const deal = await openDealOwnedBy(rep, records);

  const opportunity = rep.recordPage('Opportunity');
  await opportunity.goto(deal.opportunityId);
  const form = await opportunity.edit();
  await form.fill('Stage', 'Closed Won');
  await form.save();
  await rep.toast.expectMessage(`Opportunity "${deal.opportunityName}" was saved.`);

  const cases = await rep.conn.query<{ Id: string; CaseNumber: string; Subject: string; OwnerId: string; Origin: string; Status: string; RecordType: { DeveloperName: string } }>(
    `SELECT Id, CaseNumber, Subject, OwnerId, Origin, Status, RecordType.DeveloperName FROM Case WHERE AccountId = '${deal.accountId}'`,
  );
  for (const c of cases.records) records.track('Case', c.Id);
  expect(cases.records).toHaveLength(1);
  const onboarding = cases.records[0]!;
  // Flow-created records are owned by the user whose save triggered the flow (org/README.md, "Facts").
  expect(onboarding).toMatchObject({
    Subject: `Onboarding: ${deal.opportunityName}`, OwnerId: rep.userId, Origin: 'Web', Status: 'New', RecordType: { DeveloperName: 'Onboarding' },
  });
  const tasks = await records.admin.query<{ Id: string }>(`SELECT Id FROM Task WHERE WhatId = '${onboarding.Id}'`);
  for (const t of tasks.records) records.track('Task', t.Id);

  const account = rep.recordPage('Account');
  await account.goto(deal.accountId);
  await account.openRelated();
  const related = account.relatedList('Cases');
  // A Case's record name is its Case Number, which is what the related list links.
  const link = related.getByRole('link', { name: onboarding.CaseNumber, exact: true });
  await expect(link).toBeVisible();
  await attachScreenshot(testInfo, rep.page, 'account related tab (onboarding case)');

  await link.click();
  const casePage = rep.recordPage('Case');
  expect(await casePage.currentRecordId()).toBe(onboarding.Id);
  await casePage.waitUntilReady();
  expect(await casePage.readField('Subject')).toBe(`Onboarding: ${deal.opportunityName}`);
});
