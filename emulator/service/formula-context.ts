/**
 * Bridges formulas to the org: at load time, the type of every reference path (so that each validation
 * rule, formula field and default value is compiled and checked once); at save and read time, the value
 * of every path for one record, following lookups (polymorphic ones through `Owner:User.` /
 * `Owner:Queue.`), `$User`, `$Permission`, `$Setup`, `$RecordType`, `$CustomMetadata`, `$Label`,
 * `$Api`, `$System`...
 */
import type {
  CompiledFormula, FormulaCompileContext, FormulaRuntimeContext, WireRecord, WireValue,
} from '../contracts.js';
import { ownRelationshipName } from '../metadata/namespace.js';
import type { FieldDef, FieldType, OrgSchema, SObjectDef } from '../metadata/types.js';
import { apiValue, apiValueKind, customMetadataField, customMetadataType, customMetadataValue, ORIGIN_DATE_TIME, userTheme } from './formula-globals.js';
import type { StorePort } from './ports.js';

/** The formula engine's compile function (emulator/formula/index.ts `compileFormula`). */
export type CompileFormulaFn = (
  source: string,
  ctx: FormulaCompileContext,
  options: { returnType?: FieldType; treatBlanksAsZero?: boolean },
) => CompiledFormula;

/** Global variables whose paths resolve against a standard object. */
const GLOBAL_OBJECTS: Record<string, string> = {
  $user: 'User',
  $organization: 'Organization',
  $profile: 'Profile',
  $userrole: 'UserRole',
  $recordtype: 'RecordType',
};

/**
 * A path segment that follows a polymorphic lookup to one of its targets: `Owner:User` is the Owner
 * relationship when it points at a User. Queues are Group rows of type Queue, so `Owner:Queue` reads
 * the owning Group, with `QueueName` for its Name (the formula editor's field list for Owner:Queue).
 */
interface Hop {
  relationship: string;
  /** The object named after the colon, as written (`User`, `Queue`), or undefined for a plain segment. */
  target?: string;
}

function hopOf(segment: string): Hop {
  const colon = segment.indexOf(':');
  return colon < 0 ? { relationship: segment } : { relationship: segment.slice(0, colon), target: segment.slice(colon + 1) };
}

/** The object a `:Target` names: `Queue` is the Group object. */
function hopObjectName(target: string): string {
  return target.toLowerCase() === 'queue' ? 'Group' : target;
}

/** Field names of `Owner:Queue.` that differ from Group's own. */
function queueFieldName(field: string): string {
  return field.toLowerCase() === 'queuename' ? 'Name' : field;
}

/** Finds the reference field behind a relationship name: `Account` -> AccountId, `Parent__r` -> Parent__c. */
export function relationshipField(object: SObjectDef, relationship: string): FieldDef | undefined {
  // `ns__Parent__r` in a project whose own namespace is ns names its `Parent__r` (metadata/namespace.ts).
  const wanted = ownRelationshipName(object, relationship.toLowerCase());
  for (const field of object.fields.values()) {
    if (field.type === 'reference' && field.relationshipName?.toLowerCase() === wanted) return field;
  }
  return undefined;
}

/** A `FormulaCompileContext` for formulas on `objectName` (or context-free ones, e.g. in flows). */
export function compileContext(schema: OrgSchema, objectName: string | undefined, where: string): FormulaCompileContext {
  return {
    object: objectName ?? '',
    where,
    typeOf: (path) => typeOfPath(schema, objectName, path),
  };
}

function typeOfPath(schema: OrgSchema, objectName: string | undefined, path: string[]): FieldType | null {
  const [head, ...rest] = path;
  if (head === undefined) return null;
  const headLower = head.toLowerCase();
  if (headLower === '$permission') return rest.length === 1 && schema.customPermissions.has(rest[0]!.toLowerCase()) ? 'boolean' : null;
  if (headLower === '$setup') {
    const [setting, field] = rest;
    const object = setting ? schema.objects.get(setting.toLowerCase()) : undefined;
    return object?.customSetting && field ? (object.fields.get(field.toLowerCase())?.type ?? null) : null;
  }
  if (headLower === '$custommetadata') return customMetadataType(schema, rest);
  if (headLower === '$label') return rest.length === 1 && schema.customLabels?.has(rest[0]!.toLowerCase()) ? 'string' : null;
  if (headLower === '$system') return rest.length === 1 && rest[0]!.toLowerCase() === 'origindatetime' ? 'datetime' : null;
  if (headLower === '$api') return rest.length === 1 && apiValueKind(rest[0]!) !== null ? 'string' : null;
  if (headLower === '$objecttype') {
    // `$ObjectType.Obj.Fields.Field` (VLOOKUP's arguments): the field's type.
    const [object, fields, field, ...extra] = rest;
    if (!object || fields?.toLowerCase() !== 'fields' || !field || extra.length > 0) return null;
    return schema.objects.get(object.toLowerCase())?.fields.get(field.toLowerCase())?.type ?? null;
  }
  if (headLower === '$user' && rest.length === 1 && userTheme(rest[0]!) !== undefined) return 'string';
  const globalObject = GLOBAL_OBJECTS[headLower];
  if (globalObject) return typeAlong(schema, schema.objects.get(globalObject.toLowerCase()), rest);
  if (objectName === undefined) return null;
  return typeAlong(schema, schema.objects.get(objectName.toLowerCase()), path);
}

