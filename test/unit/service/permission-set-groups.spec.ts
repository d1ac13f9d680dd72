/**
 * Permission set groups and their muting permission sets, from both sides: what the group's member sets
 * grant is allowed, what its muting set takes away is refused with the error a real org answers, and the
 * same permission held outside the group stays.
 *
 * Fixture `fixtures/psg-org` (profile Basic_User: API only, no access to Invoice__c, OWD Private):
 *   Invoice_Editor   Invoice__c CRUD, FLS edit Amount__c and Notes__c, record type Standard
 *   Invoice_Auditor  Invoice__c Read + View All, FLS edit Approval_Code__c, record type Credit_Note,
 *                    custom permission Approve_Invoices, user permission ViewSetup
 *   Invoice_Team     group of both, muted by Invoice_Team_Muted: Delete (and so Modify All), edit of
 *                    Notes__c (read stays), read of Approval_Code__c, Credit_Note, Approve_Invoices, ViewSetup
 *   rule             Large_Invoices_Need_Approver: Amount__c > 10000 needs $Permission.Approve_Invoices
 *   users            teamer (the group), soloist (both sets directly), mixed (the group + Invoice_Editor
 *                    directly), outsider (profile only), admin
 */
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Session } from '../../../emulator/contracts.js';
import { describeLoad, loadOrgSchema, MetadataError } from '../../../emulator/metadata/load-project.js';
import type { Org } from '../../../emulator/org.js';
import { expect, failure, orgTest, recordTypeId } from './org-fixture.js';

const PSG_ORG = join(dirname(fileURLToPath(import.meta.url)), 'fixtures', 'psg-org');
const API = { apiVersion: '62.0' };

type Persona = 'admin' | 'teamer' | 'soloist' | 'mixed' | 'outsider';

const test = orgTest<Persona>(PSG_ORG, 'psg.test');

function describedFields(org: Org, session: Session): Map<string, { createable: boolean; updateable: boolean }> {
  const fields = org.service.describe(session, 'Invoice__c').fields as { name: string; createable: boolean; updateable: boolean }[];
  return new Map(fields.map((f) => [f.name, f]));
}

function availableRecordTypes(org: Org, session: Session): string[] {
  const infos = org.service.describe(session, 'Invoice__c').recordTypeInfos as { developerName: string; available: boolean }[];
  return infos.filter((r) => r.available).map((r) => r.developerName).sort();
}

