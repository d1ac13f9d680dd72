/**
 * The standard profiles of a new org, built once the objects are known (a project's
 * `profiles/Admin.profile-meta.xml` then merges over the built-in of that name).
 */
import { emptyContainer, STANDARD_PROFILE_LABELS } from './permission-container.js';
import type { ObjectPermissionDef, PermissionContainerDef, SObjectDef } from './types.js';

const ALL: ObjectPermissionDef = { allowRead: true, allowCreate: true, allowEdit: true, allowDelete: true, viewAllRecords: true, modifyAllRecords: true };
const CRUD: ObjectPermissionDef = { allowRead: true, allowCreate: true, allowEdit: true, allowDelete: true, viewAllRecords: false, modifyAllRecords: false };
const READ: ObjectPermissionDef = { allowRead: true, allowCreate: false, allowEdit: false, allowDelete: false, viewAllRecords: false, modifyAllRecords: false };

/** What a Standard User may do with the standard sales and service objects. */
const STANDARD_USER_OBJECTS: Readonly<Record<string, ObjectPermissionDef>> = {
  Account: CRUD, Contact: CRUD, Opportunity: CRUD, OpportunityLineItem: CRUD, Case: CRUD, Lead: CRUD,
  Contract: CRUD, Note: CRUD,
  // Activities have no object permissions in Salesforce (the EditTask/EditEvent user permissions govern
  // them); the emulator states that access as object permissions so one check covers every object.
  Task: CRUD, Event: CRUD,
  Campaign: READ, Product2: READ, Pricebook2: READ, PricebookEntry: READ, User: READ,
};

const BASE_USER_PERMISSIONS = ['ApiEnabled', 'RunReports', 'ExportReport', 'LightningExperienceUser', 'ChatterInternalUser', 'ActivitiesAccess', 'RunFlow'];

export function standardProfiles(objects: ReadonlyMap<string, SObjectDef>): PermissionContainerDef[] {
  const profile = (name: keyof typeof STANDARD_PROFILE_LABELS): PermissionContainerDef =>
    emptyContainer('Profile', name, STANDARD_PROFILE_LABELS[name] ?? name, 'standard', true);

  const admin = profile('Admin');
  for (const p of [
    ...BASE_USER_PERMISSIONS, 'ModifyAllData', 'ViewAllData', 'ViewSetup', 'CustomizeApplication', 'ManageUsers',
    'ViewAllUsers', 'AuthorApex', 'ManageProfilesPermissionsets', 'AssignPermissionSets', 'ManageRoles', 'ManageSharing',
    'ManageInternalUsers', 'ResetPasswords', 'EditTask', 'EditEvent', 'ConvertLeads', 'TransferAnyEntity', 'TransferAnyLead',
    'TransferAnyCase', 'ManageDashboards', 'ManageFlow', 'ViewRoles', 'ActivateContract', 'ViewEncryptedData',
  ]) admin.userPermissions.add(p);
  // In a real org, fields deployed without field-level security are hidden even from administrators
  // [UNVERIFIED: widely reported]. The emulator grants the System Administrator every field so that an
  // org built from source alone is usable; a project's Admin profile file can still take access away.
  for (const object of objects.values()) {
    if (object.tooling) continue;
    admin.objectPermissions.set(object.name.toLowerCase(), { ...ALL });
    grantFields(admin, object, true);
  }

  const standard = profile('Standard');
  for (const p of [...BASE_USER_PERMISSIONS, 'EditTask', 'EditEvent', 'ConvertLeads']) standard.userPermissions.add(p);
  for (const [name, access] of Object.entries(STANDARD_USER_OBJECTS)) {
    const object = objects.get(name.toLowerCase());
    if (!object) continue;
    standard.objectPermissions.set(name.toLowerCase(), { ...access });
    grantFields(standard, object, access.allowEdit, true);
  }

  const readOnly = profile('ReadOnly');
  for (const p of BASE_USER_PERMISSIONS) readOnly.userPermissions.add(p);
  for (const name of Object.keys(STANDARD_USER_OBJECTS)) {
    const object = objects.get(name.toLowerCase());
    if (!object) continue;
    readOnly.objectPermissions.set(name.toLowerCase(), { ...READ });
    grantFields(readOnly, object, false, true);
  }

  // Minimum Access - Salesforce: API access and nothing else (Salesforce's recommended base for permission-set-led access).
  const minimum = profile('MinimumAccess');
  minimum.userPermissions.add('ApiEnabled');

  return [admin, standard, readOnly, minimum];
}

/** Read (and edit, where the field is writable at all) on the object's FLS-controlled fields. */
function grantFields(container: PermissionContainerDef, object: SObjectDef, edit: boolean, standardOnly = false): void {
  for (const field of object.fields.values()) {
    if (!field.permissionable || (standardOnly && field.custom)) continue;
    container.fieldPermissions.set(`${object.name}.${field.name}`.toLowerCase(), {
      readable: true,
      editable: edit && (field.createable || field.updateable),
    });
  }
}
