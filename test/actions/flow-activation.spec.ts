/**
 * activateFlow / deactivateFlow against the sample org: Tooling FlowDefinition query, then one PATCH of
 * `Metadata.activeVersionNumber` (field notes: CumulusCI's activate_flow).
 */
import { activateFlow, deactivateFlow, updateCustomSetting } from '../../src/actions/builtins/index.js';
import { readLedger } from '../../src/actions/ledger.js';
import { runAction } from '../../src/actions/runner.js';
import { runChain } from './support/run-chain.js';
import { SETUP_READER, expect, test } from './support/emulator.fixture.js';
import type { Connection } from '@jsforce/jsforce-node';

async function activeVersion(conn: Connection, flow: string): Promise<number | null> {
  const result = await conn.tooling.query<{ ActiveVersion: { VersionNumber: number } | null }>(
    `SELECT ActiveVersion.VersionNumber FROM FlowDefinition WHERE DeveloperName = '${flow}'`,
  );
  return result.records[0]?.ActiveVersion?.VersionNumber ?? null;
}

test.describe('activateFlow on a release whose flow was deployed inactive', () => {
  test.use({ overlays: ['flow-inactive'], setupReader: true });

  test('first run activates the latest version with one PATCH; the second run is already applied and writes nothing', async ({ sampleOrg }) => {
    const action = activateFlow({ flow: 'Closed_Won_Onboarding' });
    const settings = await sampleOrg.settings();
    expect(await activeVersion(sampleOrg.admin, 'Closed_Won_Onboarding')).toBeNull();
    sampleOrg.resetRequests();

    const first = await runAction(action, sampleOrg.context(), settings);
    expect(first.status).toBe('applied');
    expect(first.detail).toBe('activated version 1 of Closed_Won_Onboarding (none was active)');
    expect(sampleOrg.writes()).toEqual([expect.stringMatching(/^PATCH \/services\/data\/v\d+\.\d\/tooling\/sobjects\/FlowDefinition\/300\w{15}$/)]);
    // check (1 query), apply (1 PATCH, reusing the check's read), verify (1 query).
    expect(sampleOrg.requests()).toHaveLength(3);
    expect(await activeVersion(sampleOrg.admin, 'Closed_Won_Onboarding')).toBe(1);

    sampleOrg.resetRequests();
    const second = await runAction(action, sampleOrg.context(), settings);
    expect(second.status).toBe('already-applied');
    expect(second.detail).toBe('already applied: Closed_Won_Onboarding: version 1 active, latest version 1');
    expect(sampleOrg.writes()).toEqual([]);
    expect(readLedger(sampleOrg.ledgerFile).map((e) => e.status)).toEqual(['applied', 'already-applied']);
  });

  test('a refused apply stops the chain with the org error, and the actions after it do not run', async ({ sampleOrg }) => {
    // The Setup reader can read flows but lacks Manage Flow: the check succeeds, the org refuses the activation itself.
    const manager = await sampleOrg.connectAs(SETUP_READER);
    const next = updateCustomSetting({ setting: 'Release_Settings__c', values: { Onboarding_Enabled__c: true } });
    const chain = await runChain([activateFlow({ flow: 'Closed_Won_Onboarding' }), next], sampleOrg.context(manager), await sampleOrg.settings());

    expect(chain.failed?.id).toBe('activate-flow:Closed_Won_Onboarding');
    expect(chain.failed?.error.message).toContain('INSUFFICIENT_ACCESS_OR_READONLY');
    expect(chain.failed?.error.orgError?.errorCode).toBe('INSUFFICIENT_ACCESS_OR_READONLY');
    expect(chain.notRun).toEqual([next.id]);
    const [entry] = readLedger(sampleOrg.ledgerFile);
    expect(entry).toMatchObject({ actionId: 'activate-flow:Closed_Won_Onboarding', status: 'failed', error: expect.stringContaining('INSUFFICIENT_ACCESS_OR_READONLY') });
    expect(await activeVersion(sampleOrg.admin, 'Closed_Won_Onboarding')).toBeNull();
  });

  test('a dry run reports what it would activate and writes nothing', async ({ sampleOrg }) => {
    const settings = await sampleOrg.settings({ dryRun: true });
    sampleOrg.resetRequests();
    const outcome = await runAction(activateFlow({ flow: 'Closed_Won_Onboarding' }), sampleOrg.context(), settings);
    expect(outcome.status).toBe('dry-run');
    expect(outcome.detail).toBe('dry run: would activate version 1 of Closed_Won_Onboarding (Closed_Won_Onboarding: no active version, latest version 1)');
    expect(sampleOrg.writes()).toEqual([]);
  });

  test('an unknown flow fails the check without writing', async ({ sampleOrg }) => {
    const settings = await sampleOrg.settings();
    sampleOrg.resetRequests();
    await expect(runAction(activateFlow({ flow: 'No_Such_Flow' }), sampleOrg.context(), settings)).rejects.toThrow('the org has no flow named "No_Such_Flow"');
    await expect(runAction(activateFlow({ flow: 'Closed_Won_Onboarding', version: 2 }), sampleOrg.context(), settings)).rejects.toThrow(
      'version 2 does not exist in this org',
    );
    expect(sampleOrg.writes()).toEqual([]);
  });
});

