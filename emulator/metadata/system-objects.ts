/**
 * Setup and system objects that post-release verifications query (reference §9.3 for prefixes;
 * field-notes "Technical facts": FieldPermissions, UserRecordAccess, AsyncApexJob, CronTrigger).
 *
 * Objects whose rows come from the project's metadata (Profile, PermissionSet, RecordType, UserRole,
 * CustomPermission, FieldPermissions, ...) are `readOnly` here: in a real org some are writable
 * through the API, but the emulator builds them from source and a write would make it disagree
 * with the project it claims to be. PermissionSetAssignment, Group and GroupMember stay writable
 * because verifications and setup scripts create them (field-notes: CumulusCI inserts assignments).
 */
import type { FieldRow, ObjectRow } from './object-table.js';

/** The user permissions verifications read as `Permissions<Name>` columns. */
export const PERMISSION_COLUMNS = [
  'ApiEnabled', 'ApiUserOnly', 'ModifyAllData', 'ViewAllData', 'ViewSetup', 'CustomizeApplication',
  'ManageUsers', 'AuthorApex', 'RunReports', 'ExportReport', 'ViewAllUsers', 'AssignPermissionSets',
  'ManageProfilesPermissionsets', 'EditTask', 'EditEvent', 'ConvertLeads', 'TransferAnyEntity',
  'LightningExperienceUser', 'ManageFlow', 'RunFlow',
] as const;

const permissionColumns: FieldRow[] = PERMISSION_COLUMNS.map((name) => [`Permissions${name}`, 'bool', name, { ro: true, noFls: true }]);

const JOB_TYPES = ['Future', 'SharingRecalculation', 'ScheduledApex', 'BatchApex', 'BatchApexWorker', 'TestRequest', 'TestWorker', 'ApexToken', 'Queueable'];

