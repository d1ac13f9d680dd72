/**
 * Formula coverage from both sides, through the org service as real users, over the fixture project
 * `fixtures/formula-org`:
 *
 * - `Job__c` (OWD Read/Write): formula fields with IMAGE (Status_Icon__c), CASESAFEID (Safe_Id__c),
 *   HYPERLINK (Open_Link__c), `Owner:User.FirstName`, `Owner:Queue.QueueName`, `$CustomMetadata`
 *   (Start_Month__c from record Default, Other_Region__c from record Other), `$Label` (Budget_Label__c),
 *   `$Api.Partner_Server_URL_540`; Region__c defaults to `$CustomMetadata...Default.Region__c`; rule
 *   Budget_Cap compares Budget__c with Default's Max_Budget__c while Default is Active__c; before-save
 *   flow Job_Stamp writes `$Label.Job_Stamp & " " & $CustomMetadata...Default.Region__c` on red jobs.
 * - `Job_Task__c` looks up a job: Job_Owner_Last_Name__c is `Job__r.Owner:User.LastName`. Before-save flow
 *   Job_Task_Owner_Echo reads polymorphic owner paths in its elements: Get_Job (Id, Name only), Get_Owner
 *   (User filtered on `Get_Job.Owner:User.Id`), then assigns Owner_Echo__c (`$Record.Job__r.Owner:User.FirstName`),
 *   Owner_Username__c (`Get_Owner.Username`), Queue_Echo__c (`Get_Job.Owner:Queue.QueueName`), Owner_Note__c (a
 *   text template of `$Record.Job__r.Owner:User.LastName`) and Owner_Initial__c (a formula of the first name).
 * - `Job_Setting__mdt` with records Default (4, 50,000, EMEA, active, go-live 2025-01-01) and Other
 *   (10, 10, APAC, inactive, no go-live); its rules Start_Month_In_Range and Active_Needs_Go_Live (not for a
 *   record named Draft) hold for both (custom-metadata-rules.spec.ts breaks them).
 * - Users: admin (System Administrator), alice and bob (profile Job_User); alice also holds permission set
 *   Job_Settings_Reader, which grants API access to Job_Setting__mdt (`<customMetadataTypeAccesses>`).
 */
import { compileFormula } from '../../../emulator/formula/index.js';
import { compileContext, globalValue, recordFormulaContext } from '../../../emulator/service/formula-context.js';
import { orgTest, expect, failure } from './org-fixture.js';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const FORMULA_ORG = join(dirname(fileURLToPath(import.meta.url)), 'fixtures', 'formula-org');
const test = orgTest<'admin' | 'alice' | 'bob'>(FORMULA_ORG, 'formula.test');
const API = { apiVersion: '62.0' };

test.describe('IMAGE, HYPERLINK and CASESAFEID', () => {
  test('a green job gets the IMAGE markup a real org returns, an amber one gets none', ({ org, login }) => {
    const alice = login('alice');
    const green = org.service.create(alice, 'Job__c', { Name: 'Green job', Status__c: 'Green' });
    const red = org.service.create(alice, 'Job__c', { Name: 'Red job', Status__c: 'Red' });
    const amber = org.service.create(alice, 'Job__c', { Name: 'Amber job', Status__c: 'Amber' });
    expect(org.service.retrieve(alice, 'Job__c', green).Status_Icon__c)
      .toBe('<img src="/img/samples/light_green.gif" alt="On track" style="height:16px; width:16px;" border="0"/>');
    expect(org.service.retrieve(alice, 'Job__c', red).Status_Icon__c).toBe('<img src="/img/samples/light_red.gif" alt="Late" border="0"/>');
    expect(org.service.retrieve(alice, 'Job__c', amber).Status_Icon__c).toBeNull();
  });

  test('HYPERLINK gives the anchor with the record name escaped; describe marks both HTML-formatted, other formulas not', ({ org, login }) => {
    const alice = login('alice');
    const id = org.service.create(alice, 'Job__c', { Name: 'R&D <lab>' });
    // `"/" & Id`: formulas see the 15-character id (formula-ids.spec.ts), so the link holds it.
    expect(org.service.retrieve(alice, 'Job__c', id).Open_Link__c).toBe(`<a href="/${id.slice(0, 15)}" target="_self">R&amp;D &lt;lab&gt;</a>`);
    const fields = org.service.describe(alice, 'Job__c').fields as { name: string; htmlFormatted: boolean; calculated: boolean }[];
    const htmlFormatted = (name: string): boolean | undefined => fields.find((f) => f.name === name)?.htmlFormatted;
    expect(htmlFormatted('Status_Icon__c')).toBe(true);
    expect(htmlFormatted('Open_Link__c')).toBe(true);
    expect(htmlFormatted('Safe_Id__c')).toBe(false);
    expect(htmlFormatted('Name')).toBe(false);
  });

  test('CASESAFEID(Id) is each record\'s own 18-character id', ({ org, login }) => {
    const alice = login('alice');
    const first = org.service.create(alice, 'Job__c', { Name: 'First' });
    const second = org.service.create(alice, 'Job__c', { Name: 'Second' });
    expect(org.service.retrieve(alice, 'Job__c', first).Safe_Id__c).toBe(first);
    expect(org.service.retrieve(alice, 'Job__c', second).Safe_Id__c).toBe(second);
    // Through SOQL too, where formula fields are computed for the row.
    const rows = org.service.query(alice, `SELECT Id, Safe_Id__c FROM Job__c WHERE Id = '${first.slice(0, 15)}'`, API).records;
    expect(rows.map((r) => r.Safe_Id__c)).toEqual([first]);
  });
});

