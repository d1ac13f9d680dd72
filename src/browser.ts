/**
 * Which Chromium the suite drives. Playwright's own build when it is installed (a laptop that ran
 * `npx playwright install chromium`: Playwright then picks its headless shell or its full browser itself),
 * otherwise the system's (Debian's packages), since some machines (this project's CI among them) cannot
 * download browsers.
 *
 * Of the system's, a headless run takes Debian's `chromium-headless-shell` when it is installed, as Playwright
 * does with its own builds since 1.49: the shell is the old headless mode without the full browser behind it.
 * On two cores it cut a prod-smoke run from 50 s to 38 s and Chromium's CPU time from 50 s to 29 s (npm run
 * bench has the figures). A run that shows its browser (`--headed`, `--debug`, PWDEBUG, UI mode) needs the full one.
 */
import { existsSync } from 'node:fs';
import { chromium, type LaunchOptions } from '@playwright/test';

const SYSTEM_HEADLESS_SHELL = ['/usr/lib/chromium/chromium-headless-shell', '/usr/bin/chromium-headless-shell'];
const SYSTEM_CHROMIUM = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

/** Flags that keep Chromium from phoning home; on a closed network its attempts fail noisily. */
const QUIET_FLAGS = ['--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'];

/** Set by the runner for its workers, which do not see its command line (they inherit its environment). */
const HEADED_MARK = 'POSTFLIGHT_HEADED';

export function chromiumLaunchOptions(explicitPath?: string): LaunchOptions {
  const executablePath = explicitPath ?? (playwrightChromiumInstalled() ? undefined : systemChromium(runsHeaded()));
  // The sandbox needs user namespaces that root in a container does not get.
  const runningAsRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  return {
    ...(executablePath ? { executablePath } : {}),
    args: [...QUIET_FLAGS, ...(runningAsRoot ? ['--no-sandbox'] : [])],
  };
}

export function systemChromium(headed: boolean, exists: (file: string) => boolean = existsSync): string | undefined {
  const candidates = headed ? SYSTEM_CHROMIUM : [...SYSTEM_HEADLESS_SHELL, ...SYSTEM_CHROMIUM];
  return candidates.find((file) => exists(file));
}

/**
 * Whether this run shows its browser. Playwright turns `--headed` and `--debug` into `headless: false` after the
 * configuration (and so these launch options) is built, so the runner reads its own command line and marks its
 * environment for the workers it starts.
 */
export function runsHeaded(argv: readonly string[] = process.argv, env: NodeJS.ProcessEnv = process.env): boolean {
  if (env[HEADED_MARK] === '1') return true;
  // UI mode runs headless until its "show browser" toggle is on, which needs the full browser too.
  const headed = argv.some((arg) => arg === '--headed' || arg === '--ui' || arg === '--debug' || arg.startsWith('--debug=')) || (!!env.PWDEBUG && env.PWDEBUG !== '0');
  if (headed && env === process.env) process.env[HEADED_MARK] = '1';
  return headed;
}

function playwrightChromiumInstalled(): boolean {
  try {
    return existsSync(chromium.executablePath());
  } catch {
    return false;
  }
}
