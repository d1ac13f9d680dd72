/**
 * `/composite` (dependent subrequests with `@{ref.path}` references and allOrNone) and
 * `/composite/batch` (independent subrequests, haltOnError). Subrequests replay through the same route
 * table as top-level requests, with the caller's session.
 */
import { SalesforceError } from '../contracts.js';
import type { RestContext, RestRequest, RestResult, Route } from './rest-types.js';

/** Salesforce allows 25 subrequests per composite or batch call [DOC]. */
export const MAX_SUBREQUESTS = 25;

export type Dispatch = (ctx: RestContext, req: RestRequest) => RestResult;

interface SubrequestTarget {
  version: string;
  tooling: boolean;
  path: string;
  query: URLSearchParams;
}

/**
 * Splits `/services/data/v59.0/tooling/query?q=...` (composite) or `v59.0/sobjects/Account` (batch)
 * into version, tree and path.
 */
export function parseSubrequestUrl(url: string): SubrequestTarget | null {
  const match = /^(?:\/?services\/data\/)?\/?v(\d+\.\d+)(\/tooling)?(\/[^?]*)?(?:\?(.*))?$/.exec(url.trim());
  if (!match?.[1]) return null;
  return { version: match[1], tooling: match[2] !== undefined, path: match[3] ?? '/', query: new URLSearchParams(match[4] ?? '') };
}

const HALTED_BY_ROLLBACK = {
  errorCode: 'PROCESSING_HALTED',
  message: 'The transaction was rolled back since another operation in the same transaction failed.',
};

interface CompositeSubrequest {
  method: string;
  url: string;
  referenceId: string;
  body?: unknown;
  httpHeaders?: Record<string, string>;
}

interface CompositeItem {
  body: unknown;
  httpHeaders: Record<string, string>;
  httpStatusCode: number;
  referenceId: string;
}

class RollBack extends Error {}

export function compositeRoutes(dispatch: Dispatch): Route[] {
  return [
    { method: 'POST', pattern: '/composite', api: 'data', handler: (ctx, _p, req) => composite(ctx, req, dispatch) },
    { method: 'POST', pattern: '/composite/batch', api: 'data', handler: (ctx, _p, req) => batch(ctx, req, dispatch) },
  ];
}

function readSubrequests(body: unknown): { allOrNone: boolean; requests: CompositeSubrequest[] } {
  const obj = body as { allOrNone?: unknown; compositeRequest?: unknown } | null;
  if (!obj || typeof obj !== 'object' || !Array.isArray(obj.compositeRequest)) {
    throw new SalesforceError('JSON_PARSER_ERROR', 'The request body must be an object with a compositeRequest array.');
  }
  if (obj.compositeRequest.length > MAX_SUBREQUESTS) {
    throw new SalesforceError('INVALID_BATCH_REQUEST', `Composite request can not have more than ${MAX_SUBREQUESTS} subrequests.`);
  }
  const seen = new Set<string>();
  const requests = obj.compositeRequest.map((raw: unknown) => {
    const r = raw as Partial<CompositeSubrequest> | null;
    if (!r || typeof r.method !== 'string' || typeof r.url !== 'string' || typeof r.referenceId !== 'string') {
      throw new SalesforceError('JSON_PARSER_ERROR', 'Each subrequest needs method, url and referenceId.');
    }
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(r.referenceId)) {
      throw new SalesforceError('INVALID_INPUT', `Invalid referenceId: ${r.referenceId}. The referenceId can contain only alphanumeric characters and underscores and cannot start with an underscore.`);
    }
    if (seen.has(r.referenceId)) throw new SalesforceError('INVALID_INPUT', `Duplicate referenceId provided in the request: ${r.referenceId}`);
    seen.add(r.referenceId);
    return r as CompositeSubrequest;
  });
  return { allOrNone: obj.allOrNone === true, requests };
}

function composite(ctx: RestContext, req: RestRequest, dispatch: Dispatch): RestResult {
  const { allOrNone, requests } = readSubrequests(req.body);
  const results = new Map<string, CompositeItem>();
  const items: CompositeItem[] = [];
  const runAll = (): void => {
    for (const sub of requests) {
      const item = runSubrequest(ctx, sub, results, dispatch);
      results.set(sub.referenceId, item);
      items.push(item);
      if (allOrNone && item.httpStatusCode >= 400) throw new RollBack();
    }
  };
  if (!allOrNone) {
    runAll();
    return { status: 200, body: { compositeResponse: items } };
  }
  try {
    ctx.service.transaction(runAll);
  } catch (err) {
    if (!(err instanceof RollBack)) throw err;
    // The failing subrequest keeps its own error; every other one (done or never run) is halted.
    const failed = items[items.length - 1] as CompositeItem;
    const answer = requests.map((sub) =>
      sub.referenceId === failed.referenceId ? failed : { body: [HALTED_BY_ROLLBACK], httpHeaders: {}, httpStatusCode: 400, referenceId: sub.referenceId },
    );
    return { status: 200, body: { compositeResponse: answer } };
  }
  return { status: 200, body: { compositeResponse: items } };
}

