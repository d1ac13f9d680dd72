/**
 * Data hygiene across interrupted runs: a run stopped with Ctrl-C (SIGINT) or killed outright (SIGKILL) at a
 * random point during its release actions, during its verifications or during its teardown, followed by a
 * normal run, leaves zero records named with a run id, and the normal run passes (the actions the dead runs
 * left half-done are applied again, idempotently). Every run shares one emulator, as runs share one org.
 *
 * The points are random but reproducible: the seed is printed in the test's annotations and in every
 * assertion message; `POSTFLIGHT_INTERRUPT_SEED=<n>` replays a failure.
 *
 * Where a run is: the suite's list reporter prints one line per finished test (`✓  7 [actions] › ...`), which
 * places the actions and the verifications; the teardown's start is its first request, seen in the emulator's
 * request statistics as the admin's first composite request after the last verification finished.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { Connection } from '@jsforce/jsforce-node';
import { test, expect } from '@playwright/test';
import { PERSONA_NAMES } from '../../src/config/personas.js';
import { TAGGED_FIELDS } from '../../src/data/tagging.js';
import { ROOT, runSuite } from './run-suite.js';
import { playwrightCommand } from '../../src/run/playwright-cli.js';

const PORT = 18_790;
/**
 * Which persona's project each interrupted run runs (setup: auth and sweep, the release actions, its verifications, the
 * teardown): the sales rep's verifications create records through the UI and the API; the integration user's
 * are API-only and the quickest way through to the teardown with records to remove.
 */
type Phase = 'actions' | 'verifications' | 'teardown';
type Signal = 'SIGINT' | 'SIGKILL';

const PROJECT_OF: Record<Phase, string> = { actions: 'integration-user', verifications: 'sales-rep', teardown: 'integration-user' };
/** The setup project's tests: a login per persona, then the sweep. */
const SETUP_TESTS = PERSONA_NAMES.length + 1;
/** The release actions (one test each; an action file may declare several). */
const RELEASE_ACTIONS = spawnSync(...playwrightCommand(['test', '--project=actions', '--list']), { cwd: ROOT, encoding: 'utf8' }).stdout.split('\n').filter((line) => line.includes('[actions]')).length;
// Every API call waits this long, so the teardown (a handful of requests) lasts long enough to be hit inside.
const API_LATENCY_MS = 150;


const SEED = Number(process.env.POSTFLIGHT_INTERRUPT_SEED || Date.now() % 1_000_000);

/**
 * mulberry32: a seeded generator in a few lines (Math.random cannot be seeded, and a dependency for one
 * function that a test uses is not worth it).
 */
function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

