/**
 * `npm run bench`: how fast prod-smoke runs on the sample org and how much of the org's API allocation it
 * spends, frugal and naive, without latency and at a real org's latency, side by side in one run.
 *
 *   npm run bench [-- --latency api=150,ui=1000] [--repeat 1] [--port 18700] [--only frugal|naive] [--without-latency-only]
 *
 * For every scenario (latency x mode) it starts the org emulator with `--latency`, runs
 * `playwright test --project=prod-smoke` against it (SF_EMULATOR_REUSE, its own state and results folders),
 * then reads the emulator's request statistics as the admin. The naive mode is the same suite with
 * SF_BATCHING=false and SF_CACHING=false.
 *
 * Figures per scenario: wall time of the whole run, API requests (total, per verification, and per
 * verification from each test's `api-requests` annotation), UI page loads, frontdoor logins per persona, the
 * latency floor and the ratio to it. Printed as tables and written to reports/bench/prod-smoke-<time>.json.
 * Nothing here asserts: figures, not timed tests.
 *
 * The requests are the run's own: the emulator's statistics are read before and after the suite and
 * subtracted, so the bench's own login and reads are not counted.
 *
 * The latency floor is the least time the run's round trips could take, however well they overlapped: every
 * round trip waits its latency once (an API call, a token request, a Lightning XHR or redirect `api` ms, a
 * Lightning page that renders `ui` ms, as the emulator's --latency charges them), and
 *   floor = max(all of them / the suite's workers,
 *               the longest one persona's own API calls, redirects and page loads take one after another)
 * The first term is the issue's "requests x latency / workers" (workers read from the run's own report); the
 * second holds because a persona project runs in one worker and its own requests wait for each other (its
 * Lightning XHRs are left out of it: a page may send them side by side). The floor is optimistic: it also
 * lets the serial setup (auth, sweep, actions) and the teardown overlap with everything else, and it ignores
 * CPU time; the goals print the run's CPU time over the cores as the other lower bound.
 *
 * `--repeat n` runs the scenarios n times, interleaved, and reports each one's median run (wall time is noisy on
 * a shared machine; every run's wall time is kept in the JSON and printed beside it; with an even n the faster of
 * the two middle runs is reported, so an odd n gives the plainer figure).
 */
import { execSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { Connection } from '@jsforce/jsforce-node';
import { loadConfig } from '../../src/config/env.js';
import { PERSONAS, VERIFYING_PERSONAS } from '../../src/config/personas.js';
import { authenticate } from '../../src/salesforce/connect.js';
import { ROOT, runSuite } from '../e2e/run-suite.js';

/** The daily allocation the first-hour projection is measured against, and the runs of a first-hour watch. */
const DAILY_ALLOCATION = 100_000;
const WATCH_RUNS = 6;

interface Latency {
  apiMs: number;
  uiMs: number;
}

interface Scenario {
  name: string;
  latency: Latency;
  mode: 'frugal' | 'naive';
}

interface RequestCounts {
  api: number;
  auth: number;
  uiPages: number;
  uiRedirects: number;
  uiRequests: number;
}

type UserCounts = RequestCounts & { logins: Record<string, number>; endpoints: Record<string, number> };

interface Stats {
  totals: RequestCounts & { logins: Record<string, number> };
  users: Record<string, UserCounts>;
  endpoints: Record<string, number>;
  dailyApiRequests: { Max: number; Remaining: number };
}

interface Verification {
  project: string;
  title: string;
  status: string;
  apiRequests: number | null;
  durationMs: number;
}

interface Outcome {
  scenario: Scenario;
  wallSeconds: number;
  /** Every run's wall time with --repeat (the outcome is the median one). */
  wallSamples: number[];
  /** CPU the run's processes used (suite, workers, browsers, emulator): wall time on a busy machine mostly measures the neighbours. */
  cpuSeconds: number;
  /** Of which the org emulator's own. */
  emulatorCpuSeconds: number;
  /** The machine's 1-minute load average before and after the run. */
  load: [number, number];
  passed: number;
  failed: string[];
  verifications: Verification[];
  apiRequests: number;
  apiRequestsInVerifications: number;
  perVerification: number;
  perVerificationOwn: number;
  authRequests: number;
  uiPageLoads: number;
  uiRequests: number;
  frontdoorLogins: Record<string, number>;
  /** The suite's workers, from its own report. */
  workers: number;
  floorSeconds: number;
  /** The floor's two terms: all round trips over the workers, and the longest single persona's own chain. */
  floorTerms: { allOverWorkers: number; longestPersona: number; persona: string };
  floorRatio: number | null;
  topEndpoints: [string, number][];
  stats: Stats;
}

const { values } = parseArgs({
  options: {
    latency: { type: 'string', default: 'api=150,ui=1000' },
    port: { type: 'string' },
    only: { type: 'string' },
    'without-latency-only': { type: 'boolean', default: false },
    repeat: { type: 'string', default: '1' },
  },
});

const config = loadConfig();
const basePort = Number(values.port ?? config.emulator.port);
const realLatency = parseLatency(values.latency);
const modes = (values.only ? [values.only] : ['frugal', 'naive']) as Scenario['mode'][];
if (modes.some((m) => m !== 'frugal' && m !== 'naive')) throw new Error(`--only must be frugal or naive, got ${values.only}`);

const scenarios: Scenario[] = [];
for (const latency of values['without-latency-only'] ? [{ apiMs: 0, uiMs: 0 }] : [{ apiMs: 0, uiMs: 0 }, realLatency]) {
  for (const mode of modes) scenarios.push({ name: `${mode} ${formatLatency(latency)}`, latency, mode });
}

const repeat = Number(values.repeat);
if (!Number.isInteger(repeat) || repeat < 1) throw new Error(`--repeat must be a whole number from 1, got ${values.repeat}`);

async function main(): Promise<void> {
  const samples = scenarios.map((): Outcome[] => []);
  for (let round = 1; round <= repeat; round++) {
    for (const [index, scenario] of scenarios.entries()) {
      process.stdout.write(`bench: ${scenario.name}${repeat > 1 ? ` (run ${round}/${repeat})` : ''} ...`);
      const outcome = await runScenario(scenario, basePort + index);
      samples[index]!.push(outcome);
      process.stdout.write(` ${outcome.wallSeconds.toFixed(1)} s, ${outcome.apiRequests} API requests${outcome.failed.length ? `, ${outcome.failed.length} FAILED` : ''}\n`);
    }
  }
  report(samples.map(median));
}

/** The run with the median wall time (of an even number of runs, the faster middle one), carrying every run's wall time. */
function median(runs: Outcome[]): Outcome {
  const sorted = [...runs].sort((a, b) => a.wallSeconds - b.wallSeconds);
  const middle = sorted[Math.floor((sorted.length - 1) / 2)]!;
  return { ...middle, wallSamples: runs.map((r) => round(r.wallSeconds)) };
}

async function runScenario(scenario: Scenario, port: number): Promise<Outcome> {
  const cpuBefore = childCpuSeconds();
  const loadBefore = loadavg()[0] ?? 0;
  const emulator = await startEmulator(port, scenario.latency);
  const readStats = await statsReader(port);
  let measured: Omit<Outcome, 'wallSamples' | 'cpuSeconds' | 'emulatorCpuSeconds' | 'load'>;
  let emulatorCpuSeconds = 0;
  try {
    const before = await readStats();
    const started = performance.now();
    const run = await runSuite({
      name: `bench-${scenario.mode}-${scenario.latency.apiMs}-${scenario.latency.uiMs}`,
      port,
      env: {
        SF_EMULATOR_REUSE: 'true',
        SF_BATCHING: String(scenario.mode === 'frugal'),
        SF_CACHING: String(scenario.mode === 'frugal'),
      },
    });
    const wallSeconds = (performance.now() - started) / 1000;
    const stats = statsSince(before, await readStats());
    const { verifications, workers } = readResults(path.join(run.dirs.results, 'playwright-results.json'));
    measured = summarize(scenario, wallSeconds, run.passed.length, run.failed.map((f) => `${f.title}: ${f.message.split('\n')[0]}`), verifications, workers, stats);
  } finally {
    emulatorCpuSeconds = processCpuSeconds(emulator.child.pid);
    await stopEmulator(emulator);
  }
  return { ...measured, wallSamples: [measured.wallSeconds], cpuSeconds: childCpuSeconds() - cpuBefore, emulatorCpuSeconds, load: [loadBefore, loadavg()[0] ?? 0] };
}

function summarize(
  scenario: Scenario,
  wallSeconds: number,
  passed: number,
  failed: string[],
  verifications: Verification[],
  workers: number,
  stats: Stats,
): Omit<Outcome, 'wallSamples' | 'cpuSeconds' | 'emulatorCpuSeconds' | 'load'> {
  const { latency } = scenario;
  const t = stats.totals;
  const own = verifications.reduce((n, v) => n + (v.apiRequests ?? 0), 0);
  // The floor (see the header): all round trips over the workers, or one persona's own chain if that is longer.
  const allOverWorkers = ((t.api + t.auth + t.uiRequests + t.uiRedirects) * latency.apiMs + t.uiPages * latency.uiMs) / workers / 1000;
  let longest = { seconds: 0, persona: '' };
  const frontdoorLogins: Record<string, number> = {};
  for (const persona of VERIFYING_PERSONAS) {
    const username = config.personas[persona].username ?? PERSONAS[persona].emulatorUsername;
    const u = stats.users[username];
    if (PERSONAS[persona].ui) frontdoorLogins[persona] = u?.logins['frontdoor'] ?? 0;
    const chain = u ? ((u.api + u.auth + u.uiRedirects) * latency.apiMs + u.uiPages * latency.uiMs) / 1000 : 0;
    if (chain > longest.seconds) longest = { seconds: chain, persona };
  }
  const floorSeconds = Math.max(allOverWorkers, longest.seconds);
  return {
    scenario,
    wallSeconds,
    passed,
    failed,
    verifications,
    apiRequests: t.api,
    apiRequestsInVerifications: own,
    perVerification: t.api / Math.max(verifications.length, 1),
    perVerificationOwn: own / Math.max(verifications.length, 1),
    authRequests: t.auth,
    uiPageLoads: t.uiPages,
    uiRequests: t.uiRequests,
    frontdoorLogins,
    workers,
    floorSeconds,
    floorTerms: { allOverWorkers, longestPersona: longest.seconds, persona: longest.persona },
    floorRatio: floorSeconds > 0 ? wallSeconds / floorSeconds : null,
    topEndpoints: Object.entries(stats.endpoints).slice(0, 12),
    stats,
  };
}

function report(outcomes: Outcome[]): void {
  const byName = new Map(outcomes.map((o) => [o.scenario.name, o]));
  const naiveOf = (o: Outcome) => byName.get(`naive ${formatLatency(o.scenario.latency)}`);
  console.log('\nprod-smoke on the sample org');
  console.table(
    Object.fromEntries(
      outcomes.map((o) => [
        o.scenario.name,
        {
          'wall s': o.wallSamples.length > 1 ? `${round(o.wallSeconds)} (${o.wallSamples.join(', ')})` : round(o.wallSeconds),
          'CPU s': round(o.cpuSeconds),
          'of which org': round(o.emulatorCpuSeconds),
          load: `${round(o.load[0])}-${round(o.load[1])}`,
          passed: o.passed,
          failed: o.failed.length,
          'API requests': o.apiRequests,
          'per verification': round(o.perVerification, 2),
          'in verifications': round(o.perVerificationOwn, 2),
          'UI pages': o.uiPageLoads,
          'UI XHRs': o.uiRequests,
          'token reqs': o.authRequests,
          frontdoor: Object.entries(o.frontdoorLogins).map(([p, n]) => `${p} ${n}`).join(', '),
          workers: o.workers,
          'floor s': round(o.floorSeconds),
          'x floor': o.floorRatio === null ? 'n/a' : round(o.floorRatio, 2),
          'naive / this': naiveOf(o) && o.scenario.mode === 'frugal' ? round(naiveOf(o)!.wallSeconds / o.wallSeconds, 2) : '',
        },
      ]),
    ),
  );
  const frugal = outcomes.filter((o) => o.scenario.mode === 'frugal');
  const withLatency = frugal.find((o) => o.scenario.latency.apiMs > 0 || o.scenario.latency.uiMs > 0) ?? frugal[0];
  if (withLatency) {
    const perRun = withLatency.apiRequests;
    const share = (WATCH_RUNS * perRun * 100) / DAILY_ALLOCATION;
    const zero = frugal.find((o) => o.scenario.latency.apiMs === 0 && o.scenario.latency.uiMs === 0);
    const naive = naiveOf(withLatency);
    const lines: [string, string][] = [];
    if (withLatency.floorRatio !== null) {
      const terms = withLatency.floorTerms;
      lines.push([`${withLatency.scenario.name}: wall time / floor (goal <= 2)`, `${round(withLatency.floorRatio, 2)} (${round(withLatency.wallSeconds)} s / ${round(withLatency.floorSeconds)} s)`]);
      lines.push([`  floor terms: all round trips / ${withLatency.workers} workers; ${terms.persona || 'no persona'}'s own chain`, `${round(terms.allOverWorkers)} s; ${round(terms.longestPersona)} s`]);
      if (zero && zero !== withLatency) {
        const cost = withLatency.wallSeconds - zero.wallSeconds;
        lines.push(['  its latency cost (wall - wall without latency) / floor', `${round(cost / withLatency.floorSeconds, 2)} (${round(cost)} s over ${round(zero.wallSeconds)} s)`]);
        // The other lower bound: the run's CPU time cannot take less wall time than the cores need for it.
        const cores = availableParallelism();
        const cpuBound = zero.cpuSeconds / cores;
        lines.push([`  without latency the run's CPU over ${cores} cores alone / floor`, `${round(cpuBound / withLatency.floorSeconds, 2)} (${round(zero.cpuSeconds)} CPU s / ${cores})`]);
      }
    }
    if (naive) {
      lines.push([`naive / frugal wall time at ${formatLatency(withLatency.scenario.latency)} (goal >= 3)`, `${round(naive.wallSeconds / withLatency.wallSeconds, 2)} (${round(naive.wallSeconds)} s / ${round(withLatency.wallSeconds)} s)`]);
      const naiveZero = byName.get(`naive ${formatLatency({ apiMs: 0, uiMs: 0 })}`);
      if (zero && naiveZero && zero !== withLatency) {
        const costs = [naive.wallSeconds - naiveZero.wallSeconds, withLatency.wallSeconds - zero.wallSeconds];
        lines.push(['  naive / frugal latency cost (wall - wall without latency)', `${round(costs[0]! / costs[1]!, 2)} (${round(costs[0]!)} s / ${round(costs[1]!)} s)`]);
      }
      lines.push(['  naive / frugal floor: the most that latency alone can part them', `${round(naive.floorSeconds / withLatency.floorSeconds, 2)} (${round(naive.floorSeconds)} s / ${round(withLatency.floorSeconds)} s)`]);
    }
    lines.push(['API requests per verification, its own (goal <= 1.5)', `${round(withLatency.perVerificationOwn, 2)} (${withLatency.apiRequestsInVerifications} / ${withLatency.verifications.length})`]);
    lines.push(['  the whole run, setup and teardown included, per verification', `${round(withLatency.perVerification, 2)} (${perRun} / ${withLatency.verifications.length})`]);
    lines.push(['frontdoor logins per persona (goal <= 1)', Object.entries(withLatency.frontdoorLogins).map(([p, n]) => `${p} ${n}`).join(', ')]);
    lines.push([`first-hour watch, ${WATCH_RUNS} runs x ${perRun} (goal < 1% of ${DAILY_ALLOCATION.toLocaleString('en-US')})`, `${share.toFixed(3)}% (${WATCH_RUNS * perRun} requests)`]);
    console.log('\nGoals');
    for (const [what, figure] of lines) console.log(`  ${what.padEnd(78)} ${figure}`);
  }
  // Requests per verification, frugal against naive (from each test's api-requests annotation).
  const rows = new Map<string, Record<string, number | string>>();
  for (const o of outcomes.filter((x) => x.scenario.latency.apiMs === 0 && x.scenario.latency.uiMs === 0)) {
    for (const v of o.verifications) {
      const key = `[${v.project}] ${v.title}`.slice(0, 110);
      const row = rows.get(key) ?? {};
      row[o.scenario.mode] = v.apiRequests ?? '?';
      rows.set(key, row);
    }
  }
  if (rows.size > 0) {
    console.log('\nAPI requests per verification (without latency)');
    console.table(Object.fromEntries(rows));
  }
  for (const o of outcomes) if (o.failed.length) console.log(`\n${o.scenario.name} FAILED:\n  ${o.failed.join('\n  ')}`);

  const dir = path.join(config.resultsDir, 'bench');
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `prod-smoke-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  const body = JSON.stringify({ at: new Date().toISOString(), dailyAllocation: DAILY_ALLOCATION, watchRuns: WATCH_RUNS, outcomes }, null, 2);
  writeFileSync(file, body);
  writeFileSync(path.join(dir, 'prod-smoke-latest.json'), body);
  console.log(`\nwritten: ${path.relative(ROOT, file)}`);
}

// --- the emulator, started as the suite's webServer would start it --------------------------------------

interface RunningEmulator {
  child: ChildProcess;
  exited: Promise<void>;
}

async function startEmulator(port: number, latency: Latency): Promise<RunningEmulator> {
  const args = [
    '--import',
    'tsx',
    'emulator/cli.ts',
    '--source',
    config.emulator.source,
    ...config.emulator.overlays.flatMap((dir) => ['--overlay', dir]),
    ...config.emulator.users.flatMap((file) => ['--users', file]),
    ...(config.emulator.jobs ? ['--jobs', config.emulator.jobs] : []),
    '--port',
    String(port),
    '--sandbox',
    '--latency',
    formatLatency(latency),
  ];
  const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let output = '';
  await new Promise<void>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (/Org emulator ready at http:\/\/127\.0\.0\.1:\d+/.test(output)) resolve();
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => reject(new Error(`the org emulator exited (${code}) before it was ready:\n${output}`)));
  });
  return { child, exited };
}

async function stopEmulator(emulator: RunningEmulator): Promise<void> {
  emulator.child.kill('SIGTERM');
  await emulator.exited;
}

/** Logs the admin in once (before the run: its login is not the run's) and reads the statistics when asked. */
async function statsReader(port: number): Promise<() => Promise<Stats>> {
  const loginUrl = `http://127.0.0.1:${port}`;
  const session = await authenticate(config.personas.admin, { loginUrl, apiVersion: config.apiVersion });
  const conn = new Connection({ instanceUrl: session.instanceUrl, accessToken: session.accessToken, version: config.apiVersion });
  return () => conn.request<Stats>('/emulator/stats');
}

/** What was counted after `before`: every count minus its earlier value (the statistics count since the org started). */
function statsSince(before: Stats, after: Stats): Stats {
  const minus = <T extends object>(a: T, b: T | undefined): T =>
    Object.fromEntries(
      Object.entries(a).map(([k, v]) => {
        const earlier = (b as Record<string, unknown> | undefined)?.[k];
        if (typeof v === 'number') return [k, v - (typeof earlier === 'number' ? earlier : 0)];
        if (v && typeof v === 'object') return [k, minus(v as object, earlier as object | undefined)];
        return [k, v];
      }),
    ) as T;
  // The daily allocation is a level, not a count: kept as it is after the run.
  return { ...minus(after, before), dailyApiRequests: after.dailyApiRequests };
}

// --- the suite's JSON results ---------------------------------------------------------------------------

interface JsonTest {
  projectName: string;
  annotations?: { type: string; description?: string }[];
  results: { status: string; duration: number; annotations?: { type: string; description?: string }[] }[];
}
interface JsonSuite {
  specs?: { title: string; tests: JsonTest[] }[];
  suites?: JsonSuite[];
}

/**
 * The tests of the persona and monitor projects: the verifications (setup, actions and cleanup are not); and
 * the workers the run had.
 */
function readResults(file: string): { verifications: Verification[]; workers: number } {
  const report = JSON.parse(readFileSync(file, 'utf8')) as { suites: JsonSuite[]; config: { workers: number } };
  const verifying = new Set<string>([...VERIFYING_PERSONAS, 'monitors']);
  const out: Verification[] = [];
  const visit = (suite: JsonSuite): void => {
    for (const spec of suite.specs ?? []) {
      for (const t of spec.tests) {
        if (!verifying.has(t.projectName)) continue;
        const last = t.results.at(-1);
        const notes = [...(t.annotations ?? []), ...(last?.annotations ?? [])];
        const counted = notes.find((a) => a.type === 'api-requests')?.description;
        out.push({ project: t.projectName, title: spec.title, status: last?.status ?? 'skipped', apiRequests: counted === undefined ? null : Number(counted), durationMs: last?.duration ?? 0 });
      }
    }
    for (const child of suite.suites ?? []) visit(child);
  };
  report.suites.forEach(visit);
  return { verifications: out, workers: report.config.workers };
}

/**
 * CPU seconds of this process's finished children and their descendants (Linux: /proc/self/stat cutime and
 * cstime, in clock ticks): each process adds its own and its waited-for children's time to its parent's.
 */
function childCpuSeconds(): number {
  const stat = readFileSync('/proc/self/stat', 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // After the command name: state is field 3, so cutime (16) and cstime (17) are at 13 and 14 here.
  return (Number(fields[13]) + Number(fields[14])) / clockTicks();
}

/** A running process's own CPU seconds (utime + stime), or 0 when it cannot be read. */
function processCpuSeconds(pid: number | undefined): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / clockTicks();
  } catch {
    return 0;
  }
}

let ticks: number | undefined;
function clockTicks(): number {
  ticks ??= Number(execSync('getconf CLK_TCK', { encoding: 'utf8' }).trim()) || 100;
  return ticks;
}

// --- small helpers --------------------------------------------------------------------------------------

function parseLatency(text: string): Latency {
  const match = /^api=(\d+),ui=(\d+)$/.exec(text.replace(/\s+/g, ''));
  if (!match) throw new Error(`--latency must look like api=150,ui=1000, got ${text}`);
  return { apiMs: Number(match[1]), uiMs: Number(match[2]) };
}

function formatLatency(latency: Latency): string {
  return `api=${latency.apiMs},ui=${latency.uiMs}`;
}

function round(n: number, digits = 1): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exit(1);
});
