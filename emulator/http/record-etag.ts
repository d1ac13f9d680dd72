/**
 * Conditional requests on sObject Rows (REST API guide, "Conditional Request Headers"): a GET of an Account
 * record answers with an `ETag`, a hash of the record; a PATCH with `If-Match` is applied only while the record
 * still has one of the listed ETags, else 412 Precondition Failed and nothing changes (`If-None-Match` the
 * reverse). This is how a client does a safe read-then-write, such as an increment, against concurrent writers.
 * The guide lists Account records only; other objects ignore the headers here.
 * [UNVERIFIED] the 412 and 400 bodies (errorCode and message): the guide gives the statuses only.
 */
import { createHash } from 'node:crypto';
import { SalesforceError } from '../contracts.js';
import type { RestContext } from './rest-types.js';

/** The ETag of a record as this session sees it, or undefined for objects without conditional requests. */
export function recordEtag(ctx: RestContext, type: string, id: string): string | undefined {
  if (type.toLowerCase() !== 'account' || ctx.tooling) return undefined;
  const record = ctx.service.retrieve(ctx.session, type, id);
  const canonical = JSON.stringify(Object.keys(record).sort().map((key) => [key, record[key]]));
  // The guide's examples look like `"U5iWijwWbQD18jeiXwsqxeGpZQk=-gzip"`; the suffix is kept for clients that parse it.
  return `"${createHash('sha256').update(canonical).digest('base64')}--gzip"`;
}

/** Refuses a PATCH whose `If-Match` / `If-None-Match` precondition the record no longer meets (nothing is written). */
export function checkPreconditions(ctx: RestContext, type: string, id: string): void {
  const ifMatch = ctx.headers['if-match'];
  const ifNoneMatch = ctx.headers['if-none-match'];
  if (ifMatch === undefined && ifNoneMatch === undefined) return;
  const current = recordEtag(ctx, type, id);
  if (current === undefined) return;
  if (ifMatch !== undefined && !etagListMatches(ifMatch, current)) {
    throw new SalesforceError('PRECONDITION_FAILED', 'The record was changed since the ETag in If-Match was read; read it again and retry', [], 412);
  }
  if (ifNoneMatch !== undefined && etagListMatches(ifNoneMatch, current)) {
    throw new SalesforceError('PRECONDITION_FAILED', 'The record still matches an ETag in If-None-Match', [], 412);
  }
}

/** `If-None-Match` on a GET: true when the client's copy is current (answered 304 without a body). */
export function notModified(ctx: RestContext, etag: string | undefined): boolean {
  const ifNoneMatch = ctx.headers['if-none-match'];
  return etag !== undefined && ifNoneMatch !== undefined && etagListMatches(ifNoneMatch, etag);
}

function etagListMatches(header: string, current: string): boolean {
  const value = header.trim();
  if (value === '*') return true;
  const tags = value.split(',').map((tag) => tag.trim().replace(/^W\//, ''));
  // "An invalid header value ... on a PATCH or POST request returns 400 Bad Request" (the guide).
  if (tags.some((tag) => !/^"[^"]*"$/.test(tag))) {
    throw new SalesforceError('INVALID_HEADER_TYPE', `${header} is not a list of quoted ETags`, [], 400);
  }
  return tags.includes(current);
}
