/**
 * The base of every page object: knows who is looking (the persona) and at what, so that a failed step says
 * "sales-rep on New Opportunity: field "Discount" not found" instead of a bare locator timeout.
 */
import { test, type Locator, type Page } from '@playwright/test';
import { waitForLightning } from './lightning-ready.js';

export abstract class LightningPage {
  constructor(
    readonly page: Page,
    /** The persona driving the browser, e.g. `sales-rep`. */
    readonly persona: string,
  ) {}

  /** What the person sees as the page, for step titles and failures (e.g. `New Opportunity`). */
  protected abstract get where(): string;

  async waitUntilReady(): Promise<void> {
    await this.step('wait for Lightning to be ready', () => waitForLightning(this.page));
  }

  /** Runs a Playwright step whose title and failure name the persona, the page and the target. */
  protected async step<T>(what: string, body: () => Promise<T>): Promise<T> {
    const title = `${this.persona} on ${this.where}: ${what}`;
    return test.step(title, async () => {
      try {
        return await body();
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        throw new Error(`${title} failed: ${message.split('\n')[0]}`, { cause: error });
      }
    });
  }

  /** Lightning's own attribute for a layout item; used where a label alone is ambiguous (§10.3). */
  protected layoutItem(scope: Page | Locator, label: string): Locator {
    return scope.locator(`records-record-layout-item[field-label="${cssString(label)}"]`);
  }
}

export function cssString(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/"/g, '\\"');
}
