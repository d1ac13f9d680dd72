/**
 * `objects/<Obj>/fields/<Field>.field-meta.xml` -> FieldDef(s), mapping metadata field types to the
 * types describe reports (reference §4.2). A custom field file is the whole truth about that field;
 * a standard field file (`objects/Account/fields/Industry.field-meta.xml`) only adjusts the built-in
 * field (picklist values, help text, ...).
 */
import { baseField } from './field-defaults.js';
import { MetadataError } from './metadata-error.js';
import type { FieldDef, FieldType, PicklistValueDef, RollupSummaryDef } from './types.js';
import { bool, child, children, int, text, type XmlNode } from './xml.js';

export const CUSTOM_FIELD_REPEATABLE: ReadonlySet<string> = new Set([
  'value', 'summaryFilterItems', 'valueSettings', 'controllingFieldValue', 'filterItems', 'picklistValues',
]);

/** Metadata `<type>` -> describe type, for non-formula fields. */
const FIELD_TYPES: Record<string, FieldType> = {
  Text: 'string',
  TextArea: 'textarea',
  LongTextArea: 'textarea',
  Html: 'textarea',
  // Describe reports custom numbers as double even with scale 0; only some standard fields are int.
  Number: 'double',
  Currency: 'currency',
  Percent: 'percent',
  Date: 'date',
  DateTime: 'datetime',
  Time: 'time',
  Checkbox: 'boolean',
  Picklist: 'picklist',
  MultiselectPicklist: 'multipicklist',
  Lookup: 'reference',
  MasterDetail: 'reference',
  ExternalLookup: 'string',
  IndirectLookup: 'string',
  Hierarchy: 'reference',
  Email: 'email',
  Phone: 'phone',
  Url: 'url',
  AutoNumber: 'string',
  Summary: 'double',
  EncryptedText: 'encryptedstring',
  Location: 'location',
};

/** The fix for a misspelt `<type>`: the type it most likely meant (same letters ignoring case, or a prefix), else every type. */
function fieldTypeHint(written: string, types: Record<string, FieldType>): string {
  const names = Object.keys(types);
  const lower = written.toLowerCase();
  const near = names.find((n) => n.toLowerCase() === lower) ?? names.find((n) => lower.startsWith(n.toLowerCase()) || n.toLowerCase().startsWith(lower));
  return near ? `did you mean ${near}?` : `one of ${names.join(', ')}`;
}

/**
 * Field types of the Metadata API (`FieldType`) that a deploy accepts and the emulator has no model for:
 * such a field is degraded (not loaded), not an error. Any other unknown `<type>` is a deploy error.
 */
export const UNMODELLED_FIELD_TYPES: ReadonlySet<string> = new Set(['MetadataRelationship', 'File', 'CustomDataType', 'Address', 'Note']);

/** Formula `<type>` (the result type) -> describe type. */
const FORMULA_RESULT_TYPES: Record<string, FieldType> = {
  Text: 'string',
  Number: 'double',
  Currency: 'currency',
  Percent: 'percent',
  Date: 'date',
  DateTime: 'datetime',
  Time: 'time',
  Checkbox: 'boolean',
};

/** Lengths describe reports where the metadata has no `<length>`. */
const FIXED_LENGTHS: Record<string, number> = {
  TextArea: 255,
  Email: 80,
  Phone: 40,
  Url: 255,
  Picklist: 255,
  MultiselectPicklist: 4099,
  AutoNumber: 30,
  Lookup: 18,
  MasterDetail: 18,
  Hierarchy: 18,
};

/** Text formula results are reported with length 1300 [UNVERIFIED: the value commonly seen in describe]. */
const TEXT_FORMULA_LENGTH = 1300;

export interface FieldParseContext {
  object: string;
  /** Path shown in error messages. */
  shownAs: string;
  /** Values of a global value set, or undefined when the project does not define it. */
  globalValueSet(name: string): PicklistValueDef[] | undefined;
}

/**
 * Parses a custom field. Returns several defs for compound fields: a Location `Where__c` also yields
 * `Where__Latitude__s` and `Where__Longitude__s`, as describe lists them.
 */
