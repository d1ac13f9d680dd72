import { defineConfig } from '@playwright/test';

/**
 * The project's own tests: unit tests of the library and the emulator, the protocol contract suite
 * (jsforce against the emulator), UI specs and the regression-overlay runs of prod-smoke.
 */
export default defineConfig({
  testDir: '.',
  testMatch: '**/*.spec.ts',
  // Apart from the suite's own test-results, so running both at once does not wipe either.
  outputDir: './.results',
  fullyParallel: true,
  workers: 2,
  reporter: [['list']],
  projects: [
    // The suite itself, run as a user runs it: regression overlays, leaks, interrupted runs. Each test spawns a
    // whole prod-smoke run (emulator + browsers), so they get one worker of their own. First in the list, so
    // that this long serial chain starts at once, beside the other projects, and not after all of them.
    { name: 'e2e', testDir: './e2e', workers: 1, timeout: 900_000 },
    { name: 'unit', testDir: './unit' },
    { name: 'contract', testDir: './contract' },
    // Built-in release actions against the sample org in the emulator (one fresh org per test).
    { name: 'actions', testDir: './actions' },
    // The emulator's Lightning pages in Chromium.
    { name: 'ui-emulator', testDir: './ui-emulator' },
    // The suite's page objects driving the sample org's Lightning pages as its different users.
    { name: 'ui', testDir: './ui' },
  ],
});
