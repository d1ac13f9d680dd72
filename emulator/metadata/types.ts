/**
 * The org's schema as the emulator runs it: what the metadata loader produces from an SFDX project
 * (plus the built-in standard objects and profiles), and what the store, the SOQL translator, the
 * security model, the formula engine, the flow runtime and the UI all read.
 *
 * Names are case-insensitive in Salesforce; every map here is keyed by the lower-cased API name and
 * every def keeps the canonical spelling in `name`.
 */

export type FieldType =
  | 'id' | 'string' | 'textarea' | 'boolean' | 'int' | 'double' | 'currency' | 'percent'
  | 'date' | 'datetime' | 'time' | 'picklist' | 'multipicklist' | 'reference' | 'email'
  | 'phone' | 'url' | 'combobox' | 'address' | 'location' | 'encryptedstring' | 'base64' | 'anyType';

export interface PicklistValueDef {
  value: string;
  label: string;
  isDefault: boolean;
  active: boolean;
}

export interface RollupSummaryDef {
  operation: 'count' | 'sum' | 'min' | 'max';
  /** Child object API name, e.g. `Opportunity`. */
  childObject: string;
  /** Field on the child that points at this object (the master-detail field), e.g. `AccountId`. */
  foreignKey: string;
  /** Child field summarised (absent for count). */
  summarizedField?: string;
  /** Filter items as in metadata (`field`, `operation`, `value`), ANDed. */
  filters: { field: string; operation: string; value: string }[];
}

export interface FieldDef {
  name: string;
  label: string;
  type: FieldType;
  custom: boolean;
  /** Characters for text types; 0 otherwise. */
  length: number;
  precision: number;
  scale: number;
  /** Describe's `nillable`. */
  nillable: boolean;
  /** Describe's `defaultedOnCreate` (system fields, checkboxes, fields with a default value). */
  defaultedOnCreate: boolean;
  /** System-level: false for formula, roll-up, auto-number and audit fields regardless of user. */
  createable: boolean;
  updateable: boolean;
  /** False for fields that FLS cannot restrict (required fields, Id, Name, audit fields). */
  permissionable: boolean;
  unique: boolean;
  externalId: boolean;
  caseSensitive: boolean;
  nameField: boolean;
  autoNumber: boolean;
  /** Display format for auto-number fields, e.g. `CASE-{0000}`. */
  displayFormat?: string;
  picklistValues?: PicklistValueDef[];
  restrictedPicklist: boolean;
  /** For reference fields. */
  referenceTo?: string[];
  relationshipName?: string;
  relationshipType?: 'lookup' | 'masterDetail';
  /** Child relationship name seen from the parent, e.g. `Opportunities`. */
  childRelationshipName?: string;
  cascadeDelete: boolean;
  /** Describe's `restrictedDelete`: a lookup with `<deleteConstraint>Restrict` blocks deleting the parent. */
  restrictedDelete?: boolean;
  /** Describe's `polymorphicForeignKey` (`WhatId`, `WhoId`, `OwnerId` on Lead/Case). */
  polymorphicForeignKey?: boolean;
  /** Describe's `calculated`: formula and roll-up summary fields. */
  calculated?: boolean;
  /** Formula source for formula fields (calculated). */
  formula?: string;
  /** Result type of a formula field (`type` already holds the describe type). */
  formulaTreatBlanksAsZero: boolean;
  /**
   * Describe's `htmlFormatted`: a text formula field whose formula calls IMAGE or HYPERLINK returns
   * markup. Set when the org compiles its formulas (service/formulas.ts).
   */
  htmlFormatted?: boolean;
  /** Default value formula from metadata (`<defaultValue>`), evaluated on create. */
  defaultValueFormula?: string;
  /**
   * Set at load when the emulator cannot evaluate `formula` (an unsupported function, syntax, or a field it
   * reads that is itself not evaluated): what it cannot run. The field then reads null, and describe's
   * `calculatedFormula` says so. Added by the load-problems work.
   */
  formulaNotEvaluated?: string;
  /** Set at load when `defaultValueFormula` cannot be evaluated: new records get no default. Added by the load-problems work. */
  defaultNotApplied?: string;
  rollup?: RollupSummaryDef;
  /**
   * Set at load when a roll-up summary reads a formula field the emulator does not evaluate
   * (service/rollup-sources.ts): the roll-up is not recalculated and keeps its initial value.
   */
  rollupNotComputed?: string;
  inlineHelpText?: string;
  /** For compound sub-fields (FirstName -> Name). */
  compoundFieldName?: string;
  /** Where the def came from, for error messages (`file path` or `standard`). */
  source: string;
}

