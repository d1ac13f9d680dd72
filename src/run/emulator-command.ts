/**
 * The command that starts the embedded org emulator for a configuration: Playwright's webServer runs it for a
 * single run (playwright.config.ts), and `npm run watch` runs it once for its whole window so that the org
 * keeps its state from run to run, as a real org does. Only the command is shared: the suite still talks to
 * the emulator over HTTP and imports nothing from emulator/.
 */
import type { PostflightConfig } from '../config/env.js';

export const EMULATOR_READY = /Org emulator ready at http:\/\/127\.0\.0\.1:\d+/;

export function emulatorCommand(config: PostflightConfig): string {
  return [
    'node --import tsx emulator/cli.ts',
    `--source ${JSON.stringify(config.emulator.source)}`,
    ...config.emulator.overlays.map((dir) => `--overlay ${JSON.stringify(dir)}`),
    ...config.emulator.users.map((file) => `--users ${JSON.stringify(file)}`),
    ...(config.emulator.jobs ? [`--jobs ${JSON.stringify(config.emulator.jobs)}`] : []),
    `--port ${config.emulator.port}`,
    // SF_EMULATOR_STRICT=true: refuse a project with components the emulator cannot run as written.
    ...(config.emulator.strict ? ['--strict'] : []),
    // SF_EMULATOR_LATENCY=api=150,ui=1000: answer like a remote org (npm run bench runs it that way).
    ...(config.emulator.latency ? [`--latency ${config.emulator.latency}`] : []),
    // SF_EMULATOR_FAULTS=transient=0.05,...: an org that hiccups like production (npm run bench:faults).
    ...(config.emulator.faults ? [`--faults ${config.emulator.faults}`] : []),
    // The embedded org is a local rehearsal copy, so it reports IsSandbox = true; release actions keep
    // their production guard for real orgs (test/actions proves it against a production emulator).
    '--sandbox',
  ].join(' ');
}
