/**
 * The README's worked example, run as a team would run it: prod-smoke against the emulator loaded with the
 * public Technology Transfer Starter, the Postflight connected app added as an overlay, the team's users,
 * plan and actions. Every plan check must pass, and each persona's checks must actually have run (a plan
 * whose tests were all filtered out would otherwise look green).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test, expect } from '@playwright/test';
import { runSuite } from './run-suite.js';
import { TECHNOLOGY_TRANSFER_STARTER } from '../support/shared-samples.js';

const EXAMPLE = 'examples/technology-transfer';

interface ReportSpec {
  title: string;
  file: string;
  tags?: string[];
  tests: { projectName: string; results: { status: string }[] }[];
}
interface ReportSuite {
  specs?: ReportSpec[];
  suites?: ReportSuite[];
}

/** Plan-generated tests (tagged `@plan`) from the run's JSON report: project, title and final status. */
function planResults(reportFile: string): { project: string; title: string; status: string }[] {
  const report = JSON.parse(readFileSync(reportFile, 'utf8')) as { suites: ReportSuite[] };
  const found: { project: string; title: string; status: string }[] = [];
  const visit = (suite: ReportSuite) => {
    for (const spec of suite.specs ?? []) {
      // The JSON reporter lists tags without their "@".
      if (!(spec.tags ?? []).includes('plan')) continue;
      for (const t of spec.tests) found.push({ project: t.projectName, title: spec.title, status: t.results.at(-1)?.status ?? 'not run' });
    }
    for (const child of suite.suites ?? []) visit(child);
  };
  report.suites.forEach(visit);
  return found;
}

test('the technology-transfer worked example passes prod-smoke as every persona', async () => {
  test.setTimeout(600_000);
  const run = await runSuite({
    name: 'worked-example-technology-transfer',
    port: 18_760,
    projects: ['prod-smoke'],
    env: {
      // The README says ../shared/samples/technology-transfer-starter; resolved here so the test also runs where shared/ lives elsewhere.
      SF_EMULATOR_SOURCE: TECHNOLOGY_TRANSFER_STARTER,
      SF_EMULATOR_OVERLAYS: 'org/emulator-access',
      SF_EMULATOR_USERS: `${EXAMPLE}/users`,
      SF_VERIFICATIONS_DIR: `${EXAMPLE}/verifications`,
      SF_ACTIONS_DIR: `${EXAMPLE}/actions`,
    },
  });
  const tail = run.output.slice(-4000);
  expect(run.failed, `failed checks\n${tail}`).toEqual([]);
  expect(run.exitCode, tail).toBe(0);

  // The suite's JSON reporter writes playwright-results.json into the run's results folder.
  const plan = planResults(path.join(run.dirs.results, 'playwright-results.json'));
  expect(plan.filter((t) => t.status !== 'passed'), 'plan checks that did not pass').toEqual([]);
  for (const persona of ['sales-rep', 'support-agent', 'integration-user', 'monitors']) {
    expect(plan.filter((t) => t.project === persona).length, `plan checks run as ${persona}`).toBeGreaterThan(0);
  }
  // The release action that assigns the project's permission sets ran (the plan's visa checks depend on it).
  expect(run.passed.some((title) => title.startsWith('[actions] tts-assign-incubator-manager')), 'the permission-set action').toBe(true);
  // The hand-written flow check beside the plan ran and passed.
  expect(run.passed).toContain('[support-agent] support-agent: selecting a mentor assigns them to the mentoring opportunity');
});
