/**
 * The proposals derived from metadata: each validation rule's save pair really passes and fails the rule
 * (checked by evaluating it), flow triggers come from the start element (custom filter logic, "is changed",
 * update-only triggers, parents of parents), and field access follows the personas' permission sets.
 */
import path from 'node:path';
import { test, expect } from '@playwright/test';
import { parseAssignments, PersonaAccess, readPersonaDefinitions, userDefinitionFiles } from '../../../src/coverage/persona-access.js';
import { entryCriteria, proposeFlowCheck } from '../../../src/coverage/proposals/flow-triggers.js';
import { evaluate, namesIn, parseFormula } from '../../../src/coverage/proposals/formula.js';
import { contextOf, recordModel, type ApiValue } from '../../../src/coverage/proposals/record-model.js';
import { proposeValidationPair } from '../../../src/coverage/proposals/validation-pairs.js';
import { readSfdxProject } from '../../../src/coverage/read-project.js';
import { TECHNOLOGY_TRANSFER_STARTER } from '../../support/shared-samples.js';
import { ROOT, SAMPLE_ORG, SAMPLE_USERS } from './support.js';

const sample = readSfdxProject(SAMPLE_ORG);
const samplePersonas = new Map(
  [...readPersonaDefinitions(userDefinitionFiles([SAMPLE_USERS]), {})].map(([name, definition]) => [name, new PersonaAccess(definition, sample)]),
);
const tts = readSfdxProject(TECHNOLOGY_TRANSFER_STARTER);
const ttsPersonas = new Map(
  [
    ...readPersonaDefinitions(
      userDefinitionFiles([path.join(ROOT, 'examples', 'technology-transfer', 'users')]),
      {},
      parseAssignments(['support-agent:Technology_Transfer_Starter_Visa_Management'], 'test'),
    ),
  ].map(([name, definition]) => [name, new PersonaAccess(definition, tts)]),
);

test('field access follows profile and permission sets, as the sample org README tabulates it', () => {
  const access = (persona: string, object: string, field: string) => samplePersonas.get(persona as 'sales-rep')!.fieldAccess(object, field).access;
  expect(['sales-rep', 'support-agent', 'integration-user'].map((p) => access(p, 'Opportunity', 'Discount__c'))).toEqual(['edit', 'read', 'hidden']);
  expect(['sales-rep', 'support-agent', 'integration-user'].map((p) => access(p, 'Opportunity', 'Discount_Approved__c'))).toEqual(['read', 'read', 'hidden']);
  expect(access('integration-user', 'Account', 'ERP_Id__c')).toBe('edit');
  // Formula and roll-up fields are never editable; a master-detail has no field-level security.
  expect(access('sales-rep', 'Opportunity', 'Discounted_Amount__c')).toBe('read');
  expect(access('support-agent', 'Onboarding_Step__c', 'Case__c')).toBe('read');
  expect(samplePersonas.get('support-agent')!.layoutFor('Case', 'Onboarding')).toBe('Case-Onboarding Case Layout');
  expect(samplePersonas.get('support-agent')!.recordTypeVisible('Case', 'Onboarding')).toBe(true);
  expect(samplePersonas.get('sales-rep')!.recordTypeVisible('Case', 'Onboarding')).toBe(false);
});

