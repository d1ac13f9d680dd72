/** updateCustomSetting on the sample org's hierarchy setting Release_Settings__c (no row is seeded). */
import type { Connection } from '@jsforce/jsforce-node';
import { updateCustomSetting } from '../../src/actions/builtins/index.js';
import { readLedger } from '../../src/actions/ledger.js';
import { runAction } from '../../src/actions/runner.js';
import { runChain, stepAfter } from './support/run-chain.js';
import { expect, test } from './support/emulator.fixture.js';

const releaseSettings = (releaseId = 'R-2026-11') =>
  updateCustomSetting({ id: 'release-settings', setting: 'Release_Settings__c', values: { Onboarding_Enabled__c: true, Release_Id__c: () => releaseId } });

async function rows(conn: Connection): Promise<Array<Record<string, unknown>>> {
  return (await conn.query<Record<string, unknown>>('SELECT SetupOwnerId, Onboarding_Enabled__c, Release_Id__c FROM Release_Settings__c')).records.map(
    ({ attributes: _a, ...rest }) => rest,
  );
}

test('first run creates the org default row; the second writes nothing; a new release id updates it in place', async ({ sampleOrg }) => {
  const settings = await sampleOrg.settings();
  sampleOrg.resetRequests();
  const first = await runAction(releaseSettings(), sampleOrg.context(), settings);
  expect(first).toMatchObject({
    status: 'applied',
    detail: 'created Release_Settings__c for the org default: Onboarding_Enabled__c: blank -> true, Release_Id__c: blank -> "R-2026-11"',
  });
  expect(sampleOrg.writes()).toEqual([expect.stringMatching(/^POST \/services\/data\/v\d+\.\d\/sobjects\/Release_Settings__c$/)]);
  // The org default row's SetupOwnerId is the org id (Salesforce's hierarchy custom settings).
  expect(await rows(sampleOrg.admin)).toEqual([{ SetupOwnerId: settings.target.id, Onboarding_Enabled__c: true, Release_Id__c: 'R-2026-11' }]);

  sampleOrg.resetRequests();
  expect((await runAction(releaseSettings(), sampleOrg.context(), settings)).status).toBe('already-applied');
  expect(sampleOrg.writes()).toEqual([]);

  const next = await runAction(releaseSettings('R-2026-12'), sampleOrg.context(), settings);
  expect(next.detail).toBe('updated Release_Settings__c for the org default: Release_Id__c: "R-2026-11" -> "R-2026-12"');
  expect(sampleOrg.writes()).toEqual([expect.stringMatching(/^PATCH \/services\/data\/v\d+\.\d\/sobjects\/Release_Settings__c\/\w{18}$/)]);
  expect(await rows(sampleOrg.admin)).toHaveLength(1);
});

test('the value can come from the run context (the release id)', async ({ sampleOrg }) => {
  const action = updateCustomSetting({ setting: 'Release_Settings__c', values: { Release_Id__c: (ctx) => ctx.releaseId } });
  await runAction(action, sampleOrg.context(), await sampleOrg.settings());
  expect(await rows(sampleOrg.admin)).toEqual([{ SetupOwnerId: expect.any(String), Onboarding_Enabled__c: true, Release_Id__c: 'R-test-1' }]);
});

test('a profile level gets its own row', async ({ sampleOrg }) => {
  const action = updateCustomSetting({ setting: 'Release_Settings__c', owner: 'Standard User', values: { Onboarding_Enabled__c: false } });
  expect(action.id).toBe('custom-setting:Release_Settings__c:Standard_User');
  expect((await runAction(action, sampleOrg.context(), await sampleOrg.settings())).status).toBe('applied');
  const profile = (await sampleOrg.admin.query<{ Id: string }>("SELECT Id FROM Profile WHERE Name = 'Standard User'")).records[0];
  expect(await rows(sampleOrg.admin)).toEqual([{ SetupOwnerId: profile?.Id, Onboarding_Enabled__c: false, Release_Id__c: null }]);
});

test('a value the org refuses stops the chain with the org error', async ({ sampleOrg }) => {
  // Release_Id__c is Text(40): the org refuses a longer value.
  const tooLong = releaseSettings('R'.repeat(41));
  const after = stepAfter();
  const chain = await runChain([tooLong, after], sampleOrg.context(), await sampleOrg.settings());
  expect(chain.failed?.id).toBe('release-settings');
  expect(chain.failed?.error.orgError?.errorCode).toBe('STRING_TOO_LONG');
  expect(chain.notRun).toEqual(['after']);
  expect(readLedger(sampleOrg.ledgerFile)[0]).toMatchObject({ status: 'failed', error: expect.stringContaining('STRING_TOO_LONG') });
  expect(await rows(sampleOrg.admin)).toEqual([]);
});

test('a dry run writes nothing', async ({ sampleOrg }) => {
  const settings = await sampleOrg.settings({ dryRun: true });
  sampleOrg.resetRequests();
  const outcome = await runAction(releaseSettings(), sampleOrg.context(), settings);
  expect(outcome.status).toBe('dry-run');
  expect(outcome.detail).toContain('would create the Release_Settings__c row for the org default');
  expect(sampleOrg.writes()).toEqual([]);
});

test('custom metadata records are refused when the release is declared, with the reason', () => {
  expect(() => updateCustomSetting({ setting: 'Discount_Policy__mdt', values: { Max__c: 20 } })).toThrow(/custom metadata records cannot be changed through REST DML/);
});

test.describe('in production', () => {
  test.use({ sandbox: false });

  test('without the allow nothing is written', async ({ sampleOrg }) => {
    const settings = await sampleOrg.settings();
    sampleOrg.resetRequests();
    await expect(runAction(releaseSettings(), sampleOrg.context(), settings)).rejects.toThrow(/production org/);
    expect(sampleOrg.writes()).toEqual([]);
    expect(await rows(sampleOrg.admin)).toEqual([]);
  });
});

test('with the org id the run already read, the check reads only the setting (the Organization too without it)', async ({ sampleOrg }) => {
  const settings = await sampleOrg.settings();
  const reads = async (orgId?: string) => {
    sampleOrg.resetRequests();
    await releaseSettings().check(sampleOrg.context(undefined, orgId ? { orgId } : {}));
    return sampleOrg.requests().map((r) => decodeURIComponent(r).replace(/v\d+\.\d/, 'vNN').replace(/\+/g, ' '));
  };
  expect(await reads(settings.target.id)).toEqual([expect.stringMatching(/^GET \/services\/data\/vNN\/query\?q=SELECT Id, .* FROM Release_Settings__c WHERE SetupOwnerId = /)]);
  expect(await reads()).toEqual([
    expect.stringMatching(/^GET \/services\/data\/vNN\/query\?q=SELECT Id FROM Organization LIMIT 1$/),
    expect.stringMatching(/FROM Release_Settings__c WHERE SetupOwnerId = /),
  ]);
});
