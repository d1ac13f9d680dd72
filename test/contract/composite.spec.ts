/**
 * `/composite` and `/composite/batch` through `conn.requestPost` (jsforce has no dedicated wrapper):
 * references between subrequests, allOrNone rollback, haltOnError.
 */
import { API_VERSION, expect, test, unique } from './fixtures/emulator.fixture.js';

interface CompositeItem {
  body: unknown;
  httpHeaders: Record<string, string>;
  httpStatusCode: number;
  referenceId: string;
}

const base = `/services/data/v${API_VERSION}`;

test('composite: @{ref.id} and @{ref.records[0].Id} resolve; each subrequest answers status and body', async ({ admin }) => {
  const name = unique('Composite');
  const answer = await admin.requestPost<{ compositeResponse: CompositeItem[] }>('/composite', {
    allOrNone: false,
    compositeRequest: [
      { method: 'POST', url: `${base}/sobjects/Account`, referenceId: 'newAccount', body: { Name: name } },
      { method: 'GET', url: `${base}/sobjects/Account/@{newAccount.id}?fields=Name`, referenceId: 'readBack' },
      { method: 'GET', url: `${base}/query?q=${encodeURIComponent(`SELECT Id FROM Account WHERE Name = '${name}'`)}`, referenceId: 'found' },
      { method: 'PATCH', url: `${base}/sobjects/Account/@{found.records[0].Id}`, referenceId: 'touch', body: { Phone: '555-1234' } },
    ],
  });
  const [created, readBack, found, touch] = answer.compositeResponse;
  expect(created).toMatchObject({ httpStatusCode: 201, referenceId: 'newAccount', body: { success: true } });
  const id = (created?.body as { id: string }).id;
  expect(created?.httpHeaders['Location']).toBe(`${base}/sobjects/Account/${id}`);
  expect(readBack).toMatchObject({ httpStatusCode: 200, body: { Id: id, Name: name } });
  expect(found).toMatchObject({ httpStatusCode: 200, body: { totalSize: 1 } });
  expect(touch).toMatchObject({ httpStatusCode: 204, body: null });
  expect((await admin.sobject('Account').retrieve(id, { fields: ['Phone'] }))['Phone']).toBe('555-1234');
});

test('composite allOrNone: a failing subrequest rolls back earlier ones and halts the rest', async ({ admin }) => {
  const name = unique('Rollback');
  const answer = await admin.requestPost<{ compositeResponse: CompositeItem[] }>('/composite', {
    allOrNone: true,
    compositeRequest: [
      { method: 'POST', url: `${base}/sobjects/Account`, referenceId: 'good', body: { Name: name } },
      { method: 'POST', url: `${base}/sobjects/Account`, referenceId: 'bad', body: { Name: 'Forbidden' } },
      { method: 'POST', url: `${base}/sobjects/Account`, referenceId: 'after', body: { Name: `${name} after` } },
    ],
  });
  const [good, bad, after] = answer.compositeResponse;
  const halted = [{ errorCode: 'PROCESSING_HALTED', message: 'The transaction was rolled back since another operation in the same transaction failed.' }];
  expect(good).toMatchObject({ httpStatusCode: 400, referenceId: 'good', body: halted });
  expect(bad).toMatchObject({ httpStatusCode: 400, referenceId: 'bad', body: [{ errorCode: 'FIELD_CUSTOM_VALIDATION_EXCEPTION' }] });
  expect(after).toMatchObject({ httpStatusCode: 400, referenceId: 'after', body: halted });
  expect((await admin.query(`SELECT COUNT() FROM Account WHERE Name LIKE '${name}%'`)).totalSize).toBe(0);
});

test('composite allOrNone false: a reference to a failed subrequest is halted, others commit', async ({ admin }) => {
  const name = unique('Partial');
  const answer = await admin.requestPost<{ compositeResponse: CompositeItem[] }>('/composite', {
    allOrNone: false,
    compositeRequest: [
      { method: 'POST', url: `${base}/sobjects/Account`, referenceId: 'bad', body: { Name: 'Forbidden' } },
      { method: 'GET', url: `${base}/sobjects/Account/@{bad.id}`, referenceId: 'dependent' },
      { method: 'POST', url: `${base}/sobjects/Account`, referenceId: 'independent', body: { Name: name } },
    ],
  });
  const [bad, dependent, independent] = answer.compositeResponse;
  expect(bad?.httpStatusCode).toBe(400);
  expect(dependent).toMatchObject({ httpStatusCode: 400, body: [{ errorCode: 'PROCESSING_HALTED' }] });
  expect(independent).toMatchObject({ httpStatusCode: 201 });
  expect((await admin.query(`SELECT COUNT() FROM Account WHERE Name = '${name}'`)).totalSize).toBe(1);
});

test('composite: request-level errors (26 subrequests, duplicate referenceId) -> 400', async ({ admin, outcome }) => {
  const many = Array.from({ length: 26 }, (_, i) => ({ method: 'GET', url: `${base}/limits`, referenceId: `r${i}` }));
  expect(await outcome(() => admin.requestPost('/composite', { compositeRequest: many }))).toMatchObject({ status: 400, errorCode: 'INVALID_BATCH_REQUEST' });
  const dup = [
    { method: 'GET', url: `${base}/limits`, referenceId: 'same' },
    { method: 'GET', url: `${base}/limits`, referenceId: 'same' },
  ];
  expect(await outcome(() => admin.requestPost('/composite', { compositeRequest: dup }))).toMatchObject({ status: 400, errorCode: 'INVALID_INPUT' });
});

test('composite/batch: independent results; haltOnError stops after the first failure with 412', async ({ admin }) => {
  const name = unique('Batch');
  const requests = [
    { method: 'POST', url: `v${API_VERSION}/sobjects/Account`, richInput: { Name: name } },
    { method: 'GET', url: `v${API_VERSION}/sobjects/Account/001900K0001pPuOAAU` },
    { method: 'GET', url: `v${API_VERSION}/limits` },
  ];
  const free = await admin.requestPost<{ hasErrors: boolean; results: { statusCode: number; result: unknown }[] }>('/composite/batch', { batchRequests: requests });
  expect(free.hasErrors).toBe(true);
  expect(free.results.map((r) => r.statusCode)).toEqual([201, 400, 200]);
  expect(free.results[1]?.result).toEqual([expect.objectContaining({ errorCode: 'MALFORMED_ID' })]);
  const halting = await admin.requestPost<{ hasErrors: boolean; results: { statusCode: number; result: unknown }[] }>('/composite/batch', { batchRequests: requests, haltOnError: true });
  expect(halting.results.map((r) => r.statusCode)).toEqual([201, 400, 412]);
  expect(halting.results[2]?.result).toEqual([{ errorCode: 'BATCH_PROCESSING_HALTED', message: 'Batch processing halted per request' }]);
});