test.describe('polymorphic owner paths', () => {
  test('Owner:User.FirstName reads the owning user, so each owner\'s job shows its own name', ({ org, login }) => {
    const alice = login('alice');
    const bob = login('bob');
    const alicesJob = org.service.create(alice, 'Job__c', { Name: 'Alice job' });
    const bobsJob = org.service.create(bob, 'Job__c', { Name: 'Bob job' });
    expect(org.service.retrieve(bob, 'Job__c', alicesJob).Owner_First_Name__c).toBe('Alice');
    expect(org.service.retrieve(alice, 'Job__c', bobsJob).Owner_First_Name__c).toBe('Bob');
    // A user owns both, so the Queue path reads blank, as on a real org.
    expect(org.service.retrieve(alice, 'Job__c', alicesJob).Owner_Queue_Name__c).toBeNull();
  });

  test('on a job a queue owns, Owner:Queue.QueueName reads the queue and Owner:User.FirstName is blank', ({ org, login }) => {
    // Queues are not modelled beyond their Group row (no QueueSobject check, no queue sharing), but an
    // admin can create one through the API and give it a record, so the path is read as a real org reads it.
    const admin = login('admin');
    const queue = org.service.create(admin, 'Group', { Name: 'Support Queue', DeveloperName: 'Support_Queue', Type: 'Queue' });
    const job = org.service.create(admin, 'Job__c', { Name: 'Queued job' });
    org.service.update(admin, 'Job__c', job, { OwnerId: queue });
    expect(org.service.retrieve(admin, 'Job__c', job)).toMatchObject({ Owner_Queue_Name__c: 'Support Queue', Owner_First_Name__c: null });
  });

  test('Job__r.Owner:User.LastName follows the lookup, then the owner, and follows an ownership change', ({ org, login }) => {
    const alice = login('alice');
    const admin = login('admin');
    const job = org.service.create(alice, 'Job__c', { Name: 'Shared job' });
    const task = org.service.create(alice, 'Job_Task__c', { Name: 'Task', Job__c: job });
    const orphan = org.service.create(alice, 'Job_Task__c', { Name: 'No job' });
    expect(org.service.retrieve(alice, 'Job_Task__c', task).Job_Owner_Last_Name__c).toBe('Archer');
    expect(org.service.retrieve(alice, 'Job_Task__c', orphan).Job_Owner_Last_Name__c).toBeNull();
    const bobId = org.service.query(admin, "SELECT Id FROM User WHERE Username = 'bob@formula.test'", API).records[0]?.Id;
    org.service.update(admin, 'Job__c', job, { OwnerId: bobId });
    expect(org.service.retrieve(alice, 'Job_Task__c', task).Job_Owner_Last_Name__c).toBe('Baker');
  });
});

