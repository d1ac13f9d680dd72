/**
 * The processes the watch starts: `playwright test` for each run (and for an interrupted run's
 * teardown) and, against the embedded org, the emulator for the whole window.
 *
 * Each child gets a process group of its own (`detached`), so a Ctrl-C in the terminal reaches the watch
 * alone; the watch then passes SIGINT to the child's whole group, which is what the terminal would have done
 * (Playwright's runner and its workers each see it), but at a moment the watch chooses and only once per press.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { EMULATOR_READY } from '../run/emulator-command.js';

export interface Finished {
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  output: string;
}

export interface RunningChild {
  child: ChildProcess;
  done: Promise<Finished>;
  /** Sends a signal to the child's process group; a child that already ended is left alone. */
  signal(signal: NodeJS.Signals): void;
}

export function startChild(command: string, args: string[], options: { env: NodeJS.ProcessEnv; echo?: NodeJS.WritableStream; shell?: boolean }): RunningChild {
  const child = spawn(command, args, { cwd: process.cwd(), env: options.env, stdio: ['ignore', 'pipe', 'pipe'], detached: true, shell: options.shell ?? false });
  let output = '';
  const collect = (chunk: Buffer) => {
    output += chunk.toString();
    options.echo?.write(chunk);
  };
  child.stdout!.on('data', collect);
  child.stderr!.on('data', collect);
  const done = new Promise<Finished>((resolve) => {
    child.on('error', (error) => resolve({ exitCode: null, signal: null, output: `${output}\n${error.message}` }));
    child.on('close', (exitCode, signal) => resolve({ exitCode, signal, output }));
  });
  let ended = false;
  void done.then(() => (ended = true));
  return {
    child,
    done,
    signal(signal) {
      if (ended || child.pid === undefined) return;
      try {
        process.kill(-child.pid, signal);
      } catch {
        // The group is already gone.
      }
    },
  };
}

/** Starts the embedded org for the window and resolves once it listens; rejects with its output if it cannot. */
export async function startEmulator(command: string, env: NodeJS.ProcessEnv, timeoutMs = 90_000): Promise<RunningChild> {
  const running = startChild(command, [], { env, shell: true });
  let seen = '';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the org emulator did not start within ${timeoutMs / 1000}s:\n${seen.slice(-2000)}`)), timeoutMs);
    running.child.stdout!.on('data', (chunk: Buffer) => {
      seen += chunk.toString();
      if (EMULATOR_READY.test(seen)) {
        clearTimeout(timer);
        resolve();
      }
    });
    running.child.stderr!.on('data', (chunk: Buffer) => (seen += chunk.toString()));
    void running.done.then((finished) => {
      clearTimeout(timer);
      reject(new Error(`the org emulator stopped before it was ready (exit ${finished.exitCode}):\n${seen.slice(-2000)}`));
    });
  });
  return running;
}
