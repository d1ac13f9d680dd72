import { defineConfig } from '@playwright/test';

/**
 * Runs the Lightning UI emulator tests on their own until test/playwright.config.ts has a project for
 * this folder: `npx playwright test -c test/ui-emulator/playwright.config.ts`.
 */
export default defineConfig({
  testDir: '.',
  testMatch: '**/*.spec.ts',
  fullyParallel: true,
  workers: 2,
  reporter: [['list']],
  outputDir: '../../test-results/ui-emulator',
});