export function parseCustomField(name: string, root: XmlNode, ctx: FieldParseContext): FieldDef[] {
  const metadataType = text(root, 'type');
  const formula = text(root, 'formula');
  if (metadataType === undefined) throw new MetadataError(ctx.shownAs, `custom field ${name} has no <type>`);

  let type: FieldType | undefined;
  if (formula !== undefined) {
    type = FORMULA_RESULT_TYPES[metadataType];
    if (!type) throw new MetadataError(ctx.shownAs, `<type> "${metadataType}" is not a formula result type (${fieldTypeHint(metadataType, FORMULA_RESULT_TYPES)})`);
  } else {
    type = FIELD_TYPES[metadataType];
    if (!type) throw new MetadataError(ctx.shownAs, `<type> "${metadataType}" is not a field type (${fieldTypeHint(metadataType, FIELD_TYPES)})`);
  }

  const field = baseField(name, text(root, 'label') ?? name, type, ctx.shownAs);
  field.custom = true;
  field.inlineHelpText = text(root, 'inlineHelpText');
  field.externalId = bool(root, 'externalId');
  field.unique = bool(root, 'unique');
  field.caseSensitive = bool(root, 'caseSensitive');
  field.length = int(root, 'length', FIXED_LENGTHS[metadataType] ?? field.length);
  if (metadataType === 'Text' && text(root, 'length') === undefined && formula === undefined) {
    throw new MetadataError(ctx.shownAs, `Text field ${name} has no <length>`);
  }
  if (['Number', 'Currency', 'Percent', 'Summary'].includes(metadataType) || formula !== undefined) {
    field.precision = int(root, 'precision', 18);
    field.scale = int(root, 'scale', 0);
  }
  if (!['string', 'textarea', 'picklist', 'multipicklist', 'email', 'phone', 'url', 'encryptedstring', 'reference', 'combobox'].includes(type)) {
    field.length = 0;
  }

  const required = bool(root, 'required');
  const defaultValue = text(root, 'defaultValue');
  if (defaultValue !== undefined && defaultValue !== '') {
    field.defaultValueFormula = defaultValue;
    field.defaultedOnCreate = true;
  }
  if (required) {
    // Required custom fields are never null and FLS cannot hide them (describe: permissionable false).
    field.nillable = false;
    field.permissionable = false;
  }

  if (formula !== undefined) {
    field.formula = formula;
    field.calculated = true;
    field.createable = false;
    field.updateable = false;
    field.nillable = type !== 'boolean';
    field.defaultedOnCreate = false;
    field.formulaTreatBlanksAsZero = text(root, 'formulaTreatBlanksAs') === 'BlankAsZero';
    if (type === 'string') field.length = TEXT_FORMULA_LENGTH;
    return [field];
  }

  switch (metadataType) {
    case 'Picklist':
    case 'MultiselectPicklist':
      applyValueSet(field, root, ctx);
      break;
    case 'Lookup':
    case 'MasterDetail':
    case 'Hierarchy':
      applyRelationship(field, metadataType, root, ctx);
      break;
    case 'AutoNumber':
      field.autoNumber = true;
      field.displayFormat = text(root, 'displayFormat');
      field.createable = false;
      field.updateable = false;
      field.nillable = false;
      field.defaultedOnCreate = true;
      break;
    case 'Summary':
      field.rollup = parseRollup(root, ctx);
      field.calculated = true;
      field.createable = false;
      field.updateable = false;
      field.defaultedOnCreate = false;
      break;
    case 'Checkbox':
      field.defaultValueFormula = defaultValue ?? 'false';
      break;
    case 'Location':
      return locationFields(field, root, ctx);
  }
  return [field];
}

/**
 * A standard field's file in a project (for example `objects/Account/fields/Type.field-meta.xml`)
 * customises the built-in field: picklist values, help text, tracking. Its type cannot change.
 */
export function applyStandardFieldFile(existing: FieldDef, root: XmlNode, ctx: FieldParseContext): FieldDef {
  const field: FieldDef = { ...existing, source: ctx.shownAs };
  const help = text(root, 'inlineHelpText');
  if (help !== undefined) field.inlineHelpText = help;
  if (child(root, 'valueSet') && (field.type === 'picklist' || field.type === 'multipicklist' || field.type === 'combobox')) {
    applyValueSet(field, root, ctx);
  }
  return field;
}

