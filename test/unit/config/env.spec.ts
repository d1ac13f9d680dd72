import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { inspect } from 'node:util';
import { test, expect } from '@playwright/test';
import { ConfigError, parseConfig } from '../../../src/config/env.js';
import { problemsOf, root } from './config-problems.js';
import { Secret } from '../../../src/config/secret.js';


test.describe('configuration', () => {
  test('defaults to the embedded emulator with JWT personas from the sample org', () => {
    const config = parseConfig({}, root);
    expect(config.target).toBe('emulator');
    expect(config.loginUrl).toBe('http://127.0.0.1:8787');
    expect(config.personas['sales-rep']).toMatchObject({ method: 'jwt', username: 'sales.rep@postflight.test' });
    expect(config.emulator.users.map((f) => path.basename(f))).toContain('sales-rep.json');
    expect(Object.isFrozen(config)).toBe(true);
  });

  test('SF_EMULATOR_STRICT: off by default, true passes --strict to the emulator', () => {
    expect(parseConfig({}, root).emulator.strict).toBe(false);
    expect(parseConfig({ SF_EMULATOR_STRICT: 'true' }, root).emulator.strict).toBe(true);
    expect(problemsOf({ SF_EMULATOR_STRICT: 'always' })).toEqual([expect.stringMatching(/^SF_EMULATOR_STRICT: /)]);
  });

  test('empty strings count as unset', () => {
    const config = parseConfig({ SF_TARGET: '', SF_API_VERSION: '  ', SF_EMULATOR_PORT: '' }, root);
    expect(config).toMatchObject({ target: 'emulator', apiVersion: '62.0' });
    expect(config.emulator.port).toBe(8787);
  });

  const rejected: { name: string; env: Record<string, string>; expected: RegExp[] }[] = [
    { name: 'wrong target', env: { SF_TARGET: 'prod' }, expected: [/^SF_TARGET: must be "emulator" or "org" \(got "prod"\)$/] },
    {
      name: 'org without login URL or persona auth',
      env: { SF_TARGET: 'org' },
      expected: [/^SF_LOGIN_URL: required/, /^SF_SALES_REP_AUTH: required/, /^SF_SUPPORT_AGENT_AUTH: required/, /^SF_INTEGRATION_USER_AUTH: required/, /^SF_ADMIN_AUTH: required/],
    },
    {
      name: 'JWT without key file',
      env: {
        SF_TARGET: 'org',
        SF_LOGIN_URL: 'https://login.salesforce.com',
        SF_CLIENT_ID: 'key',
        SF_SALES_REP_AUTH: 'jwt',
        SF_SALES_REP_USERNAME: 'rep@acme.com',
        SF_SUPPORT_AGENT_AUTH: 'access-token',
        SF_SUPPORT_AGENT_ACCESS_TOKEN: '00D000000000001!abc',
        SF_INSTANCE_URL: 'https://acme.my.salesforce.com',
        SF_INTEGRATION_USER_AUTH: 'access-token',
        SF_INTEGRATION_USER_ACCESS_TOKEN: '00D000000000001!def',
        SF_ADMIN_AUTH: 'access-token',
        SF_ADMIN_ACCESS_TOKEN: '00D000000000001!ghi',
      },
      expected: [/^SF_JWT_KEY_FILE: required because SF_SALES_REP_AUTH=jwt/],
    },
    { name: 'unknown persona variable', env: { SF_SALES_MANAGER_USERNAME: 'x@y.z' }, expected: [/^SF_SALES_MANAGER_USERNAME: unknown persona "SALES_MANAGER"/] },
    { name: 'bad auth method', env: { SF_ADMIN_AUTH: 'saml' }, expected: [/^SF_ADMIN_AUTH: must be one of jwt, sfdx-url, access-token, password \(got "saml"\)$/] },
    { name: 'bad port and version', env: { SF_EMULATOR_PORT: 'eighty', SF_API_VERSION: '62' }, expected: [/^SF_API_VERSION: must look like 62\.0$/, /^SF_EMULATOR_PORT: /] },
    { name: 'bad boolean', env: { SF_ALLOW_PRODUCTION: 'maybe' }, expected: [/^SF_ALLOW_PRODUCTION: /] },
    { name: 'unknown overlay', env: { SF_EMULATOR_OVERLAYS: 'flow-inactive,no-such-overlay' }, expected: [/^SF_EMULATOR_OVERLAYS: no overlay "no-such-overlay"/] },
    { name: 'bad emulator latency', env: { SF_EMULATOR_LATENCY: 'api=150ms' }, expected: [/^SF_EMULATOR_LATENCY: must look like api=150,ui=1000/] },
    { name: 'emulator latency over a minute', env: { SF_EMULATOR_LATENCY: 'api=150,ui=90000' }, expected: [/^SF_EMULATOR_LATENCY: takes at most 60000 ms per request$/] },
    { name: 'bad frugality switch', env: { SF_BATCHING: 'sometimes' }, expected: [/^SF_BATCHING: /] },
    { name: 'malformed SFDX auth URL', env: { SF_ADMIN_AUTH: 'sfdx-url', SF_ADMIN_SFDX_AUTH_URL: 'https://nope' }, expected: [/^SF_ADMIN_SFDX_AUTH_URL: must look like force:\/\//] },
  ];

  for (const row of rejected) {
    test(`rejects ${row.name}, naming every bad variable`, () => {
      const problems = problemsOf(row.env);
      for (const pattern of row.expected) expect(problems.some((p) => pattern.test(p)), `${pattern} in\n${problems.join('\n')}`).toBe(true);
      expect(problems).toHaveLength(row.expected.length);
    });
  }

  test('emulator latency and the frugality switches: unset means no latency and a frugal suite', () => {
    const defaults = parseConfig({}, root);
    expect(defaults.emulator.latency).toBeUndefined();
    expect(defaults.frugal).toEqual({ batching: true, caching: true });
    const naive = parseConfig({ SF_EMULATOR_LATENCY: ' api=150, ui=1000 ', SF_BATCHING: 'false', SF_CACHING: 'false' }, root);
    expect(naive.emulator.latency).toBe('api=150,ui=1000');
    expect(naive.frugal).toEqual({ batching: false, caching: false });
    expect(parseConfig({ SF_EMULATOR_LATENCY: 'ui=800' }, root).emulator.latency).toBe('ui=800');
  });

  test('reports several problems in one message', () => {
    const error = (() => {
      try {
        parseConfig({ SF_TARGET: 'prod', SF_FOO_AUTH: 'jwt' }, root);
      } catch (e) {
        return e as ConfigError;
      }
      throw new Error('expected a ConfigError');
    })();
    expect(error.message).toContain('SF_TARGET: must be');
    expect(error.message).toContain('SF_FOO_AUTH: unknown persona "FOO"');
  });

  test('the password flow works but warns that Salesforce is retiring it', () => {
    const config = parseConfig(
      { SF_ADMIN_AUTH: 'password', SF_ADMIN_PASSWORD: 'hunter2-secret', SF_CLIENT_SECRET: 'shh-secret-value' },
      root,
    );
    expect(config.personas.admin.method).toBe('password');
    expect(config.warnings.join('\n')).toMatch(/SF_ADMIN_AUTH=password .* retiring/);
  });

  test('a JWT key file that is not a PEM key is refused by name', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'pf-env-'));
    const file = path.join(dir, 'key.pem');
    writeFileSync(file, 'not a key');
    expect(problemsOf({ SF_JWT_KEY_FILE: file })).toEqual([`SF_JWT_KEY_FILE: ${file} is not a PEM private key (expected a -----BEGIN PRIVATE KEY----- block: the connected app's key, not its certificate)`]);
  });

  test('secrets never print', () => {
    const config = parseConfig({ SF_ADMIN_AUTH: 'password', SF_ADMIN_PASSWORD: 'hunter2-secret', SF_CLIENT_SECRET: 'shh-secret-value' }, root);
    const auth = config.personas.admin;
    if (auth.method !== 'password') throw new Error('expected password auth');
    expect(String(auth.password)).toBe('[redacted]');
    expect(JSON.stringify(config)).not.toContain('hunter2-secret');
    expect(inspect(config, { depth: 10 })).not.toContain('hunter2-secret');
    expect(inspect(config, { depth: 10 })).not.toContain('BEGIN');
    expect(auth.password.reveal()).toBe('hunter2-secret');
    expect(Secret.known()).toContain('hunter2-secret');
  });
});
