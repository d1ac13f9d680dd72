/**
 * How Postflight starts a `playwright test` of its own (each run of `npm run watch`, our end-to-end tests and the
 * bench): Node with the project's Playwright CLI, which is what `npx playwright` ends up running. npx first starts
 * npm to find it, which costs about 0.9 s of CPU per call on two cores (`npx playwright test --list`: 2.7 s;
 * the same through Node: 1.8 s), on every run of a watch and before every run the bench times.
 */
import { createRequire } from 'node:module';

const CLI = createRequire(import.meta.url).resolve('@playwright/test/cli');

/** The command and arguments for `playwright <args>`, to spread into `spawn` or `spawnSync`. */
export function playwrightCommand(args: readonly string[]): [command: string, args: string[]] {
  return [process.execPath, [CLI, ...args]];
}
