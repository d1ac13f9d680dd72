/**
 * The deal most specs start from: an Account and an open Opportunity on it, owned by the persona who will
 * work it (Opportunity is Public Read Only in the sample org, so only its owner, or someone above in the
 * role hierarchy, may edit it).
 */
import type { PersonaSession } from './personas.fixture.js';
import type { TestRecords } from './test-records.fixture.js';

export interface Deal {
  accountId: string;
  accountName: string;
  opportunityId: string;
  opportunityName: string;
}

export async function openDealOwnedBy(owner: PersonaSession, records: TestRecords, stage = 'Prospecting'): Promise<Deal> {
  const accountName = records.uniqueName('Northwind');
  const accountId = await records.create('Account', { Name: accountName }, owner.conn);
  const opportunityName = `${accountName} - Renewal`;
  const opportunityId = await records.create(
    'Opportunity',
    { Name: opportunityName, AccountId: accountId, StageName: stage, CloseDate: '2026-06-30' },
    owner.conn,
  );
  return { accountId, accountName, opportunityId, opportunityName };
}
