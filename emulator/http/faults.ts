/**
 * Fault injection: an org that hiccups the way production Salesforce does, so the suite can prove that it
 * tells "the org hiccuped" apart from "the release broke something".
 *
 *   --faults transient=0.05,expire-after=25,expire-max=1,seed=7
 *
 * | key            | value                | what the org does                                                         |
 * |----------------|----------------------|---------------------------------------------------------------------------|
 * | `transient`    | rate 0-1             | that share of API requests fails with one transient error, picked among   |
 * |                |                      | those that fit the request: UNABLE_TO_LOCK_ROW (single-record writes), 503 |
 * |                |                      | or a dropped connection                                                   |
 * | `lock`         | rate 0-1             | single-record writes answer 400 UNABLE_TO_LOCK_ROW (nothing saved)        |
 * | `unavailable`  | rate 0-1             | API requests answer 503 SERVER_UNAVAILABLE (nothing run)                  |
 * | `drop`         | rate 0-1             | the connection is closed before the org reads the request (nothing run)   |
 * | `lost`         | rate 0-1             | the org runs the request, then the connection closes before the answer    |
 * |                |                      | (not part of `transient`: the client cannot tell it from `drop`)          |
 * | `slow`         | rate 0-1             | API requests and Lightning pages wait `slow-ms` longer                    |
 * | `slow-ms`      | ms, default 3000     |                                                                           |
 * | `expire-after` | requests             | a session ends at its N-th request (API: 401 INVALID_SESSION_ID; a        |
 * |                |                      | Lightning page: redirect to the login page)                               |
 * | `expire-max`   | count, default none  | at most that many forced expiries per user and channel (API, UI)          |
 * | `limit`        | requests             | the org's DailyApiRequests allocation: past it, 403 REQUEST_LIMIT_EXCEEDED |
 * | `seed`         | integer, default 1   | the same seed gives the same faults to the same sequence of requests      |
 *
 * What counts as what (request-kind.ts): transient errors and `lost` hit API traffic only (`/services/...`,
 * not the OAuth token endpoint, whose failures the suite reports as auth problems, not hiccups). Sessions
 * expire on both channels: an API session at any request, a Lightning (UI) session at a Lightning page load,
 * where a real org sends the browser to the login page. [UNVERIFIED] a real Lightning page whose session
 * ends between pages shows a "session expired" dialog on its next server call; the emulator's Lightning client
 * has no such dialog, so UI sessions end only where a real org's answer is certain (the page load).
 *
 * Determinism: each decision is a hash of (seed, user, the user's request ordinal, what is decided), not a
 * shared random stream, so the faults a persona meets do not depend on how other personas' requests interleave
 * with its own. A retried request is a new request with the next ordinal.
 */
import { createHash } from 'node:crypto';
import type { Request, RequestHandler, Response } from 'express';
import type { OrgServiceApi, Session } from '../contracts.js';
import { uiSessionOf } from '../ui/ui-session.js';
import { requestKind } from './request-kind.js';
import { apiSessionOf } from './request-stats.js';
import { JSON_CONTENT_TYPE } from './wire.js';

export interface FaultPlan {
  /** Share of API requests that fail with one transient error that fits them. */
  transient: number;
  lock: number;
  unavailable: number;
  drop: number;
  lost: number;
  slow: number;
  slowMs: number;
  /** A session ends at its N-th request. */
  expireAfter?: number;
  /** At most this many forced expiries per user and channel. */
  expireMax?: number;
  /** DailyApiRequests of the org (applied by the org, not by this middleware). */
  limit?: number;
  seed: number;
}

export type TransientFault = 'lock' | 'unavailable' | 'drop' | 'lost';

export interface FaultCounts {
  lock: number;
  unavailable: number;
  drop: number;
  lost: number;
  slow: number;
  expiredApi: number;
  expiredUi: number;
}

const RATE_KEYS = ['transient', 'lock', 'unavailable', 'drop', 'lost', 'slow'] as const;
const MAX_SLOW_MS = 60_000;
const SPEC_EXAMPLE = 'transient=0.05,expire-after=25,expire-max=1,seed=7';

/**
 * Reads a fault spec. Throws an Error naming the bad part and the fix.
 *
 * @example parseFaults('transient=0.05,seed=7') // { transient: 0.05, seed: 7, ... }
 */
