import { expect, test } from '@playwright/test';
import { htmlLang } from '../../../emulator/ui/chrome.js';

test('Salesforce locale keys become BCP 47 language tags', () => {
  expect(htmlLang('en_GB')).toBe('en-GB');
  expect(htmlLang('en_US')).toBe('en-US');
  expect(htmlLang('fr')).toBe('fr');
  expect(htmlLang('de_DE_EURO')).toBe('de-DE');
  expect(htmlLang('')).toBe('en');
});
