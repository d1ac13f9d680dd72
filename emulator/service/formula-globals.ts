/**
 * The globals of formulas and flows that are not rows of an object: `$CustomMetadata` (the project's
 * custom metadata records), `$Api` (the org's SOAP endpoints), `$System` and `$User`'s UI theme. Their
 * types answer at compile time, their values at run time (formula-context.ts routes both here).
 */
import type { WireValue } from '../contracts.js';
import type { CustomMetadataRecordDef, FieldDef, FieldType, OrgSchema } from '../metadata/types.js';
import type { FormulaHost } from './formula-context.js';

/**
 * `$User.UITheme` / `$User.UIThemeDisplayed`: the user's preferred and displayed look (Salesforce help,
 * "$User.UITheme and $User.UIThemeDisplayed"): `Theme4d` is Lightning Experience, the one UI the
 * emulator serves. They are merge fields of `$User`, not fields of the User object.
 */
export function userTheme(field: string): string | undefined {
  const lower = field.toLowerCase();
  return lower === 'uitheme' || lower === 'uithemedisplayed' ? 'Theme4d' : undefined;
}

/** The standard fields every custom metadata record has, read from its definition. */
const CUSTOM_METADATA_STANDARD: Record<string, (record: CustomMetadataRecordDef) => WireValue> = {
  id: (record) => record.id,
  developername: (record) => record.developerName,
  masterlabel: (record) => record.label,
  label: (record) => record.label,
  qualifiedapiname: (record) => record.developerName,
  namespaceprefix: () => null,
  language: () => 'en_US',
};

/** `$CustomMetadata.Type__mdt.Record.Field__c`: the record must exist, as a real org checks when the formula is saved. */
export function customMetadataType(schema: OrgSchema, path: string[]): FieldType | null {
  const [type, name, fieldName, ...extra] = path;
  if (!type || !name || !fieldName || extra.length > 0) return null;
  const record = schema.customMetadataRecords?.get(`${type}.${name}`.toLowerCase());
  if (!record) return null;
  return schema.objects.get(record.type.toLowerCase())?.fields.get(fieldName.toLowerCase())?.type ?? null;
}

/** The field a `$CustomMetadata.Type__mdt.Record.Field__c` path reads (undefined when the record or field does not exist). */
export function customMetadataField(schema: OrgSchema, path: readonly string[]): FieldDef | undefined {
  const [type, name, fieldName, ...extra] = path;
  if (!type || !name || !fieldName || extra.length > 0) return undefined;
  const record = schema.customMetadataRecords?.get(`${type}.${name}`.toLowerCase());
  return record ? schema.objects.get(record.type.toLowerCase())?.fields.get(fieldName.toLowerCase()) : undefined;
}

export function customMetadataValue(schema: OrgSchema, path: string[]): WireValue | undefined {
  const [type, name, fieldName, ...extra] = path;
  if (!type || !name || !fieldName || extra.length > 0) return undefined;
  const record = schema.customMetadataRecords?.get(`${type}.${name}`.toLowerCase());
  const field = record ? schema.objects.get(record.type.toLowerCase())?.fields.get(fieldName.toLowerCase()) : undefined;
  if (!record || !field) return undefined;
  const standard = CUSTOM_METADATA_STANDARD[field.name.toLowerCase()];
  if (standard) return standard(record);
  // A field the record leaves out is blank (a checkbox unchecked), as in a row that never set it.
  return record.values.get(field.name) ?? (field.type === 'boolean' ? false : null);
}

/**
 * `$Api` merge fields: `Session_ID`, and the SOAP endpoints `Partner_Server_URL_NNN` /
 * `Enterprise_Server_URL_NNN` for API version NN.N (`_540` is 54.0), in the shape the SOAP login hands
 * out (protocol reference §2.1: `{instance}/services/Soap/u/{version}/{15-char org id}`; `/c/` is the
 * enterprise endpoint, identity.ts).
 */
export function apiValueKind(name: string): { kind: 'session' } | { kind: 'server'; letter: 'u' | 'c'; version: string } | null {
  if (name.toLowerCase() === 'session_id') return { kind: 'session' };
  const match = /^(partner|enterprise)_server_url_(\d{2,3})$/i.exec(name);
  if (!match) return null;
  const digits = Number(match[2]);
  return { kind: 'server', letter: match[1]!.toLowerCase() === 'partner' ? 'u' : 'c', version: `${Math.floor(digits / 10)}.${digits % 10}` };
}

/**
 * `$Api` values. The server URLs are the org's instance URL (the address its HTTP server listens on)
 * plus the SOAP path. The org cannot answer (undefined) `Session_ID`, nor the URLs while it is not
 * served over HTTP: a flow that reads them faults naming the global, and a formula reads them blank.
 * No session id is given because a record's formula is computed for a user, not for a page session,
 * and a session id in a field value would end up in test reports and traces (brief: secrets never
 * reach a report); a real org gives the viewer's session there ([UNVERIFIED] which one a REST read gets).
 */
export function apiValue(host: FormulaHost, path: string[]): WireValue | undefined {
  const [name, ...extra] = path;
  const kind = name && extra.length === 0 ? apiValueKind(name) : null;
  if (!kind || kind.kind === 'session') return undefined;
  const instance = host.instanceUrl?.();
  const orgId = host.store.allIds('Organization')[0];
  if (!instance || !orgId) return undefined;
  return `${instance}/services/Soap/${kind.letter}/${kind.version}/${orgId.slice(0, 15)}`;
}

/** "$System.OriginDateTime: a global merge field that represents the literal value of 1900-01-01 00:00:00" (Salesforce help, Global Variables), in GMT. */
export const ORIGIN_DATE_TIME = '1900-01-01T00:00:00.000+0000';
