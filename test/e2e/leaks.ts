/**
 * Looks for secrets in what a run wrote: every access token, refresh token, session cookie, password and
 * private key the run held (collected from its state folder and the emulator's user and key files) must
 * appear nowhere under its results and test output, traces (zip files) included.
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
  for (const file of walk(stateDir)) if (file.endsWith('.json')) collect(JSON.parse(readFileSync(file, 'utf8')));
  for (const file of walk(path.join(ROOT, 'org', 'users'))) collect(JSON.parse(readFileSync(file, 'utf8')));
  // The emulator's JWT key: its base64 body lines are what would leak.
  const key = readFileSync(path.join(ROOT, 'org', 'config', 'jwt', 'postflight-emulator.key'), 'utf8');
  key.split('\n').filter((line) => line.length >= 40 && !line.startsWith('-----')).forEach((line) => secrets.add(line));
  return [...secrets];
}

/** `file: secret prefix` for every occurrence, or [] when the run wrote no secret. */
export async function findLeaks(dirs: { results: string; state: string; output: string }): Promise<string[]> {
  const secrets = secretsOf(dirs.state);
  if (secrets.length === 0) throw new Error(`no secrets collected from ${dirs.state}: the leak check would prove nothing`);
  const leaks: string[] = [];
  const scan = (name: string, content: string) => {
    for (const secret of secrets) if (content.includes(secret)) leaks.push(`${name}: ${secret.slice(0, 12)}...`);
  };
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

function* walk(dir: string): Generator<string> {
  if (!existsSync(dir)) return;
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) yield* walk(full);
    else yield full;
  }
}
