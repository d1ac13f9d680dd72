/**
 * A save that fails several validation rules reports every failure (reference §1.5, §5.2): the REST
 * body is the array of all errors, which jsforce turns into MULTIPLE_API_ERRORS with the array in
 * `err.data`; a collection item lists them all in `errors`.
 */
import { expect, test, unique } from './fixtures/emulator.fixture.js';

const BOTH_RULES = [
  { errorCode: 'FIELD_CUSTOM_VALIDATION_EXCEPTION', message: 'The name Forbidden is not allowed.', fields: ['Name'] },
  { errorCode: 'FIELD_CUSTOM_VALIDATION_EXCEPTION', message: 'Seats cannot be negative.', fields: ['Seats__c'] },
];

test('single-record create failing two validation rules -> 400 with both errors, MULTIPLE_API_ERRORS in jsforce', async ({ admin, outcome }) => {
  const result = await outcome(() => admin.sobject('Account').create({ Name: 'Forbidden', Seats__c: -1 }));
  expect(result.status).toBe(400);
  expect(result.errorCode).toBe('MULTIPLE_API_ERRORS');
  expect(result.data).toEqual(expect.arrayContaining(BOTH_RULES));
  expect(result.data).toHaveLength(2);
});

test('single-record update failing two validation rules -> both errors, and the record is unchanged', async ({ admin, outcome }) => {
  const name = unique('Two rules');
  const created = await admin.sobject('Account').create({ Name: name, Seats__c: 3 });
  const id = created.id as string;
  const result = await outcome(() => admin.sobject('Account').update({ Id: id, Name: 'Forbidden', Seats__c: -5 }));
  expect(result.status).toBe(400);
  expect(result.errorCode).toBe('MULTIPLE_API_ERRORS');
  expect(result.data).toEqual(expect.arrayContaining(BOTH_RULES));
  const saved = await admin.sobject('Account').retrieve(id, { fields: ['Name', 'Seats__c'] });
  expect(saved).toMatchObject({ Name: name, Seats__c: 3 });
});

test('one failing rule stays a single error (FIELD_CUSTOM_VALIDATION_EXCEPTION, not MULTIPLE_API_ERRORS)', async ({ admin, outcome }) => {
  const result = await outcome(() => admin.sobject('Account').create({ Name: unique('One rule'), Seats__c: -1 }));
  expect(result).toMatchObject({ status: 400, errorCode: 'FIELD_CUSTOM_VALIDATION_EXCEPTION', message: 'Seats cannot be negative.' });
});

test('a collection item failing two rules carries both errors in statusCode shape', async ({ admin }) => {
  const results = await admin.sobject('Account').create([{ Name: 'Forbidden', Seats__c: -2 }, { Name: unique('Fine') }], { allOrNone: false });
  expect(results[0]).toMatchObject({ success: false });
  const errors = (results[0] as { errors: unknown[] }).errors;
  expect(errors).toHaveLength(2);
  expect(errors).toEqual(expect.arrayContaining(BOTH_RULES.map(({ errorCode, ...rest }) => ({ statusCode: errorCode, ...rest }))));
  expect(results[1]).toMatchObject({ success: true });
});
