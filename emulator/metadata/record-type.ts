/** `objects/<Obj>/recordTypes/<Dev>.recordType-meta.xml` -> RecordTypeDef. */
import { stableId } from '../ids.js';
import type { RecordTypeDef } from './types.js';
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
