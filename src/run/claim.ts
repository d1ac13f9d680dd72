/**
 * Run-wide work that one worker does while the others wait for its result: the first worker to create the
 * lock file (exclusively) claims the work; the others watch the folder until the result file appears or the
 * lock goes away, then look for themselves. Watching is event-driven (inotify on Linux), not polling; a
 * timeout keeps a wait bounded, and a lock whose worker died is taken over.
 *
 * @example
 * const claim = await claimOrWait(lock, result, 15_000);
 * if (claim === 'claimed') try { doTheWork(); } finally { releaseClaim(lock); }
 */
import { existsSync, mkdirSync, readFileSync, rmSync, watch, writeFileSync } from 'node:fs';
import path from 'node:path';

/** `claimed`: do the work; `done`: the result is there; `gone`: the other worker stopped without it (or too late). */
export type Claim = 'claimed' | 'done' | 'gone';

export async function claimOrWait(lockFile: string, resultFile: string, timeoutMs: number): Promise<Claim> {
  mkdirSync(path.dirname(lockFile), { recursive: true, mode: 0o700 });
  if (tryClaim(lockFile)) return 'claimed';
  if (!holderAlive(lockFile)) {
    rmSync(lockFile, { force: true });
    return tryClaim(lockFile) ? 'claimed' : 'gone';
  }
  return new Promise<Claim>((resolve) => {
    const settle = (claim: Claim): void => {
      watcher.close();
      clearTimeout(timer);
      resolve(claim);
    };
    const look = (): void => {
      if (existsSync(resultFile)) settle('done');
      else if (!existsSync(lockFile)) settle('gone');
    };
    const watcher = watch(path.dirname(lockFile), look);
    watcher.on('error', () => settle('gone'));
    const timer = setTimeout(() => settle('gone'), timeoutMs);
    // The result may have landed between the claim attempt and the watch.
    look();
  });
}

export function releaseClaim(lockFile: string): void {
  rmSync(lockFile, { force: true });
}

function tryClaim(lockFile: string): boolean {
  try {
    writeFileSync(lockFile, String(process.pid), { flag: 'wx', mode: 0o600 });
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
}

function holderAlive(lockFile: string): boolean {
  try {
    process.kill(Number(readFileSync(lockFile, 'utf8')), 0);
    return true;
  } catch (error) {
    // EPERM: alive but not ours to signal; anything else (ESRCH, an unreadable lock): not alive.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
