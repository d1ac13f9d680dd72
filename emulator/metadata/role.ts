/**
 * `roles/<DeveloperName>.role-meta.xml` -> RoleDef (the label is `<name>`, the parent is `<parentRole>`; the
 * `<caseAccessLevel>`-style settings are the implicit access to records on the accounts the role's users own).
 */
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
    ...implicitAccess(root),
  };
}

/** `None` (or absence) grants nothing, so only Read and Edit are kept. */
function implicitAccess(root: XmlNode): Pick<RoleDef, 'caseAccessLevel' | 'opportunityAccessLevel' | 'contactAccessLevel'> {
  const result: Pick<RoleDef, 'caseAccessLevel' | 'opportunityAccessLevel' | 'contactAccessLevel'> = {};
  for (const tag of ['caseAccessLevel', 'opportunityAccessLevel', 'contactAccessLevel'] as const) {
    const value = text(root, tag);
    if (value === 'Read' || value === 'Edit') result[tag] = value;
  }
  return result;
}
