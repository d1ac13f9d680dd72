/**
 * Looks for secrets in what a run wrote: every access token, refresh token, session cookie, password and
 * private key the run held (collected from its state folder and the emulator's user and key files) must
 * appear nowhere under its results (Allure results, the ledger, action output, the JSON and blob reports) and
 * test output (attachments, traces: zip files, opened), nor in its console (stdout and stderr, where the list
 * reporter prints failures and the emulator its log). Each secret is looked for as written and URL-encoded.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import JSZip from 'jszip';
import { ROOT } from './run-suite.js';

export function secretsOf(stateDir: string): string[] {
  const secrets = new Set<string>();
  const collect = (value: unknown, key = ''): void => {
    if (typeof value === 'string') {
      if (/^(accessToken|refreshToken|value|password)$/.test(key) && value.length >= 8) secrets.add(value);
      return;
    }
    if (Array.isArray(value)) value.forEach((v) => collect(v, key));
    else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) collect(v, k);
  };
  for (const file of walk(stateDir)) {
    if (file.endsWith('.json')) collect(JSON.parse(readFileSync(file, 'utf8')));
    // Tokens obtained by session refreshes inside workers, one per line.
    if (file.endsWith('.secrets')) readFileSync(file, 'utf8').split('\n').filter((t) => t.length >= 8).forEach((t) => secrets.add(t));
  }
  for (const file of walk(path.join(ROOT, 'org', 'users'))) collect(JSON.parse(readFileSync(file, 'utf8')));
  // The emulator's JWT key: its base64 body lines are what would leak.
  const key = readFileSync(path.join(ROOT, 'org', 'config', 'jwt', 'postflight-emulator.key'), 'utf8');
  key.split('\n').filter((line) => line.length >= 40 && !line.startsWith('-----')).forEach((line) => secrets.add(line));
  return [...secrets];
}

/** `file: secret prefix` for every occurrence, or [] when the run wrote no secret. */
export async function findLeaks(dirs: { results: string; state: string; output: string }, consoleOutput: string): Promise<string[]> {
  const secrets = secretsOf(dirs.state);
  if (secrets.length === 0) throw new Error(`no secrets collected from ${dirs.state}: the leak check would prove nothing`);
  if (!consoleOutput.trim()) throw new Error('no console output given: the leak check would not look at it');
  const leaks: string[] = [];
  const scan = (name: string, content: string) => {
    for (const secret of secrets) {
      if (content.includes(secret) || content.includes(encodeURIComponent(secret))) leaks.push(`${name}: ${secret.slice(0, 12)}...`);
    }
  };
  scan('console (stdout and stderr)', consoleOutput);
  for (const dir of [dirs.results, dirs.output]) {
    for (const file of walk(dir)) {
      const bytes = readFileSync(file);
      if (file.endsWith('.zip')) {
        const zip = await JSZip.loadAsync(bytes);
        for (const entry of Object.values(zip.files)) if (!entry.dir) scan(`${file}!${entry.name}`, await entry.async('string'));
      } else scan(file, bytes.toString('latin1'));
    }
  }
  return leaks;
}

/** Entries of the state folder (itself included) that others may read: `path mode`, or [] when all are 0600 / 0700. */
export function looserThanOwnerOnly(stateDir: string): string[] {
  const loose: string[] = [];
  const check = (entry: string) => {
    const mode = statSync(entry).mode & 0o777;
    if (mode & 0o077) loose.push(`${path.relative(stateDir, entry) || '.'} ${mode.toString(8)}`);
  };
  const visit = (dir: string) => {
    check(dir);
    for (const name of readdirSync(dir)) {
      const full = path.join(dir, name);
      if (statSync(full).isDirectory()) visit(full);
      else check(full);
    }
  };
  if (existsSync(stateDir)) visit(stateDir);
  return loose;
}

function* walk(dir: string): Generator<string> {
  if (!existsSync(dir)) return;
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) yield* walk(full);
    else yield full;
  }
}