export interface RecordTypeDef {
  /** Full name `Object.DeveloperName`. */
  fullName: string;
  developerName: string;
  label: string;
  active: boolean;
  /** Picklist field name (lower-cased) -> values allowed with this record type. */
  picklistValues: Map<string, string[]>;
  /** Assigned at load (18-char, prefix 012). */
  id: string;
  source: string;
  /**
   * `<businessProcess>`: the Support / Sales / Lead / Solution process whose values this record type
   * offers for the process field (its values are also in `picklistValues`). Added by the metadata room.
   */
  businessProcess?: string;
  /**
   * Picklist field name (lower-cased) -> the value this record type selects by default (`<default>true`
   * in `picklistValues`, or the business process's default for the process field). Added by the metadata room.
   */
  picklistDefaults?: Map<string, string>;
}

/**
 * A business process (`objects/<Obj>/businessProcesses/<Name>.businessProcess-meta.xml`): the values
 * of Case.Status, Opportunity.StageName, Lead.Status or Solution.Status that the record types using it
 * offer. Added by the metadata room.
 */
export interface BusinessProcessDef {
  /** Full name `Object.Name`, e.g. `Case.Support Process` (process names may contain spaces). */
  fullName: string;
  name: string;
  /** The picklist the process narrows, canonical spelling (`Status`, `StageName`). */
  field: string;
  active: boolean;
  /** Values in file order, spelled as the field's picklist spells them. */
  values: string[];
  defaultValue?: string;
  source: string;
}

export interface ValidationRuleDef {
  /** Full name `Object.RuleName`. */
  fullName: string;
  name: string;
  object: string;
  active: boolean;
  errorConditionFormula: string;
  errorMessage: string;
  /** Field API name, or undefined for the top of the page. */
  errorDisplayField?: string;
  description?: string;
  id: string;
  source: string;
  /** Set at load when the emulator cannot evaluate the rule's formula: the rule is not enforced. Added by the load-problems work. */
  notEnforced?: string;
}

export type SharingModel =
  | 'Private' | 'Read' | 'ReadWrite' | 'ReadWriteTransfer' | 'FullAccess' | 'ControlledByParent' | 'PublicReadWrite';

export interface SObjectDef {
  name: string;
  label: string;
  labelPlural: string;
  keyPrefix: string;
  custom: boolean;
  customSetting: boolean;
  /** `Hierarchy` or `List` for custom settings. */
  customSettingsType?: 'Hierarchy' | 'List';
  customMetadata: boolean;
  sharingModel: SharingModel;
  externalSharingModel?: SharingModel;
  /** Lower-cased name -> field, in a stable order (Id first, then standard, then custom). */
  fields: Map<string, FieldDef>;
  /** API name of the name field (`Name`, `Subject`, `CaseNumber`, ...). */
  nameField: string;
  recordTypes: Map<string, RecordTypeDef>;
  /** Lower-cased process name -> business process (Case, Opportunity, Lead, Solution). Added by the metadata room. */
  businessProcesses?: Map<string, BusinessProcessDef>;
  validationRules: ValidationRuleDef[];
  /** Objects that exist but cannot be written through the data API (e.g. `Organization`). */
  readOnly: boolean;
  /** Tooling-only objects (FlowDefinition, Flow, ValidationRule, ApexClass, ...). */
  tooling: boolean;
  source: string;
}

export interface ObjectPermissionDef {
  allowRead: boolean;
  allowCreate: boolean;
  allowEdit: boolean;
  allowDelete: boolean;
  viewAllRecords: boolean;
  modifyAllRecords: boolean;
}

export interface FieldPermissionDef {
  readable: boolean;
  editable: boolean;
}

