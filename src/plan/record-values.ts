/**
 * Building the records a check needs: the name field tagged with the run id, the plan's values, and every
 * other required field filled from describe, so that a team writes only what matters to the check.
 */
import type { Connection, DescribeSObjectResult } from '@jsforce/jsforce-node';
import { soqlString } from '../actions/builtins/soql.js';
import { runCacheOf } from '../salesforce/run-cache.js';

type Field = DescribeSObjectResult['fields'][number];
export type Values = Record<string, string | number | boolean | null>;

/** The field a record's name lives in, if it can be set: `Name`, or `Subject` where Name is automatic. */
export function nameFieldOf(describe: DescribeSObjectResult): string | undefined {
  const name = describe.fields.find((f) => f.nameField);
  if (name?.createable) return name.name;
  const subject = describe.fields.find((f) => f.name === 'Subject' && f.createable);
  if (subject) return subject.name;
  return describe.fields.find((f) => f.name === 'LastName' && f.createable)?.name;
}

/** Replaces `{{today}}` / `{{today+30}}` / `{{today-7}}` with ISO dates (plans cannot hold fixed dates). */
export function resolveTokens(values: Values, now = new Date()): Values {
  const out: Values = {};
  for (const [key, value] of Object.entries(values)) {
    const match = typeof value === 'string' ? /^\{\{today([+-]\d+)?\}\}$/.exec(value) : null;
    if (match) {
      const day = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + Number(match[1] ?? 0)));
      out[key] = day.toISOString().slice(0, 10);
    } else out[key] = value;
  }
  return out;
}

/**
 * A complete, valid set of create values: `given` plus a tagged name plus defaults for the remaining
 * required fields. Throws (naming the field) when a required lookup is not given.
 */
export function completeValues(describe: DescribeSObjectResult, given: Values, taggedName: string): Values {
  const values: Values = { ...resolveTokens(given) };
  const nameField = nameFieldOf(describe);
  // The run id leads the name, so cutting the end to the field's length keeps the record findable.
  const length = describe.fields.find((f) => f.name === nameField)?.length || 80;
  if (nameField && values[nameField] === undefined) values[nameField] = taggedName.slice(0, length);
  for (const field of describe.fields) {
    if (!isRequiredOnCreate(field) || hasKey(values, field.name)) continue;
    const fallback = defaultFor(field, taggedName);
    if (fallback === undefined) {
      throw new Error(`${describe.name}.${field.name} (${field.label}) is required: give it in the plan entry's values`);
    }
    values[field.name] = fallback;
  }
  return values;
}

function isRequiredOnCreate(field: Field): boolean {
  return field.createable && !field.nillable && !field.defaultedOnCreate;
}

function hasKey(values: Values, name: string): boolean {
  return Object.keys(values).some((k) => k.toLowerCase() === name.toLowerCase());
}

function defaultFor(field: Field, taggedName: string): string | number | boolean | undefined {
  switch (field.type) {
    case 'string':
    case 'textarea':
      return taggedName.slice(0, field.length || 80);
    case 'picklist':
    case 'multipicklist':
      return field.picklistValues?.find((v) => v.active && v.defaultValue)?.value ?? field.picklistValues?.find((v) => v.active)?.value;
    case 'date':
      return resolveTokens({ d: '{{today+30}}' }).d as string;
    case 'datetime':
      return new Date(Date.now() + 30 * 86_400_000).toISOString();
    case 'double':
    case 'currency':
    case 'percent':
    case 'int':
      return 0;
    case 'boolean':
      return false;
    case 'email':
      return 'postflight@example.com';
    case 'phone':
      return '+1 555 0100';
    case 'url':
      return 'https://example.com';
    default:
      return undefined;
  }
}

/**
 * The describe of an object as a connection's user sees it, or undefined when the user cannot see the object.
 * Through the run's cache when the connection has one (fixtures attach it: one describe per persona per run),
 * else through jsforce's cache on the connection.
 */
export async function describeAs(conn: Connection, object: string): Promise<DescribeSObjectResult | undefined> {
  const cache = runCacheOf(conn);
  if (cache) return cache.describe(object);
  try {
    return await conn.describe$(object);
  } catch (error) {
    const code = (error as { errorCode?: string }).errorCode;
    if (code === 'NOT_FOUND' || code === 'INSUFFICIENT_ACCESS' || code === 'INVALID_TYPE') return undefined;
    throw error;
  }
}

/** The describe of an object the user must be able to see (the release manager's, for preparing data). */
export async function describeOrFail(conn: Connection, object: string): Promise<DescribeSObjectResult> {
  const describe = await describeAs(conn, object);
  if (!describe) throw new Error(`${object} does not exist in this org, or this user cannot see it`);
  return describe;
}

/** Plans name record types by developer name (`RecordTypeId: 'Onboarding'`); ids differ per org. */
export async function resolveRecordType(admin: Connection, object: string, values: Values): Promise<Values> {
  const wanted = values.RecordTypeId;
  if (typeof wanted !== 'string' || /^012[a-zA-Z0-9]{12}(?:[a-zA-Z0-9]{3})?$/.test(wanted)) return values;
  const id = await recordTypeIdOf(admin, object, wanted);
  if (!id) throw new Error(`${object} has no active record type named ${wanted}`);
  return { ...values, RecordTypeId: id };
}

/**
 * Ids found so far, per connection, for connections without a run cache: a record type's id does not change
 * during a run, and several plan entries name the same one.
 */
const recordTypeIds = new WeakMap<Connection, Map<string, string>>();

/** The id of an object's active record type with this developer name, or undefined when there is none. */
export async function recordTypeIdOf(admin: Connection, object: string, developerName: string): Promise<string | undefined> {
  const cache = runCacheOf(admin);
  if (cache) return cache.recordTypeId(object, developerName);
  let known = recordTypeIds.get(admin);
  if (!known) recordTypeIds.set(admin, (known = new Map()));
  const key = `${object}.${developerName}`.toLowerCase();
  const cached = known.get(key);
  if (cached) return cached;
  const found = await admin.query<{ Id: string }>(
    `SELECT Id FROM RecordType WHERE SobjectType = ${soqlString(object)} AND DeveloperName = ${soqlString(developerName)} AND IsActive = true`,
  );
  const id = found.records[0]?.Id;
  if (id) known.set(key, id);
  return id;
}
