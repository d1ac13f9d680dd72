/**
 * Effective access is cached per user (a bulk job would otherwise recompute it for every row); the
 * cache must never outlive the rows it came from: assignments written, or rolled back.
 */
import type { Session } from '../../../emulator/contracts.js';
import type { Org } from '../../../emulator/org.js';
import { expect, test } from './org-fixture.js';

function canSeeSecretNotes(org: Org, session: Session): boolean {
  return org.service.security.accessFor(session.userId).fieldReadable('Project__c', 'Secret_Notes__c');
}

test('an assignment made and then rolled back leaves no access behind, even if read in between', ({ org, login }) => {
  const admin = login('admin');
  const worker = login('worker1');
  const permissionSetId = org.service.query(admin, "SELECT Id FROM PermissionSet WHERE Name = 'Project_Manager'", { apiVersion: '62.0' }).records[0]?.Id as string;
  expect(canSeeSecretNotes(org, worker)).toBe(false);
  const rollback = new Error('roll back');
  expect(() => org.service.transaction(() => {
    org.service.create(admin, 'PermissionSetAssignment', { AssigneeId: worker.userId, PermissionSetId: permissionSetId });
    // Read (and cached) while the uncommitted assignment is visible.
    expect(canSeeSecretNotes(org, worker)).toBe(true);
    throw rollback;
  })).toThrow(rollback);
  expect(canSeeSecretNotes(org, worker)).toBe(false);
});

test('the same user gets the same cached access until a source table changes', ({ org, login }) => {
  const worker = login('worker1');
  // Logging in stamps User.LastLoginDate (a User write), so both sessions exist before the first read.
  const admin = login('admin');
  const first = org.service.security.accessFor(worker.userId);
  expect(org.service.security.accessFor(worker.userId)).toBe(first);
  org.service.create(worker, 'Project__c', { Name: 'Unrelated write' });
  expect(org.service.security.accessFor(worker.userId)).toBe(first);
  org.service.update(admin, 'User', worker.userId, { Title: 'Renamed' });
  expect(org.service.security.accessFor(worker.userId)).not.toBe(first);
});

test('a save refused by a validation rule rolls back without dropping anyone\'s cached access', ({ org, login }) => {
  const worker = login('worker1');
  const first = org.service.security.accessFor(worker.userId);
  expect(() => org.service.create(worker, 'Project__c', { Name: 'Refused', Budget__c: 250000 })).toThrow(/Budgets above 100,000 need Budget Override\./);
  expect(org.service.query(worker, "SELECT Id FROM Project__c WHERE Name = 'Refused'", { apiVersion: '62.0' }).records).toEqual([]);
  expect(org.service.security.accessFor(worker.userId)).toBe(first);
});

test('a UserRecordAccess query leaves no rows behind and keeps cached access; a repeated id answers once', ({ org, login }) => {
  const admin = login('admin');
  const worker = login('worker1');
  const id = org.service.create(worker, 'Project__c', { Name: 'Asked about' });
  const first = org.service.security.accessFor(worker.userId);
  const rows = org.service.query(admin, `SELECT RecordId, HasEditAccess FROM UserRecordAccess WHERE UserId = '${worker.userId}' AND RecordId IN ('${id}', '${id}')`, { apiVersion: '62.0' }).records;
  expect(rows).toEqual([expect.objectContaining({ RecordId: id, HasEditAccess: true })]);
  expect(org.service.security.accessFor(worker.userId)).toBe(first);
  // Asked again, the same answer: the virtual rows of the first query were removed, not left to collide.
  expect(org.service.query(admin, `SELECT RecordId FROM UserRecordAccess WHERE UserId = '${worker.userId}' AND RecordId = '${id}'`, { apiVersion: '62.0' }).records).toHaveLength(1);
});
