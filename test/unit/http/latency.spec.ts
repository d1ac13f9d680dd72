/**
 * What a request to the emulator is (API, token, Lightning page, Lightning XHR, asset), which delay each
 * gets under `--latency api=<ms>,ui=<ms>`, how endpoints are named in the request statistics, and how the
 * option is read.
 */
import { expect, test } from '@playwright/test';
import { delayFor, latencyMiddleware, parseLatency } from '../../../emulator/http/latency.js';
import { endpointOf, requestKind } from '../../../emulator/http/request-kind.js';

const LATENCY = { apiMs: 150, uiMs: 1000 };

const rows: { path: string; status: number; kind: ReturnType<typeof requestKind>; ms: number }[] = [
  { path: '/services/data/v62.0/query', status: 200, kind: 'api', ms: 150 },
  { path: '/services/data/v62.0/composite', status: 400, kind: 'api', ms: 150 },
  { path: '//services/data/v62.0/sobjects/Account', status: 201, kind: 'api', ms: 150 },
  { path: '/services/Soap/u/62.0', status: 200, kind: 'api', ms: 150 },
  { path: '/services/oauth2/token', status: 200, kind: 'auth', ms: 150 },
  { path: '/id/00D000000000001/005000000000001', status: 200, kind: 'auth', ms: 150 },
  { path: '/lightning/r/Opportunity/006000000000001AAA/view', status: 200, kind: 'ui-page', ms: 1000 },
  { path: '/lightning/o/Case/new', status: 200, kind: 'ui-page', ms: 1000 },
  { path: '/', status: 200, kind: 'ui-page', ms: 1000 },
  { path: '/lightning/page/home', status: 404, kind: 'ui-page', ms: 1000 },
  // A redirect is a round trip, not a page load: frontdoor's hand-over and Lightning's own redirects.
  { path: '/secur/frontdoor.jsp', status: 302, kind: 'ui-page', ms: 150 },
  { path: '/lightning/o/Account/home', status: 302, kind: 'ui-page', ms: 150 },
  { path: '/ui-api/records/Opportunity', status: 201, kind: 'ui-request', ms: 150 },
  { path: '/ui-api/lookup/Account', status: 200, kind: 'ui-request', ms: 150 },
  { path: '/ui-assets/lightning.js', status: 200, kind: 'asset', ms: 0 },
  { path: '/favicon.ico', status: 200, kind: 'asset', ms: 0 },
];

for (const row of rows) {
  test(`${row.path} ${row.status} is ${row.kind} and waits ${row.ms} ms at api=150,ui=1000`, () => {
    expect(requestKind(row.path)).toBe(row.kind);
    expect(delayFor(row.kind, row.status, LATENCY)).toBe(row.ms);
  });
}

test('endpoints name the object and hide what varies per call', () => {
  expect(endpointOf('get', '/services/data/v62.0/sobjects/Opportunity/describe')).toBe('GET /services/data/vXX.X/sobjects/Opportunity/describe');
  expect(endpointOf('PATCH', '/services/data/v59.0/sobjects/Account/001000000000001AAA')).toBe('PATCH /services/data/vXX.X/sobjects/Account/{id}');
  expect(endpointOf('PATCH', '/services/data/v62.0/sobjects/Account/ERP_Id__c/ERP-1001-PF-1')).toBe('PATCH /services/data/vXX.X/sobjects/Account/ERP_Id__c/{value}');
  expect(endpointOf('GET', '/services/data/v62.0/query/01g000000000001AAA-2000')).toBe('GET /services/data/vXX.X/query/{locator}');
  expect(endpointOf('GET', '/lightning/r/Case/500000000000001/view')).toBe('GET /lightning/r/Case/{id}/view');
  expect(endpointOf('GET', '/services/data/v62.0/sobjects/Onboarding_Step__c/describe')).toBe('GET /services/data/vXX.X/sobjects/Onboarding_Step__c/describe');
});

test('--latency reads api=<ms>,ui=<ms>, either part alone, and names a bad part', () => {
  expect(parseLatency('api=150,ui=1000')).toEqual({ apiMs: 150, uiMs: 1000 });
  expect(parseLatency(' ui=800 ')).toEqual({ apiMs: 0, uiMs: 800 });
  expect(parseLatency('api=0')).toEqual({ apiMs: 0, uiMs: 0 });
  expect(() => parseLatency('api=150,web=3')).toThrow("'web=3' is not a latency");
  expect(() => parseLatency('api=-5')).toThrow("'api=-5' is not a latency");
  expect(() => parseLatency('api=1.5')).toThrow("'api=1.5' is not a latency");
  expect(() => parseLatency('api=1,api=2')).toThrow("'api' is given twice");
});

test('the emulator\'s own statistics are not slowed: a test or the bench reading them mid-run sees them as they are', () => {
  const middleware = latencyMiddleware(parseLatency('api=150,ui=1000'));
  const passedAtOnce = (path: string): boolean => {
    let passed = false;
    const res = { statusCode: 200, end: () => res } as unknown as Parameters<typeof middleware>[1];
    void middleware({ path } as Parameters<typeof middleware>[0], res, () => (passed = true));
    return passed;
  };
  expect(passedAtOnce('/services/data/v62.0/emulator/stats')).toBe(true);
  expect(passedAtOnce('//services/data/v62.0/emulator/stats')).toBe(true);
  expect(passedAtOnce('/services/data/v62.0/query')).toBe(false);
  expect(passedAtOnce('/services/data/v62.0/sobjects/emulator__c')).toBe(false);
});
