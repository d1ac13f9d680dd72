/**
 * describeGlobal and sObject describe as one user sees them (reference §4): objects the user cannot read
 * are absent, fields the user cannot read are ABSENT, `createable`/`updateable` follow field-level
 * security, `recordTypeInfos[].available` follows record type visibility. Every key of the real field
 * template is present, because jsforce and sfdx tooling read them.
 */
import type { WireRecord } from '../contracts.js';
import { MASTER_RECORD_TYPE_ID } from '../ids.js';
import type { FieldDef, FieldType, OrgSchema, SObjectDef } from '../metadata/types.js';
import { objectNotFound, type UserAccess } from './security.js';

export interface DescribeOptions {
  tooling?: boolean;
  /** API version for `urls` (defaults to 50.0, jsforce's default; the HTTP layer passes the request's). */
  apiVersion?: string;
}

export const DEFAULT_API_VERSION = '50.0';

const SOAP_TYPES: Record<FieldType, string> = {
  id: 'tns:ID', reference: 'tns:ID', string: 'xsd:string', textarea: 'xsd:string', picklist: 'xsd:string',
  multipicklist: 'xsd:string', email: 'xsd:string', phone: 'xsd:string', url: 'xsd:string', combobox: 'xsd:string',
  encryptedstring: 'xsd:string', boolean: 'xsd:boolean', int: 'xsd:int', double: 'xsd:double', currency: 'xsd:double',
  percent: 'xsd:double', date: 'xsd:date', datetime: 'xsd:dateTime', time: 'xsd:time', address: 'urn:address',
  location: 'urn:location', base64: 'xsd:base64Binary', anyType: 'xsd:anyType',
};

/** Types that cannot be filtered, grouped or sorted in SOQL. */
const NOT_FILTERABLE: ReadonlySet<FieldType> = new Set<FieldType>(['textarea', 'address', 'location', 'base64', 'anyType', 'encryptedstring']);
const NOT_GROUPABLE: ReadonlySet<FieldType> = new Set<FieldType>([
  'textarea', 'address', 'location', 'base64', 'anyType', 'double', 'currency', 'percent', 'datetime', 'multipicklist', 'encryptedstring', 'time',
]);

function base(version: string, tooling: boolean): string {
  return `/services/data/v${version}/${tooling ? 'tooling/' : ''}sobjects`;
}

function objectsFor(schema: OrgSchema, tooling: boolean): SObjectDef[] {
  return [...schema.objects.values()].filter((o) => o.tooling === tooling);
}

/** The per-object entry of describeGlobal (jsforce `DescribeGlobalSObjectResult`). */
function globalEntry(object: SObjectDef, access: UserAccess, version: string, tooling: boolean): WireRecord {
  const perms = access.objectAccess(object.name);
  const url = `${base(version, tooling)}/${object.name}`;
  const isSetupish = object.readOnly || object.tooling;
  return {
    activateable: false,
    associateEntityType: null,
    associateParentEntity: null,
    createable: perms.allowCreate,
    custom: object.custom,
    customSetting: object.customSetting,
    deepCloneable: false,
    deletable: perms.allowDelete,
    deprecatedAndHidden: false,
    feedEnabled: !isSetupish && !object.customSetting && !object.customMetadata,
    hasSubtypes: false,
    isInterface: false,
    isSubtype: false,
    keyPrefix: object.keyPrefix || null,
    label: object.label,
    labelPlural: object.labelPlural,
    layoutable: !isSetupish && !object.customSetting && !object.customMetadata,
    mergeable: ['account', 'contact', 'lead', 'case'].includes(object.name.toLowerCase()) && perms.allowDelete,
    mruEnabled: !isSetupish,
    name: object.name,
    queryable: perms.allowRead,
    replicateable: !object.tooling,
    retrieveable: perms.allowRead,
    searchable: !isSetupish && !object.customSetting && !object.customMetadata,
    triggerable: !object.tooling && !object.customMetadata,
    undeletable: perms.allowDelete && !object.readOnly,
    updateable: perms.allowEdit,
    urls: {
      rowTemplate: `${url}/{ID}`,
      describe: `${url}/describe`,
      sobject: url,
    },
  };
}

/** `GET /sobjects`: every object the user can read. */
export function describeGlobal(schema: OrgSchema, access: UserAccess, options: DescribeOptions = {}): WireRecord[] {
  const version = options.apiVersion ?? DEFAULT_API_VERSION;
  const tooling = options.tooling === true;
  return objectsFor(schema, tooling)
    .filter((o) => access.canRead(o.name))
    .sort((a, b) => a.name.localeCompare(b.name))
    .map((o) => globalEntry(o, access, version, tooling));
}

