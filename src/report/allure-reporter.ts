/**
 * allure-playwright, also when `npx playwright merge-reports` replays sharded runs (README, "Sharding"):
 * merge-reports configures its reporters before any project is known, and allure-playwright 3.12 reads
 * `config.projects[0].outputDir` there (only to map snapshot-diff attachments), so it threw and the merge
 * exited 1 although every result was written. Given no project, it gets an empty one; nothing else changes.
 */
import type { FullConfig, FullProject } from '@playwright/test/reporter';
import { AllureReporter } from 'allure-playwright';

export default class PostflightAllureReporter extends AllureReporter {
  override onConfigure(config: FullConfig): void {
    if (config.projects.length > 0) return super.onConfigure(config);
    super.onConfigure({ ...config, projects: [{ outputDir: '', snapshotDir: '' } as FullProject] });
  }
}
