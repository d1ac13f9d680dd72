/**
 * The Lightning helpers: layouts resolved per user and mode, record type choices, lookup search and
 * record names, all under the same security as the API.
 */
import type { ResolvedLayoutItem } from '../../../emulator/contracts.js';
import { expect, failure, test } from './org-fixture.js';

const items = (sections: { rows: ResolvedLayoutItem[][] }[]): ResolvedLayoutItem[] => sections.flatMap((s) => s.rows.flat());

test('a generated layout lists readable fields only, with edit access from FLS and required from the schema', ({ org, login }) => {
  const worker = items(org.service.layout(login('worker1'), 'Project__c', null, 'create'));
  const names = worker.map((i) => i.field);
  expect(names).toEqual(expect.arrayContaining(['Name', 'Budget__c', 'Status__c', 'Approved__c']));
  expect(names).not.toContain('Secret_Notes__c');
  expect(worker.find((i) => i.field === 'Name')).toMatchObject({ editable: true, required: true });
  expect(worker.find((i) => i.field === 'Approved__c')).toMatchObject({ editable: false, required: false });
  expect(worker.find((i) => i.field === 'Status__c')?.picklistValues).toEqual([
    { value: 'Planned', label: 'Planned' }, { value: 'Active', label: 'Active' }, { value: 'Closed', label: 'Closed' },
  ]);
  expect(items(org.service.layout(login('manager'), 'Project__c', null, 'edit')).map((i) => i.field)).toContain('Secret_Notes__c');
  expect(items(org.service.layout(login('worker1'), 'Project__c', null, 'view')).find((i) => i.field === 'Size__c')).toMatchObject({ editable: false });
});

test('a generated layout\'s System Information holds "Created By" and "Last Modified By", read-only, and no separate dates', ({ org, login }) => {
  const sections = org.service.layout(login('worker1'), 'Project__c', null, 'view');
  const system = sections.find((s) => s.label === 'System Information');
  expect(system?.rows.flat().map((i) => [i.field, i.label, i.editable])).toEqual([
    ['CreatedById', 'Created By', false],
    ['LastModifiedById', 'Last Modified By', false],
  ]);
  expect(items(sections).map((i) => i.field)).not.toEqual(expect.arrayContaining(['CreatedDate']));
  expect(items(sections).map((i) => i.field)).not.toEqual(expect.arrayContaining(['LastModifiedDate']));
});

test('the Owner is never a form input (Lightning changes owners through Change Owner), even for the admin', ({ org, login }) => {
  for (const mode of ['view', 'edit', 'create'] as const) {
    const owner = items(org.service.layout(login('admin'), 'Project__c', null, mode)).find((i) => i.field === 'OwnerId');
    expect(owner, mode).toMatchObject({ editable: false, required: false });
  }
  // The API still sets it.
  const admin = login('admin');
  const id = org.service.create(admin, 'Project__c', { Name: 'Handed Over' });
  org.service.update(admin, 'Project__c', id, { OwnerId: login('worker1').userId });
  expect(org.service.retrieve(admin, 'Project__c', id, ['OwnerId']).OwnerId).toBe(login('worker1').userId);
});

test('lookup search finds visible records by name, prefix matches first', ({ org, login }) => {
  const worker = login('worker1');
  const alpha = org.service.create(worker, 'Project__c', { Name: 'Alpha Launch' });
  const beta = org.service.create(worker, 'Project__c', { Name: 'Beta Alpha' });
  org.service.create(login('worker2'), 'Project__c', { Name: 'Alpha Hidden' });
  expect(org.service.lookupSearch(worker, 'Project__c', 'alpha', 10)).toEqual([{ id: alpha, name: 'Alpha Launch' }, { id: beta, name: 'Beta Alpha' }]);
  expect(org.service.lookupSearch(worker, 'Project__c', 'alpha', 1)).toHaveLength(1);
});

test('a User lookup offers people, never the Automated Process user', ({ org, login }) => {
  const admin = login('admin');
  const everyone = org.service.lookupSearch(admin, 'User', '', 50).map((u) => u.name);
  expect(everyone.length).toBeGreaterThan(1);
  expect(everyone).not.toContain('Automated Process');
  expect(org.service.lookupSearch(admin, 'User', 'automated', 50)).toEqual([]);
  // The user exists all the same: SOQL finds it, as in a real org.
  const rows = org.service.query(admin, "SELECT Alias FROM User WHERE UserType = 'AutomatedProcess'", { apiVersion: '62.0' }).records;
  expect(rows.map((r) => r.Alias)).toEqual(['autoproc']);
});

test('record names: the name field, or First Last for people; invisible records are NOT_FOUND', ({ org, login }) => {
  const admin = login('admin');
  const contact = org.service.create(admin, 'Contact', { FirstName: 'Grace', LastName: 'Hopper' });
  expect(org.service.recordName(admin, 'Contact', contact)).toBe('Grace Hopper');
  const theirs = org.service.create(login('worker2'), 'Project__c', { Name: 'Theirs' });
  expect(org.service.recordName(admin, 'Project__c', theirs)).toBe('Theirs');
  expect(failure(() => org.service.recordName(login('worker1'), 'Project__c', theirs)).errorCode).toBe('NOT_FOUND');
});

test('record types: the profile default, more from a permission set; describe availability; create defaults and refuses invisible ones', ({ org, login }) => {
  const worker = login('worker1');
  const manager = login('manager');
  const choices = org.service.recordTypeChoices(worker, 'Project__c');
  expect(choices).toEqual([expect.objectContaining({ developerName: 'Internal', label: 'Internal', isDefault: true })]);
  const managerChoices = org.service.recordTypeChoices(manager, 'Project__c').map((c) => [c.developerName, c.isDefault]);
  expect(managerChoices.sort()).toEqual([['Client', false], ['Internal', true]]);

  const infos = org.service.describe(worker, 'Project__c').recordTypeInfos as { developerName: string; available: boolean; defaultRecordTypeMapping: boolean }[];
  expect(infos.map((i) => [i.developerName, i.available, i.defaultRecordTypeMapping]).sort()).toEqual([
    ['Client', false, false], ['Internal', true, true], ['Master', false, false],
  ]);

  const id = org.service.create(worker, 'Project__c', { Name: 'Typed' });
  expect(org.service.retrieve(worker, 'Project__c', id, ['RecordTypeId']).RecordTypeId).toBe(choices[0]!.id);
  const client = org.service.recordTypeChoices(manager, 'Project__c').find((c) => c.developerName === 'Client')!;
  const error = failure(() => org.service.create(worker, 'Project__c', { Name: 'Nope', RecordTypeId: client.id }));
  expect([error.errorCode, error.message]).toEqual(['INVALID_CROSS_REFERENCE_KEY', `Record Type ID: this ID value isn't valid for the user: ${client.id}`]);

  // The layout's picklist values follow the record type.
  const internal = items(org.service.layout(worker, 'Project__c', choices[0]!.id, 'create')).find((i) => i.field === 'Status__c');
  expect(internal?.picklistValues?.map((v) => v.value)).toEqual(['Planned', 'Active']);
});
