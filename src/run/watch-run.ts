/**
 * Which run of a `npm run watch` window this `playwright test` invocation is. The watch passes the number to
 * its child through the environment, as the run id is passed to workers (src/run/run-id.ts): internal
 * plumbing between Postflight's own processes, not a user setting, which is why it is not part of src/config.
 */
import type { PostflightConfig } from '../config/env.js';

const VARIABLE = 'POSTFLIGHT_WATCH_RUN';

/** The environment a watch gives its n-th run. */
export function watchRunVariables(runNumber: number): Record<string, string> {
  return { [VARIABLE]: String(runNumber) };
}

/** The run number inside a watch window, or undefined for a run started by hand. */
export function currentWatchRun(): number | undefined {
  const value = Number(process.env[VARIABLE]);
  return Number.isInteger(value) && value > 0 ? value : undefined;
}

/** Rows for the Allure environment panel: the watch run and the release start its monitors count from. */
export function watchRunEnvironment(config: PostflightConfig): Record<string, string> {
  const run = currentWatchRun();
  return {
    ...(run ? { 'watch run': String(run) } : {}),
    ...(config.releaseStartedAt ? { 'release started at': config.releaseStartedAt } : {}),
  };
}
