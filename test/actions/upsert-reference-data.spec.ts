/** upsertReferenceData: CSV or sf data tree JSON, upserted on ERP_Id__c, only rows that differ are written. */
import path from 'node:path';
import type { Connection } from '@jsforce/jsforce-node';
import { upsertReferenceData } from '../../src/actions/builtins/index.js';
import { readLedger } from '../../src/actions/ledger.js';
import { runAction } from '../../src/actions/runner.js';
import { runChain, stepAfter } from './support/run-chain.js';
import { expect, test } from './support/emulator.fixture.js';

const data = (file: string) => path.join(import.meta.dirname, 'data', file);

async function accounts(conn: Connection): Promise<Array<Record<string, unknown>>> {
  const result = await conn.query<Record<string, unknown>>('SELECT ERP_Id__c, Name, Customer_Tier__c, NumberOfEmployees FROM Account WHERE ERP_Id__c != null ORDER BY ERP_Id__c');
  return result.records.map(({ attributes: _a, ...rest }) => rest);
}

test('CSV: first run upserts every row in one collection request; the second writes nothing; a drifted row alone is rewritten', async ({ sampleOrg }) => {
  const action = upsertReferenceData({ object: 'Account', file: data('erp-accounts.csv'), externalId: 'ERP_Id__c' });
  expect(action.id).toBe('reference-data:Account:erp-accounts.csv');
  const settings = await sampleOrg.settings();
  sampleOrg.resetRequests();
  const first = await runAction(action, sampleOrg.context(), settings);
  expect(first).toMatchObject({ status: 'applied', detail: '3 inserted, 0 updated, 0 unchanged' });
  expect(sampleOrg.writes()).toEqual([expect.stringMatching(/^PATCH \/services\/data\/v\d+\.\d\/composite\/sobjects\/Account\/ERP_Id__c$/)]);
  expect(await accounts(sampleOrg.admin)).toEqual([
    { ERP_Id__c: 'ERP-1001', Name: 'Acme Corporation', Customer_Tier__c: 'Enterprise', NumberOfEmployees: 5200 },
    { ERP_Id__c: 'ERP-1002', Name: 'Globex, Inc.', Customer_Tier__c: 'Mid-Market', NumberOfEmployees: 800 },
    { ERP_Id__c: 'ERP-1003', Name: 'Initech', Customer_Tier__c: 'Small Business', NumberOfEmployees: null },
  ]);

  sampleOrg.resetRequests();
  const second = await runAction(action, sampleOrg.context(), settings);
  expect(second).toMatchObject({ status: 'already-applied', detail: 'already applied: 3 of 3 rows already match' });
  expect(sampleOrg.writes()).toEqual([]);

  // Someone edits one account by hand: the next run puts back only that row.
  const [globex] = (await sampleOrg.admin.query<{ Id: string }>("SELECT Id FROM Account WHERE ERP_Id__c = 'ERP-1002'")).records;
  await sampleOrg.admin.sobject('Account').update({ Id: globex?.Id ?? '', Customer_Tier__c: 'Enterprise' });
  sampleOrg.resetRequests();
  const ctx = sampleOrg.context();
  const third = await runAction(action, ctx, settings);
  expect(third.detail).toBe('0 inserted, 1 updated, 2 unchanged');
  expect(ctx.logs).toEqual(['ERP_Id__c ERP-1002: updated Customer_Tier__c "Enterprise" -> "Mid-Market"']);
  expect(sampleOrg.writes()).toHaveLength(1);
});

test('sf data tree JSON: upserted, then already applied', async ({ sampleOrg }) => {
  const action = upsertReferenceData({ object: 'Account', file: data('erp-accounts.json'), externalId: 'ERP_Id__c' });
  const settings = await sampleOrg.settings();
  expect((await runAction(action, sampleOrg.context(), settings)).detail).toBe('2 inserted, 0 updated, 0 unchanged');
  expect(await accounts(sampleOrg.admin)).toEqual([
    { ERP_Id__c: 'ERP-2001', Name: 'Umbrella', Customer_Tier__c: 'Enterprise', NumberOfEmployees: 12000 },
    { ERP_Id__c: 'ERP-2002', Name: 'Hooli', Customer_Tier__c: 'Mid-Market', NumberOfEmployees: null },
  ]);
  sampleOrg.resetRequests();
  expect((await runAction(action, sampleOrg.context(), settings)).status).toBe('already-applied');
  expect(sampleOrg.writes()).toEqual([]);
});

test('a row the org refuses fails the action with that row\'s error and stops the chain; the valid row is kept', async ({ sampleOrg }) => {
  const action = upsertReferenceData({ id: 'erp-tiers', object: 'Account', file: data('erp-accounts-bad-tier.csv'), externalId: 'ERP_Id__c' });
  const after = stepAfter();
  const chain = await runChain([action, after], sampleOrg.context(), await sampleOrg.settings());
  expect(chain.failed?.id).toBe('erp-tiers');
  expect(chain.failed?.error.message).toContain('1 of 2 rows were refused (1 inserted, 0 updated, 0 unchanged)');
  expect(chain.failed?.error.message).toContain('ERP_Id__c ERP-3002: INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST');
  expect(chain.notRun).toEqual(['after']);
  expect(readLedger(sampleOrg.ledgerFile)[0]?.error).toContain('INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST');
  // allOrNone false: the valid row was saved, so a corrected file finishes the job on the next run.
  expect((await accounts(sampleOrg.admin)).map((a) => a['ERP_Id__c'])).toEqual(['ERP-3001']);
});

test('a dry run writes nothing', async ({ sampleOrg }) => {
  const settings = await sampleOrg.settings({ dryRun: true });
  sampleOrg.resetRequests();
  const outcome = await runAction(upsertReferenceData({ object: 'Account', file: data('erp-accounts.csv'), externalId: 'ERP_Id__c' }), sampleOrg.context(), settings);
  expect(outcome.detail).toBe('dry run: would upsert 3 Account rows on ERP_Id__c (3 new, 0 changed) (0 of 3 rows already match)');
  expect(sampleOrg.writes()).toEqual([]);
});

test('a file without the external id column is refused when the release is declared', () => {
  expect(() => upsertReferenceData({ object: 'Account', file: data('erp-accounts.csv'), externalId: 'Legacy_Id__c' })).toThrow('has no Legacy_Id__c column');
});

test.describe('in production', () => {
  test.use({ sandbox: false });

  test('without the allow nothing is written', async ({ sampleOrg }) => {
    const settings = await sampleOrg.settings();
    sampleOrg.resetRequests();
    await expect(
      runAction(upsertReferenceData({ object: 'Account', file: data('erp-accounts.csv'), externalId: 'ERP_Id__c' }), sampleOrg.context(), settings),
    ).rejects.toThrow(/production org/);
    expect(sampleOrg.writes()).toEqual([]);
  });
});
