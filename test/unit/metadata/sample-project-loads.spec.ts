/**
 * The real public project `technology-transfer-starter` (read-only under /work/shared/samples) loads
 * without error, and its objects, fields, record types, validation rules, flows and permission sets
 * come through as Salesforce would present them.
 */
import { test, expect } from '@playwright/test';
import { describeLoad, loadOrgSchema } from '../../../emulator/metadata/load-project.js';
import type { OrgSchema } from '../../../emulator/metadata/types.js';
import { TECHNOLOGY_TRANSFER_STARTER } from '../../support/shared-samples.js';

const SAMPLE = TECHNOLOGY_TRANSFER_STARTER;
let schema: OrgSchema;

test.beforeAll(() => {
  schema = loadOrgSchema({ source: SAMPLE });
});

function field(object: string, name: string) {
  const def = schema.objects.get(object.toLowerCase())?.fields.get(name.toLowerCase());
  if (!def) throw new Error(`missing ${object}.${name}`);
  return def;
}

test('loads all 24 custom objects with labels, a-prefixed key prefixes and the standard fields of a custom object', () => {
  const custom = [...schema.objects.values()].filter((o) => o.custom);
  expect(custom).toHaveLength(24);
  expect(new Set(custom.map((o) => o.keyPrefix)).size).toBe(24);
  for (const o of custom) expect(o.keyPrefix).toMatch(/^a0[0-9A-Za-z]$/);
  const agreement = schema.objects.get('tts_agreement__c');
  expect(agreement?.label).toBe('Agreement');
  expect(agreement?.labelPlural).toBe('Agreements');
  expect(agreement?.sharingModel).toBe('ReadWrite');
  expect(agreement?.externalSharingModel).toBe('Private');
  expect([...(agreement?.fields.keys() ?? [])].slice(0, 4)).toEqual(['id', 'ownerid', 'isdeleted', 'recordtypeid']);
  const name = field('TTS_Agreement__c', 'Name');
  expect(name).toMatchObject({ label: 'Agreement ID', autoNumber: true, displayFormat: 'AGR{00000}', createable: false, nameField: true });
});

test('custom fields keep their types, lengths and relationships', () => {
  expect(field('TTS_Agreement__c', 'Budget__c')).toMatchObject({ type: 'currency', precision: 18, scale: 2, custom: true });
  expect(field('TTS_Agreement__c', 'Licensee__c')).toMatchObject({
    type: 'reference', referenceTo: ['Contact'], relationshipName: 'Licensee__r', childRelationshipName: 'Agreements__r',
    relationshipType: 'lookup', cascadeDelete: false, inlineHelpText: 'The name of the licensee who is granted the license.',
  });
  const agreementType = field('TTS_Agreement__c', 'Agreement_Type__c');
  expect(agreementType.type).toBe('picklist');
  expect(agreementType.restrictedPicklist).toBe(true);
  expect(agreementType.picklistValues?.[0]).toEqual({ value: 'End User License Agreement (EULA)', label: 'End User License Agreement (EULA)', isDefault: false, active: true });
  // MultiselectPicklist bound to the TTS_Industries global value set.
  const industries = field('TTS_Mentoring_Opportunity__c', 'Applicable_Industries__c');
  expect(industries.type).toBe('multipicklist');
  expect(industries.picklistValues?.map((v) => v.value)).toEqual(schema.globalValueSets.get('tts_industries')?.values.map((v) => v.value));
  expect(industries.picklistValues?.length).toBeGreaterThan(0);
  // A text formula and a master-detail.
  expect(field('TTS_Applicant__c', 'Protection_Title__c')).toMatchObject({ type: 'string', formula: 'Protection__r.Title__c', createable: false, updateable: false, calculated: true });
  expect(field('TTS_Agreement_Party__c', 'Agreement__c')).toMatchObject({
    relationshipType: 'masterDetail', nillable: false, cascadeDelete: true, updateable: true, childRelationshipName: 'Agreement_Parties__r',
  });
  // A detail object has no owner and follows its master's sharing.
  expect(schema.objects.get('tts_agreement_party__c')?.fields.has('ownerid')).toBe(false);
  expect(schema.objects.get('tts_agreement_party__c')?.sharingModel).toBe('ControlledByParent');
});

test('roll-up summaries resolve their child object, key and type', () => {
  const count = field('TTS_Protection__c', 'Total_Active_Litigations__c');
  expect(count.type).toBe('double');
  expect(count.rollup).toEqual({
    operation: 'count', childObject: 'TTS_Protection_Litigation__c', foreignKey: 'Protection__c', summarizedField: undefined,
    filters: [{ field: 'Status__c', operation: 'notEqual', value: 'Settlement, Verdict' }],
  });
  const sum = field('TTS_Technology__c', 'IP_Total_Percentage_Share__c');
  expect(sum.rollup).toMatchObject({ operation: 'sum', childObject: 'TTS_Inventor__c', foreignKey: 'IP_Contribution__c', summarizedField: 'Percentage_Share__c' });
  expect(sum.type).toBe(field('TTS_Inventor__c', 'Percentage_Share__c').type);
});

