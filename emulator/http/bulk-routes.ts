/**
 * Bulk API 2.0 over HTTP (`/jobs/ingest`, `/jobs/query`) as jsforce's `conn.bulk2` drives it: JSON job
 * info, CSV uploads and CSV results with `Sforce-Locator` paging. Job state lives in
 * `emulator/service/bulk.ts`; this file only speaks the wire format.
 */
import { SalesforceError } from '../contracts.js';
import { BulkJobs, delimiterChar } from '../service/bulk.js';
import { soqlParser } from '../soql/soql-parser.js';
import type { ResultRow } from '../service/bulk.js';
import { parseCsv, toCsv } from './csv.js';
import { param } from './rest-router.js';
import type { OrgHandle, RestContext, RestRequest, RestResult, Route } from './rest-types.js';

/** One job registry per org handle, so every server over the same org sees the same jobs. */
const registries = new WeakMap<OrgHandle, BulkJobs>();

export function bulkJobsOf(org: OrgHandle): BulkJobs {
  let jobs = registries.get(org);
  if (!jobs) {
    jobs = new BulkJobs(org.service, org.schema);
    registries.set(org, jobs);
  }
  return jobs;
}

/** A job's own routes first check that the job is this user's (service/bulk.ts, requireOwner). */
function ownJob(route: Route): Route {
  if (!route.pattern.includes('/:id')) return route;
  return {
    ...route,
    handler: (ctx, params, req) => {
      bulkJobsOf(ctx.org).requireOwner(ctx.session, param(params, 'id'));
      return route.handler(ctx, params, req);
    },
  };
}

const bulkRouteTable: Route[] = [
  { method: 'POST', pattern: '/jobs/ingest', api: 'data', handler: (ctx, _p, req) => ({ status: 200, body: bulkJobsOf(ctx.org).createIngest(ctx.session, jsonObject(req), ctx.version) }) },
  { method: 'GET', pattern: '/jobs/ingest', api: 'data', handler: (ctx) => jobList(ctx, 'ingest') },
  { method: 'GET', pattern: '/jobs/ingest/:id', api: 'data', handler: (ctx, p) => ({ status: 200, body: bulkJobsOf(ctx.org).ingestInfo(param(p, 'id')) }) },
  { method: 'PATCH', pattern: '/jobs/ingest/:id', api: 'data', handler: (ctx, p, req) => ({ status: 200, body: bulkJobsOf(ctx.org).setIngestState(param(p, 'id'), jsonObject(req)['state']) }) },
  { method: 'DELETE', pattern: '/jobs/ingest/:id', api: 'data', handler: (ctx, p) => deleteJob(ctx, 'ingest', param(p, 'id')) },
  { method: 'PUT', pattern: '/jobs/ingest/:id/batches', api: 'data', handler: upload },
  { method: 'GET', pattern: '/jobs/ingest/:id/successfulResults', api: 'data', handler: (ctx, p) => ingestResults(ctx, param(p, 'id'), 'successful') },
  { method: 'GET', pattern: '/jobs/ingest/:id/failedResults', api: 'data', handler: (ctx, p) => ingestResults(ctx, param(p, 'id'), 'failed') },
  { method: 'GET', pattern: '/jobs/ingest/:id/unprocessedrecords', api: 'data', handler: (ctx, p) => ingestResults(ctx, param(p, 'id'), 'unprocessed') },
  { method: 'POST', pattern: '/jobs/query', api: 'data', handler: createQuery },
  { method: 'GET', pattern: '/jobs/query', api: 'data', handler: (ctx) => jobList(ctx, 'query') },
  { method: 'GET', pattern: '/jobs/query/:id', api: 'data', handler: (ctx, p) => ({ status: 200, body: bulkJobsOf(ctx.org).queryInfo(param(p, 'id')) }) },
  { method: 'PATCH', pattern: '/jobs/query/:id', api: 'data', handler: abortQuery },
  { method: 'DELETE', pattern: '/jobs/query/:id', api: 'data', handler: (ctx, p) => deleteJob(ctx, 'query', param(p, 'id')) },
  { method: 'GET', pattern: '/jobs/query/:id/results', api: 'data', handler: queryResults },
];

export const bulkRoutes: Route[] = bulkRouteTable.map(ownJob);

function jsonObject(req: RestRequest): Record<string, unknown> {
  if (req.body === null || typeof req.body !== 'object' || Array.isArray(req.body)) {
    throw new SalesforceError('JSON_PARSER_ERROR', 'The request body must be a JSON object.');
  }
  return req.body as Record<string, unknown>;
}