function applyValueSet(field: FieldDef, root: XmlNode, ctx: FieldParseContext): void {
  const valueSet = child(root, 'valueSet');
  let values: PicklistValueDef[] = [];
  if (valueSet) {
    const globalName = text(valueSet, 'valueSetName');
    if (globalName !== undefined) {
      const global = ctx.globalValueSet(globalName);
      if (!global) throw new MetadataError(ctx.shownAs, `<valueSetName> "${globalName}" is not a global value set in this project`);
      values = global.map((v) => ({ ...v }));
      // Picklists bound to a global value set are always restricted.
      field.restrictedPicklist = true;
    } else {
      values = picklistValues(children(child(valueSet, 'valueSetDefinition'), 'value'));
      field.restrictedPicklist = bool(valueSet, 'restricted');
    }
  } else {
    // Pre-API-38 form: <picklist><picklistValues>.
    values = picklistValues(children(child(root, 'picklist'), 'picklistValues'));
  }
  field.picklistValues = values;
  if (values.some((v) => v.isDefault)) field.defaultedOnCreate = true;
}

export function picklistValues(nodes: XmlNode[]): PicklistValueDef[] {
  return nodes.map((node) => {
    const value = text(node, 'fullName') ?? text(node, 'valueName') ?? '';
    return {
      value,
      label: text(node, 'label') ?? value,
      isDefault: bool(node, 'default'),
      active: bool(node, 'isActive', true),
    };
  });
}

function applyRelationship(field: FieldDef, metadataType: string, root: XmlNode, ctx: FieldParseContext): void {
  const target = metadataType === 'Hierarchy' ? 'User' : text(root, 'referenceTo');
  if (!target) throw new MetadataError(ctx.shownAs, `${metadataType} field ${field.name} has no <referenceTo>`);
  field.referenceTo = [target];
  // The parent-side name is <relationshipName> + `__r`; the child-side name is the field's own name with `__r`.
  field.relationshipName = field.name.replace(/__c$/, '__r');
  const childName = text(root, 'relationshipName');
  if (childName) field.childRelationshipName = `${childName}__r`;
  const deleteConstraint = text(root, 'deleteConstraint');
  if (metadataType === 'MasterDetail') {
    field.relationshipType = 'masterDetail';
    // A detail always has a master, FLS cannot hide the master field, deleting the master deletes the details,
    // and the master can only be changed when the field allows reparenting.
    field.nillable = false;
    field.permissionable = false;
    field.cascadeDelete = true;
    field.updateable = bool(root, 'reparentableMasterDetail');
  } else {
    field.relationshipType = 'lookup';
    field.cascadeDelete = deleteConstraint === 'Cascade';
    field.restrictedDelete = deleteConstraint === 'Restrict';
  }
}

function parseRollup(root: XmlNode, ctx: FieldParseContext): RollupSummaryDef {
  const operation = text(root, 'summaryOperation');
  if (operation !== 'count' && operation !== 'sum' && operation !== 'min' && operation !== 'max') {
    throw new MetadataError(ctx.shownAs, `<summaryOperation> "${operation ?? ''}" is not count, sum, min or max`);
  }
  const foreignKey = text(root, 'summaryForeignKey') ?? '';
  const [childObject, keyField] = foreignKey.split('.');
  if (!childObject || !keyField) {
    throw new MetadataError(ctx.shownAs, `<summaryForeignKey> "${foreignKey}" is not Child__c.Field__c`);
  }
  const summarized = text(root, 'summarizedField');
  if (operation !== 'count' && !summarized) {
    throw new MetadataError(ctx.shownAs, `a ${operation} roll-up needs <summarizedField>`);
  }
  // Field names in the def are relative to the child object (metadata prefixes them with it).
  const relative = (qualified: string): string => qualified.includes('.') ? qualified.slice(qualified.indexOf('.') + 1) : qualified;
  return {
    operation,
    childObject,
    foreignKey: keyField,
    summarizedField: summarized ? relative(summarized) : undefined,
    filters: children(root, 'summaryFilterItems').map((item) => ({
      field: relative(text(item, 'field') ?? ''),
      operation: text(item, 'operation') ?? 'equals',
      value: text(item, 'value') ?? '',
    })),
  };
}

function locationFields(field: FieldDef, root: XmlNode, ctx: FieldParseContext): FieldDef[] {
  const stem = field.name.replace(/__c$/, '');
  const scale = int(root, 'scale', 15);
  const part = (suffix: 'Latitude' | 'Longitude'): FieldDef => ({
    ...field,
    name: `${stem}__${suffix}__s`,
    label: `${field.label} (${suffix})`,
    type: 'double',
    precision: scale + 3,
    scale,
    compoundFieldName: field.name,
    source: ctx.shownAs,
  });
  // The compound field itself is read-only; values are written through the __s parts.
  return [{ ...field, createable: false, updateable: false }, part('Latitude'), part('Longitude')];
}
