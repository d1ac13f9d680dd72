/**
 * A bad configuration stops `playwright test` before any work: one message naming every bad variable,
 * exit code 2, no emulator started, no browser launched, no secret echoed.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test, expect } from '@playwright/test';
import { ROOT } from './run-suite.js';
import { playwrightCommand } from '../../src/run/playwright-cli.js';

test('a bad .env fails at once, naming each bad variable', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'pf-bad-env-'));
  const keyless = path.join(dir, 'missing.key');
  const result = spawnSync(...playwrightCommand(['test', '--project=prod-smoke']), {
    cwd: ROOT,
    encoding: 'utf8',
    env: {
      ...process.env,
      SF_TARGET: 'org',
      SF_LOGIN_URL: 'https://login.salesforce.com',
      SF_CLIENT_ID: 'consumer-key',
      SF_JWT_KEY_FILE: keyless,
      SF_SALES_REP_AUTH: 'jwt',
      SF_SALES_REP_USERNAME: 'rep@acme.com',
      SF_SUPPORT_AGENT_AUTH: 'password',
      SF_SUPPORT_AGENT_USERNAME: 'agent@acme.com',
      SF_SUPPORT_AGENT_PASSWORD: 'hunter2-do-not-print',
      SF_INTEGRATION_USER_AUTH: 'saml',
      SF_ADMIN_AUTH: 'access-token',
      SF_ADMIN_ACCESS_TOKEN: '00D000000000001!do-not-print-this-token',
      SF_INSTANCE_URL: 'https://acme.my.salesforce.com',
      SF_SALES_MANAGER_USERNAME: 'manager@acme.com',
      SF_EMULATOR_PORT: '18799',
    },
  });
  const output = `${result.stdout}${result.stderr}`;
  writeFileSync(path.join(dir, 'output.txt'), output);
  expect(result.status, output).toBe(2);
  expect(output).toContain('Postflight configuration is invalid');
  for (const named of [
    `SF_JWT_KEY_FILE: no such file ${keyless}`,
    'SF_INTEGRATION_USER_AUTH: must be one of jwt, sfdx-url, access-token, password (got "saml")',
    'SF_SALES_MANAGER_USERNAME: unknown persona "SALES_MANAGER"',
    'SF_CLIENT_SECRET: required because SF_SUPPORT_AGENT_AUTH=password',
  ]) {
    expect(output).toContain(named);
  }
  expect(output, 'no stack trace').not.toMatch(/\n\s+at /);
  expect(output).not.toContain('hunter2-do-not-print');
  expect(output).not.toContain('do-not-print-this-token');
  expect(output, 'no test ran, no server started').not.toMatch(/Running \d+ test|Org emulator ready/);
});