/** Profiles and permission sets share one shape, as in the metadata API. */
export interface PermissionContainerDef {
  kind: 'Profile' | 'PermissionSet' | 'PermissionSetGroup';
  /** API name (file name), e.g. `Sales_Rep` or `Admin`. */
  name: string;
  /** Label, e.g. `System Administrator`. */
  label: string;
  id: string;
  /** Lower-cased object -> permissions. */
  objectPermissions: Map<string, ObjectPermissionDef>;
  /** Lower-cased `object.field` -> permissions. */
  fieldPermissions: Map<string, FieldPermissionDef>;
  /** Lower-cased `Object.DeveloperName` record types visible; `default` marks the profile default. */
  recordTypeVisibilities: Map<string, { visible: boolean; isDefault: boolean }>;
  /** User permissions by name (`ModifyAllData`, `ViewAllData`, `ApiEnabled`, `ApiUserOnly`, ...). */
  userPermissions: Set<string>;
  /** Custom permission API names enabled. */
  customPermissions: Set<string>;
  /**
   * Lower-cased custom metadata types this container grants read access to through the API
   * (`<customMetadataTypeAccesses>`): without it, or Customize Application, a user cannot query or describe
   * the type (security.ts).
   */
  customMetadataTypes: Set<string>;
  /** Layout assignments for profiles: lower-cased object or `object.recordtype` -> layout full name. */
  layoutAssignments: Map<string, string>;
  /** For permission set groups: member permission set names. */
  members?: string[];
  /**
   * For permission set groups: the muting permission set (`<mutingPermissionSets>`) whose enabled entries
   * the group turns off. Once loaded, a group's own permission maps hold what it grants: the union of its
   * members minus what this mutes. Added (optional) by the permission set group work.
   */
  mutingPermissionSets?: string[];
  /** Standard profiles and permission sets are built in. */
  builtIn: boolean;
  source: string;
}

/**
 * A muting permission set (`mutingpermissionsets/<Name>.mutingpermissionset-meta.xml`): PermissionSet's
 * shape, but every entry that is enabled is turned off for the one permission set group it belongs to
 * (and only there). `true` here means "muted". Added by the permission set group work.
 */
export interface MutingPermissionSetDef {
  name: string;
  label: string;
  /** Assigned at load (18-char, prefix 0QL). */
  id: string;
  /** Lower-cased object -> the object permissions muted. */
  objectPermissions: Map<string, ObjectPermissionDef>;
  /** Lower-cased `object.field` -> muted read (which also mutes edit) and muted edit. */
  fieldPermissions: Map<string, FieldPermissionDef>;
  /** Lower-cased `Object.DeveloperName` record types whose visibility is muted. */
  recordTypeVisibilities: Set<string>;
  userPermissions: Set<string>;
  customPermissions: Set<string>;
  source: string;
}

export interface LayoutItemDef {
  field: string;
  behavior: 'Edit' | 'Required' | 'Readonly';
}

export interface LayoutSectionDef {
  label: string;
  /** Columns of items, as in metadata (`layoutColumns`). */
  columns: LayoutItemDef[][];
}

export interface LayoutDef {
  /** `Object-Layout Name`. */
  fullName: string;
  object: string;
  sections: LayoutSectionDef[];
  /** Related lists by child relationship name or `RelatedXxxList`. */
  relatedLists: { relatedList: string; fields: string[] }[];
  source: string;
}

export interface ConnectedAppDef {
  name: string;
  label: string;
  consumerKey?: string;
  /** PEM certificate text (for JWT bearer) when given in metadata. */
  certificate?: string;
  consumerSecret?: string;
  /**
   * Username of the client credentials flow's execution ("Run As") user: metadata
   * `oauthConfig/oauthClientCredentialUser`. Added (optional) by the HTTP room.
   */
  oauthClientCredentialUser?: string;
  source: string;
}

export interface CustomPermissionDef {
  name: string;
  label: string;
  id: string;
  source: string;
}

export type FlowTriggerType = 'RecordBeforeSave' | 'RecordAfterSave' | 'RecordBeforeDelete' | 'Scheduled' | 'None';
export type FlowRecordTriggerType = 'Create' | 'Update' | 'CreateAndUpdate' | 'Delete';

/**
 * A flow version as loaded. The element graph is kept close to the metadata XML (parsed to plain
 * objects, arrays normalised) so that the flow runtime owns its interpretation.
 */