test.describe('a user holding the group (teamer: Invoice_Team)', () => {
  test('gets the union of the member sets: creates and edits (Editor), sees every invoice (Auditor\'s View All)', ({ org, login }) => {
    const soloists = org.service.create(login('soloist'), 'Invoice__c', { Name: 'Soloist invoice', Amount__c: 1 });
    const teamer = login('teamer');
    const own = org.service.create(teamer, 'Invoice__c', { Name: 'Team invoice', Amount__c: 100, RecordTypeId: recordTypeId(org, 'Invoice__c', 'Standard') });
    org.service.update(teamer, 'Invoice__c', own, { Amount__c: 200 });
    const visible = org.service.query(teamer, 'SELECT Name, Amount__c, Notes__c FROM Invoice__c ORDER BY Name', API).records;
    expect(visible.map((r) => [r.Name, r.Amount__c])).toEqual([['Soloist invoice', 1], ['Team invoice', 200]]);
    // View All reads, it does not edit: the soloist's invoice stays theirs under a Private OWD.
    expect(failure(() => org.service.update(teamer, 'Invoice__c', soloists, { Amount__c: 2 })).errorCode).toBe('INSUFFICIENT_ACCESS_OR_READONLY');
  });

  test('muted Delete: INSUFFICIENT_ACCESS_OR_READONLY on the user\'s own invoice, and describe says not deletable', ({ org, login }) => {
    const teamer = login('teamer');
    const own = org.service.create(teamer, 'Invoice__c', { Name: 'Mine' });
    expect(failure(() => org.service.delete(teamer, 'Invoice__c', own)).errorCode).toBe('INSUFFICIENT_ACCESS_OR_READONLY');
    expect(org.service.describe(teamer, 'Invoice__c')).toMatchObject({ createable: true, updateable: true, deletable: false });
  });

  test('muted edit of Notes__c: still readable, INVALID_FIELD_FOR_INSERT_UPDATE on write', ({ org, login }) => {
    const teamer = login('teamer');
    const error = failure(() => org.service.create(teamer, 'Invoice__c', { Name: 'Noted', Notes__c: 'hello' }));
    expect(error).toMatchObject({ errorCode: 'INVALID_FIELD_FOR_INSERT_UPDATE', fields: ['Notes__c'] });
    expect(describedFields(org, teamer).get('Notes__c')).toMatchObject({ createable: false, updateable: false });
    const id = org.service.create(login('soloist'), 'Invoice__c', { Name: 'Noted', Notes__c: 'by the soloist' });
    expect(org.service.retrieve(teamer, 'Invoice__c', id, ['Notes__c']).Notes__c).toBe('by the soloist');
  });

  test('muted read of Approval_Code__c: the field does not exist for the user (describe, SOQL, write)', ({ org, login }) => {
    const teamer = login('teamer');
    expect(describedFields(org, teamer).has('Approval_Code__c')).toBe(false);
    const read = failure(() => org.service.query(teamer, 'SELECT Id, Approval_Code__c FROM Invoice__c', API));
    expect(read.errorCode).toBe('INVALID_FIELD');
    expect(read.message).toContain("No such column 'Approval_Code__c' on entity 'Invoice__c'");
    const write = failure(() => org.service.create(teamer, 'Invoice__c', { Name: 'Coded', Approval_Code__c: 'A-1' }));
    expect(write).toMatchObject({ errorCode: 'INVALID_FIELD', message: "No such column 'Approval_Code__c' on sobject of type Invoice__c" });
  });

  test('muted record type Credit_Note: not available, INVALID_CROSS_REFERENCE_KEY on create', ({ org, login }) => {
    const teamer = login('teamer');
    expect(availableRecordTypes(org, teamer)).toEqual(['Standard']);
    const error = failure(() => org.service.create(teamer, 'Invoice__c', { Name: 'Credit', RecordTypeId: recordTypeId(org, 'Invoice__c', 'Credit_Note') }));
    expect(error).toMatchObject({ errorCode: 'INVALID_CROSS_REFERENCE_KEY', fields: ['RecordTypeId'] });
  });

  test('muted custom permission and user permission: the validation rule fires, setup rows are out of reach', ({ org, login }) => {
    const teamer = login('teamer');
    const error = failure(() => org.service.create(teamer, 'Invoice__c', { Name: 'Large', Amount__c: 20000 }));
    expect(error).toMatchObject({ errorCode: 'FIELD_CUSTOM_VALIDATION_EXCEPTION', message: 'Invoices above 10,000 need Approve Invoices.' });
    // Permission rows such as ObjectPermissions need View Setup, which the muting set removes.
    expect(failure(() => org.service.query(teamer, 'SELECT Id FROM ObjectPermissions', API)).errorCode).toBe('INVALID_TYPE');
  });
});

test.describe('the same permission sets outside the group (soloist: Invoice_Editor + Invoice_Auditor)', () => {
  test('nothing is muted: delete, Notes__c edit, Approval_Code__c, Credit_Note, Approve_Invoices, View Setup', ({ org, login }) => {
    const soloist = login('soloist');
    const id = org.service.create(soloist, 'Invoice__c', {
      Name: 'Large credit', Amount__c: 20000, Notes__c: 'n', Approval_Code__c: 'A-1', RecordTypeId: recordTypeId(org, 'Invoice__c', 'Credit_Note'),
    });
    expect(org.service.retrieve(soloist, 'Invoice__c', id, ['Approval_Code__c', 'Notes__c'])).toMatchObject({ Approval_Code__c: 'A-1', Notes__c: 'n' });
    expect(availableRecordTypes(org, soloist)).toEqual(['Credit_Note', 'Standard']);
    expect(org.service.query(soloist, "SELECT Id FROM ObjectPermissions WHERE SobjectType = 'Invoice__c'", API).totalSize).toBeGreaterThan(0);
    org.service.delete(soloist, 'Invoice__c', id);
    expect(failure(() => org.service.retrieve(soloist, 'Invoice__c', id)).errorCode).toBe('NOT_FOUND');
  });
});

