/**
 * How formulas see ids (`fixtures/ids-org`): a real org gives formula fields, validation rules, default
 * values and workflow formulas the 15-character, case-sensitive id (Salesforce Help, knowledge article
 * 000386186), CASESAFEID turns it into the 18-character one, and flows keep 18 characters.
 *
 * - `Case_File__c` (Read/Write, record type Intake): Parent_File__c (lookup to Case_File__c), Note__c;
 *   text formulas Id_Text__c (`Id`), Safe_Id__c (`CASESAFEID(Id)`), Owner_Id_Text__c (`OwnerId`),
 *   Parent_Id_Text__c (`Parent_File__c`), Parent_Safe_Id__c, Parent_Owner_Id__c (`Parent_File__r.OwnerId`),
 *   Record_Type_Id_Text__c, Viewer_Id__c (`$User.Id`), Viewer_Profile_Id__c (`$Profile.Id`), Org_Id__c
 *   (`$Organization.Id`); checkbox formula Mine__c (`OwnerId = $User.Id`); Creator_Id__c defaults to `$User.Id`.
 * - Rules on Note__c: Admin_Profile_15 ("admin only" needs `$Profile.Id` = the System Administrator
 *   profile's 15-character id as a literal), Admin_Profile_18 (the same with its 18-character id, which never
 *   matches), Owner_Notes_Only ("owner note" needs `OwnerId = $User.Id`).
 * - Workflow rule "Stamp a child of my own file" (formula `Parent_File__r.OwnerId = $User.Id`) writes
 *   Stamped_Parent__c with the formula `Parent_File__c`.
 * - Before-save flow Case_File_Flow_Ids (update, Note__c = "flow") copies `{!$Record.Id}`, `{!$User.Id}` and
 *   a formula resource `{!$Record.Id}` into Flow_Record_Id__c, Flow_User_Id__c, Flow_Formula_Id__c.
 * - Users: admin (System Administrator), alice and bob (Standard User + permission set Case_File_User).
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { WireRecord } from '../../../emulator/contracts.js';
import { expect, failure, orgTest, recordTypeId } from './org-fixture.js';

const IDS_ORG = join(dirname(fileURLToPath(import.meta.url)), 'fixtures', 'ids-org');
const test = orgTest<'admin' | 'alice' | 'bob'>(IDS_ORG, 'ids.test');
const API = { apiVersion: '62.0' };

const short = (id: string): string => id.slice(0, 15);

test('formula fields read every id in its 15-character form; CASESAFEID gives the 18-character one', ({ org, login }) => {
  const alice = login('alice');
  const parent = org.service.create(alice, 'Case_File__c', { Name: 'Parent' });
  const intake = recordTypeId(org, 'Case_File__c', 'Intake');
  const child = org.service.create(alice, 'Case_File__c', { Name: 'Child', Parent_File__c: parent, RecordTypeId: intake });
  const record = org.service.retrieve(alice, 'Case_File__c', child);
  const profileId = String(org.service.query(alice, "SELECT Id FROM Profile WHERE Name = 'Standard User'", API).records[0]?.Id);
  const orgId = String(org.service.query(alice, 'SELECT Id FROM Organization', API).records[0]?.Id);
  expect(pick(record, ['Id_Text__c', 'Safe_Id__c', 'Owner_Id_Text__c', 'Parent_Id_Text__c', 'Parent_Safe_Id__c', 'Parent_Owner_Id__c',
    'Record_Type_Id_Text__c', 'Viewer_Id__c', 'Viewer_Profile_Id__c', 'Org_Id__c'])).toEqual({
    Id_Text__c: short(child),
    Safe_Id__c: child,
    Owner_Id_Text__c: short(alice.userId),
    Parent_Id_Text__c: short(parent),
    Parent_Safe_Id__c: parent,
    Parent_Owner_Id__c: short(alice.userId),
    Record_Type_Id_Text__c: short(intake),
    Viewer_Id__c: short(alice.userId),
    Viewer_Profile_Id__c: short(profileId),
    Org_Id__c: short(orgId),
  });
  // The fields themselves still read 18 characters through the API: only formulas see 15.
  expect(pick(record, ['Id', 'OwnerId', 'Parent_File__c', 'RecordTypeId'])).toEqual({ Id: child, OwnerId: alice.userId, Parent_File__c: parent, RecordTypeId: intake });
  // A file without a parent: the lookup formula is blank, not a shortened nothing.
  expect(pick(org.service.retrieve(alice, 'Case_File__c', parent), ['Parent_Id_Text__c', 'Parent_Safe_Id__c'])).toEqual({ Parent_Id_Text__c: null, Parent_Safe_Id__c: null });
});

test('OwnerId = $User.Id compares two 15-character ids: true for the owner, false for anyone else', ({ org, login }) => {
  const alice = login('alice');
  const bob = login('bob');
  const file = org.service.create(alice, 'Case_File__c', { Name: 'Alice\'s' });
  expect(org.service.retrieve(alice, 'Case_File__c', file).Mine__c).toBe(true);
  expect(org.service.retrieve(bob, 'Case_File__c', file).Mine__c).toBe(false);
  // The same comparison in a validation rule: the owner may write the owner note, bob may not.
  org.service.update(alice, 'Case_File__c', file, { Note__c: 'owner note' });
  org.service.update(alice, 'Case_File__c', file, { Note__c: 'other' });
  expect(failure(() => org.service.update(bob, 'Case_File__c', file, { Note__c: 'owner note' }))).toMatchObject({
    errorCode: 'FIELD_CUSTOM_VALIDATION_EXCEPTION', message: 'Only the owner may write the owner note.', fields: ['Note__c'],
  });
});

test('a 15-character id literal in a validation rule matches the id; an 18-character literal never does (article 000386186)', ({ org, login }) => {
  const admin = login('admin');
  const alice = login('alice');
  // $Profile.Id <> "<System Administrator's 15-character id>": the admin passes, alice is refused.
  org.service.create(admin, 'Case_File__c', { Name: 'Admin note', Note__c: 'admin only' });
  expect(failure(() => org.service.create(alice, 'Case_File__c', { Name: 'Alice note', Note__c: 'admin only' }))).toMatchObject({
    errorCode: 'FIELD_CUSTOM_VALIDATION_EXCEPTION', message: 'Only administrators may file admin-only notes.',
  });
  // The same rule with the profile's 18-character id: the literal never equals the 15-character $Profile.Id,
  // so even the admin is refused, as the help article's "This will fail" example says.
  const adminProfile = String(org.service.query(admin, "SELECT Id FROM Profile WHERE Name = 'System Administrator'", API).records[0]?.Id);
  expect(adminProfile).toBe('00eMg0000VQbGxPIQV');
  expect(failure(() => org.service.create(admin, 'Case_File__c', { Name: 'Admin note 18', Note__c: 'admin only 18' }))).toMatchObject({
    errorCode: 'FIELD_CUSTOM_VALIDATION_EXCEPTION', message: 'The 18-character profile id never matches.',
  });
});

test('a default value of $User.Id stores the 15-character id of the creator', ({ org, login }) => {
  const alice = login('alice');
  const bob = login('bob');
  const mine = org.service.create(alice, 'Case_File__c', { Name: 'Mine' });
  const his = org.service.create(bob, 'Case_File__c', { Name: 'His' });
  expect(org.service.retrieve(alice, 'Case_File__c', mine).Creator_Id__c).toBe(short(alice.userId));
  expect(org.service.retrieve(bob, 'Case_File__c', his).Creator_Id__c).toBe(short(bob.userId));
});

test('workflow formulas see 15 characters too: the criteria match the owner, the field update writes the 15-character lookup', ({ org, login }) => {
  const alice = login('alice');
  const bob = login('bob');
  const alicesParent = org.service.create(alice, 'Case_File__c', { Name: 'Alice\'s parent' });
  const stamped = org.service.create(alice, 'Case_File__c', { Name: 'Alice\'s child', Parent_File__c: alicesParent });
  expect(org.service.retrieve(alice, 'Case_File__c', stamped).Stamped_Parent__c).toBe(short(alicesParent));
  // Bob's child of Alice's file: the criteria (Parent_File__r.OwnerId = $User.Id) do not hold.
  const notStamped = org.service.create(bob, 'Case_File__c', { Name: 'Bob\'s child', Parent_File__c: alicesParent });
  expect(org.service.retrieve(bob, 'Case_File__c', notStamped).Stamped_Parent__c).toBeNull();
});

test('flows keep 18-character ids: $Record.Id, $User.Id and a flow formula of $Record.Id', ({ org, login }) => {
  const alice = login('alice');
  const file = org.service.create(alice, 'Case_File__c', { Name: 'Flowing' });
  org.service.update(alice, 'Case_File__c', file, { Note__c: 'flow' });
  expect(pick(org.service.retrieve(alice, 'Case_File__c', file), ['Flow_Record_Id__c', 'Flow_User_Id__c', 'Flow_Formula_Id__c'])).toEqual({
    Flow_Record_Id__c: file, Flow_User_Id__c: alice.userId, Flow_Formula_Id__c: file,
  });
  // Not run when the entry condition does not hold.
  const other = org.service.create(alice, 'Case_File__c', { Name: 'Still' });
  org.service.update(alice, 'Case_File__c', other, { Note__c: 'no flow' });
  expect(org.service.retrieve(alice, 'Case_File__c', other).Flow_Record_Id__c).toBeNull();
});

test('SOQL filters on a formula that holds a 15-character id match that value, not the 18-character id', ({ org, login }) => {
  const alice = login('alice');
  const file = org.service.create(alice, 'Case_File__c', { Name: 'Filtered' });
  const byShort = org.service.query(alice, `SELECT Id FROM Case_File__c WHERE Id_Text__c = '${short(file)}'`, API).records;
  expect(byShort.map((r) => r.Id)).toEqual([file]);
  expect(org.service.query(alice, `SELECT Id FROM Case_File__c WHERE Id_Text__c = '${file}'`, API).records).toEqual([]);
});

function pick(record: WireRecord, fields: string[]): WireRecord {
  return Object.fromEntries(fields.map((f) => [f, record[f]]));
}
