/**
 * One run's outcome, read from the JSON report every run writes (`reports/playwright-results.json`): each
 * check with its persona (the Playwright project), its status and, when red, what kind of red it is, sorted
 * with the same rules as the Allure report's categories (src/report/categories.ts).
 */
import { existsSync, readFileSync } from 'node:fs';
import { categorize, type FailureCategory } from '../report/categories.js';

export type CheckStatus = 'passed' | 'failed' | 'flaky' | 'skipped' | 'interrupted';

export interface CheckOutcome {
  /** Stable across runs: project, file and title path. */
  key: string;
  /** `[persona] title`, as a release manager reads it. */
  title: string;
  /** The Playwright project: the persona (sales-rep...), monitors, or a setup step (setup, actions, cleanup). */
  persona: string;
  status: CheckStatus;
  /** For a failed check: environment problem, release regression or broken check. */
  category?: FailureCategory;
  /** First line(s) of the failure, without terminal colours. */
  message?: string;
}

export interface RunResults {
  checks: CheckOutcome[];
  /** Errors outside any test (a config or webServer failure), if the run produced any. */
  errors: string[];
}

interface JsonResult {
  status: 'passed' | 'failed' | 'timedOut' | 'skipped' | 'interrupted';
  error?: { message?: string };
  errors?: { message?: string }[];
}
interface JsonTest {
  projectName: string;
  status: 'expected' | 'unexpected' | 'flaky' | 'skipped';
  results: JsonResult[];
}
interface JsonSpec {
  title: string;
  file: string;
  tests: JsonTest[];
}
interface JsonSuite {
  title: string;
  file?: string;
  specs?: JsonSpec[];
  suites?: JsonSuite[];
}
interface JsonReport {
  suites?: JsonSuite[];
  errors?: { message?: string }[];
}

const ANSI = /\u001b\[[0-9;]*m/g;

/** Undefined when the run wrote no report (it stopped before its reporters ran). */
export function readRunResults(file: string): RunResults | undefined {
  if (!existsSync(file)) return undefined;
  const report = JSON.parse(readFileSync(file, 'utf8')) as JsonReport;
  const checks: CheckOutcome[] = [];
  const visit = (suite: JsonSuite, path: string[]) => {
    const inner = suite.file && suite.title === suite.file ? path : [...path, suite.title];
    for (const spec of suite.specs ?? []) {
      for (const test of spec.tests) checks.push(outcomeOf(spec, test, inner));
    }
    for (const child of suite.suites ?? []) visit(child, inner);
  };
  for (const suite of report.suites ?? []) visit(suite, []);
  return { checks, errors: (report.errors ?? []).map((e) => clean(e.message ?? 'unknown error')) };
}

function outcomeOf(spec: JsonSpec, test: JsonTest, describePath: string[]): CheckOutcome {
  const last = test.results.at(-1);
  const base = {
    key: [test.projectName, spec.file, ...describePath, spec.title].join(' › '),
    title: `[${test.projectName}] ${spec.title}`,
    persona: test.projectName,
  };
  if (test.status === 'flaky') return { ...base, status: 'flaky' };
  if (!last || test.status === 'skipped' || last.status === 'skipped') return { ...base, status: 'skipped' };
  if (test.status === 'expected') return { ...base, status: 'passed' };
  const message = clean(last.error?.message ?? last.errors?.[0]?.message ?? last.status);
  if (last.status === 'interrupted') return { ...base, status: 'interrupted', message };
  // allure-playwright: a timed-out test is `broken`, any other unexpected result `failed`.
  return { ...base, status: 'failed', category: categorize(last.status === 'timedOut' ? 'broken' : 'failed', message), message };
}

/** The first lines of a failure, without colours or the code frame Playwright adds. */
function clean(message: string): string {
  // `Error: ` is how Playwright prints any thrown error; the release manager needs what follows.
  const lines = message.replace(ANSI, '').replace(/^Error: /, '').split('\n');
  const kept: string[] = [];
  for (const line of lines) {
    if (/^\s*(>?\s*\d+ \|| +\||at )/.test(line) || kept.length >= 6) break;
    if (line.trim()) kept.push(line.trimEnd());
  }
  return kept.join('\n');
}
