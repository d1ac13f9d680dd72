import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { FlowFaultError, SalesforceError } from '../../../emulator/contracts.js';
import { loadFlowFile, MemoryOrg, type TestSchema } from './support/memory-org.js';

const FIXTURES = join(import.meta.dirname, 'fixtures');

const SCHEMA: TestSchema = {
  Account: { Name: { type: 'string' }, Rating: { type: 'picklist' }, NumberOfEmployees: { type: 'int' }, Description: { type: 'textarea' } },
  Opportunity: {
    Name: { type: 'string' }, StageName: { type: 'picklist' }, Amount: { type: 'currency' }, NextStep: { type: 'string' },
    Description: { type: 'textarea' }, Discount_Band__c: { type: 'picklist' }, AccountId: { type: 'reference', referenceTo: 'Account' },
  },
  Contact: { FirstName: { type: 'string' }, LastName: { type: 'string' }, Email: { type: 'email' }, AccountId: { type: 'reference', referenceTo: 'Account' } },
};

function orgWith(...flowNames: string[]): MemoryOrg {
  const org = new MemoryOrg(SCHEMA);
  org.useFlows(flowNames.map((name) => loadFlowFile(join(FIXTURES, `${name}.flow-meta.xml`))));
  return org;
}

test.describe('before-save flow: Opportunity_Set_Discount_Band', () => {
  test('changes fields of the record being saved, with formulas and parent fields, without DML on it', () => {
    const org = orgWith('Opportunity_Set_Discount_Band');
    const accountId = org.seed('Account', { Name: 'Acme' });
    const id = org.create('Opportunity', { Name: 'Big', StageName: 'Prospecting', Amount: 75000, AccountId: accountId });
    expect(org.get(id)).toMatchObject({
      Discount_Band__c: 'Large',
      NextStep: 'Review Big (Prospecting)',
      Description: 'Large deal with Acme',
    });
    expect(org.dml.filter((d) => d.op === 'update')).toEqual([]);
  });

  test('returns only the changed fields from runBeforeSave', () => {
    const org = orgWith('Opportunity_Set_Discount_Band');
    const changes = org.runtime?.runBeforeSave('Opportunity', 'create', { Name: 'Small', StageName: 'Qualification', Amount: 2000 }, undefined);
    expect(changes).toEqual({ Discount_Band__c: 'Standard' });
  });

  const entryCases: { name: string; record: Record<string, unknown>; runs: boolean }[] = [
    { name: 'amount over 1000 and Prospecting', record: { StageName: 'Prospecting', Amount: 1500 }, runs: true },
    { name: 'amount over 1000 and Qualification', record: { StageName: 'Qualification', Amount: 1500 }, runs: true },
    { name: 'amount over 1000 but Closed Won', record: { StageName: 'Closed Won', Amount: 1500 }, runs: false },
    { name: 'Prospecting but amount 1000', record: { StageName: 'Prospecting', Amount: 1000 }, runs: false },
    { name: 'Prospecting but no amount', record: { StageName: 'Prospecting', Amount: null }, runs: false },
  ];
  for (const { name, record, runs } of entryCases) {
    test(`entry filter logic "1 AND (2 OR 3)": ${name} -> ${runs ? 'runs' : 'does not run'}`, () => {
      const org = orgWith('Opportunity_Set_Discount_Band');
      const changes = org.runtime?.runBeforeSave('Opportunity', 'create', { Name: 'X', ...record }, undefined) ?? {};
      expect('Discount_Band__c' in changes).toBe(runs);
    });
  }
});

