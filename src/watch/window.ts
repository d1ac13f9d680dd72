/**
 * The watch window on disk, one folder per release under the results folder
 * (`reports/watch/<release>/`): the release start its monitors count from, every run's results and output,
 * the timeline, the Allure history and the one report of the window. A watch started again for the same
 * release (after Ctrl-C, or a second CI job) resumes it: same release start, run numbers and history go on.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { RunSummary } from './run-summary.js';

export type ReleaseStartSource = 'SF_RELEASE_STARTED_AT' | 'the first run of this watch';

export interface WindowState {
  releaseId: string;
  releaseStartedAt: string;
  releaseStartSource: ReleaseStartSource;
  runs: RunSummary[];
}

export interface WatchWindow {
  dir: string;
  stateFile: string;
  timelineFile: string;
  historyFile: string;
  reportDir: string;
  state: WindowState;
  /** True when an earlier watch of this release left runs here. */
  resumed: boolean;
}

/** `0Af5g00000ABCDE` stays as it is; anything a folder name cannot hold becomes `-`. */
export function windowFolderName(releaseId: string): string {
  return releaseId.replace(/[^\w.-]+/g, '-').slice(0, 80) || 'release';
}

export function openWindow(resultsDir: string, releaseId: string, configuredStart: string | undefined, now = new Date()): WatchWindow {
  const dir = path.join(resultsDir, 'watch', windowFolderName(releaseId));
  mkdirSync(path.join(dir, 'runs'), { recursive: true });
  const stateFile = path.join(dir, 'window.json');
  const earlier = existsSync(stateFile) ? (JSON.parse(readFileSync(stateFile, 'utf8')) as WindowState) : undefined;
  const state: WindowState = configuredStart
    ? { releaseId, releaseStartedAt: configuredStart, releaseStartSource: 'SF_RELEASE_STARTED_AT', runs: earlier?.runs ?? [] }
    : (earlier ?? { releaseId, releaseStartedAt: now.toISOString(), releaseStartSource: 'the first run of this watch', runs: [] });
  const window: WatchWindow = {
    dir,
    stateFile,
    timelineFile: path.join(dir, 'timeline.txt'),
    historyFile: path.join(dir, 'history.jsonl'),
    reportDir: path.join(dir, 'allure-report'),
    state,
    resumed: (earlier?.runs.length ?? 0) > 0,
  };
  saveWindow(window);
  return window;
}

export function saveWindow(window: WatchWindow): void {
  writeFileSync(window.stateFile, `${JSON.stringify(window.state, null, 2)}\n`);
}

export function runDir(window: WatchWindow, runNumber: number): string {
  const dir = path.join(window.dir, 'runs', String(runNumber).padStart(3, '0'));
  mkdirSync(dir, { recursive: true });
  return dir;
}
