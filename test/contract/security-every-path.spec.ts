/**
 * The security model holds on every path into the org, not only the one a test happened to use: a restricted
 * user (reader@contract.test: Accounts read-only through Account_Reader, no access to Seats__c, no Contact
 * access) tries the same forbidden things through REST sObject rows, SOQL, composite, sObject Collections,
 * sObject Tree, Bulk API 2.0 (ingest and query), the UI API and the Lightning UI. Each is refused with an
 * access error, and the admin then finds the org exactly as it was.
 */
import type { Connection } from '@jsforce/jsforce-node';
import { USERS, expect, test, unique } from './fixtures/emulator.fixture.js';

/** The errors Salesforce answers for object CRUD, field-level security and sharing refusals. */
const ACCESS_ERRORS = /^(INSUFFICIENT_ACCESS_OR_READONLY|INSUFFICIENT_ACCESS_ON_CROSS_REFERENCE_ENTITY|INVALID_FIELD|INVALID_FIELD_FOR_INSERT_UPDATE|INVALID_TYPE|NOT_FOUND|INVALIDJOB)$/;

interface Attempt {
  path: string;
  /** Sends the forbidden request as the reader; returns the HTTP status and the error code(s) the org gave. */
  send: (reader: Connection, ctx: { url: string; accountId: string; adminJobId: string; uiCookie: string }) => Promise<{ status: number; codes: string[]; body: string }>;
}

