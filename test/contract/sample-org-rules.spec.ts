/**
 * The sample org's Case rules and fields (org/README.md) run through the REST API as the sample's own users:
 *
 * - `Onboarding_Cases_Stay_Closed`: ISNEW, ISCHANGED, PRIORVALUE, `$RecordType`, `$Profile`;
 * - `Escalation_By_Support_Team`: ISPICKVAL, BEGINS on `$UserRole`, `$User.Department`, `$Profile`;
 * - `Web_Phone_Format`: REGEX;
 * - `Onboarding_Team__c`: a formula across the Account lookup with INCLUDES on a multi-select and CASE;
 * - `Integration_User`'s Modify All on Account, which keeps the ERP sync working when Account sharing is
 *   tightened (overlay `sharing-tightened`) while sales reps lose the accounts they do not own;
 * - `Opportunity__c`: a custom lookup (relationship `Onboarding_Cases`) that Closed_Won_Onboarding fills,
 *   cleared when the opportunity is deleted (`deleteConstraint` SetNull).
 */
import type { Connection } from '@jsforce/jsforce-node';
import { caseRecordTypeId, expect, insert, refusal, sampleOverlay, test } from './fixtures/sample-org.fixture.js';

async function caseField<T>(conn: Connection, id: string, field: string): Promise<T> {
  const found = await conn.query<Record<string, T>>(`SELECT ${field} FROM Case WHERE Id = '${id}'`);
  const row = found.records[0];
  if (!row) throw new Error(`Case ${id} is not visible`);
  return row[field] as T;
}

const STAY_CLOSED = 'Closed onboarding cases stay closed: open a new onboarding case instead.';
const SUPPORT_ONLY = 'Only the support team can escalate a case.';

test.describe('Onboarding_Cases_Stay_Closed', () => {
  test('the agent cannot reopen a closed onboarding case; a closed support case reopens; the admin may reopen either', async ({ as }) => {
    const agent = await as('agent');
    const admin = await as('admin');
    const onboarding = await insert(agent, 'Case', {
      Subject: 'Onboarding: Umbrella', RecordTypeId: await caseRecordTypeId(agent, 'Onboarding'), Origin: 'Web', Status: 'Closed', Onboarding_Stage__c: 'Kick-off',
    });
    // Created closed (ISNEW): allowed. Saving it again without touching Status: allowed.
    await agent.sobject('Case').update({ Id: onboarding, Subject: 'Onboarding: Umbrella Corp' });

    expect(await refusal(() => agent.sobject('Case').update({ Id: onboarding, Status: 'Working' }))).toEqual({
      errorCode: 'FIELD_CUSTOM_VALIDATION_EXCEPTION', message: STAY_CLOSED,
    });
    expect(await caseField<string>(agent, onboarding, 'Status')).toBe('Closed');

    const support = await insert(agent, 'Case', { Subject: 'Printer jam', RecordTypeId: await caseRecordTypeId(agent, 'Support'), Origin: 'Phone', Status: 'Closed' });
    await agent.sobject('Case').update({ Id: support, Status: 'Working' });
    expect(await caseField<string>(agent, support, 'Status')).toBe('Working');

    await admin.sobject('Case').update({ Id: onboarding, Status: 'Working' });
    expect(await caseField<string>(admin, onboarding, 'Status')).toBe('Working');
  });
});

test.describe('Escalation_By_Support_Team', () => {
  test('the agent (Support_Agent role) escalates; the rep (Sales role and department) is refused on Status; the admin escalates', async ({ as }) => {
    const agent = await as('agent');
    const rep = await as('rep');
    const admin = await as('admin');
    const supportType = await caseRecordTypeId(admin, 'Support');

    const byAgent = await insert(agent, 'Case', { Subject: 'Outage', RecordTypeId: supportType, Origin: 'Phone', Status: 'New' });
    await agent.sobject('Case').update({ Id: byAgent, Status: 'Escalated' });
    expect(await caseField<string>(agent, byAgent, 'Status')).toBe('Escalated');

    const byRep = await insert(rep, 'Case', { Subject: 'Customer unhappy', Origin: 'Phone', Status: 'New' });
    expect(await refusal(() => rep.sobject('Case').update({ Id: byRep, Status: 'Escalated' }))).toEqual({
      errorCode: 'FIELD_CUSTOM_VALIDATION_EXCEPTION', message: SUPPORT_ONLY,
    });
    expect(await caseField<string>(rep, byRep, 'Status')).toBe('New');

    await admin.sobject('Case').update({ Id: byRep, Status: 'Escalated' });
    expect(await caseField<string>(admin, byRep, 'Status')).toBe('Escalated');
  });
});

