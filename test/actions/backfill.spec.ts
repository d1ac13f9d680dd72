/**
 * backfill: selection by SOQL, update through Bulk API 2.0 with progress, failures file, record cap, and a
 * COUNT() check that makes reruns free.
 */
import { readFileSync } from 'node:fs';
import type { Connection } from '@jsforce/jsforce-node';
import { backfill } from '../../src/actions/builtins/index.js';
import { readLedger } from '../../src/actions/ledger.js';
import { runAction } from '../../src/actions/runner.js';
import { runChain, stepAfter } from './support/run-chain.js';
import { expect, test } from './support/emulator.fixture.js';

const OPEN_WITHOUT_DISCOUNT = 'IsClosed = false AND Discount__c = null';
const discountBackfill = (extra: Partial<Parameters<typeof backfill>[0]> = {}) =>
  backfill({ id: 'backfill-discount', object: 'Opportunity', where: OPEN_WITHOUT_DISCOUNT, set: { Discount__c: 0 }, pollIntervalMs: 50, ...extra });

/**
 * Open opportunities without a discount, plus a few already discounted, which a backfill must not touch.
 * Every record carries the same keys: jsforce takes the Bulk CSV header from the first record.
 */
async function seedOpportunities(conn: Connection, open: number, extra: Array<Record<string, unknown>> = []): Promise<void> {
  const deal = (Name: string, fields: Record<string, unknown> = {}) => ({
    Name, StageName: 'Prospecting', CloseDate: '2027-03-31', Amount: null, Discount__c: null, Discount_Reason__c: null, ...fields,
  });
  const records = [
    ...Array.from({ length: open }, (_, i) => deal(`Legacy deal ${i}`, { Amount: 1000 + i })),
    ...Array.from({ length: 2 }, (_, i) => deal(`Discounted deal ${i}`, { Discount__c: 10, Discount_Reason__c: 'Volume' })),
    ...extra.map((fields, i) => deal(`Other deal ${i}`, fields)),
  ];
  const results = await conn.bulk2.loadAndWaitForResults({ object: 'Opportunity', operation: 'insert', input: records, pollInterval: 50, pollTimeout: 60_000 });
  expect(results.failedResults, 'seed opportunities').toEqual([]);
}

async function count(conn: Connection, where: string): Promise<number> {
  return (await conn.query(`SELECT COUNT() FROM Opportunity WHERE ${where}`)).totalSize;
}

test('first run updates every selected record through one Bulk API 2.0 job with progress; the second run writes nothing', async ({ sampleOrg }) => {
  await seedOpportunities(sampleOrg.admin, 450);
  const settings = await sampleOrg.settings();
  sampleOrg.resetRequests();
  const ctx = sampleOrg.context();
  const first = await runAction(discountBackfill(), ctx, settings);

  expect(first.status).toBe('applied');
  expect(first.detail).toMatch(/^updated 450 Opportunity records in \d+ s \(Bulk API 2\.0 job 750\w+\)$/);
  // Open the job, upload the CSV once, close it: three writes whatever the number of records.
  expect(sampleOrg.writes().map((w) => w.replace(/750\w+/, '{job}').replace(/v\d+\.\d/, 'vNN'))).toEqual([
    'POST /services/data/vNN/jobs/ingest',
    'PUT /services/data/vNN/jobs/ingest/{job}/batches',
    'PATCH /services/data/vNN/jobs/ingest/{job}',
  ]);
  expect(ctx.logs[0]).toBe('selected 450 Opportunity records (REST query)');
  expect(ctx.logs.at(-1)).toMatch(/^job 750\w+ JobComplete: 450\/450 records \(100%\), [\d,]+ records\/s, done$/);
  expect(await count(sampleOrg.admin, OPEN_WITHOUT_DISCOUNT)).toBe(0);
  expect(await count(sampleOrg.admin, 'Discount__c = 0')).toBe(450);
  expect(await count(sampleOrg.admin, 'Discount__c = 10')).toBe(2);

  sampleOrg.resetRequests();
  const second = await runAction(discountBackfill(), sampleOrg.context(), settings);
  expect(second).toMatchObject({ status: 'already-applied', detail: `already applied: 0 Opportunity records still match ${OPEN_WITHOUT_DISCOUNT}` });
  expect(sampleOrg.writes()).toEqual([]);
  expect(sampleOrg.requests()).toHaveLength(1);
});

test('above one REST page the records are selected by a Bulk API 2.0 query', async ({ sampleOrg }) => {
  await seedOpportunities(sampleOrg.admin, 2100);
  const settings = await sampleOrg.settings();
  sampleOrg.resetRequests();
  const ctx = sampleOrg.context();
  expect((await runAction(discountBackfill(), ctx, settings)).status).toBe('applied');
  expect(ctx.logs[0]).toBe('selected 2,100 Opportunity records (Bulk API 2.0 query)');
  expect(sampleOrg.requests().filter((r) => /\/jobs\/query$/.test(r))).toHaveLength(1);
  expect(sampleOrg.writes()).toHaveLength(3);
  expect(await count(sampleOrg.admin, OPEN_WITHOUT_DISCOUNT)).toBe(0);
});

test('closed deals are not selected: IsClosed follows the stage', async ({ sampleOrg }) => {
  // Salesforce derives IsClosed from the stage (OpportunityStage.IsClosed): Closed Lost and Closed Won are closed.
  await seedOpportunities(sampleOrg.admin, 4, [{ StageName: 'Closed Lost', CloseDate: '2026-01-31' }, { StageName: 'Closed Lost', CloseDate: '2026-02-28' }]);
  const ctx = sampleOrg.context();
  await runAction(discountBackfill(), ctx, await sampleOrg.settings());
  expect(ctx.logs[0]).toBe('selected 4 Opportunity records (REST query)');
  expect(await count(sampleOrg.admin, "StageName = 'Closed Lost' AND Discount__c = null")).toBe(2);
});