test.describe('$CustomMetadata', () => {
  test('formula fields read the record they name, each its own', ({ org, login }) => {
    const alice = login('alice');
    const job = org.service.retrieve(alice, 'Job__c', org.service.create(alice, 'Job__c', { Name: 'Settings' }));
    expect(job.Start_Month__c).toBe(4);
    expect(job.Other_Region__c).toBe('APAC');
    // A default value reads it too: a new job's Region__c is Default's region unless one is given.
    expect(job.Region__c).toBe('EMEA');
    const given = org.service.retrieve(alice, 'Job__c', org.service.create(alice, 'Job__c', { Name: 'Given', Region__c: 'AMER' }));
    expect(given.Region__c).toBe('AMER');
  });

  test('the standard fields of a record read from its definition; an unknown record or field is not answered', ({ org, login }) => {
    const alice = login('alice');
    const host = org.service.pipeline.formulaHost({ access: org.service.security.accessFor(alice.userId), systemMode: false });
    const read = (record: string, field: string): unknown => globalValue(host, ['$CustomMetadata', 'Job_Setting__mdt', record, field]);
    expect(read('Other', 'DeveloperName')).toBe('Other');
    expect(read('Other', 'MasterLabel')).toBe('Other Region');
    expect(read('Other', 'Label')).toBe('Other Region');
    expect(read('Other', 'QualifiedApiName')).toBe('Other');
    expect(read('Other', 'NamespacePrefix')).toBeNull();
    // A checkbox the record leaves out is unchecked; a date it sets to nil is blank.
    expect(read('Other', 'Active__c')).toBe(false);
    expect(read('Other', 'Go_Live__c')).toBeNull();
    expect(read('Default', 'Go_Live__c')).toBe('2025-01-01');
    expect(read('Missing', 'Region__c')).toBeUndefined();
    expect(read('Default', 'Nope__c')).toBeUndefined();
  });

  test('a validation rule compares with the record\'s value: above the cap fails, at the cap saves', ({ org, login }) => {
    const alice = login('alice');
    const error = failure(() => org.service.create(alice, 'Job__c', { Name: 'Too big', Budget__c: 50000.01 }));
    expect(error.errorCode).toBe('FIELD_CUSTOM_VALIDATION_EXCEPTION');
    expect(error.message).toBe('The budget is above the cap in Job Setting Default.');
    expect(error.fields).toEqual(['Budget__c']);
    const id = org.service.create(alice, 'Job__c', { Name: 'At the cap', Budget__c: 50000 });
    expect(org.service.retrieve(alice, 'Job__c', id).Budget__c).toBe(50000);
  });

  test('SOQL reads the records as Job_Setting__mdt rows, values typed by the field definitions', ({ org, login }) => {
    const alice = login('alice');
    const rows = org.service.query(alice, 'SELECT DeveloperName, MasterLabel, Label, QualifiedApiName, NamespacePrefix, Start_Month__c, Max_Budget__c, Active__c, Go_Live__c, Region__c FROM Job_Setting__mdt ORDER BY DeveloperName', API).records
      .map(({ attributes: _attributes, ...row }) => row);
    expect(rows).toEqual([
      { DeveloperName: 'Default', MasterLabel: 'Default', Label: 'Default', QualifiedApiName: 'Default', NamespacePrefix: null, Start_Month__c: 4, Max_Budget__c: 50000, Active__c: true, Go_Live__c: '2025-01-01', Region__c: 'EMEA' },
      { DeveloperName: 'Other', MasterLabel: 'Other Region', Label: 'Other Region', QualifiedApiName: 'Other', NamespacePrefix: null, Start_Month__c: 10, Max_Budget__c: 10, Active__c: false, Go_Live__c: null, Region__c: 'APAC' },
    ]);
    const other = org.service.query(alice, "SELECT Id, Region__c FROM Job_Setting__mdt WHERE DeveloperName = 'Other'", API).records;
    expect(other.map((r) => r.Region__c)).toEqual(['APAC']);
    expect(String(other[0]?.Id)).toMatch(/^m00\w{15}$/);
  });

  test('API access to the type needs a grant or Customize Application; formulas and rules read it for every user', ({ org, login }) => {
    const admin = login('admin');
    const alice = login('alice');
    const bob = login('bob');
    const soql = "SELECT DeveloperName FROM Job_Setting__mdt WHERE DeveloperName = 'Default'";
    // alice through her permission set's grant, the admin through Customize Application.
    for (const reader of [alice, admin]) {
      expect(org.service.query(reader, soql, API).records.map((r) => r.DeveloperName)).toEqual(['Default']);
      expect(org.service.describe(reader, 'Job_Setting__mdt')).toMatchObject({ name: 'Job_Setting__mdt' });
    }
    const globalNames = (session: typeof bob): string[] => org.service.describeGlobal(session).map((o) => String(o.name));
    expect(globalNames(alice)).toContain('Job_Setting__mdt');
    // bob has neither: the type is unknown to him, as on a real org with "Restrict access to custom metadata types".
    expect(failure(() => org.service.query(bob, soql, API))).toMatchObject({ errorCode: 'INVALID_TYPE' });
    expect(failure(() => org.service.query(bob, soql, API)).message).toContain("sObject type 'Job_Setting__mdt' is not supported.");
    expect(failure(() => org.service.describe(bob, 'Job_Setting__mdt'))).toMatchObject({ errorCode: 'NOT_FOUND' });
    expect(globalNames(bob)).not.toContain('Job_Setting__mdt');
    // His formula fields and validation rules still read $CustomMetadata.
    const job = org.service.create(bob, 'Job__c', { Name: 'Bob job', Budget__c: 100 });
    expect(org.service.retrieve(bob, 'Job__c', job).Start_Month__c).toBe(4);
    expect(failure(() => org.service.create(bob, 'Job__c', { Name: 'Too big', Budget__c: 50000.01 })).message).toBe('The budget is above the cap in Job Setting Default.');
  });

  test('describe shows the type read-only, even to an admin, and every DML on it is refused', ({ org, login }) => {
    const admin = login('admin');
    const describe = org.service.describe(admin, 'Job_Setting__mdt');
    expect(describe).toMatchObject({ name: 'Job_Setting__mdt', custom: true, createable: false, updateable: false, deletable: false, queryable: true });
    const names = (describe.fields as { name: string }[]).map((f) => f.name);
    expect(names).toEqual(expect.arrayContaining(['DeveloperName', 'MasterLabel', 'Label', 'QualifiedApiName', 'NamespacePrefix', 'Start_Month__c', 'Region__c']));
    const id = String(org.service.query(admin, "SELECT Id FROM Job_Setting__mdt WHERE DeveloperName = 'Default'", API).records[0]?.Id);
    for (const dml of [
      () => org.service.create(admin, 'Job_Setting__mdt', { DeveloperName: 'New', MasterLabel: 'New' }),
      () => org.service.update(admin, 'Job_Setting__mdt', id, { Region__c: 'AMER' }),
      () => org.service.delete(admin, 'Job_Setting__mdt', id),
    ]) {
      const error = failure(dml);
      expect(error.errorCode).toBe('INSUFFICIENT_ACCESS_OR_READONLY');
      expect(error.message).toBe('entity is read-only');
    }
    expect(org.service.query(admin, "SELECT Region__c FROM Job_Setting__mdt WHERE DeveloperName = 'Default'", API).records[0]?.Region__c).toBe('EMEA');
  });
});

