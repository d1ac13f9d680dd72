/**
 * `groups/<DeveloperName>.group-meta.xml` -> PublicGroupDef. The file holds the group's settings only:
 * its members are data (GroupMember rows), as in Salesforce.
 */
import type { PublicGroupDef } from './types.js';
import { bool, text, type XmlNode } from './xml.js';

export const GROUP_REPEATABLE: ReadonlySet<string> = new Set();

export function parsePublicGroup(name: string, root: XmlNode, shownAs: string): PublicGroupDef {
  return {
    name,
    label: text(root, 'name') ?? name,
    // "Grant Access Using Hierarchies" is checked by default when a group is created in Setup.
    doesIncludeBosses: bool(root, 'doesIncludeBosses', true),
    source: shownAs,
  };
}
