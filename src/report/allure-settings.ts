/**
 * Allure reporter settings: where results go, what the environment panel shows, and the categories that
 * tell a release regression (an assertion about the org failed) from an environment problem (auth,
 * timeouts, limits, an unreachable org).
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { ReporterDescription } from '@playwright/test';
import type { PostflightConfig } from '../config/env.js';
import { apiSessionPath } from '../run/auth-store.js';
// COVERAGE_DIR from paths, not the coverage analyser: this module is loaded with the config by every worker.
import { allureResultsDir, COVERAGE_DIR } from '../run/paths.js';
import { watchRunEnvironment } from '../run/watch-run.js';
import { allureCategories } from './categories.js';

export function allureReporter(config: PostflightConfig, runId: string): ReporterDescription {
  const environmentInfo: Record<string, string> = {
    target: config.target,
    'release id': config.releaseId,
    'run id': runId,
    'api version': config.apiVersion,
    commit: process.env.GITHUB_SHA ?? config.releaseId,
    ...watchRunEnvironment(config),
    ...(config.target === 'emulator' && config.emulator.overlayNames.length > 0 ? { overlays: config.emulator.overlayNames.join(', ') } : {}),
  };
  // The org id is known only after the auth setup ran in a worker; the reporter reads it when it writes.
  Object.defineProperty(environmentInfo, 'org id', { enumerable: true, get: () => orgIdFromSessions() });
  // Likewise release coverage, which this run's coverage check writes (fixtures/release-coverage.ts).
  Object.defineProperty(environmentInfo, 'release coverage', { enumerable: true, get: () => releaseCoverageOf(config, runId) });
  return [
    // allure-playwright itself, made safe for merge-reports (see allure-reporter.ts).
    path.join(import.meta.dirname, 'allure-reporter.ts'),
    {
      resultsDir: allureResultsDir(),
      detail: true,
      suiteTitle: false,
      environmentInfo,
      categories: allureCategories(),
    },
  ];
}

function releaseCoverageOf(config: PostflightConfig, runId: string): string {
  const file = path.join(config.resultsDir, COVERAGE_DIR, 'coverage.json');
  if (!existsSync(file)) return 'not computed in this run';
  const written = JSON.parse(readFileSync(file, 'utf8')) as { runId?: string; summary?: string };
  // `npm run coverage` writes the same file without a run id: only this run's figures belong in its report.
  return written.runId === runId && written.summary ? written.summary : 'not computed in this run';
}

function orgIdFromSessions(): string {
  const file = apiSessionPath('admin');
  if (!existsSync(file)) return 'unknown';
  return (JSON.parse(readFileSync(file, 'utf8')) as { orgId?: string }).orgId ?? 'unknown';
}
