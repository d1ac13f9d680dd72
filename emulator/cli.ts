/**
 * `npm run org -- --source <dir> [--overlay <dir>]... [--users <file>]... [--port n] [--data <file>]
 *  [--jobs <file>] [--session-seconds n] [--sandbox] [--latency api=<ms>,ui=<ms>] [--faults <spec>] [--strict] [--host <address>]`
 *
 * Loads an SFDX project as an org and serves it on 127.0.0.1 only, unless `--host` names another address
 * (`--host 0.0.0.0` for a container's published port), which it warns about on stderr: the org holds its
 * users' passwords and answers anyone who can reach it. Prints the load summary, then exactly
 * `Org emulator ready at http://127.0.0.1:<port>` once requests are accepted; stops cleanly on
 * SIGINT/SIGTERM (server closed, store closed, exit code 0).
 *
 * A component the emulator cannot run as written (a formula with a function it lacks, a flow element it
 * does not run, ...) does not stop the load: the summary ends with a `degraded:` count line and one line per
 * such component (file: component: what is unsupported -> what the emulator does instead). `--strict`
 * refuses to start instead, naming every one of them in one message (exit code 1); the suite passes it
 * when SF_EMULATOR_STRICT=true. What a deploy would reject too (malformed XML, a reference to a field that
 * does not exist) always refuses, every such problem of the project listed together.
 * `--latency api=150,ui=1000` makes the org answer like a remote one: every API call waits 150 ms, every
 * Lightning page that renders waits 1000 ms (emulator/http/latency.ts says what counts as which).
 * `--faults transient=0.05,expire-after=25,expire-max=1,seed=7` makes the org hiccup like production: that
 * share of API requests meets UNABLE_TO_LOCK_ROW (single-record writes), 503 or a dropped connection; each
 * session ends at its 25th request (API: 401 INVALID_SESSION_ID; Lightning page: the login page), at most once
 * per user and channel; the same seed gives the same faults. Every key (lock, unavailable, drop, lost, slow,
 * slow-ms, limit, ...) is described in emulator/http/faults.ts. The emulator prints what it injected when it stops.
 */
import { parseArgs } from 'node:util';
import type { AddressInfo } from 'node:net';
import { SalesforceError } from './contracts.js';
import { FormulaError } from './formula/formula-error.js';
import { DegradedLoadError } from './metadata/load-problems.js';
import { MetadataError } from './metadata/metadata-error.js';
import { Org } from './org.js';
import { soqlParser } from './soql/soql-parser.js';
import { createOrgServer } from './http/server.js';
import { FaultInjector, formatFaults, parseFaults, type FaultPlan } from './http/faults.js';
import { formatLatency, parseLatency, type Latency } from './http/latency.js';

const DEFAULT_PORT = 8787;

interface CliOptions {
  source: string;
  overlays: string[];
  users: string[];
  port: number;
  data?: string;
  jobs?: string;
  sessionSeconds?: number;
  isSandbox: boolean;
  latency?: Latency;
  faults?: FaultPlan;
  strict: boolean;
  host: string;
}

const LOOPBACK_HOST = '127.0.0.1';

class UsageError extends Error {}

/**
 * A project, users, jobs or data problem is the user's to fix: its message names the file (or the rule,
 * or the record the org refused), so it is shown alone. Anything else is a bug in the emulator: its
 * stack goes with it, so that it can be reported.
 */
function loadFailure(err: unknown): string {
  if (err instanceof MetadataError || err instanceof DegradedLoadError || err instanceof FormulaError || err instanceof SalesforceError) return err.message;
  return err instanceof Error ? `unexpected error while loading the org (a bug, please report it):\n${err.stack ?? err.message}` : String(err);
}

