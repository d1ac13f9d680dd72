/**
 * Security from both sides, each refusal with the error code a real org answers: a user with only a
 * profile, a profile plus a permission set (and a permission set group), and the System Administrator.
 */
import { expect, failure, test } from './org-fixture.js';

test.describe('profile only (worker1: Project_User)', () => {
  test('creates and edits own projects, but cannot delete them (no Delete object permission)', ({ org, login }) => {
    const worker = login('worker1');
    const id = org.service.create(worker, 'Project__c', { Name: 'Mine', Budget__c: 10 });
    org.service.update(worker, 'Project__c', id, { Budget__c: 20 });
    expect(org.service.retrieve(worker, 'Project__c', id, ['Budget__c']).Budget__c).toBe(20);
    const refused = failure(() => org.service.delete(worker, 'Project__c', id));
    expect(refused.errorCode).toBe('INSUFFICIENT_ACCESS_OR_READONLY');
  });

  test('a field without FLS does not exist for the user: absent from describe, INVALID_FIELD on write and in SOQL', ({ org, login }) => {
    const worker = login('worker1');
    const fields = (org.service.describe(worker, 'Project__c').fields as { name: string }[]).map((f) => f.name);
    expect(fields).toContain('Budget__c');
    expect(fields).not.toContain('Secret_Notes__c');
    const write = failure(() => org.service.create(worker, 'Project__c', { Name: 'X', Secret_Notes__c: 'psst' }));
    expect(write.errorCode).toBe('INVALID_FIELD');
    expect(write.message).toBe("No such column 'Secret_Notes__c' on sobject of type Project__c");
    const read = failure(() => org.service.query(worker, 'SELECT Id, Secret_Notes__c FROM Project__c', { apiVersion: '62.0' }));
    expect(read.errorCode).toBe('INVALID_FIELD');
  });

  test('a read-only field (FLS read, no edit) is INVALID_FIELD_FOR_INSERT_UPDATE', ({ org, login }) => {
    const worker = login('worker1');
    const error = failure(() => org.service.create(worker, 'Project__c', { Name: 'X', Approved__c: true }));
    expect(error.errorCode).toBe('INVALID_FIELD_FOR_INSERT_UPDATE');
    expect(error.message).toBe('Unable to create/update fields: Approved__c. Please check the security settings of this field and verify that it is read/write for your profile or permission set.');
    expect(error.fields).toEqual(['Approved__c']);
    const describe = (org.service.describe(worker, 'Project__c').fields as { name: string; createable: boolean; updateable: boolean }[]);
    expect(describe.find((f) => f.name === 'Approved__c')).toMatchObject({ createable: false, updateable: false });
    expect(describe.find((f) => f.name === 'Budget__c')).toMatchObject({ createable: true, updateable: true });
  });

  test('OWD Private: a peer\'s project is invisible (query skips it, retrieve 404) and not editable', ({ org, login }) => {
    const theirs = org.service.create(login('worker2'), 'Project__c', { Name: 'Theirs' });
    const worker = login('worker1');
    expect(org.service.query(worker, 'SELECT Id FROM Project__c', { apiVersion: '62.0' }).totalSize).toBe(0);
    const read = failure(() => org.service.retrieve(worker, 'Project__c', theirs));
    expect([read.errorCode, read.status]).toEqual(['NOT_FOUND', 404]);
    expect(failure(() => org.service.update(worker, 'Project__c', theirs, { Budget__c: 1 })).errorCode).toBe('INSUFFICIENT_ACCESS_OR_READONLY');
  });

  test('the role hierarchy: the director sees and edits the worker\'s project, the worker not the director\'s', ({ org, login }) => {
    const workers = org.service.create(login('worker1'), 'Project__c', { Name: 'Worker project' });
    const directors = org.service.create(login('director'), 'Project__c', { Name: 'Director project' });
    const director = login('director');
    const visible = org.service.query(director, 'SELECT Id FROM Project__c', { apiVersion: '62.0' }).records.map((r) => r.Id);
    expect(visible.sort()).toEqual([workers, directors].sort());
    org.service.update(director, 'Project__c', workers, { Budget__c: 5 });
    expect(failure(() => org.service.retrieve(login('worker1'), 'Project__c', directors)).errorCode).toBe('NOT_FOUND');
  });

  test('ControlledByParent: milestones follow their project; a lookup to an invisible master is refused', ({ org, login }) => {
    const theirs = org.service.create(login('worker2'), 'Project__c', { Name: 'Theirs', Kickoff_Hours__c: 1 });
    const worker = login('worker1');
    expect(org.service.query(worker, 'SELECT Id FROM Milestone__c', { apiVersion: '62.0' }).totalSize).toBe(0);
    expect(org.service.query(login('worker2'), 'SELECT Id FROM Milestone__c', { apiVersion: '62.0' }).totalSize).toBe(1);
    const error = failure(() => org.service.create(worker, 'Milestone__c', { Name: 'Sneaky', Project__c: theirs }));
    expect(error.errorCode).toBe('INSUFFICIENT_ACCESS_ON_CROSS_REFERENCE_ENTITY');
  });

  test('an object without object permissions does not exist for the user', ({ org, login }) => {
    const worker = login('worker1');
    expect(failure(() => org.service.describe(worker, 'Account')).status).toBe(404);
    expect(failure(() => org.service.create(worker, 'Account', { Name: 'Acme' })).errorCode).toBe('NOT_FOUND');
    expect(org.service.describeGlobal(worker).map((o) => o.name)).not.toContain('Account');
    expect(failure(() => org.service.query(worker, 'SELECT Id FROM Account', { apiVersion: '62.0' })).errorCode).toBe('INVALID_TYPE');
  });

  test('a validation rule using $Permission blocks a user without the custom permission', ({ org, login }) => {
    const error = failure(() => org.service.create(login('worker1'), 'Project__c', { Name: 'Big', Budget__c: 200000 }));
    expect(error).toMatchObject({ errorCode: 'FIELD_CUSTOM_VALIDATION_EXCEPTION', message: 'Budgets above 100,000 need Budget Override.', fields: [] });
  });
});

