/** `objects/<Obj>/recordTypes/<Dev>.recordType-meta.xml` -> RecordTypeDef. */
import { stableId } from '../ids.js';
import type { FieldDef, PicklistValueDef, RecordTypeDef } from './types.js';
import { bool, children, text, type XmlNode } from './xml.js';

export const RECORD_TYPE_REPEATABLE: ReadonlySet<string> = new Set(['picklistValues', 'values']);

/**
 * Reads the record type's own picklist values and defaults. `<businessProcess>` is kept by name only:
 * the loader checks it against the object's processes and applies it (business-process.ts).
 */
export function parseRecordType(object: string, developerName: string, root: XmlNode, shownAs: string): RecordTypeDef {
  const picklistValues = new Map<string, string[]>();
  const picklistDefaults = new Map<string, string>();
  for (const entry of children(root, 'picklistValues')) {
    const field = text(entry, 'picklist');
    if (!field) continue;
    const values = children(entry, 'values');
    picklistValues.set(field.toLowerCase(), values.map((v) => decodePicklistValue(text(v, 'fullName') ?? '')));
    // `<default>true` on a value is the record type's default for that picklist (Setup: record type > picklist > Default).
    const chosen = values.find((v) => bool(v, 'default'));
    if (chosen) picklistDefaults.set(field.toLowerCase(), decodePicklistValue(text(chosen, 'fullName') ?? ''));
  }
  const fullName = `${object}.${developerName}`;
  const recordType: RecordTypeDef = {
    fullName,
    developerName,
    label: text(root, 'label') ?? developerName,
    active: bool(root, 'active', true),
    picklistValues,
    picklistDefaults,
    id: stableId('012', fullName),
    source: shownAs,
  };
  const businessProcess = text(root, 'businessProcess');
  if (businessProcess) recordType.businessProcess = businessProcess;
  return recordType;
}

/** Record type and business process files URL-encode some characters of values (`End User License Agreement %28EULA%29`). */
export function decodePicklistValue(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/** What a record type offers for one picklist field, and the value a new record starts with. */
export interface RecordTypePicklist {
  /** Active values of the field the record type allows, in the field's own order. */
  values: PicklistValueDef[];
  defaultValue?: string;
}

/**
 * The values a user picks from for a field under a record type (all active values without a record
 * type, or for a field the record type does not list). A record type that lists the field starts new
 * records at its own default, none if it marks none; the field's default is not used then
 * [UNVERIFIED: Setup copies the master default into a new record type, so a retrieved file normally
 * marks one]. This is the UI's view only: the API accepts any active value whatever the record type.
 */
export function recordTypePicklist(field: FieldDef, recordType: RecordTypeDef | undefined): RecordTypePicklist {
  const key = field.name.toLowerCase();
  const allowed = recordType?.picklistValues.get(key);
  const values = (field.picklistValues ?? []).filter((v) => v.active && (!allowed || allowed.includes(v.value)));
  const wanted = allowed ? recordType?.picklistDefaults?.get(key) : values.find((v) => v.isDefault)?.value;
  const result: RecordTypePicklist = { values };
  if (wanted !== undefined && values.some((v) => v.value === wanted)) result.defaultValue = wanted;
  return result;
}
