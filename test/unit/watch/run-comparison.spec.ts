import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test, expect } from '@playwright/test';
import { allureCategories, categorize } from '../../../src/report/categories.js';
import { readRunResults, type CheckOutcome } from '../../../src/watch/run-results.js';
import { compareRuns, countChecks, summarizeRun } from '../../../src/watch/run-summary.js';
import { exitStatus } from '../../../src/watch/watch.js';

const check = (name: string, status: CheckOutcome['status'], category?: CheckOutcome['category']): CheckOutcome => ({
  key: `sales-rep › plan.ts › ${name}`,
  title: `[sales-rep] ${name}`,
  persona: 'sales-rep',
  status,
  ...(category ? { category, message: `${name} failed` } : {}),
});

/** A Playwright JSON report with one spec per (title, result status, test status). */
function jsonReport(specs: { title: string; project: string; status: string; testStatus: string; message?: string }[]): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'pf-watch-'));
  const file = path.join(dir, 'playwright-results.json');
  const report = {
    suites: [
      {
        title: 'release-plan.spec.ts',
        file: 'release-plan.spec.ts',
        specs: [],
        suites: [
          {
            title: 'Release plan: Spring',
            file: 'release-plan.spec.ts',
            specs: specs.map((s) => ({
              title: s.title,
              file: 'release-plan.spec.ts',
              tests: [{ projectName: s.project, status: s.testStatus, results: [{ status: s.status, ...(s.message ? { error: { message: s.message } } : {}) }] }],
            })),
          },
        ],
      },
    ],
    errors: [],
  };
  writeFileSync(file, JSON.stringify(report));
  return file;
}

test.describe('one run of the watch', () => {
  test('reads each check with its persona, status and kind of red, as the Allure categories sort them', () => {
    const file = jsonReport([
      { title: 'can edit Discount', project: 'sales-rep', status: 'passed', testStatus: 'expected' },
      { title: 'closing a deal opens a case', project: 'sales-rep', status: 'failed', testStatus: 'unexpected', message: '\u001b[31mError: Flow:Closed_Won_Onboarding: expected 1 Case\u001b[39m\n\n  12 | expect(found)' },
      { title: 'upserts by ERP id', project: 'integration-user', status: 'failed', testStatus: 'unexpected', message: 'INVALID_SESSION_ID: Session expired or invalid' },
      { title: 'a slow page', project: 'support-agent', status: 'timedOut', testStatus: 'unexpected', message: 'waiting for locator' },
      { title: 'a retried check', project: 'support-agent', status: 'passed', testStatus: 'flaky' },
      { title: 'after a failed action', project: 'support-agent', status: 'skipped', testStatus: 'skipped' },
      { title: 'stopped by Ctrl-C', project: 'monitors', status: 'interrupted', testStatus: 'unexpected', message: 'Test was interrupted.' },
    ]);
    const results = readRunResults(file)!;
    expect(results.checks.map((c) => [c.title, c.status, c.category, c.message])).toEqual([
      ['[sales-rep] can edit Discount', 'passed', undefined, undefined],
      ['[sales-rep] closing a deal opens a case', 'failed', 'regression', 'Flow:Closed_Won_Onboarding: expected 1 Case'],
      ['[integration-user] upserts by ERP id', 'failed', 'environment', 'INVALID_SESSION_ID: Session expired or invalid'],
      ['[support-agent] a slow page', 'failed', 'broken', 'waiting for locator'],
      ['[support-agent] a retried check', 'flaky', undefined, undefined],
      ['[support-agent] after a failed action', 'skipped', undefined, undefined],
      ['[monitors] stopped by Ctrl-C', 'interrupted', undefined, 'Test was interrupted.'],
    ]);
    expect(results.checks[1]!.key).toBe('sales-rep › release-plan.spec.ts › Release plan: Spring › closing a deal opens a case');
    expect(countChecks(results.checks)).toEqual({ passed: 1, failed: 1, flaky: 1, environment: 1, broken: 1, skipped: 1, interrupted: 1 });
    expect(readRunResults(path.join(path.dirname(file), 'missing.json'))).toBeUndefined();
  });

  test('the categories the watch uses are the ones the Allure report uses', () => {
    const [environment] = allureCategories();
    const allureEnvironment = new RegExp(environment!.messageRegex!.replace('(?s)', ''), 's');
    for (const message of ['INVALID_SESSION_ID: expired', 'Test timeout of 60000ms exceeded.', 'connect ECONNREFUSED 127.0.0.1:8787', 'expected 1 Case, found 0']) {
      const ours = categorize('failed', message) === 'environment';
      expect(ours, message).toBe(allureEnvironment.test(message));
    }
    expect(categorize('failed', 'expected 1 Case, found 0')).toBe('regression');
    expect(categorize('broken', 'page.goto: net::ERR_ABORTED')).toBe('broken');
  });

  test('newly failing and recovered compare each check with the previous run', () => {
    const previous = [check('a', 'passed'), check('b', 'failed', 'regression'), check('c', 'failed', 'environment'), check('d', 'failed', 'regression'), check('e', 'skipped')];
    const current = [check('a', 'failed', 'regression'), check('b', 'failed', 'regression'), check('c', 'passed'), check('d', 'skipped'), check('e', 'failed', 'regression'), check('f', 'failed', 'broken')];
    const { newlyFailing, recovered } = compareRuns(previous, current);
    expect(newlyFailing.map((c) => c.title)).toEqual(['[sales-rep] a', '[sales-rep] e', '[sales-rep] f']);
    // d did not run this time: not a recovery.
    expect(recovered.map((c) => c.title)).toEqual(['[sales-rep] c']);
    expect(compareRuns(undefined, current).newlyFailing).toHaveLength(4);
  });

  test('a run that wrote no results is an environment problem, named', () => {
    const run = summarizeRun({ number: 2, runId: 'PF-20261127T1012-ab12', startedAt: new Date(0), finishedAt: new Date(1000), exitCode: 1, interrupted: false, results: undefined, previous: undefined, dir: '/tmp' });
    expect(run.problem).toBe('the run produced no results (playwright exited 1)');
    expect(run.counts.environment).toBe(1);
  });

  test('exit status: 1 for a release regression in any run, 3 for environment problems only, 130 when stopped green', () => {
    const run = (checks: CheckOutcome[]) => summarizeRun({ number: 1, runId: 'PF-x', startedAt: new Date(0), finishedAt: new Date(0), exitCode: 0, interrupted: false, results: { checks, errors: [] }, previous: undefined, dir: '/tmp' });
    const green = run([check('a', 'passed')]);
    const regression = run([check('a', 'failed', 'regression')]);
    const environment = run([check('a', 'failed', 'environment')]);
    expect(exitStatus([green, green], false)).toBe(0);
    expect(exitStatus([green, regression, green], false)).toBe(1);
    expect(exitStatus([environment, regression], true)).toBe(1);
    expect(exitStatus([environment, green], false)).toBe(3);
    expect(exitStatus([green], true)).toBe(130);
  });
});
