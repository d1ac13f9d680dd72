/**
 * What one run of the watch found and how it differs from the run before: the counts on the timeline,
 * the checks that turned red (newly failing) and those that turned green again (recovered).
 */
import type { FailureCategory } from '../report/categories.js';
import type { CheckOutcome, RunResults } from './run-results.js';

export interface RunCounts {
  passed: number;
  /** Release regressions. */
  failed: number;
  flaky: number;
  environment: number;
  broken: number;
  skipped: number;
  interrupted: number;
}

export interface RunSummary {
  number: number;
  runId: string;
  startedAt: string;
  finishedAt: string;
  exitCode: number | null;
  /** Stopped by Ctrl-C (or SIGTERM) before it finished. */
  interrupted: boolean;
  /** Set when the run produced no results at all (it could not start): counted as an environment problem. */
  problem?: string;
  counts: RunCounts;
  checks: CheckOutcome[];
  newlyFailing: CheckOutcome[];
  recovered: CheckOutcome[];
  /** The run's folder in the window (results, output log). */
  dir: string;
}

export function isRed(check: CheckOutcome): boolean {
  return check.status === 'failed';
}

export function countChecks(checks: CheckOutcome[], problem?: string): RunCounts {
  const counts: RunCounts = { passed: 0, failed: 0, flaky: 0, environment: problem ? 1 : 0, broken: 0, skipped: 0, interrupted: 0 };
  // A coverage shortfall says what is not checked, not that the org broke: counted (and exiting) like a broken check.
  const byCategory: Record<FailureCategory, keyof RunCounts> = { regression: 'failed', environment: 'environment', coverage: 'broken', broken: 'broken' };
  for (const check of checks) {
    if (check.status === 'failed') counts[byCategory[check.category ?? 'regression']] += 1;
    else counts[check.status] += 1;
  }
  return counts;
}

/**
 * Newly failing: red now, not red in the previous run (green, skipped or absent). Recovered: red in the
 * previous run and passing (or flaky) now; a check that did not run this time has not recovered.
 */
export function compareRuns(previous: CheckOutcome[] | undefined, current: CheckOutcome[]): { newlyFailing: CheckOutcome[]; recovered: CheckOutcome[] } {
  const before = new Map((previous ?? []).map((c) => [c.key, c]));
  const newlyFailing = current.filter((c) => isRed(c) && !(before.get(c.key) && isRed(before.get(c.key)!)));
  const recovered = current.filter((c) => (c.status === 'passed' || c.status === 'flaky') && before.get(c.key) !== undefined && isRed(before.get(c.key)!));
  return { newlyFailing, recovered };
}

export function summarizeRun(args: {
  number: number;
  runId: string;
  startedAt: Date;
  finishedAt: Date;
  exitCode: number | null;
  interrupted: boolean;
  results: RunResults | undefined;
  previous: CheckOutcome[] | undefined;
  dir: string;
  /** What Playwright printed last (its error), for a run that wrote no results. */
  lastOutputLine?: string;
}): RunSummary {
  const checks = args.results?.checks ?? [];
  const said = args.results?.errors[0] ?? args.lastOutputLine;
  const problem = checks.length === 0 ? `the run produced no results (playwright exited ${args.exitCode ?? 'on a signal'}${said ? `: ${said}` : ''})` : undefined;
  return {
    number: args.number,
    runId: args.runId,
    startedAt: args.startedAt.toISOString(),
    finishedAt: args.finishedAt.toISOString(),
    exitCode: args.exitCode,
    interrupted: args.interrupted,
    ...(problem ? { problem } : {}),
    counts: countChecks(checks, problem),
    checks,
    // An interrupted run's missing checks are not news; its red ones are.
    ...compareRuns(args.previous, checks),
    dir: args.dir,
  };
}

/** The run with a release regression, the worst a window can hold. */
export function hasRegression(run: RunSummary): boolean {
  return run.counts.failed > 0;
}

export function isGreen(run: RunSummary): boolean {
  return run.counts.failed + run.counts.environment + run.counts.broken === 0;
}

/** RED: a release regression; AMBER: only environment problems or broken checks; STOPPED: Ctrl-C; else GREEN. */
export function verdictOf(run: RunSummary): 'RED' | 'AMBER' | 'GREEN' | 'STOPPED' {
  if (run.counts.failed > 0) return 'RED';
  if (run.interrupted) return 'STOPPED';
  return isGreen(run) ? 'GREEN' : 'AMBER';
}