test.describe('profile plus permission set (manager: Project_User + Project_Manager)', () => {
  test('View All and Delete from the permission set, a hidden field and a custom permission become available', ({ org, login }) => {
    const theirs = org.service.create(login('worker2'), 'Project__c', { Name: 'Theirs' });
    const manager = login('manager');
    expect(org.service.query(manager, 'SELECT Id FROM Project__c', { apiVersion: '62.0' }).records.map((r) => r.Id)).toEqual([theirs]);
    // View All gives read, not edit: the record still belongs to worker2 under a Private OWD.
    expect(failure(() => org.service.update(manager, 'Project__c', theirs, { Budget__c: 1 })).errorCode).toBe('INSUFFICIENT_ACCESS_OR_READONLY');
    const own = org.service.create(manager, 'Project__c', { Name: 'Big', Budget__c: 200000, Secret_Notes__c: 'board approved' });
    expect(org.service.retrieve(manager, 'Project__c', own, ['Secret_Notes__c']).Secret_Notes__c).toBe('board approved');
    org.service.delete(manager, 'Project__c', own);
    expect(failure(() => org.service.retrieve(manager, 'Project__c', own)).errorCode).toBe('NOT_FOUND');
  });

  test('a permission set group grants the union of its permission sets (lead: Project_Leads)', ({ org, login }) => {
    // What worker1, on the same profile without the group, is refused: Budget_Override, Secret_Notes__c, Delete.
    const worker = login('worker1');
    expect(failure(() => org.service.create(worker, 'Project__c', { Name: 'Led', Budget__c: 150000 })).errorCode).toBe('FIELD_CUSTOM_VALIDATION_EXCEPTION');
    expect(failure(() => org.service.create(worker, 'Project__c', { Name: 'Led', Secret_Notes__c: 'ok' })).errorCode).toBe('INVALID_FIELD');
    const workers = org.service.create(worker, 'Project__c', { Name: 'Not deletable' });
    expect(failure(() => org.service.delete(worker, 'Project__c', workers)).errorCode).toBe('INSUFFICIENT_ACCESS_OR_READONLY');

    const lead = login('lead');
    const id = org.service.create(lead, 'Project__c', { Name: 'Led', Budget__c: 150000, Secret_Notes__c: 'ok' });
    expect(org.service.retrieve(lead, 'Project__c', id, ['Budget__c', 'Secret_Notes__c'])).toMatchObject({ Budget__c: 150000, Secret_Notes__c: 'ok' });
    org.service.delete(lead, 'Project__c', id);
    expect(failure(() => org.service.retrieve(lead, 'Project__c', id)).errorCode).toBe('NOT_FOUND');
  });

  test('assigning a permission set takes effect at once; removing the assignment takes it away', ({ org, login }) => {
    const admin = login('admin');
    const worker = login('worker1');
    const permissionSetId = org.service.query(admin, "SELECT Id FROM PermissionSet WHERE Name = 'Project_Manager'", { apiVersion: '62.0' }).records[0]?.Id as string;
    const assignment = org.service.create(admin, 'PermissionSetAssignment', { AssigneeId: worker.userId, PermissionSetId: permissionSetId });
    const fields = (org.service.describe(worker, 'Project__c').fields as { name: string }[]).map((f) => f.name);
    expect(fields).toContain('Secret_Notes__c');
    org.service.delete(admin, 'PermissionSetAssignment', assignment);
    const after = (org.service.describe(worker, 'Project__c').fields as { name: string }[]).map((f) => f.name);
    expect(after).not.toContain('Secret_Notes__c');
  });

  test('a user without Assign Permission Sets cannot assign one', ({ org, login }) => {
    const manager = login('manager');
    const permissionSetId = org.service.query(manager, "SELECT Id FROM PermissionSet WHERE Name = 'Api_Only'", { apiVersion: '62.0' }).records[0]?.Id as string;
    const error = failure(() => org.service.create(manager, 'PermissionSetAssignment', { AssigneeId: manager.userId, PermissionSetId: permissionSetId }));
    expect(error.errorCode).toBe('INSUFFICIENT_ACCESS_OR_READONLY');
  });
});

