/**
 * Runs one release action: check -> (already applied | dry run | refused | apply -> verify), recording the
 * outcome in the ledger. Playwright-independent: the caller passes a `step` function so the report shows
 * each phase as a step (the actions project passes `test.step`).
 */
import { appendToLedger, type LedgerEntry, type LedgerStatus } from './ledger.js';
import { ActionError, type ActionContext, type CheckResult, type ReleaseAction } from './model.js';
import { productionRefusal, type TargetOrg } from './org-safety.js';

export interface RunSettings {
  dryRun: boolean;
  allowProduction: boolean;
  runId: string;
  target: TargetOrg;
  /** Username running the actions, for the ledger. */
  by: string;
  step: <T>(title: string, body: () => Promise<T>) => Promise<T>;
  ledgerFile?: string;
}

export interface ActionOutcome {
  status: LedgerStatus;
  detail: string;
  entry: LedgerEntry;
}

export async function runAction(action: ReleaseAction, ctx: ActionContext, settings: RunSettings): Promise<ActionOutcome> {
  const startedAt = new Date().toISOString();
  const record = (status: LedgerStatus, detail: string, error?: string): ActionOutcome => {
    const entry: LedgerEntry = {
      releaseId: ctx.releaseId,
      actionId: action.id,
      description: action.description,
      status,
      orgId: settings.target.id,
      by: settings.by,
      runId: settings.runId,
      startedAt,
      finishedAt: new Date().toISOString(),
      detail,
      ...(error ? { error } : {}),
    };
    appendToLedger(entry, settings.ledgerFile);
    return { status, detail, entry };
  };

  let before: CheckResult;
  try {
    before = await settings.step(`check: ${action.description}`, () => action.check(ctx));
  } catch (error) {
    record('failed', 'the check itself failed', describeError(error));
    throw wrap(action, 'check failed', error);
  }
  if (before.done) return record('already-applied', `already applied: ${before.detail}`);

  if (settings.dryRun) {
    return record('dry-run', `dry run: would ${before.pending ?? 'apply'} (${before.detail})`);
  }
  if (action.mutating) {
    const refusal = productionRefusal(settings.target, settings.allowProduction);
    if (refusal) {
      record('refused', refusal);
      throw new ActionError(action.id, refusal);
    }
  }

  let summary: string;
  try {
    summary = await settings.step(`apply: ${before.pending ?? action.description}`, () => action.apply(ctx));
  } catch (error) {
    record('failed', `apply failed after check saw: ${before.detail}`, describeError(error));
    throw wrap(action, 'apply failed', error);
  }
  const after = await settings.step('verify', () => action.verify(ctx));
  if (!after.done) {
    const detail = `applied (${summary}) but verification failed: ${after.detail}`;
    record('failed', detail);
    throw new ActionError(action.id, detail);
  }
  return record('applied', summary);
}

function wrap(action: ReleaseAction, what: string, error: unknown): ActionError {
  if (error instanceof ActionError) return error;
  const err = error as { errorCode?: string; message?: string };
  return new ActionError(action.id, `${what}: ${err.message ?? String(error)}`, err.errorCode ? { errorCode: err.errorCode, message: err.message } : undefined);
}

function describeError(error: unknown): string {
  const err = error as { errorCode?: string; message?: string };
  return err.errorCode ? `${err.errorCode}: ${err.message}` : (err.message ?? String(error));
}
