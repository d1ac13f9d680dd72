/**
 * Reads values off stored records for one query execution: follows parent paths (one cached lookup
 * per parent record), computes formula fields through the service's hook, and assembles compound
 * address fields from their components.
 */
import type { WireRecord, WireValue } from '../contracts.js';
import type { FieldDef, OrgSchema, SObjectDef } from '../metadata/types.js';
import type { Store } from '../store/store.js';
import type { RelationshipHop, ResolvedPath } from './field-paths.js';
import type { SoqlOptions } from './soql-types.js';

const objectsByPrefix = new WeakMap<OrgSchema, Map<string, SObjectDef>>();

function objectForId(schema: OrgSchema, id: string): SObjectDef | undefined {
  let byPrefix = objectsByPrefix.get(schema);
  if (!byPrefix) {
    byPrefix = new Map();
    for (const object of schema.objects.values()) if (object.keyPrefix) byPrefix.set(object.keyPrefix, object);
    objectsByPrefix.set(schema, byPrefix);
  }
  return byPrefix.get(id.slice(0, 3));
}

export interface ParentRecord {
  object: SObjectDef;
  record: WireRecord;
}

export class RecordReader {
  private parents = new Map<string, ParentRecord | null>();

  constructor(
    private readonly store: Store,
    private readonly schema: OrgSchema,
    private readonly options: SoqlOptions,
  ) {}

  /** The record a hop points at from `record`, or null when the lookup is empty or dangling. */
  follow(record: WireRecord, hop: RelationshipHop): ParentRecord | null {
    const id = record[hop.field.name];
    if (typeof id !== 'string' || id === '') return null;
    const object = hop.polymorphic ? hop.targets.find((t) => t === objectForId(this.schema, id)) : hop.targets[0];
    if (!object) return null;
    const key = `${object.name}/${id}`;
    let parent = this.parents.get(key);
    if (parent === undefined) {
      const found = this.store.get(object.name, id);
      parent = found ? { object, record: found } : null;
      this.parents.set(key, parent);
    }
    return parent;
  }

  /** The value of a field on a stored record, formula and compound fields included. */
  fieldValue(object: SObjectDef, record: WireRecord, field: FieldDef): unknown {
    if (field.formula !== undefined) return this.options.formula ? this.options.formula(object.name, field.name, record) : null;
    if (field.type === 'address' || field.type === 'location') return compoundValue(object, record, field);
    const value = record[field.name];
    return value === undefined ? null : value;
  }

  /** Follows `path` from a record of the queried object; null as soon as a relationship is empty. */
  pathValue(base: SObjectDef, record: WireRecord, path: ResolvedPath): unknown {
    let object = base;
    let current = record;
    for (const hop of path.hops) {
      const parent = this.follow(current, hop);
      if (!parent) return null;
      object = parent.object;
      current = parent.record;
    }
    const field = object === path.owner ? path.field : object.fields.get(path.field.name.toLowerCase());
    return field ? this.fieldValue(object, current, field) : null;
  }

  /** Scalar form of `pathValue` for comparisons (compound values never compare). */
  scalar(base: SObjectDef, record: WireRecord, path: ResolvedPath): WireValue {
    const value = this.pathValue(base, record, path);
    return typeof value === 'object' ? null : (value as WireValue);
  }
}

/**
 * `BillingAddress` from `BillingStreet`, `BillingCity`...: component fields name their compound in
 * `compoundFieldName`; the key is the component name without the shared prefix (`street`, `postalCode`).
 */
function compoundValue(object: SObjectDef, record: WireRecord, compound: FieldDef): Record<string, unknown> | null {
  const prefix = compound.name.replace(/(Address|__c)$/i, '').replace(/__$/, '');
  const out: Record<string, unknown> = {};
  let any = false;
  for (const field of object.fields.values()) {
    if (field.compoundFieldName?.toLowerCase() !== compound.name.toLowerCase()) continue;
    let key = field.name.startsWith(prefix) ? field.name.slice(prefix.length) : field.name;
    key = key.replace(/^__/, '').replace(/__s$/i, '');
    key = key.charAt(0).toLowerCase() + key.slice(1);
    const value = record[field.name] ?? null;
    if (value !== null) any = true;
    out[key] = value;
  }
  return any ? out : null;
}