test.describe('System Administrator', () => {
  test('Modify All Data: sees, edits and deletes everyone\'s records, and every object', ({ org, login }) => {
    const theirs = org.service.create(login('worker2'), 'Project__c', { Name: 'Theirs' });
    const admin = login('admin');
    org.service.update(admin, 'Project__c', theirs, { Secret_Notes__c: 'admin was here', Budget__c: 50000 });
    expect(org.service.retrieve(admin, 'Project__c', theirs, ['Secret_Notes__c']).Secret_Notes__c).toBe('admin was here');
    org.service.delete(admin, 'Project__c', theirs);
    expect(org.service.describeGlobal(admin).map((o) => o.name)).toEqual(expect.arrayContaining(['Account', 'Project__c', 'Milestone__c', 'PermissionSet']));
  });

  test('system fields stay read-only even for the admin', ({ org, login }) => {
    const error = failure(() => org.service.create(login('admin'), 'Project__c', { Name: 'X', CreatedDate: '2020-01-01T00:00:00Z' }));
    expect(error.errorCode).toBe('INVALID_FIELD_FOR_INSERT_UPDATE');
  });
});

test('API Only users get API sessions but no UI session', ({ org }) => {
  const api = org.service.loginWithPassword('integration@service.test', 'integration-pw', 'password');
  expect(org.service.user(api.userId).apiOnly).toBe(true);
  const ui = failure(() => org.service.loginWithPassword('integration@service.test', 'integration-pw', 'ui-login'));
  expect(ui.errorCode).toBe('API_ONLY_USER');
  expect(org.service.user(org.service.loginWithPassword('worker1@service.test', 'worker1-pw', 'ui-login').userId).apiOnly).toBe(false);
});