function typeAlong(schema: OrgSchema, object: SObjectDef | undefined, path: string[]): FieldType | null {
  let current = object;
  let viaQueue = false;
  for (let i = 0; i < path.length; i++) {
    if (!current) return null;
    const part = path[i]!;
    if (i === path.length - 1) return current.fields.get((viaQueue ? queueFieldName(part) : part).toLowerCase())?.type ?? null;
    const hop = hopOf(part);
    const reference = relationshipField(current, hop.relationship);
    const targets = reference?.referenceTo ?? [];
    // `Owner:User` must name one of the lookup's targets (Queue is a Group); a plain segment follows the first.
    const target = hop.target === undefined ? targets[0]
      : targets.find((t) => t.toLowerCase() === hopObjectName(hop.target!).toLowerCase());
    viaQueue = hop.target?.toLowerCase() === 'queue';
    current = target ? schema.objects.get(target.toLowerCase()) : undefined;
  }
  return null;
}

/**
 * How an id reads: `formula` is the 15-character, case-sensitive form that a real org gives formula
 * fields, validation rules, default values and workflow formulas for every id they read (`Id`, lookups and
 * master-detail fields, `OwnerId`, `RecordTypeId`, `$User.Id`, `$Profile.Id`, `$Organization.Id`...):
 * "Formulas recognize information mainly from the User Interface (or UI) which deals with the 15 digit ID
 * format", and `IF(CreatedById = "<18-character id>", ...)` never matches while the 15-character literal
 * does (Salesforce Help, knowledge article 000386186). That is why CASESAFEID exists. `api` is the
 * 18-character form that flows see: their resources hold API values (`{!$Record.Id}`, `{!$User.Id}`).
 */
export type IdForm = 'formula' | 'api';

/** A field's value as `form` reads it: an 18-character id shortened to 15 for formulas, anything else as is. */
function idAs(form: IdForm, field: FieldDef, value: WireValue): WireValue {
  if (form === 'api' || (field.type !== 'id' && field.type !== 'reference') || typeof value !== 'string' || value.length !== 18) return value;
  return value.slice(0, 15);
}

/** What a record's formula scope needs from the org. */
export interface FormulaHost {
  schema: OrgSchema;
  store: StorePort;
  now(): Date;
  /** The running user's id (for `$User`, `$Profile`, `$Permission`, `$Setup`). */
  userId: string;
  hasCustomPermission(name: string): boolean;
  /** The compiled formula of a formula field, so that formulas can read other formula fields. */
  formulaField(object: string, field: string): CompiledFormula | undefined;
  /**
   * Optional: the compiled `<defaultValue>` formula of a field (FormulaRegistry `defaultValue`), which
   * `$Setup` reads when no setting row applies. Without it only checkbox defaults (plain true/false in
   * metadata, no formula to compile) are known, and other defaults read as unknown (undefined).
   */
  defaultValue?(object: string, field: string): CompiledFormula | undefined;
  /** Optional: the org's instance URL (`http://127.0.0.1:8787`) once it is served, for `$Api` server URLs. */
  instanceUrl?(): string | undefined;
}

/**
 * The run-time context of a formula evaluated against one record (validation rule, formula field,
 * default value), with `prior` for ISCHANGED/PRIORVALUE.
 */
export function recordFormulaContext(
  host: FormulaHost,
  objectName: string,
  record: WireRecord,
  prior: WireRecord | null,
  depth = 0,
): FormulaRuntimeContext {
  return {
    isNew: prior === null,
    now: () => host.now(),
    get: (path) => valueOfPath(host, objectName, record, path, depth),
    prior: (path) => (prior ? valueOfPath(host, objectName, prior, path, depth) : undefined),
    vlookup: (object, matchField, value, returnField) => vlookup(host, object, matchField, value, returnField, depth),
  };
}