async function startEmulator(): Promise<ChildProcess> {
  const users = readdirSync(path.join(ROOT, 'org', 'users')).filter((f) => f.endsWith('.json')).flatMap((f) => ['--users', path.join('org', 'users', f)]);
  const child = spawn(
    'node',
    ['--import', 'tsx', 'emulator/cli.ts', '--source', 'org', ...users, '--jobs', 'org/jobs.json', '--port', String(PORT), '--sandbox', '--latency', `api=${API_LATENCY_MS},ui=0`],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
  );
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

async function taggedRecords(conn: Connection): Promise<string[]> {
  const found: string[] = [];
  for (const { object, field } of TAGGED_FIELDS) {
    const result = await conn.query<Record<string, string>>(`SELECT Id, ${field} FROM ${object} WHERE ${field} LIKE 'PF-%'`);
    for (const record of result.records) found.push(`${object}: ${record[field] ?? ''}`);
  }
  return found;
}

/** Finished tests per project, from the list reporter's lines. */
function finishedByProject(output: string): Record<string, number> {
  const counts: Record<string, number> = {};
  // The child inherits the runner's FORCE_COLOR: its lines come coloured.
  for (const match of stripVTControlCharacters(output).matchAll(/^\s+(?:✓|✘|-)\s+\d+ \[([\w-]+)\] ›/gm)) counts[match[1]!] = (counts[match[1]!] ?? 0) + 1;
  return counts;
}

function adminCompositeRequests(stats: { users: Record<string, { endpoints: Record<string, number> }> }): number {
  const endpoints = stats.users['admin@postflight.test']?.endpoints ?? {};
  return Object.entries(endpoints)
    .filter(([endpoint]) => /^(GET|POST) \/services\/data\/vXX\.X\/composite(\/|$)/.test(endpoint))
    .reduce((sum, [, n]) => sum + n, 0);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

test.describe.configure({ mode: 'serial' });

let emulator: ChildProcess | undefined;
// Here and not in a `finally`: a test that times out is abandoned mid-await, and its emulator would keep the port.
test.afterAll(() => {
  emulator?.kill('SIGTERM');
});

test('runs interrupted during actions, verifications and teardown leave nothing once a normal run followed', async () => {
  test.setTimeout(900_000);
  const random = seededRandom(SEED);
  test.info().annotations.push({ type: 'seed', description: `POSTFLIGHT_INTERRUPT_SEED=${SEED}` });
  emulator = await startEmulator();
  const admin = new Connection({ loginUrl: `http://127.0.0.1:${PORT}` });
  const { password } = JSON.parse(readFileSync(path.join(ROOT, 'org/users/admin.json'), 'utf8')) as { password: string };
  await admin.login('admin@postflight.test', password);
  const shared = { SF_EMULATOR_REUSE: 'true' };
  let killedARunWithRecords = false;

  for (const phase of ['actions', 'verifications', 'teardown'] as Phase[]) {
    for (const signal of ['SIGINT', 'SIGKILL'] as Signal[]) {
      const name = `interrupt-${phase}-${signal.toLowerCase()}`;
      const project = PROJECT_OF[phase];
      const started = Date.now();
      // Where to stop: after this many tests of the phase finished (0: as the phase starts), then a pause.
      const after = phase === 'actions' ? Math.floor(random() * RELEASE_ACTIONS) : phase === 'verifications' ? 1 + Math.floor(random() * 8) : 0;
      // Shorter than one API round trip where the phase's next step may be short (an action, the teardown). The
      // teardown is seen once its first request has been answered (the statistics count a request as it ends),
      // and it has one more round trip to go (the deletes): half of one leaves room for a busy machine.
      const bound = phase === 'verifications' ? 400 : phase === 'teardown' ? API_LATENCY_MS / 2 : API_LATENCY_MS;
      const pauseMs = Math.floor(random() * bound);
      const point = `${signal} during ${phase}, after ${after} finished + ${pauseMs} ms (seed ${SEED})`;
      let stoppedAt: Record<string, number> | undefined;

      const run = await runSuite({
        name,
        port: PORT,
        env: shared,
        projects: [project],
        onStart: (child) => {
          let output = '';
          child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
          let exited = false;
          child.once('close', () => (exited = true));
          void (async () => {
            const reached = () => {
              const done = finishedByProject(output);
              if (phase === 'actions') return (done['setup'] ?? 0) >= SETUP_TESTS && (done['actions'] ?? 0) >= after;
              if (phase === 'verifications') return (done[project] ?? 0) >= after;
              return false;
            };
            if (phase === 'teardown') {
              // The teardown starts once the persona's last test finished; its first request is the admin's
              // composite query for the run's tagged records. Counted from when the actions were done (the
              // sweep's composite calls come before), since on a quick machine that query goes out at once.
              while (!exited && (finishedByProject(output)['actions'] ?? 0) < RELEASE_ACTIONS) await sleep(20);
              const before = adminCompositeRequests(await admin.request('/emulator/stats'));
              const total = () => Number(/Running (\d+) tests?/.exec(stripVTControlCharacters(output))?.[1] ?? Infinity);
              const finished = () => Object.values(finishedByProject(output)).reduce((a, b) => a + b, 0);
              while (!exited && finished() < total() - 1) await sleep(20);
              while (!exited && adminCompositeRequests(await admin.request('/emulator/stats')) === before) await sleep(5);
            } else {
              while (!exited && !reached()) await sleep(20);
            }
            if (exited) return;
            await sleep(pauseMs);
            stoppedAt = finishedByProject(output);
            process.kill(-child.pid!, signal);
          })();
        },
      });

      expect(stoppedAt, `the run was never stopped: it finished first (${point})\n${run.output.slice(-2000)}`).toBeDefined();
      expect(run.exitCode, `the run should not finish cleanly (${point})`).not.toBe(0);
      // The signal went out in the phase it was meant for (what the run did with it is the product's business:
      // Ctrl-C lets the test in progress end, the teardown included).
      const at = stoppedAt!;
      if (phase === 'actions') {
        expect(at[project] ?? 0, `no verification had finished (${point})`).toBe(0);
        expect(at['actions'] ?? 0, `not every action had finished (${point})`).toBeLessThan(RELEASE_ACTIONS);
      } else {
        expect(at['actions'], `every action had finished (${point})`).toBe(RELEASE_ACTIONS);
        expect(at['cleanup'] ?? 0, `the teardown had not finished (${point})`).toBe(0);
      }
      const left = await taggedRecords(admin);
      if (phase !== 'actions' && signal === 'SIGKILL' && left.length > 0) killedARunWithRecords = true;
      test.info().annotations.push({ type: `${point}, ${project}, ${Math.round((Date.now() - started) / 1000)} s: left`, description: left.join('; ') || 'nothing' });
    }
  }
  expect(killedARunWithRecords, `no killed run left records behind, so the next run's sweep proves nothing (seed ${SEED})`).toBe(true);

  const started = Date.now();
  // The personas the interrupted runs ran, with the whole setup and teardown: the sweep, the actions applied
  // again over what the dead runs left half-done, their verifications and the cleanup (the other personas'
  // checks add nothing here; prod-smoke as a whole runs in the overlay, shard and README runs).
  const next = await runSuite({ name: 'interrupt-next', port: PORT, env: shared, projects: [...new Set(Object.values(PROJECT_OF))] });
  test.info().annotations.push({ type: 'normal run', description: `${next.passed.length} passed in ${Math.round((Date.now() - started) / 1000)} s` });
  expect(next.failed, `the normal run after the interrupted ones (seed ${SEED})`).toEqual([]);
  expect(next.exitCode, next.output.slice(-2000)).toBe(0);
  expect(await taggedRecords(admin), `records named with a run id after the normal run (seed ${SEED})`).toEqual([]);
  expect(existsSync(path.join(next.dirs.state, 'runs')) ? readdirSync(path.join(next.dirs.state, 'runs')) : [], 'the normal run forgot its own list').toEqual([]);
});
