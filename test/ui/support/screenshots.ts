/**
 * Screenshots the issue asks the report to carry (record page, error popover): written to the test's
 * output folder and attached from there, so the Allure and HTML reports link them and the file can be
 * opened after a run.
 */
import type { Page, TestInfo } from '@playwright/test';

export async function attachScreenshot(testInfo: TestInfo, page: Page, name: string): Promise<void> {
  const file = testInfo.outputPath(`${name.replace(/[^a-z0-9]+/gi, '-').replace(/^-|-$/g, '').toLowerCase()}.png`);
  await page.screenshot({ path: file, fullPage: true });
  await testInfo.attach(name, { path: file, contentType: 'image/png' });
}
