/**
 * Sharding (README, "Sharding"): `prod-smoke` split in two with `--shard 1/2` and `--shard 2/2`, each shard
 * writing its blob report, merged with `npx playwright merge-reports --config playwright.config.ts` into one
 * set of Allure results, and one Allure report in which every test appears once. The shards run one after
 * the other against one org, the way the README says is safe: the second finds the actions already applied,
 * and neither leaves test data behind. (At the same time they would not be: each shard's sweep removes the
 * records of any other run id, i.e. the other shard's live test data.)
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { Connection } from '@jsforce/jsforce-node';
import { test, expect } from '@playwright/test';
import { parseConfig } from '../../src/config/env.js';
import { TAGGED_FIELDS } from '../../src/data/tagging.js';
import { emulatorCommand } from '../../src/run/emulator-command.js';
import { startEmulator } from '../../src/watch/child-process.js';
import { ROOT, runSuite, type SuiteRun } from './run-suite.js';
import { playwrightCommand } from '../../src/run/playwright-cli.js';

const PORT = 18_613;
const SETUP_PROJECTS = ['setup', 'actions', 'cleanup'];

test('two shards of prod-smoke merge into one Allure report with every test once', async () => {
  test.setTimeout(600_000);
  const emulator = await startEmulator(emulatorCommand(parseConfig({ SF_EMULATOR_PORT: String(PORT) }, ROOT)), process.env);
  try {
    const shards: SuiteRun[] = [];
    for (const shard of ['1/2', '2/2']) {
      const run = await runSuite({ name: `shard-${shard[0]}`, port: PORT, args: ['--shard', shard], env: { SF_EMULATOR_REUSE: 'true' } });
      expect(run.failed, `shard ${shard}\n${run.output.slice(-3000)}`).toEqual([]);
      shards.push(run);
    }
    const [first, second] = shards as [SuiteRun, SuiteRun];
    const verifications = (titles: string[]) => titles.filter((t) => !SETUP_PROJECTS.some((p) => t.startsWith(`[${p}]`)));
    const split = [verifications(first.passed), verifications(second.passed)] as const;
    expect(split[0].length, 'shard 1 ran verifications').toBeGreaterThan(5);
    expect(split[1].length, 'shard 2 ran verifications').toBeGreaterThan(5);
    expect(split[0].filter((t) => split[1].includes(t)), 'verifications that ran in both shards').toEqual([]);

    // Every test of an unsharded prod-smoke, for comparison.
    const listed = spawnSync(...playwrightCommand(['test', '--project=prod-smoke', '--list']), { cwd: ROOT, encoding: 'utf8', env: { ...process.env, SF_EMULATOR_PORT: String(PORT) } });
    const total = Number(/Total: (\d+) tests?/.exec(listed.stdout)?.[1]);
    expect(new Set([...first.passed, ...second.passed]).size, `tests of the two shards together vs --list\n${listed.stdout.slice(-500)}`).toBe(total);

    // The blob reports, merged through the suite's own reporters.
    const merged = path.join(ROOT, 'test', '.suite-runs', 'shard-merge');
    rmSync(merged, { recursive: true, force: true });
    const blobs = path.join(merged, 'all-blob-reports');
    mkdirSync(blobs, { recursive: true });
    for (const run of shards) {
      const dir = path.join(run.dirs.results, 'blob-report');
      for (const zip of readdirSync(dir)) copyFileSync(path.join(dir, zip), path.join(blobs, zip));
    }
    expect(readdirSync(blobs).sort()).toEqual(['report-prod-smoke-1.zip', 'report-prod-smoke-2.zip']);
    const results = path.join(merged, 'reports');
    const merge = spawnSync(...playwrightCommand(['merge-reports', '--config', 'playwright.config.ts', blobs]), {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, SF_EMULATOR_PORT: String(PORT), SF_RESULTS_DIR: results, SF_STATE_DIR: path.join(merged, 'state') },
    });
    expect(merge.status, `${merge.stdout}${merge.stderr}`).toBe(0);
    const report = path.join(merged, 'allure-report');
    const generate = spawnSync('npx', ['allure', 'generate', path.join(results, 'allure-results'), '--config', 'allurerc.mjs', '--output', report], { cwd: ROOT, encoding: 'utf8' });
    expect(generate.status, `${generate.stdout}${generate.stderr}`).toBe(0);
    const summary = JSON.parse(readFileSync(path.join(report, 'summary.json'), 'utf8')) as { stats: { total: number; passed: number; retries?: number } };
    // Setup projects run in each shard: Allure shows each once, with the other shard's run among its retries.
    const setupTests = first.passed.length - verifications(first.passed).length;
    expect(summary.stats).toEqual({ total, passed: total, retries: setupTests });

    // One org, one shard after the other: the second shard found every action applied; nothing was left behind.
    const ledger = (run: SuiteRun) =>
      readFileSync(path.join(run.dirs.results, 'ledger', 'ledger.jsonl'), 'utf8').trim().split('\n').map((l) => (JSON.parse(l) as { status: string }).status);
    expect(ledger(second)).toEqual(Array(ledger(first).length).fill('already-applied'));
    const admin = new Connection({ loginUrl: `http://127.0.0.1:${PORT}` });
    const { password } = JSON.parse(readFileSync(path.join(ROOT, 'org/users/admin.json'), 'utf8')) as { password: string };
    await admin.login('admin@postflight.test', password);
    for (const { object, field } of TAGGED_FIELDS) {
      const left = await admin.query(`SELECT Id FROM ${object} WHERE ${field} LIKE 'PF-%'`);
      expect(left.totalSize, `${object} records left by the shards`).toBe(0);
    }
  } finally {
    emulator.signal('SIGTERM');
    await emulator.done;
  }
});
