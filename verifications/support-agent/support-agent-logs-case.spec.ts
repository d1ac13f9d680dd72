/**
 * The support agent's everyday journey: log a Support case for a customer in Lightning (choosing the record
 * type, as agents who may use several do) and the API, as the agent, sees it with the right record type.
 */
import { test, expect } from '../../fixtures/index.js';

test(
  'support agent logs a support case in Lightning and the API confirms it',
  { tag: ['@support-agent', '@smoke', '@area:records', '@component:Case', '@component:Layout:Case-Support Case Layout', '@severity:critical'] },
  async ({ lightning, sf, adminSf, testData }) => {
    const accountName = testData.name('Contoso Pharmaceuticals');
    // Agents read accounts but do not create them: the release manager prepares the customer.
    await testData.create('Account', { Name: accountName }, adminSf);
    const subject = testData.name('Cannot export invoices');

    const list = lightning.listView('Case');
    await list.goto();
    const form = await list.startNew('Support');
    await form.fill('Subject', subject);
    await form.fill('Account Name', accountName);
    await form.fill('Status', 'New');
    await form.fill('Case Origin', 'Phone');
    await form.fill('Priority', 'High');
    await form.save();

    const recordPage = lightning.recordPage('Case');
    const id = await recordPage.currentRecordId();
    testData.adopt('Case', id);
    await lightning.toast.expectMessage(/Case ".+" was created\./);

    const saved = await sf.query<Record<string, unknown>>(
      `SELECT Subject, Status, Origin, Priority, RecordType.DeveloperName, Account.Name FROM Case WHERE Id = '${id}'`,
    );
    expect(saved.records[0]).toMatchObject({
      Subject: subject,
      Status: 'New',
      Origin: 'Phone',
      Priority: 'High',
      RecordType: { DeveloperName: 'Support' },
      Account: { Name: accountName },
    });
  },
);
