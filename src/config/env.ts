/**
 * Postflight's configuration: `.env` (or the real environment) read once, validated with zod, every problem
 * reported together, the result frozen. Nothing else in the project reads `process.env` for settings.
 *
 * @example
 * const config = loadConfig();
 * if (config.target === 'org') console.log(config.loginUrl);
 */
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import dotenv from 'dotenv';
import { z } from 'zod';
import { PERSONAS, PERSONA_NAMES, VERIFYING_PERSONAS, type PersonaName } from './personas.js';
import { Secret } from './secret.js';

export const AUTH_METHODS = ['jwt', 'sfdx-url', 'access-token', 'password'] as const;
export type AuthMethod = (typeof AUTH_METHODS)[number];

export type PersonaAuth =
  | { method: 'jwt'; username: string; clientId: string; privateKey: Secret }
  | { method: 'sfdx-url'; username?: string; clientId: string; clientSecret?: Secret; refreshToken: Secret; instanceUrl: string }
  | { method: 'access-token'; username?: string; accessToken: Secret; instanceUrl: string }
  | { method: 'password'; username: string; password: Secret; clientId: string; clientSecret: Secret };

export interface EmulatorSettings {
  port: number;
  /** The SFDX project the embedded org loads. */
  source: string;
  /** Overlay directories layered on top (resolved paths). */
  overlays: string[];
  overlayNames: string[];
  /** `sf org create user` definition files. */
  users: string[];
  jobs?: string;
  reuseExisting: boolean;
  /** Start the emulator with `--strict`: refuse a project with components it cannot run as written. */
  strict: boolean;
  /** `api=<ms>,ui=<ms>`: delay the embedded org adds per API request and per Lightning page (none when unset). */
  latency?: string;
  /** `transient=0.05,expire-after=25,...`: faults the embedded org injects (`--faults`, emulator/http/faults.ts). */
  faults?: string;
}

/** How the suite's one request path (src/salesforce/request-path.ts) treats a noisy org. */
export interface ResilienceSettings {
  /** API requests this run may send (SF_API_BUDGET); past it the run stops with an environment problem. */
  apiBudget?: number;
  /** How long one API request may wait for its answer (SF_API_TIMEOUT_SECONDS, default 30: under a test's 60 s, so the test says which request it waited for). */
  apiTimeoutMs: number;
  /** Retries of one request after a transient error (SF_API_RETRIES, default 4). */
  retries: number;
}

/** How frugal the suite is with the org's API allocation (the benchmark turns both off for its naive baseline). */
export interface FrugalSettings {
  /** Independent calls of a check go together through `/composite`; test data is removed in collections. */
  batching: boolean;
  /** Describes, record type ids and UI sessions are kept per persona for the whole run. */
  caching: boolean;
}

/** Release coverage (`npm run coverage` and the report's coverage check). */
export interface CoverageSettings {
  /** The minimum share of the release's components a verification must cover, 0-100; 0 = report only. */
  min: number;
  /** The SFDX project of the release (default: the emulator's source). */
  source: string;
  /** A `package.xml` naming the release's components. */
  manifest?: string;
  /** `sf project deploy report --json` output: the release is what it created or changed. */
  deployReport?: string;
  /** `persona:PermissionSet` assignments the release actions make, which no user definition shows. */
  assignments: string[];
}

