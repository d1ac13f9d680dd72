/**
 * `npx tsx test/bench/backfill.bench.ts [records]` (default 100,000)
 *
 * The same backfill (Discount__c = 0 on open opportunities without one) done two ways against the sample org
 * in the emulator, each on a freshly seeded org:
 *   1. the `backfill` built-in: Bulk API 2.0 (COUNT, selection, one ingest job, polling with progress);
 *   2. REST: a query with autoFetch (2,000 records per page), then sObject Collections updates of 200.
 * Prints wall-clock seconds and the HTTP requests the org received for each (seeding excluded).
 */
import type { AddressInfo } from 'node:net';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Connection } from '@jsforce/jsforce-node';
import { Org } from '../../emulator/org.js';
import { createOrgServer } from '../../emulator/http/server.js';
import { backfill } from '../../src/actions/builtins/index.js';
import { runAction } from '../../src/actions/runner.js';
import { readTargetOrg } from '../../src/actions/org-safety.js';
import { parseConfig } from '../../src/config/env.js';
import { authenticate, connectionFor } from '../../src/salesforce/connect.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const RECORDS = Number(process.argv[2] ?? 100_000);
const WHERE = 'IsClosed = false AND Discount__c = null';

interface Figures {
  seconds: number;
  requests: number;
  byKind: Record<string, number>;
}

/** `/services/data/v62.0/jobs/ingest/7505g.../batches` -> `/jobs/ingest/{job}/batches`, so requests group by kind. */
function shape(url: string): string {
  return url
    .replace(/\?.*$/, '')
    .replace(/^\/services\/data\/v\d+\.\d/, '')
    .replace(/\/jobs\/(ingest|query)\/750\w+/, '/jobs/$1/{job}')
    .replace(/^\/query\/[^/]+$/, '/query/{locator}');
}

async function withSeededOrg(run: (conn: Connection) => Promise<void>): Promise<Figures> {
  const users = readdirSync(path.join(ROOT, 'org', 'users')).map((f) => path.join(ROOT, 'org', 'users', f));
  const org = Org.load({ source: path.join(ROOT, 'org'), users, isSandbox: true });
  const server = createOrgServer(org, { lightning: false });
  let counting = false;
  const seen: string[] = [];
  server.on('request', (req: { method?: string; url?: string }) => {
    if (counting && req.url?.startsWith('/services/data/')) seen.push(`${req.method} ${shape(req.url)}`);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  const config = parseConfig({ SF_TARGET: 'emulator', SF_EMULATOR_PORT: String(port) }, ROOT);
  const auth = config.personas.admin;
  const options = { loginUrl: `http://127.0.0.1:${port}`, apiVersion: config.apiVersion };
  const conn = connectionFor(await authenticate(auth, options), auth, options);
  try {
    const seedStart = Date.now();
    const seeded = await conn.bulk2.loadAndWaitForResults({
      object: 'Opportunity',
      operation: 'insert',
      input: Array.from({ length: RECORDS }, (_, i) => ({ Name: `Legacy deal ${i}`, StageName: 'Prospecting', CloseDate: '2027-03-31' })),
      pollInterval: 500,
      pollTimeout: 3_600_000,
    });
    if (seeded.failedResults.length) throw new Error(`seeding failed: ${JSON.stringify(seeded.failedResults[0])}`);
    console.log(`  seeded ${RECORDS.toLocaleString('en-US')} opportunities in ${((Date.now() - seedStart) / 1000).toFixed(1)} s`);
    counting = true;
    const started = Date.now();
    await run(conn);
    const seconds = (Date.now() - started) / 1000;
    counting = false;
    const left = (await conn.query(`SELECT COUNT() FROM Opportunity WHERE ${WHERE}`)).totalSize;
    if (left !== 0) throw new Error(`${left} records were not updated`);
    const byKind: Record<string, number> = {};
    for (const r of seen) byKind[r] = (byKind[r] ?? 0) + 1;
    return { seconds, requests: seen.length, byKind };
  } finally {
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
    org.close();
  }
}

async function viaBulkBackfill(conn: Connection): Promise<void> {
  const action = backfill({ id: 'bench-backfill', object: 'Opportunity', where: WHERE, set: { Discount__c: 0 } });
  const outcome = await runAction(
    action,
    {
      conn,
      releaseId: 'bench',
      log: (line) => console.log(`    ${line}`),
      outputDir: mkdtempSync(path.join(tmpdir(), 'postflight-bench-')),
      backfillMaxRecords: RECORDS,
    },
    {
      dryRun: false,
      allowProduction: false,
      runId: 'bench',
      target: await readTargetOrg(conn),
      by: 'admin@postflight.test',
      step: (_t, body) => body(),
      ledgerFile: path.join(mkdtempSync(path.join(tmpdir(), 'postflight-bench-')), 'ledger.jsonl'),
    },
  );
  console.log(`    ${outcome.status}: ${outcome.detail}`);
}

async function viaRestCollections(conn: Connection): Promise<void> {
  const selected = await conn.query<{ Id: string }>(`SELECT Id FROM Opportunity WHERE ${WHERE}`, { autoFetch: true, maxFetch: RECORDS + 1 });
  let failed = 0;
  for (let i = 0; i < selected.records.length; i += 200) {
    const chunk = selected.records.slice(i, i + 200).map((r) => ({ Id: r.Id, Discount__c: 0 }));
    const results = await conn.sobject('Opportunity').update(chunk, { allOrNone: false });
    failed += results.filter((r) => !r.success).length;
    if ((i / 200) % 50 === 49) console.log(`    ${(i + 200).toLocaleString('en-US')}/${selected.records.length.toLocaleString('en-US')} records`);
  }
  console.log(`    updated ${selected.records.length - failed} records, ${failed} failed`);
}

function print(name: string, f: Figures): void {
  console.log(`${name}: ${f.seconds.toFixed(1)} s, ${f.requests} HTTP requests`);
  for (const [kind, n] of Object.entries(f.byKind).sort((a, b) => b[1] - a[1])) console.log(`    ${String(n).padStart(6)}  ${kind}`);
}

console.log(`Backfill of ${RECORDS.toLocaleString('en-US')} Opportunity records on the emulator (sample org)`);
console.log('1. backfill built-in (Bulk API 2.0)');
const bulk = await withSeededOrg(viaBulkBackfill);
console.log('2. REST query + sObject Collections (200 per request)');
const rest = await withSeededOrg(viaRestCollections);
print('Bulk API 2.0 backfill', bulk);
print('REST sObject Collections', rest);