export function parseFaults(text: string): FaultPlan {
  const plan: FaultPlan = { transient: 0, lock: 0, unavailable: 0, drop: 0, lost: 0, slow: 0, slowMs: 3000, seed: 1 };
  const seen = new Set<string>();
  const parts = text.split(',').map((p) => p.trim()).filter(Boolean);
  if (parts.length === 0) throw new Error(`no faults given: write key=value pairs, e.g. ${SPEC_EXAMPLE}`);
  for (const part of parts) {
    const match = /^([a-z-]+)=(.+)$/.exec(part);
    const key = match?.[1] ?? '';
    const raw = match?.[2] ?? '';
    if (!match) throw new Error(`'${part}' is not key=value (e.g. ${SPEC_EXAMPLE})`);
    if (seen.has(key)) throw new Error(`'${key}' is given twice`);
    seen.add(key);
    if ((RATE_KEYS as readonly string[]).includes(key)) {
      const rate = Number(raw);
      if (!/^(0(\.\d+)?|1(\.0+)?|\.\d+)$/.test(raw) || rate < 0 || rate > 1) throw new Error(`'${key}' is a rate from 0 to 1 (e.g. ${key}=0.05), got '${raw}'`);
      plan[key as (typeof RATE_KEYS)[number]] = rate;
      continue;
    }
    const whole = (min: number, max: number): number => {
      const n = Number(raw);
      if (!/^\d+$/.test(raw) || n < min || n > max) throw new Error(`'${key}' is a whole number from ${min} to ${max}, got '${raw}'`);
      return n;
    };
    switch (key) {
      case 'slow-ms':
        plan.slowMs = whole(1, MAX_SLOW_MS);
        break;
      case 'expire-after':
        plan.expireAfter = whole(1, 1_000_000);
        break;
      case 'expire-max':
        plan.expireMax = whole(1, 1_000_000);
        break;
      case 'limit':
        plan.limit = whole(1, 100_000_000);
        break;
      case 'seed':
        plan.seed = whole(0, 2 ** 31 - 1);
        break;
      default:
        throw new Error(`unknown fault '${key}' (known: ${[...RATE_KEYS, 'slow-ms', 'expire-after', 'expire-max', 'limit', 'seed'].join(', ')})`);
    }
  }
  if (plan.expireMax !== undefined && plan.expireAfter === undefined) throw new Error("'expire-max' needs 'expire-after' (the request at which a session ends)");
  if (plan.transient > 0 && (plan.lock > 0 || plan.unavailable > 0 || plan.drop > 0)) {
    throw new Error("give either 'transient' (spread over lock, unavailable and drop) or the separate rates, not both");
  }
  return plan;
}

export function formatFaults(plan: FaultPlan): string {
  const parts: string[] = [];
  for (const key of RATE_KEYS) if (plan[key] > 0) parts.push(`${key}=${plan[key]}`);
  if (plan.slow > 0) parts.push(`slow-ms=${plan.slowMs}`);
  if (plan.expireAfter !== undefined) parts.push(`expire-after=${plan.expireAfter}`);
  if (plan.expireMax !== undefined) parts.push(`expire-max=${plan.expireMax}`);
  if (plan.limit !== undefined) parts.push(`limit=${plan.limit}`);
  parts.push(`seed=${plan.seed}`);
  return parts.join(',');
}

/** A number in [0, 1) from the seed and what is being decided (deterministic; see the file comment). */
export function draw(seed: number, ...what: (string | number)[]): number {
  const digest = createHash('sha256').update(`${seed}|${what.join('|')}`).digest();
  return digest.readUInt32BE(0) / 2 ** 32;
}

/** A single-record sObject write: the only requests that take a row lock alone (`/sobjects/T`, `/sobjects/T/id`, upserts). */
export function isSingleRecordWrite(method: string, path: string): boolean {
  if (method === 'GET' || method === 'HEAD') return false;
  return /^\/services\/data\/v\d+\.\d+\/(tooling\/)?sobjects\/[^/]+(\/[^/]+){0,2}$/i.test(path) && !/\/describe$/i.test(path);
}

/**
 * Which transient fault (if any) a request meets. `transient` picks among the faults that fit the request;
 * the separate rates are checked one after the other (lock only for single-record writes).
 */
export function transientFaultFor(plan: FaultPlan, method: string, path: string, user: string, ordinal: number): TransientFault | undefined {
  const writes = isSingleRecordWrite(method, path);
  const u = draw(plan.seed, 'transient', user, ordinal);
  if (plan.transient > 0) {
    if (u < plan.transient) {
      const kinds: TransientFault[] = writes ? ['lock', 'unavailable', 'drop'] : ['unavailable', 'drop'];
      return kinds[Math.floor(draw(plan.seed, 'kind', user, ordinal) * kinds.length)];
    }
  } else {
    let edge = 0;
    for (const kind of ['lock', 'unavailable', 'drop'] as const) {
      if (kind === 'lock' && !writes) continue;
      edge += plan[kind];
      if (u < edge) return kind;
    }
  }
  if (plan.lost > 0 && draw(plan.seed, 'lost', user, ordinal) < plan.lost) return 'lost';
  return undefined;
}

