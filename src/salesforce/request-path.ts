/**
 * The one path every HTTP request the suite makes to the org takes: jsforce sends REST, SOAP, Bulk and OAuth
 * requests through its connection's (or OAuth2 client's) transport, and `throughRequestPath` puts this
 * module in front of that transport. Here the run counts what it spent of the org's API allocation, keeps to
 * its API budget, gives up waiting after a timeout that names the request, and retries what the org did not
 * do because it hiccuped, never what it refused:
 *
 * | what happened                                       | retried?                                               |
 * |-----------------------------------------------------|--------------------------------------------------------|
 * | 400 UNABLE_TO_LOCK_ROW                              | yes, any method: the org rolled the transaction back   |
 * | 503                                                 | yes, any method: the org did not run it ([UNVERIFIED]) |
 * | connection refused / host not found                 | yes, any method: the request never left                |
 * | connection dropped, timeout, 502, 504               | only what is safe to repeat: reads (GET, read-only     |
 * |                                                     | POSTs such as an all-GET composite), token requests,   |
 * |                                                     | DELETE (already-gone counts as done), PATCH after a    |
 * |                                                     | read-back; a create only after a look-up shows it did  |
 * |                                                     | not land (write-landed.ts); anything else is reported  |
 * |                                                     | as an environment problem, never sent twice            |
 * | 401 INVALID_SESSION_ID                              | jsforce re-authenticates the persona (connect.ts) and  |
 * |                                                     | sends it again                                         |
 * | anything else (validation, access, 404, 403 limits) | never: that is the org's answer                        |
 *
 * A lock reported inside a 200 answer (one subrequest of a composite call, one record of an sObject Collection)
 * is returned as the org said it: the caller sees the item's error, and the check fails as an environment
 * problem (UNABLE_TO_LOCK_ROW is in the report's environment pattern). [UNVERIFIED] whether a real org reports a
 * lock per item there or fails the whole call; the emulator injects locks on single-record writes only.
 *
 * Retries wait with exponential backoff and jitter (250 ms, 500 ms, 1 s, 2 s ... at most 4 s, each between
 * half and all of that), up to SF_API_RETRIES times. jsforce's own retries are switched off here: they repeat
 * GETs only, without jitter, for up to 15.5 s, and cannot be counted.
 *
 * A result the run could not obtain (retries used up, budget spent, no answer in time, a write that may or may
 * not have landed) is an `EnvironmentProblem`, whose message starts with `Environment problem:` so that the
 * report files it under environment problems (src/report/categories.ts), never as a regression or a pass.
 *
 * Browser traffic (Lightning pages, frontdoor) is the browser's and does not pass here; its session refresh is
 * in fixtures/ui-session.fixture.ts.
 *
 * @example
 * const conn = throughRequestPath(new Connection({ instanceUrl, accessToken }), { userId });
 * const before = requestTally.api;
 * await conn.query('SELECT Id FROM Account LIMIT 1');
 * requestTally.api - before; // 1 (2 if the org hiccuped once)
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { appendFileSync, mkdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import type { Connection, OAuth2 } from '@jsforce/jsforce-node';
import { CLOCK_SLACK_MS, didWriteLand, writeCheckFor } from './write-landed.js';

type Transport = Connection['_transport'];
type HttpRequest = Parameters<Transport['httpRequest']>[0];
type HttpRequestOptions = NonNullable<Parameters<Transport['httpRequest']>[1]>;
export type HttpResponse = Awaited<ReturnType<Transport['httpRequest']>>;

/** `api` counts against the org's DailyApiRequests; `auth` (token, revoke, identity) does not. */
export type OrgRequestKind = 'api' | 'auth';

/** Requests this process sent to the org, by kind (read it before and after something to count it). */
export const requestTally: Record<OrgRequestKind, number> = { api: 0, auth: 0 };

/** What the request path did about a noisy org in this process. */
export const resilienceTally = { retries: 0, refreshes: 0, landedChecks: 0, gaveUp: 0, budgetStops: 0 };

/** A result the run could not obtain from the org: reported as an environment problem, not a regression. */
export class EnvironmentProblem extends Error {
  constructor(what: string) {
    super(`Environment problem: ${what}`);
    this.name = 'EnvironmentProblem';
  }
}

