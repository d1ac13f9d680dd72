/**
 * Where secrets rest on disk: `.env` and the state folder (`.auth/`) are gitignored, and what the suite writes
 * there (API sessions, tokens obtained by refreshes, the run's own bookkeeping) is owner-only: files 0600,
 * folders 0700, also when an older, looser folder or file is already there. The writers read their folder
 * from the configuration, so they run in a child process with SF_STATE_DIR set, as in a run.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { test, expect } from '@playwright/test';

const ROOT = path.resolve(import.meta.dirname, '../../..');

test('.env, .env.local and the state folder are gitignored; .env.example is not', () => {
  const ignored = (file: string) => spawnSync('git', ['check-ignore', '-q', '--no-index', file], { cwd: ROOT }).status === 0;
  for (const file of ['.env', '.env.local', '.auth/sales-rep.session.json', '.auth/sales-rep.storage.json', '.auth/refreshed-tokens.secrets']) {
    expect(ignored(file), file).toBe(true);
  }
  expect(ignored('.env.example'), 'the documented template stays committable').toBe(false);
});

test('sessions, refreshed tokens and run bookkeeping are written owner-only, looser leftovers tightened', () => {
  const state = test.info().outputPath('state');
  // A folder and a token file left world-readable by something else before the run.
  mkdirSync(state, { recursive: true, mode: 0o755 });
  chmodSync(state, 0o755);
  writeFileSync(path.join(state, 'refreshed-tokens.secrets'), 'old-token-0000000000\n', { mode: 0o644 });
  chmodSync(path.join(state, 'refreshed-tokens.secrets'), 0o644);
  const script = [
    // With no umask to fall back on, any write without an explicit owner-only mode would be world-readable.
    `process.umask(0);`,
    `import { saveApiSession, rememberTokenOnDisk } from ${JSON.stringify(path.join(ROOT, 'src/run/auth-store.ts'))};`,
    `import { registerCreated } from ${JSON.stringify(path.join(ROOT, 'src/data/registry.ts'))};`,
    `saveApiSession('sales-rep', { instanceUrl: 'http://127.0.0.1:1', accessToken: '00D!session-token-0000000000', userId: '005', orgId: '00D', issuedAt: 0 });`,
    `rememberTokenOnDisk('00D!refreshed-token-000000000');`,
    `registerCreated('PF-test', { object: 'Account', id: '001000000000001AAA', by: 'sales-rep', at: new Date(0).toISOString() });`,
  ].join('\n');
  const result = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, SF_STATE_DIR: state },
  });
  expect(result.status, result.stderr).toBe(0);
  const modes: Record<string, string> = {};
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const full = path.join(dir, name);
      const stat = statSync(full);
      modes[path.relative(state, full)] = (stat.mode & 0o777).toString(8);
      if (stat.isDirectory()) walk(full);
    }
  };
  modes['.'] = (statSync(state).mode & 0o777).toString(8);
  walk(state);
  expect(modes).toEqual({
    '.': '700',
    'sales-rep.session.json': '600',
    'refreshed-tokens.secrets': '600',
    runs: '700',
    'runs/PF-test': '700',
    'runs/PF-test/created.jsonl': '600',
  });
});
