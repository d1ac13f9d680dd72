/**
 * Concurrent writers lose no update: several sessions (each its own jsforce login) write the same records at
 * once, and what the org ends with agrees with what each request was told. Every 2xx write is in the final
 * state; every refused write is a proper error naming why (412 PRECONDITION_FAILED for a stale read), never a
 * silent drop.
 *
 * Read-then-write (an increment) is made safe the way the REST API offers: the GET's ETag goes back in
 * `If-Match` (emulator/http/record-etag.ts); a writer that lost the race is told so and reads again.
 */
import type { Connection } from '@jsforce/jsforce-node';
import { USERS, expect, test, unique } from './fixtures/emulator.fixture.js';

const WRITERS = 4;
const INCREMENTS_EACH = 4;

async function sessions(connect: () => Connection, count: number): Promise<Connection[]> {
  return Promise.all(
    Array.from({ length: count }, async (_, i) => {
      const conn = connect();
      // Two different users among the writers, each login its own session.
      const user = i % 2 === 0 ? USERS.admin : USERS.integration;
      await conn.login(user.username, user.password);
      return conn;
    }),
  );
}

test('read-then-write increments from many sessions: each 2xx is counted once, each stale write is refused with 412', async ({ admin, connect, emulator }) => {
  const id = (await admin.sobject('Account').create({ Name: unique('Counter'), Seats__c: 0 })) as { id: string };
  const writers = await sessions(connect, WRITERS);
  const outcomes = { applied: 0, refused: [] as string[] };

  const incrementOnce = async (conn: Connection): Promise<void> => {
    for (;;) {
      const read = await fetch(`${emulator.url}/services/data/v62.0/sobjects/Account/${id.id}?fields=Seats__c`, { headers: { authorization: `Bearer ${conn.accessToken}` } });
      const etag = read.headers.get('etag');
      expect(etag, 'an Account read carries its ETag').toMatch(/^".+"$/);
      const seats = ((await read.json()) as { Seats__c: number }).Seats__c;
      try {
        await conn.request({ method: 'PATCH', url: `/services/data/v62.0/sobjects/Account/${id.id}`, body: JSON.stringify({ Seats__c: seats + 1 }), headers: { 'content-type': 'application/json', 'if-match': etag! } });
        outcomes.applied += 1;
        return;
      } catch (error) {
        const e = error as { errorCode?: string };
        outcomes.refused.push(e.errorCode ?? String(error));
        // Anything but a stale read is a real failure of the test.
        if (e.errorCode !== 'PRECONDITION_FAILED') throw error;
      }
    }
  };
  await Promise.all(writers.map(async (conn) => {
    for (let i = 0; i < INCREMENTS_EACH; i++) await incrementOnce(conn);
  }));

  const final = (await admin.sobject('Account').retrieve(id.id)) as unknown as { Seats__c: number };
  expect(outcomes.applied).toBe(WRITERS * INCREMENTS_EACH);
  expect(final.Seats__c, 'every applied increment is in the record, none lost').toBe(outcomes.applied);
  expect(outcomes.refused.length, 'the writers did race (stale reads were refused)').toBeGreaterThan(0);
  expect(new Set(outcomes.refused)).toEqual(new Set(['PRECONDITION_FAILED']));
});

