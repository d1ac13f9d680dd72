/**
 * System validation on save, each failure in Salesforce's words (reference §8).
 */
import { expect, failure, test } from './org-fixture.js';

const cases: { name: string; values: Record<string, unknown>; code: string; message: string; fields: string[] }[] = [
  { name: 'required field missing', values: { Budget__c: 1 }, code: 'REQUIRED_FIELD_MISSING', message: 'Required fields are missing: [Name]', fields: ['Name'] },
  { name: 'text too long', values: { Name: 'P', Code__c: 'ABCDEFGHIJK' }, code: 'STRING_TOO_LONG', message: 'Code: data value too large: ABCDEFGHIJK (max length=10)', fields: ['Code__c'] },
  { name: 'restricted picklist', values: { Name: 'P', Status__c: 'Paused' }, code: 'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST', message: 'Status: bad value for restricted picklist field: Paused', fields: ['Status__c'] },
  { name: 'unknown field', values: { Name: 'P', Colour__c: 'red' }, code: 'INVALID_FIELD', message: "No such column 'Colour__c' on sobject of type Project__c", fields: [] },
  { name: 'Id in a create body', values: { Id: 'a015g0000000001AAA', Name: 'P' }, code: 'INVALID_FIELD', message: 'The Id field should not be specified in the sobject data.', fields: [] },
  { name: 'formula field', values: { Name: 'P', Size__c: 'Huge' }, code: 'INVALID_FIELD_FOR_INSERT_UPDATE', message: 'Unable to create/update fields: Size__c. Please check the security settings of this field and verify that it is read/write for your profile or permission set.', fields: ['Size__c'] },
  { name: 'number of the wrong type', values: { Name: 'P', Budget__c: 'lots' }, code: 'JSON_PARSER_ERROR', message: 'Cannot deserialize instance of currency from VALUE_STRING value lots or request may be missing a required field', fields: ['Budget__c'] },
  { name: 'number beyond the precision', values: { Name: 'P', Kickoff_Hours__c: 123456 }, code: 'NUMBER_OUTSIDE_VALID_RANGE', message: 'Kickoff Hours: value outside of valid range on numeric field: 123456', fields: ['Kickoff_Hours__c'] },
  { name: 'malformed owner id', values: { Name: 'P', OwnerId: 'INVALID_OWNER' }, code: 'MALFORMED_ID', message: 'Owner ID: id value of incorrect type: INVALID_OWNER', fields: ['OwnerId'] },
];

for (const c of cases) {
  test(`create: ${c.name} -> ${c.code}`, ({ org, login }) => {
    const error = failure(() => org.service.create(login('admin'), 'Project__c', c.values));
    expect({ code: error.errorCode, message: error.message, fields: error.fields }).toEqual({ code: c.code, message: c.message, fields: c.fields });
    expect(org.service.query(login('admin'), 'SELECT Id FROM Project__c', { apiVersion: '62.0' }).totalSize).toBe(0);
  });
}

test('unique external id: a second record with the same value (any case) is DUPLICATE_VALUE', ({ org, login }) => {
  const admin = login('admin');
  const first = org.service.create(admin, 'Project__c', { Name: 'A', Code__c: 'P-1' });
  const error = failure(() => org.service.create(admin, 'Project__c', { Name: 'B', Code__c: 'p-1' }));
  expect([error.errorCode, error.message]).toEqual(['DUPLICATE_VALUE', `duplicate value found: Code__c duplicates value on record with id: ${first}`]);
});

test('lookups: wrong object, missing record, deleted record', ({ org, login }) => {
  const admin = login('admin');
  const account = org.service.create(admin, 'Account', { Name: 'Acme' });
  expect(failure(() => org.service.create(admin, 'Milestone__c', { Name: 'M', Project__c: account })).errorCode).toBe('FIELD_INTEGRITY_EXCEPTION');
  expect(failure(() => org.service.create(admin, 'Milestone__c', { Name: 'M', Project__c: 'a015g0000000099AAA' })).errorCode).toBe('INVALID_CROSS_REFERENCE_KEY');
  const project = org.service.create(admin, 'Project__c', { Name: 'P' });
  org.service.delete(admin, 'Project__c', project);
  expect(failure(() => org.service.create(admin, 'Milestone__c', { Name: 'M', Project__c: project })).errorCode).toBe('ENTITY_IS_DELETED');
});