export interface PostflightConfig {
  target: 'emulator' | 'org';
  /** Where tokens are requested (`https://login.salesforce.com`, `https://test.salesforce.com`, a My Domain, or the emulator). */
  loginUrl: string;
  apiVersion: string;
  releaseId: string;
  /**
   * When the release reached production (ISO 8601, `SF_RELEASE_STARTED_AT`): since-release monitors count only
   * what happened after it. `npm run watch` sets it for its runs (the start of its first run by default).
   */
  releaseStartedAt?: string;
  /** Slack / Teams incoming-webhook URL for `npm run watch` alerts (`SF_ALERT_WEBHOOK_URL`); its path is a credential. */
  alertWebhookUrl?: Secret;
  /** Where people open the report (a CI run or artifact page, `SF_REPORT_URL`); alerts link to it. */
  reportUrl?: string;
  allowProduction: boolean;
  dryRun: boolean;
  backfillMaxRecords: number;
  frugal: FrugalSettings;
  resilience: ResilienceSettings;
  personas: Readonly<Record<PersonaName, PersonaAuth>>;
  emulator: EmulatorSettings;
  browserPath?: string;
  /** The team's verifications (release plan and hand-written specs; default `verifications`). */
  verificationsDir: string;
  /** The release's `*.setup.ts` actions (default `actions`). */
  actionsDir: string;
  /** Where a run keeps sessions and its own bookkeeping (owner-only; default `.auth`). */
  stateDir: string;
  /** Where results go: Allure results, the ledger, action output (default `reports`). */
  resultsDir: string;
  coverage: CoverageSettings;
  /** Warnings to print once (deprecated auth flows). */
  warnings: string[];
}

