/**
 * Starts every run with an empty Allure results folder, so the report shows this run and not the sum of
 * every run before it. Listed first among reporters: it clears before the Allure reporter writes anything.
 */
import { rmSync } from 'node:fs';
import type { Reporter } from '@playwright/test/reporter';
import { allureResultsDir } from '../run/paths.js';

export default class FreshResults implements Reporter {
  printsToStdio(): boolean {
    return false;
  }

  onBegin(): void {
    rmSync(allureResultsDir(), { recursive: true, force: true });
  }
}