test('every sample rule gets a save pair the rule lets through and refuses, and no other rule refuses', () => {
  for (const rule of sample.validationRules.values()) {
    const proposal = proposeValidationPair(rule, sample, samplePersonas);
    expect(proposal.refused, `${rule.fullName}: a refused twin`).toBeDefined();
    expect(proposal.incomplete, rule.fullName).toBe(false);
    // Re-evaluate the pair with the rule itself, as the persona that will save it.
    const persona = samplePersonas.get(proposal.persona as 'sales-rep')!;
    const node = parseFormula(rule.formula);
    const names = [...new Set([...Object.keys(proposal.values), ...Object.keys(proposal.update ?? {}), ...Object.keys(proposal.refused ?? {})])];
    const model = recordModel(sample, rule.object, [...names.map((n) => (n === 'RecordTypeId' ? '$RecordType.DeveloperName' : n)), ...namesIn(node)], persona, new Map());
    const state = (values: Record<string, unknown>) => model.variables.map((v) => (values[v.apiField] ?? null) as ApiValue);
    const created = state(proposal.values);
    const legit = proposal.update ? state({ ...proposal.values, ...proposal.update }) : created;
    const refused = state({ ...proposal.values, ...proposal.update, ...proposal.refused });
    expect(evaluate(node, contextOf(model, legit, proposal.update ? created : undefined)), `${rule.fullName}: the legitimate save`).toBe(false);
    expect(evaluate(node, contextOf(model, refused, proposal.update ? legit : undefined)), `${rule.fullName}: the refused twin`).toBe(true);
  }
});

test('a rule that judges changes gets a create, a legitimate update and a refused update', () => {
  const proposal = proposeValidationPair(sample.validationRules.get('case.onboarding_cases_stay_closed')!, sample, samplePersonas);
  expect(proposal).toMatchObject({
    persona: 'support-agent',
    values: { RecordTypeId: 'Onboarding', Status: 'New' },
    update: { Status: 'Closed' },
    refused: { Status: 'New' },
  });
});

test('a rule no persona can make fire by saving keeps its legitimate half and says why', () => {
  const proposal = proposeValidationPair(tts.validationRules.get('tts_mentoring_opportunity__c.ensure_only_one_selected_mentor')!, tts, ttsPersonas);
  expect(proposal.refused).toBeUndefined();
  expect(proposal.incomplete).toBe(true);
  expect(proposal.notes.join('\n')).toContain('it depends on Total_Selected_Interests__c');
});

test('custom filter logic: (1 OR 2) AND 3 becomes one condition over the filters', () => {
  const flow = tts.flows.get('tts_update_tenant_contact_on_change')!;
  const criteria = entryCriteria(flow)!;
  expect(criteria).toMatchObject({ type: 'call', name: 'and', args: [{ name: 'or' }, { name: 'not', args: [{ name: 'isblank' }] }] });
});

test('flow triggers: an update-only formula criterion, "is changed" filters, parents of parents', () => {
  expect(proposeFlowCheck(sample.flows.get('case_close_out_onboarding_steps')!, sample, samplePersonas)).toMatchObject({
    persona: 'support-agent',
    trigger: { object: 'Case', create: { RecordTypeId: 'Onboarding', Status: 'New' }, update: { Status: 'Closed' } },
    criteria: "RecordType.DeveloperName = 'Onboarding' AND Status = 'Closed'",
    incomplete: false,
  });
  expect(proposeFlowCheck(tts.flows.get('tts_mentoring_set_chosen_mentor_on_opportunity')!, tts, ttsPersonas)).toMatchObject({
    persona: 'support-agent',
    trigger: {
      object: 'TTS_Mentoring_Interest__c',
      create: { Selected_Mentor__c: false, Status__c: 'Interested' },
      update: { Selected_Mentor__c: true },
      parents: { Mentoring_Opportunity__c: { object: 'TTS_Mentoring_Opportunity__c' } },
    },
    incomplete: false,
  });
  // No persona may create tenant contacts: the saves are still derived (a tenant needs its space and, by its
  // validation rule, a contact), and the proposal says what is missing.
  const tenant = proposeFlowCheck(tts.flows.get('tts_update_tenant_contact_on_change')!, tts, ttsPersonas);
  expect(tenant).toMatchObject({
    incomplete: true,
    criteria: 'Start_Date__c != null',
    trigger: {
      object: 'TTS_Space_Tenant_Contact__c',
      parents: { Space_Tenant__c: { object: 'TTS_Space_Tenant__c', parents: { Contact__c: { object: 'Contact' }, Space__c: { object: 'TTS_Space__c' } } } },
    },
  });
  expect(tenant.notes.join('\n')).toContain('no persona can create TTS_Space_Tenant_Contact__c');
});
