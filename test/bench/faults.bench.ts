/**
 * `npm run bench:faults`: does prod-smoke tell "the org hiccuped" from "the release broke something"?
 *
 *   npm run bench:faults [-- --runs 10] [--phase both|faults|regression] [--faults transient=0.05,expire-after=8,expire-max=1]
 *                        [--overlay validation-blocks-department] [--port 18800]
 *
 * Phase `faults`: prod-smoke on the sample org `--runs` times with the emulator injecting faults (by default 5 %
 * transient errors: UNABLE_TO_LOCK_ROW on single-record writes, 503s and dropped connections; and every
 * persona's API and Lightning session expiring once, at its 8th request). Each run gets its own seed (1, 2, ...)
 * so each meets other faults. A run passes when every check passes.
 * Phase `regression`: the same, with a regression overlay added (org/overlays; default
 * validation-blocks-department). A run reports the regression when exactly the overlay's expected checks fail,
 * each filed as a release regression (src/report/categories.ts), and nothing else fails.
 *
 * Per run it prints the outcome, the faults the emulator injected (its own count) and what the suite's request
 * path did about them (retries, session refreshes, look-ups of dropped writes, give-ups), read from the run's
 * `reports/request-path/<run id>.jsonl`. Figures, not a timed test: nothing here asserts; the exit code is 0.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { categorize } from '../../src/report/categories.js';
import { runSuite, type SuiteRun } from '../e2e/run-suite.js';

/** What each overlay must make fail (the same as test/e2e/overlays.spec.ts says for it). */
const REGRESSIONS: Record<string, { title: string; says: RegExp }[]> = {
  'validation-blocks-department': [
    { title: '[sales-rep] sales-rep: a 10% discount with a reason saves', says: /Discounts entered by Sales need Finance review/ },
    { title: '[sales-rep] sales-rep: a discount needs a reason', says: /Discounts entered by Sales need Finance review/ },
  ],
  'flow-inactive': [{ title: '[sales-rep] sales-rep: closing a deal opens an onboarding case', says: /Flow:Closed_Won_Onboarding: expected 1 Case record/ }],
  'job-unscheduled': [{ title: '[monitors] the scheduled job "Nightly ERP Sync" is still scheduled with a next fire time', says: /"Nightly ERP Sync" is not scheduled any more/ }],
};

interface Figures {
  retries: number;
  apiRefreshes: number;
  uiRefreshes: number;
  lookups: number;
  gaveUp: number;
  injected: string;
}

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '10' },
    phase: { type: 'string', default: 'both' },
    faults: { type: 'string', default: 'transient=0.05,expire-after=8,expire-max=1' },
    overlay: { type: 'string', default: 'validation-blocks-department' },
    port: { type: 'string', default: '18800' },
  },
});
const runs = Number(values.runs);
const port = Number(values.port);
const known = REGRESSIONS[values.overlay];
if (!Number.isInteger(runs) || runs < 1) throw new Error(`--runs must be a whole number, got ${values.runs}`);
if (!known) throw new Error(`--overlay: no expectation for "${values.overlay}" (known: ${Object.keys(REGRESSIONS).join(', ')})`);
const expected = known;
if (!['both', 'faults', 'regression'].includes(values.phase)) throw new Error(`--phase must be both, faults or regression, got ${values.phase}`);

function figuresOf(run: SuiteRun): Figures {
  const figures: Figures = { retries: 0, apiRefreshes: 0, uiRefreshes: 0, lookups: 0, gaveUp: 0, injected: '' };
  const dir = path.join(run.dirs.results, 'request-path');
  let files: string[] = [];
  try {
    files = readdirSync(dir).filter((f) => f.endsWith('.jsonl'));
  } catch {
    // No request-path events: nothing was retried or refreshed.
  }
  for (const file of files) {
    for (const line of readFileSync(path.join(dir, file), 'utf8').split('\n').filter(Boolean)) {
      const event = JSON.parse(line) as { type: string; channel?: string };
      if (event.type === 'retry') figures.retries++;
      else if (event.type === 'refresh' && event.channel === 'ui') figures.uiRefreshes++;
      else if (event.type === 'refresh') figures.apiRefreshes++;
      else if (event.type === 'landed-check') figures.lookups++;
      else if (event.type === 'gave-up') figures.gaveUp++;
    }
  }
  figures.injected = /Faults injected: ([^\n]*)/.exec(run.output)?.[1] ?? '(the emulator did not say)';
  return figures;
}

