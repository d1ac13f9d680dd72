/**
 * A release action: one step of the post-deployment runbook (activate a flow, assign a permission set,
 * backfill a field...), written so it is safe to run again and again during the first hour:
 * `check` says whether the org is already in the desired state; only if not does `apply` change it; then
 * `verify` proves it took. Nothing else about an action is special.
 *
 * @example
 * const action = defineAction({
 *   id: 'assign-sales-rep-permset',
 *   description: 'Sales reps get the Sales_Rep permission set',
 *   check: async ({ conn }) => ({ done: false, detail: '3 users lack it', pending: 'assign to 3 users' }),
 *   apply: async ({ conn }) => 'assigned to 3 users',
 * });
 */
import type { Connection } from '@jsforce/jsforce-node';
import { InvalidActionError } from '../config/input-error.js';

export interface CheckResult {
  /** True when the org is already in the desired state. */
  done: boolean;
  /** What the check saw, in words a release manager understands. */
  detail: string;
  /** When not done: what apply would change (printed by a dry run). */
  pending?: string;
}

export interface ActionContext {
  /** The release manager's connection. */
  conn: Connection;
  releaseId: string;
  /** Progress and notes; shown in the report as the action's log. */
  log(message: string): void;
  /** Where actions may write files (failure lists), under reports/. */
  outputDir: string;
  /** Backfills refuse to touch more records than this unless raised (SF_BACKFILL_MAX_RECORDS). */
  backfillMaxRecords: number;
  /** The target org's id, when the run already read it (production safety reads Organization first). */
  orgId?: string;
  /**
   * Independent reads go together in one `/composite` call (the default); false sends one request each
   * (SF_BATCHING=false, the benchmark's naive baseline).
   */
  batching?: boolean;
}

export interface ReleaseAction {
  /** Stable id, unique in the release: the ledger keys on it. */
  id: string;
  description: string;
  /** False for actions that only read (a pre-flight check); they run even in production without an allow. */
  mutating: boolean;
  check(ctx: ActionContext): Promise<CheckResult>;
  /** Makes the change; returns a one-line summary of what changed. */
  apply(ctx: ActionContext): Promise<string>;
  /** Proves the change took; by default the check must now pass. */
  verify(ctx: ActionContext): Promise<CheckResult>;
  revert?(ctx: ActionContext): Promise<string>;
}

export type ActionDefinition = Omit<ReleaseAction, 'verify' | 'mutating'> & Partial<Pick<ReleaseAction, 'verify' | 'mutating'>>;

export function defineAction(definition: ActionDefinition): ReleaseAction {
  if (!/^[A-Za-z0-9][\w.:-]*$/.test(definition.id)) {
    const suggestion = String(definition.id).trim().replace(/[^\w.:-]+/g, '-').replace(/^[^A-Za-z0-9]+/, '');
    throw new InvalidActionError(`release action id "${definition.id}": use letters, digits and - _ . : only${suggestion ? ` (e.g. "${suggestion}")` : ''}`);
  }
  return {
    mutating: true,
    verify: (ctx) => definition.check(ctx),
    ...definition,
  };
}

/** Thrown when the org refuses a change; carries the org's own words for the report. */
export class ActionError extends Error {
  constructor(
    readonly actionId: string,
    message: string,
    readonly orgError?: { errorCode?: string; message?: string },
  ) {
    super(`${actionId}: ${message}${orgError?.errorCode ? ` (${orgError.errorCode}: ${orgError.message ?? ''})` : ''}`);
    this.name = 'ActionError';
  }
}