export interface FlowDef {
  /** API name (file name without suffix), e.g. `Closed_Won_Onboarding`. */
  apiName: string;
  label: string;
  processType: string;
  /** `Active`, `Draft`, `Obsolete`, `InvalidDraft` as in metadata. */
  status: string;
  triggerType: FlowTriggerType;
  recordTriggerType?: FlowRecordTriggerType;
  /** Start object for record-triggered flows. */
  object?: string;
  /** The parsed `<Flow>` element (arrays normalised for repeatable elements). */
  body: Record<string, unknown>;
  /** Element types this runtime cannot run (`actionCalls` of type apex, `screens`, ...), for the load summary. */
  unsupportedElements: string[];
  /** For Process Builder processes (`processType` Workflow): how a save starts them. Added by the workflow work. */
  process?: ProcessDef;
  /** Ids assigned at load: FlowDefinition (300) and Flow version (301). */
  definitionId: string;
  versionId: string;
  source: string;
}

/**
 * Process Builder: a flow of `processType` Workflow, record-triggered through its `processMetadataValues`
 * (ObjectType, TriggerType, ObjectVariable, OldObjectVariable) rather than a `<start>` element.
 */
export interface ProcessDef {
  /** The object whose saves start the process (`ObjectType`), canonical spelling. */
  object: string;
  /** `onCreateOnly` (created) or `onAllChanges` (created or edited). */
  triggerType: 'onCreateOnly' | 'onAllChanges';
  /** The input variable that holds the record as saved (`ObjectVariable`, `myVariable_current`). */
  currentVariable: string;
  /** The input variable that holds the record before the save (`OldObjectVariable`, `myVariable_old`). */
  oldVariable?: string;
  /** "Allow process to evaluate a record multiple times in a single transaction" (`RecursiveCountVariable`). */
  recursive: boolean;
  /** False when the process uses an element the flow runtime cannot run; `unsupportedElements` says which. */
  runnable: boolean;
}

export interface GlobalValueSetDef {
  name: string;
  values: PicklistValueDef[];
  source: string;
}

/** A user as declared by an `sf org create user` definition file (plus `password` for the emulator). */
export interface UserDef {
  Username: string;
  LastName: string;
  FirstName?: string;
  Email: string;
  Alias?: string;
  profileName: string;
  permsets: string[];
  /** Role developer name, if any. */
  role?: string;
  password: string;
  /** Any other User fields from the file, passed through. */
  extra: Record<string, unknown>;
  source: string;
}

export interface RoleDef {
  name: string;
  label: string;
  parentRole?: string;
  id: string;
  source: string;
  /**
   * Implicit sharing: the access this role's users get to cases / opportunities / contacts on accounts they
   * own, whoever owns those records (`<caseAccessLevel>` etc.; absent means None). Added (optional) by the
   * sharing work.
   */
  caseAccessLevel?: 'Read' | 'Edit';
  opportunityAccessLevel?: 'Read' | 'Edit';
  contactAccessLevel?: 'Read' | 'Edit';
}

/** Who a sharing rule shares with (`<sharedTo>`), or whose records an owner rule shares (`<sharedFrom>`). */
export type SharingRecipient =
  | { kind: 'role' | 'roleAndSubordinates' | 'roleAndSubordinatesInternal'; name: string }
  | { kind: 'group'; name: string }
  | { kind: 'allInternalUsers' };

/** Criteria operations of sharing criteria rules, as spelled in metadata. */
export type SharingOperation =
  | 'equals' | 'notEqual' | 'lessThan' | 'greaterThan' | 'lessOrEqual' | 'greaterOrEqual'
  | 'contains' | 'notContain' | 'startsWith' | 'includes' | 'excludes';

export interface SharingCriterionDef {
  /** Canonical field API name on the rule's object. */
  field: string;
  operation: SharingOperation;
  /**
   * The comma-separated values, split (Salesforce reads `a,b` as "a or b"; for the negative operations as
   * "neither a nor b"). RecordTypeId values are resolved from developer names to record type ids at load.
   */
  values: string[];
}

export interface SharingCriteriaDef {
  items: SharingCriterionDef[];
  /** `1 AND (2 OR 3)`; absent means every item must hold. */
  booleanFilter?: string;
}