function describeFailures(run: SuiteRun): string[] {
  return run.failed.map((f) => `${f.title} [${categorize('failed', f.message)}]: ${f.message.split('\n')[0]?.slice(0, 160)}`);
}

async function phase(name: 'faults' | 'regression'): Promise<void> {
  const totals = { good: 0, retries: 0, apiRefreshes: 0, uiRefreshes: 0, lookups: 0, gaveUp: 0 };
  const overlay = name === 'regression' ? values.overlay : undefined;
  console.log(`\n== ${name}: prod-smoke x ${runs}, SF_EMULATOR_FAULTS=${values.faults},seed=<run>${overlay ? `, overlay ${overlay}` : ''}`);
  for (let i = 1; i <= runs; i++) {
    const started = Date.now();
    const run = await runSuite({
      name: `bench-faults-${name}-${i}`,
      port: port + (name === 'regression' ? 50 : 0) + i,
      env: { SF_EMULATOR_FAULTS: `${values.faults},seed=${i}`, ...(overlay ? { SF_EMULATOR_OVERLAYS: overlay } : {}) },
    });
    const seconds = Math.round((Date.now() - started) / 1000);
    const figures = figuresOf(run);
    let good: boolean;
    let verdict: string;
    if (name === 'faults') {
      good = run.exitCode === 0 && run.failed.length === 0 && run.passed.length > 0;
      verdict = good ? `passed (${run.passed.length} checks)` : `NOT PASSED (exit ${run.exitCode}, ${run.passed.length} passed, ${run.failed.length} failed)`;
    } else {
      const failedTitles = run.failed.map((f) => f.title).sort();
      const wanted = expected.map((e) => e.title).sort();
      const exactly = JSON.stringify(failedTitles) === JSON.stringify(wanted);
      const worded = expected.every((e) => run.failed.find((f) => f.title === e.title && e.says.test(f.message)));
      const asRegression = run.failed.every((f) => categorize('failed', f.message) === 'regression');
      good = exactly && worded && asRegression && run.passed.length > 0;
      verdict = good
        ? `regression reported, nothing else (${run.failed.length} regression(s), ${run.passed.length} passed)`
        : `NOT AS EXPECTED (${run.failed.length} failed, expected exactly ${wanted.length}; as regressions: ${asRegression}; worded: ${worded})`;
    }
    if (good) totals.good++;
    totals.retries += figures.retries;
    totals.apiRefreshes += figures.apiRefreshes;
    totals.uiRefreshes += figures.uiRefreshes;
    totals.lookups += figures.lookups;
    totals.gaveUp += figures.gaveUp;
    console.log(
      `run ${i} (seed ${i}, ${seconds} s): ${verdict}; client: ${figures.retries} retries, ${figures.apiRefreshes} API + ${figures.uiRefreshes} Lightning session refreshes, ${figures.lookups} dropped-write look-ups, ${figures.gaveUp} give-ups; emulator: ${figures.injected}`,
    );
    if (!good) for (const line of describeFailures(run)) console.log(`    ${line}`);
  }
  const what = name === 'faults' ? 'runs passed' : `runs reported the ${values.overlay} regression and nothing else`;
  console.log(
    `${name}: ${totals.good}/${runs} ${what}; retries ${totals.retries}, API session refreshes ${totals.apiRefreshes}, Lightning session refreshes ${totals.uiRefreshes}, dropped-write look-ups ${totals.lookups}, give-ups ${totals.gaveUp}`,
  );
}

if (values.phase !== 'regression') await phase('faults');
if (values.phase !== 'faults') await phase('regression');
