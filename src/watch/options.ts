/**
 * `npm run watch` arguments: how long to watch, how often to run, which projects, which release.
 *
 * @example
 * parseWatchOptions(['--for', '60m', '--every', '10m', '--project', 'prod-smoke', '--release', '0Af5g00000ABCDE'])
 */
import { parseArgs } from 'node:util';

export interface WatchOptions {
  /** How long the window lasts (ms): no run starts after it. */
  forMs: number;
  /** From the start of one run to the start of the next (ms); a run that takes longer is followed at once. */
  everyMs: number;
  /** Stop after this many runs even if the window is not over. */
  maxRuns?: number;
  /** Playwright projects each run selects (default prod-smoke). */
  projects: string[];
  /** The release id the runs are labelled with (default: the configuration's SF_RELEASE_ID). */
  releaseId?: string;
  /** Stream each run's Playwright output under the timeline. */
  verbose: boolean;
  /** Extra `playwright test` arguments (after `--`), e.g. `--grep @critical`. */
  playwrightArgs: string[];
  help: boolean;
}

export class UsageError extends Error {}

export const USAGE = `Usage: npm run watch -- [--for 60m] [--every 10m] [--project prod-smoke]... [--release <id>] [--runs <n>] [--verbose] [-- <playwright test args>]

  --for <duration>     how long to watch (default 60m); durations: 90s, 10m, 1h, 1h30m
  --every <duration>   from one run's start to the next (default 10m); a longer run is followed at once
  --project <name>     Playwright project to run (repeatable; default prod-smoke)
  --release <id>       release id for the labels, ledger and alerts (default SF_RELEASE_ID)
  --runs <n>           stop after n runs even if the window is not over
  --verbose            show each run's Playwright output under the timeline

Ctrl-C stops the current run, runs its teardown and writes the report; Ctrl-C again aborts the teardown.
Exit status: 0 all green, 1 a release regression in any run, 3 only environment problems or broken checks,
130 stopped by Ctrl-C with nothing red, 2 bad arguments or configuration.`;

export function parseWatchOptions(argv: string[]): WatchOptions {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        for: { type: 'string', default: '60m' },
        every: { type: 'string', default: '10m' },
        runs: { type: 'string' },
        project: { type: 'string', multiple: true },
        release: { type: 'string' },
        verbose: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { values, positionals } = parsed;
  const forMs = parseDuration(values.for, '--for');
  const everyMs = parseDuration(values.every, '--every');
  let maxRuns: number | undefined;
  if (values.runs !== undefined) {
    maxRuns = Number(values.runs);
    if (!Number.isInteger(maxRuns) || maxRuns < 1) throw new UsageError(`--runs: must be a whole number of runs, 1 or more (got "${values.runs}")`);
  }
  const projects = values.project?.length ? values.project : ['prod-smoke'];
  for (const project of projects) if (!/^[\w-]+$/.test(project)) throw new UsageError(`--project: "${project}" is not a project name`);
  const releaseId = values.release?.trim();
  if (values.release !== undefined && !releaseId) throw new UsageError('--release: give a release id (a deployment id or git tag)');
  return { forMs, everyMs, maxRuns, projects, releaseId, verbose: values.verbose, playwrightArgs: positionals, help: values.help };
}

const UNIT_MS: Record<string, number> = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000 };

/** `90s`, `10m`, `1h`, `1h30m` -> milliseconds. */
export function parseDuration(text: string, option: string): number {
  const parts = [...text.trim().matchAll(/(\d+)(ms|h|m|s)/g)];
  const consumed = parts.map((p) => p[0]).join('');
  if (parts.length === 0 || consumed !== text.trim()) throw new UsageError(`${option}: "${text}" is not a duration (examples: 90s, 10m, 1h, 1h30m)`);
  const ms = parts.reduce((sum, [, amount, unit]) => sum + Number(amount) * (UNIT_MS[unit!] ?? 0), 0);
  if (ms <= 0) throw new UsageError(`${option}: must be longer than 0`);
  return ms;
}

export function formatDuration(ms: number): string {
  const seconds = Math.round(ms / 1000);
  if (seconds < 60) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes}m${seconds % 60 ? ` ${seconds % 60}s` : ''}`;
  return `${Math.floor(minutes / 60)}h${minutes % 60 ? ` ${minutes % 60}m` : ''}`;
}

/** How many runs the window holds if none overruns: one at the start, one each interval until the end. */
export function plannedRuns(options: Pick<WatchOptions, 'forMs' | 'everyMs' | 'maxRuns'>): number {
  const byTime = Math.floor(options.forMs / options.everyMs) + 1;
  return options.maxRuns ? Math.min(options.maxRuns, byTime) : byTime;
}