test('custom fields on standard objects extend the built-in objects', () => {
  expect(field('Contact', 'Visa_Number__c').custom).toBe(true);
  expect(field('Contact', 'LastName').custom).toBe(false);
  const contact = schema.objects.get('contact');
  const customNames = [...(contact?.fields.values() ?? [])].filter((f) => f.custom).map((f) => f.name);
  expect(customNames).toEqual(['Issuing_Authority__c', 'Visa_End_Date__c', 'Visa_Number__c', 'Visa_Start_Date__c', 'Visa_Type__c']);
});

test('record types come with ids, labels and per-record-type picklist values (URL-decoded)', () => {
  const recordTypes = schema.objects.get('tts_agreement__c')?.recordTypes;
  expect(recordTypes?.size).toBe(9);
  const assignment = recordTypes?.get('assignment_agreement');
  expect(assignment).toMatchObject({ fullName: 'TTS_Agreement__c.Assignment_Agreement', label: 'Assignment Agreement', active: true });
  expect(assignment?.id).toMatch(/^012[0-9A-Za-z]{15}$/);
  expect(assignment?.picklistValues.get('agreement_type__c')).toContain('Patent Assignment Agreement');
  const licence = recordTypes?.get('licence_agreement');
  expect(licence?.picklistValues.get('agreement_type__c')).toContain('End User License Agreement (EULA)');
});

test('validation rules keep formula, message and a stable 03d id', () => {
  const rules = schema.objects.get('tts_technology__c')?.validationRules ?? [];
  expect(rules.map((r) => r.name)).toEqual(['TTS_TotalContributionShareChecker', 'TTS_TotalPrimaryContributersCheck']);
  expect(rules[0]).toMatchObject({
    fullName: 'TTS_Technology__c.TTS_TotalContributionShareChecker', object: 'TTS_Technology__c', active: true,
    errorConditionFormula: 'OR( IP_Total_Percentage_Share__c < 0, IP_Total_Percentage_Share__c > 100)',
  });
  expect(rules[0]?.id).toMatch(/^03d/);
  const all = [...schema.objects.values()].flatMap((o) => o.validationRules);
  expect(all).toHaveLength(6);
});

test('flows: 11 loaded, record-triggered ones with object and trigger, apex actions and screens flagged', () => {
  expect(schema.flows.size).toBe(11);
  const onChange = schema.flows.get('tts_update_tenant_contact_on_change');
  expect(onChange).toMatchObject({ triggerType: 'RecordAfterSave', recordTriggerType: 'CreateAndUpdate', object: 'TTS_Space_Tenant_Contact__c', status: 'Active' });
  expect(onChange?.definitionId).toMatch(/^300/);
  expect(onChange?.versionId).toMatch(/^301/);
  const scheduled = schema.flows.get('tts_tenant_contact_scheduled_actions');
  expect(scheduled?.triggerType).toBe('Scheduled');
  expect(Array.isArray((scheduled?.body.start as Record<string, unknown>).filters)).toBe(true);
  const subflow = schema.flows.get('tts_subflow_for_generating_recurring_transactions');
  expect(subflow?.unsupportedElements.some((e) => e.startsWith('actionCalls:apex '))).toBe(true);
  const screenFlows = [...schema.flows.values()].filter((f) => f.processType === 'Flow');
  expect(screenFlows).toHaveLength(4);
  for (const f of screenFlows) expect(f.unsupportedElements.some((e) => e.startsWith('screens:'))).toBe(true);
});

test('permission sets and the Admin profile file come through', () => {
  expect([...schema.permissionSets.keys()].sort()).toEqual([
    'technology_transfer_starter_mentoring_manager', 'technology_transfer_starter_permission',
    'technology_transfer_starter_space_manager', 'technology_transfer_starter_visa_management',
  ]);
  const staff = schema.permissionSets.get('technology_transfer_starter_permission');
  expect(staff?.kind).toBe('PermissionSet');
  expect(staff?.id).toMatch(/^0PS/);
  expect(staff?.fieldPermissions.get('contact.accountid')).toEqual({ readable: true, editable: false });
  expect(staff?.objectPermissions.size).toBe(22);
  expect(staff?.recordTypeVisibilities.size).toBe(15);
  const admin = schema.profiles.get('admin');
  expect(admin?.label).toBe('System Administrator');
  expect(admin?.userPermissions.has('AIViewInsightObjects')).toBe(true);
  expect(admin?.userPermissions.has('ModifyAllData')).toBe(true);
  expect(admin?.layoutAssignments.get('tts_agreement__c')).toBe('TTS_Agreement__c-Agreement Layout');
  expect(schema.layouts.get('tts_agreement__c-agreement layout')?.sections.length).toBeGreaterThan(0);
});

test('the load summary names what was not run', () => {
  const line = describeLoad(schema);
  expect(line).toMatch(/^Loaded \d+ objects \(24 custom\), [\d,]+ fields \(\d+ custom\), 6 validation rules, 11 flows \(9 active\), 4 permission sets, 4 profiles/);
  expect(line).toContain('dashboard (1)');
  expect(line).toContain('report (5)');
  expect(line).toContain('flexipage (15)');
  expect(line.split('\n')).toHaveLength(1);
});
