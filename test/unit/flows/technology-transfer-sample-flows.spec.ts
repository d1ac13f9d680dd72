/**
 * The record-triggered flows of the technology-transfer-starter sample project, parsed by the metadata
 * loader and run by the flow runtime against sensible records.
 */
import { expect, test } from '@playwright/test';
import { ALL_ELEMENT_TYPES, SUPPORTED_ELEMENT_TYPES } from '../../../emulator/flows/interview.js';
import { children, text } from '../../../emulator/flows/flow-xml.js';
import type { FlowDef } from '../../../emulator/metadata/types.js';
import { loadFlowsIn, MemoryOrg } from './support/memory-org.js';
import { TECHNOLOGY_TRANSFER_STARTER } from '../../support/shared-samples.js';

const SAMPLE_FLOWS = `${TECHNOLOGY_TRANSFER_STARTER}/force-app/main/default/flows`;

function sampleOrg(): { org: MemoryOrg; flows: FlowDef[] } {
  const flows = loadFlowsIn(SAMPLE_FLOWS);
  const org = new MemoryOrg();
  org.useFlows(flows);
  return { org, flows };
}

const RECORD_TRIGGERS = ['RecordBeforeSave', 'RecordAfterSave', 'RecordBeforeDelete'];

test('every active record-triggered sample flow uses only element types the runtime runs', () => {
  const { flows } = sampleOrg();
  const active = flows.filter((f) => f.status === 'Active' && RECORD_TRIGGERS.includes(f.triggerType));
  expect(active.map((f) => f.apiName).sort()).toEqual([
    'TTS_Auto_Update_PI_on_Technology',
    'TTS_Mentoring_Set_Chosen_Mentor_on_Opportunity',
    'TTS_Update_Tenant_Contact_on_Change',
  ]);
  const unsupported = (flow: FlowDef): string[] => ALL_ELEMENT_TYPES
    .filter((type) => !(SUPPORTED_ELEMENT_TYPES as readonly string[]).includes(type))
    .flatMap((type) => children(flow.body, type).map((node) => `${flow.apiName}: ${type} ${text(node, 'name') ?? ''}`));
  expect(active.flatMap(unsupported)).toEqual([]);
  // The subflow they call is clean too; only the autolaunched recurring-transactions subflow calls Apex.
  expect(flows.filter((f) => f.processType === 'AutoLaunchedFlow').flatMap(unsupported)).toEqual([
    'TTS_Subflow_for_generating_recurring_transactions: actionCalls Check_and_Update_Recurring_Transactions',
  ]);
});

test.describe('TTS_Auto_Update_PI_on_Technology (after-save on TTS_Inventor__c)', () => {
  test('a primary original inventor becomes the technology\'s principal inventor', () => {
    const { org } = sampleOrg();
    const technology = org.seed('TTS_Technology__c', { Name: 'Quantum widget' });
    const contact = org.seed('Contact', { LastName: 'Curie' });
    org.create('TTS_Inventor__c', { IP_Contribution__c: technology, IP_Original_Inventor_Name__c: contact, IP_AlternativeContact__c: null, IP_Is_Primary__c: true });
    expect(org.get(technology).IP_Principal_Inventor_PI__c).toBe(contact);
  });

  test('with an alternative contact, the alternative contact becomes principal inventor', () => {
    const { org } = sampleOrg();
    const technology = org.seed('TTS_Technology__c', { Name: 'Quantum widget' });
    const original = org.seed('Contact', { LastName: 'Curie' });
    const alternative = org.seed('Contact', { LastName: 'Meitner' });
    const inventor = org.create('TTS_Inventor__c', { IP_Contribution__c: technology, IP_Original_Inventor_Name__c: original, IP_Is_Primary__c: false });
    expect(org.get(technology).IP_Principal_Inventor_PI__c).toBeUndefined();
    org.update('TTS_Inventor__c', inventor, { IP_AlternativeContact__c: alternative, IP_Is_Primary__c: true });
    expect(org.get(technology).IP_Principal_Inventor_PI__c).toBe(alternative);
  });
});

