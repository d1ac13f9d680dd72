/**
 * The first usage hour: runs the suite on a schedule against the org the release reached, labels each run
 * with the release and its number, prints the timeline of what changed, rebuilds the window's report with
 * its history after each run, and raises the alarm through the webhook. Ctrl-C stops the current run, runs
 * its teardown and writes everything; a second Ctrl-C aborts the teardown (the next run's sweeper removes
 * what it left).
 *
 * @example
 * const exitCode = await runWatch(parseWatchOptions(['--for', '60m', '--every', '10m']), loadConfig());
 */
import { appendFileSync, existsSync, mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { PostflightConfig } from '../config/env.js';
import { redactText } from '../report/redact.js';
import { emulatorCommand } from '../run/emulator-command.js';
import { playwrightCommand } from '../run/playwright-cli.js';
import { mintRunId } from '../run/run-id.js';
import { watchRunVariables } from '../run/watch-run.js';
import { alertFor, sendAlert } from './alerts.js';
import { startChild, startEmulator, type RunningChild } from './child-process.js';
import { formatDuration, plannedRuns, type WatchOptions } from './options.js';
import { readRunResults, type RunResults } from './run-results.js';
import { hasRegression, isGreen, summarizeRun, type RunSummary } from './run-summary.js';
import { clock, runFinishedLines, runStartedLine, windowEndLines } from './timeline.js';
import { openWindow, runDir, saveWindow, type WatchWindow } from './window.js';
import { buildWindowReport } from './window-report.js';

/** After the second Ctrl-C, how long Playwright gets to stop before its processes are killed. */
const ABORT_GRACE_MS = 5_000;
/**
 * One Ctrl-C under `npm run watch` arrives twice: the terminal signals the whole foreground process group and
 * npm forwards the signal to its script as well. Signals closer together than this are one press.
 */
const SAME_PRESS_MS = 1_000;
/** Timers fire a little late; a run scheduled for the last moment of the window still starts. */
const TIMER_SLACK_MS = 2_000;

export async function runWatch(options: WatchOptions, config: PostflightConfig, print: (line: string) => void = (line) => console.log(line)): Promise<number> {
  const releaseId = options.releaseId ?? config.releaseId;
  const window = openWindow(config.resultsDir, releaseId, config.releaseStartedAt);
  const say = (line: string) => {
    print(line);
    appendFileSync(window.timelineFile, `${line}\n`);
  };
  const stop = new StopControl();
  const onSignal = (signal: NodeJS.Signals) => stop.request(signal, say);
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  const earlierRuns = window.state.runs.length;
  const planned = earlierRuns + plannedRuns(options);
  const reportLink = config.reportUrl ?? path.join(window.reportDir, 'index.html');
  const windowStart = Date.now();
  const windowEnd = windowStart + options.forMs;
  say(
    `Postflight watch: release ${releaseId}, every ${formatDuration(options.everyMs)} for ${formatDuration(options.forMs)} ` +
      `(until ${clock(new Date(windowEnd).toISOString())}${options.maxRuns ? `, at most ${options.maxRuns} runs` : ''}), projects ${options.projects.join(', ')}`,
  );
  say(`  since-release monitors count from ${window.state.releaseStartedAt} (${window.state.releaseStartSource})`);
  say(`  window ${window.dir}${window.resumed ? ` (resumed: ${earlierRuns} earlier run${earlierRuns === 1 ? '' : 's'})` : ''}`);
  say(`  alerts: ${config.alertWebhookUrl ? 'to the configured webhook (SF_ALERT_WEBHOOK_URL)' : 'none (set SF_ALERT_WEBHOOK_URL to get them)'}`);
  say(`  report: ${reportLink}`);

  let emulator: RunningChild | undefined;
  const childEnv: NodeJS.ProcessEnv = {
    ...process.env,
    SF_RELEASE_ID: releaseId,
    SF_RELEASE_STARTED_AT: window.state.releaseStartedAt,
  };
  try {
    if (config.target === 'emulator' && !config.emulator.reuseExisting) {
      // One org for the whole window, as in production: what a run changes is still there for the next, and an
      // interrupted run's teardown finds its records. Each run then reuses it instead of starting its own.
      say(`  org: the embedded emulator on port ${config.emulator.port}, kept up for the window (log ${path.join(window.dir, 'emulator.log')})`);
      try {
        emulator = await startEmulator(emulatorCommand(config), process.env);
      } catch (error) {
        say(`  ${(error as Error).message.split('\n')[0]} (port ${config.emulator.port} in use? SF_EMULATOR_REUSE=true uses an org already running there)`);
        writeFileSync(path.join(window.dir, 'emulator.log'), (error as Error).message);
        return 3;
      }
      emulator.child.stdout!.on('data', (chunk: Buffer) => appendFileSync(path.join(window.dir, 'emulator.log'), chunk));
      childEnv.SF_EMULATOR_REUSE = 'true';
    } else {
      say(`  org: ${config.target === 'emulator' ? `the emulator on port ${config.emulator.port} (SF_EMULATOR_REUSE=true: every run uses the one running there)` : config.loginUrl}`);
    }

    const runs: RunSummary[] = [];
    for (let k = 0; ; k += 1) {
      if (options.maxRuns !== undefined && k >= options.maxRuns) break;
      const scheduled = windowStart + k * options.everyMs;
      if (k > 0) {
        if (scheduled > windowEnd) break;
        const wait = scheduled - Date.now();
        if (wait > 0) {
          say(`        next run at ${clock(new Date(scheduled).toISOString())}`);
          await stop.sleep(wait);
        } else if (wait < -1000 && options.everyMs >= 60_000) {
          say(`        the last run took longer than the interval: starting the next one now`);
        }
      }
      if (stop.requested) break;
      // A run that overran may push the next one past the end of the window; the last slot itself (at the end) runs.
      if (k > 0 && Date.now() > windowEnd + TIMER_SLACK_MS) break;
      const run = await runOnce(window, window.state.runs.length + 1, planned, options, childEnv, config, stop, say);
      runs.push(run);
      window.state.runs.push(run);
      saveWindow(window);
      for (const line of runFinishedLines(run, planned)) say(redactText(line));
      const report = await buildWindowReport(window, [path.join(run.dir, 'allure-results')], `Postflight watch: release ${releaseId}, run ${run.number} (${clock(run.startedAt)})`);
      if (!report.ok) say(`        ${report.detail}`);
      const earlierRed = window.state.runs.slice(0, -1).some((r) => !isGreen(r));
      const alert = alertFor(run, { releaseId, earlierRed, report: reportLink, planned });
      if (alert && config.alertWebhookUrl) say(`        ${(await sendAlert(config.alertWebhookUrl.reveal(), alert)).detail}`);
      if (stop.requested) break;
      if (runs.length === 1 && run.checks.length === 0) {
        // Nothing ran at all (an unknown project, a broken config, an org that never answered): another hour of
        // the same would only hide it.
        say(`        the first run produced no results: stopping the watch (see ${path.join(run.dir, 'output.log')})`);
        break;
      }
    }

    const exitCode = exitStatus(runs, stop.requested);
    writeFileSync(path.join(window.dir, 'exit-status'), `${exitCode}\n`);
    for (const line of windowEndLines(runs, reportLink, exitCode)) say(line);
    return exitCode;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    if (emulator) {
      emulator.signal('SIGTERM');
      await emulator.done;
    }
  }
}

/** 1 if any run had a release regression; 3 if none did but a run had environment problems or broken checks; 130 if stopped by hand. */
export function exitStatus(runs: RunSummary[], stoppedByHand: boolean): number {
  if (runs.some(hasRegression)) return 1;
  if (runs.some((r) => !isGreen(r))) return 3;
  return stoppedByHand ? 130 : 0;
}

async function runOnce(
  window: WatchWindow,
  number: number,
  planned: number,
  options: WatchOptions,
  baseEnv: NodeJS.ProcessEnv,
  config: PostflightConfig,
  stop: StopControl,
  say: (line: string) => void,
): Promise<RunSummary> {
  const runId = mintRunId();
  const dir = runDir(window, number);
  const startedAt = new Date();
  say(runStartedLine(number, planned, startedAt, runId));
  const env = { ...baseEnv, POSTFLIGHT_RUN_ID: runId, ...watchRunVariables(number) };
  const jsonFile = path.join(config.resultsDir, 'playwright-results.json');
  // A report left by an earlier run must not be read as this run's if this one writes none.
  rmSync(jsonFile, { force: true });

  const child = startChild(...playwrightCommand(['test', ...options.projects.map((p) => `--project=${p}`), ...options.playwrightArgs]), { env, echo: options.verbose ? process.stdout : undefined });
  stop.current = child;
  const finished = await child.done;
  stop.current = undefined;
  const interrupted = stop.requested;
  collectRunOutput(config.resultsDir, dir, 'playwright-results.json');
  writeFileSync(path.join(dir, 'output.log'), redactText(finished.output));
  let results = readRunResults(path.join(dir, 'playwright-results.json'));

  if (interrupted && !stop.aborted) {
    // Playwright stops at Ctrl-C without running teardown projects; run the cleanup for this run's id now.
    say(`        run ${number} stopped: removing its test data (cleanup project for ${runId}; Ctrl-C again to skip)`);
    const cleanup = startChild(...playwrightCommand(['test', '--project=cleanup']), { env, echo: options.verbose ? process.stdout : undefined });
    stop.current = cleanup;
    const cleaned = await cleanup.done;
    stop.current = undefined;
    collectRunOutput(config.resultsDir, dir, 'cleanup-results.json');
    writeFileSync(path.join(dir, 'cleanup-output.log'), redactText(cleaned.output));
    const cleanupResults = readRunResults(path.join(dir, 'cleanup-results.json'));
    results = mergeResults(results, cleanupResults);
    const removed = cleanupResults?.checks.every((c) => c.status === 'passed') && (cleanupResults?.checks.length ?? 0) > 0;
    say(`        teardown ${removed ? 'done: the run left no test data' : `did not finish (see ${path.join(dir, 'cleanup-output.log')}); the next run's sweeper removes what is left`}`);
  } else if (interrupted) {
    say(`        run ${number} aborted before its teardown; the next run's sweeper removes its test data`);
  }

  const previous = window.state.runs.at(-1)?.checks;
  // For a run that wrote no results: the error Playwright printed (`Error: Project(s) "x" not found`), else its last line.
  const printed = redactText(finished.output.replace(/\u001b\[[0-9;]*m/g, '')).trim().split('\n');
  const lastOutputLine = (printed.find((l) => /^\w*Error: /.test(l)) ?? printed.at(-1))?.trim();
  return summarizeRun({ number, runId, startedAt, finishedAt: new Date(), exitCode: finished.exitCode, interrupted, results, previous, dir, lastOutputLine });
}

/**
 * Moves what the run wrote into the results folder (its Allure results, its JSON report) into the run's folder
 * in the window, before the next `playwright test` starts with an empty results folder. The ledger stays where
 * it is: it is the record of every run's actions, read across runs.
 */
function collectRunOutput(resultsDir: string, dir: string, jsonName: string): void {
  const json = path.join(resultsDir, 'playwright-results.json');
  if (existsSync(json)) renameSync(json, path.join(dir, jsonName));
  const allure = path.join(resultsDir, 'allure-results');
  if (!existsSync(allure)) return;
  const target = path.join(dir, 'allure-results');
  mkdirSync(target, { recursive: true });
  for (const name of readdirSync(allure)) renameSync(path.join(allure, name), path.join(target, name));
}

function mergeResults(run: RunResults | undefined, cleanup: RunResults | undefined): RunResults | undefined {
  if (!run || !cleanup) return run ?? cleanup;
  const seen = new Set(cleanup.checks.map((c) => c.key));
  return { checks: [...run.checks.filter((c) => !seen.has(c.key)), ...cleanup.checks], errors: [...run.errors, ...cleanup.errors] };
}

/** Ctrl-C (and SIGTERM, as CI sends on cancel): the first stops the watch gracefully, the second aborts. */
class StopControl {
  requested = false;
  aborted = false;
  current: RunningChild | undefined;
  #wake: (() => void) | undefined;
  #firstAt = 0;

  request(signal: NodeJS.Signals, say: (line: string) => void): void {
    if (!this.requested) {
      this.requested = true;
      this.#firstAt = Date.now();
      say(`${signal === 'SIGINT' ? 'Ctrl-C' : signal}: stopping after the current run's teardown (press Ctrl-C again to abort it)`);
      this.current?.signal('SIGINT');
      this.#wake?.();
      return;
    }
    if (this.aborted || Date.now() - this.#firstAt < SAME_PRESS_MS) return;
    this.aborted = true;
    say(`${signal === 'SIGINT' ? 'Ctrl-C' : signal} again: aborting`);
    const child = this.current;
    child?.signal('SIGINT');
    if (child) setTimeout(() => child.signal('SIGKILL'), ABORT_GRACE_MS).unref();
  }

  /** Waits, but wakes at once when a stop is requested. */
  sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.#wake = done;
    });
  }
}
