import { test, expect } from '@playwright/test';
import { runsHeaded, systemChromium } from '../../../src/browser.js';

const machine = (...files: string[]) => (file: string) => files.includes(file);

test.describe('which system Chromium a run launches', () => {
  test('a headless run takes the headless shell when Debian has it, the full browser otherwise', () => {
    const both = machine('/usr/bin/chromium', '/usr/lib/chromium/chromium-headless-shell');
    expect(systemChromium(false, both)).toBe('/usr/lib/chromium/chromium-headless-shell');
    expect(systemChromium(false, machine('/usr/bin/chromium'))).toBe('/usr/bin/chromium');
    expect(systemChromium(false, machine())).toBeUndefined();
  });

  test('a run that shows its browser never takes the headless shell', () => {
    const both = machine('/usr/bin/chromium', '/usr/lib/chromium/chromium-headless-shell');
    expect(systemChromium(true, both)).toBe('/usr/bin/chromium');
    expect(systemChromium(true, machine('/usr/lib/chromium/chromium-headless-shell'))).toBeUndefined();
  });

  test('--headed, --debug, --ui and PWDEBUG show the browser; the workers see the runner mark', () => {
    expect(runsHeaded(['node', 'playwright', 'test'], {})).toBe(false);
    expect(runsHeaded(['node', 'playwright', 'test', '--headed'], {})).toBe(true);
    expect(runsHeaded(['node', 'playwright', 'test', '--debug'], {})).toBe(true);
    expect(runsHeaded(['node', 'playwright', 'test', '--debug=cli'], {})).toBe(true);
    expect(runsHeaded(['node', 'playwright', 'test', '--ui'], {})).toBe(true);
    expect(runsHeaded(['node', 'playwright', 'test'], { PWDEBUG: '1' })).toBe(true);
    expect(runsHeaded(['node', 'playwright', 'test'], { PWDEBUG: '0' })).toBe(false);
    // A worker's own command line has none of the runner's flags.
    expect(runsHeaded(['node', 'workerProcessEntry.js'], { POSTFLIGHT_HEADED: '1' })).toBe(true);
  });
});