test.describe('the group plus a member set assigned directly (mixed: Invoice_Team + Invoice_Editor)', () => {
  test('muting stays inside the group: Delete and Notes__c edit come back through the direct assignment, the Auditor\'s muted grants do not', ({ org, login }) => {
    const mixed = login('mixed');
    const id = org.service.create(mixed, 'Invoice__c', { Name: 'Mixed', Notes__c: 'allowed again' });
    expect(org.service.retrieve(mixed, 'Invoice__c', id, ['Notes__c']).Notes__c).toBe('allowed again');
    // Approval_Code__c and Approve_Invoices come from Invoice_Auditor, held only through the muted group.
    expect(failure(() => org.service.query(mixed, 'SELECT Approval_Code__c FROM Invoice__c', API)).errorCode).toBe('INVALID_FIELD');
    expect(failure(() => org.service.update(mixed, 'Invoice__c', id, { Amount__c: 20000 })).errorCode).toBe('FIELD_CUSTOM_VALIDATION_EXCEPTION');
    org.service.delete(mixed, 'Invoice__c', id);
    expect(failure(() => org.service.retrieve(mixed, 'Invoice__c', id)).errorCode).toBe('NOT_FOUND');
  });
});

test.describe('a user without the group (outsider: profile only)', () => {
  test('Invoice__c does not exist for them', ({ org, login }) => {
    const outsider = login('outsider');
    expect(failure(() => org.service.describe(outsider, 'Invoice__c')).status).toBe(404);
    expect(failure(() => org.service.create(outsider, 'Invoice__c', { Name: 'Nope' })).errorCode).toBe('NOT_FOUND');
    expect(failure(() => org.service.query(outsider, 'SELECT Id FROM Invoice__c', API)).errorCode).toBe('INVALID_TYPE');
  });
});

test.describe('assigning the group through the API', () => {
  test('the org holds the group as data: PermissionSetGroup (Updated), its Group-type permission set and the muted aggregate rows', ({ org, login }) => {
    const admin = login('admin');
    const [group] = org.service.query(admin, 'SELECT Id, DeveloperName, MasterLabel, Status FROM PermissionSetGroup', API).records;
    expect(group).toMatchObject({ DeveloperName: 'Invoice_Team', MasterLabel: 'Invoice Team', Status: 'Updated' });
    const [aggregate] = org.service.query(admin, `SELECT Id, Type FROM PermissionSet WHERE PermissionSetGroupId = '${String(group?.Id)}'`, API).records;
    expect(aggregate?.Type).toBe('Group');
    const objectRows = org.service.query(admin,
      `SELECT PermissionsRead, PermissionsCreate, PermissionsEdit, PermissionsDelete, PermissionsViewAllRecords, PermissionsModifyAllRecords FROM ObjectPermissions WHERE ParentId = '${String(aggregate?.Id)}'`, API).records;
    expect(objectRows).toEqual([expect.objectContaining({
      PermissionsRead: true, PermissionsCreate: true, PermissionsEdit: true, PermissionsDelete: false, PermissionsViewAllRecords: true, PermissionsModifyAllRecords: false,
    })]);
    const fieldRows = org.service.query(admin, `SELECT Field, PermissionsRead, PermissionsEdit FROM FieldPermissions WHERE ParentId = '${String(aggregate?.Id)}' ORDER BY Field`, API).records;
    expect(fieldRows.map((r) => [r.Field, r.PermissionsRead, r.PermissionsEdit])).toEqual([
      ['Invoice__c.Amount__c', true, true],
      ['Invoice__c.Notes__c', true, false],
    ]);
  });

  test('a user definition naming the group is assigned it through PermissionSetGroupId', ({ org, login }) => {
    const rows = org.service.query(login('admin'),
      "SELECT PermissionSetGroup.DeveloperName, PermissionSet.Type FROM PermissionSetAssignment WHERE Assignee.Username = 'teamer@psg.test' AND PermissionSet.IsOwnedByProfile = false", API).records;
    expect(rows).toEqual([expect.objectContaining({
      PermissionSetGroup: expect.objectContaining({ DeveloperName: 'Invoice_Team' }), PermissionSet: expect.objectContaining({ Type: 'Group' }),
    })]);
  });

  test('an admin\'s PermissionSetAssignment with PermissionSetGroupId grants the group (muted) on the user\'s next request; deleting it takes it away', ({ org, login }) => {
    const admin = login('admin');
    const outsider = login('outsider');
    const groupId = org.service.query(admin, "SELECT Id FROM PermissionSetGroup WHERE DeveloperName = 'Invoice_Team'", API).records[0]?.Id as string;
    const assignment = org.service.create(admin, 'PermissionSetAssignment', { AssigneeId: outsider.userId, PermissionSetGroupId: groupId });
    const id = org.service.create(outsider, 'Invoice__c', { Name: 'Now allowed', Amount__c: 5 });
    expect(failure(() => org.service.delete(outsider, 'Invoice__c', id)).errorCode).toBe('INSUFFICIENT_ACCESS_OR_READONLY');
    org.service.delete(admin, 'PermissionSetAssignment', assignment);
    expect(failure(() => org.service.retrieve(outsider, 'Invoice__c', id)).status).toBe(404);
  });

  test('a user without Assign Permission Sets cannot assign the group', ({ org, login }) => {
    const teamer = login('teamer');
    const groupId = org.service.query(teamer, "SELECT Id FROM PermissionSetGroup WHERE DeveloperName = 'Invoice_Team'", API).records[0]?.Id as string;
    const error = failure(() => org.service.create(teamer, 'PermissionSetAssignment', { AssigneeId: login('outsider').userId, PermissionSetGroupId: groupId }));
    expect(error.errorCode).toBe('INSUFFICIENT_ACCESS_OR_READONLY');
  });
});

