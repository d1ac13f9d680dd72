/**
 * Describe as one user sees it (reference §4): the full field template, FLS-hidden fields absent,
 * createable/updateable from FLS, record type infos, child relationships, urls with the version asked for.
 */
import { expect, test } from './org-fixture.js';

/** Every key of a real field entry (reference §4.2 template). */
const FIELD_KEYS = [
  'aggregatable', 'aiPredictionField', 'autoNumber', 'byteLength', 'calculated', 'calculatedFormula', 'cascadeDelete', 'caseSensitive',
  'compoundFieldName', 'controllerName', 'createable', 'custom', 'defaultValue', 'defaultValueFormula', 'defaultedOnCreate',
  'dependentPicklist', 'deprecatedAndHidden', 'digits', 'displayLocationInDecimal', 'encrypted', 'externalId', 'extraTypeInfo',
  'filterable', 'filteredLookupInfo', 'formulaTreatNullNumberAsZero', 'groupable', 'highScaleNumber', 'htmlFormatted', 'idLookup',
  'inlineHelpText', 'label', 'length', 'mask', 'maskType', 'name', 'nameField', 'namePointing', 'nillable', 'permissionable',
  'picklistValues', 'polymorphicForeignKey', 'precision', 'queryByDistance', 'referenceTargetField', 'referenceTo', 'relationshipName',
  'relationshipOrder', 'restrictedDelete', 'restrictedPicklist', 'scale', 'searchPrefilterable', 'soapType', 'sortable', 'type', 'unique',
  'updateable', 'writeRequiresMasterRead',
];

type Field = Record<string, unknown> & { name: string };

test('every field entry carries every key of the real template', ({ org, login }) => {
  const fields = org.service.describe(login('admin'), 'Project__c').fields as Field[];
  for (const field of fields) expect(Object.keys(field).sort()).toEqual([...FIELD_KEYS].sort());
  expect(fields.find((f) => f.name === 'Id')).toMatchObject({ type: 'id', soapType: 'tns:ID', length: 18, createable: false, nillable: false });
  expect(fields.find((f) => f.name === 'Status__c')).toMatchObject({
    type: 'picklist', restrictedPicklist: true,
    picklistValues: [
      { active: true, defaultValue: true, label: 'Planned', validFor: null, value: 'Planned' },
      { active: true, defaultValue: false, label: 'Active', validFor: null, value: 'Active' },
      { active: true, defaultValue: false, label: 'Closed', validFor: null, value: 'Closed' },
    ],
  });
  expect(fields.find((f) => f.name === 'Size__c')).toMatchObject({ calculated: true, createable: false, updateable: false });
});

test('per user: hidden fields absent, FLS read-only fields neither createable nor updateable, object flags from CRUD', ({ org, login }) => {
  const worker = org.service.describe(login('worker1'), 'Project__c');
  const manager = org.service.describe(login('manager'), 'Project__c');
  expect(worker).toMatchObject({ createable: true, updateable: true, deletable: false, queryable: true });
  expect(manager).toMatchObject({ deletable: true });
  const names = (d: Record<string, unknown>) => (d.fields as Field[]).map((f) => f.name);
  expect(names(worker)).not.toContain('Secret_Notes__c');
  expect(names(manager)).toContain('Secret_Notes__c');
  expect((worker.fields as Field[]).find((f) => f.name === 'Approved__c')).toMatchObject({ createable: false, updateable: false });
});

test('child relationships, record type infos and urls with the requested version', ({ org, login }) => {
  const describe = org.service.describe(login('admin'), 'Project__c', { apiVersion: '61.0' });
  expect(describe.childRelationships).toEqual(expect.arrayContaining([
    expect.objectContaining({ childSObject: 'Milestone__c', field: 'Project__c', relationshipName: 'Milestones__r', cascadeDelete: true }),
  ]));
  const milestone = org.service.describe(login('admin'), 'Milestone__c');
  expect(milestone.recordTypeInfos).toEqual([expect.objectContaining({ master: true, available: true, defaultRecordTypeMapping: true, developerName: 'Master' })]);
  expect(describe.urls).toMatchObject({ describe: '/services/data/v61.0/sobjects/Project__c/describe', rowTemplate: '/services/data/v61.0/sobjects/Project__c/{ID}' });
  const global = org.service.describeGlobal(login('admin'), { apiVersion: '61.0' });
  expect(global.find((o) => o.name === 'Project__c')).toMatchObject({ custom: true, keyPrefix: expect.stringMatching(/^a/), urls: { sobject: '/services/data/v61.0/sobjects/Project__c' } });
  expect(org.service.describeGlobal(login('admin'), true).map((o) => o.name)).toEqual(expect.arrayContaining(['FlowDefinition', 'ValidationRule']));
});
