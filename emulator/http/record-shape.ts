/**
 * Records on the wire carry `attributes: {type, url}` whose url names the API version of the request
 * (reference §5.3, §11.2). The service may build urls with its own version; these helpers make every
 * `/services/data/vNN.N/` in a response echo the version the client asked for.
 */
import type { WireRecord } from '../contracts.js';
import type { OrgSchema } from '../metadata/types.js';

const VERSIONED_PATH = /\/services\/data\/v\d+\.\d+\//g;

/** Deeply rewrites versioned paths in strings of a JSON value (attributes.url, nextRecordsUrl, urls maps). */
export function echoVersion<T>(value: T, version: string): T {
  return rewrite(value, `/services/data/v${version}/`) as T;
}

function rewrite(value: unknown, replacement: string): unknown {
  if (typeof value === 'string') return value.includes('/services/data/v') ? value.replace(VERSIONED_PATH, replacement) : value;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) value[i] = rewrite(value[i], replacement);
    return value;
  }
  if (value !== null && typeof value === 'object') {
    const obj = value as Record<string, unknown>;
    for (const key of Object.keys(obj)) obj[key] = rewrite(obj[key], replacement);
    return obj;
  }
  return value;
}

/** The canonical spelling of an object name (`account` -> `Account`), or the input when unknown. */
export function canonicalObject(schema: OrgSchema, object: string): string {
  return schema.objects.get(object.toLowerCase())?.name ?? object;
}

export function sobjectUrl(version: string, object: string, id: string, tooling = false): string {
  return `/services/data/v${version}/${tooling ? 'tooling/' : ''}sobjects/${object}/${id}`;
}

/**
 * Puts `attributes` first (as Salesforce does) and makes its url echo the request version. `knownId`
 * is the id a retrieve asked for: Salesforce answers `?fields=Name` with `Name` and `Id`, so the id is
 * appended when the service left it out. Tooling records point at `/tooling/sobjects/...`.
 */
export function withAttributes(record: WireRecord, object: string, version: string, tooling = false, knownId?: string): WireRecord {
  const existing = record['attributes'] as { type?: string; url?: string } | undefined;
  const id = typeof record['Id'] === 'string' ? record['Id'] : knownId;
  const type = existing?.type ?? object;
  const attributes: Record<string, unknown> = { type };
  const url = existing?.url ?? (id ? sobjectUrl(version, type, id, tooling) : undefined);
  if (url !== undefined) attributes['url'] = url;
  const { attributes: _ignored, ...rest } = record;
  const shaped: WireRecord = { attributes, ...rest };
  if (knownId !== undefined && !('Id' in shaped)) shaped['Id'] = knownId;
  const versioned = echoVersion(shaped, version);
  return tooling ? toolingUrls(versioned) : versioned;
}

const DATA_SOBJECT_PATH = /^(\/services\/data\/v\d+\.\d+\/)sobjects\//;

/** Rewrites `attributes.url` of a tooling record (and its nested records) to the tooling tree. */
export function toolingUrls<T>(value: T): T {
  if (Array.isArray(value)) {
    value.forEach((v) => toolingUrls(v));
    return value;
  }
  if (value !== null && typeof value === 'object') {
    const obj = value as Record<string, unknown>;
    for (const [key, v] of Object.entries(obj)) {
      if (key === 'attributes' && v !== null && typeof v === 'object') {
        const attrs = v as Record<string, unknown>;
        if (typeof attrs['url'] === 'string') attrs['url'] = attrs['url'].replace(DATA_SOBJECT_PATH, '$1tooling/sobjects/');
      } else if (v !== null && typeof v === 'object') {
        toolingUrls(v);
      }
    }
  }
  return value;
}

/** A request body minus the keys jsforce or clients add that are not fields (`attributes`). */
export function fieldValues(body: unknown): WireRecord {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return {};
  const { attributes: _ignored, ...rest } = body as WireRecord;
  return rest;
}