test.describe('polymorphic owner paths in flow elements', () => {
  test('element references, a record filter, a text template and a formula follow Owner:User to the user who owns the job', ({ org, login }) => {
    const admin = login('admin');
    const alice = login('alice');
    const job = org.service.create(alice, 'Job__c', { Name: 'Alice job' });
    const task = org.service.create(alice, 'Job_Task__c', { Name: 'Wire', Job__c: job });
    const echoed = ['Owner_Echo__c', 'Owner_Username__c', 'Queue_Echo__c', 'Owner_Note__c', 'Owner_Initial__c'];
    expect(pickFields(org.service.retrieve(admin, 'Job_Task__c', task), echoed)).toEqual({
      Owner_Echo__c: 'Alice', Owner_Username__c: 'alice@formula.test', Queue_Echo__c: null, Owner_Note__c: 'Owner: Archer', Owner_Initial__c: 'A',
    });
    // Bob takes the job over: the next save of the task follows the new owner.
    const bobId = String(org.service.query(admin, "SELECT Id FROM User WHERE Username = 'bob@formula.test'", API).records[0]?.Id);
    org.service.update(admin, 'Job__c', job, { OwnerId: bobId });
    org.service.update(admin, 'Job_Task__c', task, { Name: 'Wire again' });
    expect(pickFields(org.service.retrieve(admin, 'Job_Task__c', task), echoed)).toMatchObject({ Owner_Echo__c: 'Bob', Owner_Username__c: 'bob@formula.test', Owner_Note__c: 'Owner: Baker' });
  });

  test('on a job a queue owns, the Owner:User paths read blank and Owner:Queue reads the queue', ({ org, login }) => {
    const admin = login('admin');
    const queue = org.service.create(admin, 'Group', { Name: 'Support Queue', DeveloperName: 'Support_Queue', Type: 'Queue' });
    const job = org.service.create(admin, 'Job__c', { Name: 'Queued job' });
    org.service.update(admin, 'Job__c', job, { OwnerId: queue });
    const task = org.service.create(admin, 'Job_Task__c', { Name: 'Triage', Job__c: job });
    expect(pickFields(org.service.retrieve(admin, 'Job_Task__c', task), ['Owner_Echo__c', 'Owner_Username__c', 'Queue_Echo__c', 'Owner_Note__c', 'Owner_Initial__c'])).toEqual({
      Owner_Echo__c: null, Owner_Username__c: null, Queue_Echo__c: 'Support Queue', Owner_Note__c: 'Owner: ', Owner_Initial__c: null,
    });
  });
});