/** The emulator's fault injector, with what it did so far (printed when the emulator stops). */
export class FaultInjector {
  readonly counts: FaultCounts = { lock: 0, unavailable: 0, drop: 0, lost: 0, slow: 0, expiredApi: 0, expiredUi: 0 };
  private readonly ordinals = new Map<string, number>();
  private readonly sessionRequests = new Map<string, number>();
  private readonly expiries = new Map<string, number>();

  constructor(
    readonly plan: FaultPlan,
    private readonly service: OrgServiceApi,
  ) {}

  summary(): string {
    const c = this.counts;
    return `Faults injected: ${c.lock} UNABLE_TO_LOCK_ROW, ${c.unavailable} 503, ${c.drop} dropped, ${c.lost} lost answers, ${c.slow} slow, ${c.expiredApi} API and ${c.expiredUi} UI sessions expired`;
  }

  /** Express middleware; mount it after request counting and before the routes. */
  middleware(): RequestHandler {
    return (req, res, next) => {
      const path = req.path.replace(/\/{2,}/g, '/');
      const kind = requestKind(path);
      const lightningPage = kind === 'ui-page' && path.toLowerCase().startsWith('/lightning/');
      if (kind !== 'api' && kind !== 'ui-request' && !lightningPage) return next();
      const session = kind === 'api' ? apiSessionOf(req, this.service) : (uiSessionOf(req, this.service) ?? undefined);
      if (session) this.expireIfDue(session, kind === 'api' ? 'api' : 'ui', kind === 'api' || lightningPage);
      if (kind === 'ui-request') return next();
      const user = session?.userId ?? 'anonymous';
      const ordinal = (this.ordinals.get(user) ?? 0) + 1;
      this.ordinals.set(user, ordinal);
      const proceed = (): void => {
        if (kind === 'api' && this.injectTransient(req, res, path, user, ordinal)) return;
        next();
      };
      if (this.plan.slow > 0 && draw(this.plan.seed, 'slow', user, ordinal) < this.plan.slow) {
        this.counts.slow++;
        setTimeout(proceed, this.plan.slowMs);
        return;
      }
      proceed();
    };
  }

  /** Ends the session at its N-th request (at most `expire-max` times per user and channel). */
  private expireIfDue(session: Session, channel: 'api' | 'ui', expiryPoint: boolean): void {
    const after = this.plan.expireAfter;
    if (after === undefined) return;
    const seen = (this.sessionRequests.get(session.accessToken) ?? 0) + 1;
    this.sessionRequests.set(session.accessToken, seen);
    if (seen < after || !expiryPoint) return;
    const key = `${session.userId}|${channel}`;
    const done = this.expiries.get(key) ?? 0;
    if (this.plan.expireMax !== undefined && done >= this.plan.expireMax) return;
    this.expiries.set(key, done + 1);
    this.sessionRequests.delete(session.accessToken);
    // Revoked, not just marked: the route that follows finds no session and answers as for any expired one.
    this.service.revoke(session.accessToken);
    if (channel === 'api') this.counts.expiredApi++;
    else this.counts.expiredUi++;
  }

  /** Answers (or drops) the request itself when it meets a transient fault; true when it did. */
  private injectTransient(req: Request, res: Response, path: string, user: string, ordinal: number): boolean {
    const fault = transientFaultFor(this.plan, req.method, path, user, ordinal);
    if (!fault) return false;
    this.counts[fault]++;
    switch (fault) {
      case 'lock': {
        // Nothing was saved: a real org rolls the whole transaction back when it cannot get the lock.
        const id = /\/([a-zA-Z0-9]{15}(?:[a-zA-Z0-9]{3})?)$/.exec(path)?.[1];
        sendJson(res, 400, [{ message: `unable to obtain exclusive access to this record${id ? ` or 1 records: ${id}` : ''}`, errorCode: 'UNABLE_TO_LOCK_ROW', fields: [] }]);
        return true;
      }
      case 'unavailable':
        // [UNVERIFIED] body: a real 503 may come from the load balancer as HTML; the status is what clients act on.
        sendJson(res, 503, [{ message: 'Server temporarily unavailable, please retry your request', errorCode: 'SERVER_UNAVAILABLE' }]);
        return true;
      case 'drop':
        // Before the body is read or any route runs: the org never saw the request.
        req.socket.destroy();
        return true;
      case 'lost':
        // The route runs (and saves); its answer never leaves.
        res.end = ((..._args: unknown[]) => {
          req.socket.destroy();
          return res;
        }) as unknown as Response['end'];
        return false;
    }
  }
}

function sendJson(res: Response, status: number, body: unknown): void {
  res.status(status).setHeader('Content-Type', JSON_CONTENT_TYPE);
  res.end(JSON.stringify(body));
}
