/**
 * `npm run watch` as a release manager runs it during the first hour, against the embedded org (which the
 * watch keeps up for its window): three runs a second apart; between the first and the second the ERP
 * "creates a customer without its tier" (a data change through the API, as the real integration would make
 * it), between the second and the third the team fixes the record. The timeline must show the since-release
 * monitor newly failing, then recovered, with its persona; a local webhook receiver must get the failure and
 * the recovery alerts (and no secret); the window's Allure history must hold all three runs; the ledger must
 * show the reruns skipping what was already applied. A second test stops a run with Ctrl-C and checks that
 * its teardown still removed its data and that its results were kept.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import path from 'node:path';
import { Connection } from '@jsforce/jsforce-node';
import { test, expect } from '@playwright/test';
import { parseConfig } from '../../src/config/env.js';
import { TAGGED_FIELDS } from '../../src/data/tagging.js';
import { emulatorCommand } from '../../src/run/emulator-command.js';
import { startEmulator } from '../../src/watch/child-process.js';
import { secretsOf } from './leaks.js';
import { ROOT } from './run-suite.js';

const MONITOR = '[monitors] nothing new since the release: every customer the ERP created has its tier';
const WEBHOOK_SECRET = 'T0WATCH/B0E2E/not-a-real-slack-token-9f8e7d';

interface WatchProcess {
  child: ChildProcess;
  /** Resolves with the first timeline line matching `pattern`. */
  line(pattern: RegExp): Promise<string>;
  exited: Promise<{ code: number | null; output: string }>;
}