test.describe('TTS_Mentoring_Set_Chosen_Mentor_on_Opportunity (after-save on TTS_Mentoring_Interest__c)', () => {
  test('selecting a mentor sets the selected flag on the interest and the mentor on the opportunity', () => {
    const { org } = sampleOrg();
    const opportunity = org.seed('TTS_Mentoring_Opportunity__c', { Name: 'Pitch coaching', Stage__c: 'Open' });
    const mentor = org.seed('Contact', { LastName: 'Hopper' });
    const interest = org.create('TTS_Mentoring_Interest__c', { Mentoring_Opportunity__c: opportunity, Contact__c: mentor, Status__c: 'Interested', Selected_Mentor__c: false });

    org.update('TTS_Mentoring_Interest__c', interest, { Status__c: 'Selected' });

    expect(org.get(interest)).toMatchObject({ Status__c: 'Selected', Selected_Mentor__c: true });
    expect(org.get(opportunity)).toMatchObject({ Mentor__c: mentor, Stage__c: 'Mentor Assigned' });
  });

  test('unselecting a previously selected mentor clears the mentor from the opportunity', () => {
    const { org } = sampleOrg();
    const mentor = org.seed('Contact', { LastName: 'Hopper' });
    const opportunity = org.seed('TTS_Mentoring_Opportunity__c', { Name: 'Pitch coaching', Stage__c: 'Mentor Assigned', Mentor__c: mentor });
    const interest = org.seed('TTS_Mentoring_Interest__c', { Mentoring_Opportunity__c: opportunity, Contact__c: mentor, Status__c: 'Selected', Selected_Mentor__c: true });

    org.update('TTS_Mentoring_Interest__c', interest, { Status__c: 'Declined', Selected_Mentor__c: false });

    expect(org.get(opportunity)).toMatchObject({ Mentor__c: null, Stage__c: 'Open' });
  });
});

test.describe('TTS_Update_Tenant_Contact_on_Change (after-save, calls subflow TTS_Tenant_Contact_Set_IsCurrent_Field)', () => {
  test('changing the dates recomputes Is Current through the subflow', () => {
    const { org } = sampleOrg();
    // The org clock is 2025-03-03.
    const contact = org.seed('TTS_Space_Tenant_Contact__c', { Start_Date__c: '2025-06-01', End_Date__c: null, Is_Current_Contact__c: false });
    org.update('TTS_Space_Tenant_Contact__c', contact, { Start_Date__c: '2025-01-01' });
    expect(org.get(contact).Is_Current_Contact__c).toBe(true);

    org.update('TTS_Space_Tenant_Contact__c', contact, { End_Date__c: '2025-02-28' });
    expect(org.get(contact).Is_Current_Contact__c).toBe(false);
  });

  test('a change to other fields does not start the flow ((1 OR 2) AND 3 with IsChanged)', () => {
    const { org } = sampleOrg();
    const contact = org.seed('TTS_Space_Tenant_Contact__c', { Start_Date__c: '2025-01-01', Is_Current_Contact__c: false, Name: 'A' });
    org.update('TTS_Space_Tenant_Contact__c', contact, { Name: 'B' });
    expect(org.get(contact).Is_Current_Contact__c).toBe(false);
  });
});

test('the Draft flow Auto_Link_Contract_to_Opportunity runs only once activated', () => {
  const { org } = sampleOrg();
  const account = org.seed('Account', { Name: 'Acme' });
  org.create('Opportunity', { Name: 'Deal', AccountId: account, StageName: 'Closed Won', IsClosed: true });
  expect(org.all('Contract')).toHaveLength(0);

  org.runtime?.setActiveVersion('Auto_Link_Contract_to_Opportunity', 1);
  org.create('Opportunity', { Name: 'Deal 2', AccountId: account, StageName: 'Closed Won', IsClosed: true });
  expect(org.all('Contract')).toEqual([expect.objectContaining({ AccountId: account, Status: 'Draft' })]);
});
