/**
 * Tooling API objects (reference §7): flows and their definitions, validation rules, Apex classes and
 * the entity/field catalogue. `Metadata` is a complex (anyType) column; on FlowDefinition it is the one
 * thing tools update (`{"Metadata":{"activeVersionNumber":0}}` deactivates a flow, field-notes).
 *
 * EntityDefinition and FieldDefinition ids are durable names rather than keyed ids in a real org
 * (`Account`, `Account.Name`) [UNVERIFIED for custom entities], so they carry no key prefix here.
 */
import type { ObjectRow } from './object-table.js';

const MANAGEABLE_STATE = ['beta', 'deleted', 'deprecated', 'deprecatedEditable', 'installed', 'installedEditable', 'released', 'unmanaged'];

export const TOOLING_OBJECTS: readonly ObjectRow[] = [
  {
    name: 'FlowDefinition', prefix: '300', label: 'Flow Definition', plural: 'Flow Definitions', sharing: 'Read', tooling: true, nameField: 'DeveloperName',
    fields: [
      ['DeveloperName', 'str', 'Flow API Name', { len: 80, ro: true, name: true }],
      ['MasterLabel', 'str', 'Label', { len: 255, ro: true }],
      ['Description', 'text', 'Description', { len: 4000, ro: true }],
      ['ActiveVersionId', 'ref', 'Active Version ID', { to: 'Flow', rel: 'ActiveVersion', ro: true }],
      ['LatestVersionId', 'ref', 'Latest Version ID', { to: 'Flow', rel: 'LatestVersion', ro: true }],
      ['NamespacePrefix', 'str', 'Namespace Prefix', { len: 15, ro: true }],
      ['ManageableState', 'pick', 'Manageable State', { ro: true, values: MANAGEABLE_STATE }],
      ['Metadata', 'any', 'Metadata', { updateOnly: true }],
      ['FullName', 'str', 'Full Name', { len: 255, ro: true }],
    ],
  },
  {
    name: 'Flow', prefix: '301', label: 'Flow', plural: 'Flows', sharing: 'Read', tooling: true, nameField: 'MasterLabel',
    fields: [
      ['DefinitionId', 'ref', 'Flow Definition ID', { to: 'FlowDefinition', rel: 'Definition', ro: true }],
      ['MasterLabel', 'str', 'Label', { len: 255, ro: true, name: true }],
      ['VersionNumber', 'int', 'Version Number', { prec: 9, ro: true }],
      ['Status', 'pick', 'Status', { ro: true, values: ['Active', 'Draft', 'Obsolete', 'InvalidDraft'] }],
      ['ProcessType', 'pick', 'Process Type', { ro: true, values: ['AutoLaunchedFlow', 'Flow', 'Workflow', 'CustomEvent', 'InvocableProcess', 'Orchestrator'] }],
      ['Description', 'text', 'Description', { len: 4000, ro: true }],
      ['ApiVersion', 'dbl', 'API Version', { prec: 18, scale: 1, ro: true }],
      ['RunInMode', 'pick', 'Run In Mode', { ro: true, values: ['DefaultMode', 'SystemModeWithSharing', 'SystemModeWithoutSharing'] }],
      ['IsTemplate', 'bool', 'Is Template', { ro: true }],
      ['ManageableState', 'pick', 'Manageable State', { ro: true, values: MANAGEABLE_STATE }],
      ['Metadata', 'any', 'Metadata', { ro: true }],
      ['FullName', 'str', 'Full Name', { len: 255, ro: true }],
    ],
  },
  {
    name: 'ValidationRule', prefix: '03d', label: 'Validation Rule', plural: 'Validation Rules', sharing: 'Read', tooling: true, nameField: 'ValidationName',
    fields: [
      ['ValidationName', 'str', 'Rule Name', { len: 40, ro: true, name: true }],
      ['Active', 'bool', 'Active', { ro: true }],
      ['Description', 'text', 'Description', { len: 255, ro: true }],
      ['EntityDefinitionId', 'ref', 'Entity Definition ID', { to: 'EntityDefinition', rel: 'EntityDefinition', ro: true }],
      ['ErrorDisplayField', 'str', 'Error Location', { len: 255, ro: true }],
      ['ErrorMessage', 'str', 'Error Message', { len: 255, ro: true }],
      ['NamespacePrefix', 'str', 'Namespace Prefix', { len: 15, ro: true }],
      ['ManageableState', 'pick', 'Manageable State', { ro: true, values: MANAGEABLE_STATE }],
      ['Metadata', 'any', 'Metadata', { updateOnly: true }],
      ['FullName', 'str', 'Full Name', { len: 255, ro: true }],
    ],
  },
  {
    // ApexClass is queryable through both APIs in a real org; the emulator lists it under Tooling.
    name: 'ApexClass', prefix: '01p', label: 'Apex Class', plural: 'Apex Classes', sharing: 'Read', tooling: true,
    fields: [
      ['Name', 'str', 'Name', { len: 255, ro: true, name: true }],
      ['NamespacePrefix', 'str', 'Namespace Prefix', { len: 15, ro: true }],
      ['ApiVersion', 'dbl', 'Api Version', { prec: 18, scale: 1, ro: true }],
      ['Status', 'pick', 'Status', { ro: true, values: ['Inactive', 'Active', 'Deleted'] }],
      ['IsValid', 'bool', 'Is Valid', { ro: true }],
      ['BodyCrc', 'dbl', 'Body CRC', { prec: 18, scale: 0, ro: true }],
      ['Body', 'text', 'Body', { len: 1000000, ro: true }],
      ['LengthWithoutComments', 'int', 'Size Without Comments', { prec: 9, ro: true }],
    ],
  },
  {
    name: 'EntityDefinition', prefix: '', label: 'Entity Definition', plural: 'Entity Definitions', sharing: 'Read', tooling: true, audit: 'none',
    nameField: 'QualifiedApiName',
    fields: [
      ['DurableId', 'str', 'Durable ID', { len: 255, ro: true }],
      ['QualifiedApiName', 'str', 'Qualified API Name', { len: 250, ro: true, name: true }],
      ['DeveloperName', 'str', 'Developer Name', { len: 40, ro: true }],
      ['NamespacePrefix', 'str', 'Namespace Prefix', { len: 15, ro: true }],
      ['MasterLabel', 'str', 'Master Label', { len: 255, ro: true }],
      ['Label', 'str', 'Label', { len: 255, ro: true }],
      ['PluralLabel', 'str', 'Plural Label', { len: 255, ro: true }],
      ['KeyPrefix', 'str', 'Key Prefix', { len: 3, ro: true }],
      ['IsCustomSetting', 'bool', 'Is Custom Setting', { ro: true }],
      ['IsQueryable', 'bool', 'Is Queryable', { ro: true }],
      ['IsCustomizable', 'bool', 'Is Customizable', { ro: true }],
      ['InternalSharingModel', 'pick', 'Internal Sharing Model', { ro: true, values: ['Private', 'Read', 'ReadWrite', 'ReadWriteTransfer', 'FullAccess', 'ControlledByParent'] }],
      ['ExternalSharingModel', 'pick', 'External Sharing Model', { ro: true, values: ['Private', 'Read', 'ReadWrite', 'ReadWriteTransfer', 'FullAccess', 'ControlledByParent'] }],
    ],
  },
  {
    name: 'FieldDefinition', prefix: '', label: 'Field Definition', plural: 'Field Definitions', sharing: 'Read', tooling: true, audit: 'none',
    nameField: 'QualifiedApiName',
    fields: [
      ['DurableId', 'str', 'Durable ID', { len: 255, ro: true }],
      ['QualifiedApiName', 'str', 'Qualified API Name', { len: 250, ro: true, name: true }],
      ['EntityDefinitionId', 'str', 'Entity Definition ID', { len: 255, ro: true }],
      ['DeveloperName', 'str', 'Developer Name', { len: 40, ro: true }],
      ['NamespacePrefix', 'str', 'Namespace Prefix', { len: 15, ro: true }],
      ['Label', 'str', 'Label', { len: 255, ro: true }],
      ['DataType', 'str', 'Data Type', { len: 255, ro: true }],
      ['Length', 'int', 'Length', { prec: 9, ro: true }],
      ['Precision', 'int', 'Precision', { prec: 9, ro: true }],
      ['Scale', 'int', 'Scale', { prec: 9, ro: true }],
      ['IsNillable', 'bool', 'Is Nillable', { ro: true }],
      ['IsCalculated', 'bool', 'Is Calculated', { ro: true }],
      ['IsCompound', 'bool', 'Is Compound', { ro: true }],
      ['RelationshipName', 'str', 'Relationship Name', { len: 255, ro: true }],
      ['Description', 'text', 'Description', { len: 1000, ro: true }],
    ],
  },
];