test.describe('$Label, flows, $Api', () => {
  test('a formula field reads the label; a flow writes label and custom metadata on the jobs it runs for only', ({ org, login }) => {
    const alice = login('alice');
    const red = org.service.retrieve(alice, 'Job__c', org.service.create(alice, 'Job__c', { Name: 'Red', Status__c: 'Red', Budget__c: 100 }));
    expect(red.Budget_Label__c).toBe('Budget: 100');
    expect(red.Stamp__c).toBe('Stamped EMEA');
    const green = org.service.retrieve(alice, 'Job__c', org.service.create(alice, 'Job__c', { Name: 'Green', Status__c: 'Green' }));
    expect(green.Stamp__c).toBeNull();
    expect(green.Budget_Label__c).toBe('Budget: ');
  });

  test('$Api.Partner_Server_URL_540 is the SOAP endpoint on the org\'s instance URL once it is served, blank before', ({ org, login }) => {
    const alice = login('alice');
    const id = org.service.create(alice, 'Job__c', { Name: 'Api' });
    expect(org.service.retrieve(alice, 'Job__c', id).Partner_Url__c).toBeNull();
    org.service.setInstanceUrl('http://127.0.0.1:18201/');
    expect(org.service.retrieve(alice, 'Job__c', id).Partner_Url__c).toBe(`http://127.0.0.1:18201/services/Soap/u/54.0/${org.service.orgId.slice(0, 15)}`);
  });

  test('$System.OriginDateTime is 1900-01-01 GMT; $Label and $CustomMetadata paths that do not exist do not compile', ({ org, login }) => {
    const alice = login('alice');
    const host = org.service.pipeline.formulaHost({ access: org.service.security.accessFor(alice.userId), systemMode: false });
    const evaluate = (source: string): unknown => compileFormula(source, compileContext(org.schema, 'Job__c', 'CustomField Job__c.Test__c'))
      .evaluate(recordFormulaContext(host, 'Job__c', {}, null));
    expect(evaluate('$System.OriginDateTime')).toBe('1900-01-01T00:00:00.000+0000');
    expect(evaluate('TODAY() - DATEVALUE($System.OriginDateTime) > 45000')).toBe(true);
    expect(evaluate('$Label.Job_Stamp')).toBe('Stamped');
    expect(() => evaluate('$Label.No_Such_Label')).toThrow('CustomField Job__c.Test__c: unknown field $Label.No_Such_Label');
    expect(() => evaluate('$CustomMetadata.Job_Setting__mdt.Missing.Region__c')).toThrow('unknown field $CustomMetadata.Job_Setting__mdt.Missing.Region__c');
    expect(() => evaluate('$Api.Session_Token')).toThrow('unknown field $Api.Session_Token');
  });

  test('the load summary counts the function list', ({ org }) => {
    expect(org.summary).toContain('formula functions: 93 of 104 implemented; not implemented (page, report, button or model only): GETSESSIONID,');
    expect(org.summary).toContain('formulas compiled: 3 validation rule(s), 10 formula field(s), 1 default value(s)');
  });
});

function pickFields(record: Record<string, unknown>, fields: string[]): Record<string, unknown> {
  return Object.fromEntries(fields.map((f) => [f, record[f]]));
}