export interface SharingRuleDef {
  /** `Object.RuleName`. */
  fullName: string;
  name: string;
  label: string;
  object: string;
  kind: 'criteria' | 'owner';
  accessLevel: 'Read' | 'Edit';
  sharedTo: SharingRecipient;
  /** Owner rules: records owned by these users are shared. */
  sharedFrom?: SharingRecipient;
  /** Criteria rules: records matching these are shared. */
  criteria?: SharingCriteriaDef;
  /** Account rules: the access granted to the account's cases, opportunities and contacts (absent = None). */
  accountSettings?: { caseAccessLevel?: 'Read' | 'Edit'; opportunityAccessLevel?: 'Read' | 'Edit'; contactAccessLevel?: 'Read' | 'Edit' };
  source: string;
}

/** A public group (`groups/<DeveloperName>.group-meta.xml`); its members are data (GroupMember rows). */
export interface PublicGroupDef {
  name: string;
  label: string;
  /** "Grant Access Using Hierarchies": users above a member in the role hierarchy share the member's access. */
  doesIncludeBosses: boolean;
  source: string;
}

/** When a workflow rule is evaluated (Metadata API `WorkflowRule.triggerType`). */
export type WorkflowTriggerType = 'onCreateOnly' | 'onAllChanges' | 'onCreateOrTriggeringUpdate';

/** Filter operations of workflow rule criteria (Metadata API `FilterOperation`), as spelled in metadata. */
export type WorkflowOperation =
  | 'equals' | 'notEqual' | 'lessThan' | 'greaterThan' | 'lessOrEqual' | 'greaterOrEqual'
  | 'contains' | 'notContain' | 'startsWith' | 'includes' | 'excludes';

/** One `<criteriaItems>` of a workflow rule, resolved against the schema. */
export interface WorkflowCriterionDef {
  /** As written, e.g. `Case.Status`, `Account.Industry`, `User.ProfileId`. */
  field: string;
  /**
   * The formula-style path that reads it for a record of the rule's object: `['Status']`,
   * `['Account', 'Industry']` (a parent), `['$User', 'ProfileId']` (the user whose save runs the rule).
   */
  path: string[];
  /** The field read at the end of the path. */
  type: FieldType;
  /**
   * For lookups: the path of the referenced record's name (`['$User', 'Profile', 'Name']`), since criteria
   * name the record (`System Administrator`, a record type's label) rather than give its id.
   */
  namePath?: string[];
  operation: WorkflowOperation;
  /** The comma-separated values, split (`equals a,b` is "a or b"); empty means blank. */
  values: string[];
  /** `<valueField>`: compare with another field's value instead of `values`. */
  valuePath?: string[];
}

/** A field update (`<fieldUpdates>`) a rule runs as an immediate action. */
export interface WorkflowFieldUpdateDef {
  /** `<fullName>`, the name actions refer to. */
  name: string;
  /** The field updated, canonical spelling, on the rule's object. */
  field: string;
  operation: 'Literal' | 'Formula' | 'Null' | 'LookupValue' | 'NextValue' | 'PreviousValue';
  literalValue?: string;
  formula?: string;
  lookupValue?: string;
  /** `User`, `Queue` or `RecordType` for LookupValue. */
  lookupValueType?: string;
  /** Re-evaluate the object's workflow rules when this update changes the field's value. */
  reevaluateOnChange: boolean;
}

/**
 * A workflow rule (`workflows/<Object>.workflow-meta.xml`, `<rules>`). The emulator runs its immediate field
 * updates; every other action (email alerts, tasks, outbound messages, flow actions, time triggers) is listed
 * in `actionsNotRun`. Added by the workflow work.
 */
export interface WorkflowRuleDef {
  /** `Object.Rule Name` (rule names may contain spaces). */
  fullName: string;
  name: string;
  object: string;
  active: boolean;
  triggerType: WorkflowTriggerType;
  /** `<formula>` criteria (a boolean formula), when the rule uses one. */
  formula?: string;
  /** `<criteriaItems>` and `<booleanFilter>`, when the rule uses them. */
  criteria?: { items: WorkflowCriterionDef[]; booleanFilter?: string };
  /** Immediate field updates on the rule's own object, in the order the rule lists them. */
  fieldUpdates: WorkflowFieldUpdateDef[];
  /** Actions of this rule the emulator does not run, e.g. `Alert Notify_Owner`, `time trigger 1 Days: Task Follow_Up`. */
  actionsNotRun: string[];
  /**
   * Why the emulator does not run this rule at all (a criteria value or field it cannot evaluate); set at load,
   * or when the org compiles the rule's formulas. Undefined for a rule that runs.
   */
  notRunReason?: string;
  source: string;
}

