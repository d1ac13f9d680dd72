/**
 * Versions, resources by version and limits (reference §3), plus the tooling-only executeAnonymous (§7).
 */
import { anonymousApexNotRun } from './anonymous-apex.js';
import { identityUrl } from './identity.js';
import type { RestContext, RestResult, Route } from './rest-types.js';

/** The oldest and newest API versions the emulator lists; any `vNN.N` in a path is still accepted. */
export const OLDEST_LISTED_VERSION = 50;
export const NEWEST_LISTED_VERSION = 65;

/** `GET /services/data`: oldest first, season labels by the §3 pattern (50.0 = Winter '21). */
export function apiVersions(): { label: string; url: string; version: string }[] {
  const seasons = ['Winter', 'Spring', 'Summer'];
  const list: { label: string; url: string; version: string }[] = [];
  for (let n = OLDEST_LISTED_VERSION; n <= NEWEST_LISTED_VERSION; n++) {
    const season = seasons[(n - 50) % 3] as string;
    const year = 21 + Math.floor((n - 50) / 3);
    list.push({ label: `${season} '${year}`, url: `/services/data/v${n}.0`, version: `${n}.0` });
  }
  return list;
}

export const discoveryRoutes: Route[] = [
  { method: 'GET', pattern: '/', api: 'data', handler: resources },
  { method: 'GET', pattern: '/limits', api: 'data', handler: (ctx) => ({ status: 200, body: ctx.service.limits() }) },
  { method: 'GET', pattern: '/executeAnonymous', api: 'tooling', handler: executeAnonymous },
];

function resources(ctx: RestContext): RestResult {
  const base = `/services/data/v${ctx.version}`;
  const names = [
    'tooling', 'metadata', 'eclair', 'folders', 'prechatForms', 'contact-tracing', 'jsonxform', 'chatter',
    'payments', 'tabs', 'appMenu', 'quickActions', 'queryAll', 'commerce', 'wave', 'iot', 'analytics',
    'search', 'identity', 'composite', 'parameterizedSearch', 'fingerprint', 'theme', 'nouns', 'domino',
    'event', 'serviceTemplates', 'recent', 'connect', 'licensing', 'limits', 'process', 'async-queries',
    'query', 'match', 'emailConnect', 'compactLayouts', 'knowledgeManagement', 'sobjects', 'actions',
    'support', 'jobs', 'ui-api',
  ];
  const body: Record<string, string> = {};
  for (const name of names) body[name] = `${base}/${name}`;
  // jsforce's identity() reads this key when userInfo.url is unset (§2.3).
  body['identity'] = identityUrl(ctx.origin, ctx.session.orgId, ctx.session.userId);
  return { status: 200, body };
}

/** Anonymous Apex through the Tooling REST API: answered as not run (see anonymous-apex.ts). */
function executeAnonymous(_ctx: RestContext, _params: Record<string, string>, req: { query: URLSearchParams }): RestResult {
  return { status: 200, body: anonymousApexNotRun(req.query.get('anonymousBody') ?? '') };
}
