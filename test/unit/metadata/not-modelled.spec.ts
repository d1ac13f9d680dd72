/**
 * What a real org has but the emulator does not model is degraded, not fatal (fixtures/not-modelled): a
 * standard object missing from its tables (Asset) with a custom field, an external object (__x), a managed
 * package's object extended by the project (acme__Gadget__c without its object file), a field type it lacks
 * (MetadataRelationship), a lookup to Asset and the formula reading through it, a flow on Asset, a `$User`
 * field it lacks. A platform event (__e) loads, delivery listed.
 */
import { test, expect } from '@playwright/test';
import { SalesforceError } from '../../../emulator/contracts.js';
import { LoadReport } from '../../../emulator/metadata/load-problems.js';
import { loadOrgSchema } from '../../../emulator/metadata/load-project.js';
import { Org } from '../../../emulator/org.js';
import { fixture } from './fixture-paths.js';

const OBJECTS = 'force-app/main/default/objects';

test('the loader lists each object and field it does not model, with what depends on it, and raises no error', () => {
  const report = new LoadReport();
  const schema = loadOrgSchema({ source: fixture('not-modelled'), report });
  expect(report.errors).toEqual([]);
  // Objects in name order, then the fields that needed them.
  expect(schema.degraded?.map((p) => [p.file, p.component, p.unsupported])).toEqual([
    [`${OBJECTS}/acme__Gadget__c/fields/Extra__c.field-meta.xml`, 'CustomObject acme__Gadget__c', 'an object of the managed package "acme", not in the project'],
    [`${OBJECTS}/Asset/fields/Serial_Ref__c.field-meta.xml`, 'CustomObject Asset', 'a standard object the emulator does not model'],
    [`${OBJECTS}/Ext_Order__x/Ext_Order__x.object-meta.xml`, 'CustomObject Ext_Order__x', 'an external object (Salesforce Connect) the emulator does not model'],
    [`${OBJECTS}/Widget_Event__e/Widget_Event__e.object-meta.xml`, 'CustomObject Widget_Event__e', 'platform event delivery'],
    [`${OBJECTS}/Widget_Type__mdt/fields/Object__c.field-meta.xml`, 'CustomField Widget_Type__mdt.Object__c', 'a MetadataRelationship field, which the emulator does not model'],
    [`${OBJECTS}/Widget__c/fields/Asset__c.field-meta.xml`, 'CustomField Widget__c.Asset__c', 'a lookup to Asset, which the emulator does not model'],
    ['force-app/main/default/flows/Asset_After_Save.flow-meta.xml', 'Flow Asset_After_Save', 'starts on Asset, an object the emulator does not model'],
  ]);
  expect(schema.flows.size).toBe(0);
  expect(schema.objects.has('asset')).toBe(false);
  expect(schema.objects.get('widget__c')?.fields.has('asset__c')).toBe(false);
  // A platform event is an object with the event's standard fields and no owner or name.
  expect([...(schema.objects.get('widget_event__e')?.fields.keys() ?? [])]).toEqual(['id', 'replayid', 'createddate', 'createdbyid', 'eventuuid', 'widget_id__c']);
});

test('formulas reading what is not modelled read null; the org loads and answers for the rest', () => {
  const org = Org.load({ source: fixture('not-modelled') });
  try {
    expect(org.summary).toContain(`  ${OBJECTS}/Widget__c/fields/Asset_Name__c.field-meta.xml: CustomField Widget__c.Asset_Name__c: reads Widget__c.Asset__r, which the emulator does not model -> reads null`);
    expect(org.summary).toContain(`  ${OBJECTS}/Widget__c/fields/Account_Region__c.field-meta.xml: CustomField Widget__c.Account_Region__c: reads User.SomeStandardFieldNotModelled, which the emulator does not model -> reads null`);
    const admin = org.service.loginWithPassword('admin@postflight.test', 'postflight', 'soap');
    const id = org.service.create(admin, 'Widget__c', { Name: 'W' });
    expect(org.service.retrieve(admin, 'Widget__c', id, ['Asset_Name__c']).Asset_Name__c).toBeNull();
    const event = org.service.create(admin, 'Widget_Event__e', { Widget_Id__c: id });
    expect(event).toMatch(/^\w{18}$/);
    let refused: unknown;
    try {
      org.service.query(admin, 'SELECT Id FROM Asset', { apiVersion: '62.0' });
    } catch (error) {
      refused = error;
    }
    expect(refused).toBeInstanceOf(SalesforceError);
    expect((refused as SalesforceError).errorCode).toBe('INVALID_TYPE');
  } finally {
    org.close();
  }
});
