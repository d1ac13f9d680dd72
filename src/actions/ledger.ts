/**
 * The ledger: what ran, when, by whom, for which release, against which org, with what result. One JSON
 * line per action run in `reports/ledger/ledger.jsonl`, so a person can read the history of the first hour
 * and the report can attach it.
 */
import { appendFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { ledgerFile } from '../run/paths.js';

export type LedgerStatus = 'applied' | 'already-applied' | 'dry-run' | 'failed' | 'refused' | 'skipped';

export interface LedgerEntry {
  releaseId: string;
  actionId: string;
  description: string;
  status: LedgerStatus;
  orgId: string;
  /** Username of the user who ran it. */
  by: string;
  runId: string;
  startedAt: string;
  finishedAt: string;
  detail: string;
  error?: string;
}


export function appendToLedger(entry: LedgerEntry, file = ledgerFile()): void {
  mkdirSync(path.dirname(file), { recursive: true });
  appendFileSync(file, `${JSON.stringify(entry)}\n`);
}

export function readLedger(file = ledgerFile()): LedgerEntry[] {
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as LedgerEntry);
}

/** The latest entry for an action in a release on an org, if any. */
export function lastRun(entries: LedgerEntry[], releaseId: string, orgId: string, actionId: string): LedgerEntry | undefined {
  return entries.filter((e) => e.releaseId === releaseId && e.orgId === orgId && e.actionId === actionId).at(-1);
}
