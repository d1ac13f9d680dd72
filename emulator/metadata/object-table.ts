/**
 * A compact, declarative way to state built-in objects: one row per field, only what differs from
 * describe's defaults. `buildObject` turns a row table into an SObjectDef with the audit fields every
 * object carries (Id, IsDeleted, CreatedDate, CreatedById, LastModifiedDate, LastModifiedById,
 * SystemModstamp, OwnerId where ownable).
 */
import { baseField } from './field-defaults.js';
import type { FieldDef, FieldType, SharingModel, SObjectDef } from './types.js';

/** Short codes for describe types, to keep the tables one line per field. */
const CODES = {
  id: 'id', str: 'string', text: 'textarea', bool: 'boolean', int: 'int', dbl: 'double', cur: 'currency',
  pct: 'percent', date: 'date', dt: 'datetime', time: 'time', pick: 'picklist', multi: 'multipicklist',
  ref: 'reference', email: 'email', phone: 'phone', url: 'url', combo: 'combobox', addr: 'address',
  loc: 'location', b64: 'base64', any: 'anyType',
} as const satisfies Record<string, FieldType>;
export type TypeCode = keyof typeof CODES;

export interface FieldOptions {
  /** Characters (text types). */
  len?: number;
  prec?: number;
  scale?: number;
  /** Required on create: nillable false and not defaulted (describe's rule, reference §4.2). */
  req?: boolean;
  /** Never null but defaulted by the system (e.g. `Case.Status` with its default value). */
  notNull?: boolean;
  /** Computed by Salesforce: neither createable nor updateable. */
  ro?: boolean;
  /** Createable but not updateable (e.g. `OpportunityLineItem.OpportunityId`). */
  createOnly?: boolean;
  /** Updateable but not createable (rare; e.g. tooling `Metadata`). */
  updateOnly?: boolean;
  /** Defaulted on create; a string is the default value. */
  def?: boolean | string;
  /** This is the object's name field. */
  name?: boolean;
  /** Auto-number display format (implies read-only, defaulted). */
  auto?: string;
  to?: string | readonly string[];
  rel?: string;
  /** Child relationship name seen from the (first) parent. */
  child?: string;
  /** Master-detail style: deleting the parent deletes this record. */
  cascade?: boolean;
  poly?: boolean;
  values?: readonly string[];
  /** The default picklist value. */
  dflt?: string;
  restricted?: boolean;
  unique?: boolean;
  ext?: boolean;
  caseSensitive?: boolean;
  /** Compound parent (FirstName -> Name, BillingCity -> BillingAddress). */
  compound?: string;
  /** FLS does not apply (system fields such as `IsClosed`). */
  noFls?: boolean;
  formula?: string;
}

export type FieldRow = readonly [name: string, type: TypeCode, label: string, options?: FieldOptions];

export interface ObjectRow {
  name: string;
  prefix: string;
  label: string;
  plural: string;
  sharing: SharingModel;
  /** API name of the name field; defaults to `Name`. */
  nameField?: string;
  /** Owner reference targets; omit for objects without an owner. */
  owner?: readonly string[];
  /** Label of OwnerId (Task/Event say `Assigned To ID`). */
  ownerLabel?: string;
  /**
   * Which audit fields exist: `full` (all five + IsDeleted), `modstamp` (only SystemModstamp, e.g.
   * PermissionSetAssignment), `none` (virtual objects such as UserRecordAccess).
   */
  audit?: 'full' | 'modstamp' | 'none';
  /** Label of the Id field; defaults to `<Label> ID`. */
  idLabel?: string;
  readOnly?: boolean;
  tooling?: boolean;
  fields: readonly FieldRow[];
}

export function buildField(row: FieldRow, source: string): FieldDef {
  const [name, code, label, o = {}] = row;
  const type = CODES[code];
  const field = baseField(name, label, type, source);
  field.custom = false;
  if (o.len !== undefined) field.length = o.len;
  if (o.prec !== undefined) field.precision = o.prec;
  if (o.scale !== undefined) field.scale = o.scale;
  if (o.req) {
    field.nillable = false;
    field.defaultedOnCreate = false;
    field.permissionable = false;
  }
  if (o.notNull) {
    field.nillable = false;
    field.defaultedOnCreate = true;
    field.permissionable = false;
  }
  if (o.def !== undefined && o.def !== false) {
    field.defaultedOnCreate = true;
    if (typeof o.def === 'string') field.defaultValueFormula = o.def;
  }
  if (o.ro) {
    field.createable = false;
    field.updateable = false;
  }
  if (o.createOnly) field.updateable = false;
  if (o.updateOnly) field.createable = false;
  if (o.name) {
    field.nameField = true;
    field.permissionable = false;
  }
  if (o.auto !== undefined) {
    field.autoNumber = true;
    field.displayFormat = o.auto;
    field.createable = false;
    field.updateable = false;
    field.nillable = false;
    field.defaultedOnCreate = true;
  }
  if (o.to !== undefined) {
    field.referenceTo = typeof o.to === 'string' ? [o.to] : [...o.to];
    field.relationshipType = 'lookup';
    field.relationshipName = o.rel ?? (name.endsWith('Id') ? name.slice(0, -2) : undefined);
    if (o.child) field.childRelationshipName = o.child;
    if (o.poly || field.referenceTo.length > 1) field.polymorphicForeignKey = true;
  }
  if (o.cascade) {
    field.cascadeDelete = true;
    field.relationshipType = 'masterDetail';
  }
  if (o.values) {
    field.picklistValues = o.values.map((value) => ({ value, label: value, isDefault: value === o.dflt, active: true }));
    if (o.dflt !== undefined) field.defaultedOnCreate = true;
  }
  if (o.restricted) field.restrictedPicklist = true;
  if (o.unique) field.unique = true;
  if (o.ext) field.externalId = true;
  if (o.caseSensitive) field.caseSensitive = true;
  if (o.compound) field.compoundFieldName = o.compound;
  if (o.noFls) field.permissionable = false;
  if (o.formula !== undefined) {
    field.formula = o.formula;
    field.calculated = true;
    field.createable = false;
    field.updateable = false;
  }
  return field;
}