async function call(url: string, token: string, method: string, path: string, body?: unknown, contentType = 'application/json'): Promise<{ status: number; codes: string[]; body: string }> {
  const response = await fetch(`${url}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': contentType },
    ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
  });
  const text = await response.text();
  return { status: response.status, codes: [...text.matchAll(/"(?:errorCode|statusCode)"\s*:\s*"(\w+)"/g)].map((m) => m[1]!), body: text };
}

const V = '/services/data/v62.0';

const ATTEMPTS: Attempt[] = [
  { path: 'REST sObject create', send: (r, c) => call(c.url, r.accessToken!, 'POST', `${V}/sobjects/Account`, { Name: 'created by the reader' }) },
  { path: 'REST sObject update', send: (r, c) => call(c.url, r.accessToken!, 'PATCH', `${V}/sobjects/Account/${c.accountId}`, { Name: 'renamed by the reader' }) },
  { path: 'REST sObject delete', send: (r, c) => call(c.url, r.accessToken!, 'DELETE', `${V}/sobjects/Account/${c.accountId}`) },
  { path: 'REST sObject read of a hidden field', send: (r, c) => call(c.url, r.accessToken!, 'GET', `${V}/sobjects/Account/${c.accountId}?fields=Seats__c`) },
  { path: 'SOQL on a hidden field', send: (r, c) => call(c.url, r.accessToken!, 'GET', `${V}/query?q=${encodeURIComponent('SELECT Seats__c FROM Account')}`) },
  { path: 'SOQL on an object without access', send: (r, c) => call(c.url, r.accessToken!, 'GET', `${V}/query?q=${encodeURIComponent('SELECT Id FROM Contact')}`) },
  { path: 'SOQL filtering on a hidden field', send: (r, c) => call(c.url, r.accessToken!, 'GET', `${V}/query?q=${encodeURIComponent('SELECT Id FROM Account WHERE Seats__c > 0')}`) },
  {
    path: 'composite subrequest update',
    send: async (r, c) => {
      const result = await call(c.url, r.accessToken!, 'POST', `${V}/composite`, { allOrNone: false, compositeRequest: [{ method: 'PATCH', url: `${V}/sobjects/Account/${c.accountId}`, referenceId: 'rename', body: { Name: 'renamed in composite' } }] });
      const sub = (JSON.parse(result.body) as { compositeResponse: Array<{ httpStatusCode: number }> }).compositeResponse[0]!;
      return { ...result, status: sub.httpStatusCode };
    },
  },
  {
    path: 'sObject Collections update',
    send: async (r, c) => {
      const result = await call(c.url, r.accessToken!, 'PATCH', `${V}/composite/sobjects`, { allOrNone: false, records: [{ attributes: { type: 'Account' }, Id: c.accountId, Seats__c: 500 }] });
      const [row] = JSON.parse(result.body) as Array<{ success: boolean }>;
      return { ...result, status: row?.success ? 200 : 400 };
    },
  },
  { path: 'sObject Collections create', send: (r, c) => call(c.url, r.accessToken!, 'POST', `${V}/composite/sobjects`, { allOrNone: true, records: [{ attributes: { type: 'Account' }, Name: 'collection create' }] }).then((res) => ({ ...res, status: (JSON.parse(res.body) as Array<{ success: boolean }>)[0]?.success ? 200 : 400 })) },
  { path: 'sObject Tree create', send: (r, c) => call(c.url, r.accessToken!, 'POST', `${V}/composite/tree/Account`, { records: [{ attributes: { type: 'Account', referenceId: 'ref1' }, Name: 'tree create' }] }) },
  { path: 'Bulk API 2.0 query of a hidden field', send: (r, c) => call(c.url, r.accessToken!, 'POST', `${V}/jobs/query`, { operation: 'query', query: 'SELECT Seats__c FROM Account' }) },
  {
    path: 'Bulk API 2.0 ingest update',
    send: async (r, c) => {
      const job = JSON.parse((await call(c.url, r.accessToken!, 'POST', `${V}/jobs/ingest`, { object: 'Account', operation: 'update', contentType: 'CSV', lineEnding: 'LF' })).body) as { id?: string } | Array<unknown>;
      if (Array.isArray(job) || !job.id) return { status: 400, codes: [], body: JSON.stringify(job) };
      await call(c.url, r.accessToken!, 'PUT', `${V}/jobs/ingest/${job.id}/batches`, `Id,Name\n${c.accountId},renamed by bulk\n`, 'text/csv');
      await call(c.url, r.accessToken!, 'PATCH', `${V}/jobs/ingest/${job.id}`, { state: 'UploadComplete' });
      for (let i = 0; i < 100; i++) {
        const info = JSON.parse((await call(c.url, r.accessToken!, 'GET', `${V}/jobs/ingest/${job.id}`)).body) as { state: string; numberRecordsFailed: number };
        if (info.state === 'JobComplete' || info.state === 'Failed') {
          const failed = await fetch(`${c.url}${V}/jobs/ingest/${job.id}/failedResults`, { headers: { authorization: `Bearer ${r.accessToken!}` } }).then((res) => res.text());
          return { status: info.numberRecordsFailed === 1 ? 400 : 200, codes: [...failed.matchAll(/\b([A-Z_]{8,}):/g)].map((m) => m[1]!), body: failed };
        }
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      return { status: 0, codes: [], body: 'job never finished' };
    },
  },
  { path: "Bulk API 2.0 results of the admin's query job", send: (r, c) => call(c.url, r.accessToken!, 'GET', `${V}/jobs/query/${c.adminJobId}/results`) },
  { path: 'UI API picklist values of an object without access', send: (r, c) => call(c.url, r.accessToken!, 'GET', `${V}/ui-api/object-info/Contact/picklist-values/012000000000000AAA`) },
  {
    path: 'Lightning UI save (the record page Edit modal)',
    send: async (_r, c) => {
      const response = await fetch(`${c.url}/ui-api/records/Account/${c.accountId}`, { method: 'PATCH', headers: { cookie: c.uiCookie, 'content-type': 'application/json' }, body: JSON.stringify({ fields: { Name: 'renamed in Lightning' } }) });
      const body = await response.text();
      return { status: response.status, codes: body.includes('insufficient access rights') ? ['INSUFFICIENT_ACCESS_OR_READONLY'] : [], body };
    },
  },
  {
    path: 'Lightning UI create (the New modal)',
    send: async (_r, c) => {
      const response = await fetch(`${c.url}/ui-api/records/Account`, { method: 'POST', headers: { cookie: c.uiCookie, 'content-type': 'application/json' }, body: JSON.stringify({ fields: { Name: 'created in Lightning' } }) });
      const body = await response.text();
      return { status: response.status, codes: body.includes('insufficient access rights') ? ['INSUFFICIENT_ACCESS_OR_READONLY'] : [], body };
    },
  },
];

test('a restricted user is refused the same things on every path, and the org is unchanged', async ({ admin, connect, emulator }) => {
  const name = unique('Guarded Account');
  const { id: accountId } = (await admin.sobject('Account').create({ Name: name, Seats__c: 7 })) as { id: string };
  const adminJob = (await admin.request({ method: 'POST', url: `${V}/jobs/query`, body: JSON.stringify({ operation: 'query', query: 'SELECT Id, Seats__c FROM Account' }), headers: { 'content-type': 'application/json' } })) as { id: string };
  const countBefore = (await admin.query('SELECT COUNT() FROM Account')).totalSize;

  const reader = connect();
  await reader.login(USERS.reader.username, USERS.reader.password);
  // The reader's Lightning session, through frontdoor as the suite opens it.
  const frontdoor = await fetch(`${emulator.url}/secur/frontdoor.jsp`, { method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: `sid=${encodeURIComponent(reader.accessToken!)}&retURL=%2Flightning%2Fpage%2Fhome` });
  const uiCookie = /sid=[^;]+/.exec(frontdoor.headers.get('set-cookie') ?? '')?.[0] ?? '';
  expect(uiCookie, 'the reader got a Lightning session').not.toBe('');

  // Controls: the admin is let through where the reader is not, so each refusal below is about access.
  const picklists = `${V}/ui-api/object-info/Contact/picklist-values/012000000000000AAA`;
  expect((await call(emulator.url, admin.accessToken!, 'GET', picklists)).status, 'admin reads Contact picklist values').toBe(200);
  expect((await call(emulator.url, admin.accessToken!, 'GET', `${V}/sobjects/Account/${accountId}?fields=Seats__c`)).status).toBe(200);

  const refusedWrongly: string[] = [];
  for (const attempt of ATTEMPTS) {
    const result = await attempt.send(reader, { url: emulator.url, accountId, adminJobId: adminJob.id, uiCookie });
    const refused = result.status >= 400 && result.codes.length > 0 && result.codes.every((code) => ACCESS_ERRORS.test(code));
    if (!refused) refusedWrongly.push(`${attempt.path}: ${result.status} ${result.body.slice(0, 160)}`);
  }
  expect(refusedWrongly, 'paths that let the reader through, or refused for another reason').toEqual([]);

  // The Lightning record page shows the record the reader may read, without the hidden field and without Edit.
  const page = await fetch(`${emulator.url}/lightning/r/Account/${accountId}/view`, { headers: { cookie: uiCookie } }).then((r) => r.text());
  expect(page).toContain(name);
  expect(page).not.toMatch(/Seats/);

  const after = (await admin.sobject('Account').retrieve(accountId)) as unknown as { Name: string; Seats__c: number };
  expect(after).toMatchObject({ Name: name, Seats__c: 7 });
  expect((await admin.query('SELECT COUNT() FROM Account')).totalSize, 'no Account created').toBe(countBefore);
});
