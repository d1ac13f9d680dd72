/**
 * The order of execution on one object (Project__c): before-save flow -> system validation ->
 * validation rules -> save -> after-save flow -> roll-up on the parent -> commit, and the rollback of
 * everything when a later step fails.
 */
import { SalesforceErrors } from '../../../emulator/service/errors.js';
import { expect, failure, test } from './org-fixture.js';

test('the before-save flow runs before validation rules: its default budget satisfies the rule', ({ org, login }) => {
  const worker = login('worker1');
  const id = org.service.create(worker, 'Project__c', { Name: 'Go', Status__c: 'Active' });
  expect(org.service.retrieve(worker, 'Project__c', id, ['Budget__c']).Budget__c).toBe(1000);
});

test('a validation rule that fails reports its message on its error field; nothing is saved', ({ org, login }) => {
  const worker = login('worker1');
  const id = org.service.create(worker, 'Project__c', { Name: 'Go', Status__c: 'Active', Budget__c: 10 });
  // Clearing the budget of an active project: the before-save flow refills it (Budget__c IsNull), so
  // the rule passes; with the flow deactivated through the Tooling API, the rule fires.
  org.service.update(worker, 'Project__c', id, { Budget__c: null });
  expect(org.service.retrieve(worker, 'Project__c', id, ['Budget__c']).Budget__c).toBe(1000);

  const admin = login('admin');
  const definition = org.service.query(admin, "SELECT Id FROM FlowDefinition WHERE DeveloperName = 'Project_Default_Budget'", { apiVersion: '62.0', tooling: true }).records[0];
  org.service.update(admin, 'FlowDefinition', String(definition?.Id), { Metadata: { activeVersionNumber: 0 } });
  const error = failure(() => org.service.update(worker, 'Project__c', id, { Budget__c: null }));
  expect(error).toMatchObject({ errorCode: 'FIELD_CUSTOM_VALIDATION_EXCEPTION', message: 'An active project needs a budget.', fields: ['Budget__c'] });
  expect(org.service.retrieve(worker, 'Project__c', id, ['Budget__c']).Budget__c).toBe(1000);
});

test('the after-save flow creates a milestone and the roll-up summary on the project counts its hours', ({ org, login }) => {
  const worker = login('worker1');
  const id = org.service.create(worker, 'Project__c', { Name: 'Plan', Kickoff_Hours__c: 6 });
  const milestones = org.service.query(worker, `SELECT Name, Hours__c, Project__c FROM Milestone__c WHERE Project__c = '${id}'`, { apiVersion: '62.0' }).records;
  expect(milestones).toEqual([expect.objectContaining({ Name: 'Kickoff', Hours__c: 6, Project__c: id })]);
  expect(org.service.retrieve(worker, 'Project__c', id, ['Total_Hours__c']).Total_Hours__c).toBe(6);

  const extra = org.service.create(worker, 'Milestone__c', { Name: 'Build', Project__c: id, Hours__c: 10 });
  expect(org.service.retrieve(worker, 'Project__c', id, ['Total_Hours__c']).Total_Hours__c).toBe(16);
  org.service.delete(worker, 'Milestone__c', extra);
  expect(org.service.retrieve(worker, 'Project__c', id, ['Total_Hours__c']).Total_Hours__c).toBe(6);
});

test('an after-save flow fault fails the save with CANNOT_EXECUTE_FLOW_TRIGGER and rolls back the record', ({ org, login }) => {
  const worker = login('worker1');
  // The flow's milestone gets -2 hours: the milestone's validation rule fails inside the flow, which
  // has no fault path.
  const error = failure(() => org.service.create(worker, 'Project__c', { Name: 'Doomed', Kickoff_Hours__c: -2 }));
  expect(error.errorCode).toBe('CANNOT_EXECUTE_FLOW_TRIGGER');
  expect(error.message).toBe(
    'We can\'t save this record because the “Project Kickoff Milestone” process failed. Give your Salesforce admin these details. FIELD_CUSTOM_VALIDATION_EXCEPTION: Hours cannot be negative.',
  );
  const admin = login('admin');
  expect(org.service.query(admin, "SELECT Id FROM Project__c WHERE Name = 'Doomed'", { apiVersion: '62.0' }).totalSize).toBe(0);
  expect(org.service.query(admin, 'SELECT Id FROM Milestone__c', { apiVersion: '62.0' }).totalSize).toBe(0);
});

test('every failing validation rule is reported, each with its own fields', ({ org, login }) => {
  const error = failure(() => org.service.create(login('worker1'), 'Project__c', { Name: 'Both', Status__c: 'Closed', Budget__c: 150000 }));
  expect(error).toBeInstanceOf(SalesforceErrors);
  const reported = (error as SalesforceErrors).errors.map((e) => ({ code: e.errorCode, message: e.message, fields: e.fields }));
  expect(reported).toHaveLength(2);
  expect(reported).toEqual(expect.arrayContaining([
    { code: 'FIELD_CUSTOM_VALIDATION_EXCEPTION', message: 'A closed project needs its code.', fields: ['Code__c'] },
    { code: 'FIELD_CUSTOM_VALIDATION_EXCEPTION', message: 'Budgets above 100,000 need Budget Override.', fields: [] },
  ]));
});

test('a roll-up change saves the parent through its own validation rules: a failing parent rolls back the child', ({ org, login }) => {
  const admin = login('admin');
  const id = org.service.create(admin, 'Project__c', { Name: 'Parent', Kickoff_Hours__c: 60 });
  const error = failure(() => org.service.create(admin, 'Milestone__c', { Name: 'Too much', Project__c: id, Hours__c: 50 }));
  expect(error).toMatchObject({ errorCode: 'FIELD_CUSTOM_VALIDATION_EXCEPTION', message: 'A project cannot exceed 100 hours.', fields: [] });
  expect(org.service.retrieve(admin, 'Project__c', id, ['Total_Hours__c']).Total_Hours__c).toBe(60);
  expect(org.service.query(admin, "SELECT Id FROM Milestone__c WHERE Name = 'Too much'", { apiVersion: '62.0' }).totalSize).toBe(0);
});

test('service.transaction: an error thrown inside rolls back every write made in it; nested transactions are savepoints', ({ org, login }) => {
  const admin = login('admin');
  expect(() => org.service.transaction(() => {
    org.service.create(admin, 'Project__c', { Name: 'T1' });
    org.service.transaction(() => org.service.create(admin, 'Project__c', { Name: 'T2' }));
    org.service.create(admin, 'Project__c', { Name: 'T3', Status__c: 'Unknown' });
  })).toThrow('bad value for restricted picklist field');
  expect(org.service.query(admin, 'SELECT Id FROM Project__c', { apiVersion: '62.0' }).totalSize).toBe(0);

  org.service.transaction(() => {
    org.service.create(admin, 'Project__c', { Name: 'Kept' });
    try {
      org.service.transaction(() => {
        org.service.create(admin, 'Project__c', { Name: 'Inner' });
        throw new Error('inner fails');
      });
    } catch {
      // the inner savepoint rolled back; the outer transaction goes on
    }
  });
  const names = org.service.query(admin, 'SELECT Name FROM Project__c', { apiVersion: '62.0' }).records.map((r) => r.Name);
  expect(names).toEqual(['Kept']);
});

test('a new parent without children reads its SUM roll-up as 0, not blank', ({ org, login }) => {
  const admin = login('admin');
  const id = org.service.create(admin, 'Project__c', { Name: 'Childless' });
  expect(org.service.retrieve(admin, 'Project__c', id, ['Total_Hours__c']).Total_Hours__c).toBe(0);
});
