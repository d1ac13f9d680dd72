/**
 * Realistic latency: a run on the emulator should feel like one against a real org, where an API call costs
 * 100-300 ms and a Lightning page load costs seconds.
 *
 *   --latency api=150,ui=1000
 *
 * Applied by what the request is (request-kind.ts): `api`, `auth` and the Lightning client's XHRs
 * (`ui-request`) wait `api` ms, one round trip each; a Lightning page (`ui-page`) that renders waits `ui` ms,
 * while one that only redirects (frontdoor.jsp, `/lightning/o/X/home`) waits `api` ms, as a real server
 * redirect costs a round trip, not a page load; static assets wait nothing (a browser caches them), and neither
 * do the emulator's own statistics (request-kind.ts, `isInstrument`).
 */
import type { RequestHandler, Response } from 'express';
import type { RequestKind } from '../contracts.js';
import { isInstrument, requestKind } from './request-kind.js';

export interface Latency {
  /** Milliseconds added to every API request (and token request, and Lightning XHR). */
  apiMs: number;
  /** Milliseconds added to every Lightning page that renders. */
  uiMs: number;
}

export const NO_LATENCY: Latency = Object.freeze({ apiMs: 0, uiMs: 0 });

const MAX_MS = 60_000;

/**
 * Reads `api=150,ui=1000` (either part may be left out, meaning 0). Throws an Error naming the bad part.
 *
 * @example parseLatency('api=150,ui=1000') // { apiMs: 150, uiMs: 1000 }
 */
export function parseLatency(text: string): Latency {
  const latency = { apiMs: 0, uiMs: 0 };
  const seen = new Set<string>();
  for (const part of text.split(',').map((p) => p.trim())) {
    const match = /^(api|ui)=(\d+)$/.exec(part);
    const ms = match ? Number(match[2]) : NaN;
    if (!match?.[1] || !Number.isInteger(ms) || ms > MAX_MS) {
      throw new Error(`'${part}' is not a latency: write api=<ms>,ui=<ms> with whole milliseconds from 0 to ${MAX_MS} (e.g. api=150,ui=1000)`);
    }
    if (seen.has(match[1])) throw new Error(`'${match[1]}' is given twice in '${text}'`);
    seen.add(match[1]);
    if (match[1] === 'api') latency.apiMs = ms;
    else latency.uiMs = ms;
  }
  return latency;
}

export function formatLatency(latency: Latency): string {
  return `api=${latency.apiMs},ui=${latency.uiMs}`;
}

/**
 * The delay of one answer: an API call, a token request or a Lightning XHR is one round trip; a Lightning
 * page that renders is a page load, and one that redirects is a round trip; a static asset costs nothing.
 */
export function delayFor(kind: RequestKind, status: number, latency: Latency): number {
  if (kind === 'asset') return 0;
  if (kind === 'ui-page' && (status < 300 || status >= 400)) return latency.uiMs;
  return latency.apiMs;
}

/** Express middleware that delays each answer by what its request costs against a real org. */
export function latencyMiddleware(latency: Latency): RequestHandler {
  return (req, res, next) => {
    if (isInstrument(req.path)) return next();
    const kind = requestKind(req.path);
    if (kind !== 'ui-page') {
      const ms = delayFor(kind, 200, latency);
      if (ms > 0) setTimeout(next, ms);
      else next();
      return;
    }
    // Whether a page renders or redirects is known only from its answer, so a page waits at its end.
    if (latency.apiMs > 0 || latency.uiMs > 0) delayEnd(res, () => delayFor(kind, res.statusCode, latency));
    next();
  };
}

/** Holds `res.end` for the given time (a page's answer is complete in memory: nothing streams before it). */
function delayEnd(res: Response, delayMs: () => number): void {
  const end = res.end.bind(res) as (...args: unknown[]) => Response;
  const delayed = (...args: unknown[]): Response => {
    const ms = delayMs();
    if (ms <= 0) return end(...args);
    setTimeout(() => end(...args), ms);
    return res;
  };
  res.end = delayed as unknown as Response['end'];
}
