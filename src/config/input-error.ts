/**
 * Bad input found while a team's own file loads (an action file, the release plan): the message says what to
 * fix, and the stack keeps only the frames outside Postflight's library (src/, fixtures/). Playwright prints a
 * load error with a code frame at its first stack frame; trimmed, that frame is the team's line holding the
 * mistake instead of the library line that noticed it.
 *
 * @example
 * throw new InvalidActionError('backfill(Opportunity): "Discount Reason" is not a field API name');
 */
import { fileURLToPath } from 'node:url';

const LIBRARY_DIRS = ['src', 'fixtures'].map((dir) => fileURLToPath(new URL(`../../${dir}/`, import.meta.url)));

export function pointAtCaller<E extends Error>(error: E): E {
  if (!error.stack) return error;
  const frames = error.stack.split('\n');
  // Frames print paths as-is, or as file:// URLs for ES modules.
  const inLibrary = (line: string) => LIBRARY_DIRS.some((dir) => line.includes(dir) || line.includes(`file://${dir}`));
  const kept = frames.filter((line) => !/^\s+at /.test(line) || !inLibrary(line));
  error.stack = kept.join('\n');
  return error;
}

/** A release action declared with bad options (caught when the action file loads, before anything runs). */
export class InvalidActionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidActionError';
    pointAtCaller(this);
  }
}

