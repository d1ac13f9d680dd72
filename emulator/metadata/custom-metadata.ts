/**
 * `customMetadata/<Type>.<Record>.md-meta.xml` -> CustomMetadataRecordDef: the records of a custom
 * metadata type, which formulas read as `$CustomMetadata.Type__mdt.Record.Field__c` and SOQL queries
 * as rows of `Type__mdt`.
 *
 * The file names the type without its `__mdt` suffix (`PMT_Setting.Default.md-meta.xml` is a record of
 * `PMT_Setting__mdt`). Each `<values>` pairs a `<field>` with a `<value>`; the value is typed by the
 * field's definition in `objects/Type__mdt/fields/` (its `xsi:type` attribute only restates it). What a
 * deploy would refuse fails the load naming the file: a type that does not exist, a field the type does
 * not have, a value the field's type cannot hold.
 */
import { stableId } from '../ids.js';
import { MetadataError } from './metadata-error.js';
import { effectiveFiles, topFile, type FileStack, type ProjectInventory } from './project-files.js';
import type { CustomMetadataRecordDef, FieldDef, MetadataValue, SObjectDef } from './types.js';
import { bool, children, readMetadataXml, text, type XmlNode } from './xml.js';

export const CUSTOM_METADATA_REPEATABLE: ReadonlySet<string> = new Set(['values']);

/** The standard fields of every `__mdt` object that a record file sets through its name and label. */
const STANDARD_FIELDS = new Set(['developername', 'masterlabel', 'label', 'qualifiedapiname', 'namespaceprefix', 'language', 'id', 'systemmodstamp']);

/**
 * Parses one record file.
 * @param name the file's component name, `Type.Record`
 * @param objectOf the loaded object of a name (case-insensitive), or undefined
 */
export function parseCustomMetadataRecord(
  name: string,
  root: XmlNode,
  shownAs: string,
  objectOf: (name: string) => SObjectDef | undefined,
): CustomMetadataRecordDef {
  const dot = name.indexOf('.');
  if (dot <= 0 || dot === name.length - 1) {
    throw new MetadataError(shownAs, `a custom metadata record file is named <Type>.<Record>.md-meta.xml, not "${name}"`);
  }
  const typeName = `${name.slice(0, dot)}__mdt`;
  const developerName = name.slice(dot + 1);
  const object = objectOf(typeName);
  if (!object?.customMetadata) {
    throw new MetadataError(shownAs, `${typeName} is not a custom metadata type in this project (no objects/${typeName}/${typeName}.object-meta.xml)`);
  }
  const label = text(root, 'label');
  if (!label) throw new MetadataError(shownAs, 'custom metadata record has no <label>');

  const values = new Map<string, MetadataValue>();
  for (const entry of children(root, 'values')) {
    const fieldName = text(entry, 'field');
    if (!fieldName) throw new MetadataError(shownAs, '<values> without a <field>');
    const field = object.fields.get(fieldName.toLowerCase());
    if (!field || STANDARD_FIELDS.has(field.name.toLowerCase())) {
      throw new MetadataError(shownAs, `<field> "${fieldName}" is not a custom field of ${object.name}`);
    }
    values.set(field.name, typedValue(field, text(entry, 'value') ?? '', shownAs));
  }
  return {
    type: object.name,
    developerName,
    label,
    protected: bool(root, 'protected'),
    // Stable across loads, in the type's key prefix like a real record of it (m00...).
    id: stableId(object.keyPrefix, `${object.name}.${developerName}`.toLowerCase()),
    values,
    source: shownAs,
  };
}

/**
 * A record value in the field's own type. An empty `<value>` (also `xsi:nil="true"`, whose attribute
 * the reader drops) is blank; a checkbox is never blank.
 */
function typedValue(field: FieldDef, raw: string, shownAs: string): MetadataValue {
  const value = raw.trim();
  const bad = (): never => {
    throw new MetadataError(shownAs, `<value> "${raw}" of ${field.name} is not a valid ${field.type}`);
  };
  switch (field.type) {
    case 'boolean':
      if (value === '' || value === 'false') return false;
      return value === 'true' ? true : bad();
    case 'double': case 'currency': case 'percent': case 'int': {
      if (value === '') return null;
      const n = Number(value);
      return Number.isFinite(n) ? n : bad();
    }
    case 'date':
      if (value === '') return null;
      return /^\d{4}-\d{2}-\d{2}$/.test(value) ? value : bad();
    case 'datetime': {
      if (value === '') return null;
      const ms = Date.parse(value);
      // The API's datetime form (`2024-05-01T12:34:56.000+0000`), whatever offset the file used.
      return Number.isNaN(ms) ? bad() : new Date(ms).toISOString().replace('Z', '+0000');
    }
    default:
      return value === '' ? null : raw;
  }
}

/** Every record of the project (the top layer's file of each), by lower-cased `Type__mdt.DeveloperName`. */
export function loadCustomMetadataRecords(inventory: ProjectInventory, objects: Map<string, SObjectDef>): Map<string, CustomMetadataRecordDef> {
  const records = new Map<string, CustomMetadataRecordDef>();
  const components = [...(inventory.components.get('md') ?? new Map<string, { name: string; files: FileStack }>()).values()]
    .sort((a, b) => (a.name.toLowerCase() < b.name.toLowerCase() ? -1 : 1));
  for (const { name, files } of components) {
    const top = topFile(files);
    if (!top) continue; // deleted by an overlay
    // An overlay that deletes the type deletes its records with it, as a destructive deploy does.
    const typeFiles = inventory.objects.get(`${name.split('.')[0] ?? ''}__mdt`.toLowerCase());
    if (typeFiles && typeFiles.objectFile.length > 0 && effectiveFiles(typeFiles.objectFile).length === 0) continue;
    const root = readMetadataXml(top.path, top.shownAs, 'CustomMetadata', CUSTOM_METADATA_REPEATABLE);
    const record = parseCustomMetadataRecord(name, root, top.shownAs, (type) => objects.get(type.toLowerCase()));
    records.set(`${record.type}.${record.developerName}`.toLowerCase(), record);
  }
  return records;
}