test.describe('after-save flow: Opportunity_Closed_Won_Onboarding', () => {
  function onboardingOrg(): { org: MemoryOrg; accountId: string; recordTypeId: string } {
    const org = orgWith('Opportunity_Closed_Won_Onboarding');
    const accountId = org.seed('Account', { Name: 'Acme' });
    org.seed('RecordType', { SobjectType: 'Case', DeveloperName: 'Support', Name: 'Support' });
    const recordTypeId = org.seed('RecordType', { SobjectType: 'Case', DeveloperName: 'Onboarding', Name: 'Onboarding' });
    return { org, accountId, recordTypeId };
  }

  test('creates a Case with the record type id it looked up by query', () => {
    const { org, accountId, recordTypeId } = onboardingOrg();
    const id = org.create('Opportunity', { Name: 'Deal', StageName: 'Closed Won', AccountId: accountId });
    const cases = org.all('Case');
    expect(cases).toHaveLength(1);
    expect(cases[0]).toMatchObject({ RecordTypeId: recordTypeId, AccountId: accountId, Subject: 'Onboard Deal', Origin: 'Web' });
    expect(org.runtime?.pendingScheduledPaths().map((p) => p.recordId)).toEqual([id]);
  });

  test('"only when updated to meet the condition": runs once when the stage becomes Closed Won, not on later edits', () => {
    const { org, accountId } = onboardingOrg();
    const id = org.create('Opportunity', { Name: 'Deal', StageName: 'Prospecting', AccountId: accountId });
    expect(org.all('Case')).toHaveLength(0);
    org.update('Opportunity', id, { StageName: 'Closed Won' });
    expect(org.all('Case')).toHaveLength(1);
    org.update('Opportunity', id, { Amount: 10 });
    expect(org.all('Case')).toHaveLength(1);
  });

  test('a failing Create Records follows its fault connector with $Flow.FaultMessage', () => {
    const { org, accountId } = onboardingOrg();
    org.requireFields('Case', ['Priority']);
    const id = org.create('Opportunity', { Name: 'Deal', StageName: 'Closed Won', AccountId: accountId });
    expect(org.all('Case')).toHaveLength(0);
    expect(org.all('Task')).toEqual([
      expect.objectContaining({ Subject: 'Onboarding case failed', WhatId: id, Description: 'Required fields are missing: [Priority]' }),
    ]);
  });

  test('the scheduled path waits for the clock, then runs with $Record re-queried', () => {
    const { org, accountId } = onboardingOrg();
    const id = org.create('Opportunity', { Name: 'Deal', StageName: 'Closed Won', AccountId: accountId });
    const pending = org.runtime?.pendingScheduledPaths() ?? [];
    expect(pending).toEqual([{
      flow: 'Opportunity_Closed_Won_Onboarding', path: 'Three_Days_After_Close', recordId: id,
      dueAt: new Date('2025-03-06T09:00:00.000Z'),
    }]);
    org.update('Opportunity', id, { Name: 'Deal (renamed)' });
    expect(org.runtime?.runDueScheduledPaths(new Date('2025-03-06T08:59:00.000Z'))).toBe(0);
    expect(org.all('Task')).toHaveLength(0);
    expect(org.runtime?.runDueScheduledPaths(new Date('2025-03-06T09:00:00.000Z'))).toBe(1);
    expect(org.all('Task')).toEqual([expect.objectContaining({ Subject: 'Check onboarding of Deal (renamed) (Acme)', WhatId: id })]);
    expect(org.runtime?.pendingScheduledPaths()).toEqual([]);
  });

  test('a scheduled path whose record was deleted does not run', () => {
    const { org, accountId } = onboardingOrg();
    const id = org.create('Opportunity', { Name: 'Deal', StageName: 'Closed Won', AccountId: accountId });
    org.delete('Opportunity', id);
    expect(org.runtime?.runDueScheduledPaths(new Date('2025-04-01T00:00:00.000Z'))).toBe(0);
    expect(org.all('Task')).toHaveLength(0);
  });
});

test.describe('after-save flow with a loop: Account_Rating_Cascade', () => {
  test('loops over child records, assigns and adds to a collection, updates them and the triggering record', () => {
    const org = orgWith('Account_Rating_Cascade');
    const accountId = org.seed('Account', { Name: 'Acme', Rating: 'Cold' });
    const ada = org.seed('Contact', { FirstName: 'Ada', LastName: 'Lovelace', AccountId: accountId });
    const alan = org.seed('Contact', { FirstName: 'Alan', LastName: 'Turing', AccountId: accountId });
    org.seed('Contact', { FirstName: 'Other', LastName: 'Person', AccountId: org.seed('Account', { Name: 'Other' }) });

    org.update('Account', accountId, { Rating: 'Hot' });

    expect(org.get(ada).Description).toBe('Ada: account rated Hot (was Cold)');
    expect(org.get(alan).Description).toBe('Alan: account rated Hot (was Cold)');
    expect(org.get(accountId).NumberOfEmployees).toBe(2);
    // Only the changed field is sent for records the flow read from the org.
    expect(org.dml.find((d) => d.id === ada && d.op === 'update')?.values).toEqual({ Description: 'Ada: account rated Hot (was Cold)' });
  });

  test('does not run when the filtered field did not change (IsChanged)', () => {
    const org = orgWith('Account_Rating_Cascade');
    const accountId = org.seed('Account', { Name: 'Acme', Rating: 'Cold' });
    org.seed('Contact', { FirstName: 'Ada', LastName: 'Lovelace', AccountId: accountId });
    org.update('Account', accountId, { Name: 'Acme Corp' });
    expect(org.dml.filter((d) => d.object === 'Contact')).toEqual([]);
  });
});