test('update: required field set to null, deleted record, unknown record', ({ org, login }) => {
  const admin = login('admin');
  const id = org.service.create(admin, 'Project__c', { Name: 'P' });
  expect(failure(() => org.service.update(admin, 'Project__c', id, { Name: null })).errorCode).toBe('REQUIRED_FIELD_MISSING');
  org.service.delete(admin, 'Project__c', id);
  expect(failure(() => org.service.update(admin, 'Project__c', id, { Name: 'Q' }))).toMatchObject({ errorCode: 'ENTITY_IS_DELETED', message: 'entity is deleted' });
  expect(failure(() => org.service.update(admin, 'Project__c', 'a015g0000000099AAA', { Name: 'Q' })).status).toBe(404);
  expect(failure(() => org.service.update(admin, 'Project__c', 'a015g0000000099AAB', { Name: 'Q' })).errorCode).toBe('MALFORMED_ID');
});

test('defaults on create: owner, checkbox default, picklist default, audit fields by the org clock', ({ org, login }) => {
  const worker = login('worker1');
  const id = org.service.create(worker, 'Project__c', { Name: 'P' });
  expect(org.service.retrieve(worker, 'Project__c', id, ['OwnerId', 'Approved__c', 'Status__c', 'CreatedDate', 'CreatedById'])).toMatchObject({
    OwnerId: worker.userId, Approved__c: false, Status__c: 'Planned', CreatedDate: '2025-06-02T09:00:00.000+0000', CreatedById: worker.userId,
  });
});

test('deleting a project moves its milestones to the recycle bin with it', ({ org, login }) => {
  const admin = login('admin');
  const id = org.service.create(admin, 'Project__c', { Name: 'P', Kickoff_Hours__c: 1 });
  org.service.delete(admin, 'Project__c', id);
  expect(org.service.query(admin, 'SELECT Id FROM Milestone__c', { apiVersion: '62.0' }).totalSize).toBe(0);
  expect(org.service.query(admin, 'SELECT Id FROM Milestone__c', { apiVersion: '62.0', scanAll: true }).totalSize).toBe(1);
});

test('platform-derived fields: opportunity stage flags and probability, case closure, contact full name', ({ org, login }) => {
  const admin = login('admin');
  const opportunity = org.service.create(admin, 'Opportunity', { Name: 'Deal', StageName: 'Prospecting', CloseDate: '2025-07-01' });
  const read = (fields: string[]) => org.service.retrieve(admin, 'Opportunity', opportunity, fields);
  expect(read(['IsClosed', 'IsWon', 'Probability', 'ForecastCategoryName'])).toMatchObject({ IsClosed: false, IsWon: false, Probability: 10, ForecastCategoryName: 'Pipeline' });
  org.service.update(admin, 'Opportunity', opportunity, { StageName: 'Closed Won' });
  expect(read(['IsClosed', 'IsWon', 'Probability', 'ForecastCategory'])).toMatchObject({ IsClosed: true, IsWon: true, Probability: 100, ForecastCategory: 'Closed' });
  org.service.update(admin, 'Opportunity', opportunity, { StageName: 'Closed Lost', Probability: 5 });
  expect(read(['IsClosed', 'IsWon', 'Probability'])).toMatchObject({ IsClosed: true, IsWon: false, Probability: 5 });

  const kase = org.service.create(admin, 'Case', { Subject: 'Help', Status: 'New' });
  org.service.update(admin, 'Case', kase, { Status: 'Closed' });
  expect(org.service.retrieve(admin, 'Case', kase, ['IsClosed', 'ClosedDate'])).toMatchObject({ IsClosed: true, ClosedDate: '2025-06-02T09:00:00.000+0000' });

  const contact = org.service.create(admin, 'Contact', { FirstName: 'Ada', LastName: 'Lovelace' });
  expect(org.service.retrieve(admin, 'Contact', contact, ['Name']).Name).toBe('Ada Lovelace');
});
