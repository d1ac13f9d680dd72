/**
 * Overlays layer project folders on top of the base: a field file replaces the field, an object file
 * replaces object-level settings, permission set entries merge, and `<file>.deleted` removes a component.
 */
import { test, expect } from '@playwright/test';
import { loadOrgSchema } from '../../../emulator/metadata/load-project.js';
import type { OrgSchema } from '../../../emulator/metadata/types.js';
import { fixture } from './fixture-paths.js';

let base: OrgSchema;
let layered: OrgSchema;
test.beforeAll(() => {
  base = loadOrgSchema({ source: fixture('basic') });
  layered = loadOrgSchema({ source: fixture('basic'), overlays: [fixture('overlay')] });
});

test('a field file in an overlay replaces the whole field', () => {
  expect(base.objects.get('invoice__c')?.fields.get('amount__c')).toMatchObject({ label: 'Amount', precision: 16, nillable: false });
  expect(layered.objects.get('invoice__c')?.fields.get('amount__c')).toMatchObject({
    label: 'Net Amount', precision: 18, scale: 0, nillable: true, source: 'overlay/objects/Invoice__c/fields/Amount__c.field-meta.xml',
  });
  // Replaced, not merged: the help text of the base file is gone.
  expect(layered.objects.get('invoice__c')?.fields.get('amount__c')?.inlineHelpText).toBeUndefined();
});

test('an overlay can add a field and delete one with a .deleted marker', () => {
  expect(layered.objects.get('invoice__c')?.fields.get('reviewed__c')?.type).toBe('boolean');
  expect(base.objects.get('invoice__c')?.fields.has('notes__c')).toBe(true);
  expect(layered.objects.get('invoice__c')?.fields.has('notes__c')).toBe(false);
});

test('an object file in an overlay replaces object-level settings and keeps the fields', () => {
  const invoice = layered.objects.get('invoice__c');
  expect(invoice).toMatchObject({ label: 'Bill', labelPlural: 'Bills', sharingModel: 'ReadWrite' });
  expect(invoice?.fields.get('name')).toMatchObject({ label: 'Bill Number', displayFormat: 'BILL-{0000}' });
  expect(invoice?.fields.has('status__c')).toBe(true);
  expect(invoice?.keyPrefix).toBe(base.objects.get('invoice__c')?.keyPrefix);
});

test('an overlay replaces a validation rule (here: deactivates it)', () => {
  expect(base.objects.get('invoice__c')?.validationRules[0]?.active).toBe(true);
  expect(layered.objects.get('invoice__c')?.validationRules[0]?.active).toBe(false);
});

test('permission set entries merge over the base entries', () => {
  const clerk = layered.permissionSets.get('invoice_clerk');
  expect(clerk?.label).toBe('Invoice Clerk (regression)');
  // Kept from the base file.
  expect(clerk?.fieldPermissions.get('invoice__c.amount__c')).toEqual({ readable: true, editable: true });
  expect(clerk?.objectPermissions.get('invoice__c')?.allowCreate).toBe(true);
  // Added by the overlay.
  expect(clerk?.fieldPermissions.get('invoice__c.reviewed__c')).toEqual({ readable: true, editable: true });
  // Switched off by the overlay.
  expect(base.permissionSets.get('invoice_clerk')?.customPermissions.has('Discount_Exempt')).toBe(true);
  expect(clerk?.customPermissions.has('Discount_Exempt')).toBe(false);
  expect(clerk?.id).toBe(base.permissionSets.get('invoice_clerk')?.id);
});

test('deleting a flow and a whole object (with its fields)', () => {
  expect(base.flows.has('collect_feedback')).toBe(true);
  expect(layered.flows.has('collect_feedback')).toBe(false);
  expect(base.objects.has('feature_flag__mdt')).toBe(true);
  expect(layered.objects.has('feature_flag__mdt')).toBe(false);
});

test('the base schema is not changed by loading an overlay (each load builds fresh objects)', () => {
  const again = loadOrgSchema({ source: fixture('basic') });
  expect(again.objects.get('invoice__c')?.label).toBe('Invoice');
  expect(again.objects.get('task')?.fields.get('whatid')?.referenceTo?.filter((t) => t === 'Invoice__c')).toHaveLength(1);
});
