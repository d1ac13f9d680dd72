/**
 * The project's own namespace prefix. A project whose `sfdx-project.json` declares `"namespace":
 * "animalshelters"` is developed in an org with that namespace, where its components are
 * `animalshelters__Animal__c`, and its flows, formulas and code often name them so (AnimalShelterStarter's
 * flows read `animalshelters__Animal__c.animalshelters__Animal_Name__c`), while its source files name
 * them without the prefix (`objects/Animal__c/fields/Animal_Name__c.field-meta.xml`). In that org both
 * spellings reach the same component.
 *
 * The emulator keeps the source's names (describe, query results and the load summary say `Animal__c`,
 * as the project's files do: a team reads its own project there) and resolves the prefixed spelling to
 * them wherever the org looks a name up: objects, fields, relationships, custom metadata records, custom
 * labels and custom permissions, so a reference in a formula, a SOQL query or an API call works either
 * way; a flow's names lose the prefix at load (`dropOwnPrefixInFlow`). [UNVERIFIED] that a namespaced org's API accepts the unprefixed names from outside the
 * namespace; the emulator accepts both, the more lenient reading.
 *
 * @example
 * const objects = new OwnNamespaceMap('animalshelters', assembled);
 * objects.get('animalshelters__animal__c') === objects.get('animal__c'); // true
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { readJsonFile } from './json-file.js';
import type { FlowDef, OrgSchema, SObjectDef } from './types.js';

/** The `namespace` an SFDX project declares, or undefined (none, or empty as most projects write it). */
export function projectNamespace(source: string): string | undefined {
  const file = join(source, 'sfdx-project.json');
  if (!existsSync(file)) return undefined;
  const def = readJsonFile(file, 'sfdx-project.json') as { namespace?: unknown };
  const namespace = typeof def.namespace === 'string' ? def.namespace.trim() : '';
  return /^[A-Za-z][A-Za-z0-9]*$/.test(namespace) ? namespace : undefined;
}

/**
 * A map keyed by lower-cased API names in which a key carrying the project's namespace prefix
 * (`animalshelters__animal__c`) finds the entry of the unprefixed name. Iteration, size and `set` are a
 * plain Map's: every component is there once, under its source name.
 */
export class OwnNamespaceMap<V> extends Map<string, V> {
  private readonly prefix: string;

  constructor(namespace: string, entries?: Iterable<readonly [string, V]>) {
    super();
    this.prefix = `${namespace.toLowerCase()}__`;
    for (const [key, value] of entries ?? []) this.set(key, value);
  }

  /** `key` without the own prefix (lower-cased keys in, as every schema map is keyed). */
  ownName(key: string): string {
    return key.startsWith(this.prefix) && key.length > this.prefix.length ? key.slice(this.prefix.length) : key;
  }

  override get(key: string): V | undefined {
    return super.get(key) ?? (super.has(key) ? undefined : super.get(this.ownName(key)));
  }

  override has(key: string): boolean {
    return super.has(key) || super.has(this.ownName(key));
  }
}

/**
 * A lower-cased relationship name (`animalshelters__movements__r`) as the object's fields spell it: the
 * prefix dropped when the object belongs to a namespaced project (its fields map is an OwnNamespaceMap).
 */
export function ownRelationshipName(object: SObjectDef, lowerName: string): string {
  return object.fields instanceof OwnNamespaceMap ? object.fields.ownName(lowerName) : lowerName;
}

/** A lower-cased name without the project's own prefix (unchanged when the project has no namespace). */
export function withoutOwnPrefix(schema: OrgSchema, lowerName: string): string {
  const prefix = schema.namespace ? `${schema.namespace.toLowerCase()}__` : undefined;
  return prefix && lowerName.startsWith(prefix) && lowerName.length > prefix.length ? lowerName.slice(prefix.length) : lowerName;
}

/**
 * A flow of a namespaced project names components with or without the prefix; the flow runtime reads its
 * records by the names the org gives fields (the source's), so the prefix is dropped from every name in the
 * flow's elements once, at load. String literals (`<stringValue>`) are left as written.
 */
export function dropOwnPrefixInFlow(flow: FlowDef, namespace: string): void {
  const pattern = new RegExp(`\\b${namespace}__(?=[A-Za-z])`, 'gi');
  const drop = (value: string): string => value.replace(pattern, '');
  const walk = (node: unknown, key: string): unknown => {
    if (typeof node === 'string') return key === 'stringValue' ? node : drop(node);
    if (Array.isArray(node)) return node.map((item) => walk(item, key));
    if (node && typeof node === 'object') {
      const record = node as Record<string, unknown>;
      for (const [k, v] of Object.entries(record)) record[k] = walk(v, k);
      return record;
    }
    return node;
  };
  walk(flow.body, '');
  if (flow.object) flow.object = drop(flow.object);
  if (flow.process) flow.process.object = drop(flow.process.object);
}

/**
 * Makes every name lookup of the schema resolve the project's own prefix; flows' start objects are
 * spelt as the objects are (the runtime matches them to saves by name).
 */
export function resolveOwnNamespace(schema: OrgSchema, namespace: string): void {
  schema.namespace = namespace;
  schema.objects = new OwnNamespaceMap(namespace, schema.objects);
  for (const object of schema.objects.values()) object.fields = new OwnNamespaceMap(namespace, object.fields);
  if (schema.customMetadataRecords) schema.customMetadataRecords = new OwnNamespaceMap(namespace, schema.customMetadataRecords);
  if (schema.customLabels) schema.customLabels = new OwnNamespaceMap(namespace, schema.customLabels);
  schema.customPermissions = new OwnNamespaceMap(namespace, schema.customPermissions);
  for (const flow of schema.flows.values()) dropOwnPrefixInFlow(flow, namespace);
}