/** `GET /sobjects/{T}/describe` for one user; an object they cannot read answers 404 NOT_FOUND. */
export function describeObject(schema: OrgSchema, access: UserAccess, objectName: string, options: DescribeOptions = {}): WireRecord {
  const version = options.apiVersion ?? DEFAULT_API_VERSION;
  const object = schema.objects.get(objectName.toLowerCase());
  const tooling = options.tooling === true;
  if (!object || object.tooling !== tooling || !access.canRead(object.name)) throw objectNotFound();
  const url = `${base(version, tooling)}/${object.name}`;
  const entry = globalEntry(object, access, version, tooling);
  const perms = access.objectAccess(object.name);
  const fields = [...object.fields.values()]
    .filter((f) => access.fieldReadable(object.name, f.name))
    .map((f) => describeField(object, f, access, perms.allowCreate, perms.allowEdit));
  return {
    actionOverrides: [],
    ...entry,
    childRelationships: childRelationships(schema, object, access),
    compactLayoutable: entry.layoutable,
    defaultImplementation: null,
    extendedBy: null,
    extendsInterfaces: null,
    fields,
    implementedBy: null,
    implementsInterfaces: null,
    listviewable: null,
    lookupLayoutable: null,
    namedLayoutInfos: [],
    networkScopeFieldName: null,
    recordTypeInfos: recordTypeInfos(object, access, version),
    searchLayoutable: entry.searchable,
    sobjectDescribeOption: 'FULL',
    supportedScopes: object.fields.has('ownerid')
      ? [{ label: 'All ' + object.labelPlural.toLowerCase(), name: 'everything' }, { label: 'My ' + object.labelPlural.toLowerCase(), name: 'mine' }]
      : [{ label: 'All ' + object.labelPlural.toLowerCase(), name: 'everything' }],
    urls: {
      compactLayouts: `${url}/describe/compactLayouts`,
      rowTemplate: `${url}/{ID}`,
      approvalLayouts: `${url}/describe/approvalLayouts`,
      uiDetailTemplate: null,
      uiEditTemplate: null,
      listviews: `${url}/listviews`,
      describe: `${url}/describe`,
      uiNewRecord: null,
      quickActions: `${url}/quickActions`,
      layouts: `${url}/describe/layouts`,
      sobject: url,
    },
  };
}

/** One `fields[]` entry with every key of the real template (reference §4.2). */
export function describeField(object: SObjectDef, field: FieldDef, access: UserAccess, objectCreateable: boolean, objectUpdateable: boolean): WireRecord {
  const flsEdit = access.fieldEditable(object.name, field.name);
  const calculated = field.calculated ?? (field.formula !== undefined || field.rollup !== undefined);
  const isText = SOAP_TYPES[field.type] === 'xsd:string';
  const isNumber = field.type === 'double' || field.type === 'currency' || field.type === 'percent';
  const length = field.type === 'id' || field.type === 'reference' ? 18 : isText ? field.length : 0;
  return {
    aggregatable: !NOT_GROUPABLE.has(field.type) || isNumber || field.type === 'datetime',
    aiPredictionField: false,
    autoNumber: field.autoNumber,
    byteLength: field.type === 'id' || field.type === 'reference' ? 18 : isText ? field.length * 3 : 0,
    calculated,
    calculatedFormula: markedFormula(field.formula, field.formulaNotEvaluated, 'not evaluated', 'reads null'),
    cascadeDelete: field.cascadeDelete,
    caseSensitive: field.caseSensitive,
    compoundFieldName: field.compoundFieldName ?? null,
    controllerName: null,
    createable: field.createable && flsEdit && objectCreateable,
    custom: field.custom,
    defaultValue: defaultValueOf(field),
    defaultValueFormula: field.type === 'boolean' ? null : markedFormula(field.defaultValueFormula, field.defaultNotApplied, 'not applied', 'new records get no default'),
    defaultedOnCreate: field.defaultedOnCreate,
    dependentPicklist: false,
    deprecatedAndHidden: false,
    digits: field.type === 'int' ? field.precision || 9 : 0,
    displayLocationInDecimal: false,
    encrypted: field.type === 'encryptedstring',
    externalId: field.externalId,
    extraTypeInfo: extraTypeInfo(field),
    filterable: !NOT_FILTERABLE.has(field.type),
    filteredLookupInfo: null,
    formulaTreatNullNumberAsZero: field.formulaTreatBlanksAsZero,
    groupable: !NOT_GROUPABLE.has(field.type),
    highScaleNumber: false,
    // True for text formulas that build markup with IMAGE or HYPERLINK ([UNVERIFIED]: the likeliest
    // reading of describe's "whether a String field is HTML formatted" for such fields).
    htmlFormatted: field.htmlFormatted === true,
    idLookup: field.type === 'id' || field.externalId || (field.nameField && field.type === 'string') || field.unique,
    inlineHelpText: field.inlineHelpText ?? null,
    label: field.label,
    length,
    mask: null,
    maskType: null,
    name: field.name,
    nameField: field.nameField,
    namePointing: (field.referenceTo?.length ?? 0) > 1,
    nillable: field.nillable,
    permissionable: field.permissionable,
    picklistValues: (field.picklistValues ?? []).map((v) => ({ active: v.active, defaultValue: v.isDefault, label: v.label, validFor: null, value: v.value })),
    polymorphicForeignKey: field.polymorphicForeignKey ?? (field.referenceTo?.length ?? 0) > 1,
    precision: isNumber ? field.precision : 0,
    queryByDistance: false,
    referenceTargetField: null,
    referenceTo: field.referenceTo ?? [],
    relationshipName: field.relationshipName ?? null,
    relationshipOrder: field.relationshipType === 'masterDetail' ? 0 : null,
    restrictedDelete: field.restrictedDelete ?? false,
    restrictedPicklist: field.restrictedPicklist,
    scale: isNumber ? field.scale : 0,
    searchPrefilterable: field.type === 'reference',
    soapType: SOAP_TYPES[field.type],
    sortable: !NOT_FILTERABLE.has(field.type),
    type: field.type,
    unique: field.unique,
    updateable: field.updateable && flsEdit && objectUpdateable,
    writeRequiresMasterRead: field.relationshipType === 'masterDetail',
  };
}

