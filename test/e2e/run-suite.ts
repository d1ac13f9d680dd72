/**
 * Runs the suite itself (`playwright test` with the project's own config) in a child process, the way a user
 * does, with its own emulator port, state and results folders so that several runs can share the machine.
 * Returns which tests passed, failed and were skipped, read from Playwright's JSON report.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { playwrightCommand } from '../../src/run/playwright-cli.js';

export const ROOT = path.resolve(import.meta.dirname, '../..');

export interface SuiteRun {
  exitCode: number | null;
  passed: string[];
  failed: { title: string; message: string }[];
  skipped: string[];
  /** Where this run wrote (results, state, test output). */
  dirs: { results: string; state: string; output: string };
  output: string;
}

export interface SuiteOptions {
  name: string;
  port: number;
  projects?: string[];
  /** More `playwright test` arguments (`--shard 1/2`). */
  args?: string[];
  env?: Record<string, string>;
  /** Called with the child once it started (to interrupt it). */
  onStart?: (child: ChildProcess) => void;
}

interface JsonSpec {
  title: string;
  tests: { projectName: string; results: { status: string; error?: { message?: string } }[] }[];
}
interface JsonSuite {
  title: string;
  specs?: JsonSpec[];
  suites?: JsonSuite[];
}

export async function runSuite(options: SuiteOptions): Promise<SuiteRun> {
  const base = path.join(ROOT, 'test', '.suite-runs', options.name);
  rmSync(base, { recursive: true, force: true });
  const dirs = { results: path.join(base, 'reports'), state: path.join(base, 'state'), output: path.join(base, 'test-results') };
  mkdirSync(base, { recursive: true });
  // The suite's own reporters stay in place (the secret scrubber among them); its JSON reporter writes here.
  const jsonFile = path.join(dirs.results, 'playwright-results.json');
  const args = ['test', ...(options.projects ?? ['prod-smoke']).map((p) => `--project=${p}`), `--output=${dirs.output}`, ...(options.args ?? [])];
  const child = spawn(...playwrightCommand(args), {
    cwd: ROOT,
    env: {
      ...process.env,
      SF_EMULATOR_PORT: String(options.port),
      SF_STATE_DIR: dirs.state,
      SF_RESULTS_DIR: dirs.results,
      // The child is a run of its own: it mints its own run id.
      POSTFLIGHT_RUN_ID: '',
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  options.onStart?.(child);
  const exitCode = await new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  const run: SuiteRun = { exitCode, passed: [], failed: [], skipped: [], dirs, output };
  let report: { suites: JsonSuite[] };
  try {
    report = JSON.parse(readFileSync(jsonFile, 'utf8')) as { suites: JsonSuite[] };
  } catch {
    return run;
  }
  const visit = (suite: JsonSuite) => {
    for (const spec of suite.specs ?? []) {
      for (const t of spec.tests) {
        const last = t.results.at(-1);
        const title = `[${t.projectName}] ${spec.title}`;
        if (!last || last.status === 'skipped') run.skipped.push(title);
        else if (last.status === 'passed') run.passed.push(title);
        else run.failed.push({ title, message: last.error?.message ?? last.status });
      }
    }
    for (const child of suite.suites ?? []) visit(child);
  };
  report.suites.forEach(visit);
  return run;
}
