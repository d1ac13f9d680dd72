/**
 * assignPermissionSets: existing assignments are skipped, the rest inserted through sObject Collections
 * (allOrNone false), each user's result logged.
 */
import type { Connection } from '@jsforce/jsforce-node';
import { assignPermissionSets } from '../../src/actions/builtins/index.js';
import { readLedger } from '../../src/actions/ledger.js';
import { runAction } from '../../src/actions/runner.js';
import { runChain, stepAfter } from './support/run-chain.js';
import { SETUP_READER, expect, test } from './support/emulator.fixture.js';

const ADMIN = 'admin@postflight.test';
const REP = 'sales.rep@postflight.test';
const USERS = `Username IN ('${ADMIN}', '${REP}')`;

async function assigned(conn: Connection, username: string): Promise<string[]> {
  const result = await conn.query<{ PermissionSet: { Name: string } }>(
    `SELECT PermissionSet.Name FROM PermissionSetAssignment WHERE Assignee.Username = '${username}' AND PermissionSet.IsOwnedByProfile = false`,
  );
  return result.records.map((r) => r.PermissionSet.Name).sort();
}

test.describe('assignPermissionSets', () => {
  test.use({ setupReader: true });

  test('first run inserts only the missing assignments in one collection request; the second writes nothing', async ({ sampleOrg }) => {
    // The rep already holds Sales_Rep (org/users/sales-rep.json); the admin holds nothing.
    const action = assignPermissionSets({ id: 'assign-release-sets', permissionSets: ['Sales_Rep', 'Deal_Desk'], users: USERS });
    const settings = await sampleOrg.settings();
    sampleOrg.resetRequests();
    const ctx = sampleOrg.context();
    const first = await runAction(action, ctx, settings);

    expect(first.status).toBe('applied');
    expect(first.detail).toBe('3 assignments inserted for 2 users, 1 already present');
    expect(sampleOrg.writes()).toEqual([expect.stringMatching(/^POST \/services\/data\/v\d+\.\d\/composite\/sobjects$/)]);
    expect(ctx.logs.sort()).toEqual([`${ADMIN}: assigned Sales_Rep, Deal_Desk`, `${REP}: assigned Deal_Desk`]);
    expect(await assigned(sampleOrg.admin, ADMIN)).toEqual(['Deal_Desk', 'Sales_Rep']);
    expect(await assigned(sampleOrg.admin, REP)).toEqual(['Deal_Desk', 'Sales_Rep']);

    sampleOrg.resetRequests();
    const second = await runAction(action, sampleOrg.context(), settings);
    expect(second.status).toBe('already-applied');
    expect(second.detail).toBe('already applied: 2 users selected, 4 assignments present, 0 missing');
    expect(sampleOrg.writes()).toEqual([]);
  });

  test('the check reads permission sets, groups and users in one composite request, then the assignments (one request each without batching)', async ({ sampleOrg }) => {
    const action = assignPermissionSets({ permissionSets: ['Sales_Rep'], users: USERS });
    const reads = async (batching: boolean) => {
      sampleOrg.resetRequests();
      const check = await action.check(sampleOrg.context(undefined, { batching }));
      expect(check.detail, `batching ${batching}`).toBe('2 users selected, 1 assignments present, 1 missing (admin@postflight.test)');
      return sampleOrg.requests().map((r) => decodeURIComponent(r.replace(/\+/g, ' ')).replace(/v\d+\.\d/, 'vNN').replace(/\?q=.*? FROM (\w+).*$/, ' $1'));
    };
    expect(await reads(true)).toEqual(['POST /services/data/vNN/composite', 'GET /services/data/vNN/query PermissionSetAssignment']);
    expect(await reads(false)).toEqual(['GET /services/data/vNN/query PermissionSet', 'GET /services/data/vNN/query User', 'GET /services/data/vNN/query PermissionSetAssignment']);
  });

  test('a full query selecting User Ids works like a WHERE clause', async ({ sampleOrg }) => {
    const action = assignPermissionSets({ permissionSets: ['Deal_Desk'], users: `SELECT Id FROM User WHERE Username = '${REP}'` });
    const outcome = await runAction(action, sampleOrg.context(), await sampleOrg.settings());
    expect(outcome.status).toBe('applied');
    expect(await assigned(sampleOrg.admin, REP)).toEqual(['Deal_Desk', 'Sales_Rep']);
  });

  test('users the org refuses fail the action with each user\'s error, and the chain stops', async ({ sampleOrg }) => {
    // The Setup reader can read permission sets and assignments but lacks Assign Permission Sets.
    const reader = await sampleOrg.connectAs(SETUP_READER);
    const after = stepAfter();
    const ctx = sampleOrg.context(reader);
    const chain = await runChain([assignPermissionSets({ id: 'assign-deal-desk', permissionSets: ['Deal_Desk'], users: USERS }), after], ctx, await sampleOrg.settings());

    expect(chain.failed?.id).toBe('assign-deal-desk');
    expect(chain.failed?.error.message).toMatch(/2 of 2 users could not be given their permission sets/);
    expect(chain.failed?.error.message).toContain(`${ADMIN}: Deal_Desk (INSUFFICIENT_ACCESS`);
    expect(chain.failed?.error.message).toContain(`${REP}: Deal_Desk (INSUFFICIENT_ACCESS`);
    expect(ctx.logs).toHaveLength(2);
    expect(chain.notRun).toEqual(['after']);
    expect(readLedger(sampleOrg.ledgerFile)[0]).toMatchObject({ status: 'failed', error: expect.stringContaining('INSUFFICIENT_ACCESS') });
    expect(await assigned(sampleOrg.admin, ADMIN)).toEqual([]);
  });

  test('an unknown permission set fails the check before any write', async ({ sampleOrg }) => {
    const settings = await sampleOrg.settings();
    sampleOrg.resetRequests();
    await expect(runAction(assignPermissionSets({ permissionSets: ['Sales_Rep', 'Nope'], users: USERS }), sampleOrg.context(), settings)).rejects.toThrow(
      'the org has no permission set or permission set group named Nope',
    );
    expect(sampleOrg.writes()).toEqual([]);
  });

  test('a dry run lists who lacks what and writes nothing', async ({ sampleOrg }) => {
    const settings = await sampleOrg.settings({ dryRun: true });
    sampleOrg.resetRequests();
    const outcome = await runAction(assignPermissionSets({ permissionSets: ['Deal_Desk'], users: USERS }), sampleOrg.context(), settings);
    expect(outcome.status).toBe('dry-run');
    expect(outcome.detail).toContain('would insert 2 permission set assignments for 2 users');
    expect(sampleOrg.writes()).toEqual([]);
  });
});

test.describe('assignPermissionSets in production', () => {
  test.use({ sandbox: false });

  test('without the allow nothing is written', async ({ sampleOrg }) => {
    const settings = await sampleOrg.settings();
    sampleOrg.resetRequests();
    await expect(runAction(assignPermissionSets({ permissionSets: ['Deal_Desk'], users: USERS }), sampleOrg.context(), settings)).rejects.toThrow(/production org/);
    expect(sampleOrg.writes()).toEqual([]);
    expect(await assigned(sampleOrg.admin, ADMIN)).toEqual([]);
  });
});
