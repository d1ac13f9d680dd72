/**
 * The built-in objects answer like a new Enterprise org: key prefixes (reference §9.3), required
 * fields (reference §4.2), names, relationships, polymorphic lookups and standard picklists.
 */
import { test, expect } from '@playwright/test';
import { builtInObjects } from '../../../emulator/metadata/assemble-objects.js';
import type { FieldDef, SObjectDef } from '../../../emulator/metadata/types.js';

const objects = builtInObjects();

function object(name: string): SObjectDef {
  const def = objects.get(name.toLowerCase());
  if (!def) throw new Error(`missing ${name}`);
  return def;
}
function field(objectName: string, name: string): FieldDef {
  const def = object(objectName).fields.get(name.toLowerCase());
  if (!def) throw new Error(`missing ${objectName}.${name}`);
  return def;
}
/** Describe's rule for "required on create". */
function requiredOnCreate(o: SObjectDef): string[] {
  return [...o.fields.values()].filter((f) => f.createable && !f.nillable && !f.defaultedOnCreate).map((f) => f.name);
}

const PREFIXES: [string, string][] = [
  ['Account', '001'], ['Contact', '003'], ['Opportunity', '006'], ['Case', '500'], ['Lead', '00Q'], ['Task', '00T'],
  ['Event', '00U'], ['User', '005'], ['Contract', '800'], ['Campaign', '701'], ['Product2', '01t'], ['Pricebook2', '01s'],
  ['PricebookEntry', '01u'], ['OpportunityLineItem', '00k'], ['Note', '002'], ['Profile', '00e'], ['PermissionSet', '0PS'],
  ['PermissionSetAssignment', '0Pa'], ['Group', '00G'], ['GroupMember', '011'], ['UserRole', '00E'], ['RecordType', '012'],
  ['Organization', '00D'], ['AsyncApexJob', '707'], ['CronTrigger', '08e'], ['FlowDefinition', '300'], ['Flow', '301'],
  ['ValidationRule', '03d'], ['ApexClass', '01p'], ['CustomPermission', '0CP'],
];
for (const [name, prefix] of PREFIXES) {
  test(`${name} has key prefix ${prefix}`, () => {
    expect(object(name).keyPrefix).toBe(prefix);
  });
}

const REQUIRED: [string, string[]][] = [
  ['Account', ['Name']],
  ['Contact', ['LastName']],
  ['Lead', ['LastName', 'Company']],
  ['Opportunity', ['Name', 'StageName', 'CloseDate']],
  ['Case', []],
  ['Task', []],
  // PermissionSetId or PermissionSetGroupId: either may name what is assigned.
  ['PermissionSetAssignment', ['AssigneeId']],
];
for (const [name, required] of REQUIRED) {
  test(`${name} requires exactly ${required.join(', ') || 'nothing'} on create`, () => {
    expect(requiredOnCreate(object(name)).sort()).toEqual([...required].sort());
  });
}

test('every object starts with Id; audit fields are read-only, never null and not FLS-controlled', () => {
  for (const o of objects.values()) {
    expect([...o.fields.keys()][0], o.name).toBe('id');
  }
  for (const name of ['CreatedDate', 'CreatedById', 'LastModifiedDate', 'LastModifiedById', 'SystemModstamp', 'IsDeleted']) {
    expect(field('Account', name)).toMatchObject({ createable: false, updateable: false, nillable: false, permissionable: false });
  }
  expect(field('Account', 'CreatedById')).toMatchObject({ referenceTo: ['User'], relationshipName: 'CreatedBy' });
  expect(field('Account', 'Id')).toMatchObject({ type: 'id', label: 'Account ID', length: 18 });
});

test('names: Name, CaseNumber auto-number, Subject, compound person names', () => {
  expect(object('Account').nameField).toBe('Name');
  expect(field('Account', 'Name')).toMatchObject({ label: 'Account Name', length: 255, nameField: true });
  expect(object('Case').nameField).toBe('CaseNumber');
  expect(field('Case', 'CaseNumber')).toMatchObject({ autoNumber: true, createable: false });
  expect(object('Task').nameField).toBe('Subject');
  expect(field('Task', 'Subject').type).toBe('combobox');
  expect(field('Contact', 'Name')).toMatchObject({ createable: false, updateable: false, nameField: true, length: 121 });
  expect(field('Contact', 'FirstName').compoundFieldName).toBe('Name');
  expect(field('Lead', 'LastName').compoundFieldName).toBe('Name');
  expect(field('Account', 'BillingCity').compoundFieldName).toBe('BillingAddress');
  expect(field('Account', 'BillingAddress')).toMatchObject({ type: 'address', createable: false });
});

