/**
 * The checks `npm run coverage` proposes for the public Technology Transfer Starter, run the way a team would
 * run them once merged: prod-smoke against the emulator loaded with that project, with the worked example's
 * users and release actions. Every ready field-access, flow and record-type proposal must pass, and each must
 * have run.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test, expect } from '@playwright/test';
import { analyseRelease, writeCoverageOutputs } from '../../src/coverage/analyse.js';
import examplePlan from '../../examples/technology-transfer/verifications/release-plan.js';
import { TECHNOLOGY_TRANSFER_STARTER } from '../support/shared-samples.js';
import { ROOT, runSuite } from './run-suite.js';

const EXAMPLE = path.join(ROOT, 'examples', 'technology-transfer');

test('the field-access, flow and record-type checks proposed for the technology-transfer starter pass against it', async () => {
  // About five hundred checks: minutes on a busy machine.
  test.setTimeout(1_800_000);
  const analysis = analyseRelease({
    source: TECHNOLOGY_TRANSFER_STARTER,
    plan: examplePlan,
    planLabel: 'examples/technology-transfer/verifications/release-plan.ts',
    specsDir: path.join(EXAMPLE, 'verifications'),
    userFiles: [path.join(EXAMPLE, 'users')],
    // The example's release action gives the incubator manager Visa Management, which its user file does not show.
    assignments: ['support-agent:Technology_Transfer_Starter_Visa_Management'],
    min: 0,
  });
  const { ready } = analysis.proposals;
  expect(ready.flows.map((p) => p.component)).toEqual(['Flow:TTS_Auto_Update_PI_on_Technology']);
  expect(ready.fieldAccess.length).toBeGreaterThan(100);

  // Outside the repository: the generated plan is not the project's code (no type-check or lint of it).
  const verifications = path.join(tmpdir(), `postflight-coverage-proposals-${process.pid}`);
  rmSync(verifications, { recursive: true, force: true });
  mkdirSync(verifications, { recursive: true });
  // Outside the repository the files need telling they are ES modules, as the project's package.json says.
  writeFileSync(path.join(verifications, 'package.json'), '{ "type": "module" }\n');
  try {
    writeCoverageOutputs(analysis, verifications);
    writeFileSync(
      path.join(verifications, 'proposals.spec.ts'),
      [
        `import { planTests } from ${JSON.stringify(path.join(ROOT, 'fixtures', 'release-plan.js'))};`,
        `import { definePlan } from ${JSON.stringify(path.join(ROOT, 'src', 'plan', 'schema.js'))};`,
        "import { ready } from './proposed-plan.js';",
        "planTests(definePlan({ release: 'Proposed checks', fieldAccess: ready.fieldAccess, flows: ready.flows, recordTypes: ready.recordTypes }));",
        '',
      ].join('\n'),
    );
    const run = await runSuite({
      name: 'coverage-proposals-technology-transfer',
      port: 18_560,
      env: {
        SF_EMULATOR_SOURCE: TECHNOLOGY_TRANSFER_STARTER,
        SF_EMULATOR_OVERLAYS: 'org/emulator-access',
        SF_EMULATOR_USERS: path.join(EXAMPLE, 'users'),
        SF_VERIFICATIONS_DIR: verifications,
        SF_ACTIONS_DIR: path.join(EXAMPLE, 'actions'),
      },
    });
    const tail = run.output.slice(-4000);
    expect(run.failed, `failed checks\n${tail}`).toEqual([]);
    expect(run.exitCode, tail).toBe(0);
    const ran = (prefix: string) => run.passed.filter((title) => title.includes(prefix));
    expect(ran(' is active and its entry criteria are reachable'), 'flow proposals that ran and passed').toEqual([
      '[sales-rep] sales-rep: TTS_Auto_Update_PI_on_Technology is active and its entry criteria are reachable',
    ]);
    const accessChecks = run.passed.filter((title) => / (can edit|can read but not edit|cannot see) [A-Za-z_]+\.[A-Za-z_]+$/.test(title));
    expect(accessChecks.length, 'field-access proposals that ran and passed').toBe(ready.fieldAccess.length);
    expect(run.passed.filter((title) => / can create a \w+ with record type \w+$/.test(title)).length, 'record-type proposals that ran and passed').toBe(ready.recordTypes.length);
    expect(readFileSync(path.join(verifications, 'proposed-plan.ts'), 'utf8')).toContain('export const readyPlan = definePlan(');
  } finally {
    rmSync(verifications, { recursive: true, force: true });
  }
});
