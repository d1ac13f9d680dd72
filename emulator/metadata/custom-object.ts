/**
 * `objects/<Obj>/<Obj>.object-meta.xml`: a custom object (with the standard fields Salesforce adds to
 * every custom object), a custom setting (`<customSettingsType>`), a custom metadata type (`__mdt`),
 * or settings for a standard object (sharing model).
 */
import { baseField } from './field-defaults.js';
import { MetadataError } from './metadata-error.js';
import { buildField, systemField } from './object-table.js';
import type { FieldDef, SharingModel, SObjectDef } from './types.js';
import { bool, child, text, type XmlNode } from './xml.js';

export const CUSTOM_OBJECT_REPEATABLE: ReadonlySet<string> = new Set([
  'actionOverrides', 'searchResultsAdditionalFields', 'listViews', 'fields', 'recordTypes', 'validationRules',
  'webLinks', 'compactLayouts', 'fieldSets', 'businessProcesses', 'sharingReasons', 'indexes', 'profileSearchLayouts',
]);

const SHARING_MODELS: ReadonlySet<string> = new Set(['Private', 'Read', 'ReadWrite', 'ReadWriteTransfer', 'FullAccess', 'ControlledByParent', 'PublicReadWrite']);

export function sharingModelOf(root: XmlNode, tag: string, shownAs: string): SharingModel | undefined {
  const value = text(root, tag);
  if (value === undefined) return undefined;
  if (!SHARING_MODELS.has(value)) throw new MetadataError(shownAs, `<${tag}> "${value}" is not a sharing model`);
  return value as SharingModel;
}

/** What an object file may say about a standard object: its sharing models. */
export function applyStandardObjectFile(object: SObjectDef, root: XmlNode, shownAs: string): void {
  object.sharingModel = sharingModelOf(root, 'sharingModel', shownAs) ?? object.sharingModel;
  object.externalSharingModel = sharingModelOf(root, 'externalSharingModel', shownAs) ?? object.externalSharingModel;
  object.source = shownAs;
}

export interface CustomObjectExtras {
  /** `<enableActivities>`: the object can be the What of tasks and events. */
  enableActivities: boolean;
}

/**
 * Builds a custom object with the fields Salesforce gives every custom object. Custom fields are added
 * later; OwnerId is removed later if a master-detail field makes this a detail object.
 */
