/**
 * The run's list of records it created, appended by every worker (one JSON line per record) so that the
 * teardown can remove them in reverse order even when the test that created them crashed.
 */
import { appendFileSync, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { stateDir } from '../run/paths.js';

export interface CreatedRecord {
  object: string;
  id: string;
  /** Who created it (persona), for the report. */
  by: string;
  at: string;
}

function registryFile(runId: string): string {
  return path.join(stateDir(), 'runs', runId, 'created.jsonl');
}

export function registerCreated(runId: string, record: CreatedRecord): void {
  const file = registryFile(runId);
  mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  // One short appendFileSync per line: atomic enough across workers on a local file system.
  // Owner-only like everything in the state folder (a reviewer should not have to tell which files matter).
  appendFileSync(file, `${JSON.stringify(record)}\n`, { mode: 0o600 });
}

export function createdRecords(runId: string): CreatedRecord[] {
  const file = registryFile(runId);
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as CreatedRecord);
}

export function forgetRun(runId: string): void {
  rmSync(path.dirname(registryFile(runId)), { recursive: true, force: true });
}
