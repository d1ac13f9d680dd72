/**
 * Profiles (built-in and from files), permission sets and groups, custom permissions, roles, connected
 * apps and layouts.
 */
import { test, expect } from '@playwright/test';
import { loadOrgSchema } from '../../../emulator/metadata/load-project.js';
import { applyGroupGrants } from '../../../emulator/metadata/muting-permission-set.js';
import { emptyContainer, mergePermissionFile, PERMISSION_REPEATABLE } from '../../../emulator/metadata/permission-container.js';
import { parseMetadataXml } from '../../../emulator/metadata/xml.js';
import type { OrgSchema } from '../../../emulator/metadata/types.js';
import { findProfile } from '../../../emulator/metadata/users.js';
import { fixture } from './fixture-paths.js';

let schema: OrgSchema;
test.beforeAll(() => {
  schema = loadOrgSchema({ source: fixture('basic') });
});

test('the four standard profiles exist with Salesforce labels and stable 00e ids', () => {
  const labels = Object.fromEntries([...schema.profiles.values()].filter((p) => p.builtIn).map((p) => [p.name, p.label]));
  expect(labels).toEqual({ Admin: 'System Administrator', Standard: 'Standard User', ReadOnly: 'Read Only', MinimumAccess: 'Minimum Access - Salesforce' });
  expect(schema.profiles.get('admin')?.id).toMatch(/^00e[0-9A-Za-z]{15}$/);
  expect(loadOrgSchema({ source: fixture('basic') }).profiles.get('admin')?.id).toBe(schema.profiles.get('admin')?.id);
});

test('System Administrator: admin permissions, all access to every object including custom ones, FLS on custom fields', () => {
  const admin = schema.profiles.get('admin');
  for (const p of ['ModifyAllData', 'ViewAllData', 'ViewSetup', 'ApiEnabled', 'CustomizeApplication', 'ManageUsers']) {
    expect(admin?.userPermissions.has(p), p).toBe(true);
  }
  expect(admin?.objectPermissions.get('invoice__c')).toEqual({ allowRead: true, allowCreate: true, allowEdit: true, allowDelete: true, viewAllRecords: true, modifyAllRecords: true });
  expect(admin?.fieldPermissions.get('invoice__c.notes__c')).toEqual({ readable: true, editable: true });
  // Formula fields are readable, never editable.
  expect(admin?.fieldPermissions.get('invoice__c.amount_with_tax__c')).toEqual({ readable: true, editable: false });
  // Tooling objects are not governed by object permissions.
  expect(admin?.objectPermissions.has('flowdefinition')).toBe(false);
});

test("a project's Admin.profile-meta.xml merges over the built-in: disables, adds, assigns layouts and record types", () => {
  const admin = schema.profiles.get('admin');
  expect(admin?.userPermissions.has('ViewEncryptedData')).toBe(false);
  expect(admin?.userPermissions.has('ManageCustomPermissions')).toBe(true);
  expect(admin?.layoutAssignments.get('invoice__c')).toBe('Invoice__c-Invoice Layout');
  expect(admin?.layoutAssignments.get('invoice__c.standard_invoice')).toBe('Invoice__c-Invoice Layout');
  expect(admin?.recordTypeVisibilities.get('invoice__c.standard_invoice')).toEqual({ visible: true, isDefault: true });
  expect(admin?.builtIn).toBe(true);
});

test('Standard User: CRUD on sales objects without view-all, no custom objects; Minimum Access: API only', () => {
  const standard = schema.profiles.get('standard');
  expect(standard?.objectPermissions.get('opportunity')).toMatchObject({ allowCreate: true, allowEdit: true, viewAllRecords: false, modifyAllRecords: false });
  expect(standard?.objectPermissions.get('campaign')).toMatchObject({ allowRead: true, allowCreate: false });
  expect(standard?.objectPermissions.has('invoice__c')).toBe(false);
  expect(standard?.fieldPermissions.get('opportunity.amount')).toEqual({ readable: true, editable: true });
  expect(standard?.fieldPermissions.get('opportunity.expectedrevenue')).toEqual({ readable: true, editable: false });
  expect(standard?.fieldPermissions.has('opportunity.discount__c')).toBe(false);
  expect(standard?.userPermissions.has('ModifyAllData')).toBe(false);
  const readOnly = schema.profiles.get('readonly');
  expect(readOnly?.objectPermissions.get('account')).toMatchObject({ allowRead: true, allowEdit: false });
  expect(readOnly?.fieldPermissions.get('account.phone')).toEqual({ readable: true, editable: false });
  const minimum = schema.profiles.get('minimumaccess');
  expect([...(minimum?.userPermissions ?? [])]).toEqual(['ApiEnabled']);
  expect(minimum?.objectPermissions.size).toBe(0);
});

