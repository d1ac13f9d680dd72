/** `objects/<Obj>/recordTypes/<Dev>.recordType-meta.xml` -> RecordTypeDef. */
import { stableId } from '../ids.js';
import type { RecordTypeDef } from './types.js';
import { bool, children, text, type XmlNode } from './xml.js';

export const RECORD_TYPE_REPEATABLE: ReadonlySet<string> = new Set(['picklistValues', 'values']);

export function parseRecordType(object: string, developerName: string, root: XmlNode, shownAs: string): RecordTypeDef {
  const picklistValues = new Map<string, string[]>();
  for (const entry of children(root, 'picklistValues')) {
    const field = text(entry, 'picklist');
    if (!field) continue;
    picklistValues.set(
      field.toLowerCase(),
      // Record type files URL-encode some characters of picklist values (`End User License Agreement %28EULA%29`).
      children(entry, 'values').map((v) => decodeValue(text(v, 'fullName') ?? '')),
    );
  }
  const fullName = `${object}.${developerName}`;
  return {
    fullName,
    developerName,
    label: text(root, 'label') ?? developerName,
    active: bool(root, 'active', true),
    picklistValues,
    id: stableId('012', fullName),
    source: shownAs,
  };
}

function decodeValue(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