export interface RequestPolicy {
  /** Retries of one request after a transient error. */
  retries: number;
  /** The first backoff; each next one doubles, up to `maxBackoffMs`; each is jittered to 50-100 %. */
  backoffMs: number;
  maxBackoffMs: number;
  /** How long one attempt waits for its answer. */
  timeoutMs: number;
  /** The run's API budget: requests counted in `counterFile` (one byte each, shared by every worker). */
  budget?: { limit: number; counterFile: string };
  /** Where retries, refreshes and give-ups are noted, one JSON line each (the benchmark reads it). */
  eventLog?: string;
  /** For tests: how to wait and what to jitter with. */
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
}

const DEFAULT_POLICY: RequestPolicy = { retries: 4, backoffMs: 250, maxBackoffMs: 4_000, timeoutMs: 30_000 };
let policy: RequestPolicy = DEFAULT_POLICY;

/** Sets how this process's requests are retried, timed out and budgeted (fixtures/config.fixture.ts, from the config). */
export function setRequestPolicy(changes: Partial<RequestPolicy>): void {
  policy = { ...DEFAULT_POLICY, ...changes };
}

const outsideBudget = new AsyncLocalStorage<boolean>();

/**
 * Runs `work` without spending the API budget: removing the run's test data must not be stopped by it (a run
 * that spent its budget still leaves nothing behind). Its requests are still counted in `requestTally`.
 * A jsforce query is sent when awaited, so await it inside: `beyondBudget(async () => await conn.query(q))`.
 */
export function beyondBudget<T>(work: () => Promise<T>): Promise<T> {
  return outsideBudget.run(true, work);
}

/** Notes a session refresh (API re-authentication or a new Lightning session) for the run's figures. */
export function noteRefresh(channel: 'api' | 'ui', who?: string): void {
  resilienceTally.refreshes += 1;
  note({ type: 'refresh', channel, ...(who ? { who } : {}) });
}

const routed = new WeakSet<Transport>();
/**
 * Records this process created and got the answer for, by org (origin), each with when its answer arrived (our
 * clock): a dropped create's look-up skips them. Only ids learned since just before the dropped request was sent
 * count: a record whose id we knew earlier was created earlier, so the look-up's CreatedDate window leaves it out
 * anyway. Keeping to that window also means an id learned from another org that once answered at the same origin
 * (the project's tests start emulators one after another on reused ports, and emulators hand out the same ids) is
 * not taken for this org's record, and the memory does not grow over a long watch.
 */
const createdHere = new Map<string, Map<string, number>>();
function createdAt(url: string): Map<string, number> {
  const origin = originOf(url);
  let ids = createdHere.get(origin);
  if (!ids) createdHere.set(origin, (ids = new Map()));
  return ids;
}
/** Ids learned at `url`'s org since `sinceMs` (our clock); older ones are forgotten. */
function idsLearnedSince(url: string, sinceMs: number): Set<string> {
  const ids = createdAt(url);
  for (const [id, learnedAt] of ids) if (learnedAt < sinceMs - FORGET_AFTER_MS) ids.delete(id);
  return new Set([...ids].filter(([, learnedAt]) => learnedAt >= sinceMs).map(([id]) => id));
}
/** Well beyond any request's timeout and retries: a look-up never asks about a request older than this. */
const FORGET_AFTER_MS = 15 * 60_000;
/**
 * How far each org's clock is ahead of ours, from the `Date` header of its answers, by origin: one process can
 * talk to more than one org (the project's own tests start several emulators, some with a shifted clock).
 */
const orgClockOffsetMs = new Map<string, number>();

export interface RequestPathOptions {
  /** The user the connection runs as: a dropped create is looked up among what this user created. */
  userId?: string;
}

/** Routes every request of a jsforce connection or OAuth2 client through this module; idempotent. */
export function throughRequestPath<T extends Connection | OAuth2>(client: T, options: RequestPathOptions = {}): T {
  const transport = client._transport;
  if (routed.has(transport)) return client;
  const send = transport.httpRequest.bind(transport);
  transport.httpRequest = (request, requestOptions) => {
    // jsforce writes a streamed body (a Bulk API 2.0 upload) into the request's own stream after this returns:
    // that request must be the transport's own, sent once; it is counted and budgeted like any other.
    if (streamsItsBody(request)) return sendStreamed(send, request, requestOptions ?? {});
    const body = new PassThrough();
    const promise = sendResiliently(send, request, requestOptions ?? {}, options);
    promise.then(
      (response) => body.end(response.body),
      () => body.end(),
    );
    // jsforce reads the answer from the promise and (for streamed results) from `stream()`: give it both.
    return Object.assign(promise, { stream: () => body }) as unknown as ReturnType<Transport['httpRequest']>;
  };
  routed.add(transport);
  return client;
}

