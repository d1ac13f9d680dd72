/**
 * Imports sample data in the `sf data tree` format: either a plan file (`[{sobject, saveRefs,
 * resolveRefs, files}]`) or a single tree file (`{records: [{attributes: {type, referenceId}, ...}]}`).
 * Values `@RefId` point at records imported earlier; nested `{records: [...]}` under a child
 * relationship name are children whose lookup to the parent is filled in. Every record goes through
 * the normal save pipeline, so validation rules and flows apply as they would to `sf data import tree`.
 */
import { dirname, resolve } from 'node:path';
import type { WireRecord } from '../contracts.js';
import type { OrgSchema } from '../metadata/types.js';
import { readJsonFile } from '../metadata/json-file.js';
import { MetadataError } from '../metadata/metadata-error.js';

export type CreateRecord = (object: string, values: WireRecord) => string;

interface TreeRecord {
  attributes?: { type?: string; referenceId?: string };
  [field: string]: unknown;
}

/** Imports the file, all or nothing; returns how many records were created. */
export function importDataTree(schema: OrgSchema, file: string, create: CreateRecord, transaction: <T>(fn: () => T) => T): number {
  const content = readJsonFile(file, 'JSON data file');
  const refs = new Map<string, string>();
  let count = 0;
  const importTree = (treeFile: string): void => {
    const tree = readJsonFile(treeFile, 'JSON data tree file') as { records?: TreeRecord[] };
    for (const record of tree.records ?? []) count += importRecord(schema, record, undefined, refs, create, treeFile);
  };
  transaction(() => {
    if (Array.isArray(content)) {
      for (const step of content as { files?: string[] }[]) {
        for (const part of step.files ?? []) importTree(resolve(dirname(file), part));
      }
    } else {
      importTree(file);
    }
  });
  return count;
}

function importRecord(
  schema: OrgSchema, record: TreeRecord, parent: { field: string; id: string } | undefined,
  refs: Map<string, string>, create: CreateRecord, file: string,
): number {
  const type = record.attributes?.type;
  const object = type ? schema.objects.get(type.toLowerCase()) : undefined;
  if (!object) throw new MetadataError(file, `record without a known attributes.type (${String(type)})`);
  const values: WireRecord = {};
  const children: [string, TreeRecord[]][] = [];
  for (const [name, value] of Object.entries(record)) {
    if (name === 'attributes') continue;
    if (value && typeof value === 'object' && Array.isArray((value as { records?: unknown }).records)) {
      children.push([name, (value as { records: TreeRecord[] }).records]);
      continue;
    }
    if (typeof value === 'string' && value.startsWith('@')) {
      const id = refs.get(value.slice(1).toLowerCase());
      if (!id) throw new MetadataError(file, `${object.name}.${name} refers to unknown reference ${value}`);
      values[name] = id;
      continue;
    }
    values[name] = value;
  }
  if (parent) values[parent.field] = parent.id;
  const id = create(object.name, values);
  const referenceId = record.attributes?.referenceId;
  if (referenceId) refs.set(referenceId.toLowerCase(), id);
  let count = 1;
  for (const [relationship, rows] of children) {
    const field = findChildField(schema, object.name, relationship);
    if (!field) throw new MetadataError(file, `${object.name} has no child relationship ${relationship}`);
    for (const row of rows) {
      const typed: TreeRecord = { ...row, attributes: { ...row.attributes, type: row.attributes?.type ?? field.object } };
      count += importRecord(schema, typed, { field: field.field, id }, refs, create, file);
    }
  }
  return count;
}

function findChildField(schema: OrgSchema, parent: string, relationship: string): { object: string; field: string } | undefined {
  for (const child of schema.objects.values()) {
    for (const field of child.fields.values()) {
      if (field.childRelationshipName?.toLowerCase() === relationship.toLowerCase() && field.referenceTo?.some((t) => t.toLowerCase() === parent.toLowerCase())) {
        return { object: child.name, field: field.name };
      }
    }
  }
  return undefined;
}
