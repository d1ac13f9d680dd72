/**
 * Retrieve, upsert by external id, the replication windows, query paging with locators, and the
 * Tooling writes (flow activation).
 */
import { MultipleChoicesError } from '../../../emulator/service/errors.js';
import { expect, failure, test } from './org-fixture.js';

test('retrieve: attributes first, readable fields only, formula fields computed; ?fields narrows', ({ org, login }) => {
  const worker = login('worker1');
  const id = org.service.create(worker, 'Project__c', { Name: 'P', Budget__c: 60000 });
  const record = org.service.retrieve(worker, 'Project__c', id);
  expect(Object.keys(record)[0]).toBe('attributes');
  expect(record).toMatchObject({ attributes: { type: 'Project__c' }, Id: id, Size__c: 'Large', Budget__c: 60000 });
  expect(record).not.toHaveProperty('Secret_Notes__c');
  expect(org.service.retrieve(worker, 'Project__c', id, ['Name'])).toEqual({ attributes: record.attributes, Name: 'P' });
  expect(failure(() => org.service.retrieve(worker, 'Project__c', id, ['Secret_Notes__c'])).errorCode).toBe('INVALID_FIELD');
  expect(org.service.retrieve(worker, 'Project__c', id.slice(0, 15), ['Name']).Name).toBe('P');
});

test('upsert: creates, then updates, then 300 MULTIPLE_CHOICES when the value is shared', ({ org, login }) => {
  const admin = login('admin');
  const created = org.service.upsert(admin, 'Project__c', 'Code__c', 'C-1', { Name: 'First' });
  expect(created.created).toBe(true);
  const updated = org.service.upsert(admin, 'Project__c', 'Code__c', 'C-1', { Name: 'Renamed' });
  expect(updated).toEqual({ id: created.id, created: false });
  expect(org.service.retrieve(admin, 'Project__c', created.id, ['Name']).Name).toBe('Renamed');

  const a = org.service.create(admin, 'Project__c', { Name: 'A', Legacy_Ref__c: 'L-1' });
  const b = org.service.create(admin, 'Project__c', { Name: 'B', Legacy_Ref__c: 'L-1' });
  const error = failure(() => org.service.upsert(admin, 'Project__c', 'Legacy_Ref__c', 'L-1', { Name: 'C' }));
  expect(error).toBeInstanceOf(MultipleChoicesError);
  expect([error.errorCode, error.status]).toEqual(['MULTIPLE_CHOICES', 300]);
  expect((error as MultipleChoicesError).urls).toEqual([a, b].map((id) => `/services/data/v50.0/sobjects/Project__c/${id}`));
  expect(failure(() => org.service.upsert(admin, 'Project__c', 'Name', 'x', {})).errorCode).toBe('NOT_FOUND');
});

test('updated/deleted: ids in the window, deletions with their date', ({ org, login }) => {
  const admin = login('admin');
  const start = new Date('2025-06-02T08:59:00Z');
  const id = org.service.create(admin, 'Project__c', { Name: 'P' });
  org.advanceClock(60_000);
  org.service.delete(admin, 'Project__c', id);
  const end = new Date('2025-06-02T09:05:00Z');
  expect(org.service.updated(admin, 'Project__c', start, end).ids).toEqual([]);
  const deleted = org.service.deleted(admin, 'Project__c', start, end);
  expect(deleted.deletedRecords).toEqual([{ id, deletedDate: '2025-06-02T09:01:00.000+0000' }]);
  expect(deleted.latestDateCovered).toBe('2025-06-02T09:05:00.000+0000');
  expect(failure(() => org.service.updated(admin, 'Project__c', end, start)).errorCode).toBe('INVALID_REPLICATION_DATE');
});

test('query pages: batches behind 01g locators, queryMore to the end; a foreign locator is refused', ({ org, login }) => {
  const admin = login('admin');
  org.service.transaction(() => {
    for (let i = 0; i < 450; i++) org.service.create(admin, 'Account', { Name: `Account ${String(i).padStart(3, '0')}` });
  });
  const first = org.service.query(admin, 'SELECT Id, Name FROM Account ORDER BY Name', { apiVersion: '62.0', batchSize: 200 });
  expect([first.totalSize, first.done, first.records.length]).toEqual([450, false, 200]);
  expect(first.nextLocator).toMatch(/^01g[A-Za-z0-9]{15}-200$/);
  const second = org.service.queryMore(admin, first.nextLocator!, '62.0');
  expect([second.done, second.records.length, second.nextLocator?.endsWith('-400')]).toEqual([false, 200, true]);
  const third = org.service.queryMore(admin, second.nextLocator!, '62.0');
  expect([third.done, third.records.length, third.nextLocator]).toEqual([true, 50, undefined]);
  expect(third.records.at(-1)?.Name).toBe('Account 449');
  expect(failure(() => org.service.queryMore(login('worker1'), first.nextLocator!, '62.0')).errorCode).toBe('INVALID_QUERY_LOCATOR');
  // A page whose answer was lost is asked for again, the last one too: the cursor lives until it idles out.
  expect(org.service.queryMore(admin, second.nextLocator!, '62.0').records.map((r) => r['Name'])).toEqual(third.records.map((r) => r['Name']));
  org.advanceClock(15 * 60_000 + 1_000);
  expect(failure(() => org.service.queryMore(admin, second.nextLocator!, '62.0')).errorCode).toBe('INVALID_QUERY_LOCATOR');
  expect(org.service.query(admin, 'SELECT Id FROM Account', { apiVersion: '62.0' }).done).toBe(true);
});