test.describe('faults', () => {
  test('a failing element without a fault connector throws FlowFaultError with the inner error', () => {
    const org = orgWith('Case_Create_Task_Without_Fault_Path');
    org.requireFields('Task', ['Subject']);
    let fault: unknown;
    try {
      org.create('Case', { Subject: 'Broken printer' });
    } catch (error) {
      fault = error;
    }
    expect(fault).toBeInstanceOf(FlowFaultError);
    const flowFault = fault as FlowFaultError;
    expect(flowFault.flowApiName).toBe('Case_Create_Task_Without_Fault_Path');
    expect(flowFault.message).toBe('Case: Create Task: Required fields are missing: [Subject]');
    expect(flowFault.inner).toBeInstanceOf(SalesforceError);
    expect((flowFault.inner as SalesforceError).errorCode).toBe('REQUIRED_FIELD_MISSING');
  });

  test('an endless loop faults at the element limit', () => {
    const org = orgWith('Account_Endless_Loop_Draft');
    org.runtime?.setActiveVersion('Account_Endless_Loop_Draft', 1);
    expect(() => org.runtime?.runBeforeSave('Account', 'create', { Name: 'Loop' }, undefined)).toThrow(/more than 2000 elements/);
  });

  test('an element the emulator cannot run faults and names it', () => {
    const org = orgWith('Contact_Send_Welcome_Email');
    expect(() => org.create('Contact', { LastName: 'Lovelace', Email: 'ada@example.com' }))
      .toThrow(/cannot run the emailSimple action element "Send_Welcome_Email"/);
    // The entry formula keeps the flow from starting when there is no email.
    expect(() => org.create('Contact', { LastName: 'Turing' })).not.toThrow();
  });
});

test.describe('activation', () => {
  test('an inactive (Draft) flow does not run until activated, and stops when deactivated', () => {
    const org = orgWith('Account_Stamp_Description_Draft');
    const runtime = org.runtime;
    if (!runtime) throw new Error('no runtime');
    expect(runtime.activeVersionNumber('Account_Stamp_Description_Draft')).toBe(0);
    expect(org.get(org.create('Account', { Name: 'A' })).Description).toBeUndefined();

    runtime.setActiveVersion('account_stamp_description_draft', 1);
    expect(runtime.activeVersionNumber('Account_Stamp_Description_Draft')).toBe(1);
    expect(org.get(org.create('Account', { Name: 'B' })).Description).toBe('Stamped by flow');

    runtime.setActiveVersion('Account_Stamp_Description_Draft', 0);
    expect(org.get(org.create('Account', { Name: 'C' })).Description).toBeUndefined();
  });

  test('an Active flow from source reports version 1; unknown flows and versions are rejected', () => {
    const org = orgWith('Opportunity_Set_Discount_Band');
    expect(org.runtime?.activeVersionNumber('Opportunity_Set_Discount_Band')).toBe(1);
    expect(() => org.runtime?.setActiveVersion('Opportunity_Set_Discount_Band', 2)).toThrow(/no version 2/);
    expect(() => org.runtime?.activeVersionNumber('No_Such_Flow')).toThrow(/No flow named No_Such_Flow/);
  });
});

test.describe('Update Records on $Record and Delete Records', () => {
  test('in a before-save flow, updating $Record changes the record being saved (no DML)', () => {
    const org = orgWith('Case_Before_Save_Escalate');
    const id = org.create('Case', { Subject: 'Outage', Priority: 'High', Status: 'New' });
    expect(org.get(id)).toMatchObject({ IsEscalated: true, Status: 'Escalated' });
    expect(org.dml.map((d) => d.op)).toEqual(['create']);
    const calm = org.create('Case', { Subject: 'Question', Priority: 'Low', Status: 'New' });
    expect(org.get(calm).Status).toBe('New');
  });

  test('a before-delete flow deletes the records its filters match', () => {
    const org = orgWith('Account_Before_Delete_Remove_Contacts');
    const account = org.seed('Account', { Name: 'Acme' });
    const temp = org.seed('Contact', { LastName: 'Temporary', AccountId: account });
    const kept = org.seed('Contact', { LastName: 'Lovelace', AccountId: account });
    org.delete('Account', account);
    expect(org.records.has(temp)).toBe(false);
    expect(org.records.has(kept)).toBe(true);
  });
});
