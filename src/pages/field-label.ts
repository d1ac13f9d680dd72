import type { Locator } from '@playwright/test';

/**
 * A field label's text as the user reads it: without the required marker (`*`) Lightning renders inside
 * the label, and without the help-text that can follow it on a second line.
 */
export async function labelText(label: Locator): Promise<string> {
  return (await label.innerText()).replace(/^\*\s*/, '').split('\n')[0]!.trim();
}
