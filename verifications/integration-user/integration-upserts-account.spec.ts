/**
 * The ERP integration's contract: it upserts customers by `ERP_Id__c` (create, then update the same
 * record), and the fields it sends land as sent. API only: this user has no UI session.
 *
 * The two upserts and the read-back go to the org together (one `/composite` call; one request each with
 * SF_BATCHING=false): the org runs them in order, each in its own transaction, as it would separate calls.
 */
import { test, expect } from '../../fixtures/index.js';
import { errorOf, queryRequest, recordsOf, sendTogether, upsertRequest } from '../../src/salesforce/composite.js';

test(
  'integration user upserts an account by ERP id and the fields land',
  { tag: ['@integration-user', '@smoke', '@area:integration', '@component:Account.ERP_Id__c', '@severity:critical'] },
  async ({ sf, testData, runId, config }) => {
    const erpId = `ERP-${runId}`;
    const name = testData.name('Fabrikam GmbH');

    const answers = await sendTogether(
      sf,
      [
        upsertRequest('created', 'Account', 'ERP_Id__c', { ERP_Id__c: erpId, Name: name, Customer_Tier__c: 'Small Business' }),
        upsertRequest('updated', 'Account', 'ERP_Id__c', { ERP_Id__c: erpId, Name: name, Customer_Tier__c: 'Enterprise' }),
        queryRequest('rows', `SELECT Id, Name, Customer_Tier__c FROM Account WHERE ERP_Id__c = '${erpId}'`),
      ],
      config.frugal,
    );
    // The upsert answers the id of the account it created (API 46+), so no query is needed to find it.
    const id = (answers.created?.body as { id?: string } | null)?.id;
    if (id) testData.adopt('Account', id);
    expect(errorOf(answers.created), 'first upsert').toBeUndefined();
    expect(answers.created?.body, 'first upsert creates the account').toMatchObject({ success: true, created: true });
    expect(id, `the first upsert by ERP_Id__c = ${erpId} answered no id`).toBeDefined();

    expect(errorOf(answers.updated), 'second upsert').toBeUndefined();
    expect(answers.updated?.body, 'second upsert updates the same account').toMatchObject({ success: true, created: false });

    const rows = recordsOf<Record<string, unknown>>(answers.rows);
    expect(rows.length, 'exactly one account per ERP id').toBe(1);
    expect(rows[0]).toMatchObject({ Id: id, Name: name, Customer_Tier__c: 'Enterprise' });
  },
);
