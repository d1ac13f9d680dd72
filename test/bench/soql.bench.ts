/**
 * SOQL hot-path benchmark (not a test): loads 1,000,000 Accounts with bulkInsert and reports p50/p95
 * of selective queries over 200 runs each. Goal: p50 < 20 ms.
 *
 *   npx tsx test/bench/soql.bench.ts [rows]
 */
import { IdMinter } from '../../emulator/ids.js';
import { executeSoql } from '../../emulator/soql/execute-soql.js';
import { Store } from '../../emulator/store/store.js';
import { testSchema } from '../unit/store/test-schema.js';

const ROWS = Number(process.argv[2] ?? 1_000_000);
const RUNS = 200;
const CHUNK = 100_000;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))] ?? Number.NaN;
}

const schema = testSchema();
const store = new Store(schema);
const minter = new IdMinter();
const owner = minter.next('005');

const loadStarted = performance.now();
for (let start = 0; start < ROWS; start += CHUNK) {
  const chunk = [];
  for (let i = start; i < Math.min(ROWS, start + CHUNK); i++) {
    chunk.push({ Id: minter.next('001'), Name: `Account ${i}`, ERP_Id__c: `X${i}`, OwnerId: owner, Industry: i % 2 ? 'Tech' : 'Retail', AnnualRevenue: i });
  }
  store.bulkInsert('Account', chunk);
}
const loadMs = performance.now() - loadStarted;
console.log(`loaded ${store.count('Account').toLocaleString()} Accounts in ${(loadMs / 1000).toFixed(1)} s (${Math.round(ROWS / (loadMs / 1000)).toLocaleString()} rows/s)`);

const cases: [string, (i: number) => string][] = [
  ['external id', (i) => `SELECT Id, Name FROM Account WHERE ERP_Id__c = 'X${(i * 4_999) % ROWS}'`],
  ['name', (i) => `SELECT Id, Name FROM Account WHERE Name = 'Account ${(i * 7_919) % ROWS}'`],
  ['owner scope + name', (i) => `SELECT Id, Name FROM Account WHERE Name = 'Account ${(i * 7_919) % ROWS}'`],
];

for (const [label, soql] of cases) {
  const access = label.startsWith('owner') ? {
    canReadObject: () => true, canReadField: () => true, rowScope: () => ({ kind: 'owners' as const, ownerIds: [owner] }),
  } : undefined;
  const timings: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    const started = performance.now();
    const result = executeSoql(store, schema, soql(run), { apiVersion: '60.0', now: new Date(), access });
    timings.push(performance.now() - started);
    if (result.totalSize !== 1) throw new Error(`${label}: expected one row, got ${result.totalSize}`);
  }
  timings.sort((a, b) => a - b);
  console.log(`${label.padEnd(20)} p50 ${percentile(timings, 50).toFixed(2)} ms  p95 ${percentile(timings, 95).toFixed(2)} ms  (${RUNS} runs)`);
}
store.close();