test('relationships and child relationship names', () => {
  expect(field('Contact', 'AccountId')).toMatchObject({ referenceTo: ['Account'], relationshipName: 'Account', childRelationshipName: 'Contacts' });
  expect(field('Opportunity', 'AccountId').childRelationshipName).toBe('Opportunities');
  expect(field('Case', 'AccountId').childRelationshipName).toBe('Cases');
  expect(field('OpportunityLineItem', 'OpportunityId')).toMatchObject({ childRelationshipName: 'OpportunityLineItems', cascadeDelete: true, updateable: false });
  expect(field('Account', 'ParentId')).toMatchObject({ relationshipName: 'Parent', childRelationshipName: 'ChildAccounts' });
});

test('polymorphic lookups: What/Who on activities, Group-or-User owners on Lead and Case', () => {
  expect(field('Task', 'WhatId')).toMatchObject({ relationshipName: 'What', polymorphicForeignKey: true });
  expect(field('Task', 'WhatId').referenceTo).toEqual(expect.arrayContaining(['Account', 'Opportunity', 'Case']));
  expect(field('Event', 'WhoId')).toMatchObject({ referenceTo: ['Contact', 'Lead'], relationshipName: 'Who' });
  expect(field('Lead', 'OwnerId').referenceTo).toEqual(['Group', 'User']);
  expect(field('Case', 'OwnerId')).toMatchObject({ referenceTo: ['Group', 'User'], polymorphicForeignKey: true, relationshipName: 'Owner' });
  expect(field('Account', 'OwnerId')).toMatchObject({ referenceTo: ['User'], nillable: false, defaultedOnCreate: true });
  expect(object('Product2').fields.has('ownerid')).toBe(false);
});

test('standard picklists carry the standard values and defaults', () => {
  expect(field('Opportunity', 'StageName').picklistValues?.map((v) => v.value)).toEqual([
    'Prospecting', 'Qualification', 'Needs Analysis', 'Value Proposition', 'Id. Decision Makers',
    'Perception Analysis', 'Proposal/Price Quote', 'Negotiation/Review', 'Closed Won', 'Closed Lost',
  ]);
  expect(field('Case', 'Status').picklistValues?.find((v) => v.isDefault)?.value).toBe('New');
  expect(field('Case', 'Priority').picklistValues?.find((v) => v.isDefault)?.value).toBe('Medium');
  expect(field('Case', 'Origin').picklistValues?.map((v) => v.value)).toEqual(['Phone', 'Email', 'Web']);
  expect(field('Lead', 'Status').picklistValues?.find((v) => v.isDefault)?.value).toBe('Open - Not Contacted');
  expect(field('Task', 'Priority').picklistValues?.map((v) => v.value)).toEqual(['High', 'Normal', 'Low']);
  expect(field('Account', 'Industry').picklistValues?.length).toBe(32);
});

test('sharing defaults of a new org; Contact controlled by parent', () => {
  expect(object('Account').sharingModel).toBe('ReadWrite');
  expect(object('Contact').sharingModel).toBe('ControlledByParent');
  expect(object('Lead').sharingModel).toBe('ReadWriteTransfer');
  expect(object('Case').sharingModel).toBe('ReadWriteTransfer');
});

test('system objects: Organization read-only, PermissionSetAssignment writable, tooling objects flagged', () => {
  expect(object('Organization')).toMatchObject({ readOnly: true, tooling: false });
  expect(field('Organization', 'IsSandbox').type).toBe('boolean');
  expect(object('PermissionSetAssignment').readOnly).toBe(false);
  expect(object('PermissionSetAssignment').fields.has('createddate')).toBe(false);
  for (const name of ['FlowDefinition', 'Flow', 'ValidationRule', 'ApexClass', 'EntityDefinition', 'FieldDefinition']) {
    expect(object(name).tooling, name).toBe(true);
  }
  expect(field('FlowDefinition', 'ActiveVersionId')).toMatchObject({ referenceTo: ['Flow'], relationshipName: 'ActiveVersion' });
  expect(field('FlowDefinition', 'Metadata')).toMatchObject({ type: 'anyType', updateable: true, createable: false });
  expect(field('UserRecordAccess', 'HasEditAccess').type).toBe('boolean');
  expect(field('FieldPermissions', 'ParentId').referenceTo).toEqual(['PermissionSet']);
});

test('every reference of a built-in object points at an object (or a documented outside entity)', () => {
  const outside = new Set(['userlicense', 'permissionsetlicense', 'businessprocess', 'apexpage', 'connectedapplication', 'tabset']);
  for (const o of objects.values()) {
    for (const f of o.fields.values()) {
      for (const target of f.referenceTo ?? []) {
        expect(objects.has(target.toLowerCase()) || outside.has(target.toLowerCase()), `${o.name}.${f.name} -> ${target}`).toBe(true);
      }
    }
  }
});
