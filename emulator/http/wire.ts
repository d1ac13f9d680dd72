/**
 * Salesforce's wire conventions shared by every route: JSON content type, error arrays, the
 * `Sforce-Limit-Info` header, and how a thrown error becomes a response.
 */
import type { Response } from 'express';
import { SalesforceError } from '../contracts.js';
import { SalesforceErrors } from '../service/errors.js';
import type { RestResult } from './rest-types.js';

/**
 * jsforce parses a body as JSON only when the content type matches `^application/json(;|$)`
 * (reference §1.3), so every JSON answer carries exactly this header.
 */
export const JSON_CONTENT_TYPE = 'application/json;charset=UTF-8';
export const XML_CONTENT_TYPE = 'text/xml;charset=UTF-8';
export const CSV_CONTENT_TYPE = 'text/csv';

/**
 * `[{message, errorCode, fields}]`: the single-resource REST error body (reference §8), one element per
 * error. A save that fails several validation rules at once (`SalesforceErrors`) lists every one of them,
 * as a real org does for a single-record save: the platform evaluates all rules and returns all failures
 * (the same list a collection item carries in `errors`). jsforce then throws MULTIPLE_API_ERRORS with the
 * array in `err.data` (reference §1.5); one error stays the plain `[{…}]`.
 */
export function errorBody(err: SalesforceError): { message: string; errorCode: string; fields?: string[] }[] {
  const all = err instanceof SalesforceErrors ? err.errors : [err];
  return all.map((e) => ({ message: e.message, errorCode: e.errorCode, fields: e.fields }));
}

/** Status for a service error: never 5xx/429 for a client error, because jsforce retries those (§1.4). */
export function statusOf(err: SalesforceError): number {
  const status = err.status;
  if (status >= 500 || status === 429 || status === 420 || status < 300) return 400;
  return status;
}

export function errorResult(err: SalesforceError): RestResult {
  return { status: statusOf(err), body: errorBody(err) };
}

/** The NOT_FOUND body Salesforce returns for an unknown resource (reference §4.2, §8). */
export function notFound(): RestResult {
  return { status: 404, body: [{ errorCode: 'NOT_FOUND', message: 'The requested resource does not exist' }] };
}

export function invalidSession(): SalesforceError {
  return new SalesforceError('INVALID_SESSION_ID', 'Session expired or invalid', [], 401);
}

export function sendResult(res: Response, result: RestResult): void {
  res.status(result.status);
  for (const [name, value] of Object.entries(result.headers ?? {})) res.setHeader(name, value);
  if (result.text !== undefined) {
    res.setHeader('Content-Type', result.contentType ?? CSV_CONTENT_TYPE);
    res.end(result.text);
    return;
  }
  if (result.body === undefined) {
    // 201 with no content (bulk uploads) and 204 still carry the JSON content type like Salesforce.
    res.setHeader('Content-Type', JSON_CONTENT_TYPE);
    res.end();
    return;
  }
  res.setHeader('Content-Type', JSON_CONTENT_TYPE);
  res.end(JSON.stringify(result.body));
}

/**
 * Runs a route body and turns a SalesforceError into its wire form. Anything else is a bug in the
 * emulator: it is rethrown so the server logs it and answers 500.
 */
export function guard(fn: () => RestResult): RestResult {
  try {
    return fn();
  } catch (err) {
    if (err instanceof SalesforceError) return errorResult(err);
    throw err;
  }
}