function readOptions(argv: string[]): CliOptions {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        source: { type: 'string' },
        overlay: { type: 'string', multiple: true },
        users: { type: 'string', multiple: true },
        port: { type: 'string' },
        data: { type: 'string' },
        jobs: { type: 'string' },
        'session-seconds': { type: 'string' },
        latency: { type: 'string' },
        faults: { type: 'string' },
        sandbox: { type: 'boolean' },
        strict: { type: 'boolean' },
        host: { type: 'string' },
      },
    }));
  } catch (err) {
    // parseArgs already names the offending flag ("Unknown option '--prot'").
    throw new UsageError((err as Error).message);
  }
  if (!values.source) throw new UsageError("Missing required option '--source <dir>' (the SFDX project to load)");
  const integer = (flag: string, raw: string | undefined, min: number, max: number): number | undefined => {
    if (raw === undefined) return undefined;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < min || n > max) throw new UsageError(`Option '--${flag}' must be an integer from ${min} to ${max}, got '${raw}'`);
    return n;
  };
  return {
    source: values.source,
    overlays: values.overlay ?? [],
    users: values.users ?? [],
    port: integer('port', values.port, 0, 65535) ?? DEFAULT_PORT,
    data: values.data,
    jobs: values.jobs,
    sessionSeconds: integer('session-seconds', values['session-seconds'], 1, 31 * 24 * 3600),
    isSandbox: values.sandbox ?? false,
    latency: values.latency === undefined ? undefined : latencyOption(values.latency),
    faults: values.faults === undefined ? undefined : faultsOption(values.faults),
    strict: values.strict ?? false,
    host: hostOption(values.host),
  };
}

function hostOption(raw: string | undefined): string {
  if (raw === undefined) return LOOPBACK_HOST;
  if (raw.trim() === '') throw new UsageError("Option '--host' needs an address (127.0.0.1 by default; 0.0.0.0 listens on every interface)");
  return raw.trim();
}

/** Loopback addresses are the only ones nobody else can reach. */
function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

function latencyOption(raw: string): Latency {
  try {
    return parseLatency(raw);
  } catch (err) {
    throw new UsageError(`Option '--latency': ${(err as Error).message}`);
  }
}

function faultsOption(raw: string): FaultPlan {
  try {
    return parseFaults(raw);
  } catch (err) {
    throw new UsageError(`Option '--faults': ${(err as Error).message}`);
  }
}

function loadOrg(options: CliOptions): Org {
  return Org.load({
    source: options.source,
    overlays: options.overlays,
    users: options.users,
    data: options.data,
    jobs: options.jobs,
    sessionSeconds: options.sessionSeconds,
    isSandbox: options.isSandbox,
    ...(options.faults?.limit !== undefined ? { dailyApiRequests: options.faults.limit } : {}),
    strict: options.strict,
  });
}

async function main(): Promise<number> {
  let options: CliOptions;
  try {
    options = readOptions(process.argv.slice(2));
  } catch (err) {
    if (err instanceof UsageError) {
      process.stderr.write(`org emulator: ${err.message}\n`);
      return 2;
    }
    throw err;
  }
  let org: Org;
  try {
    org = loadOrg(options);
  } catch (err) {
    process.stderr.write(`org emulator: ${loadFailure(err)}\n`);
    return 1;
  }
  process.stdout.write(`${org.summary}\n`);
  if (options.latency) process.stdout.write(`Latency: ${formatLatency(options.latency)} (ms per API request, per Lightning page)\n`);
  if (options.faults) process.stdout.write(`Faults: ${formatFaults(options.faults)} (emulator/http/faults.ts)\n`);
  const faults = options.faults ? new FaultInjector(options.faults, org.service) : undefined;
  const server = createOrgServer(org, { latency: options.latency, faults });
  if (!isLoopback(options.host)) {
    process.stderr.write(
      `org emulator: WARNING: listening on ${options.host}, not loopback: anyone who can reach this address can sign in as the org's users (their passwords are in the user files) and read or change its records. Use it only on a network you trust; drop --host to listen on ${LOOPBACK_HOST} alone.\n`,
    );
  }
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    // Loopback by default: the emulator holds test passwords and must not be reachable from the network by accident.
    server.listen(options.port, options.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const shownHost = options.host.includes(':') ? `[${options.host}]` : options.host;

  // Listening for the stop signals before announcing readiness: a supervisor that stops the emulator as soon
  // as it reads the ready line must get the clean stop, not the default kill.
  const stopped = new Promise<number>((resolve) => {
    let stopping = false;
    const stop = (): void => {
      if (stopping) return;
      stopping = true;
      if (faults) process.stdout.write(`${faults.summary()}\n`);
      server.close(() => {
        org.close();
        resolve(0);
      });
      server.closeAllConnections();
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  process.stdout.write(`Org emulator ready at http://${shownHost}:${port}\n`);
  // Off the start: the first query is a few hundred milliseconds away (soql-parser.ts).
  setImmediate(() => soqlParser());
  return stopped;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`org emulator: ${(err as Error).stack ?? String(err)}\n`);
    process.exit(1);
  },
);
