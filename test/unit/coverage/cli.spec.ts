/**
 * `npm run coverage` as a release manager runs it: the table, the files it writes, and the exit code that
 * gates a release on SF_COVERAGE_MIN. Each case spawns the command (about two seconds each).
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test, expect } from '@playwright/test';
import { TECHNOLOGY_TRANSFER_STARTER } from '../../support/shared-samples.js';
import { FIXTURES, ROOT } from './support.js';

function coverage(args: string[], env: Record<string, string> = {}): { code: number | null; out: string; err: string } {
  const run = spawnSync(process.execPath, ['--import', 'tsx', path.join(ROOT, 'src', 'coverage', 'cli.ts'), ...args], {
    cwd: ROOT,
    env: { ...process.env, SF_COVERAGE_MIN: '', ...env },
    encoding: 'utf8',
  });
  return { code: run.status, out: run.stdout, err: run.stderr };
}

test.describe.configure({ mode: 'parallel' });

let work: string;
test.beforeEach(() => {
  work = mkdtempSync(path.join(tmpdir(), 'postflight-coverage-cli-'));
});
test.afterEach(() => rmSync(work, { recursive: true, force: true }));

test('the sample org: the table per kind, the files, exit 0 at a 100% minimum', () => {
  const run = coverage(['--out', work], { SF_COVERAGE_MIN: '100' });
  expect(run.err).toBe('');
  expect(run.code).toBe(0);
  expect(run.out).toMatch(/record-triggered flows\s+6\s+6\s+100\.0/);
  expect(run.out).toMatch(/overall\s+44\s+44\s+100\.0/);
  expect(run.out).toContain('meets the minimum of 100% (SF_COVERAGE_MIN)');
  for (const file of ['coverage.json', 'coverage.txt', 'proposed-plan.ts']) expect(existsSync(path.join(work, file)), file).toBe(true);
});

test('a copy of the plan with one verification removed: the rule is listed and the run fails the minimum', () => {
  // The copy keeps the hand-written specs beside it (their tags count) and imports the schema from the project.
  const copy = path.join(work, 'verifications');
  cpSync(path.join(ROOT, 'verifications'), copy, { recursive: true });
  const planFile = path.join(copy, 'release-plan.ts');
  const plan = readFileSync(planFile, 'utf8')
    .replace("'../src/plan/schema.js'", JSON.stringify(path.join(ROOT, 'src', 'plan', 'schema.js')))
    .replace(/\n {4}\{\n {6}name: 'a web case with a phone number the support line can dial saves',[\s\S]*?component: 'ValidationRule:Case\.Web_Phone_Format',\n {4}\},/, '');
  expect(plan).not.toContain('Web_Phone_Format');
  writeFileSync(planFile, plan);
  writeFileSync(path.join(work, 'package.json'), '{ "type": "module" }\n');
  const run = coverage(['--plan', planFile, '--out', path.join(work, 'out'), '--min', '100']);
  expect(run.err).toBe('');
  expect(run.code).toBe(1);
  expect(run.out).toMatch(/validation rules\s+4\s+5\s+80\.0/);
  expect(run.out).toMatch(/overall\s+43\s+44\s+97\.7/);
  expect(run.out).toContain('BELOW the minimum of 100% (SF_COVERAGE_MIN)');
  expect(run.out).toMatch(/Not covered by any verification \(1\):\n {2}ValidationRule:Case\.Web_Phone_Format/);
  expect(run.out).toContain('(1 ready, 0 to complete)');
});

test('a deploy report limits the release to what it changed', () => {
  const run = coverage(['--deploy-report', path.join(FIXTURES, 'deploy-report.json'), '--out', work, '--min', '100']);
  expect(run.code).toBe(0);
  expect(run.out).toContain("what the deployment test/unit/coverage/fixtures/deploy-report.json (0AfDn00000Q8rStKAZ, Succeeded) created or changed");
  expect(run.out).toMatch(/overall\s+3\s+3\s+100\.0/);
  expect(run.out).toContain('The deployment also sent 1 unchanged and deleted 1 component(s); neither is counted.');
});

test('the technology-transfer starter: flows, rules and fields listed, proposals written', () => {
  const example = path.join(ROOT, 'examples', 'technology-transfer');
  const run = coverage([
    '--source', TECHNOLOGY_TRANSFER_STARTER,
    '--plan', path.join(example, 'verifications', 'release-plan.ts'),
    '--users', path.join(example, 'users'),
    '--assign', 'support-agent:Technology_Transfer_Starter_Visa_Management',
    '--out', work,
  ]);
  expect(run.code).toBe(0);
  expect(run.out).toMatch(/custom fields\s+17\s+254/);
  expect(run.out).toMatch(/validation rules\s+1\s+5/);
  expect(run.out).toMatch(/record-triggered flows\s+1\s+3/);
  expect(run.out).toContain('  Flow:TTS_Update_Tenant_Contact_on_Change ');
  expect(run.out).toContain('  ValidationRule:TTS_Space_Tenant__c.Ensure_a_tenant_is_provided ');
  expect(run.out).toContain('  CustomField:Contact.Visa_Start_Date__c ');
  expect(run.out).toContain('no minimum set (SF_COVERAGE_MIN): report only');
  expect(readFileSync(path.join(work, 'proposed-plan.ts'), 'utf8')).toContain("flow: 'TTS_Auto_Update_PI_on_Technology'");
});

test('bad input is one line naming it, exit 2', () => {
  const missing = coverage(['--manifest', path.join(work, 'package.xml'), '--out', work]);
  expect(missing.code).toBe(2);
  expect(missing.err.trim()).toMatch(/^coverage: .*package\.xml: cannot be read/);
  const both = coverage(['--manifest', path.join(FIXTURES, 'package.xml'), '--deploy-report', path.join(FIXTURES, 'deploy-report.json')]);
  expect(both.code).toBe(2);
  expect(both.err.trim()).toMatch(/^coverage: .*package\.xml: give a manifest or a deploy report, not both$/);
  const badMin = coverage(['--out', work], { SF_COVERAGE_MIN: '150' });
  expect(badMin.code).toBe(2);
  expect(badMin.err).toContain('SF_COVERAGE_MIN: must be a percentage from 0 to 100');
  // A plan entry the suite would refuse is refused here too, with the same words, before anything is written.
  const planFile = path.join(work, 'release-plan.ts');
  writeFileSync(
    planFile,
    [
      `import { definePlan } from ${JSON.stringify(path.join(ROOT, 'src/plan/schema.js'))};`,
      `export default definePlan({ release: 'Spring', monitors: [{ name: 'no ERP errors', soql: 'SELEC Id FROM Case' }] });`,
    ].join('\n'),
  );
  const badPlan = coverage(['--plan', planFile, '--out', path.join(work, 'out')]);
  expect(badPlan.code).toBe(2);
  expect(badPlan.err.trim()).toMatch(/^coverage: The release plan \(.*release-plan\.ts\) has bad entries:\n {2}- monitors\[0\] \(no ERP errors\) soql: must be a SOQL query/);
  expect(badPlan.err, 'no stack trace').not.toMatch(/\n\s+at /);
  expect(existsSync(path.join(work, 'out'))).toBe(false);
});
