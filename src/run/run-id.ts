/**
 * One id per `playwright test` invocation, shared by the main process and every worker: test data is
 * named with it, the teardown removes what carries it, and the sweeper removes what carries any other.
 *
 * The main process (playwright.config.ts) mints it and passes it to workers through the environment;
 * this is internal plumbing, not a user setting, which is why it is not part of src/config.
 */
import { randomBytes } from 'node:crypto';

const VARIABLE = 'POSTFLIGHT_RUN_ID';

/** `PF-20261127T1012-ab12`: sortable, short enough for a Name field, unmistakable in a list view. */
export const RUN_ID_PATTERN = /PF-\d{8}T\d{4}-[a-z0-9]{4}/;

export function mintRunId(now = new Date()): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').slice(0, 13); // 20261127T1012
  return `PF-${stamp}-${randomBytes(2).toString('hex')}`;
}

/** The current run's id; minted on first use in the main process, inherited by workers. */
export function currentRunId(): string {
  const existing = process.env[VARIABLE];
  if (existing && RUN_ID_PATTERN.test(existing)) return existing;
  const minted = mintRunId();
  process.env[VARIABLE] = minted;
  return minted;
}
