/**
 * API throughput of the org emulator over jsforce, printed as figures:
 *   npx tsx test/bench/api.bench.ts [--creates 1000] [--queries 2000] [--bulk-rows 100000]
 *
 * - single-record creates per second (sequential `sobject.create`, one HTTP request each)
 * - query-by-Id per second (sequential `SELECT ... WHERE Id = ...`)
 * - Bulk API 2.0 insert of N rows: wall-clock seconds from job open to JobComplete, and the HTTP
 *   requests it took (every record goes through the full save pipeline).
 *
 * Each figure also gives the CPU time the process spent (client and server share it): on a busy machine
 * wall-clock time mostly measures the neighbours, CPU time measures the emulator.
 */
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { Connection } from '@jsforce/jsforce-node';
import { Org } from '../../emulator/org.js';
import { createOrgServer } from '../../emulator/http/server.js';

const SOURCE = fileURLToPath(new URL('../contract/fixtures/contract-org/', import.meta.url));

const { values } = parseArgs({
  options: { creates: { type: 'string', default: '1000' }, queries: { type: 'string', default: '2000' }, 'bulk-rows': { type: 'string', default: '100000' } },
});
const creates = Number(values.creates);
const queries = Number(values.queries);
const bulkRows = Number(values['bulk-rows']);

async function main(): Promise<void> {
  const loadStart = performance.now();
  const org = Org.load({ source: SOURCE, users: [`${SOURCE}users/admin.json`] });
  const loadMs = performance.now() - loadStart;
  let requests = 0;
  const server = createOrgServer(org, { lightning: false });
  server.on('request', () => requests++);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const conn = new Connection({ loginUrl: url, version: '62.0' });
  await conn.login('admin@contract.test', 'contract-admin-1');

  const cpuSeconds = (since: NodeJS.CpuUsage): number => {
    const used = process.cpuUsage(since);
    return (used.user + used.system) / 1e6;
  };
  const ids: string[] = [];
  let cpu = process.cpuUsage();
  let start = performance.now();
  for (let i = 0; i < creates; i++) {
    const result = await conn.sobject('Account').create({ Name: `Bench ${i}`, Phone: '555-0100' });
    ids.push(result.id as string);
  }
  const createsPerSecond = creates / ((performance.now() - start) / 1000);
  const createsCpu = cpuSeconds(cpu);

  cpu = process.cpuUsage();
  start = performance.now();
  for (let i = 0; i < queries; i++) {
    const id = ids[i % ids.length] as string;
    await conn.query(`SELECT Id, Name, Phone FROM Account WHERE Id = '${id}'`);
  }
  const queriesPerSecond = queries / ((performance.now() - start) / 1000);
  const queriesCpu = cpuSeconds(cpu);

  const lines = ['Name,Phone,Seats__c'];
  for (let i = 0; i < bulkRows; i++) lines.push(`Bulk Bench ${i},555-${String(i % 10000).padStart(4, '0')},${i % 500}`);
  const csv = lines.join('\n') + '\n';
  conn.bulk2.pollInterval = 200;
  conn.bulk2.pollTimeout = 600_000;
  const requestsBefore = requests;
  cpu = process.cpuUsage();
  start = performance.now();
  const job = conn.bulk2.createJob({ object: 'Account', operation: 'insert' });
  await job.open();
  await job.uploadData(csv);
  const uploadSeconds = (performance.now() - start) / 1000;
  await job.close();
  await job.poll(200, 600_000);
  const bulkSeconds = (performance.now() - start) / 1000;
  const bulkCpu = cpuSeconds(cpu);
  const bulkRequests = requests - requestsBefore;
  const info = job.getInfo();

  process.stdout.write(
    [
      `org load:                          ${loadMs.toFixed(0)} ms`,
      `single-record creates over jsforce: ${createsPerSecond.toFixed(0)} /s (${creates} sequential; ${(createsCpu * 1000 / creates).toFixed(2)} ms CPU each)`,
      `query by Id over jsforce:           ${queriesPerSecond.toFixed(0)} /s (${queries} sequential; ${(queriesCpu * 1000 / queries).toFixed(2)} ms CPU each)`,
      `Bulk 2.0 insert of ${bulkRows} rows:    ${bulkSeconds.toFixed(1)} s, ${bulkRequests} HTTP requests, ` +
        `${String(info.numberRecordsProcessed)} processed, ${String(info.numberRecordsFailed)} failed (${(bulkRows / bulkSeconds).toFixed(0)} rows/s)`,
      `  of which upload ${uploadSeconds.toFixed(1)} s, server processing ${(Number(info.totalProcessingTime) / 1000).toFixed(1)} s; ` +
        `CPU ${bulkCpu.toFixed(1)} s (${(bulkCpu * 1e6 / bulkRows).toFixed(0)} µs per row)`,
    ].join('\n') + '\n',
  );
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  org.close();
}

main().catch((err: unknown) => {
  process.stderr.write(`${(err as Error).stack ?? String(err)}\n`);
  process.exit(1);
});
