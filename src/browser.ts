/**
 * Which Chromium the suite drives. Playwright's own build when it is installed (a laptop that ran
 * `npx playwright install chromium`), otherwise the system's (Debian's `chromium` package), since some
 * machines (this project's CI among them) cannot download browsers.
 */
import { existsSync } from 'node:fs';
import { chromium, type LaunchOptions } from '@playwright/test';

const SYSTEM_CHROMIUM = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

/** Flags that keep Chromium from phoning home; on a closed network its attempts fail noisily. */
const QUIET_FLAGS = ['--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'];

export function chromiumLaunchOptions(explicitPath?: string): LaunchOptions {
  const executablePath = explicitPath ?? (playwrightChromiumInstalled() ? undefined : SYSTEM_CHROMIUM.find((p) => existsSync(p)));
  // The sandbox needs user namespaces that root in a container does not get.
  const runningAsRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  return {
    ...(executablePath ? { executablePath } : {}),
    args: [...QUIET_FLAGS, ...(runningAsRoot ? ['--no-sandbox'] : [])],
  };
}

function playwrightChromiumInstalled(): boolean {
  try {
    return existsSync(chromium.executablePath());
  } catch {
    return false;
  }
}
