/**
 * Removes every known secret from a text before it leaves the machine (an alert, a timeline line): the same
 * secrets the report scrubber removes from files (configuration secrets and the tokens the run stored).
 */
import { knownSecrets } from './secret-scrubber.js';

const REDACTED = '[redacted]';

export function redactText(text: string, secrets: string[] = knownSecrets()): string {
  let clean = text;
  for (const secret of secrets) {
    for (const form of new Set([secret, encodeURIComponent(secret)])) clean = clean.split(form).join(REDACTED);
  }
  return clean;
}
