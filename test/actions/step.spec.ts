/** step(): the generic escape hatch, held to the same contract as the built-ins. */
import type { Connection } from '@jsforce/jsforce-node';
import { step } from '../../src/actions/builtins/index.js';
import type { ActionDefinition } from '../../src/actions/model.js';
import { readLedger } from '../../src/actions/ledger.js';
import { runAction } from '../../src/actions/runner.js';
import { runChain, stepAfter } from './support/run-chain.js';
import { expect, test } from './support/emulator.fixture.js';

async function partnerCount(conn: Connection, name: string): Promise<number> {
  return (await conn.query(`SELECT COUNT() FROM Account WHERE Name = '${name}'`)).totalSize;
}

/** A hand-written step: the partner account the onboarding flow expects exists. */
const partnerAccount = (fields: Record<string, unknown> = {}) =>
  step({
    id: 'partner-account',
    description: 'The Postflight Partners account exists',
    check: async ({ conn }) => {
      const n = await partnerCount(conn, 'Postflight Partners');
      return { done: n > 0, detail: `${n} partner accounts`, pending: 'create the Postflight Partners account' };
    },
    apply: async ({ conn, log }) => {
      const result = await conn.sobject('Account').create({ Name: 'Postflight Partners', ...fields });
      log(`created ${result.id}`);
      return `created account ${result.id}`;
    },
  });

test('first run applies, the second is already applied and writes nothing', async ({ sampleOrg }) => {
  const settings = await sampleOrg.settings();
  sampleOrg.resetRequests();
  expect((await runAction(partnerAccount(), sampleOrg.context(), settings)).status).toBe('applied');
  expect(sampleOrg.writes()).toHaveLength(1);
  sampleOrg.resetRequests();
  expect((await runAction(partnerAccount(), sampleOrg.context(), settings)).status).toBe('already-applied');
  expect(sampleOrg.writes()).toEqual([]);
  expect(await partnerCount(sampleOrg.admin, 'Postflight Partners')).toBe(1);
});

test('an org refusal in apply stops the chain with the org error', async ({ sampleOrg }) => {
  // Account.Name is required: clearing it makes the org refuse the create.
  const after = stepAfter();
  const chain = await runChain([partnerAccount({ Name: null }), after], sampleOrg.context(), await sampleOrg.settings());
  expect(chain.failed?.id).toBe('partner-account');
  expect(chain.failed?.error.orgError?.errorCode).toBe('REQUIRED_FIELD_MISSING');
  expect(chain.notRun).toEqual(['after']);
  expect(readLedger(sampleOrg.ledgerFile)[0]?.error).toMatch(/^REQUIRED_FIELD_MISSING: /);
});

test('a dry run writes nothing', async ({ sampleOrg }) => {
  const settings = await sampleOrg.settings({ dryRun: true });
  sampleOrg.resetRequests();
  expect((await runAction(partnerAccount(), sampleOrg.context(), settings)).detail).toBe('dry run: would create the Postflight Partners account (0 partner accounts)');
  expect(sampleOrg.writes()).toEqual([]);
});

test('a step without id, description, check or apply is refused with every problem named', () => {
  expect(() => step({ id: '', description: '', check: undefined, apply: 'x' } as unknown as ActionDefinition)).toThrow(
    'step(""): id is required (the ledger keys on it); description is required (the report shows it); check must be a function that only reads; apply must be a function',
  );
});

test.describe('in production', () => {
  test.use({ sandbox: false });

  test('without the allow nothing is written; a read-only step still runs', async ({ sampleOrg }) => {
    const settings = await sampleOrg.settings();
    sampleOrg.resetRequests();
    await expect(runAction(partnerAccount(), sampleOrg.context(), settings)).rejects.toThrow(/production org/);
    expect(sampleOrg.writes()).toEqual([]);
    const preflight = step({
      id: 'preflight',
      description: 'No partner account exists yet',
      mutating: false,
      check: async ({ conn }) => ({ done: false, detail: `${await partnerCount(conn, 'Postflight Partners')} partner accounts` }),
      apply: async ({ conn }) => `${await partnerCount(conn, 'Postflight Partners')} partner accounts before the release`,
      verify: async () => ({ done: true, detail: 'nothing to verify: the step only reads' }),
    });
    // A non-mutating step is allowed in production: it reads only.
    expect((await runAction(preflight, sampleOrg.context(), settings)).status).toBe('applied');
  });
});
