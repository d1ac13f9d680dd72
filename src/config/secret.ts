import { inspect } from 'node:util';

/**
 * A credential that cannot be printed by accident: `String(secret)`, `JSON.stringify`, template literals and
 * `console.log` all show `[redacted]`. Only `reveal()` gives the value, at the one place that sends it.
 * Every secret is also remembered so that the report scrubber can remove it from anything the run writes.
 */
export class Secret {
  static readonly #known = new Set<string>();
  readonly #value: string;

  constructor(value: string) {
    this.#value = value;
    Secret.remember(value);
  }

  reveal(): string {
    return this.#value;
  }

  toString(): string {
    return '[redacted]';
  }

  toJSON(): string {
    return '[redacted]';
  }

  [inspect.custom](): string {
    return 'Secret([redacted])';
  }

  /** Registers a secret obtained at run time (an access token) without wrapping it. */
  static remember(value: string): void {
    if (value.length >= 6) Secret.#known.add(value);
    // A PEM key leaks line by line as often as whole (a log that prints part of a file, a wrapped message):
    // each body line is a secret of its own.
    if (value.includes('\n')) {
      for (const line of value.split(/\r?\n/)) if (line.trim().length >= 40 && !line.startsWith('-----')) Secret.#known.add(line.trim());
    }
  }

  /** Every secret value this process has seen, longest first (so overlapping values are replaced whole). */
  static known(): string[] {
    return [...Secret.#known].sort((a, b) => b.length - a.length);
  }
}
