/**
 * The ERP integration's contract: it upserts customers by `ERP_Id__c` (create, then update the same
 * record), and the fields it sends land as sent. API only: this user has no UI session.
 */
import { test, expect } from '../../fixtures/index.js';

test(
  'integration user upserts an account by ERP id and the fields land',
  { tag: ['@integration-user', '@smoke', '@area:integration', '@component:Account.ERP_Id__c', '@severity:critical'] },
  async ({ sf, testData, runId }) => {
    const erpId = `ERP-${runId}`;
    const name = testData.name('Fabrikam GmbH');

    const created = await sf.sobject('Account').upsert({ ERP_Id__c: erpId, Name: name, Customer_Tier__c: 'Small Business' }, 'ERP_Id__c');
    expect(created, 'first upsert creates the account').toMatchObject({ success: true, created: true });
    // The upsert answers the id of the account it created (API 46+), so no query is needed to find it.
    const id = (created as { id?: string }).id;
    expect(id, `the first upsert by ERP_Id__c = ${erpId} answered no id`).toBeDefined();
    testData.adopt('Account', id!);

    const updated = await sf.sobject('Account').upsert({ ERP_Id__c: erpId, Name: name, Customer_Tier__c: 'Enterprise' }, 'ERP_Id__c');
    expect(updated, 'second upsert updates the same account').toMatchObject({ success: true, created: false });

    const rows = await sf.query<Record<string, unknown>>(`SELECT Id, Name, Customer_Tier__c FROM Account WHERE ERP_Id__c = '${erpId}'`);
    expect(rows.totalSize, 'exactly one account per ERP id').toBe(1);
    expect(rows.records[0]).toMatchObject({ Id: id, Name: name, Customer_Tier__c: 'Enterprise' });
  },
);
