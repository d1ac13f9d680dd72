/**
 * anonymousApex: the check query decides; the Apex is sent only when the check fails. The emulator runs no
 * Apex and answers every block with compiled:false and a compile problem saying so: that must fail the
 * action, never pass as success.
 */
import path from 'node:path';
import { anonymousApex } from '../../src/actions/builtins/index.js';
import { readLedger } from '../../src/actions/ledger.js';
import { runAction } from '../../src/actions/runner.js';
import { runChain, stepAfter } from './support/run-chain.js';
import { expect, test } from './support/emulator.fixture.js';

const APEX = path.join(import.meta.dirname, 'data', 'recalculate-tiers.apex');
const UNTIERED = "SELECT COUNT() FROM Account WHERE ERP_Id__c != null AND Customer_Tier__c = null";
const recalculate = () => anonymousApex({ id: 'recalculate-tiers', file: APEX, check: { soql: UNTIERED, expect: 'no-rows' } });
const apexCalls = (requests: string[]) => requests.filter((r) => r.includes('/tooling/executeAnonymous'));

test('when the check already holds, the Apex is not sent and nothing is written', async ({ sampleOrg }) => {
  await sampleOrg.admin.sobject('Account').create({ Name: 'Tiered', ERP_Id__c: 'ERP-1', Customer_Tier__c: 'Enterprise' });
  const settings = await sampleOrg.settings();
  sampleOrg.resetRequests();
  const outcome = await runAction(recalculate(), sampleOrg.context(), settings);
  expect(outcome).toMatchObject({ status: 'already-applied', detail: 'already applied: the check query returned 0 rows (done when none)' });
  expect(apexCalls(sampleOrg.requests())).toEqual([]);
  expect(sampleOrg.writes()).toEqual([]);
  expect(sampleOrg.requests()).toHaveLength(1);
});

test('a compile problem fails the action with its line and column and stops the chain', async ({ sampleOrg }) => {
  await sampleOrg.admin.sobject('Account').create({ Name: 'Untiered', ERP_Id__c: 'ERP-2' });
  const after = stepAfter();
  sampleOrg.resetRequests();
  const chain = await runChain([recalculate(), after], sampleOrg.context(), await sampleOrg.settings());

  expect(chain.failed?.id).toBe('recalculate-tiers');
  expect(chain.failed?.error.message).toMatch(/^recalculate-tiers: compile problem at recalculate-tiers\.apex line \d+, column \d+: .*does not run Apex.*; nothing was run$/);
  expect(chain.notRun).toEqual(['after']);
  expect(apexCalls(sampleOrg.requests())).toHaveLength(1);
  expect(readLedger(sampleOrg.ledgerFile)[0]).toMatchObject({ status: 'failed', error: expect.stringContaining('compile problem') });
});

test('a dry run does not send the Apex', async ({ sampleOrg }) => {
  await sampleOrg.admin.sobject('Account').create({ Name: 'Untiered', ERP_Id__c: 'ERP-2' });
  const settings = await sampleOrg.settings({ dryRun: true });
  sampleOrg.resetRequests();
  const outcome = await runAction(recalculate(), sampleOrg.context(), settings);
  expect(outcome.detail).toBe('dry run: would run recalculate-tiers.apex (7 lines of anonymous Apex) (the check query returned 1 row (done when none))');
  expect(apexCalls(sampleOrg.requests())).toEqual([]);
  expect(sampleOrg.writes()).toEqual([]);
});

test('a check query is required and the file must exist, when the release is declared', () => {
  expect(() => anonymousApex({ file: APEX, check: { soql: ' ', expect: 'rows' } })).toThrow('a check query is required');
  expect(() => anonymousApex({ file: 'nope.apex', check: { soql: UNTIERED, expect: 'rows' } })).toThrow(/nope\.apex: no such anonymous Apex file \(relative paths start at /);
});

test.describe('in production', () => {
  test.use({ sandbox: false });

  test('without the allow the Apex is not sent', async ({ sampleOrg }) => {
    await sampleOrg.admin.sobject('Account').create({ Name: 'Untiered', ERP_Id__c: 'ERP-2' });
    const settings = await sampleOrg.settings();
    sampleOrg.resetRequests();
    await expect(runAction(recalculate(), sampleOrg.context(), settings)).rejects.toThrow(/production org/);
    expect(apexCalls(sampleOrg.requests())).toEqual([]);
    expect(sampleOrg.writes()).toEqual([]);
  });
});