/** Id, then the declared fields, then owner and audit fields, as describe lists them. */
export function buildObject(row: ObjectRow, source: string): SObjectDef {
  const fields = new Map<string, FieldDef>();
  const add = (field: FieldDef): void => {
    fields.set(field.name.toLowerCase(), field);
  };
  const audit = row.audit ?? 'full';
  add(systemField(['Id', 'id', row.idLabel ?? `${row.label} ID`], source));
  if (audit === 'full') add(systemField(['IsDeleted', 'bool', 'Deleted'], source));
  for (const fieldRow of row.fields) add(buildField(fieldRow, source));
  if (row.owner) {
    const owner = buildField(['OwnerId', 'ref', row.ownerLabel ?? 'Owner ID', { to: row.owner, rel: 'Owner' }], source);
    // Salesforce fills the owner with the running user when absent; FLS never hides it.
    owner.nillable = false;
    owner.defaultedOnCreate = true;
    owner.permissionable = false;
    add(owner);
  }
  if (audit === 'full') {
    add(systemField(['CreatedDate', 'dt', 'Created Date'], source));
    add(systemField(['CreatedById', 'ref', 'Created By ID', { to: 'User', rel: 'CreatedBy' }], source));
    add(systemField(['LastModifiedDate', 'dt', 'Last Modified Date'], source));
    add(systemField(['LastModifiedById', 'ref', 'Last Modified By ID', { to: 'User', rel: 'LastModifiedBy' }], source));
  }
  if (audit !== 'none') add(systemField(['SystemModstamp', 'dt', 'System Modstamp'], source));
  const nameField = row.nameField ?? 'Name';
  return {
    name: row.name,
    label: row.label,
    labelPlural: row.plural,
    keyPrefix: row.prefix,
    custom: false,
    customSetting: false,
    customMetadata: false,
    sharingModel: row.sharing,
    fields,
    nameField,
    recordTypes: new Map(),
    validationRules: [],
    readOnly: row.readOnly ?? false,
    tooling: row.tooling ?? false,
    source,
  };
}

/** Audit and key fields: set by Salesforce, never null, never subject to FLS. */
export function systemField(row: FieldRow, source: string): FieldDef {
  const field = buildField(row, source);
  field.createable = false;
  field.updateable = false;
  field.nillable = false;
  field.defaultedOnCreate = true;
  field.permissionable = false;
  return field;
}

/** The five parts and the compound field of a standard address (`Billing` -> BillingStreet ... BillingAddress). */
export function addressRows(prefix: string, labelPrefix: string): FieldRow[] {
  const compound = `${prefix}Address`;
  const lp = labelPrefix ? `${labelPrefix} ` : '';
  return [
    [`${prefix}Street`, 'text', `${lp}Street`, { compound }],
    [`${prefix}City`, 'str', `${lp}City`, { len: 40, compound }],
    [`${prefix}State`, 'str', `${lp}State/Province`, { len: 80, compound }],
    [`${prefix}PostalCode`, 'str', `${lp}Zip/Postal Code`, { len: 20, compound }],
    [`${prefix}Country`, 'str', `${lp}Country`, { len: 80, compound }],
    [`${prefix}Latitude`, 'dbl', `${lp}Latitude`, { prec: 18, scale: 15, compound }],
    [`${prefix}Longitude`, 'dbl', `${lp}Longitude`, { prec: 18, scale: 15, compound }],
    [`${prefix}GeocodeAccuracy`, 'pick', `${lp}Geocode Accuracy`, { compound, restricted: true, values: ['Address', 'NearAddress', 'Block', 'Street', 'ExtendedZip', 'Zip', 'Neighborhood', 'City', 'County', 'State', 'Unknown'] }],
    // The compound field is read-only; it is written through its parts.
    [compound, 'addr', `${lp}Address`.trim(), { ro: true }],
  ];
}

/** Contact/Lead/User-style compound name: FirstName + LastName -> read-only `Name`. */
export function personNameRows(lastNameLength = 80): FieldRow[] {
  return [
    ['LastName', 'str', 'Last Name', { len: lastNameLength, req: true, compound: 'Name' }],
    ['FirstName', 'str', 'First Name', { len: 40, compound: 'Name' }],
    ['Salutation', 'pick', 'Salutation', { compound: 'Name', values: ['Mr.', 'Ms.', 'Mrs.', 'Dr.', 'Prof.', 'Mx.'] }],
    ['Name', 'str', 'Full Name', { len: 121, ro: true, name: true }],
  ];
}