function jobList(ctx: RestContext, kind: 'ingest' | 'query'): RestResult {
  return { status: 200, body: { done: true, records: bulkJobsOf(ctx.org).list(kind, ctx.session), nextRecordsUrl: null } };
}

function deleteJob(ctx: RestContext, kind: 'ingest' | 'query', id: string): RestResult {
  bulkJobsOf(ctx.org).delete(kind, id);
  return { status: 204 };
}

function upload(ctx: RestContext, params: Record<string, string>, req: RestRequest): RestResult {
  if (typeof req.body !== 'string') {
    throw new SalesforceError('INVALIDBATCH', 'InvalidBatch : the upload must be CSV with Content-Type: text/csv', [], 400);
  }
  const jobs = bulkJobsOf(ctx.org);
  const id = param(params, 'id');
  const format = jobs.uploadFormat(id);
  jobs.upload(id, parseCsv(req.body, delimiterChar(format.columnDelimiter)));
  // Salesforce answers an accepted upload with 201 Created and no body [DOC].
  return { status: 201 };
}

function ingestResults(ctx: RestContext, id: string, which: 'successful' | 'failed' | 'unprocessed'): RestResult {
  const jobs = bulkJobsOf(ctx.org);
  const info = jobs.ingestInfo(id);
  const delimiter = delimiterChar(info['columnDelimiter'] as Parameters<typeof delimiterChar>[0]);
  const lineEnding = info['lineEnding'] === 'CRLF' ? '\r\n' : '\n';
  const { columns, rows } = jobs.results(id, which);
  let text: string;
  if (which === 'unprocessed') {
    text = toCsv(columns, rows as string[][], delimiter, lineEnding);
  } else if (which === 'successful') {
    text = toCsv(['sf__Id', 'sf__Created', ...columns], (rows as ResultRow[]).map((r) => [r.id, String(r.created ?? false), ...r.values]), delimiter, lineEnding);
  } else {
    text = toCsv(['sf__Id', 'sf__Error', ...columns], (rows as ResultRow[]).map((r) => [r.id, r.error ?? '', ...r.values]), delimiter, lineEnding);
  }
  return { status: 200, text, contentType: 'text/csv' };
}

/** Result columns of a bulk query, as Salesforce names them (`Account.Name` for relationship fields). */
function columnsOf(soql: string): string[] {
  try {
    const { getFlattenedFields, parseQuery } = soqlParser();
    return getFlattenedFields(parseQuery(soql));
  } catch {
    throw new SalesforceError('MALFORMED_QUERY', `unable to parse the query: ${soql}`);
  }
}

function createQuery(ctx: RestContext, _params: Record<string, string>, req: RestRequest): RestResult {
  const body = jsonObject(req);
  const query = String(body['query'] ?? '');
  const parsed = (() => {
    try {
      return soqlParser().parseQuery(query);
    } catch {
      return null;
    }
  })();
  // Bulk queries refuse subqueries and aggregates [DOC: Bulk API 2.0 query limitations].
  if (parsed?.fields?.some((f) => f.type === 'FieldSubquery')) {
    throw new SalesforceError('API_ERROR', 'Bulk API 2.0 queries do not support nested queries (subqueries).');
  }
  return { status: 200, body: bulkJobsOf(ctx.org).createQuery(ctx.session, body, ctx.version, columnsOf) };
}

function abortQuery(ctx: RestContext, params: Record<string, string>, req: RestRequest): RestResult {
  const state = jsonObject(req)['state'];
  if (state !== 'Aborted') throw new SalesforceError('INVALIDJOBSTATE', `Invalid state: ${String(state)}`);
  return { status: 200, body: bulkJobsOf(ctx.org).abortQuery(param(params, 'id')) };
}

function queryResults(ctx: RestContext, params: Record<string, string>, req: RestRequest): RestResult {
  const jobs = bulkJobsOf(ctx.org);
  const id = param(params, 'id');
  const maxRaw = req.query.get('maxRecords');
  const page = jobs.queryResults(id, req.query.get('locator'), maxRaw === null ? null : Number(maxRaw));
  const info = jobs.queryInfo(id);
  const delimiter = delimiterChar(info['columnDelimiter'] as Parameters<typeof delimiterChar>[0]);
  const lineEnding = info['lineEnding'] === 'CRLF' ? '\r\n' : '\n';
  return {
    status: 200,
    text: toCsv(page.columns, page.rows, delimiter, lineEnding),
    contentType: 'text/csv',
    headers: { 'Sforce-Locator': page.nextLocator, 'Sforce-NumberOfRecords': String(page.rows.length) },
  };
}