function startWatch(name: string, port: number, args: string[], env: Record<string, string> = {}): { watch: WatchProcess; dirs: { results: string; state: string } } {
  const base = path.join(ROOT, 'test', '.suite-runs', name);
  rmSync(base, { recursive: true, force: true });
  const dirs = { results: path.join(base, 'reports'), state: path.join(base, 'state') };
  // Its own process group, so the test can press Ctrl-C the way a terminal does (to npm and the watch at once).
  const child = spawn('npm', ['run', '--silent', 'watch', '--', ...args], {
    cwd: ROOT,
    env: { ...process.env, SF_EMULATOR_PORT: String(port), SF_STATE_DIR: dirs.state, SF_RESULTS_DIR: dirs.results, POSTFLIGHT_RUN_ID: '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let output = '';
  const waiting: { pattern: RegExp; resolve: (line: string) => void }[] = [];
  const onData = (chunk: Buffer) => {
    output += chunk.toString();
    for (const wait of [...waiting]) {
      const found = output.split('\n').find((l) => wait.pattern.test(l));
      if (found !== undefined) {
        waiting.splice(waiting.indexOf(wait), 1);
        wait.resolve(found);
      }
    }
  };
  child.stdout!.on('data', onData);
  child.stderr!.on('data', onData);
  const exited = new Promise<{ code: number | null; output: string }>((resolve) => child.on('close', (code) => resolve({ code, output })));
  const line = (pattern: RegExp) =>
    new Promise<string>((resolve, reject) => {
      const found = output.split('\n').find((l) => pattern.test(l));
      if (found !== undefined) return resolve(found);
      waiting.push({ pattern, resolve });
      void exited.then(() => reject(new Error(`the watch ended without printing ${pattern}:\n${output.slice(-4000)}`)));
    });
  return { watch: { child, line, exited }, dirs };
}

async function adminOf(port: number): Promise<Connection> {
  const conn = new Connection({ loginUrl: `http://127.0.0.1:${port}` });
  const { password } = JSON.parse(readFileSync(path.join(ROOT, 'org/users/admin.json'), 'utf8')) as { password: string };
  await conn.login('admin@postflight.test', password);
  return conn;
}

async function webhookReceiver(port: number): Promise<{ server: Server; received: { path: string; body: { text: string; blocks: unknown[] } }[] }> {
  const received: { path: string; body: { text: string; blocks: unknown[] } }[] = [];
  const server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      received.push({ path: request.url ?? '', body: JSON.parse(body) as { text: string; blocks: unknown[] } });
      response.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return { server, received };
}

/** A run's block in the timeline: its result line and the indented lines under it. */
function runBlock(output: string, run: number): string {
  const lines = output.split('\n');
  const start = lines.findIndex((l) => new RegExp(`^run ${run}/\\d+ .* (GREEN|RED|AMBER|STOPPED) `).test(l));
  if (start < 0) return '';
  const block = [lines[start]!];
  for (const l of lines.slice(start + 1)) {
    if (!l.startsWith('        ')) break;
    block.push(l);
  }
  return block.join('\n');
}

test.describe.configure({ mode: 'serial' });

test('three watched runs: a since-release monitor turns red, then recovers; alerts, history and ledger follow', async () => {
  test.setTimeout(420_000);
  const port = 18_610;
  const hook = await webhookReceiver(18_611);
  try {
    const { watch, dirs } = startWatch('watch-three-runs', port, ['--project', 'monitors', '--project', 'integration-user', '--runs', '3', '--every', '1s', '--release', 'REL-WATCH-E2E'], {
      SF_ALERT_WEBHOOK_URL: `http://127.0.0.1:18611/services/${WEBHOOK_SECRET}`,
      // A failed Apex job two hours before the watch started: since the release, it must not count.
      SF_EMULATOR_JOBS: 'test/e2e/data/jobs-failed-before-release.json',
    });

    // Between runs 1 and 2: the ERP creates a customer without its tier (the monitor's rows appear).
    await watch.line(/^run 1\/3 .* GREEN /);
    const admin = await adminOf(port);
    const created = await admin.sobject('Account').create({ Name: 'Watch E2E Imported Customer', ERP_Id__c: 'ERP-WATCH-1' });
    expect(created.success).toBe(true);
    const createdId = (created as { id: string }).id;
    // Between runs 2 and 3: the team fixes the record.
    await watch.line(/^run 2\/3 .* RED /);
    await admin.sobject('Account').update({ Id: createdId, Customer_Tier__c: 'Enterprise' });
    const { code, output } = await watch.exited;
    test.info().annotations.push({ type: 'timeline', description: output });

    expect(code, `exit status (a release regression in run 2)\n${output}`).toBe(1);
    const [run1, run2, run3] = [1, 2, 3].map((n) => runBlock(output, n));
    expect(run1, 'run 1').toMatch(/GREEN +\d+ passed, 0 failed, 0 flaky, 0 environment problems/);
    expect(run1).not.toMatch(/newly failing|recovered/);
    expect(run2, 'run 2').toMatch(/RED +\d+ passed, 1 failed, 0 flaky, 0 environment problems/);
    expect(run2).toContain(`newly failing  ${MONITOR}  (persona monitors)`);
    expect(run2).toMatch(/release regression: every customer the ERP created has its tier: 1 row\(s\) since the release started \(.*\): .*ERP-WATCH-1/);
    expect(run2).toContain('alert sent (first failure)');
    expect(run3, 'run 3').toMatch(/GREEN +\d+ passed, 0 failed/);
    expect(run3).toContain(`recovered      ${MONITOR}  (persona monitors)`);
    expect(run3).toContain('alert sent (recovery)');
    expect(output).toMatch(/window over: 3 runs; release regression in run 2; last run GREEN/);

    // The webhook got exactly the failure and the recovery, naming the check, its persona and the report.
    expect(hook.received.map((r) => r.path)).toEqual([`/services/${WEBHOOK_SECRET}`, `/services/${WEBHOOK_SECRET}`]);
    const [failure, recovery] = hook.received.map((r) => r.body);
    expect(failure!.text).toMatch(/^Postflight first failure: release REL-WATCH-E2E, run 2\/3 is RED/);
    expect(failure!.text).toContain(`• ${MONITOR} (persona monitors), release regression: every customer the ERP created has its tier: 1 row(s)`);
    expect(recovery!.text).toMatch(/^Postflight recovery: release REL-WATCH-E2E, run 3\/3 is GREEN/);
    expect(recovery!.text).toContain(`Recovered:\n• ${MONITOR} (persona monitors)`);
    const window = path.join(dirs.results, 'watch', 'REL-WATCH-E2E');
    for (const alert of [failure!, recovery!]) {
      expect(alert.text).toContain(`Report: ${path.join(window, 'allure-report', 'index.html')}`);
      expect(alert.blocks.length).toBeGreaterThan(1);
    }
    const secrets = [WEBHOOK_SECRET, ...secretsOf(dirs.state)];
    expect(secrets.length).toBeGreaterThan(3);
    const timelineFile = readFileSync(path.join(window, 'timeline.txt'), 'utf8');
    for (const secret of secrets) {
      for (const [where, text] of [['alerts', JSON.stringify(hook.received.map((r) => r.body))], ['timeline', output + timelineFile]] as const) {
        expect(text.includes(secret), `${where} contain a secret (${secret.slice(0, 10)}...)`).toBe(false);
      }
    }

    // The failed Apex job from before the release start is not news.
    for (const run of [run1, run2, run3]) expect(run).not.toContain('no Apex job failed since the release started');
    const runResults = (n: number) => readFileSync(path.join(window, 'runs', String(n).padStart(3, '0'), 'playwright-results.json'), 'utf8');
    expect(runResults(1)).toContain('no Apex job failed since the release started');

    // One report for the window, with every run in its history: the monitor passed, failed, passed.
    // The report is the last run's, and its trend chart ("status dynamics") spans the three runs.
    expect(readFileSync(path.join(window, 'allure-report', 'index.html'), 'utf8')).toMatch(/<title>\s*Postflight watch: release REL-WATCH-E2E, run 3 \(/);
    const charts = JSON.parse(readFileSync(path.join(window, 'allure-report', 'widgets', 'charts.json'), 'utf8')) as {
      general: Record<string, { type: string; data: { name: string; statistic: { failed?: number } }[] }>;
    };
    const trend = Object.values(charts.general).find((chart) => chart.type === 'statusDynamics')!;
    expect(trend.data.map((point) => [point.name.replace(/ \(.*/, ''), point.statistic.failed ?? 0])).toEqual([
      ['Postflight watch: release REL-WATCH-E2E, run 1', 0],
      ['Postflight watch: release REL-WATCH-E2E, run 2', 1],
      ['current', 0],
    ]);
    const history = readFileSync(path.join(window, 'history.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { name: string; testResults: Record<string, { name: string; status: string }> });
    expect(history.map((h) => h.name)).toEqual([1, 2, 3].map((n) => expect.stringMatching(new RegExp(`^Postflight watch: release REL-WATCH-E2E, run ${n} `))));
    const monitorName = MONITOR.replace('[monitors] ', '');
    expect(history.map((h) => Object.values(h.testResults).find((t) => t.name === monitorName)?.status)).toEqual(['passed', 'failed', 'passed']);
    // Each run's results are labelled with the release and the run number.
    for (const n of [1, 2, 3]) {
      const results = path.join(window, 'runs', String(n).padStart(3, '0'), 'allure-results');
      const environment = readFileSync(path.join(results, 'environment.properties'), 'utf8');
      expect(environment).toContain('release\\ id=REL-WATCH-E2E');
      expect(environment).toContain(`watch\\ run=${n}`);
    }

    // Reruns skip what is already applied: every action of runs 2 and 3 is "already-applied" in the ledger.
    const ledger = readFileSync(path.join(dirs.results, 'ledger', 'ledger.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { runId: string; status: string; releaseId: string });
    const runIds = [...new Set(ledger.map((e) => e.runId))];
    expect(runIds).toHaveLength(3);
    expect(ledger.every((e) => e.releaseId === 'REL-WATCH-E2E')).toBe(true);
    for (const runId of runIds.slice(1)) expect(ledger.filter((e) => e.runId === runId).map((e) => e.status)).toEqual(Array(6).fill('already-applied'));
  } finally {
    await new Promise((resolve) => hook.server.close(resolve));
  }
});

test('Ctrl-C stops the run, runs its teardown and keeps its results', async () => {
  test.setTimeout(300_000);
  const port = 18_612;
  // The org outlives the watch here (SF_EMULATOR_REUSE), so the test can look for what the run left in it.
  const emulator = await startEmulator(emulatorCommand(parseConfig({ SF_EMULATOR_PORT: String(port) }, ROOT)), process.env);
  try {
    const { watch, dirs } = startWatch('watch-ctrl-c', port, ['--project', 'integration-user', '--runs', '2', '--every', '1s', '--release', 'REL-WATCH-CTRL-C'], {
      SF_EMULATOR_REUSE: 'true',
    });
    const started = await watch.line(/^run 1\/2 .* started /);
    const runId = /PF-\S+/.exec(started)![0];
    // Press Ctrl-C once the run has created test data in the org, i.e. in the middle of its verifications.
    const created = path.join(dirs.state, 'runs', runId, 'created.jsonl');
    await expect
      .poll(() => (existsSync(created) ? readFileSync(created, 'utf8').split('\n').filter(Boolean).length : 0), { timeout: 120_000, intervals: [100] })
      .toBeGreaterThan(0);
    process.kill(-watch.child.pid!, 'SIGINT');
    const { code, output } = await watch.exited;
    test.info().annotations.push({ type: 'timeline', description: output });

    expect(output).toContain("Ctrl-C: stopping after the current run's teardown");
    expect(output, 'one press, even though npm forwards it too').not.toContain('Ctrl-C again: aborting');
    expect(output).toContain('teardown done: the run left no test data');
    expect(runBlock(output, 1)).toMatch(/STOPPED/);
    expect(output, 'no second run after Ctrl-C').not.toMatch(/^run 2\/2/m);
    expect(output).toContain('window over: 1 run; no release regression; last run STOPPED');
    // npm, signalled too, ends itself by the same signal once the watch exits, so its own exit code is null;
    // the watch's status is on the timeline and in the window.
    expect(code, output).toBeNull();
    expect(output).toContain('exit status 130');
    expect(readFileSync(path.join(dirs.results, 'watch', 'REL-WATCH-CTRL-C', 'exit-status'), 'utf8')).toBe('130\n');
    const admin = await adminOf(port);
    const left: string[] = [];
    for (const { object, field } of TAGGED_FIELDS) {
      const rows = await admin.query<Record<string, string>>(`SELECT Id, ${field} FROM ${object} WHERE ${field} LIKE '${runId}%'`);
      left.push(...rows.records.map((r) => `${object}: ${r[field]}`));
    }
    expect(left, 'records of the stopped run left in the org').toEqual([]);
    // The stopped run's results were kept, with the teardown's, and the window report was built.
    const run1 = path.join(dirs.results, 'watch', 'REL-WATCH-CTRL-C', 'runs', '001');
    expect(readdirSync(path.join(run1, 'allure-results')).length).toBeGreaterThan(5);
    expect(readFileSync(path.join(run1, 'cleanup-results.json'), 'utf8')).toContain('remove the data this run created');
    expect(existsSync(path.join(dirs.results, 'watch', 'REL-WATCH-CTRL-C', 'allure-report', 'index.html'))).toBe(true);
  } finally {
    emulator.signal('SIGTERM');
    await emulator.done;
  }
});