test.describe('Web_Phone_Format', () => {
  test('a dialable web phone saves; letters are refused with the rule message; blank is fine', async ({ as }) => {
    const agent = await as('agent');
    const ok = await insert(agent, 'Case', { Subject: 'Call me back', Origin: 'Web', Status: 'New', SuppliedPhone: '+44 (20) 7946-0001' });
    expect(await caseField<string>(agent, ok, 'SuppliedPhone')).toBe('+44 (20) 7946-0001');
    await insert(agent, 'Case', { Subject: 'No phone', Origin: 'Web', Status: 'New' });
    expect(await refusal(() => agent.sobject('Case').create({ Subject: 'Bad phone', Origin: 'Web', Status: 'New', SuppliedPhone: 'call my mobile' }))).toEqual({
      errorCode: 'FIELD_CUSTOM_VALIDATION_EXCEPTION', message: 'Enter a phone number the support line can dial, such as +44 20 7946 0001.',
    });
  });
});

test.describe('Onboarding_Team__c', () => {
  test('follows the account: tier through CASE, EMEA through INCLUDES, re-read after the account changes', async ({ as }) => {
    const admin = await as('admin');
    const agent = await as('agent');
    const account = await insert(admin, 'Account', { Name: 'Stark Industries', Customer_Tier__c: 'Enterprise', Regions__c: 'North America;EMEA' });
    const caseId = await insert(agent, 'Case', { Subject: 'Onboarding: Stark', AccountId: account, Origin: 'Web', Status: 'New' });
    expect(await caseField<string>(agent, caseId, 'Onboarding_Team__c')).toBe('EMEA Enterprise onboarding');

    await admin.sobject('Account').update({ Id: account, Customer_Tier__c: 'Mid-Market', Regions__c: 'APAC' });
    expect(await caseField<string>(agent, caseId, 'Onboarding_Team__c')).toBe('Mid-market onboarding');

    const noAccount = await insert(agent, 'Case', { Subject: 'Walk-in', Origin: 'Phone', Status: 'New' });
    expect(await caseField<string>(agent, noAccount, 'Onboarding_Team__c')).toBe('Self-serve onboarding');
  });
});

test.describe('Opportunity__c (Closed Deal)', () => {
  test('Closed_Won_Onboarding links the case to its deal; the relationship reads both ways; deleting the deal clears the link', async ({ as }) => {
    const rep = await as('rep');
    const admin = await as('admin');
    const account = await insert(admin, 'Account', { Name: 'Wayne Enterprises' });
    const deal = await insert(rep, 'Opportunity', { Name: 'Wayne - Fleet', AccountId: account, StageName: 'Negotiation/Review', CloseDate: '2025-06-30' });
    await rep.sobject('Opportunity').update({ Id: deal, StageName: 'Closed Won' });

    const cases = await rep.query<{ Id: string; Opportunity__c: string; Opportunity__r: { Name: string } | null }>(
      `SELECT Id, Opportunity__c, Opportunity__r.Name FROM Case WHERE Opportunity__c = '${deal}'`,
    );
    expect(cases.records).toHaveLength(1);
    expect(cases.records[0]).toMatchObject({ Opportunity__c: deal, Opportunity__r: { Name: 'Wayne - Fleet' } });
    const parent = await rep.query<{ Onboarding_Cases__r: { totalSize: number } | null }>(`SELECT (SELECT Id FROM Onboarding_Cases__r) FROM Opportunity WHERE Id = '${deal}'`);
    expect(parent.records[0]?.Onboarding_Cases__r?.totalSize).toBe(1);

    const caseId = cases.records[0]!.Id;
    await admin.sobject('Opportunity').destroy(deal);
    expect(await caseField<string | null>(admin, caseId, 'Opportunity__c')).toBeNull();
  });
});

test.describe('Modify All on Account for the integration, with Account sharing tightened to Private', () => {
  test.use({ overlays: [sampleOverlay('sharing-tightened')] });

  test('the integration updates and deletes an account the rep owns; the rep cannot see one the integration owns', async ({ as }) => {
    const rep = await as('rep');
    const integration = await as('integration');
    const repsAccount = await insert(rep, 'Account', { Name: 'Rep-owned customer' });
    await integration.sobject('Account').update({ Id: repsAccount, Phone: '+1 555 0100' });
    const seen = await integration.query<{ Phone: string }>(`SELECT Phone FROM Account WHERE Id = '${repsAccount}'`);
    expect(seen.records[0]?.Phone).toBe('+1 555 0100');

    const erpAccount = await insert(integration, 'Account', { Name: 'ERP customer' });
    expect((await rep.query(`SELECT Id FROM Account WHERE Id = '${erpAccount}'`)).totalSize).toBe(0);
    expect(await refusal(() => rep.sobject('Account').update({ Id: erpAccount, Phone: '1' }))).toMatchObject({ errorCode: 'INSUFFICIENT_ACCESS_OR_READONLY' });

    await integration.sobject('Account').destroy(repsAccount);
    expect((await rep.query(`SELECT Id FROM Account WHERE Id = '${repsAccount}'`)).totalSize).toBe(0);
  });
});
