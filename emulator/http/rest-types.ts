/**
 * The shapes the REST room passes around. Routes are plain functions from a parsed request to a result,
 * so that `/composite` and `/composite/batch` can replay subrequests through the very same table
 * without a second HTTP round trip (json-server's style: HTTP in, service call, HTTP out).
 */
import type { OrgServiceApi, Session } from '../contracts.js';
import type { OrgSchema } from '../metadata/types.js';

/** What the HTTP layer needs from an `Org` (emulator/org.ts): its schema and its service. */
export interface OrgHandle {
  readonly schema: OrgSchema;
  readonly service: OrgServiceApi;
}

export interface RestContext {
  readonly org: OrgHandle;
  readonly service: OrgServiceApi;
  readonly session: Session;
  /** `50.0`, from the `vNN.N` segment of the request path. */
  readonly version: string;
  /** `http://127.0.0.1:8787`: every absolute URL the emulator hands out is on its own origin. */
  readonly origin: string;
  /** True under `/services/data/vNN.N/tooling/...`. */
  readonly tooling: boolean;
  /** Lower-cased request headers. */
  readonly headers: Readonly<Record<string, string | undefined>>;
}

export interface RestRequest {
  method: string;
  /** Path below `/services/data/vNN.N` (and below `/tooling` for tooling routes), e.g. `/sobjects/Account`. */
  path: string;
  query: URLSearchParams;
  /** Parsed JSON body, raw text for CSV uploads, undefined when there is none. */
  body: unknown;
}

export interface RestResult {
  status: number;
  /** JSON-serialisable body; omitted for 201/204 without content. */
  body?: unknown;
  /** A non-JSON body (CSV results), sent as is with `contentType`. */
  text?: string;
  contentType?: string;
  headers?: Record<string, string>;
}

export type RouteParams = Record<string, string>;
export type RouteHandler = (ctx: RestContext, params: RouteParams, req: RestRequest) => RestResult;

export interface Route {
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  /** `/sobjects/:type/:id`; a trailing `/` in the request is ignored. */
  pattern: string;
  handler: RouteHandler;
  /** Which API tree the route belongs to. */
  api: 'data' | 'tooling' | 'both';
}
