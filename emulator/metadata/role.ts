/** `roles/<DeveloperName>.role-meta.xml` -> RoleDef (the label is `<name>`, the parent is `<parentRole>`). */
import { stableId } from '../ids.js';
import type { RoleDef } from './types.js';
import { text, type XmlNode } from './xml.js';

export const ROLE_REPEATABLE: ReadonlySet<string> = new Set();

export function parseRole(name: string, root: XmlNode, shownAs: string): RoleDef {
  return {
    name,
    label: text(root, 'name') ?? name,
    parentRole: text(root, 'parentRole') || undefined,
    id: stableId('00E', name),
    source: shownAs,
  };
}
