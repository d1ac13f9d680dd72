/**
 * What a request to the org is, as the program or the person making it feels it. One table, used both to
 * add latency (emulator/http/latency.ts) and to count requests (emulator/http/request-stats.ts), so the two
 * cannot disagree about what a page load or an API call is.
 *
 *   api         /services/data, /services/Soap, /services/apexrest: the API, counted against DailyApiRequests
 *   auth        /services/oauth2/*, /id/*: token, revoke, userinfo, identity (not counted against the limit)
 *   ui-page     every other path: Lightning documents (/lightning/*), the login page (/), /secur/* (frontdoor)
 *   ui-request  /ui-api/*: the Lightning client's own XHRs (save, lookup); Lightning's are `/aura` actions
 *   asset       /ui-assets/*, /favicon.ico: static files a browser keeps in its cache
 *
 * Why the Lightning client's XHRs are `ui-request` and not `api`: a real org does not count Lightning's own
 * `/aura` and UI API traffic against the API limit, and each costs one server round trip (about what an API
 * call costs), not a page load (which costs seconds: the document, the framework and the components).
 */
import type { RequestKind } from '../contracts.js';

/** `path` is the request path without its query string. Runs of slashes count as one, as routing does. */
export function requestKind(path: string): RequestKind {
  const p = path.replace(/\/{2,}/g, '/').toLowerCase();
  if (p.startsWith('/services/oauth2/') || p.startsWith('/id/')) return 'auth';
  if (p === '/services' || p.startsWith('/services/')) return 'api';
  if (p.startsWith('/ui-api/')) return 'ui-request';
  if (p.startsWith('/ui-assets/') || p === '/favicon.ico') return 'asset';
  return 'ui-page';
}

/**
 * The emulator's own instruments (`/services/data/vXX.X/emulator/...`, the request statistics): not a request
 * to the org as Salesforce has it, so they are neither counted nor slowed by `--latency` (a test or the bench
 * reading the statistics mid-run must see them as they are, not a round trip late).
 */
export function isInstrument(path: string): boolean {
  return /^\/services\/data\/v\d+\.\d+\/emulator\//i.test(path.replace(/\/{2,}/g, '/'));
}

/**
 * The endpoint a request hit, with what varies per call replaced: the API version (`vXX.X`), record and
 * job ids (`{id}`), query locators (`{locator}`) and external id values (`{value}`). Object names stay,
 * so that `GET /services/data/vXX.X/sobjects/Opportunity/describe` can be told from Case's.
 */
export function endpointOf(method: string, path: string): string {
  const segments = path
    .replace(/\/{2,}/g, '/')
    .split('/')
    .filter((s) => s.length > 0)
    .map((segment, index, all) => {
      if (index === 2 && all[0] === 'services' && all[1] === 'data' && /^v\d+\.\d+$/.test(segment)) return 'vXX.X';
      if (/^[a-zA-Z0-9]{15}(?:[a-zA-Z0-9]{3})?-\d+$/.test(segment)) return '{locator}';
      if (/^(?=[a-zA-Z0-9]*\d)[a-zA-Z0-9]{15}(?:[a-zA-Z0-9]{3})?$/.test(segment)) return '{id}';
      return segment;
    });
  // `sobjects/{type}/{externalIdField}/{value}`: an upsert or a read by external id.
  const sobjects = segments.indexOf('sobjects');
  const field = sobjects >= 0 ? segments[sobjects + 2] : undefined;
  if (field && segments.length === sobjects + 4 && /__c$/i.test(field)) segments[sobjects + 3] = '{value}';
  return `${method.toUpperCase()} /${segments.join('/')}`;
}
