/** `layouts/<Object>-<Layout Name>.layout-meta.xml` -> LayoutDef (sections, columns, related lists). */
import { MetadataError } from './metadata-error.js';
import type { LayoutDef, LayoutItemDef } from './types.js';
import { children, text, texts, type XmlNode } from './xml.js';

export const LAYOUT_REPEATABLE: ReadonlySet<string> = new Set([
  'layoutSections', 'layoutColumns', 'layoutItems', 'relatedLists', 'fields', 'quickActionListItems',
  'platformActionListItems', 'excludeButtons', 'customButtons', 'multilineLayoutFields', 'relatedContentItems',
  'miniLayoutFields',
]);

const BEHAVIORS: ReadonlySet<string> = new Set(['Edit', 'Required', 'Readonly']);

export function parseLayout(fullName: string, root: XmlNode, shownAs: string): LayoutDef {
  const dash = fullName.indexOf('-');
  if (dash <= 0) throw new MetadataError(shownAs, `layout name "${fullName}" is not "<Object>-<Layout Name>"`);
  return {
    fullName,
    object: fullName.slice(0, dash),
    sections: children(root, 'layoutSections').map((section) => ({
      label: text(section, 'label') ?? '',
      columns: children(section, 'layoutColumns').map((column) =>
        children(column, 'layoutItems').flatMap((item): LayoutItemDef[] => {
          // Blank spaces, custom links and canvas items carry no field.
          const field = text(item, 'field');
          if (!field) return [];
          const behavior = text(item, 'behavior') ?? 'Edit';
          if (!BEHAVIORS.has(behavior)) throw new MetadataError(shownAs, `<behavior> "${behavior}" of ${field} is not Edit, Required or Readonly`);
          return [{ field, behavior: behavior as LayoutItemDef['behavior'] }];
        }),
      ),
    })),
    relatedLists: children(root, 'relatedLists').map((list) => ({
      relatedList: text(list, 'relatedList') ?? '',
      fields: texts(list, 'fields'),
    })),
    source: shownAs,
  };
}