/** A write with no body yet: jsforce pipes the body into `stream()` (JobDataV2.execute for Bulk API 2.0 uploads). */
function streamsItsBody(request: HttpRequest): boolean {
  return (request.body === undefined || request.body === null) && ['PUT', 'POST', 'PATCH'].includes(request.method.toUpperCase());
}

/**
 * Sends a streamed request once, as the transport does, so that the caller can write its body into `stream()`.
 * It cannot be repeated (the body is gone once streamed), so only the timeout applies; a dropped connection
 * surfaces as jsforce reports it, and the report's environment pattern files it (ECONNRESET, socket hang up).
 */
function sendStreamed(send: Transport['httpRequest'], request: HttpRequest, options: HttpRequestOptions): ReturnType<Transport['httpRequest']> {
  const kind = kindOf(request);
  if (kind === 'api') spendBudget(`${request.method} ${pathOf(request.url)}`);
  requestTally[kind] += 1;
  return send(request, { ...options, retry: NO_JSFORCE_RETRY, timeout: policy.timeoutMs });
}

export function kindOf(request: HttpRequest): OrgRequestKind {
  const pathname = pathOf(request.url);
  return pathname.startsWith('/services/oauth2/') || pathname.startsWith('/id/') ? 'auth' : 'api';
}

/** What happened to one attempt, as the retry rules see it. */
type Outcome =
  | { kind: 'answered' }
  | { kind: 'not-run'; reason: string }
  | { kind: 'unknown'; reason: string };

/** jsforce must not retry underneath: these rules decide, and count. */
const NO_JSFORCE_RETRY: HttpRequestOptions['retry'] = { methods: [] };

async function sendResiliently(
  send: Transport['httpRequest'],
  request: HttpRequest,
  options: HttpRequestOptions,
  context: RequestPathOptions,
): Promise<HttpResponse> {
  const kind = kindOf(request);
  const what = `${request.method} ${pathOf(request.url)}`;
  const started = Date.now();
  const repeatable = typeof request.body === 'string' || request.body === undefined || request.body === null;
  let deleteRepeated = false;
  for (let attempt = 0; ; attempt++) {
    if (kind === 'api') spendBudget(what);
    requestTally[kind] += 1;
    const sentAt = Date.now();
    const sentAtOrgTime = sentAt + (orgClockOffsetMs.get(originOf(request.url)) ?? 0);
    let response: HttpResponse | undefined;
    let failure: unknown;
    try {
      response = await send(request, { ...options, retry: NO_JSFORCE_RETRY, timeout: policy.timeoutMs });
      learnOrgClock(request.url, response);
    } catch (error) {
      failure = error;
    }
    if (response && deleteRepeated && request.method === 'DELETE' && alreadyGone(response)) {
      // The first DELETE landed and only its answer was lost: the record is gone, as asked.
      return { statusCode: 204, headers: {}, body: '' };
    }
    const outcome = classify(response, failure);
    if (outcome.kind === 'answered') {
      if (response) rememberCreated(request, response);
      if (failure !== undefined) throw failure;
      return response as HttpResponse;
    }
    const attempts = attempt + 1;
    const giveUp = (why: string): never => {
      resilienceTally.gaveUp += 1;
      note({ type: 'gave-up', what, reason: outcome.reason, attempts });
      throw new EnvironmentProblem(`${why} (${what}, ${attempts} attempt(s) over ${((Date.now() - started) / 1000).toFixed(1)} s): the result could not be obtained from the org`);
    };
    if (!repeatable) giveUp(`${outcome.reason}, and the request streamed its body, so it cannot be sent again`);
    if (outcome.kind === 'unknown' && kind === 'api' && !safeToRepeat(request)) {
      const check = writeCheckFor(request.method, pathOf(request.url), request.body);
      if (!check) giveUp(`${outcome.reason}; not sent again, because the org may have applied it and a second one could apply it twice`);
      resilienceTally.landedChecks += 1;
      const verdict = await didWriteLand(check as NonNullable<typeof check>, {
        ask: async (below) => {
          const lookUp = { method: 'GET' as const, url: versionBase(request.url) + below, headers: withoutBodyHeaders(request.headers) };
          // A read, so safe to repeat: the connection the org just dropped may be the pooled one it goes out on.
          for (let tries = 0; ; tries++) {
            requestTally.api += 1;
            try {
              return await send(lookUp, { retry: NO_JSFORCE_RETRY, timeout: policy.timeoutMs });
            } catch (error) {
              if (tries >= 2 || classify(undefined, error).kind === 'answered') throw error;
              await (policy.sleep ?? sleep)(backoff(tries));
            }
          }
        },
        sentAtOrgTime,
        userId: context.userId,
        knownIds: idsLearnedSince(request.url, sentAt - CLOCK_SLACK_MS),
      });
      note({ type: 'landed-check', what, verdict: 'unknown' in verdict ? 'unknown' : verdict.landed ? 'landed' : 'not landed' });
      if ('unknown' in verdict) giveUp(`${outcome.reason}, and whether the org applied it is unknown: ${verdict.unknown}; not sent again, so that nothing is saved twice`);
      else if (verdict.landed) {
        rememberCreated(request, verdict.response);
        return verdict.response;
      }
    }
    if (attempt >= policy.retries) giveUp(`the org kept failing: ${outcome.reason}`);
    if (request.method === 'DELETE' && outcome.kind === 'unknown') deleteRepeated = true;
    resilienceTally.retries += 1;
    note({ type: 'retry', what, reason: outcome.reason, attempt: attempts });
    await (policy.sleep ?? sleep)(backoff(attempt));
  }
}

