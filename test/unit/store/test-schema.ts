/**
 * A small hand-built org schema for store and SOQL tests: User, Group, Account, Contact (controlled by
 * its Account), Opportunity and Task (polymorphic What and Owner), with the relationship names a real
 * org uses.
 */
import type { FieldDef, FieldType, OrgSchema, SObjectDef, SharingModel } from '../../../emulator/metadata/types.js';

export function field(name: string, type: FieldType, extra: Partial<FieldDef> = {}): FieldDef {
  return {
    name, label: name, type, custom: name.endsWith('__c'), length: type === 'string' ? 255 : 0, precision: 18, scale: 2,
    nillable: true, defaultedOnCreate: false, createable: true, updateable: true, permissionable: true, unique: false,
    externalId: false, caseSensitive: false, nameField: false, autoNumber: false, restrictedPicklist: false,
    cascadeDelete: false, formulaTreatBlanksAsZero: false, source: 'test', ...extra,
  };
}

function reference(name: string, referenceTo: string[], relationshipName: string, childRelationshipName?: string): FieldDef {
  return field(name, 'reference', { referenceTo, relationshipName, childRelationshipName });
}

export function object(name: string, keyPrefix: string, fields: FieldDef[], sharingModel: SharingModel = 'ReadWrite', nameField = 'Name'): SObjectDef {
  const all = [field('Id', 'id'), field('IsDeleted', 'boolean'), ...fields];
  return {
    name, label: name, labelPlural: `${name}s`, keyPrefix, custom: name.endsWith('__c'), customSetting: false,
    customMetadata: false, sharingModel, fields: new Map(all.map((f) => [f.name.toLowerCase(), f])), nameField,
    recordTypes: new Map(), validationRules: [], readOnly: false, tooling: false, source: 'test',
  };
}

const audit = (): FieldDef[] => [
  field('CreatedDate', 'datetime'), field('LastModifiedDate', 'datetime'), field('SystemModstamp', 'datetime'),
];

export function testSchema(): OrgSchema {
  const objects = [
    object('User', '005', [
      field('Name', 'string', { nameField: true }), field('FirstName', 'string'), field('LastName', 'string'),
      field('Username', 'string', { unique: true }), field('IsActive', 'boolean'),
    ]),
    object('Group', '00G', [field('Name', 'string', { nameField: true }), field('Type', 'picklist')]),
    object('Account', '001', [
      field('Name', 'string', { nameField: true }),
      field('Type', 'picklist', { picklistValues: [{ value: 'Customer', label: 'Customer - Direct', isDefault: false, active: true }] }),
      field('Industry', 'picklist'), field('AnnualRevenue', 'currency'), field('NumberOfEmployees', 'int'),
      reference('OwnerId', ['User'], 'Owner'),
      reference('ParentId', ['Account'], 'Parent', 'ChildAccounts'),
      field('ERP_Id__c', 'string', { externalId: true, unique: true }),
      field('Active__c', 'boolean'),
      field('Regions__c', 'multipicklist'),
      field('BillingStreet', 'string', { compoundFieldName: 'BillingAddress' }),
      field('BillingCity', 'string', { compoundFieldName: 'BillingAddress' }),
      field('BillingPostalCode', 'string', { compoundFieldName: 'BillingAddress' }),
      field('BillingAddress', 'address'),
      field('Name_Length__c', 'double', { formula: 'LEN(Name)', createable: false, updateable: false }),
      field('Open_Amount__c', 'currency', { rollup: { operation: 'sum', childObject: 'Opportunity', foreignKey: 'AccountId', summarizedField: 'Amount', filters: [] } }),
      ...audit(),
    ]),
    object('Contact', '003', [
      field('FirstName', 'string', { compoundFieldName: 'Name' }), field('LastName', 'string', { compoundFieldName: 'Name' }),
      field('Name', 'string', { nameField: true }), field('Email', 'email'), field('Birthdate', 'date'),
      reference('AccountId', ['Account'], 'Account', 'Contacts'),
      reference('OwnerId', ['User'], 'Owner'),
      ...audit(),
    ], 'ControlledByParent'),
    object('Opportunity', '006', [
      field('Name', 'string', { nameField: true }), field('StageName', 'picklist'), field('Amount', 'currency'),
      field('CloseDate', 'date'), field('IsClosed', 'boolean'),
      reference('AccountId', ['Account'], 'Account', 'Opportunities'),
      reference('OwnerId', ['User'], 'Owner'),
      ...audit(),
    ], 'Private'),
    object('Task', '00T', [
      field('Subject', 'string', { nameField: true }),
      reference('WhatId', ['Account', 'Opportunity'], 'What', 'Tasks'),
      reference('OwnerId', ['User', 'Group'], 'Owner'),
      ...audit(),
    ], 'Private', 'Subject'),
  ];
  return {
    objects: new Map(objects.map((o) => [o.name.toLowerCase(), o])),
    profiles: new Map(), permissionSets: new Map(), layouts: new Map(), flows: new Map(), connectedApps: new Map(),
    customPermissions: new Map(), globalValueSets: new Map(), roles: new Map(), unsupported: new Map(),
  };
}