export function buildCustomObject(name: string, root: XmlNode, shownAs: string): { object: SObjectDef; extras: CustomObjectExtras } {
  const isMetadataType = name.endsWith('__mdt');
  const isEvent = name.endsWith('__e');
  const isBigObject = name.endsWith('__b');
  if (!isMetadataType && !/__c$/.test(name) && !/__e$/.test(name) && !/__b$/.test(name)) {
    throw new MetadataError(shownAs, `"${name}" is neither a standard object the emulator knows nor a custom object (__c)`);
  }
  const label = text(root, 'label');
  if (!label) throw new MetadataError(shownAs, 'custom object has no <label>');
  const settingsType = text(root, 'customSettingsType');
  if (settingsType !== undefined && settingsType !== 'Hierarchy' && settingsType !== 'List') {
    throw new MetadataError(shownAs, `<customSettingsType> "${settingsType}" is not Hierarchy or List`);
  }
  const fields = new Map<string, FieldDef>();
  const add = (field: FieldDef): void => {
    fields.set(field.name.toLowerCase(), field);
  };

  add(systemField(['Id', 'id', 'Record ID'], shownAs));
  if (isEvent) {
    // Platform events have no owner, name or audit fields beyond who published them and when (Platform Events
    // Developer Guide, "Standard Fields of Platform Events").
    add(buildField(['ReplayId', 'str', 'Replay ID', { len: 255, ro: true }], shownAs));
    add(systemField(['CreatedDate', 'dt', 'Created Date'], shownAs));
    add(systemField(['CreatedById', 'ref', 'Created By ID', { to: 'User', rel: 'CreatedBy' }], shownAs));
    add(buildField(['EventUuid', 'str', 'Event UUID', { len: 36, ro: true }], shownAs));
  } else if (isBigObject) {
    // Big objects have only their custom fields besides the system ones [UNVERIFIED: the audit fields describe shows].
    add(systemField(['CreatedDate', 'dt', 'Created Date'], shownAs));
    add(systemField(['CreatedById', 'ref', 'Created By ID', { to: 'User', rel: 'CreatedBy' }], shownAs));
    add(systemField(['SystemModstamp', 'dt', 'System Modstamp'], shownAs));
  } else if (isMetadataType) {
    // Custom metadata records: DeveloperName/MasterLabel instead of Name; no owner or audit fields.
    add(buildField(['DeveloperName', 'str', 'Custom Metadata Record Name', { len: 40, req: true }], shownAs));
    add(buildField(['MasterLabel', 'str', 'Label', { len: 40, req: true, name: true }], shownAs));
    add(buildField(['Language', 'pick', 'Master Language', { values: ['en_US'] }], shownAs));
    add(buildField(['NamespacePrefix', 'str', 'Namespace Prefix', { len: 15, ro: true }], shownAs));
    add(buildField(['Label', 'str', 'Label', { len: 40, ro: true }], shownAs));
    add(buildField(['QualifiedApiName', 'str', 'Qualified API Name', { len: 70, ro: true }], shownAs));
    add(systemField(['SystemModstamp', 'dt', 'System Modstamp'], shownAs));
  } else {
    if (!settingsType) add(ownerField(shownAs));
    add(systemField(['IsDeleted', 'bool', 'Deleted'], shownAs));
    add(nameField(root, settingsType, shownAs));
    if (settingsType === 'Hierarchy') {
      add(buildField(['SetupOwnerId', 'ref', 'Location', { to: ['Organization', 'Profile', 'User'], rel: 'SetupOwner' }], shownAs));
    }
    add(systemField(['CreatedDate', 'dt', 'Created Date'], shownAs));
    add(systemField(['CreatedById', 'ref', 'Created By ID', { to: 'User', rel: 'CreatedBy' }], shownAs));
    add(systemField(['LastModifiedDate', 'dt', 'Last Modified Date'], shownAs));
    add(systemField(['LastModifiedById', 'ref', 'Last Modified By ID', { to: 'User', rel: 'LastModifiedBy' }], shownAs));
    add(systemField(['SystemModstamp', 'dt', 'System Modstamp'], shownAs));
    if (bool(root, 'enableActivities')) add(buildField(['LastActivityDate', 'date', 'Last Activity Date', { ro: true }], shownAs));
    if (!settingsType) {
      add(buildField(['LastViewedDate', 'dt', 'Last Viewed Date', { ro: true }], shownAs));
      add(buildField(['LastReferencedDate', 'dt', 'Last Referenced Date', { ro: true }], shownAs));
    }
  }

  const object: SObjectDef = {
    name,
    label,
    labelPlural: text(root, 'pluralLabel') ?? label,
    keyPrefix: '',
    custom: true,
    customSetting: settingsType !== undefined,
    customSettingsType: settingsType,
    customMetadata: isMetadataType,
    // A custom object deployed without <sharingModel> gets Public Read/Write [UNVERIFIED: the UI default].
    sharingModel: sharingModelOf(root, 'sharingModel', shownAs) ?? (isMetadataType ? 'Read' : 'ReadWrite'),
    externalSharingModel: sharingModelOf(root, 'externalSharingModel', shownAs),
    fields,
    // Events and big objects have no name field; the id stands in where a record needs a name [UNVERIFIED].
    nameField: isMetadataType ? 'MasterLabel' : isEvent ? 'EventUuid' : isBigObject ? 'Id' : 'Name',
    recordTypes: new Map(),
    validationRules: [],
    // Custom metadata records are deployed, not inserted: the data API cannot write them.
    readOnly: isMetadataType,
    tooling: false,
    source: shownAs,
  };
  return { object, extras: { enableActivities: bool(root, 'enableActivities') } };
}

function ownerField(source: string): FieldDef {
  const owner = buildField(['OwnerId', 'ref', 'Owner ID', { to: ['Group', 'User'], rel: 'Owner' }], source);
  owner.nillable = false;
  owner.defaultedOnCreate = true;
  owner.permissionable = false;
  return owner;
}

/** `<nameField>`: a Text name (required, 80 characters) or an AutoNumber. */
function nameField(root: XmlNode, settingsType: string | undefined, shownAs: string): FieldDef {
  const spec = child(root, 'nameField');
  if (settingsType) {
    // Custom settings always have a required Name of 38 characters [UNVERIFIED length; 38 in describe of list settings].
    const field = baseField('Name', 'Name', 'string', shownAs);
    field.custom = false;
    field.length = 38;
    field.nameField = true;
    field.permissionable = false;
    field.nillable = settingsType === 'Hierarchy';
    return field;
  }
  if (!spec) throw new MetadataError(shownAs, 'custom object has no <nameField>');
  const label = text(spec, 'label') ?? 'Name';
  const type = text(spec, 'type') ?? 'Text';
  const field = baseField('Name', label, 'string', shownAs);
  field.custom = false;
  field.nameField = true;
  field.permissionable = false;
  if (type === 'AutoNumber') {
    field.length = 30;
    field.autoNumber = true;
    field.displayFormat = text(spec, 'displayFormat');
    field.createable = false;
    field.updateable = false;
    field.nillable = false;
    field.defaultedOnCreate = true;
  } else if (type === 'Text') {
    field.length = 80;
    field.nillable = false;
  } else {
    throw new MetadataError(shownAs, `<nameField><type> "${type}" is not Text or AutoNumber`);
  }
  return field;
}

/** `a00`, `a01`, ... `a0z`, `a10`, ...: custom object key prefixes in a stable order. */
export function customKeyPrefix(first: string, index: number): string {
  const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
  if (index >= 62 * 62) throw new Error(`too many custom objects for prefix ${first}`);
  return first + BASE62.charAt(Math.floor(index / 62)) + BASE62.charAt(index % 62);
}
