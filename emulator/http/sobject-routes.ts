/**
 * `/sobjects/...`: describeGlobal, describe, recent, single-record CRUD, upsert by external id and
 * updated/deleted (reference §4, §5.1). Each handler translates HTTP to one service call.
 */
import { SalesforceError } from '../contracts.js';
import type { WireRecord } from '../contracts.js';
import { isIdShaped, requireId } from '../ids.js';
import { param } from './rest-router.js';
import type { RestContext, RestRequest, RestResult, Route } from './rest-types.js';
import { canonicalObject, echoVersion, fieldValues, sobjectUrl, withAttributes } from './record-shape.js';
import { soqlString } from './soql-literal.js';
import { checkPreconditions, notModified, recordEtag } from './record-etag.js';

/** Upsert answers 200 with a body from API 46.0 on, 204 before (reference §5.1, [UNVERIFIED] split). */
const UPSERT_BODY_FROM_VERSION = 46;

export const sobjectRoutes: Route[] = [
  { method: 'GET', pattern: '/sobjects', api: 'both', handler: describeGlobal },
  { method: 'GET', pattern: '/sobjects/:type/describe', api: 'both', handler: describeObject },
  { method: 'GET', pattern: '/sobjects/:type/updated', api: 'data', handler: updated },
  { method: 'GET', pattern: '/sobjects/:type/deleted', api: 'data', handler: deleted },
  { method: 'GET', pattern: '/sobjects/:type', api: 'both', handler: recent },
  { method: 'POST', pattern: '/sobjects/:type', api: 'both', handler: create },
  { method: 'GET', pattern: '/sobjects/:type/:id', api: 'both', handler: retrieve },
  { method: 'PATCH', pattern: '/sobjects/:type/:id', api: 'both', handler: update },
  { method: 'DELETE', pattern: '/sobjects/:type/:id', api: 'both', handler: destroy },
  { method: 'GET', pattern: '/sobjects/:type/:field/:value', api: 'data', handler: retrieveByExternalId },
  { method: 'PATCH', pattern: '/sobjects/:type/:field/:value', api: 'data', handler: upsert },
  { method: 'POST', pattern: '/sobjects/:type/:field/:value', api: 'data', handler: upsertWithPost },
];

function describeGlobal(ctx: RestContext): RestResult {
  const sobjects = ctx.service.describeGlobal(ctx.session, ctx.tooling);
  return { status: 200, body: inTree(ctx, echoVersion({ encoding: 'UTF-8', maxBatchSize: 200, sobjects }, ctx.version)) };
}

function describeObject(ctx: RestContext, params: Record<string, string>): RestResult {
  const describe = ctx.service.describe(ctx.session, param(params, 'type'), ctx.tooling);
  return { status: 200, body: inTree(ctx, echoVersion(describe, ctx.version)) };
}

