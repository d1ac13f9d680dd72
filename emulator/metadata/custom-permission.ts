/** `customPermissions/<Name>.customPermission-meta.xml` -> CustomPermissionDef. */
import { stableId } from '../ids.js';
import type { CustomPermissionDef } from './types.js';
import { text, type XmlNode } from './xml.js';

export const CUSTOM_PERMISSION_REPEATABLE: ReadonlySet<string> = new Set(['requiredPermission']);

export function parseCustomPermission(name: string, root: XmlNode, shownAs: string): CustomPermissionDef {
  return { name, label: text(root, 'label') ?? name, id: stableId('0CP', name), source: shownAs };
}
