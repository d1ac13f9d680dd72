/**
 * sObject Collections `/composite/sobjects` (reference §5.1-§5.2): up to 200 records per call, item
 * errors keyed `statusCode`, and `allOrNone` rolling every write back through `service.transaction`.
 */
import { SalesforceError } from '../contracts.js';
import type { SaveError, WireRecord } from '../contracts.js';
import { normalizeId } from '../ids.js';
import { saveErrorsOf } from '../service/errors.js';
import { param } from './rest-router.js';
import type { RestContext, RestRequest, RestResult, Route } from './rest-types.js';
import { canonicalObject, fieldValues, withAttributes } from './record-shape.js';

export const MAX_COLLECTION_RECORDS = 200;

export const collectionRoutes: Route[] = [
  { method: 'POST', pattern: '/composite/sobjects', api: 'both', handler: createMany },
  { method: 'PATCH', pattern: '/composite/sobjects', api: 'both', handler: updateMany },
  { method: 'DELETE', pattern: '/composite/sobjects', api: 'both', handler: deleteMany },
  { method: 'POST', pattern: '/composite/sobjects/:type', api: 'both', handler: retrieveMany },
  { method: 'PATCH', pattern: '/composite/sobjects/:type/:field', api: 'both', handler: upsertMany },
];

interface ItemResult {
  id?: string | null;
  success: boolean;
  errors: SaveError[];
  created?: boolean;
}

const ROLLED_BACK: SaveError = {
  statusCode: 'ALL_OR_NONE_OPERATION_ROLLED_BACK',
  message: 'Record rolled back because not all records were valid and the request was using AllOrNone header',
  fields: [],
};

/** Thrown inside the transaction to roll it back once every item has its own result. */
class RollBack extends Error {}

/**
 * Runs one operation per item. With allOrNone, all items run inside one transaction so that every
 * item still reports its own error; any failure then rolls the whole batch back and the successful
 * items report ALL_OR_NONE_OPERATION_ROLLED_BACK ([DOC] example in §5.2).
 */
function runItems<T>(ctx: RestContext, items: T[], allOrNone: boolean, run: (item: T) => ItemResult): ItemResult[] {
  const runOne = (item: T): ItemResult => {
    try {
      // Each item gets its own savepoint so a failed item leaves no partial writes behind.
      return ctx.service.transaction(() => run(item));
    } catch (err) {
      if (err instanceof SalesforceError) return failure(err);
      throw err;
    }
  };
  if (!allOrNone) return items.map(runOne);
  let results: ItemResult[] = [];
  try {
    ctx.service.transaction(() => {
      results = items.map(runOne);
      if (results.some((r) => !r.success)) throw new RollBack();
    });
  } catch (err) {
    if (!(err instanceof RollBack)) throw err;
    return results.map((r) => {
      if (!r.success) return r;
      const rolledBack: ItemResult = { success: false, errors: [ROLLED_BACK] };
      // jsforce's own upsert test expects `created` to survive on rolled-back items.
      if (r.created !== undefined) rolledBack.created = r.created;
      return rolledBack;
    });
  }
  return results;
}

/** A failed item carries every error of its save (each failing validation rule), in the `statusCode` shape (§5.2). */
function failure(err: SalesforceError, id?: string): ItemResult {
  const result: ItemResult = { success: false, errors: saveErrorsOf(err) };
  if (id !== undefined) result.id = id;
  return result;
}

interface CollectionBody {
  allOrNone: boolean;
  records: WireRecord[];
}

function readCollectionBody(body: unknown): CollectionBody {
  if (body === null || typeof body !== 'object' || Array.isArray(body) || !Array.isArray((body as Record<string, unknown>)['records'])) {
    throw new SalesforceError('JSON_PARSER_ERROR', 'The request body must be an object with a records array.');
  }
  const obj = body as { allOrNone?: unknown; records: unknown[] };
  if (obj.records.length > MAX_COLLECTION_RECORDS) throw tooMany();
  const records = obj.records.map((r) => {
    if (r === null || typeof r !== 'object' || Array.isArray(r)) throw new SalesforceError('JSON_PARSER_ERROR', 'Each record must be a JSON object.');
    return r as WireRecord;
  });
  return { allOrNone: obj.allOrNone === true || obj.allOrNone === 'true', records };
}

/** [UNVERIFIED] wording; EXCEEDED_ID_LIMIT is the code the SOAP and REST collection APIs share. */
function tooMany(): SalesforceError {
  return new SalesforceError('EXCEEDED_ID_LIMIT', `record limit reached. cannot submit more than ${MAX_COLLECTION_RECORDS} records into this call`);
}

function typeOf(record: WireRecord): string {
  const type = (record['attributes'] as { type?: unknown } | undefined)?.type;
  // [UNVERIFIED] message: Salesforce names the missing attributes.type as an INVALID_TYPE item error.
  if (typeof type !== 'string' || type === '') throw new SalesforceError('INVALID_TYPE', 'Must specify a type in attributes');
  return type;
}

