/**
 * Where a run keeps what must never reach a report: API sessions and browser storage states, one file per
 * persona, under `.auth/` (gitignored), readable by the owner only.
 */
import { appendFileSync, chmodSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { PersonaName } from '../config/personas.js';
import type { ApiSession } from '../salesforce/connect.js';
import { stateDir } from './paths.js';

export function ensureAuthDir(): string {
  const dir = stateDir();
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  chmodSync(dir, 0o700);
  return dir;
}

export function storageStatePath(persona: PersonaName): string {
  return path.join(stateDir(), `${persona}.storage.json`);
}

export function apiSessionPath(persona: PersonaName): string {
  return path.join(stateDir(), `${persona}.session.json`);
}

/** A login that fails must not leave an earlier run's session in its place for the steps after it. */
export function forgetSessions(persona: PersonaName): void {
  rmSync(apiSessionPath(persona), { force: true });
  rmSync(storageStatePath(persona), { force: true });
}

export function saveApiSession(persona: PersonaName, session: ApiSession): void {
  ensureAuthDir();
  const file = apiSessionPath(persona);
  writeFileSync(file, JSON.stringify(session), { mode: 0o600 });
  chmodSync(file, 0o600);
}

export function readApiSession(persona: PersonaName): ApiSession | undefined {
  const file = apiSessionPath(persona);
  if (!existsSync(file)) return undefined;
  return JSON.parse(readFileSync(file, 'utf8')) as ApiSession;
}

/** Storage states are written by Playwright; tighten them to owner-only right after. */
export function protectFile(file: string): void {
  if (existsSync(file)) chmodSync(file, 0o600);
}

/** Tokens obtained by refreshes inside workers, for the secret scrubber (one per line, owner-only file). */
export function rememberTokenOnDisk(token: string): void {
  ensureAuthDir();
  const file = path.join(stateDir(), 'refreshed-tokens.secrets');
  appendFileSync(file, `${token}\n`, { mode: 0o600 });
  // `mode` applies only when the file is created; a file left by an older run is tightened too.
  chmodSync(file, 0o600);
}
