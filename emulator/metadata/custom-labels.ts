/**
 * Custom labels, read by formulas and flows as `$Label.Name`: `labels/CustomLabels.labels-meta.xml`
 * (every label of the project in one file, `<CustomLabels><labels>...`), or one label per file
 * (`labels/Name.label-meta.xml`, `<CustomLabel>`, the decomposed source format). The label's own
 * `<value>` is what the emulator returns: translations (`translations/`) are not applied, every user
 * reading the master language ([UNVERIFIED] for users of another language, who would see the
 * translation on a real org).
 */
import { basename } from 'node:path';
import { MetadataError } from './metadata-error.js';
import { effectiveFiles, type ProjectFile, type ProjectInventory } from './project-files.js';
import type { CustomLabelDef } from './types.js';
import { bool, children, readMetadataXml, text, type XmlNode } from './xml.js';

export const CUSTOM_LABELS_REPEATABLE: ReadonlySet<string> = new Set(['labels', 'categories']);

/** One `<labels>` (or `<CustomLabel>` root) element. */
export function parseCustomLabel(node: XmlNode, shownAs: string, fileName?: string): CustomLabelDef {
  const name = text(node, 'fullName') ?? fileName;
  if (!name) throw new MetadataError(shownAs, 'a custom label has no <fullName>');
  const value = text(node, 'value');
  if (value === undefined) throw new MetadataError(shownAs, `custom label ${name} has no <value>`);
  return {
    name,
    value,
    language: text(node, 'language') ?? 'en_US',
    protected: bool(node, 'protected'),
    shortDescription: text(node, 'shortDescription'),
    source: shownAs,
  };
}

/** Every label of a `CustomLabels` file. */
export function parseCustomLabels(root: XmlNode, shownAs: string): CustomLabelDef[] {
  return children(root, 'labels').map((node) => parseCustomLabel(node, shownAs));
}

/**
 * Every label of the project by lower-cased name: the `CustomLabels` files of every package directory
 * and overlay, then the one-label files, a later layer's label replacing an earlier one of the same name.
 */
export function loadCustomLabels(inventory: ProjectInventory): Map<string, CustomLabelDef> {
  const labels = new Map<string, CustomLabelDef>();
  const files = (kind: 'labels' | 'label'): ProjectFile[] => [...(inventory.components.get(kind)?.values() ?? [])]
    .flatMap(({ files: stack }) => effectiveFiles(stack))
    .sort((a, b) => a.layer - b.layer || (a.shownAs < b.shownAs ? -1 : 1));
  for (const file of files('labels')) {
    const root = readMetadataXml(file.path, file.shownAs, 'CustomLabels', CUSTOM_LABELS_REPEATABLE);
    for (const label of parseCustomLabels(root, file.shownAs)) labels.set(label.name.toLowerCase(), label);
  }
  for (const file of files('label')) {
    const name = basename(file.path).replace(/\.label-meta\.xml$/, '');
    const label = parseCustomLabel(readMetadataXml(file.path, file.shownAs, 'CustomLabel', CUSTOM_LABELS_REPEATABLE), file.shownAs, name);
    labels.set(label.name.toLowerCase(), label);
  }
  return labels;
}
