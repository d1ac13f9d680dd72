/**
 * `npm run org -- --source <dir> [--overlay <dir>]... [--users <file>]... [--port n] [--data <file>]
 *  [--jobs <file>] [--session-seconds n] [--sandbox] [--latency api=<ms>,ui=<ms>] [--faults <spec>] [--strict]`
 *
 * Loads an SFDX project as an org and serves it on 127.0.0.1 only. Prints the load summary, then exactly
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
}

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
  };
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
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    // Loopback only: the emulator holds test passwords and must never be reachable from the network.
    server.listen(options.port, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;

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
  process.stdout.write(`Org emulator ready at http://127.0.0.1:${port}\n`);
  return stopped;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`org emulator: ${(err as Error).stack ?? String(err)}\n`);
    process.exit(1);
  },
);