export const SYSTEM_OBJECTS: readonly ObjectRow[] = [
  {
    name: 'Profile', prefix: '00e', label: 'Profile', plural: 'Profiles', sharing: 'Read', readOnly: true,
    fields: [
      ['Name', 'str', 'Name', { len: 255, req: true, name: true }],
      ['UserType', 'pick', 'User Type', { ro: true, values: ['Standard', 'PowerPartner', 'CspLitePortal', 'CustomerSuccess', 'PowerCustomerSuccess', 'CsnOnly', 'Guest', 'AutomatedProcess'] }],
      ['UserLicenseId', 'ref', 'User License ID', { to: 'UserLicense', ro: true }],
      ['Description', 'str', 'Description', { len: 255 }],
      ['IsSsoEnabled', 'bool', 'Is SSO Enabled', { ro: true }],
      ...permissionColumns,
    ],
  },
  {
    name: 'PermissionSet', prefix: '0PS', label: 'Permission Set', plural: 'Permission Sets', sharing: 'Read', readOnly: true,
    fields: [
      ['Name', 'str', 'Name', { len: 80, req: true, name: true }],
      ['Label', 'str', 'Label', { len: 80, req: true }],
      ['Description', 'str', 'Description', { len: 255 }],
      ['IsOwnedByProfile', 'bool', 'Is Owned by Profile', { ro: true }],
      ['IsCustom', 'bool', 'Custom', { ro: true }],
      ['ProfileId', 'ref', 'Profile ID', { to: 'Profile', ro: true }],
      ['PermissionSetGroupId', 'ref', 'Permission Set Group ID', { to: 'PermissionSetGroup', ro: true }],
      ['Type', 'pick', 'Type', { ro: true, values: ['Regular', 'Profile', 'Group', 'Session', 'Standard'] }],
      ['NamespacePrefix', 'str', 'Namespace Prefix', { len: 15, ro: true }],
      ['LicenseId', 'ref', 'License ID', { to: 'PermissionSetLicense', ro: true }],
      ...permissionColumns,
    ],
  },
  {
    name: 'PermissionSetAssignment', prefix: '0Pa', label: 'Permission Set Assignment', plural: 'Permission Set Assignments',
    sharing: 'ReadWrite', audit: 'modstamp', idLabel: 'Permission Set Assignment ID', nameField: 'Id',
    fields: [
      // Nillable since a group can be assigned instead (PermissionSetGroupId): the object reference lists
      // PermissionSetId as "Create, Filter, Group, Nillable, Sort".
      ['PermissionSetId', 'ref', 'Permission Set ID', { to: 'PermissionSet', createOnly: true, child: 'Assignments' }],
      ['PermissionSetGroupId', 'ref', 'Permission Set Group ID', { to: 'PermissionSetGroup', createOnly: true, child: 'Assignments' }],
      ['AssigneeId', 'ref', 'Assignee ID', { to: 'User', req: true, createOnly: true, child: 'PermissionSetAssignments' }],
      ['IsActive', 'bool', 'Is Active', { ro: true, def: 'true' }],
      ['ExpirationDate', 'dt', 'Expiration Date'],
      ['IsRevoked', 'bool', 'Is Revoked', { ro: true }],
    ],
  },
  {
    name: 'PermissionSetGroup', prefix: '0PG', label: 'Permission Set Group', plural: 'Permission Set Groups', sharing: 'Read', readOnly: true,
    nameField: 'MasterLabel',
    fields: [
      ['DeveloperName', 'str', 'Developer Name', { len: 80, req: true }],
      ['MasterLabel', 'str', 'Label', { len: 80, req: true, name: true }],
      ['Language', 'pick', 'Master Language', { values: ['en_US'] }],
      ['NamespacePrefix', 'str', 'Namespace Prefix', { len: 15, ro: true }],
      ['Description', 'text', 'Description', { len: 255 }],
      ['Status', 'pick', 'Status', { ro: true, values: ['Updated', 'Outdated', 'Updating', 'Failed'] }],
      ['HasActivationRequired', 'bool', 'Has Activation Required'],
    ],
  },
  {
    name: 'Group', prefix: '00G', label: 'Group', plural: 'Groups', sharing: 'Read', owner: ['User', 'Organization'],
    fields: [
      ['Name', 'str', 'Name', { len: 40, req: true, name: true }],
      ['DeveloperName', 'str', 'Developer Name', { len: 80 }],
      ['RelatedId', 'ref', 'Related ID', { to: ['User', 'UserRole'], rel: 'Related', ro: true }],
      ['Type', 'pick', 'Type', { createOnly: true, values: ['Regular', 'Role', 'RoleAndSubordinates', 'RoleAndSubordinatesInternal', 'Manager', 'ManagerAndSubordinatesInternal', 'Organization', 'Queue'], dflt: 'Regular' }],
      ['Email', 'email', 'Email'],
      ['DoesSendEmailToMembers', 'bool', 'Send Email to Members'],
      ['DoesIncludeBosses', 'bool', 'Include Bosses'],
    ],
  },
  {
    name: 'GroupMember', prefix: '011', label: 'Group Member', plural: 'Group Members', sharing: 'ReadWrite', audit: 'modstamp', nameField: 'Id',
    fields: [
      ['GroupId', 'ref', 'Group ID', { to: 'Group', req: true, createOnly: true, child: 'GroupMembers', cascade: true }],
      ['UserOrGroupId', 'ref', 'User/Group ID', { to: ['User', 'Group'], rel: 'UserOrGroup', req: true, createOnly: true }],
    ],
  },
  {
    name: 'UserRole', prefix: '00E', label: 'Role', plural: 'Roles', sharing: 'Read', readOnly: true,
    fields: [
      ['Name', 'str', 'Name', { len: 80, req: true, name: true }],
      ['DeveloperName', 'str', 'Developer Name', { len: 80 }],
      ['ParentRoleId', 'ref', 'Parent Role ID', { to: 'UserRole', rel: 'ParentRole' }],
      ['RollupDescription', 'str', 'Description', { len: 80 }],
      ['OpportunityAccessForAccountOwner', 'pick', 'Opportunity Access for Account Owner', { values: ['None', 'Read', 'Edit'] }],
      ['CaseAccessForAccountOwner', 'pick', 'Case Access for Account Owner', { values: ['None', 'Read', 'Edit'] }],
      ['ContactAccessForAccountOwner', 'pick', 'Contact Access for Account Owner', { values: ['None', 'Read', 'Edit'] }],
      ['ForecastUserId', 'ref', 'Forecast Manager ID', { to: 'User', rel: 'ForecastUser' }],
      ['MayForecastManagerShare', 'bool', 'May Forecast Manager Share'],
      ['PortalType', 'pick', 'Portal Type', { ro: true, values: ['None', 'CustomerPortal', 'Partner'] }],
    ],
  },
  {
    name: 'RecordType', prefix: '012', label: 'Record Type', plural: 'Record Types', sharing: 'Read', readOnly: true,
    fields: [
      ['Name', 'str', 'Record Type Label', { len: 80, req: true, name: true }],
      ['DeveloperName', 'str', 'Record Type Name', { len: 80, req: true }],
      ['NamespacePrefix', 'str', 'Namespace Prefix', { len: 15, ro: true }],
      ['Description', 'str', 'Description', { len: 255 }],
      ['BusinessProcessId', 'ref', 'Business Process ID', { to: 'BusinessProcess' }],
      ['SobjectType', 'pick', 'SObject Type Name', { req: true }],
      ['IsActive', 'bool', 'Active'],
      ['IsPersonType', 'bool', 'Is Person Type', { ro: true }],
    ],
  },
  {
    name: 'Organization', prefix: '00D', label: 'Organization', plural: 'Organizations', sharing: 'Read', readOnly: true,
    fields: [
      ['Name', 'str', 'Name', { len: 80, req: true, name: true }],
      ['Division', 'str', 'Division', { len: 80 }],
      ...[['Street', 'text', 'Street'], ['City', 'str', 'City', { len: 40 }], ['State', 'str', 'State/Province', { len: 80 }], ['PostalCode', 'str', 'Zip/Postal Code', { len: 20 }], ['Country', 'str', 'Country', { len: 80 }]] as FieldRow[],
      ['Phone', 'phone', 'Phone'],
      ['Fax', 'phone', 'Fax'],
      ['PrimaryContact', 'str', 'Primary Contact', { len: 80 }],
      ['DefaultLocaleSidKey', 'pick', 'Locale', { values: ['en_US'] }],
      ['TimeZoneSidKey', 'pick', 'Time Zone', { values: ['GMT', 'America/Los_Angeles'] }],
      ['LanguageLocaleKey', 'pick', 'Language', { values: ['en_US'] }],
      ['OrganizationType', 'pick', 'Edition', { values: ['Team Edition', 'Professional Edition', 'Enterprise Edition', 'Developer Edition', 'Personal Edition', 'Unlimited Edition', 'Contact Manager Edition', 'Base Edition'] }],
      ['InstanceName', 'str', 'Instance Name', { len: 5 }],
      ['IsSandbox', 'bool', 'Is Sandbox'],
      ['NamespacePrefix', 'str', 'Namespace Prefix', { len: 15 }],
      ['TrialExpirationDate', 'dt', 'Trial Expiration Date'],
      ['FiscalYearStartMonth', 'int', 'Fiscal Year Starts In', { prec: 2 }],
      ['DefaultAccountAccess', 'pick', 'Default Account Access', { values: ['None', 'Read', 'Edit', 'ControlledByLeadOrContact', 'ControlledByCampaign', 'ControlledByParent', 'All'] }],
      ['DefaultOpportunityAccess', 'pick', 'Default Opportunity Access', { values: ['None', 'Read', 'Edit', 'ControlledByParent', 'All'] }],
      ['DefaultCaseAccess', 'pick', 'Default Case Access', { values: ['None', 'Read', 'Edit', 'ControlledByParent', 'All'] }],
      ['DefaultLeadAccess', 'pick', 'Default Lead Access', { values: ['None', 'Read', 'Edit', 'All'] }],
      ['DefaultContactAccess', 'pick', 'Default Contact Access', { values: ['None', 'Read', 'Edit', 'ControlledByParent'] }],
    ],
  },
  {
    name: 'AsyncApexJob', prefix: '707', label: 'Apex Job', plural: 'Apex Jobs', sharing: 'Read', readOnly: true, nameField: 'Id',
    fields: [
      ['JobType', 'pick', 'Job Type', { values: JOB_TYPES }],
      ['ApexClassId', 'ref', 'Apex Class ID', { to: 'ApexClass' }],
      ['Status', 'pick', 'Status', { values: ['Queued', 'Preparing', 'Processing', 'Aborted', 'Completed', 'Failed', 'Holding'] }],
      ['JobItemsProcessed', 'int', 'Batches Processed', { prec: 9 }],
      ['TotalJobItems', 'int', 'Total Batches', { prec: 9 }],
      ['NumberOfErrors', 'int', 'Failures', { prec: 9 }],
      ['CompletedDate', 'dt', 'Completion Date'],
      ['MethodName', 'str', 'Apex Method', { len: 255 }],
      ['ExtendedStatus', 'str', 'Status Detail', { len: 255 }],
      ['ParentJobId', 'ref', 'Parent Apex Job ID', { to: 'AsyncApexJob', rel: 'ParentJob' }],
      ['LastProcessed', 'str', 'Last Processed', { len: 15 }],
      ['LastProcessedOffset', 'int', 'Last Processed Offset', { prec: 9 }],
      ['CronTriggerId', 'ref', 'Scheduled Job ID', { to: 'CronTrigger' }],
    ],
  },
  {
    name: 'CronTrigger', prefix: '08e', label: 'Scheduled Jobs', plural: 'Scheduled Jobs', sharing: 'Read', readOnly: true, owner: ['User'], nameField: 'Id',
    fields: [
      ['CronJobDetailId', 'ref', 'Job ID', { to: 'CronJobDetail' }],
      ['NextFireTime', 'dt', 'Next Run Time'],
      ['PreviousFireTime', 'dt', 'Previous Run Time'],
      ['State', 'pick', 'Job State', { values: ['WAITING', 'ACQUIRED', 'EXECUTING', 'COMPLETE', 'ERROR', 'DELETED', 'PAUSED', 'BLOCKED', 'PAUSED_BLOCKED'] }],
      ['StartTime', 'dt', 'Start Time'],
      ['EndTime', 'dt', 'End Time'],
      ['CronExpression', 'str', 'Cron Expression', { len: 255 }],
      ['TimeZoneSidKey', 'pick', 'Time Zone', { values: ['GMT'] }],
      ['TimesTriggered', 'int', 'Times Triggered', { prec: 9 }],
    ],
  },
  {
    name: 'CronJobDetail', prefix: '08a', label: 'Job', plural: 'Jobs', sharing: 'Read', readOnly: true, audit: 'none',
    fields: [
      ['Name', 'str', 'Job Name', { len: 255, name: true }],
      ['JobType', 'pick', 'Job Type', { values: ['1', '3', '4', '6', '7', '8', '9', 'A'] }],
    ],
  },
  {
    // A virtual object: rows exist only as answers to `WHERE UserId = ... AND RecordId IN (...)`.
    // Describe reports no key prefix for it [UNVERIFIED]; the emulator uses an empty string.
    name: 'UserRecordAccess', prefix: '', label: 'User Record Access', plural: 'User Record Access', sharing: 'Read', readOnly: true, audit: 'none', nameField: 'Id',
    fields: [
      ['UserId', 'ref', 'User ID', { to: 'User' }],
      ['RecordId', 'str', 'Record ID', { len: 18 }],
      ['HasReadAccess', 'bool', 'Has Read Access'],
      ['HasEditAccess', 'bool', 'Has Edit Access'],
      ['HasDeleteAccess', 'bool', 'Has Delete Access'],
      ['HasTransferAccess', 'bool', 'Has Transfer Access'],
      ['HasAllAccess', 'bool', 'Has All Access'],
      ['MaxAccessLevel', 'pick', 'Max Access Level', { values: ['None', 'Read', 'Edit', 'Delete', 'Transfer', 'All'] }],
    ],
  },
  {
    name: 'FieldPermissions', prefix: '01k', label: 'Field Permissions', plural: 'Field Permissions', sharing: 'Read', readOnly: true, nameField: 'Id',
    fields: [
      ['ParentId', 'ref', 'Parent ID', { to: 'PermissionSet', rel: 'Parent', child: 'FieldPerms' }],
      ['SobjectType', 'pick', 'Sobject Type Name'],
      ['Field', 'str', 'Field Name', { len: 255 }],
      ['PermissionsEdit', 'bool', 'Edit Field'],
      ['PermissionsRead', 'bool', 'Read Field'],
    ],
  },
  {
    name: 'ObjectPermissions', prefix: '110', label: 'Object Permissions', plural: 'Object Permissions', sharing: 'Read', readOnly: true, nameField: 'Id',
    fields: [
      ['ParentId', 'ref', 'Parent ID', { to: 'PermissionSet', rel: 'Parent', child: 'ObjectPerms' }],
      ['SobjectType', 'pick', 'Sobject Type Name'],
      ['PermissionsCreate', 'bool', 'Create Records'],
      ['PermissionsRead', 'bool', 'Read Records'],
      ['PermissionsEdit', 'bool', 'Edit Records'],
      ['PermissionsDelete', 'bool', 'Delete Records'],
      ['PermissionsViewAllRecords', 'bool', 'View All Records'],
      ['PermissionsModifyAllRecords', 'bool', 'Modify All Records'],
    ],
  },
  {
    name: 'CustomPermission', prefix: '0CP', label: 'Custom Permission', plural: 'Custom Permissions', sharing: 'Read', readOnly: true, nameField: 'MasterLabel',
    fields: [
      ['DeveloperName', 'str', 'Name', { len: 80, req: true }],
      ['MasterLabel', 'str', 'Label', { len: 80, req: true, name: true }],
      ['NamespacePrefix', 'str', 'Namespace Prefix', { len: 15, ro: true }],
      ['Language', 'pick', 'Master Language', { values: ['en_US'] }],
      ['Description', 'text', 'Description', { len: 255 }],
      ['IsLicensed', 'bool', 'Requires License'],
      ['IsProtected', 'bool', 'Protected Component', { ro: true }],
    ],
  },
  {
    name: 'SetupEntityAccess', prefix: '0J0', label: 'Setup Entity Access', plural: 'Setup Entity Access', sharing: 'Read', readOnly: true, audit: 'modstamp', nameField: 'Id',
    fields: [
      ['ParentId', 'ref', 'Parent ID', { to: 'PermissionSet', rel: 'Parent', child: 'SetupEntityAccessItems' }],
      ['SetupEntityId', 'ref', 'Setup Entity ID', { to: ['ApexClass', 'ApexPage', 'CustomPermission', 'ConnectedApplication', 'TabSet'], rel: 'SetupEntity' }],
      ['SetupEntityType', 'pick', 'Setup Entity Type', { ro: true, values: ['ApexClass', 'ApexPage', 'CustomPermission', 'ConnectedApplication', 'TabSet'] }],
    ],
  },
];