/** Exponential backoff with "equal jitter": half of the step for sure, the other half at random. */
export function backoff(attempt: number, current: Pick<RequestPolicy, 'backoffMs' | 'maxBackoffMs' | 'random'> = policy): number {
  const step = Math.min(current.maxBackoffMs, current.backoffMs * 2 ** attempt);
  return Math.round(step / 2 + (step / 2) * (current.random ?? Math.random)());
}

/** Network errors where the request never reached the org (no connection was made). */
const NEVER_SENT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH']);
/** Network errors after which the org may or may not have run the request. */
const CUT_OFF = new Set(['ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'UND_ERR_SOCKET', 'ECONNABORTED']);

export function classify(response: HttpResponse | undefined, failure: unknown): Outcome {
  if (failure !== undefined) {
    const error = failure as { name?: string; code?: string; message?: string };
    if (error.name === 'AbortError' || error.message === 'Request Timeout') {
      const wait = policy.timeoutMs >= 1000 ? `${Math.round(policy.timeoutMs / 1000)} s` : `${policy.timeoutMs} ms`;
      return { kind: 'unknown', reason: `the org did not answer within ${wait} (SF_API_TIMEOUT_SECONDS)` };
    }
    if (error.code && NEVER_SENT.has(error.code)) return { kind: 'not-run', reason: `the org could not be reached (${error.code})` };
    if ((error.code && CUT_OFF.has(error.code)) || /socket hang up|ECONNRESET/i.test(error.message ?? '')) {
      return { kind: 'unknown', reason: `the connection dropped before the answer (${error.code ?? 'socket hang up'})` };
    }
    return { kind: 'answered' };
  }
  const status = response?.statusCode ?? 0;
  if (status === 503) return { kind: 'not-run', reason: 'the org answered 503 (unavailable)' };
  if (status === 502 || status === 504) return { kind: 'unknown', reason: `a gateway answered ${status} for the org` };
  if (status === 400 && errorCodesOf(response).includes('UNABLE_TO_LOCK_ROW')) return { kind: 'not-run', reason: 'the org answered UNABLE_TO_LOCK_ROW (a record was locked)' };
  return { kind: 'answered' };
}

/**
 * Requests that mean the same the second time: reads, token and login requests (a second token is as good as
 * the first), DELETE (already gone counts as done), and POSTs that only read (a composite of GETs, sObject
 * Collections retrieve). Anonymous Apex runs code even as a GET, so it is never repeated.
 */
export function safeToRepeat(request: HttpRequest): boolean {
  const pathname = pathOf(request.url);
  if (/\/executeAnonymous$/i.test(pathname)) return false;
  if (['GET', 'HEAD', 'OPTIONS', 'DELETE'].includes(request.method)) return true;
  if (kindOf(request) === 'auth' || /^\/services\/Soap\/u\//i.test(pathname)) return true;
  if (request.method !== 'POST' || typeof request.body !== 'string') return false;
  if (/\/composite\/sobjects\/[^/]+$/i.test(pathname)) return true; // retrieve by ids: POST with {ids, fields}
  if (/\/composite$/i.test(pathname)) {
    try {
      const body = JSON.parse(request.body) as { compositeRequest?: { method?: string }[] };
      return (body.compositeRequest ?? []).every((sub) => (sub.method ?? 'GET').toUpperCase() === 'GET');
    } catch {
      return false;
    }
  }
  return false;
}

function spendBudget(what: string): void {
  const budget = policy.budget;
  if (!budget || outsideBudget.getStore()) return;
  let spent = 0;
  try {
    spent = statSync(budget.counterFile).size;
  } catch {
    mkdirSync(path.dirname(budget.counterFile), { recursive: true, mode: 0o700 });
  }
  if (spent >= budget.limit) {
    resilienceTally.budgetStops += 1;
    note({ type: 'budget-stop', what });
    throw new EnvironmentProblem(
      `API budget exhausted: this run has sent the ${budget.limit} API requests SF_API_BUDGET allows, so ${what} was not sent and what it would have checked is unknown (raise SF_API_BUDGET or find what spends it)`,
    );
  }
  // One byte per request, appended: the file's size is the run's count across every worker process.
  appendFileSync(budget.counterFile, '.');
}

function note(event: Record<string, unknown>): void {
  if (!policy.eventLog) return;
  try {
    mkdirSync(path.dirname(policy.eventLog), { recursive: true });
    appendFileSync(policy.eventLog, `${JSON.stringify({ at: new Date().toISOString(), pid: process.pid, ...event })}\n`);
  } catch {
    // The figures are a by-product: a results folder that cannot be written must not fail a request.
  }
}

/** The failed write's headers (its session) without those that describe its body: the look-up is a GET. */
function withoutBodyHeaders(headers: HttpRequest['headers']): Record<string, string> {
  return Object.fromEntries(Object.entries(headers ?? {}).filter(([name]) => !/^(content-length|content-type|transfer-encoding)$/i.test(name)));
}

function errorCodesOf(response: HttpResponse | undefined): string[] {
  if (!response || !/json/i.test(response.headers['content-type'] ?? '')) return [];
  try {
    const body = JSON.parse(response.body) as unknown;
    return (Array.isArray(body) ? body : [body]).map((e) => String((e as { errorCode?: unknown } | null)?.errorCode ?? ''));
  } catch {
    return [];
  }
}

function alreadyGone(response: HttpResponse): boolean {
  return response.statusCode === 404 && errorCodesOf(response).some((code) => code === 'ENTITY_IS_DELETED' || code === 'NOT_FOUND');
}

function rememberCreated(request: HttpRequest, response: HttpResponse): void {
  if (request.method !== 'POST' || response.statusCode !== 201) return;
  try {
    const id = (JSON.parse(response.body) as { id?: unknown }).id;
    if (typeof id === 'string') createdAt(request.url).set(id, Date.now());
  } catch {
    // Not a create's answer.
  }
}

function learnOrgClock(url: string, response: HttpResponse): void {
  const date = Date.parse(response.headers['date'] ?? '');
  if (Number.isFinite(date)) orgClockOffsetMs.set(originOf(url), date - Date.now());
}

function originOf(url: string): string {
  return new URL(url, 'http://localhost').origin;
}

/** The path of a request URL, without its query string (which may carry a token) and with runs of slashes merged. */
export function pathOf(url: string): string {
  return new URL(url, 'http://localhost').pathname.replace(/\/{2,}/g, '/');
}

/** `https://x.my.salesforce.com/services/data/v62.0/sobjects/Case` -> `https://x.my.salesforce.com/services/data/v62.0`. */
function versionBase(url: string): string {
  const match = /^(.*?\/services\/data\/v\d+\.\d+)/.exec(url);
  return match?.[1] ?? url;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