export class ConfigError extends Error {
  constructor(readonly problems: string[], source: string) {
    super(`Postflight configuration is invalid (${source}):\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

// t3-env's rule: an empty string is "unset", so `SF_LOGIN_URL=` in .env does not count as a value.
const optionalText = z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), z.string().trim().optional());
// Flags and numbers are echoed in their messages (they are never secrets), so the reader sees what was typed.
const flag = (fallback: boolean) =>
  z.preprocess(
    (v) => (typeof v === 'string' && v.trim() === '' ? undefined : v),
    z.stringbool({ error: (issue) => `must be true or false (got "${String(issue.input)}")` }).default(fallback),
  );
const wholeNumber = (fallback: number, min: number, max: number) => {
  const range = (issue: { input?: unknown }) => `must be a whole number from ${min} to ${max} (got "${String(issue.input)}")`;
  // Checked as text first: coercing "abc" would leave NaN as the value the message shows.
  return z
    .preprocess(
      (v) => (typeof v === 'string' && v.trim() === '' ? undefined : typeof v === 'string' ? v.trim() : v),
      z.string({ error: range }).regex(/^-?\d+$/, { error: range }).transform(Number).pipe(z.number().min(min, { error: range }).max(max, { error: range })).optional(),
    )
    .transform((value) => value ?? fallback);
};
const httpUrl = z.preprocess(
  (v) => (typeof v === 'string' && v.trim() === '' ? undefined : v),
  z.url({ protocol: /^https?$/, error: 'must be an http(s) URL such as https://login.salesforce.com' }).optional(),
);

const baseSchema = z.object({
  SF_TARGET: z.preprocess(
    (v) => (typeof v === 'string' && v.trim() === '' ? undefined : v),
    z.enum(['emulator', 'org'], { error: (issue) => `must be "emulator" or "org" (got "${String(issue.input)}")` }).default('emulator'),
  ),
  SF_LOGIN_URL: httpUrl,
  SF_INSTANCE_URL: httpUrl,
  SF_API_VERSION: z.preprocess(
    (v) => (typeof v === 'string' && v.trim() === '' ? undefined : v),
    z.string().regex(/^\d{2}\.0$/, 'must look like 62.0').default('62.0'),
  ),
  SF_CLIENT_ID: optionalText,
  SF_CLIENT_SECRET: optionalText,
  SF_JWT_KEY_FILE: optionalText,
  SF_RELEASE_ID: optionalText,
  SF_RELEASE_STARTED_AT: z.preprocess(
    (v) => (typeof v === 'string' && v.trim() === '' ? undefined : v),
    z.iso.datetime({ offset: true, error: 'must be an ISO 8601 date-time such as 2026-11-27T10:00:00Z' }).optional(),
  ),
  SF_ALERT_WEBHOOK_URL: z.preprocess(
    (v) => (typeof v === 'string' && v.trim() === '' ? undefined : v),
    // The message never echoes the value: a webhook URL carries its own credential.
    z.url({ protocol: /^https?$/, error: 'must be an http(s) URL (a Slack or Teams incoming webhook)' }).optional(),
  ),
  SF_REPORT_URL: z.preprocess(
    (v) => (typeof v === 'string' && v.trim() === '' ? undefined : v),
    z.url({ protocol: /^https?$/, error: 'must be an http(s) URL (where people open the report, e.g. the CI run page)' }).optional(),
  ),
  SF_ALLOW_PRODUCTION: flag(false),
  SF_DRY_RUN: flag(false),
  SF_BACKFILL_MAX_RECORDS: wholeNumber(10_000, 1, 100_000_000),
  SF_EMULATOR_PORT: wholeNumber(8787, 1024, 65535),
  SF_EMULATOR_SOURCE: optionalText,
  SF_EMULATOR_OVERLAYS: optionalText,
  SF_EMULATOR_USERS: optionalText,
  SF_EMULATOR_JOBS: optionalText,
  SF_EMULATOR_REUSE: flag(false),
  SF_EMULATOR_STRICT: flag(false),
  SF_EMULATOR_LATENCY: z.preprocess(
    (v) => (typeof v === 'string' && v.trim() === '' ? undefined : typeof v === 'string' ? v.replace(/\s+/g, '') : v),
    z
      .string()
      .regex(/^(?:api=\d{1,5}(?:,ui=\d{1,5})?|ui=\d{1,5}(?:,api=\d{1,5})?)$/, 'must look like api=150,ui=1000 (milliseconds per API request and per Lightning page)')
      // The emulator's own limit (emulator/http/latency.ts): a minute per request.
      .refine((text) => [...text.matchAll(/\d+/g)].every(([ms]) => Number(ms) <= 60_000), 'takes at most 60000 ms per request')
      .optional(),
  ),
  SF_EMULATOR_FAULTS: z.preprocess(
    (v) => (typeof v === 'string' && v.trim() === '' ? undefined : typeof v === 'string' ? v.replace(/\s+/g, '') : v),
    z.string().superRefine((text, ctx) => {
      const problem = faultSpecProblem(text);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    }).optional(),
  ),
  SF_API_BUDGET: z.preprocess(
    (v) => (typeof v === 'string' && v.trim() === '' ? undefined : v),
    z.coerce.number({ error: 'must be a whole number of API requests (e.g. 2000), or unset for no budget' }).int('must be a whole number of API requests (e.g. 2000)').min(1, 'must be at least 1 API request').max(100_000_000, 'must be at most 100000000').optional(),
  ),
  SF_API_TIMEOUT_SECONDS: z.preprocess(
    (v) => (typeof v === 'string' && v.trim() === '' ? undefined : v),
    z.coerce.number({ error: 'must be a whole number of seconds from 1 to 3600 (default 30)' }).int('must be a whole number of seconds from 1 to 3600 (default 30)').min(1, 'must be a whole number of seconds from 1 to 3600 (default 30)').max(3600, 'must be a whole number of seconds from 1 to 3600 (default 30)').default(30),
  ),
  SF_API_RETRIES: z.preprocess(
    (v) => (typeof v === 'string' && v.trim() === '' ? undefined : v),
    z.coerce.number({ error: 'must be a whole number from 0 to 10 (default 4)' }).int('must be a whole number from 0 to 10 (default 4)').min(0, 'must be a whole number from 0 to 10 (default 4)').max(10, 'must be a whole number from 0 to 10 (default 4)').default(4),
  ),
  SF_BATCHING: flag(true),
  SF_CACHING: flag(true),
  SF_BROWSER_PATH: optionalText,
  SF_STATE_DIR: optionalText,
  SF_VERIFICATIONS_DIR: optionalText,
  SF_ACTIONS_DIR: optionalText,
  SF_RESULTS_DIR: optionalText,
  SF_COVERAGE_MIN: z.preprocess(
    (v) => (typeof v === 'string' && v.trim() === '' ? undefined : v),
    z.coerce.number({ error: 'must be a percentage from 0 to 100' }).min(0, 'must be a percentage from 0 to 100').max(100, 'must be a percentage from 0 to 100').default(0),
  ),
  SF_COVERAGE_SOURCE: optionalText,
  SF_COVERAGE_MANIFEST: optionalText,
  SF_COVERAGE_DEPLOY_REPORT: optionalText,
  SF_COVERAGE_ASSIGN: optionalText,
});

/** Persona variable suffixes; any `SF_<X>_<suffix>` with an unknown X is a typo worth stopping for. */
const PERSONA_SUFFIXES = ['USERNAME', 'AUTH', 'PASSWORD', 'ACCESS_TOKEN', 'SFDX_AUTH_URL', 'INSTANCE_URL'] as const;

/** The emulator's sample org ships an emulator-only key and connected app for JWT bearer. */
const EMULATOR_CLIENT_ID = '3MVG9PostflightEmulator.dFqsI1WSQQKu2npwgsk29uYtTniPJpGfwU3GAgUbbcrMpBGHNqGZwIT2fvzk';
const EMULATOR_KEY_FILE = 'org/config/jwt/postflight-emulator.key';

export interface LoadConfigOptions {
  /** Variables to read instead of `process.env` (tests). */
  env?: Record<string, string | undefined>;
  /** The `.env` file to load into `process.env` first (default `.env` in the project root, if present). */
  envFile?: string;
  /** Project root for relative paths (default: the current directory). */
  root?: string;
}

let cached: PostflightConfig | undefined;

/** Reads and validates the configuration once per process; throws one ConfigError listing every problem. */
export function loadConfig(options: LoadConfigOptions = {}): PostflightConfig {
  if (!options.env && cached) return cached;
  const root = options.root ?? process.cwd();
  let source = 'environment';
  if (!options.env) {
    const envFile = options.envFile ?? path.join(root, '.env');
    if (existsSync(envFile)) {
      dotenv.config({ path: envFile, quiet: true });
      source = path.relative(root, envFile) || envFile;
    }
  }
  const env = options.env ?? process.env;
  const config = parseConfig(env, root, source);
  if (!options.env) cached = config;
  return config;
}

export function parseConfig(env: Record<string, string | undefined>, root: string, source = 'environment'): PostflightConfig {
  const problems: string[] = [];
  const parsed = baseSchema.safeParse(env);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) problems.push(`${issue.path.join('.')}: ${issue.message}`);
  }
  problems.push(...unknownPersonaVariables(env));
  if (!parsed.success) throw new ConfigError(problems, source);
  const base = parsed.data;
  const warnings: string[] = [];
  const target = base.SF_TARGET;

  const emulator = emulatorSettings(base, root, problems);
  for (const [variable, dir] of [['SF_VERIFICATIONS_DIR', base.SF_VERIFICATIONS_DIR], ['SF_ACTIONS_DIR', base.SF_ACTIONS_DIR]] as const) {
    if (dir && !existsSync(path.resolve(root, dir))) problems.push(`${variable}: no such folder ${dir}`);
  }
  const coverage = coverageSettings(base, root, emulator.source, problems);
  const emulatorUrl = `http://127.0.0.1:${base.SF_EMULATOR_PORT}`;
  const loginUrl = target === 'org' ? base.SF_LOGIN_URL : emulatorUrl;
  if (target === 'org' && !base.SF_LOGIN_URL) {
    problems.push('SF_LOGIN_URL: required when SF_TARGET=org (https://login.salesforce.com, https://test.salesforce.com or your My Domain URL)');
  }

  let jwtKey: Secret | undefined;
  let jwtKeyChecked = false;
  // The key is shared by every JWT persona: read and report it once.
  const readJwtKey = (persona: string): Secret | undefined => {
    if (jwtKeyChecked) return jwtKey;
    jwtKeyChecked = true;
    const file = target === 'emulator' && !base.SF_JWT_KEY_FILE ? EMULATOR_KEY_FILE : base.SF_JWT_KEY_FILE;
    if (!file) {
      problems.push(`SF_JWT_KEY_FILE: required because ${persona}_AUTH=jwt (the connected app's PEM private key file)`);
      return undefined;
    }
    const full = path.resolve(root, file);
    if (!existsSync(full) || !statSync(full).isFile()) {
      problems.push(`SF_JWT_KEY_FILE: no such file ${file}`);
      return undefined;
    }
    const text = readFileSync(full, 'utf8');
    if (!/-----BEGIN (RSA )?PRIVATE KEY-----/.test(text)) {
      problems.push(`SF_JWT_KEY_FILE: ${file} is not a PEM private key (expected a -----BEGIN PRIVATE KEY----- block: the connected app's key, not its certificate)`);
      return undefined;
    }
    jwtKey = new Secret(text);
    return jwtKey;
  };

  const personas = {} as Record<PersonaName, PersonaAuth>;
  for (const name of PERSONA_NAMES) {
    const prefix = PERSONAS[name].envPrefix;
    const read = (suffix: string) => {
      const value = env[`${prefix}_${suffix}`];
      return value === undefined || value.trim() === '' ? undefined : value.trim();
    };
    const username = read('USERNAME') ?? (target === 'emulator' ? PERSONAS[name].emulatorUsername : undefined);
    const methodText = read('AUTH') ?? (target === 'emulator' ? 'jwt' : undefined);
    if (!methodText) {
      problems.push(`${prefix}_AUTH: required when SF_TARGET=org (one of ${AUTH_METHODS.join(', ')})`);
      continue;
    }
    if (!(AUTH_METHODS as readonly string[]).includes(methodText)) {
      problems.push(`${prefix}_AUTH: must be one of ${AUTH_METHODS.join(', ')} (got "${methodText}")`);
      continue;
    }
    const method = methodText as AuthMethod;
    const clientId = base.SF_CLIENT_ID ?? (target === 'emulator' ? EMULATOR_CLIENT_ID : undefined);
    if (method === 'jwt') {
      if (!username) problems.push(`${prefix}_USERNAME: required for ${prefix}_AUTH=jwt`);
      if (!clientId) problems.push(`SF_CLIENT_ID: required because ${prefix}_AUTH=jwt (the connected app's consumer key)`);
      const key = readJwtKey(prefix);
      if (username && clientId && key) personas[name] = { method, username, clientId, privateKey: key };
    } else if (method === 'sfdx-url') {
      const url = read('SFDX_AUTH_URL');
      const parsedUrl = url ? parseSfdxAuthUrl(url) : undefined;
      if (!url) problems.push(`${prefix}_SFDX_AUTH_URL: required for ${prefix}_AUTH=sfdx-url (from \`sf org display --verbose\`)`);
      else if (!parsedUrl) problems.push(`${prefix}_SFDX_AUTH_URL: must look like force://<clientId>:<clientSecret>:<refreshToken>@<instance>`);
      if (parsedUrl) personas[name] = { method, username, ...parsedUrl };
    } else if (method === 'access-token') {
      const token = read('ACCESS_TOKEN');
      const instanceUrl = read('INSTANCE_URL') ?? base.SF_INSTANCE_URL ?? (target === 'emulator' ? emulatorUrl : undefined);
      if (!token) problems.push(`${prefix}_ACCESS_TOKEN: required for ${prefix}_AUTH=access-token`);
      if (!instanceUrl) problems.push(`SF_INSTANCE_URL: required because ${prefix}_AUTH=access-token`);
      if (token && instanceUrl) personas[name] = { method, username, accessToken: new Secret(token), instanceUrl };
    } else {
      const password = read('PASSWORD');
      if (!username) problems.push(`${prefix}_USERNAME: required for ${prefix}_AUTH=password`);
      if (!password) problems.push(`${prefix}_PASSWORD: required for ${prefix}_AUTH=password`);
      if (!clientId) problems.push(`SF_CLIENT_ID: required because ${prefix}_AUTH=password`);
      if (!base.SF_CLIENT_SECRET) problems.push(`SF_CLIENT_SECRET: required because ${prefix}_AUTH=password`);
      if (username && password && clientId && base.SF_CLIENT_SECRET) {
        personas[name] = { method, username, password: new Secret(password), clientId, clientSecret: new Secret(base.SF_CLIENT_SECRET) };
      }
      warnings.push(
        `${prefix}_AUTH=password uses the OAuth username-password flow, which Salesforce is retiring; switch to jwt (one connected app for all personas).`,
      );
    }
  }

  if (problems.length > 0) throw new ConfigError(problems, source);
  return Object.freeze({
    target,
    loginUrl: loginUrl as string,
    apiVersion: base.SF_API_VERSION,
    releaseId: base.SF_RELEASE_ID ?? defaultReleaseId(root),
    releaseStartedAt: base.SF_RELEASE_STARTED_AT ? new Date(base.SF_RELEASE_STARTED_AT).toISOString() : undefined,
    alertWebhookUrl: base.SF_ALERT_WEBHOOK_URL ? new Secret(base.SF_ALERT_WEBHOOK_URL) : undefined,
    reportUrl: base.SF_REPORT_URL,
    allowProduction: base.SF_ALLOW_PRODUCTION,
    dryRun: base.SF_DRY_RUN,
    backfillMaxRecords: base.SF_BACKFILL_MAX_RECORDS,
    frugal: Object.freeze({ batching: base.SF_BATCHING, caching: base.SF_CACHING }),
    resilience: Object.freeze({ apiBudget: base.SF_API_BUDGET, apiTimeoutMs: base.SF_API_TIMEOUT_SECONDS * 1000, retries: base.SF_API_RETRIES }),
    personas: Object.freeze(personas),
    emulator: Object.freeze(emulator),
    browserPath: base.SF_BROWSER_PATH,
    verificationsDir: path.resolve(root, base.SF_VERIFICATIONS_DIR ?? 'verifications'),
    actionsDir: path.resolve(root, base.SF_ACTIONS_DIR ?? 'actions'),
    stateDir: path.resolve(root, base.SF_STATE_DIR ?? '.auth'),
    resultsDir: path.resolve(root, base.SF_RESULTS_DIR ?? 'reports'),
    coverage: Object.freeze(coverage),
    warnings,
  });
}

function emulatorSettings(base: z.infer<typeof baseSchema>, root: string, problems: string[]): EmulatorSettings {
  const source = path.resolve(root, base.SF_EMULATOR_SOURCE ?? 'org');
  const wantEmulator = base.SF_TARGET === 'emulator';
  if (wantEmulator && !existsSync(path.join(source, 'sfdx-project.json'))) {
    problems.push(`SF_EMULATOR_SOURCE: ${path.relative(root, source) || source} has no sfdx-project.json`);
  }
  const overlayNames = splitList(base.SF_EMULATOR_OVERLAYS);
  const overlays: string[] = [];
  for (const name of overlayNames) {
    // A bare name means one of the sample org's overlays (org/overlays/<name>); anything with a slash is a path.
    const dir = name.includes('/') ? path.resolve(root, name) : path.join(source, 'overlays', name);
    if (wantEmulator && !existsSync(dir)) {
      problems.push(`SF_EMULATOR_OVERLAYS: no overlay "${name}" (looked in ${path.relative(root, dir)}); ${overlayChoices(source)}`);
    }
    overlays.push(dir);
  }
  const users: string[] = [];
  for (const entry of splitList(base.SF_EMULATOR_USERS ?? path.join(path.relative(root, source) || '.', 'users'))) {
    const full = path.resolve(root, entry);
    if (!existsSync(full)) {
      if (wantEmulator && base.SF_EMULATOR_USERS) problems.push(`SF_EMULATOR_USERS: no such file or folder ${entry}`);
      continue;
    }
    if (statSync(full).isDirectory()) {
      for (const file of readdirSorted(full)) if (file.endsWith('.json')) users.push(path.join(full, file));
    } else {
      users.push(full);
    }
  }
  // An overlay may replace the scheduled jobs as a whole (org/overlays/job-unscheduled/jobs.json); the last one wins.
  const overlayJobs = overlays.map((dir) => path.join(dir, 'jobs.json')).filter((file) => existsSync(file)).at(-1);
  const jobsDefault = path.join(source, 'jobs.json');
  const jobs = base.SF_EMULATOR_JOBS
    ? path.resolve(root, base.SF_EMULATOR_JOBS)
    : (overlayJobs ?? (existsSync(jobsDefault) ? jobsDefault : undefined));
  if (wantEmulator && base.SF_EMULATOR_JOBS && jobs && !existsSync(jobs)) problems.push(`SF_EMULATOR_JOBS: no such file ${base.SF_EMULATOR_JOBS}`);
  return { port: base.SF_EMULATOR_PORT, source, overlays, overlayNames, users, jobs, reuseExisting: base.SF_EMULATOR_REUSE, strict: base.SF_EMULATOR_STRICT, latency: base.SF_EMULATOR_LATENCY, faults: base.SF_EMULATOR_FAULTS };
}

function coverageSettings(base: z.infer<typeof baseSchema>, root: string, emulatorSource: string, problems: string[]): CoverageSettings {
  const source = base.SF_COVERAGE_SOURCE ? path.resolve(root, base.SF_COVERAGE_SOURCE) : emulatorSource;
  if (base.SF_COVERAGE_SOURCE && !existsSync(path.join(source, 'sfdx-project.json'))) problems.push(`SF_COVERAGE_SOURCE: ${base.SF_COVERAGE_SOURCE} has no sfdx-project.json`);
  const file = (variable: string, value: string | undefined) => {
    if (!value) return undefined;
    const full = path.resolve(root, value);
    if (!existsSync(full)) problems.push(`${variable}: no such file ${value}`);
    return full;
  };
  const manifest = file('SF_COVERAGE_MANIFEST', base.SF_COVERAGE_MANIFEST);
  const deployReport = file('SF_COVERAGE_DEPLOY_REPORT', base.SF_COVERAGE_DEPLOY_REPORT);
  if (manifest && deployReport) problems.push('SF_COVERAGE_MANIFEST and SF_COVERAGE_DEPLOY_REPORT: set one of them, not both');
  const assignments = splitList(base.SF_COVERAGE_ASSIGN);
  for (const assignment of assignments) {
    const [persona = '', permissionSet] = assignment.split(':').map((p) => p.trim());
    if (!permissionSet || !(VERIFYING_PERSONAS as readonly string[]).includes(persona)) {
      problems.push(`SF_COVERAGE_ASSIGN: "${assignment}" must be <persona>:<PermissionSet> with a persona among ${VERIFYING_PERSONAS.join(', ')}`);
    }
  }
  return { min: base.SF_COVERAGE_MIN, source, manifest, deployReport, assignments };
}

function unknownPersonaVariables(env: Record<string, string | undefined>): string[] {
  const known = new Set<string>(PERSONA_NAMES.map((n) => PERSONAS[n].envPrefix));
  const shape = new RegExp(`^(SF_[A-Z0-9_]+?)_(${PERSONA_SUFFIXES.join('|')})$`);
  const problems: string[] = [];
  for (const key of Object.keys(env).sort()) {
    const match = shape.exec(key);
    if (!match || known.has(match[1] ?? '')) continue;
    // SF_INSTANCE_URL is a global setting, not a persona variable.
    if (key === 'SF_INSTANCE_URL') continue;
    problems.push(`${key}: unknown persona "${match[1]?.slice(3)}" (known: ${[...known].map((p) => p.slice(3)).join(', ')})`);
  }
  return problems;
}

function parseSfdxAuthUrl(url: string): { clientId: string; clientSecret?: Secret; refreshToken: Secret; instanceUrl: string } | undefined {
  // Format written by `sf org display --verbose`: force://<clientId>:<clientSecret>:<refreshToken>@<instanceUrl>
  const match = /^force:\/\/([^:]+):([^:]*):([^@]+)@(.+)$/.exec(url);
  if (!match) return undefined;
  const [, clientId, clientSecret, refreshToken, host] = match;
  if (!clientId || !refreshToken || !host) return undefined;
  return {
    clientId,
    clientSecret: clientSecret ? new Secret(clientSecret) : undefined,
    refreshToken: new Secret(refreshToken),
    instanceUrl: host.startsWith('http') ? host : `https://${host}`,
  };
}

/** The fix for a misnamed overlay: the sample org's own overlays, or how to name another folder. */
function overlayChoices(source: string): string {
  const dir = path.join(source, 'overlays');
  const names = existsSync(dir) ? readdirSorted(dir).filter((name) => statSync(path.join(dir, name)).isDirectory()) : [];
  const other = 'a path with a slash (./my-overlay) names any other folder';
  return names.length > 0 ? `name one of ${names.join(', ')}, or ${other}` : other;
}

const FAULT_RATES = ['transient', 'lock', 'unavailable', 'drop', 'lost', 'slow'];
const FAULT_COUNTS: Record<string, [number, number]> = { 'slow-ms': [1, 60_000], 'expire-after': [1, 1_000_000], 'expire-max': [1, 1_000_000], limit: [1, 100_000_000], seed: [0, 2 ** 31 - 1] };

/**
 * What is wrong with an SF_EMULATOR_FAULTS value, checked here so that a typo stops the run with one message
 * before the emulator starts. The emulator checks it again (emulator/http/faults.ts): suite and emulator share
 * no code, so the grammar is written down twice, and test/unit/config covers both sides.
 */
export function faultSpecProblem(text: string): string | undefined {
  const example = 'e.g. transient=0.05,expire-after=25,expire-max=1,seed=7';
  const seen = new Set<string>();
  for (const part of text.split(',').filter(Boolean)) {
    const [key = '', value = '', ...rest] = part.split('=');
    if (!value || rest.length > 0) return `"${part}" is not key=value (${example})`;
    if (seen.has(key)) return `"${key}" is given twice`;
    seen.add(key);
    if (FAULT_RATES.includes(key)) {
      if (!/^(0(\.\d+)?|1(\.0+)?|\.\d+)$/.test(value)) return `"${key}" is a rate from 0 to 1 (e.g. ${key}=0.05), got "${value}"`;
    } else if (FAULT_COUNTS[key]) {
      const [min, max] = FAULT_COUNTS[key];
      if (!/^\d+$/.test(value) || Number(value) < min || Number(value) > max) return `"${key}" is a whole number from ${min} to ${max}, got "${value}"`;
    } else {
      return `unknown fault "${key}" (known: ${[...FAULT_RATES, ...Object.keys(FAULT_COUNTS)].join(', ')})`;
    }
  }
  if (seen.size === 0) return `names no fault (${example})`;
  if (seen.has('expire-max') && !seen.has('expire-after')) return '"expire-max" needs "expire-after" (the request at which a session ends)';
  if (seen.has('transient') && ['lock', 'unavailable', 'drop'].some((k) => seen.has(k))) return 'give either "transient" or the separate lock/unavailable/drop rates, not both';
  return undefined;
}

function splitList(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

function readdirSorted(dir: string): string[] {
  return readdirSync(dir).sort();
}

function defaultReleaseId(root: string): string {
  // A deployment id or git tag should be set explicitly; without one, the commit identifies the release.
  try {
    const head = readFileSync(path.join(root, '.git', 'HEAD'), 'utf8').trim();
    const ref = head.startsWith('ref: ') ? readFileSync(path.join(root, '.git', head.slice(5)), 'utf8').trim() : head;
    return `commit-${ref.slice(0, 12)}`;
  } catch {
    return 'unversioned';
  }
}
