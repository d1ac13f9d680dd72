/**
 * `/query`, `/queryAll`, `/query/{locator}` and `/search` (reference §6), for the data and tooling trees.
 * Tooling answers add `size`, `queryLocator` and `entityTypeName` (§6.2).
 */
import { SalesforceError } from '../contracts.js';
import type { QueryPage } from '../contracts.js';
import { soqlParser } from '../soql/soql-parser.js';
import { param } from './rest-router.js';
import type { RestContext, RestRequest, RestResult, Route } from './rest-types.js';
import { echoVersion, withAttributes } from './record-shape.js';

export const queryRoutes: Route[] = [
  { method: 'GET', pattern: '/query', api: 'both', handler: (ctx, _p, req) => query(ctx, req, false) },
  { method: 'GET', pattern: '/queryAll', api: 'both', handler: (ctx, _p, req) => query(ctx, req, true) },
  { method: 'GET', pattern: '/query/:locator', api: 'both', handler: queryMore },
  { method: 'GET', pattern: '/queryAll/:locator', api: 'both', handler: queryMore },
  { method: 'GET', pattern: '/search', api: 'both', handler: search },
];

/** `Sforce-Query-Options: batchSize=N` (200-2000, reference §6.2). */
function batchSizeOf(ctx: RestContext): number | undefined {
  const raw = ctx.headers['sforce-query-options'];
  const match = raw ? /batchSize\s*=\s*(\d+)/i.exec(raw) : null;
  if (!match?.[1]) return undefined;
  return Math.min(2000, Math.max(200, Number(match[1])));
}

function query(ctx: RestContext, req: RestRequest, scanAll: boolean): RestResult {
  const soql = req.query.get('q');
  if (soql === null && req.query.has('explain')) {
    // Query plans depend on Salesforce's optimizer statistics; the emulator has none to report.
    throw new SalesforceError('INVALID_OPERATION', 'The org emulator does not produce query plans (explain).');
  }
  if (soql === null || soql.trim() === '') {
    throw new SalesforceError('MALFORMED_QUERY', 'A query string must be provided.');
  }
  // `columns=true` describes the statement's columns instead of running it (the CLI's `sf data query`).
  if (req.query.get('columns') === 'true') return { status: 200, body: ctx.service.queryColumns(ctx.session, soql, { tooling: ctx.tooling }) };
  const page = ctx.service.query(ctx.session, soql, { scanAll, tooling: ctx.tooling, batchSize: batchSizeOf(ctx), apiVersion: ctx.version });
  return { status: 200, body: shapePage(ctx, page, entityOf(soql)) };
}

function queryMore(ctx: RestContext, params: Record<string, string>): RestResult {
  const page = ctx.service.queryMore(ctx.session, param(params, 'locator'), ctx.version);
  const first = page.records[0]?.['attributes'] as { type?: string } | undefined;
  return { status: 200, body: shapePage(ctx, page, first?.type ?? null) };
}

function shapePage(ctx: RestContext, page: QueryPage, entity: string | null): Record<string, unknown> {
  const base = `/services/data/v${ctx.version}/${ctx.tooling ? 'tooling/' : ''}query/`;
  const records = page.records.map((r) => {
    const type = (r['attributes'] as { type?: string } | undefined)?.type ?? entity ?? 'sObject';
    // Aggregate rows carry attributes without a url ([UNVERIFIED] in §6.2); keep what the service gave.
    return type === 'AggregateResult' ? echoVersion(r, ctx.version) : withAttributes(r, type, ctx.version, ctx.tooling);
  });
  const body: Record<string, unknown> = {};
  if (ctx.tooling) body['size'] = page.records.length;
  body['totalSize'] = page.totalSize;
  body['done'] = page.done;
  if (!page.done && page.nextLocator) body['nextRecordsUrl'] = base + page.nextLocator;
  if (ctx.tooling) {
    body['queryLocator'] = page.done ? null : (page.nextLocator ?? null);
    body['entityTypeName'] = entity;
  }
  body['records'] = records;
  return body;
}

/** The FROM object of a SOQL statement (for `entityTypeName`), or null when it does not parse here. */
function entityOf(soql: string): string | null {
  try {
    const parsed = soqlParser().parseQuery(soql);
    return parsed.sObject ?? null;
  } catch {
    return null;
  }
}

function search(ctx: RestContext, _params: Record<string, string>, req: RestRequest): RestResult {
  const sosl = req.query.get('q');
  if (sosl === null || sosl.trim() === '') throw new SalesforceError('MALFORMED_SEARCH', 'No search term found. The search term must be at least 2 characters long.');
  const records = ctx.service.search(ctx.session, sosl, ctx.version).map((r) => {
    const type = (r['attributes'] as { type?: string } | undefined)?.type ?? 'sObject';
    return withAttributes(r, type, ctx.version, ctx.tooling);
  });
  return { status: 200, body: { searchRecords: records } };
}