test('a custom profile keeps its URL-decoded name as label and is found by label or name', () => {
  const sales = schema.profiles.get('custom: sales profile');
  expect(sales).toMatchObject({ name: 'Custom: Sales Profile', label: 'Custom: Sales Profile', builtIn: false, kind: 'Profile' });
  expect(sales?.fieldPermissions.get('invoice__c.notes__c')).toEqual({ readable: true, editable: false });
  expect(findProfile(schema, 'Standard User')?.name).toBe('Standard');
  expect(findProfile(schema, 'system administrator')?.name).toBe('Admin');
  expect(findProfile(schema, 'Custom: Sales Profile')?.name).toBe('Custom: Sales Profile');
  expect(findProfile(schema, 'Nobody')).toBeUndefined();
});

test('permission sets and permission set groups', () => {
  const clerk = schema.permissionSets.get('invoice_clerk');
  expect(clerk).toMatchObject({ kind: 'PermissionSet', label: 'Invoice Clerk', builtIn: false });
  expect(clerk?.customPermissions.has('Discount_Exempt')).toBe(true);
  expect(clerk?.recordTypeVisibilities.get('invoice__c.standard_invoice')).toEqual({ visible: true, isDefault: false });
  const finance = schema.permissionSets.get('finance');
  expect(finance).toMatchObject({ kind: 'PermissionSetGroup', label: 'Finance', members: ['Invoice_Clerk', 'Invoice_Approver'] });
  expect(finance?.id).toMatch(/^0PG/);
});

test('custom permissions, roles and connected apps', () => {
  expect(schema.customPermissions.get('discount_exempt')).toMatchObject({ name: 'Discount_Exempt', label: 'Discount Exempt' });
  expect(schema.customPermissions.get('discount_exempt')?.id).toMatch(/^0CP/);
  expect(schema.roles.get('ceo')).toMatchObject({ name: 'CEO', label: 'Chief Executive', parentRole: undefined });
  expect(schema.roles.get('sales_manager')).toMatchObject({ label: 'Sales Manager', parentRole: 'CEO' });
  expect(schema.roles.get('ceo')?.id).toMatch(/^00E/);
  const app = schema.connectedApps.get('postflight_ci');
  expect(app).toMatchObject({ label: 'Postflight CI', consumerKey: '3MVG9postflight', consumerSecret: 's3cret', oauthClientCredentialUser: 'integration@example.com' });
  expect(app?.certificate).toBe('-----BEGIN CERTIFICATE-----\nMIIBfake\n-----END CERTIFICATE-----');
});

test('layouts: sections with columns of field items (blank spaces skipped) and related lists', () => {
  const layout = schema.layouts.get('invoice__c-invoice layout');
  expect(layout?.object).toBe('Invoice__c');
  expect(layout?.sections.map((s) => s.label)).toEqual(['Information', 'Notes']);
  expect(layout?.sections[0]?.columns).toEqual([
    [{ field: 'Name', behavior: 'Readonly' }, { field: 'Amount__c', behavior: 'Required' }],
    [{ field: 'Status__c', behavior: 'Edit' }],
  ]);
  expect(layout?.relatedLists).toEqual([
    { relatedList: 'Invoice_Lines__r', fields: ['NAME', 'Line_Amount__c'] },
    { relatedList: 'RelatedActivityList', fields: [] },
  ]);
});

test('<customMetadataTypeAccesses>: a later file can take the grant away; a permission set group grants what its members grant', () => {
  const xml = (entries: string): string => `<?xml version="1.0" encoding="UTF-8"?><PermissionSet xmlns="http://soap.sforce.com/2006/04/metadata">${entries}<label>Readers</label></PermissionSet>`;
  const access = (name: string, enabled: boolean): string => `<customMetadataTypeAccesses><enabled>${enabled}</enabled><name>${name}</name></customMetadataTypeAccesses>`;
  const readers = emptyContainer('PermissionSet', 'Readers', 'Readers', 'test');
  mergePermissionFile(readers, parseMetadataXml(xml(access('Job_Setting__mdt', true) + access('Rate__mdt', true)), 'Readers', 'PermissionSet', PERMISSION_REPEATABLE), 'Readers');
  expect([...readers.customMetadataTypes].sort()).toEqual(['job_setting__mdt', 'rate__mdt']);
  // An overlay's file disables one.
  mergePermissionFile(readers, parseMetadataXml(xml(access('Rate__mdt', false)), 'overlay', 'PermissionSet', PERMISSION_REPEATABLE), 'overlay');
  expect([...readers.customMetadataTypes]).toEqual(['job_setting__mdt']);
  const group = emptyContainer('PermissionSetGroup', 'Team', 'Team', 'test');
  applyGroupGrants(group, [readers, emptyContainer('PermissionSet', 'Other', 'Other', 'test')], []);
  expect([...group.customMetadataTypes]).toEqual(['job_setting__mdt']);
});
