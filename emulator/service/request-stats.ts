/**
 * Requests per user and per endpoint since the org started, and sessions opened per user and grant: the
 * instrument that tells how much of the org's API allocation a run spends and how many Lightning pages and
 * frontdoor logins it took. The HTTP layer reports every answered request; the session code reports logins.
 */
import type { RequestCounts, RequestRecord, RequestStatsSnapshot, Session } from '../contracts.js';

const NO_SESSION = '(no session)';

interface UserTally extends RequestCounts {
  logins: Record<string, number>;
  endpoints: Record<string, number>;
}

const COUNT_OF: Record<RequestRecord['kind'], keyof RequestCounts> = {
  api: 'api',
  auth: 'auth',
  'ui-page': 'uiPages',
  'ui-redirect': 'uiRedirects',
  'ui-request': 'uiRequests',
};

export class RequestStats {
  private readonly byUser = new Map<string, UserTally>();
  private readonly since: Date;

  constructor(now: () => Date) {
    this.since = now();
  }

  record(record: RequestRecord): void {
    const tally = this.tallyOf(record.userId ?? NO_SESSION);
    tally[COUNT_OF[record.kind]] += 1;
    tally.endpoints[record.endpoint] = (tally.endpoints[record.endpoint] ?? 0) + 1;
  }

  /** A session was opened (any grant: JWT bearer, frontdoor, refresh...). */
  recordLogin(userId: string, grant: Session['grant']): void {
    const tally = this.tallyOf(userId);
    tally.logins[grant] = (tally.logins[grant] ?? 0) + 1;
  }

  /** `usernameOf` turns user ids into usernames, the key a person reading the figures knows. */
  snapshot(usernameOf: (userId: string) => string, dailyApiRequests: { Max: number; Remaining: number }): RequestStatsSnapshot {
    const totals = { ...emptyTally(), logins: {} as Record<string, number> };
    const users: RequestStatsSnapshot['users'] = {};
    const endpoints: Record<string, number> = {};
    for (const [userId, tally] of [...this.byUser].sort(([a], [b]) => a.localeCompare(b))) {
      users[userId === NO_SESSION ? NO_SESSION : usernameOf(userId)] = structuredClone(tally);
      for (const key of ['api', 'auth', 'uiPages', 'uiRedirects', 'uiRequests'] as const) totals[key] += tally[key];
      addInto(totals.logins, tally.logins);
      addInto(endpoints, tally.endpoints);
    }
    return { since: this.since.toISOString(), totals, dailyApiRequests, users, endpoints: sortedByCount(endpoints) };
  }

  private tallyOf(key: string): UserTally {
    let tally = this.byUser.get(key);
    if (!tally) this.byUser.set(key, (tally = emptyTally()));
    return tally;
  }
}

function emptyTally(): UserTally {
  return { api: 0, auth: 0, uiPages: 0, uiRedirects: 0, uiRequests: 0, logins: {}, endpoints: {} };
}

function addInto(target: Record<string, number>, source: Record<string, number>): void {
  for (const [key, n] of Object.entries(source)) target[key] = (target[key] ?? 0) + n;
}

function sortedByCount(counts: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(counts).sort(([a, x], [b, y]) => y - x || a.localeCompare(b)));
}