/** A value as the API carries it (the same shape as contracts.ts `WireValue`). */
export type MetadataValue = string | number | boolean | null;

/**
 * One custom metadata record. Its values are typed by the `__mdt` object's field definitions: a Number
 * field's `2.0` is the number 2, a Checkbox's `true` a boolean, a Date `YYYY-MM-DD`.
 */
export interface CustomMetadataRecordDef {
  /** The type as its object spells it, e.g. `PMT_Setting__mdt`. */
  type: string;
  /** From the file name, e.g. `Default`. */
  developerName: string;
  /** `<label>`: MasterLabel and Label. */
  label: string;
  protected: boolean;
  /** Assigned at load with the type's key prefix (m00...). */
  id: string;
  /** Custom field API name (as the object spells it) -> value; fields the record leaves out are absent. */
  values: Map<string, MetadataValue>;
  source: string;
}

/** A custom label (`$Label.Name` in formulas and flows). */
export interface CustomLabelDef {
  /** `<fullName>`. */
  name: string;
  value: string;
  language: string;
  protected: boolean;
  shortDescription?: string;
  source: string;
}

export interface OrgSchema {
  /** Lower-cased object name -> def (data objects and tooling objects). */
  objects: Map<string, SObjectDef>;
  profiles: Map<string, PermissionContainerDef>;
  permissionSets: Map<string, PermissionContainerDef>;
  layouts: Map<string, LayoutDef>;
  flows: Map<string, FlowDef>;
  connectedApps: Map<string, ConnectedAppDef>;
  customPermissions: Map<string, CustomPermissionDef>;
  globalValueSets: Map<string, GlobalValueSetDef>;
  roles: Map<string, RoleDef>;
  /** Sharing rules the emulator runs (criteria and owner rules), by object. Added (optional) by the sharing work. */
  sharingRules?: SharingRuleDef[];
  /** Public groups by lower-cased developer name. Added (optional) by the sharing work. */
  publicGroups?: Map<string, PublicGroupDef>;
  /** Muting permission sets by lower-cased name. Added (optional) by the permission set group work. */
  mutingPermissionSets?: Map<string, MutingPermissionSetDef>;
  /** Workflow rules of every object, in object then file order. Added (optional) by the workflow work. */
  workflowRules?: WorkflowRuleDef[];
  /**
   * Custom metadata records (`customMetadata/Type.Record.md-meta.xml`) by lower-cased
   * `Type__mdt.DeveloperName`. Added (optional) by the formula coverage work.
   */
  customMetadataRecords?: Map<string, CustomMetadataRecordDef>;
  /**
   * The project's own namespace (`sfdx-project.json` `namespace`), when it declares one: names carrying its
   * prefix resolve to the project's components (metadata/namespace.ts).
   */
  namespace?: string;
  /** Custom labels (`labels/*.labels-meta.xml`) by lower-cased name. Added (optional) by the formula coverage work. */
  customLabels?: Map<string, CustomLabelDef>;
  /** Metadata types present in the project that the emulator does not run, with counts. */
  unsupported: Map<string, number>;
  /**
   * Components the emulator loads but cannot run as written, each with what it does instead (the load
   * summary lists them; a strict load refuses them). Flows' elements not run are kept on each FlowDef
   * (`unsupportedElements`) and listed from there. Added (optional) by the load-problems work.
   */
  degraded?: LoadProblem[];
}

/**
 * One component of a project that the emulator cannot run as written. A real deploy accepts it (what a
 * deploy would reject is a MetadataError instead), so the org still loads, and the rest of it works.
 *
 * @example
 * { file: 'force-app/main/default/objects/Invoice__c/fields/Portal_Link__c.field-meta.xml',
 *   component: 'CustomField Invoice__c.Portal_Link__c', unsupported: 'unsupported function GETSESSIONID', fallback: 'reads null' }
 */
export interface LoadProblem {
  /** The file, as shown in messages (relative to the project). */
  file: string;
  /** Metadata type and full name: `CustomField Invoice__c.Portal_Link__c`, `ValidationRule Invoice__c.Check`, `Flow Onboarding`. */
  component: string;
  /** What the emulator cannot run. */
  unsupported: string;
  /** What the emulator does instead: `reads null`, `not enforced`, ... */
  fallback: string;
}
