/**
 * Bridges formulas to the org: at load time, the type of every reference path (so that each validation
 * rule, formula field and default value is compiled and checked once); at save and read time, the value
 * of every path for one record, following lookups, `$User`, `$Permission`, `$Setup`, `$RecordType`...
 */
import type {
  CompiledFormula, FormulaCompileContext, FormulaRuntimeContext, WireRecord, WireValue,
} from '../contracts.js';
import type { FieldDef, FieldType, OrgSchema, SObjectDef } from '../metadata/types.js';
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

/** Finds the reference field behind a relationship name: `Account` -> AccountId, `Parent__r` -> Parent__c. */
export function relationshipField(object: SObjectDef, relationship: string): FieldDef | undefined {
  const wanted = relationship.toLowerCase();
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
  const globalObject = GLOBAL_OBJECTS[headLower];
  if (globalObject) return typeAlong(schema, schema.objects.get(globalObject.toLowerCase()), rest);
  if (objectName === undefined) return null;
  return typeAlong(schema, schema.objects.get(objectName.toLowerCase()), path);
}

function typeAlong(schema: OrgSchema, object: SObjectDef | undefined, path: string[]): FieldType | null {
  let current = object;
  for (let i = 0; i < path.length; i++) {
    if (!current) return null;
    const part = path[i]!;
    if (i === path.length - 1) return current.fields.get(part.toLowerCase())?.type ?? null;
    const reference = relationshipField(current, part);
    const target = reference?.referenceTo?.[0];
    current = target ? schema.objects.get(target.toLowerCase()) : undefined;
  }
  return null;
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
  };
}

function valueOfPath(host: FormulaHost, objectName: string, record: WireRecord, path: string[], depth: number): WireValue | undefined {
  const [head, ...rest] = path;
  if (head === undefined) return undefined;
  const headLower = head.toLowerCase();
  if (headLower === '$recordtype') {
    const id = fieldValue(record, 'RecordTypeId');
    return valueAlong(host, 'RecordType', typeof id === 'string' ? (host.store.get('RecordType', id) ?? null) : null, rest, depth);
  }
  if (headLower.startsWith('$')) return globalValue(host, path, depth);
  return valueAlong(host, objectName, record, path, depth);
}

/**
 * The globals that depend on the running user and the org, not on a record: `$User.Department`,
 * `$User.Profile.Name`, `$Profile.Name`, `$UserRole.DeveloperName`, `$Permission.Name`,
 * `$Setup.Setting__c.Field__c`, `$Organization.Name`. Flows read them here too (FlowHost `globalValue`),
 * so a flow and a validation rule always agree. `null` is a real blank (a user without a role);
 * `undefined` means the org does not know the path (unknown global, field, setting or permission).
 */
export function globalValue(host: FormulaHost, path: readonly string[], depth = 0): WireValue | undefined {
  const [head, ...rest] = path;
  switch (head?.toLowerCase()) {
    case '$permission': {
      const [name] = rest;
      if (name === undefined || rest.length !== 1 || !host.schema.customPermissions.has(name.toLowerCase())) return undefined;
      return host.hasCustomPermission(name);
    }
    case '$setup':
      return setupValue(host, rest, depth);
    case '$user':
      return valueAlong(host, 'User', host.store.get('User', host.userId) ?? null, rest, depth);
    case '$organization': {
      const orgId = host.store.allIds('Organization')[0];
      return valueAlong(host, 'Organization', orgId ? (host.store.get('Organization', orgId) ?? null) : null, rest, depth);
    }
    case '$profile':
    case '$userrole': {
      const user = host.store.get('User', host.userId);
      const isProfile = head?.toLowerCase() === '$profile';
      const target = isProfile ? 'Profile' : 'UserRole';
      const id = user?.[isProfile ? 'ProfileId' : 'UserRoleId'];
      return valueAlong(host, target, typeof id === 'string' ? (host.store.get(target, id) ?? null) : null, rest, depth);
    }
    default:
      return undefined;
  }
}

function valueAlong(host: FormulaHost, objectName: string, start: WireRecord | null, path: string[], depth: number): WireValue | undefined {
  let object = host.schema.objects.get(objectName.toLowerCase());
  let record = start;
  for (let i = 0; i < path.length; i++) {
    if (!object) return undefined;
    const part = path[i]!;
    if (record === null) return null;
    if (i === path.length - 1) {
      const field = object.fields.get(part.toLowerCase());
      if (!field) return undefined;
      if (field.formula !== undefined) return evaluateFormulaField(host, object.name, field.name, record, depth);
      return fieldValue(record, field.name) ?? null;
    }
    const reference = relationshipField(object, part);
    if (!reference) return undefined;
    const id = fieldValue(record, reference.name);
    const targetName = typeof id === 'string' ? targetObjectOf(host.schema, reference, id) : undefined;
    object = targetName ? host.schema.objects.get(targetName.toLowerCase()) : undefined;
    record = typeof id === 'string' && targetName ? (host.store.get(targetName, id) ?? null) : null;
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
function setupValue(host: FormulaHost, path: string[], depth: number): WireValue | undefined {
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
    if (value !== undefined && value !== null && value !== '') return value;
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