function runSubrequest(ctx: RestContext, sub: CompositeSubrequest, results: Map<string, CompositeItem>, dispatch: Dispatch): CompositeItem {
  const halted = (message: string): CompositeItem => ({
    body: [{ errorCode: 'PROCESSING_HALTED', message }],
    httpHeaders: {},
    httpStatusCode: 400,
    referenceId: sub.referenceId,
  });
  let url: string;
  let body: unknown;
  try {
    url = String(resolveReferences(sub.url, results, true));
    body = resolveReferences(sub.body, results, false);
  } catch (err) {
    if (err instanceof UnresolvedReference) return halted(err.message);
    throw err;
  }
  const target = parseSubrequestUrl(url);
  if (!target) return { body: [{ errorCode: 'NOT_FOUND', message: 'The requested resource does not exist' }], httpHeaders: {}, httpStatusCode: 404, referenceId: sub.referenceId };
  const subCtx: RestContext = { ...ctx, version: target.version, tooling: target.tooling };
  const result = dispatch(subCtx, { method: sub.method.toUpperCase(), path: target.path, query: target.query, body });
  const headers: Record<string, string> = { ...(result.headers ?? {}) };
  const created = result.body as { id?: unknown } | undefined;
  if (result.status === 201 && typeof created?.id === 'string' && /\/sobjects\/[^/]+$/.test(target.path)) {
    headers['Location'] = `/services/data/v${target.version}${target.tooling ? '/tooling' : ''}${target.path}/${created.id}`;
  }
  return { body: result.body ?? null, httpHeaders: headers, httpStatusCode: result.status, referenceId: sub.referenceId };
}

class UnresolvedReference extends Error {}

const REFERENCE = /@\{([A-Za-z_][A-Za-z0-9_]*)((?:\.[A-Za-z0-9_]+|\[\d+\])*)\}/g;

/**
 * Replaces `@{ref.id}` / `@{ref.records[0].Id}` with values from earlier subrequests. A string that is
 * exactly one reference takes the referenced value's JSON type; inside a url the value is encoded.
 */
function resolveReferences(value: unknown, results: Map<string, CompositeItem>, inUrl: boolean): unknown {
  if (typeof value === 'string') {
    const whole = new RegExp(`^${REFERENCE.source}$`).exec(value);
    if (whole && !inUrl) return lookup(whole[1] as string, whole[2] ?? '', results);
    return value.replace(REFERENCE, (_m, ref: string, path: string) => {
      const found = lookup(ref, path, results);
      const text = typeof found === 'string' ? found : JSON.stringify(found);
      return inUrl ? encodeURIComponent(text) : text;
    });
  }
  if (Array.isArray(value)) return value.map((v) => resolveReferences(v, results, inUrl));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, resolveReferences(v, results, inUrl)]));
  }
  return value;
}

function lookup(ref: string, path: string, results: Map<string, CompositeItem>): unknown {
  const item = results.get(ref);
  // [UNVERIFIED] exact wording; Salesforce halts a subrequest whose reference cannot be resolved.
  const missing = (): UnresolvedReference => new UnresolvedReference(`Invalid reference specified. No value for ${ref}${path} found in ${ref}. Provided referenceId ('${ref}') must match a referenceId in a previous subrequest of this composite request.`);
  if (!item || item.httpStatusCode >= 400) throw missing();
  let current: unknown = item.body;
  for (const step of path.match(/\.[A-Za-z0-9_]+|\[\d+\]/g) ?? []) {
    if (current === null || typeof current !== 'object') throw missing();
    const key = step.startsWith('[') ? Number(step.slice(1, -1)) : step.slice(1);
    current = (current as Record<string | number, unknown>)[key];
    if (current === undefined) throw missing();
  }
  return current;
}

function batch(ctx: RestContext, req: RestRequest, dispatch: Dispatch): RestResult {
  const obj = req.body as { batchRequests?: unknown; haltOnError?: unknown } | null;
  if (!obj || typeof obj !== 'object' || !Array.isArray(obj.batchRequests)) {
    throw new SalesforceError('JSON_PARSER_ERROR', 'The request body must be an object with a batchRequests array.');
  }
  if (obj.batchRequests.length > MAX_SUBREQUESTS) {
    throw new SalesforceError('INVALID_BATCH_REQUEST', `A batch cannot contain more than ${MAX_SUBREQUESTS} requests.`);
  }
  const haltOnError = obj.haltOnError === true;
  let halted = false;
  let hasErrors = false;
  const results = obj.batchRequests.map((raw: unknown) => {
    if (halted) return { statusCode: 412, result: [{ errorCode: 'BATCH_PROCESSING_HALTED', message: 'Batch processing halted per request' }] };
    const sub = raw as { method?: unknown; url?: unknown; richInput?: unknown } | null;
    const target = typeof sub?.url === 'string' ? parseSubrequestUrl(sub.url) : null;
    let result: RestResult;
    if (!sub || typeof sub.method !== 'string' || !target) {
      result = { status: 404, body: [{ errorCode: 'NOT_FOUND', message: 'The requested resource does not exist' }] };
    } else {
      const subCtx: RestContext = { ...ctx, version: target.version, tooling: target.tooling };
      result = dispatch(subCtx, { method: sub.method.toUpperCase(), path: target.path, query: target.query, body: sub.richInput });
    }
    if (result.status >= 400) {
      hasErrors = true;
      if (haltOnError) halted = true;
    }
    return { statusCode: result.status, result: result.body ?? null };
  });
  return { status: 200, body: { hasErrors, results } };
}