test.describe('activateFlow in production', () => {
  test.use({ overlays: ['flow-inactive'], sandbox: false });

  test('without SF_ALLOW_PRODUCTION nothing is written and the run is refused', async ({ sampleOrg }) => {
    const settings = await sampleOrg.settings();
    expect(settings.target.isSandbox).toBe(false);
    sampleOrg.resetRequests();
    await expect(runAction(activateFlow({ flow: 'Closed_Won_Onboarding' }), sampleOrg.context(), settings)).rejects.toThrow(/is a production org/);
    expect(sampleOrg.writes()).toEqual([]);
    expect(readLedger(sampleOrg.ledgerFile)[0]?.status).toBe('refused');
  });

  test('with the allow it activates', async ({ sampleOrg }) => {
    const outcome = await runAction(activateFlow({ flow: 'Closed_Won_Onboarding' }), sampleOrg.context(), await sampleOrg.settings({ allowProduction: true }));
    expect(outcome.status).toBe('applied');
  });
});

test.describe('deactivateFlow', () => {
  test.use({ setupReader: true });
  test('first run deactivates with one PATCH; the second is already applied and writes nothing', async ({ sampleOrg }) => {
    const action = deactivateFlow({ flow: 'Case_Onboarding_Task' });
    const settings = await sampleOrg.settings();
    sampleOrg.resetRequests();
    const first = await runAction(action, sampleOrg.context(), settings);
    expect(first).toMatchObject({ status: 'applied', detail: 'deactivated Case_Onboarding_Task (version 1 was active)' });
    expect(sampleOrg.writes()).toHaveLength(1);
    expect(await activeVersion(sampleOrg.admin, 'Case_Onboarding_Task')).toBeNull();

    sampleOrg.resetRequests();
    expect((await runAction(action, sampleOrg.context(), settings)).status).toBe('already-applied');
    expect(sampleOrg.writes()).toEqual([]);
  });

  test('a refused apply stops the chain with the org error', async ({ sampleOrg }) => {
    const manager = await sampleOrg.connectAs(SETUP_READER);
    const chain = await runChain(
      [deactivateFlow({ flow: 'Case_Onboarding_Task' }), deactivateFlow({ flow: 'Closed_Won_Onboarding' })],
      sampleOrg.context(manager),
      await sampleOrg.settings(),
    );
    expect(chain.failed?.error.orgError?.errorCode).toBe('INSUFFICIENT_ACCESS_OR_READONLY');
    expect(chain.notRun).toEqual(['deactivate-flow:Closed_Won_Onboarding']);
    expect(await activeVersion(sampleOrg.admin, 'Case_Onboarding_Task')).toBe(1);
  });

  test('a dry run writes nothing', async ({ sampleOrg }) => {
    const settings = await sampleOrg.settings({ dryRun: true });
    sampleOrg.resetRequests();
    expect((await runAction(deactivateFlow({ flow: 'Case_Onboarding_Task' }), sampleOrg.context(), settings)).status).toBe('dry-run');
    expect(sampleOrg.writes()).toEqual([]);
  });
});

test.describe('deactivateFlow in production', () => {
  test.use({ sandbox: false });

  test('without the allow nothing is written', async ({ sampleOrg }) => {
    const settings = await sampleOrg.settings();
    sampleOrg.resetRequests();
    await expect(runAction(deactivateFlow({ flow: 'Case_Onboarding_Task' }), sampleOrg.context(), settings)).rejects.toThrow(/production org/);
    expect(sampleOrg.writes()).toEqual([]);
    expect(await activeVersion(sampleOrg.admin, 'Case_Onboarding_Task')).toBe(1);
  });
});
