/**
 * Metadata field types map to the types describe reports (reference §4.2), with lengths, precision,
 * required-ness, defaults, formulas, roll-ups, relationships and compound parts.
 */
import { test, expect } from '@playwright/test';
import { loadOrgSchema } from '../../../emulator/metadata/load-project.js';
import type { FieldDef, OrgSchema } from '../../../emulator/metadata/types.js';
import { fixture } from './fixture-paths.js';

let schema: OrgSchema;
test.beforeAll(() => {
  schema = loadOrgSchema({ source: fixture('basic') });
});

function field(object: string, name: string): FieldDef {
  const def = schema.objects.get(object.toLowerCase())?.fields.get(name.toLowerCase());
  if (!def) throw new Error(`missing ${object}.${name}`);
  return def;
}

test('a required currency field is never null, not FLS-controlled, and keeps precision, scale and help text', () => {
  expect(field('Invoice__c', 'Amount__c')).toMatchObject({
    type: 'currency', precision: 16, scale: 2, length: 0, nillable: false, permissionable: false,
    defaultedOnCreate: false, createable: true, updateable: true, custom: true, inlineHelpText: 'Total before tax',
  });
});

test('picklists: values in order, default marks defaultedOnCreate, inactive values kept as inactive, restricted flag', () => {
  const status = field('Invoice__c', 'Status__c');
  expect(status.type).toBe('picklist');
  expect(status.length).toBe(255);
  expect(status.restrictedPicklist).toBe(true);
  expect(status.defaultedOnCreate).toBe(true);
  expect(status.picklistValues).toEqual([
    { value: 'Draft', label: 'Draft', isDefault: true, active: true },
    { value: 'Sent', label: 'Sent', isDefault: false, active: true },
    { value: 'Paid (Final)', label: 'Paid (Final)', isDefault: false, active: true },
    { value: 'Void', label: 'Void', isDefault: false, active: false },
  ]);
});

test('a multi-select picklist bound to a global value set takes its values and is restricted', () => {
  const region = field('Invoice__c', 'Region__c');
  expect(region.type).toBe('multipicklist');
  expect(region.restrictedPicklist).toBe(true);
  expect(region.picklistValues?.map((v) => [v.value, v.label])).toEqual([['EMEA', 'Europe, Middle East, Africa'], ['AMER', 'Americas']]);
});

test('lookup: canonical referenceTo, __r relationship names, Restrict delete constraint', () => {
  expect(field('Invoice__c', 'Account__c')).toMatchObject({
    type: 'reference', length: 18, referenceTo: ['Account'], relationshipName: 'Account__r', childRelationshipName: 'Invoices__r',
    relationshipType: 'lookup', cascadeDelete: false, restrictedDelete: true, nillable: true,
  });
  expect(field('Contact', 'Invoice__c')).toMatchObject({ referenceTo: ['Invoice__c'], childRelationshipName: 'Contacts__r' });
});

test('master-detail: required, cascade delete, not reparentable unless the file says so, detail loses OwnerId', () => {
  expect(field('Invoice_Line__c', 'Invoice__c')).toMatchObject({
    relationshipType: 'masterDetail', nillable: false, permissionable: false, cascadeDelete: true, updateable: false, createable: true,
  });
  const line = schema.objects.get('invoice_line__c');
  expect(line?.fields.has('ownerid')).toBe(false);
  expect(line?.sharingModel).toBe('ControlledByParent');
});

test('long text area and text: textarea with the declared length; text with unique/external id/default formula', () => {
  expect(field('Invoice__c', 'Notes__c')).toMatchObject({ type: 'textarea', length: 32768 });
  expect(field('Invoice__c', 'Code__c')).toMatchObject({
    type: 'string', length: 20, unique: true, externalId: true, caseSensitive: false, defaultValueFormula: '"INV"', defaultedOnCreate: true,
  });
});

test('formulas are calculated, read-only, keep their decoded source and result type', () => {
  expect(field('Invoice__c', 'Amount_With_Tax__c')).toMatchObject({
    type: 'currency', calculated: true, createable: false, updateable: false, formula: 'Amount__c * 1.2',
    formulaTreatBlanksAsZero: true, precision: 18, scale: 2,
  });
  // XML entities are decoded: &amp; &apos; &lt; &gt;.
  expect(field('Invoice__c', 'Summary_Text__c')).toMatchObject({ type: 'string', length: 1300, formula: "Name & ' <> ' & TEXT(Status__c)" });
});

test('checkbox: boolean, never null, defaulted, default value kept as a formula', () => {
  expect(field('Invoice__c', 'Paid__c')).toMatchObject({ type: 'boolean', nillable: false, defaultedOnCreate: true, defaultValueFormula: 'true' });
  expect(field('Release_Settings__c', 'Enabled__c').defaultValueFormula).toBe('false');
});

test('roll-ups: sum takes the summarised field type; count is a number; filters are relative to the child', () => {
  const sum = field('Invoice__c', 'Line_Total__c');
  expect(sum).toMatchObject({ type: 'currency', precision: 14, scale: 2, createable: false, updateable: false, calculated: true });
  expect(sum.rollup).toEqual({ operation: 'sum', childObject: 'Invoice_Line__c', foreignKey: 'Invoice__c', summarizedField: 'Line_Amount__c', filters: [] });
  const count = field('Invoice__c', 'Open_Line_Count__c');
  expect(count).toMatchObject({ type: 'double', precision: 18, scale: 0 });
  expect(count.rollup?.filters).toEqual([{ field: 'State__c', operation: 'notEqual', value: 'Closed, Cancelled' }]);
});

