/**
 * Keeps secrets out of the console of a run. Everything a run prints passes through the runner process's
 * stdout and stderr: the list reporter's failure messages (an error can quote a URL or a request body), what
 * tests log (relayed from the workers), and the embedded emulator's output. Files get scrubbed after the run
 * (secret-scrubber.ts), but a console line cannot be taken back, and Playwright has no hook to rewrite what its
 * reporters print, so this reporter wraps the two streams' `write` and replaces every known secret (config
 * secrets, and the tokens and cookies the workers stored in the state folder) before the bytes leave.
 * Listed first among reporters, so it is in place before any of them prints.
 */
import type { Reporter } from '@playwright/test/reporter';
import { knownSecrets } from './secret-scrubber.js';
import { redactText } from './redact.js';

/** The state folder is re-read at most this often: tokens appear as the auth setup and refreshes store them. */
const SECRETS_TTL_MS = 250;

type Write = typeof process.stdout.write;

/**
 * Wraps `stream.write` so that every chunk written is redacted; returns the function that restores it.
 *
 * @example
 * const restore = redactWrites(process.stdout, () => ['00D!token']);
 */
export function redactWrites(stream: NodeJS.WritableStream & { write: Write }, secrets: () => string[]): () => void {
  const original = stream.write;
  const write = function (this: unknown, chunk: unknown, ...rest: unknown[]): boolean {
    const text = typeof chunk === 'string' ? chunk : Buffer.isBuffer(chunk) || chunk instanceof Uint8Array ? Buffer.from(chunk).toString('utf8') : undefined;
    const clean = text === undefined ? chunk : redactText(text, secrets());
    return (original as (...args: unknown[]) => boolean).call(stream, clean, ...rest);
  } as Write;
  stream.write = write;
  return () => {
    if (stream.write === write) stream.write = original;
  };
}

/** `knownSecrets()` reads files; a console line must not. Cached for a short while. */
function cachedSecrets(): () => string[] {
  let value: string[] = [];
  let readAt = 0;
  return () => {
    const now = Date.now();
    if (now - readAt > SECRETS_TTL_MS) {
      try {
        value = knownSecrets();
      } catch {
        // A state file being written right now: keep the last list, try again on the next line.
      }
      readAt = now;
    }
    return value;
  };
}

const REDACTED = Symbol.for('postflight.console-redacted');

/**
 * Redacts this process's stdout and stderr for the rest of its life; a second call does nothing. The project's
 * playwright.config.ts calls it in every process that loads it, so that the console stays clean whatever reporters a
 * command line picks (`--reporter=line` replaces the config's list, and this reporter with it).
 */
export function redactThisConsole(): void {
  const secrets = cachedSecrets();
  for (const stream of [process.stdout, process.stderr] as (typeof process.stdout & { [REDACTED]?: true })[]) {
    if (stream[REDACTED]) continue;
    redactWrites(stream, secrets);
    stream[REDACTED] = true;
  }
}

/** The same as a reporter, for a configuration that lists it (listed first: Playwright builds every reporter before the first one prints). */
export default class ConsoleRedactor implements Reporter {
  constructor() {
    redactThisConsole();
  }

  printsToStdio(): boolean {
    return false;
  }
}
