/**
 * `npm run org` (emulator/cli.ts): load summary, the exact ready line, loopback binding, clean stop on
 * SIGTERM/SIGINT with exit code 0, one clear error for a bad flag, degraded components listed (refused
 * with `--strict`).
 */
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Connection } from '@jsforce/jsforce-node';
import { CONTRACT_ORG, USERS, expect, test } from './fixtures/emulator.fixture.js';

const CLI = fileURLToPath(new URL('../../emulator/cli.ts', import.meta.url));

interface Running {
  stdout: string[];
  stderr: string;
  exit: Promise<number | null>;
  kill: (signal: NodeJS.Signals) => void;
  readyUrl: Promise<string>;
}

function runCli(args: string[]): Running {
  const child = spawn(process.execPath, ['--import', 'tsx', CLI, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  const stdout: string[] = [];
  let stderr = '';
  let resolveReady: (url: string) => void = () => undefined;
  const readyUrl = new Promise<string>((resolve) => (resolveReady = resolve));
  let buffer = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    buffer += chunk;
    const lines = buffer.split('\n');
    buffer = lines.pop() ?? '';
    for (const line of lines) {
      stdout.push(line);
      const match = /^Org emulator ready at (http:\/\/127\.0\.0\.1:\d+)$/.exec(line);
      if (match?.[1]) resolveReady(match[1]);
    }
  });
  const running: Running = {
    stdout,
    get stderr() {
      return stderr;
    },
    exit: new Promise((resolve) => child.on('exit', (code) => resolve(code))),
    kill: (signal) => child.kill(signal),
    readyUrl,
  };
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  return running;
}

for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  test(`serves the org on 127.0.0.1 and stops cleanly on ${signal}`, async () => {
    test.setTimeout(60_000);
    const cli = runCli(['--source', CONTRACT_ORG, '--users', `${CONTRACT_ORG}users/admin.json`, '--port', '0']);
    const url = await cli.readyUrl;
    expect(cli.stdout.length).toBeGreaterThanOrEqual(2);
    expect(cli.stdout.at(-1)).toBe(`Org emulator ready at ${url}`);
    const conn = new Connection({ loginUrl: url });
    await conn.login(USERS.admin.username, USERS.admin.password);
    expect((await conn.query('SELECT COUNT() FROM Account')).done).toBe(true);
    cli.kill(signal);
    expect(await cli.exit).toBe(0);
  });
}

test('a project that does not load -> its message on one line, exit 1', async () => {
  const cli = runCli(['--source', '/definitely/not/a/project']);
  expect(await cli.exit).toBe(1);
  expect(cli.stderr.trim().split('\n')).toHaveLength(1);
  expect(cli.stderr).toMatch(/^org emulator: .*\/definitely\/not\/a\/project/);
});

test('a malformed jobs file -> one line naming the file, exit 1', async ({}, testInfo) => {
  const jobs = testInfo.outputPath('jobs.json');
  writeFileSync(jobs, '{ "CronTrigger": [ ');
  const badJobs = runCli(['--source', CONTRACT_ORG, '--jobs', jobs]);
  expect(await badJobs.exit).toBe(1);
  expect(badJobs.stderr.trim().split('\n')).toHaveLength(1);
  expect(badJobs.stderr).toContain(`org emulator: ${jobs}: is not a readable JSON jobs file (`);
});

test('a rule calling a function the emulator lacks: listed as degraded and the org starts; with --strict, refused naming it, exit 1', async ({}, testInfo) => {
  test.setTimeout(60_000);
  const overlay = testInfo.outputPath('overlay');
  mkdirSync(`${overlay}/objects/Account/validationRules`, { recursive: true });
  writeFileSync(`${overlay}/objects/Account/validationRules/Uses_Session.validationRule-meta.xml`, `<?xml version="1.0" encoding="UTF-8"?>
<ValidationRule xmlns="http://soap.sforce.com/2006/04/metadata">
    <fullName>Uses_Session</fullName>
    <active>true</active>
    <errorConditionFormula>ISBLANK(GETSESSIONID())</errorConditionFormula>
    <errorMessage>Never shown.</errorMessage>
</ValidationRule>
`);
  const line = 'overlay/objects/Account/validationRules/Uses_Session.validationRule-meta.xml: ValidationRule Account.Uses_Session: unsupported function GETSESSIONID '
    + '(the session id of the user viewing a page; a record formula has no page session, and a session id in a field value would leak into test reports) -> not enforced';
  // The contract org's own degraded component: a workflow rule's outbound message (its field updates run).
  const outbound = 'force-app/main/default/workflows/Account.workflow-meta.xml: WorkflowRule Account.Workflow Phone Describes: action OutboundMessage Account_To_ERP -> its field updates run; these actions are not run';
  const degraded = runCli(['--source', CONTRACT_ORG, '--overlay', overlay, '--port', '0']);
  const url = await degraded.readyUrl;
  expect(degraded.stdout).toContain('degraded: 2 components the emulator does not run as written (a strict load refuses them)');
  expect(degraded.stdout).toContain(`  ${outbound}`);
  expect(degraded.stdout).toContain(`  ${line}`);
  expect(degraded.stdout.at(-1)).toBe(`Org emulator ready at ${url}`);
  degraded.kill('SIGTERM');
  expect(await degraded.exit).toBe(0);

  const strict = runCli(['--source', CONTRACT_ORG, '--overlay', overlay, '--strict']);
  expect(await strict.exit).toBe(1);
  expect(strict.stderr.trim().split('\n')).toEqual([
    'org emulator: strict load refused: 2 components the emulator cannot run as written:',
    `  ${outbound}`,
    `  ${line}`,
    'Without --strict (SF_EMULATOR_STRICT) the org loads with these degraded as described.',
  ]);
});

const badFlags = [
  { args: ['--source', CONTRACT_ORG, '--prot', '9'], message: /--prot/ },
  { args: ['--port', '9'], message: /--source/ },
  { args: ['--source', CONTRACT_ORG, '--port', 'eighty'], message: /'--port' must be an integer/ },
  { args: ['--source', CONTRACT_ORG, '--latency', 'api=fast'], message: /'--latency': 'api=fast' is not a latency: write api=<ms>,ui=<ms>/ },
];
for (const row of badFlags) {
  test(`bad flags ${row.args.filter((a) => a.startsWith('--')).join(' ')} -> one clear error, exit 2`, async () => {
    const cli = runCli(row.args);
    expect(await cli.exit).toBe(2);
    expect(cli.stderr.trim().split('\n')).toHaveLength(1);
    expect(cli.stderr).toMatch(row.message);
  });
}