test('tooling: flows are listed with their activation, and PATCHing FlowDefinition Metadata deactivates and reactivates', ({ org, login }) => {
  const admin = login('admin');
  const soql = "SELECT Id, DeveloperName, ActiveVersionId, LatestVersionId, Metadata FROM FlowDefinition WHERE DeveloperName = 'Project_Kickoff_Milestone'";
  const before = org.service.query(admin, soql, { apiVersion: '62.0', tooling: true }).records[0]!;
  expect(before.ActiveVersionId).toBe(before.LatestVersionId);
  expect(before.Metadata).toMatchObject({ activeVersionNumber: 1 });

  org.service.update(admin, 'FlowDefinition', String(before.Id), { Metadata: { activeVersionNumber: 0 } });
  const after = org.service.query(admin, soql, { apiVersion: '62.0', tooling: true }).records[0]!;
  expect([after.ActiveVersionId, (after.Metadata as { activeVersionNumber: unknown }).activeVersionNumber]).toEqual([null, null]);
  const id = org.service.create(admin, 'Project__c', { Name: 'Quiet', Kickoff_Hours__c: 3 });
  expect(org.service.query(admin, `SELECT Id FROM Milestone__c WHERE Project__c = '${id}'`, { apiVersion: '62.0' }).totalSize).toBe(0);

  org.service.update(admin, 'FlowDefinition', String(before.Id), { Metadata: { activeVersionNumber: 1 } });
  const again = org.service.create(admin, 'Project__c', { Name: 'Loud', Kickoff_Hours__c: 3 });
  expect(org.service.query(admin, `SELECT Id FROM Milestone__c WHERE Project__c = '${again}'`, { apiVersion: '62.0' }).totalSize).toBe(1);
  expect(failure(() => org.service.update(login('worker1'), 'FlowDefinition', String(before.Id), { Metadata: { activeVersionNumber: 0 } })).errorCode).toBe('NOT_FOUND');
});

test('tooling objects are not visible to the data API, nor data objects to the Tooling API', ({ org, login }) => {
  const admin = login('admin');
  expect(failure(() => org.service.query(admin, 'SELECT Id FROM FlowDefinition', { apiVersion: '62.0' })).errorCode).toBe('INVALID_TYPE');
  expect(failure(() => org.service.query(admin, 'SELECT Id FROM Account', { apiVersion: '62.0', tooling: true })).errorCode).toBe('INVALID_TYPE');
  const rules = org.service.query(admin, "SELECT ValidationName, Active, ErrorMessage FROM ValidationRule WHERE EntityDefinitionId = 'Milestone__c'", { apiVersion: '62.0', tooling: true });
  expect(rules.records).toEqual([expect.objectContaining({ ValidationName: 'Hours_Not_Negative', Active: true, ErrorMessage: 'Hours cannot be negative.' })]);
});

test('limits: DailyApiRequests counts requests against 15000', ({ org }) => {
  expect(org.service.countApiRequest()).toEqual([1, 15000]);
  expect(org.service.countApiRequest()).toEqual([2, 15000]);
  expect(org.service.limits().DailyApiRequests).toEqual({ Max: 15000, Remaining: 14998 });
});

test('seeded system rows: organization, users, profile-owned permission sets and assignments', ({ org, login }) => {
  const admin = login('admin');
  const q = (soql: string) => org.service.query(admin, soql, { apiVersion: '62.0' }).records;
  expect(q('SELECT Id, Name, IsSandbox FROM Organization')).toEqual([expect.objectContaining({ Id: org.service.orgId, Name: 'Service Fixture Org', IsSandbox: false })]);
  // The 7 fixture users, plus the Automated Process user every org has (SOQL finds it in a real org too:
  // `SELECT Id FROM User WHERE Alias = 'autoproc'` is how admins look it up).
  expect(q('SELECT Username FROM User').map((r) => r.Username)).toHaveLength(8);
  expect(q("SELECT Username FROM User WHERE UserType = 'AutomatedProcess'")).toEqual([expect.objectContaining({ Username: `autoproc@${org.service.orgId.toLowerCase()}` })]);
  const managerId = org.service.loginWithPassword('manager@service.test', 'manager-pw', 'soap').userId;
  const assigned = q(`SELECT PermissionSet.Name, PermissionSet.IsOwnedByProfile FROM PermissionSetAssignment WHERE AssigneeId = '${managerId}'`);
  expect(assigned.map((r) => (r.PermissionSet as { IsOwnedByProfile: boolean }).IsOwnedByProfile).sort()).toEqual([false, true]);
  const fieldPermissions = q("SELECT Field, PermissionsEdit FROM FieldPermissions WHERE Parent.Name = 'Project_Manager' ORDER BY Field");
  expect(fieldPermissions).toEqual([
    expect.objectContaining({ Field: 'Project__c.Secret_Notes__c', PermissionsEdit: true }),
    expect.objectContaining({ Field: 'User.Badge_Number__c', PermissionsEdit: false }),
  ]);
});
