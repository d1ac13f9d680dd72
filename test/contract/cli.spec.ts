/**
 * `npm run org` (emulator/cli.ts): load summary, the exact ready line, loopback binding, clean stop on
 * SIGTERM/SIGINT with exit code 0, one clear error for a bad flag, degraded components listed (refused
 * with `--strict`).
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { networkInterfaces } from 'node:os';
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
      const match = /^Org emulator ready at (http:\/\/\S+:\d+)$/.exec(line);
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
  { args: ['--source', CONTRACT_ORG, '--host', ' '], message: /'--host' needs an address/ },
];
for (const row of badFlags) {
  test(`bad flags ${row.args.filter((a) => a.startsWith('--')).join(' ')} -> one clear error, exit 2`, async () => {
    const cli = runCli(row.args);
    expect(await cli.exit).toBe(2);
    expect(cli.stderr.trim().split('\n')).toHaveLength(1);
    expect(cli.stderr).toMatch(row.message);
  });
}

/** The local addresses listening on `port`, from the kernel's own socket table (IPv4 and IPv6), e.g. `127.0.0.1`. */
function listeningAddresses(port: number): string[] {
  const found: string[] = [];
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    if (!existsSync(table)) continue;
    for (const line of readFileSync(table, 'utf8').split('\n').slice(1)) {
      const [, local, , state] = line.trim().split(/\s+/);
      // State 0A is LISTEN; the local address is hex, little-endian per 32-bit word.
      if (state !== '0A' || !local) continue;
      const [hexAddress = '', hexPort = ''] = local.split(':');
      if (parseInt(hexPort, 16) !== port) continue;
      found.push(hexAddress.length === 8 ? hexAddress.match(/../g)!.reverse().map((b) => parseInt(b, 16)).join('.') : hexAddress === '0'.repeat(32) ? '::' : hexAddress);
    }
  }
  return found;
}

test('listens on loopback only by default; --host opens it up, with a warning', async () => {
  test.skip(!existsSync('/proc/net/tcp'), 'reads the kernel socket table (Linux)');
  test.setTimeout(90_000);
  const args = ['--source', CONTRACT_ORG, '--users', `${CONTRACT_ORG}users/admin.json`, '--port', '0'];
  const closed = runCli(args);
  const open = runCli([...args, '--host', '0.0.0.0']);
  try {
    const closedUrl = new URL(await closed.readyUrl);
    expect(listeningAddresses(Number(closedUrl.port))).toEqual(['127.0.0.1']);
    expect(closed.stderr).toBe('');
    // Another address of this machine, where there is one, is refused.
    const external = Object.values(networkInterfaces()).flat().find((i) => i && i.family === 'IPv4' && !i.internal);
    if (external) {
      const reached = await fetch(`http://${external.address}:${closedUrl.port}/services/data`).then(() => true, () => false);
      expect(reached, `reachable on ${external.address}`).toBe(false);
    }

    const openUrl = new URL(await open.readyUrl);
    expect(openUrl.hostname).toBe('0.0.0.0');
    expect(listeningAddresses(Number(openUrl.port))).toEqual(['0.0.0.0']);
    expect(open.stderr).toContain('WARNING: listening on 0.0.0.0, not loopback: anyone who can reach this address can sign in as the org');
    expect((await fetch(`http://127.0.0.1:${openUrl.port}/services/data`)).status).toBe(200);
  } finally {
    closed.kill('SIGTERM');
    open.kill('SIGTERM');
  }
  expect(await closed.exit).toBe(0);
  expect(await open.exit).toBe(0);
});