test('UserRecordAccess answers record-level access per user (owner, hierarchy, peer, View All)', ({ org, login }) => {
  const id = org.service.create(login('worker1'), 'Project__c', { Name: 'Owned' });
  const admin = login('admin');
  const ids = Object.fromEntries((['worker1', 'worker2', 'director', 'manager'] as const).map((p) => [p, login(p).userId]));
  const access = (userId: string) => org.service.query(admin, `SELECT RecordId, HasReadAccess, HasEditAccess, HasDeleteAccess, MaxAccessLevel FROM UserRecordAccess WHERE UserId = '${userId}' AND RecordId = '${id}'`, { apiVersion: '62.0' }).records[0];
  expect(access(ids.worker1!)).toMatchObject({ RecordId: id, HasReadAccess: true, HasEditAccess: true, HasDeleteAccess: false, MaxAccessLevel: 'All' });
  expect(access(ids.director!)).toMatchObject({ HasReadAccess: true, HasEditAccess: true, MaxAccessLevel: 'All' });
  expect(access(ids.worker2!)).toMatchObject({ HasReadAccess: false, HasEditAccess: false, MaxAccessLevel: 'None' });
  expect(access(ids.manager!)).toMatchObject({ HasReadAccess: true, HasEditAccess: false, MaxAccessLevel: 'Read' });
  // The rows exist only for the query that asked.
  expect(failure(() => org.service.query(admin, 'SELECT RecordId FROM UserRecordAccess', { apiVersion: '62.0' })).errorCode).toBe('MALFORMED_QUERY');
});

test('any user may query UserRecordAccess about their own access (no object permission needed)', ({ org, login }) => {
  const worker1 = login('worker1');
  const worker2 = login('worker2');
  const id = org.service.create(worker1, 'Project__c', { Name: 'Asked About' });
  const ask = (session: typeof worker1) => org.service.query(session, `SELECT RecordId, HasReadAccess, HasEditAccess FROM UserRecordAccess WHERE UserId = '${session.userId}' AND RecordId = '${id}'`, { apiVersion: '62.0' }).records[0];
  expect(ask(worker1)).toMatchObject({ RecordId: id, HasReadAccess: true, HasEditAccess: true });
  expect(ask(worker2)).toMatchObject({ RecordId: id, HasReadAccess: false, HasEditAccess: false });
});

test('custom fields on User follow field-level security; the standard User fields follow the object', ({ org, login }) => {
  const admin = login('admin');
  const worker = login('worker1');
  const manager = login('manager');
  const lead = login('lead');
  org.service.update(admin, 'User', manager.userId, { Badge_Number__c: 'B-042' });
  const soql = `SELECT Username, Badge_Number__c FROM User WHERE Id = '${manager.userId}'`;
  // Project_Manager grants read on User.Badge_Number__c: the manager and the lead (through the group) see it.
  for (const reader of [manager, lead]) {
    expect(org.service.query(reader, soql, { apiVersion: '62.0' }).records[0]).toMatchObject({ Badge_Number__c: 'B-042' });
    const field = (org.service.describe(reader, 'User').fields as { name: string; updateable: boolean }[]).find((f) => f.name === 'Badge_Number__c');
    expect(field).toMatchObject({ updateable: false });
  }
  // worker1 has no grant: the field does not exist for them, while Username (standard) needs none.
  expect(failure(() => org.service.query(worker, soql, { apiVersion: '62.0' })).errorCode).toBe('INVALID_FIELD');
  expect((org.service.describe(worker, 'User').fields as { name: string }[]).map((f) => f.name)).not.toContain('Badge_Number__c');
  expect(org.service.query(worker, `SELECT Username FROM User WHERE Id = '${manager.userId}'`, { apiVersion: '62.0' }).records[0]?.Username).toBe('manager@service.test');
  // The administrator holds every field (the built-in System Administrator profile).
  expect(org.service.retrieve(admin, 'User', manager.userId, ['Badge_Number__c']).Badge_Number__c).toBe('B-042');
});
