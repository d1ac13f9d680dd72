/**
 * Postflight's project graph:
 *
 *   setup (auth, then sweep) ─> actions ─┬─> sales-rep ────────┐
 *                                        ├─> support-agent ────┤
 *                                        ├─> integration-user ─┼─> prod-smoke
 *                                        └─> monitors ─────────┘
 *   (cleanup runs after everything that depends on `actions` has finished)
 *
 * `npx playwright test --project=prod-smoke` runs all of it; `--project=sales-rep` runs one persona with its
 * setup. With SF_TARGET=emulator (the default) the embedded org emulator is started on the sample org.
 */
import path from 'node:path';
import { defineConfig, type PlaywrightTestConfig, type Project } from '@playwright/test';
import { chromiumLaunchOptions } from './src/browser.js';
import { ConfigError, loadConfig, type PostflightConfig } from './src/config/env.js';
import { VERIFYING_PERSONAS, type PersonaName } from './src/config/personas.js';
import { currentRunId } from './src/run/run-id.js';
import { EMULATOR_READY, emulatorCommand } from './src/run/emulator-command.js';
import { storageStatePath } from './src/run/auth-store.js';
import { allureReporter } from './src/report/allure-settings.js';
import { redactThisConsole } from './src/report/console-redactor.js';
import type { PersonaOptions } from './fixtures/persona.fixture.js';

// Before anything prints, in every process that loads this configuration (the runner, whose console it is, and
// the workers, whose output it relays): whatever reporters the command line picks, no secret reaches the console
// (src/report/console-redactor.ts).
redactThisConsole();
const config = loadOrExplain();
for (const warning of config.warnings) console.warn(`postflight: ${warning}`);
const runId = currentRunId();

const personaProject = (persona: PersonaName, ui: boolean): Project<PersonaOptions> => ({
  name: persona,
  testDir: config.verificationsDir,
  // Every verification is tagged with the persona that owns it (`@sales-rep`); the plan generates the same tags.
  grep: new RegExp(`@${persona}\\b`),
  dependencies: ['actions'],
  // One worker per persona, and the personas side by side: each worker process (and its browser) starts once
  // per persona instead of once per persona and slot, and one persona's checks share its cache in memory.
  workers: 1,
  use: { persona, ...(ui ? { storageState: storageStatePath(persona) } : {}) },
});

const emulatorServer: PlaywrightTestConfig['webServer'] =
  config.target === 'emulator'
    ? {
        command: emulatorCommand(config),
        port: config.emulator.port,
        wait: { stdout: EMULATOR_READY },
        reuseExistingServer: config.emulator.reuseExisting,
        stdout: 'pipe',
        stderr: 'pipe',
        gracefulShutdown: { signal: 'SIGTERM', timeout: 2000 },
        timeout: 60_000,
        name: 'org emulator',
      }
    : undefined;

export default defineConfig<PersonaOptions>({
  testDir: config.verificationsDir,
  outputDir: './test-results',
  fullyParallel: true,
  forbidOnly: !!process.env.CI,
  retries: 0,
  // One slot per verifying project (the personas and the monitors, one worker each), so that they all run side
  // by side: the API-only ones (integration-user, monitors) spend their time waiting on the org, and with two
  // slots they waited for the UI personas to finish instead (npm run bench: they started 141 s into a 158 s run).
  workers: VERIFYING_PERSONAS.length + 1,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [
    // First: every line any reporter (or the emulator, or a test) prints passes its secret redaction.
    ['./src/report/console-redactor.ts'],
    ['./src/report/fresh-results.ts'],
    ['list'],
    allureReporter(config, runId),
    // Machine-readable results of every run, for scheduled reruns to compare and for our own e2e tests.
    ['json', { outputFile: path.join(config.resultsDir, 'playwright-results.json') }],
    // For sharded runs (`--shard 1/2` writes report-1.zip): `npx playwright merge-reports --config playwright.config.ts <folder
    // of every shard's zip>` replays them through these reporters, so the Allure results come out merged (README, "Sharding").
    ['blob', { outputDir: path.join(config.resultsDir, 'blob-report') }],
    // Last, so that it cleans what the reporters before it wrote (the blob's traces too: it looks inside nested zips).
    ['./src/report/secret-scrubber.ts'],
  ],
  metadata: { target: config.target, releaseId: config.releaseId, runId },
  use: {
    baseURL: config.target === 'emulator' ? `http://127.0.0.1:${config.emulator.port}` : config.loginUrl,
    launchOptions: chromiumLaunchOptions(config.browserPath),
    // A failed check keeps its trace: every action with the page's DOM before and after it (snapshots), its
    // network and console, and the screenshot at the failure (below). The trace's own screencast (a JPEG of the
    // page many times a second, recorded for every test and thrown away when it passes) is left out: it was a
    // fifth of a prod-smoke run's time on two cores (43 s against 36 s), and the snapshots show the same pages.
    trace: { mode: 'retain-on-failure', screenshots: false },
    screenshot: 'only-on-failure',
    video: 'off',
    actionTimeout: 15_000,
    navigationTimeout: 30_000,
  },
  webServer: emulatorServer,
  projects: [
    {
      // Playwright's usual setup project: every *.setup.ts in fixtures/, in file order in one worker. First
      // auth.setup.ts logs every persona in (one or two round trips each: frontdoor answers with a redirect, no
      // page loads), then sweep.setup.ts removes what earlier runs left behind, as the admin just logged in.
      // One worker process for both: each one costs 1.5 s of CPU to start on two cores, and they run in sequence.
      name: 'setup',
      testDir: './fixtures',
      testMatch: /\.setup\.ts$/,
      workers: 1,
      fullyParallel: false,
      // Authentication handles raw tokens: no trace, no screenshot (the sweep drives no browser).
      use: { trace: 'off', screenshot: 'off' },
    },
    {
      name: 'actions',
      testDir: config.actionsDir,
      testMatch: /\.setup\.ts$/,
      dependencies: ['setup'],
      teardown: 'cleanup',
      // Release steps run one at a time, in file order, like the release runbook they replace.
      workers: 1,
      fullyParallel: false,
      use: { persona: 'admin' },
    },
    { name: 'cleanup', testDir: './fixtures', testMatch: /cleanup\.teardown\.ts$/, use: { persona: 'admin' } },
    ...VERIFYING_PERSONAS.map((persona) => personaProject(persona, persona !== 'integration-user')),
    { ...personaProject('admin', false), name: 'monitors', grep: /@monitors\b/ },
    {
      name: 'prod-smoke',
      // Runs nothing itself: selecting it runs every persona's verifications and the monitors, with setup and cleanup.
      testMatch: /^$/,
      dependencies: [...VERIFYING_PERSONAS, 'monitors'],
    },
  ],
});

/** A bad `.env` stops the run before any server or browser starts, with one message and no stack trace. */
function loadOrExplain(): PostflightConfig {
  try {
    return loadConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(error.message);
    process.exit(2);
  }
}
