/**
 * Bulk API 2.0 as `conn.bulk2` drives it (reference: jsforce lib/api/bulk2.js): ingest jobs for
 * insert/update/upsert/delete with successful/failed/unprocessed CSV results, state polling, abort, and
 * query jobs with Sforce-Locator paging.
 */
import { expect, test, unique } from './fixtures/emulator.fixture.js';

test.describe('Bulk 2.0 ingest', () => {
  test('insert: successes and failures (validation rule, required field) in result CSVs', async ({ admin }) => {
    admin.bulk2.pollInterval = 50;
    const tag = unique('Bulk').replace(/\s/g, '_');
    const csv = `Name,Phone,Seats__c\n${tag} one,555-0001,3\nForbidden,555-0002,\n${tag} three,#N/A,5\n,555-0004,1\n`;
    const results = await admin.bulk2.loadAndWaitForResults({ object: 'Account', operation: 'insert', input: csv, pollTimeout: 20_000 });
    expect(results.successfulResults).toHaveLength(2);
    expect(results.successfulResults[0]).toMatchObject({ sf__Created: 'true', Name: `${tag} one`, sf__Id: expect.stringMatching(/^001/) });
    expect(results.failedResults).toHaveLength(2);
    expect(results.failedResults.map((r) => r['sf__Error'])).toEqual([
      expect.stringMatching(/^FIELD_CUSTOM_VALIDATION_EXCEPTION:The name Forbidden is not allowed\.:Name/),
      expect.stringMatching(/^REQUIRED_FIELD_MISSING:/),
    ]);
    expect(results.unprocessedRecords).toHaveLength(0);
    const saved = await admin.query<{ Name: string; Seats__c: number; Phone: string | null }>(`SELECT Name, Seats__c, Phone FROM Account WHERE Name LIKE '${tag}%' ORDER BY Name`);
    expect(saved.records.map((r) => [r.Name, r.Seats__c, r.Phone])).toEqual([
      [`${tag} one`, 3, '555-0001'],
      [`${tag} three`, 5, null],
    ]);
  });

  test('job info moves Open -> UploadComplete/InProgress -> JobComplete with counts', async ({ admin }) => {
    const job = admin.bulk2.createJob({ object: 'Account', operation: 'insert' });
    const opened = await job.open();
    expect(opened).toMatchObject({ state: 'Open', object: 'Account', operation: 'insert', contentType: 'CSV', id: expect.stringMatching(/^750/) });
    const rows = Array.from({ length: 3000 }, (_, i) => `State ${i}`).join('\n');
    await job.uploadData(`Name\n${rows}\n`);
    await job.close();
    const states = new Set<string>();
    for (;;) {
      const info = await job.check();
      states.add(info.state);
      if (info.state === 'JobComplete' || info.state === 'Failed') break;
      await new Promise((r) => setTimeout(r, 5));
    }
    expect([...states].some((s) => s === 'UploadComplete' || s === 'InProgress')).toBe(true);
    expect(job.getInfo()).toMatchObject({ state: 'JobComplete', numberRecordsProcessed: 3000, numberRecordsFailed: 0 });
  });

  test('update, upsert and delete by CSV', async ({ admin }) => {
    admin.bulk2.pollInterval = 50;
    const key = unique('BK').replace(/\s/g, '-');
    const [a, b] = await admin.sobject('Account').create([{ Name: 'Bulk A' }, { Name: 'Bulk B' }]);
    const updated = await admin.bulk2.loadAndWaitForResults({ object: 'Account', operation: 'update', input: `Id,Phone\n${a?.id},555-1111\n001900K0001pPuOAAU,1\n` });
    expect(updated.successfulResults).toEqual([expect.objectContaining({ sf__Id: a?.id, sf__Created: 'false' })]);
    expect(updated.failedResults).toEqual([expect.objectContaining({ sf__Error: expect.stringMatching(/^MALFORMED_ID:/) })]);
    const upserted = await admin.bulk2.loadAndWaitForResults({ object: 'Account', operation: 'upsert', externalIdFieldName: 'External_Key__c', input: `External_Key__c,Name\n${key}-1,Upsert One\n${key}-1,Upsert One Again\n` });
    expect(upserted.successfulResults.map((r) => r['sf__Created'])).toEqual(['true', 'false']);
    const deleted = await admin.bulk2.loadAndWaitForResults({ object: 'Account', operation: 'delete', input: `Id\n${b?.id}\n` });
    expect(deleted.successfulResults).toEqual([expect.objectContaining({ sf__Id: b?.id })]);
    expect((await admin.query(`SELECT COUNT() FROM Account WHERE Id = '${b?.id}'`)).totalSize).toBe(0);
  });

  test('an unknown column fails the job with its errorMessage', async ({ admin, outcome }) => {
    admin.bulk2.pollInterval = 50;
    const result = await outcome(() => admin.bulk2.loadAndWaitForResults({ object: 'Account', operation: 'insert', input: 'Name,Nope__c\nx,y\n' }));
    expect(result.message).toBe('Ingest job failed to complete due to: InvalidBatch : Field name not found : Nope__c');
  });

  test('abort before processing leaves every row unprocessed', async ({ admin }) => {
    const job = admin.bulk2.createJob({ object: 'Account', operation: 'insert' });
    await job.open();
    await job.uploadData('Name\nAborted 1\nAborted 2\n');
    await job.abort();
    const info = await job.check();
    expect(info.state).toBe('Aborted');
    expect(await job.getUnprocessedRecords()).toHaveLength(2);
  });

  test('job creation errors -> 400 with errorCode', async ({ admin, outcome }) => {
    const job = admin.bulk2.createJob({ object: 'Widget__c', operation: 'insert' });
    const result = await outcome(() => job.open());
    expect(result).toMatchObject({ status: 400, errorCode: 'INVALIDJOB' });
  });
});

test('Bulk 2.0 query: CSV results paged with Sforce-Locator until "null"', async ({ admin }) => {
  admin.bulk2.pollInterval = 50;
  const tag = unique('BQ').replace(/\s/g, '_');
  await admin.sobject('Account').create(Array.from({ length: 20 }, (_, i) => ({ Name: `${tag} ${String(i).padStart(2, '0')}` })), { allOrNone: true });
  const stream = await admin.bulk2.query(`SELECT Id, Name, Owner.Name FROM Account WHERE Name LIKE '${tag}%' ORDER BY Name`);
  const records: Record<string, string>[] = [];
  await new Promise<void>((resolve, reject) => {
    stream.on('record', (r: Record<string, string>) => records.push(r));
    stream.on('end', () => resolve());
    stream.on('error', reject);
  });
  expect(records).toHaveLength(20);
  expect(records[0]).toMatchObject({ Name: `${tag} 00`, 'Owner.Name': 'Ada Admin' });
});