test('computed values read the fields they name', async ({ sampleOrg }) => {
  await seedOpportunities(sampleOrg.admin, 5);
  const action = backfill({
    object: 'Opportunity',
    where: 'IsClosed = false AND NextStep = null',
    read: ['Amount'],
    set: { NextStep: (record) => `Review amount ${String(record['Amount'])}` },
    pollIntervalMs: 50,
  });
  expect(action.id).toBe('backfill:Opportunity:NextStep');
  await runAction(action, sampleOrg.context(), await sampleOrg.settings());
  const rows = (await sampleOrg.admin.query<{ Amount: number; NextStep: string }>("SELECT Amount, NextStep FROM Opportunity WHERE Name LIKE 'Legacy deal %'")).records;
  expect(rows).toHaveLength(5);
  for (const row of rows) expect(row.NextStep).toBe(`Review amount ${row.Amount}`);
});

test('per-record failures are saved to a CSV file and fail the action, which stops the chain', async ({ sampleOrg }) => {
  await seedOpportunities(sampleOrg.admin, 10);
  // Discount_Requires_Reason: a discount without a reason is refused, so the deals given no reason fail.
  const action = backfill({
    id: 'backfill-volume-discount',
    object: 'Opportunity',
    where: OPEN_WITHOUT_DISCOUNT,
    read: ['Name'],
    set: { Discount__c: 5, Discount_Reason__c: (r) => (/[02468]$/.test(String(r['Name'])) ? 'Volume' : null) },
    pollIntervalMs: 50,
  });
  const after = stepAfter();
  const ctx = sampleOrg.context();
  const chain = await runChain([action, after], ctx, await sampleOrg.settings());

  expect(chain.failed?.id).toBe('backfill-volume-discount');
  const message = chain.failed?.error.message ?? '';
  expect(message).toMatch(/5 of 10 Opportunity records failed \(5 updated, job 750\w+\); failures in .*backfill-volume-discount-failures\.csv; first: 006\w+ FIELD_CUSTOM_VALIDATION_EXCEPTION/);
  expect(chain.notRun).toEqual(['after']);
  const file = /failures in (\S+\.csv)/.exec(message)?.[1] ?? '';
  const lines = readFileSync(file, 'utf8').trim().split('\n');
  expect(lines[0]).toBe('sf__Id,sf__Error,Id,Discount__c,Discount_Reason__c');
  expect(lines).toHaveLength(6);
  for (const line of lines.slice(1)) expect(line).toMatch(/^006\w+,FIELD_CUSTOM_VALIDATION_EXCEPTION:Choose a Discount Reason when you give a discount\..*,5,/);
  expect(readLedger(sampleOrg.ledgerFile)[0]).toMatchObject({ status: 'failed', error: expect.stringContaining('5 of 10') });
  // A rerun after fixing the cause only touches what is left.
  expect(await count(sampleOrg.admin, OPEN_WITHOUT_DISCOUNT)).toBe(5);
});

test('more records than the cap are refused before any write, naming the setting to raise', async ({ sampleOrg }) => {
  await seedOpportunities(sampleOrg.admin, 120);
  const settings = await sampleOrg.settings();
  sampleOrg.resetRequests();
  const ctx = sampleOrg.context(undefined, { backfillMaxRecords: 100 });
  await expect(runAction(discountBackfill(), ctx, settings)).rejects.toThrow(
    '120 Opportunity records match, more than the cap of 100; nothing was changed. If that many is right, run again with SF_BACKFILL_MAX_RECORDS=120.',
  );
  expect(sampleOrg.writes()).toEqual([]);
  // The action's own maxRecords can lower the cap but never raise it above the run's.
  await expect(runAction(discountBackfill({ maxRecords: 1_000_000 }), ctx, settings)).rejects.toThrow('more than the cap of 100');
  await expect(runAction(discountBackfill({ maxRecords: 50 }), sampleOrg.context(), settings)).rejects.toThrow(/more than the cap of 50.*and raise this action's maxRecords/);
  expect(sampleOrg.writes()).toEqual([]);
  expect(await count(sampleOrg.admin, OPEN_WITHOUT_DISCOUNT)).toBe(120);
});

test('a dry run counts and writes nothing', async ({ sampleOrg }) => {
  await seedOpportunities(sampleOrg.admin, 7);
  const settings = await sampleOrg.settings({ dryRun: true });
  sampleOrg.resetRequests();
  const outcome = await runAction(discountBackfill(), sampleOrg.context(), settings);
  expect(outcome.detail).toBe(
    `dry run: would set Discount__c = 0 on 7 Opportunity records through Bulk API 2.0 (7 Opportunity records still match ${OPEN_WITHOUT_DISCOUNT})`,
  );
  expect(sampleOrg.writes()).toEqual([]);
});

test.describe('in production', () => {
  test.use({ sandbox: false });

  test('without the allow nothing is written', async ({ sampleOrg }) => {
    await seedOpportunities(sampleOrg.admin, 7);
    const settings = await sampleOrg.settings();
    sampleOrg.resetRequests();
    await expect(runAction(discountBackfill(), sampleOrg.context(), settings)).rejects.toThrow(/production org/);
    expect(sampleOrg.writes()).toEqual([]);
    expect(await count(sampleOrg.admin, OPEN_WITHOUT_DISCOUNT)).toBe(7);
  });
});
