/**
 * The sales rep's everyday journey through the whole stack: create an Opportunity in Lightning, see the
 * toast, land on the record, and the API (as the same rep) sees exactly what was typed.
 */
import { test, expect } from '../../fixtures/index.js';

test(
  'sales rep creates an opportunity in Lightning and the API confirms it',
  { tag: ['@sales-rep', '@smoke', '@area:records', '@component:Opportunity', '@severity:critical'] },
  async ({ lightning, sf, testData }) => {
    const accountName = testData.name('Northwind Traders');
    await testData.create('Account', { Name: accountName });
    const opportunityName = testData.name('Northwind renewal');
    const closeDate = new Date(Date.UTC(new Date().getUTCFullYear() + 1, 2, 31));

    const list = lightning.listView('Opportunity');
    await list.goto();
    const form = await list.startNew();
    await form.fill('Opportunity Name', opportunityName);
    await form.fill('Account Name', accountName);
    await form.fillDate('Close Date', closeDate);
    await form.fill('Stage', 'Prospecting');
    await form.fill('Amount', '25000');
    await form.save();

    await lightning.toast.expectMessage(`Opportunity "${opportunityName}" was created.`);
    const recordPage = lightning.recordPage('Opportunity');
    const id = await recordPage.currentRecordId();
    testData.adopt('Opportunity', id);
    await expect.poll(() => recordPage.title()).toBe(opportunityName);

    const saved = await sf.query<Record<string, unknown>>(
      `SELECT Name, StageName, CloseDate, Amount, Account.Name FROM Opportunity WHERE Id = '${id}'`,
    );
    expect(saved.records[0]).toMatchObject({
      Name: opportunityName,
      StageName: 'Prospecting',
      CloseDate: closeDate.toISOString().slice(0, 10),
      Amount: 25000,
      Account: { Name: accountName },
    });
  },
);
