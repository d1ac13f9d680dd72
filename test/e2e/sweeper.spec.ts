/**
 * Data hygiene across runs: a run that dies (killed) or is interrupted with Ctrl-C leaves records named with
 * its run id; the next run's sweeper removes every one of them. Both runs share one emulator, as two runs
 * share one org.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Connection } from '@jsforce/jsforce-node';
import { test, expect } from '@playwright/test';
import { TAGGED_FIELDS } from '../../src/data/tagging.js';
import { RUN_ID_PATTERN } from '../../src/run/run-id.js';
import { ROOT, runSuite } from './run-suite.js';

const PORT = 18_790;

async function startEmulator(): Promise<ChildProcess> {
  const users = readdirSync(path.join(ROOT, 'org', 'users')).filter((f) => f.endsWith('.json')).flatMap((f) => ['--users', path.join('org', 'users', f)]);
  const child = spawn('node', ['--import', 'tsx', 'emulator/cli.ts', '--source', 'org', ...users, '--jobs', 'org/jobs.json', '--port', String(PORT), '--sandbox'], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  await new Promise<void>((resolve, reject) => {
    let seen = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      seen += chunk.toString();
      if (seen.includes('Org emulator ready at')) resolve();
    });
    child.stderr!.on('data', (chunk: Buffer) => (seen += chunk.toString()));
    child.on('exit', (code) => reject(new Error(`emulator exited with ${code}: ${seen}`)));
  });
  return child;
}

async function taggedRecords(conn: Connection): Promise<{ object: string; name: string }[]> {
  const found: { object: string; name: string }[] = [];
  for (const { object, field } of TAGGED_FIELDS) {
    const result = await conn.query<Record<string, string>>(`SELECT Id, ${field} FROM ${object} WHERE ${field} LIKE 'PF-%'`);
    for (const record of result.records) found.push({ object, name: record[field] ?? '' });
  }
  return found;
}

/** Resolves once the run has registered a created record, i.e. it is in the middle of its verifications. */
async function untilRecordsCreated(stateDir: string, timeoutMs = 240_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const runs = path.join(stateDir, 'runs');
    if (existsSync(runs)) {
      for (const run of readdirSync(runs)) {
        const file = path.join(runs, run, 'created.jsonl');
        if (existsSync(file) && readFileSync(file, 'utf8').split('\n').filter(Boolean).length >= 2) return;
      }
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('the first run never created test data');
}

test.describe.configure({ mode: 'serial' });

test('the sweeper removes what killed and interrupted runs left behind', async () => {
  test.setTimeout(900_000);
  const emulator = await startEmulator();
  try {
    const admin = new Connection({ loginUrl: `http://127.0.0.1:${PORT}` });
    const { password } = JSON.parse(readFileSync(path.join(ROOT, 'org/users/admin.json'), 'utf8')) as { password: string };
    await admin.login('admin@postflight.test', password);
    const shared = { SF_EMULATOR_REUSE: 'true' };

    for (const [name, signal] of [['killed', 'SIGKILL'], ['interrupted', 'SIGINT']] as const) {
      const stateDir = path.join(ROOT, 'test', '.suite-runs', `sweeper-${name}`, 'state');
      const run = await runSuite({
        name: `sweeper-${name}`,
        port: PORT,
        env: shared,
        onStart: (child) => {
          void untilRecordsCreated(stateDir).then(() => process.kill(-child.pid!, signal));
        },
      });
      expect(run.exitCode, `the ${name} run should not finish cleanly`).not.toBe(0);
      const left = await taggedRecords(admin);
      if (signal === 'SIGKILL') expect(left.length, 'a killed run leaves its records behind (otherwise this test proves nothing)').toBeGreaterThan(0);
      test.info().annotations.push({ type: `${name} run left`, description: left.map((r) => `${r.object}: ${r.name}`).join('; ') || 'nothing' });
    }

    const oldRunIds = new Set((await taggedRecords(admin)).map((r) => RUN_ID_PATTERN.exec(r.name)?.[0]));
    const next = await runSuite({ name: 'sweeper-next', port: PORT, env: shared, projects: ['sweep'] });
    expect(next.failed, 'the next run\'s sweep').toEqual([]);
    const remaining = (await taggedRecords(admin)).filter((r) => oldRunIds.has(RUN_ID_PATTERN.exec(r.name)?.[0]));
    expect(remaining, 'records named with an old run id after the next run swept').toEqual([]);
  } finally {
    emulator.kill('SIGTERM');
  }
});