test.describe('loading groups and muting permission sets', () => {
  test('the load summary counts the group and its muting permission set', () => {
    expect(describeLoad(loadOrgSchema({ source: PSG_ORG }))).toContain('2 permission sets, 1 permission set group, 1 muting permission set, ');
  });

  /** An overlay whose Invoice_Team file (merged over the project's) holds `body`, plus any extra files. */
  function loadError(body: string, extra: Record<string, string> = {}): { error: MetadataError; file: string } {
    const dir = mkdtempSync(join(tmpdir(), 'psg-overlay-'));
    // Overlay files are shown as `<overlay folder>/<path>`.
    const file = join(basename(dir), 'permissionsetgroups', 'Invoice_Team.permissionsetgroup-meta.xml');
    try {
      mkdirSync(join(dir, 'permissionsetgroups'));
      writeFileSync(join(dir, 'permissionsetgroups', 'Invoice_Team.permissionsetgroup-meta.xml'),
        `<?xml version="1.0" encoding="UTF-8"?>\n<PermissionSetGroup xmlns="http://soap.sforce.com/2006/04/metadata">\n<label>Invoice Team</label>\n${body}\n</PermissionSetGroup>\n`);
      for (const [path, content] of Object.entries(extra)) {
        mkdirSync(join(dir, dirname(path)), { recursive: true });
        writeFileSync(join(dir, path), content);
      }
      loadOrgSchema({ source: PSG_ORG, overlays: [dir] });
    } catch (error) {
      if (error instanceof MetadataError) return { error, file };
      throw error;
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    throw new Error('expected a MetadataError');
  }

  const mutingFile = (name: string): Record<string, string> => ({
    [`mutingpermissionsets/${name}.mutingpermissionset-meta.xml`]:
      `<?xml version="1.0" encoding="UTF-8"?>\n<MutingPermissionSet xmlns="http://soap.sforce.com/2006/04/metadata"><label>${name}</label></MutingPermissionSet>\n`,
  });

  const bad: [string, string, Record<string, string>, RegExp][] = [
    ['an unknown member permission set', '<permissionSets>Invoice_Approver</permissionSets>', {}, /<permissionSets> "Invoice_Approver" is not a permission set in this project$/],
    ['an unknown muting permission set', '<mutingPermissionSets>Team_Muted</mutingPermissionSets>', {}, /<mutingPermissionSets> "Team_Muted" is not a muting permission set in this project$/],
    ['a muting permission set as a member', '<permissionSets>Invoice_Team_Muted</permissionSets>', {}, /<permissionSets> "Invoice_Team_Muted" is not a permission set in this project$/],
    ['two muting permission sets', '<mutingPermissionSets>Invoice_Team_Muted</mutingPermissionSets><mutingPermissionSets>Second_Muted</mutingPermissionSets>',
      mutingFile('Second_Muted'), /<mutingPermissionSets> names 2 muting permission sets; a permission set group has at most one$/],
  ];
  for (const [what, body, extra, problem] of bad) {
    test(`a group naming ${what} is a MetadataError naming the group's file and the set`, () => {
      const { error, file } = loadError(body, extra);
      expect(error.file).toBe(file);
      expect(error.problem).toMatch(problem);
    });
  }

  test('a group cannot hold another group', () => {
    const { error } = loadError('<permissionSets>Invoice_Editor</permissionSets><permissionSets>Other_Team</permissionSets>', {
      'permissionsetgroups/Other_Team.permissionsetgroup-meta.xml':
        '<?xml version="1.0" encoding="UTF-8"?>\n<PermissionSetGroup xmlns="http://soap.sforce.com/2006/04/metadata"><label>Other Team</label><permissionSets>Invoice_Auditor</permissionSets></PermissionSetGroup>\n',
    });
    expect(error.problem).toBe('<permissionSets> "Other_Team" is not a permission set in this project');
  });
});