/**
 * A formula the emulator loaded but does not evaluate, marked where a client reads it: a leading formula
 * comment, `/* Postflight emulator: not evaluated (unsupported function GETSESSIONID); reads null *\/`,
 * then the formula as the project wrote it. Why a comment rather than a separate describe key or null: a
 * client shows or copies `calculatedFormula` as it is (Setup-like tools, `sf sobject describe`), and a
 * formula comment keeps it a valid formula with the same meaning in a real org, while no client would look
 * for a key Salesforce does not send, and null would contradict `calculated: true`.
 */
function markedFormula(formula: string | undefined, notRun: string | undefined, what: string, fallback: string): string | null {
  if (formula === undefined) return null;
  if (notRun === undefined) return formula;
  // `*/` would end the comment early; nothing else in a reason can break it.
  return `/* Postflight emulator: ${what} (${notRun.replace(/\*\//g, '* /')}); ${fallback} */\n${formula}`;
}

/** Checkboxes describe their default as a boolean `defaultValue`; other defaults stay formulas. */
function defaultValueOf(field: FieldDef): boolean | null {
  if (field.type !== 'boolean') return null;
  return (field.defaultValueFormula ?? 'false').trim().toLowerCase() === 'true';
}

/** Text areas carry their flavour; the loader does not distinguish rich text, so all are plain here. */
function extraTypeInfo(field: FieldDef): string | null {
  return field.type === 'textarea' ? 'plaintextarea' : null;
}

function childRelationships(schema: OrgSchema, parent: SObjectDef, access: UserAccess): WireRecord[] {
  const out: WireRecord[] = [];
  for (const child of schema.objects.values()) {
    if (child.tooling || !access.canRead(child.name)) continue;
    for (const field of child.fields.values()) {
      if (field.type !== 'reference' || !field.referenceTo?.some((t) => t.toLowerCase() === parent.name.toLowerCase())) continue;
      out.push({
        cascadeDelete: field.cascadeDelete,
        childSObject: child.name,
        deprecatedAndHidden: false,
        field: field.name,
        junctionIdListNames: [],
        junctionReferenceTo: [],
        relationshipName: field.childRelationshipName ?? null,
        restrictedDelete: field.restrictedDelete ?? false,
      });
    }
  }
  return out;
}

function recordTypeInfos(object: SObjectDef, access: UserAccess, version: string): WireRecord[] {
  const visible = access.visibleRecordTypes(object.name);
  const infos: WireRecord[] = [];
  for (const rt of object.recordTypes.values()) {
    const mine = visible.find((v) => v.developerName === rt.developerName);
    infos.push({
      active: rt.active,
      available: mine !== undefined,
      defaultRecordTypeMapping: mine?.isDefault === true,
      developerName: rt.developerName,
      master: false,
      name: rt.label,
      recordTypeId: rt.id,
      urls: { layout: `/services/data/v${version}/sobjects/${object.name}/describe/layouts/${rt.id}` },
    });
  }
  // Every object has the Master record type; it is the only available one when no other is visible.
  infos.push({
    active: true,
    available: visible.length === 0,
    defaultRecordTypeMapping: visible.length === 0,
    developerName: 'Master',
    master: true,
    name: 'Master',
    recordTypeId: MASTER_RECORD_TYPE_ID,
    urls: { layout: `/services/data/v${version}/sobjects/${object.name}/describe/layouts/${MASTER_RECORD_TYPE_ID}` },
  });
  return infos;
}