/** VLOOKUP: the first record (in creation order) whose name field equals `value`, read without sharing like every formula. */
function vlookup(host: FormulaHost, objectName: string, matchField: string, value: string, returnField: string, depth: number): WireValue | undefined {
  const object = host.schema.objects.get(objectName.toLowerCase());
  if (!object?.fields.has(matchField.toLowerCase()) || !object.fields.has(returnField.toLowerCase())) return undefined;
  const match = host.store.findBy(object.name, matchField, value)[0];
  return match ? valueAlong(host, object.name, match, [returnField], depth, 'formula') : null;
}

function valueOfPath(host: FormulaHost, objectName: string, record: WireRecord, path: string[], depth: number): WireValue | undefined {
  const [head, ...rest] = path;
  if (head === undefined) return undefined;
  const headLower = head.toLowerCase();
  if (headLower === '$recordtype') {
    const id = fieldValue(record, 'RecordTypeId');
    return valueAlong(host, 'RecordType', typeof id === 'string' ? (host.store.get('RecordType', id) ?? null) : null, rest, depth, 'formula');
  }
  if (headLower.startsWith('$')) return globalValue(host, path, depth, 'formula');
  return valueAlong(host, objectName, record, path, depth, 'formula');
}

/**
 * The globals that depend on the running user and the org, not on a record: `$User.Department`,
 * `$User.Profile.Name`, `$Profile.Name`, `$UserRole.DeveloperName`, `$Permission.Name`,
 * `$Setup.Setting__c.Field__c`, `$Organization.Name`. Flows read them here too (FlowHost `globalValue`),
 * so a flow and a validation rule always agree. `null` is a real blank (a user without a role);
 * `undefined` means the org does not know the path (unknown global, field, setting or permission).
 */
export function globalValue(host: FormulaHost, path: readonly string[], depth = 0, ids: IdForm = 'api'): WireValue | undefined {
  const [head, ...rest] = path;
  switch (head?.toLowerCase()) {
    case '$permission': {
      const [name] = rest;
      if (name === undefined || rest.length !== 1 || !host.schema.customPermissions.has(name.toLowerCase())) return undefined;
      return host.hasCustomPermission(name);
    }
    case '$setup':
      return setupValue(host, rest, depth, ids);
    case '$custommetadata': {
      const value = customMetadataValue(host.schema, rest);
      const field = customMetadataField(host.schema, rest);
      return value === undefined || !field ? value : idAs(ids, field, value);
    }
    case '$label': {
      const [name] = rest;
      if (name === undefined || rest.length !== 1) return undefined;
      return host.schema.customLabels?.get(name.toLowerCase())?.value ?? undefined;
    }
    case '$system':
      return rest.length === 1 && rest[0]!.toLowerCase() === 'origindatetime' ? ORIGIN_DATE_TIME : undefined;
    case '$api':
      return apiValue(host, rest);
    case '$user': {
      const theme = rest.length === 1 ? userTheme(rest[0]!) : undefined;
      if (theme !== undefined) return theme;
      return valueAlong(host, 'User', host.store.get('User', host.userId) ?? null, rest, depth, ids);
    }
    case '$organization': {
      const orgId = host.store.allIds('Organization')[0];
      return valueAlong(host, 'Organization', orgId ? (host.store.get('Organization', orgId) ?? null) : null, rest, depth, ids);
    }
    case '$profile':
    case '$userrole': {
      const user = host.store.get('User', host.userId);
      const isProfile = head?.toLowerCase() === '$profile';
      const target = isProfile ? 'Profile' : 'UserRole';
      const id = user?.[isProfile ? 'ProfileId' : 'UserRoleId'];
      return valueAlong(host, target, typeof id === 'string' ? (host.store.get(target, id) ?? null) : null, rest, depth, ids);
    }
    default:
      return undefined;
  }
}

function valueAlong(host: FormulaHost, objectName: string, start: WireRecord | null, path: readonly string[], depth: number, ids: IdForm): WireValue | undefined {
  let object = host.schema.objects.get(objectName.toLowerCase());
  let record = start;
  let viaQueue = false;
  for (let i = 0; i < path.length; i++) {
    if (!object) return undefined;
    const part = path[i]!;
    if (record === null) return null;
    if (i === path.length - 1) {
      const field = object.fields.get((viaQueue ? queueFieldName(part) : part).toLowerCase());
      if (!field) return undefined;
      if (field.formula !== undefined) return evaluateFormulaField(host, object.name, field.name, record, depth);
      return idAs(ids, field, fieldValue(record, field.name) ?? null);
    }
    const hop = hopOf(part);
    const reference = relationshipField(object, hop.relationship);
    if (!reference) return undefined;
    const id = fieldValue(record, reference.name);
    const actual = typeof id === 'string' ? targetObjectOf(host.schema, reference, id) : undefined;
    if (hop.target !== undefined) {
      // `Owner:User.FirstName` on a record owned by a queue (or `Owner:Queue.` on one owned by a user)
      // reads blank, as on a real org: the path names the one target it follows.
      const wanted = hopObjectName(hop.target);
      object = host.schema.objects.get(wanted.toLowerCase());
      viaQueue = hop.target.toLowerCase() === 'queue';
      const row = typeof id === 'string' && actual?.toLowerCase() === wanted.toLowerCase() ? (host.store.get(wanted, id) ?? null) : null;
      record = row && viaQueue && fieldValue(row, 'Type') !== 'Queue' ? null : row;
      continue;
    }
    object = actual ? host.schema.objects.get(actual.toLowerCase()) : undefined;
    record = typeof id === 'string' && actual ? (host.store.get(actual, id) ?? null) : null;
  }
  return undefined;
}

