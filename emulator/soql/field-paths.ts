/**
 * Resolving SOQL field paths (`Name`, `Account.Owner.Name`, `What.Name`) against the schema,
 * case-insensitively, with the running user's object and field security. Unknown names fail with the
 * errors a real org gives (reference §6.4).
 */
import { ownRelationshipName, withoutOwnPrefix } from '../metadata/namespace.js';
import type { FieldDef, OrgSchema, SObjectDef } from '../metadata/types.js';
import { isStoredField } from '../store/column-codec.js';
import { badRelationship, noSuchColumn } from './soql-errors.js';
import type { SoqlAccess } from './soql-types.js';

export interface RelationshipHop {
  /** The reference field on the object before this hop (`AccountId`). */
  field: FieldDef;
  /** Canonical relationship name (`Account`), the key of the nested record. */
  relationshipName: string;
  /** Objects the reference can point at. */
  targets: SObjectDef[];
  /** Owner, What, Who...: the nested record reports `attributes.type: "Name"` (reference §5.3). */
  polymorphic: boolean;
}

export interface ResolvedPath {
  /** The path as written in the query (for error carets). */
  raw: string;
  hops: RelationshipHop[];
  field: FieldDef;
  /** The object that owns `field`. */
  owner: SObjectDef;
  /** A stored column of the queried object itself: SQLite can filter and sort on it. */
  direct: boolean;
}

export interface PathContext {
  schema: OrgSchema;
  soql: string;
  access?: SoqlAccess;
  /** Alias from `FROM Account a`, which may prefix paths (`a.Name`). */
  alias?: string;
}

const relationshipsByObject = new WeakMap<SObjectDef, Map<string, FieldDef>>();

function relationshipField(object: SObjectDef, name: string): FieldDef | undefined {
  let byName = relationshipsByObject.get(object);
  if (!byName) {
    byName = new Map();
    for (const field of object.fields.values()) {
      if (field.type === 'reference' && field.relationshipName) byName.set(field.relationshipName.toLowerCase(), field);
    }
    relationshipsByObject.set(object, byName);
  }
  const lower = name.toLowerCase();
  return byName.get(lower) ?? byName.get(ownRelationshipName(object, lower));
}

export function targetsOf(schema: OrgSchema, field: FieldDef): SObjectDef[] {
  return (field.referenceTo ?? []).flatMap((name) => {
    const target = schema.objects.get(name.toLowerCase());
    return target ? [target] : [];
  });
}

/** Resolves a dotted path such as `Account.Owner.Name` from `base`. */
export function resolvePath(ctx: PathContext, base: SObjectDef, path: string): ResolvedPath {
  let segments = path.split('.');
  // `SELECT a.Name FROM Account a`: a leading alias names the queried object itself.
  if (segments.length > 1 && ctx.alias && segments[0]!.toLowerCase() === ctx.alias.toLowerCase()) segments = segments.slice(1);
  const hops: RelationshipHop[] = [];
  let current = base;
  let polymorphicTargets: SObjectDef[] | null = null;

  for (const segment of segments.slice(0, -1)) {
    if (polymorphicTargets) throw badRelationship(ctx.soql, path, segment);
    const reference = relationshipField(current, segment);
    if (!reference || !canReadField(ctx, current, reference)) throw badRelationship(ctx.soql, path, segment);
    const targets = targetsOf(ctx.schema, reference);
    if (targets.length === 0) throw badRelationship(ctx.soql, path, segment);
    const polymorphic = targets.length > 1;
    if (!polymorphic && ctx.access && !ctx.access.canReadObject(targets[0]!.name)) throw badRelationship(ctx.soql, path, segment);
    hops.push({ field: reference, relationshipName: reference.relationshipName ?? segment, targets, polymorphic });
    if (polymorphic) polymorphicTargets = targets;
    else current = targets[0]!;
  }

  const fieldName = segments[segments.length - 1]!;
  if (polymorphicTargets) {
    // A polymorphic relationship exposes the fields its targets share through the `Name` entity;
    // the emulator takes a field from the first target that has it.
    for (const target of polymorphicTargets) {
      const field = target.fields.get(fieldName.toLowerCase());
      if (field && canReadField(ctx, target, field)) return { raw: path, hops, field, owner: target, direct: false };
    }
    throw noSuchColumn(ctx.soql, path, fieldName, 'Name');
  }
  const field = current.fields.get(fieldName.toLowerCase());
  if (!field || !canReadField(ctx, current, field)) throw noSuchColumn(ctx.soql, path, fieldName, current.name);
  return { raw: path, hops, field, owner: current, direct: hops.length === 0 && isStoredField(field) };
}

function canReadField(ctx: PathContext, object: SObjectDef, field: FieldDef): boolean {
  return !ctx.access || ctx.access.canReadField(object.name, field.name);
}

/** Finds the child relationship `name` of `parent` (`Contacts` on Account): the child object and its lookup. */
export function resolveChildRelationship(
  schema: OrgSchema, parent: SObjectDef, name: string,
): { child: SObjectDef; field: FieldDef; relationshipName: string } | null {
  const wanted = withoutOwnPrefix(schema, name.toLowerCase());
  for (const child of schema.objects.values()) {
    for (const field of child.fields.values()) {
      if (field.type !== 'reference' || field.childRelationshipName?.toLowerCase() !== wanted) continue;
      if ((field.referenceTo ?? []).some((target) => target.toLowerCase() === parent.name.toLowerCase())) {
        return { child, field, relationshipName: field.childRelationshipName };
      }
    }
  }
  return null;
}