/** Tooling describes point their urls at `/tooling/sobjects/...`. */
function inTree<T>(ctx: RestContext, value: T): T {
  if (!ctx.tooling) return value;
  return JSON.parse(JSON.stringify(value).replace(/(\/services\/data\/v\d+\.\d+\/)sobjects\//g, '$1tooling/sobjects/')) as T;
}

/**
 * `GET /sobjects/{T}`: the object's describeGlobal entry plus `recentItems`. The emulator does not track
 * record views (LastViewedDate), so the most recently modified records the user can see stand in for
 * the recently viewed ones.
 */
function recent(ctx: RestContext, params: Record<string, string>): RestResult {
  const type = param(params, 'type');
  const describe = ctx.service.describe(ctx.session, type, ctx.tooling);
  const name = String(describe['name'] ?? canonicalObject(ctx.org.schema, type));
  const objectDescribe = ctx.service.describeGlobal(ctx.session, ctx.tooling).find((o) => o['name'] === name) ?? describe;
  const nameField = ctx.org.schema.objects.get(name.toLowerCase())?.nameField ?? 'Name';
  const page = ctx.service.query(ctx.session, `SELECT Id, ${nameField} FROM ${name} ORDER BY LastModifiedDate DESC LIMIT 25`, {
    apiVersion: ctx.version,
    tooling: ctx.tooling,
  });
  const recentItems = page.records.map((r) => withAttributes(r, name, ctx.version, ctx.tooling));
  return { status: 200, body: echoVersion({ objectDescribe, recentItems }, ctx.version) };
}

function requireRecordBody(body: unknown): WireRecord {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw new SalesforceError('JSON_PARSER_ERROR', 'The request body must be a JSON object describing one record.');
  }
  return fieldValues(body);
}

function create(ctx: RestContext, params: Record<string, string>, req: RestRequest): RestResult {
  const values = requireRecordBody(req.body);
  // Salesforce refuses an Id in a POST body (reference §5.2, [DOC]); jsforce strips it itself.
  if (Object.keys(values).some((k) => k.toLowerCase() === 'id')) {
    throw new SalesforceError('INVALID_FIELD', 'The Id field should not be specified in the sobject data.');
  }
  const id = ctx.service.create(ctx.session, param(params, 'type'), values);
  return { status: 201, body: { id, success: true, errors: [] } };
}

function retrieve(ctx: RestContext, params: Record<string, string>, req: RestRequest): RestResult {
  const type = param(params, 'type');
  const id = recordIdSegment(ctx, type, param(params, 'id'));
  const fields = fieldList(req.query.get('fields'));
  const record = ctx.service.retrieve(ctx.session, type, id, fields);
  const etag = recordEtag(ctx, canonicalObject(ctx.org.schema, type), id);
  if (notModified(ctx, etag)) return { status: 304, headers: { ETag: etag! } };
  return { status: 200, body: withAttributes(record, canonicalObject(ctx.org.schema, type), ctx.version, ctx.tooling, id), ...(etag ? { headers: { ETag: etag } } : {}) };
}

function update(ctx: RestContext, params: Record<string, string>, req: RestRequest): RestResult {
  const type = param(params, 'type');
  const id = recordIdSegment(ctx, type, param(params, 'id'));
  const values = requireRecordBody(req.body);
  delete values['Id'];
  delete values['id'];
  // Checked and written in one synchronous step: no other request runs in between.
  checkPreconditions(ctx, canonicalObject(ctx.org.schema, type), id);
  ctx.service.update(ctx.session, type, id, values);
  return { status: 204 };
}

function destroy(ctx: RestContext, params: Record<string, string>): RestResult {
  const type = param(params, 'type');
  const id = recordIdSegment(ctx, type, param(params, 'id'));
  ctx.service.delete(ctx.session, type, id);
  return { status: 204 };
}

function upsertWithPost(ctx: RestContext, params: Record<string, string>, req: RestRequest): RestResult {
  // Salesforce accepts POST for upsert-by-external-id to create only when the value is blank; the
  // common clients (jsforce, Workbench) use PATCH. Treat POST the same way as PATCH.
  return upsert(ctx, params, req);
}

function upsert(ctx: RestContext, params: Record<string, string>, req: RestRequest): RestResult {
  const type = param(params, 'type');
  const field = param(params, 'field');
  const value = param(params, 'value');
  const values = requireRecordBody(req.body);
  try {
    const result = ctx.service.upsert(ctx.session, type, field, value, values);
    if (result.created) return { status: 201, body: { id: result.id, success: true, errors: [], created: true } };
    if (Number.parseFloat(ctx.version) >= UPSERT_BODY_FROM_VERSION) {
      return { status: 200, body: { id: result.id, success: true, errors: [], created: false } };
    }
    return { status: 204 };
  } catch (err) {
    if (err instanceof SalesforceError && err.status === 300) return multipleChoices(ctx, type, err.fields);
    throw err;
  }
}

/**
 * `GET /sobjects/{T}/{field}/{value}`: the record whose external id field has that value; several
 * matches answer 300 with their urls, like upsert.
 */
function retrieveByExternalId(ctx: RestContext, params: Record<string, string>, req: RestRequest): RestResult {
  const type = canonicalObject(ctx.org.schema, param(params, 'type'));
  const field = param(params, 'field');
  const value = param(params, 'value');
  const page = ctx.service.query(ctx.session, `SELECT Id FROM ${type} WHERE ${field} = ${soqlString(value)}`, { apiVersion: ctx.version });
  const ids = page.records.map((r) => String(r['Id']));
  if (ids.length > 1) return multipleChoices(ctx, type, ids);
  const id = ids[0];
  if (id === undefined) throw new SalesforceError('NOT_FOUND', 'The requested resource does not exist', [], 404);
  const record = ctx.service.retrieve(ctx.session, type, id, fieldList(req.query.get('fields')));
  return { status: 200, body: withAttributes(record, type, ctx.version, false, id) };
}

/**
 * 300 Multiple Choices: jsforce's own test expects the body to be an array of record urls (§1.3). The
 * service names the matching records in the error's `fields` (ids or urls); both are accepted here.
 */
function multipleChoices(ctx: RestContext, type: string, idsOrUrls: string[]): RestResult {
  const name = canonicalObject(ctx.org.schema, type);
  const urls = idsOrUrls.map((v) => (v.startsWith('/') ? echoVersion(v, ctx.version) : sobjectUrl(ctx.version, name, v)));
  return { status: 300, body: urls };
}

function updated(ctx: RestContext, params: Record<string, string>, req: RestRequest): RestResult {
  const [start, end] = dateRange(req.query);
  return { status: 200, body: ctx.service.updated(ctx.session, param(params, 'type'), start, end) };
}

function deleted(ctx: RestContext, params: Record<string, string>, req: RestRequest): RestResult {
  const [start, end] = dateRange(req.query);
  return { status: 200, body: ctx.service.deleted(ctx.session, param(params, 'type'), start, end) };
}

function dateRange(query: URLSearchParams): [Date, Date] {
  const read = (name: string): Date => {
    const raw = query.get(name);
    // [UNVERIFIED] the exact code for a missing/unparseable start or end; MISSING_ARGUMENT is the
    // code Salesforce uses for absent required REST parameters elsewhere.
    if (raw === null || raw === '') throw new SalesforceError('MISSING_ARGUMENT', `Missing parameter: ${name}`);
    const date = new Date(raw);
    if (Number.isNaN(date.getTime())) throw new SalesforceError('INVALID_QUERY_FILTER_OPERATOR', `Invalid datetime for ${name}: ${raw}`);
    return date;
  };
  return [read('start'), read('end')];
}

/**
 * The `:id` segment of `/sobjects/{T}/{id}`: an id-shaped value must carry a valid checksum
 * (MALFORMED_ID, reference §8); anything else is an external-id lookup without a field, which
 * Salesforce answers with NOT_FOUND (§8, [UNVERIFIED] message).
 */
function recordIdSegment(ctx: RestContext, type: string, segment: string): string {
  if (isIdShaped(segment)) {
    const label = ctx.org.schema.objects.get(type.toLowerCase())?.label ?? type;
    return requireId(segment, `${label} ID`);
  }
  throw new SalesforceError('NOT_FOUND', `Provided external ID field does not exist or is not accessible: ${segment}`, [], 404);
}

function fieldList(raw: string | null): string[] | undefined {
  if (raw === null || raw.trim() === '') return undefined;
  return raw.split(',').map((f) => f.trim()).filter((f) => f.length > 0);
}