test('a stale If-Match writes nothing; a malformed one is a 400; a current one applies', async ({ admin, emulator }) => {
  const { id } = (await admin.sobject('Account').create({ Name: unique('Guarded'), Seats__c: 1 })) as { id: string };
  const url = `${emulator.url}/services/data/v62.0/sobjects/Account/${id}`;
  const auth = { authorization: `Bearer ${admin.accessToken}`, 'content-type': 'application/json' };
  const etag = (await fetch(url, { headers: auth })).headers.get('etag')!;
  expect((await fetch(url, { headers: { ...auth, 'if-none-match': etag } })).status, 'unchanged: 304').toBe(304);
  expect((await fetch(url, { method: 'PATCH', headers: auth, body: JSON.stringify({ Seats__c: 2 }) })).status).toBe(204);
  const stale = await fetch(url, { method: 'PATCH', headers: { ...auth, 'if-match': etag }, body: JSON.stringify({ Seats__c: 99 }) });
  expect(stale.status).toBe(412);
  expect(((await stale.json()) as Array<{ errorCode: string }>)[0]?.errorCode).toBe('PRECONDITION_FAILED');
  const malformed = await fetch(url, { method: 'PATCH', headers: { ...auth, 'if-match': 'not-quoted' }, body: JSON.stringify({ Seats__c: 98 }) });
  expect(malformed.status).toBe(400);
  const current = (await fetch(url, { headers: auth })).headers.get('etag')!;
  expect(current).not.toBe(etag);
  expect((await fetch(url, { method: 'PATCH', headers: { ...auth, 'if-match': current }, body: JSON.stringify({ Seats__c: 3 }) })).status).toBe(204);
  expect(((await admin.sobject('Account').retrieve(id)) as unknown as { Seats__c: number }).Seats__c).toBe(3);
});

test('direct concurrent PATCHes and collection updates of the same records: every 2xx write is in the final state', async ({ admin, connect }) => {
  const created = (await admin.sobject('Account').create([1, 2, 3].map((n) => ({ Name: unique(`Shared ${n}`) })))) as Array<{ id: string; success: boolean }>;
  const ids = created.map((r) => r.id);
  const writers = await sessions(connect, 8);
  // Each writer owns some fields of every record (so all its writes must survive), and all of them also fight
  // over Site (so exactly one of theirs must win).
  const fieldsOf = (w: number, record: number): Record<string, unknown> =>
    [
      { Phone: `555-01${w}${record}` },
      { Website: `https://writer${w}.example/${record}` },
      { Seats__c: 100 * w + record },
      { Name: `Writer ${w} record ${record}` },
    ][w % 4]!;
  const results: Array<{ writer: number; record: number; ok: boolean; error?: string; values: Record<string, unknown> }> = [];
  await Promise.all(
    writers.map(async (conn, w) => {
      for (const [record, id] of ids.entries()) {
        const values = { ...(w < 4 ? fieldsOf(w, record) : {}), Site: `writer ${w}` };
        try {
          if (w % 2 === 0) {
            await conn.sobject('Account').update({ Id: id, ...values });
          } else {
            // sObject Collections, allOrNone: the same update through the other path writers use.
            const [result] = await conn.request<Array<{ success: boolean; errors: Array<{ statusCode: string }> }>>({
              method: 'PATCH',
              url: '/services/data/v62.0/composite/sobjects',
              body: JSON.stringify({ allOrNone: true, records: [{ attributes: { type: 'Account' }, Id: id, ...values }] }),
              headers: { 'content-type': 'application/json' },
            });
            if (!result?.success) throw Object.assign(new Error('collection update refused'), { errorCode: result?.errors[0]?.statusCode });
          }
          results.push({ writer: w, record, ok: true, values });
        } catch (error) {
          results.push({ writer: w, record, ok: false, error: (error as { errorCode?: string }).errorCode ?? String(error), values });
        }
      }
    }),
  );
  expect(results).toHaveLength(8 * ids.length);
  expect(results.filter((r) => !r.ok), 'no write was refused: nothing here conflicts with a rule').toEqual([]);
  const final = (await admin.sobject('Account').retrieve(ids)) as unknown as Array<Record<string, unknown>>;
  for (const [record, row] of final.entries()) {
    // Writers 0-3 each own one field: all four writes are there, whatever the interleaving.
    for (let w = 0; w < 4; w++) {
      for (const [field, value] of Object.entries(fieldsOf(w, record))) expect(row[field], `record ${record} ${field} from writer ${w}`).toBe(value);
    }
    const winners = results.filter((r) => r.record === record && r.ok).map((r) => r.values['Site']);
    expect(winners, `record ${record}: the Site left is one a 2xx write set`).toContain(row['Site']);
  }
});