function createMany(ctx: RestContext, _params: Record<string, string>, req: RestRequest): RestResult {
  const { allOrNone, records } = readCollectionBody(req.body);
  const results = runItems(ctx, records, allOrNone, (record) => {
    const values = fieldValues(record);
    if (Object.keys(values).some((k) => k.toLowerCase() === 'id')) {
      throw new SalesforceError('INVALID_FIELD', 'The Id field should not be specified in the sobject data.');
    }
    const id = ctx.service.create(ctx.session, typeOf(record), values);
    return { id, success: true, errors: [] };
  });
  return { status: 200, body: results };
}

function updateMany(ctx: RestContext, _params: Record<string, string>, req: RestRequest): RestResult {
  const { allOrNone, records } = readCollectionBody(req.body);
  const results = runItems(ctx, records, allOrNone, (record) => {
    const { id: lowerId, Id: upperId, ...values } = fieldValues(record);
    const rawId = upperId ?? lowerId;
    const type = typeOf(record);
    const label = ctx.org.schema.objects.get(type.toLowerCase())?.label ?? type;
    const id = typeof rawId === 'string' ? normalizeId(rawId) : null;
    if (!id) throw new SalesforceError('MALFORMED_ID', `${label} ID: id value of incorrect type: ${String(rawId)}`, ['Id']);
    ctx.service.update(ctx.session, type, id, values);
    return { id, success: true, errors: [] };
  });
  return { status: 200, body: results };
}

function upsertMany(ctx: RestContext, params: Record<string, string>, req: RestRequest): RestResult {
  const { allOrNone, records } = readCollectionBody(req.body);
  const type = param(params, 'type');
  const field = param(params, 'field');
  const results = runItems(ctx, records, allOrNone, (record) => {
    const values = fieldValues(record);
    const key = Object.keys(values).find((k) => k.toLowerCase() === field.toLowerCase());
    const value = key === undefined ? undefined : values[key];
    if (key === undefined || value === null || value === undefined || value === '') {
      // [UNVERIFIED] wording of the missing external id item error.
      throw new SalesforceError('MISSING_ARGUMENT', `${field} not specified`, [field]);
    }
    const { [key]: _ext, ...rest } = values;
    const result = ctx.service.upsert(ctx.session, type, field, String(value), rest);
    return { id: result.id, success: true, errors: [], created: result.created };
  });
  return { status: 200, body: results };
}

function deleteMany(ctx: RestContext, _params: Record<string, string>, req: RestRequest): RestResult {
  const raw = req.query.get('ids') ?? '';
  const ids = raw.split(',').map((s) => s.trim()).filter((s) => s.length > 0);
  if (ids.length === 0) throw new SalesforceError('MISSING_ARGUMENT', 'Missing parameter: ids');
  if (ids.length > MAX_COLLECTION_RECORDS) throw tooMany();
  const allOrNone = req.query.get('allOrNone') === 'true';
  const results = runItems(ctx, ids, allOrNone, (rawId) => {
    const id = normalizeId(rawId);
    if (!id) throw new SalesforceError('MALFORMED_ID', `malformed id ${rawId}`, []);
    const type = objectForId(ctx, id);
    ctx.service.delete(ctx.session, type, id);
    return { id, success: true, errors: [] };
  });
  // Delete results echo the id even on failure ([DOC] success shape; failure [UNVERIFIED]).
  return { status: 200, body: results.map((r, i) => ({ id: r.id ?? normalizeId(ids[i] ?? '') ?? ids[i], success: r.success, errors: r.errors })) };
}

function retrieveMany(ctx: RestContext, params: Record<string, string>, req: RestRequest): RestResult {
  const type = param(params, 'type');
  const body = req.body as { ids?: unknown; fields?: unknown } | undefined;
  if (!body || !Array.isArray(body.ids) || !Array.isArray(body.fields)) {
    throw new SalesforceError('JSON_PARSER_ERROR', 'The request body must have ids and fields arrays.');
  }
  if (body.ids.length > 2000) throw new SalesforceError('EXCEEDED_ID_LIMIT', 'record limit reached. cannot submit more than 2000 records into this call');
  const fields = body.fields.map(String);
  const name = canonicalObject(ctx.org.schema, type);
  const label = ctx.org.schema.objects.get(name.toLowerCase())?.label ?? name;
  // A missing or deleted id is `null` in its place (jsforce's own test); a malformed one fails the call.
  const records = body.ids.map((raw) => {
    const id = typeof raw === 'string' ? normalizeId(raw) : null;
    if (!id) throw new SalesforceError('MALFORMED_ID', `${label} ID: id value of incorrect type: ${String(raw)}`, ['Id']);
    try {
      return withAttributes(ctx.service.retrieve(ctx.session, type, id, fields), name, ctx.version, ctx.tooling, id);
    } catch (err) {
      if (err instanceof SalesforceError && (err.errorCode === 'NOT_FOUND' || err.errorCode === 'ENTITY_IS_DELETED')) return null;
      throw err;
    }
  });
  return { status: 200, body: records };
}

/** The object a record id belongs to, from its key prefix. */
function objectForId(ctx: RestContext, id: string): string {
  const prefix = id.slice(0, 3);
  for (const def of ctx.org.schema.objects.values()) {
    if (def.keyPrefix === prefix && def.tooling === ctx.tooling) return def.name;
  }
  for (const def of ctx.org.schema.objects.values()) if (def.keyPrefix === prefix) return def.name;
  throw new SalesforceError('INVALID_ID_FIELD', `invalid cross reference id`, []);
}
