/**
 * The look-up after a dropped write (src/salesforce/write-landed.ts), against scripted query answers: what it
 * asks the org and how it reads what comes back. The contract rows (test/contract/request-path-resilience.spec.ts)
 * prove the same against the emulator over HTTP.
 */
import { test, expect } from '@playwright/test';
import type { HttpResponse } from '../../../src/salesforce/request-path.js';
import { didWriteLand, writeCheckFor, type LandedContext } from '../../../src/salesforce/write-landed.js';

const CREATE = writeCheckFor('POST', '/services/data/v62.0/sobjects/Account', JSON.stringify({ Name: 'Lost one', NumberOfEmployees: 12 }))!;

function page(records: Record<string, unknown>[], next?: string): HttpResponse {
  const body = { totalSize: records.length, done: next === undefined, records, ...(next ? { nextRecordsUrl: next } : {}) };
  return { statusCode: 200, headers: {}, body: JSON.stringify(body) };
}

function accounts(from: number, count: number): Record<string, unknown>[] {
  return Array.from({ length: count }, (_, i) => ({ Id: `001${String(from + i).padStart(12, '0')}AAA`, Name: `Someone else ${from + i}`, NumberOfEmployees: null }));
}

/** A context whose org answers the look-up with `pages`, in order, and records what was asked. */
function orgAnswering(pages: HttpResponse[], knownIds: string[] = []): { context: LandedContext; asked: string[] } {
  const asked: string[] = [];
  const context: LandedContext = {
    ask: async (below) => {
      asked.push(decodeURIComponent(below));
      const answer = pages.shift();
      if (!answer) throw new Error(`asked once too often: ${below}`);
      return answer;
    },
    sentAtOrgTime: Date.parse('2026-12-06T10:00:05.400Z'),
    userId: '0055g0000000001AAA',
    knownIds: new Set(knownIds),
  };
  return { context, asked };
}

test('a create is looked up among what the user created since just before it was sent, newest first', async () => {
  const { context, asked } = orgAnswering([page([{ Id: '0015g0000000009AAA', Name: 'Lost one', NumberOfEmployees: 12 }])]);
  const verdict = await didWriteLand(CREATE, context);
  expect(verdict).toMatchObject({ landed: true });
  expect(JSON.parse((verdict as { response: HttpResponse }).response.body)).toEqual({ id: '0015g0000000009AAA', success: true, errors: [] });
  expect(asked).toEqual([
    "/query?q=SELECT Id, Name, NumberOfEmployees FROM Account WHERE CreatedDate >= 2026-12-06T10:00:03Z AND CreatedById = '0055g0000000001AAA' ORDER BY CreatedDate DESC",
  ]);
});

test('a busy window is read page after page: the record sent is found past the first 2,000', async () => {
  const { context, asked } = orgAnswering([
    page(accounts(0, 2000), '/services/data/v62.0/query/01gLOOKUP-2000'),
    page([...accounts(2000, 300), { Id: '0015g0000009999AAA', Name: 'Lost one', NumberOfEmployees: 12 }]),
  ]);
  const verdict = await didWriteLand(CREATE, context);
  expect(JSON.parse((verdict as { response: HttpResponse }).response.body).id).toBe('0015g0000009999AAA');
  expect(asked[1]).toBe('/query/01gLOOKUP-2000');
});

test('nothing holding the sent values: it did not land, and may be sent again', async () => {
  const { context } = orgAnswering([page(accounts(0, 250))]);
  expect(await didWriteLand(CREATE, context)).toEqual({ landed: false });
});

test('the only match is a record this process already got the answer for: it did not land', async () => {
  const { context } = orgAnswering([page([{ Id: '0015g0000000009AAA', Name: 'Lost one', NumberOfEmployees: 12 }])], ['0015g0000000009AAA']);
  expect(await didWriteLand(CREATE, context)).toEqual({ landed: false });
});

test('two unknown records hold the sent values: cannot tell, so not sent again', async () => {
  const twins = [
    { Id: '0015g0000000009AAA', Name: 'Lost one', NumberOfEmployees: 12 },
    { Id: '0015g0000000010AAA', Name: 'Lost one', NumberOfEmployees: 12 },
  ];
  const { context } = orgAnswering([page(twins)]);
  expect(await didWriteLand(CREATE, context)).toEqual({ unknown: '2 Account records this user just created hold the sent values' });
});

test('a window that never ends (ten full pages) is not read forever: cannot tell', async () => {
  const pages = Array.from({ length: 10 }, (_, i) => page(accounts(i * 2000, 2000), `/services/data/v62.0/query/01gLOOKUP-${(i + 1) * 2000}`));
  const { context, asked } = orgAnswering(pages);
  expect(await didWriteLand(CREATE, context)).toEqual({ unknown: 'more than 10 pages of Account records were created in the look-up\'s window' });
  expect(asked).toHaveLength(10);
});

test('a refused look-up is "cannot tell", with the org\'s words', async () => {
  const { context } = orgAnswering([{ statusCode: 400, headers: {}, body: '[{"errorCode":"INVALID_FIELD","message":"No such column"}]' }]);
  const verdict = await didWriteLand(CREATE, context);
  expect(verdict).toEqual({ unknown: expect.stringMatching(/^the org refused the look-up query \(HTTP 400: .*INVALID_FIELD/) });
});

test('an update is checked by reading the record back: already holding the values means done', async () => {
  const check = writeCheckFor('PATCH', '/services/data/v62.0/sobjects/Account/0015g0000000009AAA', JSON.stringify({ Name: 'Renamed' }))!;
  const { context, asked } = orgAnswering([page([{ Id: '0015g0000000009AAA', Name: 'Renamed' }])]);
  expect(await didWriteLand(check, context)).toMatchObject({ landed: true, response: { statusCode: 204 } });
  expect(asked).toEqual(["/query?q=SELECT Id, Name FROM Account WHERE Id = '0015g0000000009AAA'"]);
});
