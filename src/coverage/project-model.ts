/**
 * What release coverage knows about an SFDX project: the components it counts and the facts its proposals
 * are derived from (field types and picklist values, rule formulas, flow start elements, who is granted what).
 * Names keep the project's spelling; maps are keyed by the lower-cased API name, as Salesforce matches them.
 */

export interface ProjectField {
  object: string;
  name: string;
  /** `Object.Field`, the CustomField member name. */
  fullName: string;
  label: string;
  /** The metadata type: Text, Picklist, MasterDetail, Summary, ... (a formula keeps its result type). */
  type: string;
  formula: boolean;
  required: boolean;
  externalId: boolean;
  unique: boolean;
  length?: number;
  /** Lookup and master-detail: the parent object. */
  referenceTo?: string;
  reparentable: boolean;
  /** Active picklist values (from the field or its global value set), default first. */
  picklistValues: string[];
  defaultValue?: string;
  file: string;
}

export interface ProjectObject {
  name: string;
  label: string;
  /** Custom settings and custom metadata types hold configuration: no field-level security, no record pages. */
  configuration: boolean;
  /** `AutoNumber` names cannot be set (the plan runner then leaves the name alone). */
  nameFieldType?: string;
  fields: Map<string, ProjectField>;
  file?: string;
}

export interface ValidationRuleDef {
  object: string;
  name: string;
  fullName: string;
  active: boolean;
  formula: string;
  errorMessage: string;
  /** The field the message shows under; undefined = the top of the page. */
  errorDisplayField?: string;
  file: string;
}

export type FlowValue = { kind: 'string' | 'boolean' | 'number' | 'date' | 'dateTime' | 'reference'; value: string };

export interface FlowFilter {
  field: string;
  operator: string;
  value?: FlowValue;
}

export interface FlowStart {
  object: string;
  /** RecordAfterSave, RecordBeforeSave, RecordBeforeDelete, Scheduled, PlatformEvent, ... */
  triggerType?: string;
  /** Create, Update, CreateAndUpdate, Delete. */
  recordTriggerType?: string;
  /** `and`, `or`, or custom logic such as `(1 OR 2) AND 3`; absent with no filters. */
  filterLogic?: string;
  filters: FlowFilter[];
  /** Entry criteria written as a formula instead of filters. */
  filterFormula?: string;
  /** "Only when a record is updated to meet the condition requirements". */
  requireChange: boolean;
}

export interface FlowDef {
  name: string;
  label: string;
  status: string;
  processType: string;
  start?: FlowStart;
  file: string;
}

export interface ObjectAccess {
  read: boolean;
  create: boolean;
  edit: boolean;
  delete: boolean;
  viewAll: boolean;
  modifyAll: boolean;
}

export interface FieldGrant {
  readable: boolean;
  editable: boolean;
}

/** A profile, permission set or muting permission set: what it grants. */
export interface PermissionContainer {
  kind: 'Profile' | 'PermissionSet' | 'MutingPermissionSet';
  /** The metadata name (`Sales_Rep`; `Admin` for the System Administrator profile). */
  name: string;
  label: string;
  fieldPermissions: Map<string, FieldGrant>;
  objectPermissions: Map<string, ObjectAccess>;
  recordTypeVisibilities: Map<string, { visible: boolean; isDefault: boolean }>;
  layoutAssignments: { layout: string; recordType?: string }[];
  userPermissions: Set<string>;
  customPermissions: Set<string>;
  file: string;
}

export interface PermissionSetGroupDef {
  name: string;
  label: string;
  permissionSets: string[];
  mutingPermissionSets: string[];
  file: string;
}

export interface RecordTypeDef {
  object: string;
  name: string;
  fullName: string;
  label: string;
  active: boolean;
  file: string;
}

export interface LayoutDef {
  /** `Object-Layout Name`, the Layout member name. */
  fullName: string;
  object: string;
  fields: { field: string; behavior: string }[];
  file: string;
}

export interface SfdxProject {
  /** The project folder as given. */
  root: string;
  packageDirectories: string[];
  objects: Map<string, ProjectObject>;
  validationRules: Map<string, ValidationRuleDef>;
  flows: Map<string, FlowDef>;
  permissionSets: Map<string, PermissionContainer>;
  mutingPermissionSets: Map<string, PermissionContainer>;
  permissionSetGroups: Map<string, PermissionSetGroupDef>;
  /** Keyed by the metadata name (`Admin`, `Standard`, `Custom: Sales Profile`). */
  profiles: Map<string, PermissionContainer>;
  recordTypes: Map<string, RecordTypeDef>;
  layouts: Map<string, LayoutDef>;
}

export function fieldOf(project: SfdxProject, object: string, field: string): ProjectField | undefined {
  return project.objects.get(object.toLowerCase())?.fields.get(field.toLowerCase());
}
