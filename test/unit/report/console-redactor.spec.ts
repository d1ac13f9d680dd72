/**
 * The console of a run carries no secret: the redactor wraps the runner's stdout and stderr, so a test that
 * logs a token, an error whose message quotes a frontdoor URL with `sid=`, and the list reporter printing both
 * come out redacted. The first test drives the stream wrapper; the second runs Playwright itself with the
 * redactor and the list reporter, a state folder holding a session, and a test that prints and throws it.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { test, expect } from '@playwright/test';
import { redactWrites } from '../../../src/report/console-redactor.js';
import { playwrightCommand } from '../../../src/run/playwright-cli.js';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const TOKEN = '00D5g00000EMU01!AQ4AQConsoleRedactorTokenThatMustNotPrint';

test('string and byte writes are redacted, URL-encoded forms too; restore puts the stream back', () => {
  const stream = new PassThrough();
  const original = stream.write;
  let printed = '';
  stream.on('data', (chunk: Buffer) => (printed += chunk.toString()));
  const restore = redactWrites(stream as unknown as NodeJS.WriteStream, () => [TOKEN]);
  stream.write(`Authorization: Bearer ${TOKEN}\n`);
  stream.write(Buffer.from(`GET /secur/frontdoor.jsp?sid=${encodeURIComponent(TOKEN)}\n`));
  restore();
  expect(stream.write).toBe(original);
  expect(printed).toBe('Authorization: Bearer [redacted]\nGET /secur/frontdoor.jsp?sid=[redacted]\n');
});

test('a playwright run with the redactor prints no token from logs, errors or the list reporter', () => {
  // Inside the project, so that the run resolves @playwright/test from its node_modules.
  const dir = test.info().outputPath('run');
  mkdirSync(dir, { recursive: true });
  const state = path.join(dir, 'state');
  mkdirSync(state, { mode: 0o700 });
  // What the auth setup stores: the redactor learns the token from here, as in a real run.
  writeFileSync(path.join(state, 'sales-rep.session.json'), JSON.stringify({ accessToken: TOKEN, instanceUrl: 'http://127.0.0.1:1' }), { mode: 0o600 });
  writeFileSync(
    path.join(dir, 'leaky.spec.ts'),
    [
      `import { test } from '@playwright/test';`,
      `import { readFileSync } from 'node:fs';`,
      `test('prints its session', () => {`,
      `  const token = JSON.parse(readFileSync(${JSON.stringify(path.join(state, 'sales-rep.session.json'))}, 'utf8')).accessToken;`,
      `  console.log('session', token);`,
      `  console.error('Authorization: Bearer ' + token);`,
      `  throw new Error('page.goto: net::ERR_ABORTED at http://127.0.0.1:1/secur/frontdoor.jsp?sid=' + encodeURIComponent(token));`,
      `});`,
    ].join('\n'),
  );
  writeFileSync(
    path.join(dir, 'playwright.config.ts'),
    [
      `export default {`,
      `  testDir: ${JSON.stringify(dir)},`,
      `  outputDir: ${JSON.stringify(path.join(dir, 'test-results'))},`,
      `  reporter: [[${JSON.stringify(path.join(ROOT, 'src/report/console-redactor.ts'))}], ['list']],`,
      `};`,
    ].join('\n'),
  );
  const result = spawnSync(...playwrightCommand(['test', '-c', path.join(dir, 'playwright.config.ts')]), {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, FORCE_COLOR: '0', SF_STATE_DIR: state, SF_RESULTS_DIR: path.join(dir, 'reports') },
  });
  const output = `${result.stdout}${result.stderr}`;
  expect(result.status, output).toBe(1);
  expect(output, 'the test ran and printed').toContain('session [redacted]');
  expect(output).toContain('Authorization: Bearer [redacted]');
  expect(output).toContain('frontdoor.jsp?sid=[redacted]');
  expect(output).not.toContain(TOKEN);
  expect(output).not.toContain(encodeURIComponent(TOKEN));
});

test('the project\'s own configuration keeps the console clean when the command line replaces its reporters', () => {
  // `--reporter=line` drops every reporter the configuration lists, the redactor among them.
  const dir = test.info().outputPath('own-config');
  const verifications = path.join(dir, 'verifications');
  const state = path.join(dir, 'state');
  mkdirSync(verifications, { recursive: true });
  mkdirSync(state, { mode: 0o700 });
  writeFileSync(path.join(state, 'sales-rep.session.json'), JSON.stringify({ accessToken: TOKEN, instanceUrl: 'http://127.0.0.1:1' }), { mode: 0o600 });
  writeFileSync(
    path.join(verifications, 'leaky.spec.ts'),
    [
      `import { test } from '@playwright/test';`,
      `import { readFileSync } from 'node:fs';`,
      `test('prints its session @monitors', () => {`,
      `  const token = JSON.parse(readFileSync(${JSON.stringify(path.join(state, 'sales-rep.session.json'))}, 'utf8')).accessToken;`,
      `  console.log('session', token);`,
      `  throw new Error('page.goto: net::ERR_ABORTED at http://127.0.0.1:1/secur/frontdoor.jsp?sid=' + encodeURIComponent(token));`,
      `});`,
    ].join('\n'),
  );
  const result = spawnSync(...playwrightCommand(['test', '--project=monitors', '--no-deps', '--reporter=line', `--output=${path.join(dir, 'test-results')}`]), {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, FORCE_COLOR: '0', SF_VERIFICATIONS_DIR: verifications, SF_STATE_DIR: state, SF_RESULTS_DIR: path.join(dir, 'reports'), SF_EMULATOR_PORT: '18796' },
  });
  const output = `${result.stdout}${result.stderr}`;
  expect(result.status, output).toBe(1);
  expect(output, 'the test ran and printed').toContain('session [redacted]');
  expect(output).toContain('frontdoor.jsp?sid=[redacted]');
  expect(output).not.toContain(TOKEN);
  expect(output).not.toContain(encodeURIComponent(TOKEN));
});