test('location: a read-only compound plus __Latitude__s/__Longitude__s parts', () => {
  expect(field('Invoice__c', 'Site__c')).toMatchObject({ type: 'location', createable: false });
  expect(field('Invoice__c', 'Site__Latitude__s')).toMatchObject({ type: 'double', scale: 6, compoundFieldName: 'Site__c', createable: true });
  expect(field('Invoice__c', 'Site__Longitude__s').compoundFieldName).toBe('Site__c');
});

test('auto-number name field: read-only, defaulted, with display format; custom object audit fields in describe order', () => {
  const invoice = schema.objects.get('invoice__c');
  expect(invoice?.nameField).toBe('Name');
  expect(field('Invoice__c', 'Name')).toMatchObject({ label: 'Invoice Number', autoNumber: true, displayFormat: 'INV-{0000}', createable: false, nameField: true, length: 30 });
  const names = [...(invoice?.fields.values() ?? [])].map((f) => f.name);
  expect(names.slice(0, 13)).toEqual([
    'Id', 'OwnerId', 'IsDeleted', 'RecordTypeId', 'Name', 'CreatedDate', 'CreatedById', 'LastModifiedDate', 'LastModifiedById',
    'SystemModstamp', 'LastActivityDate', 'LastViewedDate', 'LastReferencedDate',
  ]);
  // Custom fields follow in name order, whichever package directory declared them.
  expect(names).toContain('Due_Date__c');
  expect(field('Invoice__c', 'OwnerId')).toMatchObject({ referenceTo: ['Group', 'User'], nillable: false, defaultedOnCreate: true, permissionable: false });
  expect(field('Invoice_Line__c', 'Name')).toMatchObject({ type: 'string', length: 80, nillable: false, autoNumber: false });
});

test('custom settings and custom metadata types', () => {
  const settings = schema.objects.get('release_settings__c');
  expect(settings).toMatchObject({ customSetting: true, customSettingsType: 'Hierarchy', customMetadata: false });
  expect(settings?.fields.has('setupownerid')).toBe(true);
  expect(settings?.fields.has('ownerid')).toBe(false);
  const flag = schema.objects.get('feature_flag__mdt');
  expect(flag).toMatchObject({ customMetadata: true, readOnly: true, nameField: 'MasterLabel', keyPrefix: 'm00' });
  expect(flag?.fields.has('developername')).toBe(true);
});

test('key prefixes: a00, a01, ... in name order; custom metadata types m00, ...', () => {
  const prefixes = Object.fromEntries([...schema.objects.values()].filter((o) => o.custom).map((o) => [o.name, o.keyPrefix]));
  expect(prefixes).toEqual({ Invoice__c: 'a00', Invoice_Line__c: 'a01', Release_Settings__c: 'a02', Feature_Flag__mdt: 'm00' });
});

test('an object with activities enabled becomes a What target of Task and Event', () => {
  expect(field('Task', 'WhatId').referenceTo).toContain('Invoice__c');
  expect(field('Event', 'WhatId').referenceTo).toContain('Invoice__c');
  expect(field('Task', 'WhatId').referenceTo).not.toContain('Invoice_Line__c');
});

test('standard field files customise the built-in field; unknown standard fields are listed as degraded, not fatal', () => {
  const type = field('Account', 'Type');
  expect(type.custom).toBe(false);
  expect(type.inlineHelpText).toBe('What kind of account');
  expect(type.picklistValues?.map((v) => v.value)).toEqual(['Customer', 'Partner']);
  expect(schema.degraded?.filter((p) => p.unsupported === 'a standard field the emulator does not model')).toEqual([
    expect.objectContaining({ file: expect.stringMatching(/objects\/Account\/fields\/\w+\.field-meta\.xml$/), component: expect.stringMatching(/^CustomField Account\./) }),
  ]);
  expect(schema.objects.get('account')?.sharingModel).toBe('Private');
});

test('a standard value set replaces the values of its standard picklist', () => {
  const stage = field('Opportunity', 'StageName');
  expect(stage.picklistValues?.map((v) => v.value)).toEqual(['Discovery', 'Closed Won', 'Closed Lost']);
  expect(stage.picklistValues?.[0]?.isDefault).toBe(true);
});

test('record types: ids, active flag, decoded picklist subsets, RecordTypeId added', () => {
  const invoice = schema.objects.get('invoice__c');
  const standard = invoice?.recordTypes.get('standard_invoice');
  expect(standard).toMatchObject({ developerName: 'Standard_Invoice', label: 'Standard Invoice', active: true });
  expect(standard?.picklistValues.get('status__c')).toEqual(['Draft', 'Paid (Final)']);
  expect(invoice?.recordTypes.get('credit_note')?.active).toBe(false);
  expect(field('Invoice__c', 'RecordTypeId')).toMatchObject({ type: 'reference', referenceTo: ['RecordType'], relationshipName: 'RecordType', defaultedOnCreate: true });
  expect(schema.objects.get('invoice_line__c')?.fields.has('recordtypeid')).toBe(false);
});

test('validation rules: error display field and description', () => {
  expect(schema.objects.get('invoice__c')?.validationRules).toEqual([expect.objectContaining({
    fullName: 'Invoice__c.Amount_Positive', active: true, errorConditionFormula: 'Amount__c < 0',
    errorMessage: 'Amount must be zero or more.', errorDisplayField: 'Amount__c', description: 'No negative invoices.',
  })]);
});