/** A formula field's value for a record; formulas that read formulas recurse (bounded like Salesforce's 10 levels). */
export function evaluateFormulaField(host: FormulaHost, objectName: string, fieldName: string, record: WireRecord, depth = 0): WireValue {
  const compiled = host.formulaField(objectName, fieldName);
  if (!compiled || depth > 10) return null;
  try {
    return compiled.evaluate(recordFormulaContext(host, objectName, record, null, depth + 1));
  } catch {
    // Salesforce shows #Error! for a formula that fails at run time; over the API the value is null.
    return null;
  }
}

/** For polymorphic references, the target object is the one whose key prefix starts the id. */
export function targetObjectOf(schema: OrgSchema, field: FieldDef, id: string): string | undefined {
  const targets = field.referenceTo ?? [];
  if (targets.length <= 1) return targets[0];
  const prefix = id.slice(0, 3);
  return targets.find((t) => schema.objects.get(t.toLowerCase())?.keyPrefix === prefix) ?? targets[0];
}

/** Case-insensitive field read from a wire record. */
export function fieldValue(record: WireRecord, field: string): WireValue | undefined {
  if (field in record) return record[field] as WireValue;
  const lower = field.toLowerCase();
  for (const key of Object.keys(record)) if (key.toLowerCase() === lower) return record[key] as WireValue;
  return undefined;
}

/**
 * `$Setup.Setting__c.Field__c`: a hierarchy custom setting resolved the way Salesforce does. The running
 * user's own row, else their profile's row, else the org default (SetupOwnerId = org id), field by field:
 * "the fields returned are merged based on the lowest level fields that are defined in the hierarchy"
 * (Apex Developer Guide, hierarchy custom setting `getInstance`), so a blank text on the user's row
 * reads the profile's or the org's value. A checkbox is never blank, so the lowest row decides it.
 *
 * With no row at any level a real org reads the field's default value (org/README.md, "Facts": a
 * checkbox defaulting to true reads true in a validation rule before any org default exists), as Apex's
 * `getInstance()` returns a record filled with the fields' defaults.
 */
function setupValue(host: FormulaHost, path: string[], depth: number, ids: IdForm): WireValue | undefined {
  const [setting, fieldName, ...extra] = path;
  if (!setting || !fieldName || extra.length > 0) return undefined;
  const object = host.schema.objects.get(setting.toLowerCase());
  if (!object?.customSetting) return undefined;
  const field = object.fields.get(fieldName.toLowerCase());
  if (!field) return undefined;
  const user = host.store.get('User', host.userId);
  const orgId = host.store.allIds('Organization')[0];
  const owners = [host.userId, typeof user?.ProfileId === 'string' ? user.ProfileId : undefined, orgId];
  let anyRow = false;
  for (const owner of owners) {
    if (!owner) continue;
    const row = host.store.findBy(object.name, 'SetupOwnerId', owner)[0];
    if (!row) continue;
    anyRow = true;
    const value = fieldValue(row, field.name);
    if (value !== undefined && value !== null && value !== '') return idAs(ids, field, value);
  }
  return anyRow ? null : settingDefault(host, object, field, depth);
}

/** The value a setting field would have in a new row: its `<defaultValue>`, or blank without one. */
function settingDefault(host: FormulaHost, object: SObjectDef, field: FieldDef, depth: number): WireValue | undefined {
  const source = field.defaultValueFormula;
  if (source === undefined || source.trim() === '') return field.type === 'boolean' ? false : null;
  // Checkbox defaults are plain true/false in metadata, read the way a new record gets them (save-plan.ts).
  if (field.type === 'boolean') return source.trim().toLowerCase() === 'true';
  const compiled = host.defaultValue?.(object.name, field.name);
  if (!compiled) return undefined;
  // A default that reads its own setting through $Setup would recurse; bounded like formula fields.
  if (depth > 10) return null;
  try {
    return compiled.evaluate(recordFormulaContext(host, object.name, {}, null, depth + 1));
  } catch {
    // As a formula field that fails at run time: blank rather than a failed save.
    return null;
  }
}
