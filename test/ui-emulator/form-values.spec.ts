import { test, expect } from '@playwright/test';
import { parseDateInput, parseForm, parseTimeInput } from '../../emulator/ui/form-values.js';
import { parseDefaultFieldValues } from '../../emulator/ui/default-field-values.js';
import { uiErrorsOf } from '../../emulator/ui/save-errors.js';
import { SalesforceError, FlowFaultError } from '../../emulator/contracts.js';
import type { FieldInfo } from '../../emulator/ui/object-info.js';

const field = (name: string, type: string): FieldInfo => ({ name, label: name, type, nameField: false, createable: true, updateable: true, defaultValue: null, picklistValues: [], referenceTo: [] });
const FIELDS = [field('Amount', 'currency'), field('Seats', 'int'), field('CloseDate', 'date'), field('Next_Call__c', 'datetime'), field('Active__c', 'boolean'), field('Tags__c', 'multipicklist'), field('Name', 'string')];
const NEW_YORK = { locale: 'en-US', timeZone: 'America/New_York' };
const LONDON = { locale: 'en-GB', timeZone: 'Europe/London' };

test('dates typed the way each locale writes them', () => {
  for (const [text, locale, expected] of [
    ['2025-01-15', 'en-US', { y: 2025, m: 1, d: 15 }],
    ['1/15/2025', 'en-US', { y: 2025, m: 1, d: 15 }],
    ['15/01/2025', 'en-GB', { y: 2025, m: 1, d: 15 }],
    ['Jan 15, 2025', 'en-US', { y: 2025, m: 1, d: 15 }],
    ['January 15, 2025', 'en-US', { y: 2025, m: 1, d: 15 }],
    ['15 Jan 2025', 'en-GB', { y: 2025, m: 1, d: 15 }],
  ] as const) expect(parseDateInput(text, locale), `${text} (${locale})`).toEqual(expected);
  for (const bad of ['2/30/2025', '15/01/2025', 'soon', 'Foo 1, 2025']) expect(parseDateInput(bad, 'en-US'), bad).toBeNull();
});

test('times in 12- and 24-hour forms', () => {
  expect(parseTimeInput('2:30 PM')).toEqual({ h: 14, mi: 30 });
  expect(parseTimeInput('12:05 AM')).toEqual({ h: 0, mi: 5 });
  expect(parseTimeInput('23:59')).toEqual({ h: 23, mi: 59 });
  expect(parseTimeInput('13:00 PM')).toBeNull();
});

test('a submitted form becomes wire values in the user\'s zone', () => {
  const parsed = parseForm({
    Amount: '$1,250.50', Seats: '12', CloseDate: 'Dec 31, 2025', 'Next_Call__c.date': '7/1/2025', 'Next_Call__c.time': '9:00 AM',
    Active__c: true, Tags__c: ['A', 'B'], Name: '  Acme  ',
  }, FIELDS, NEW_YORK);
  expect(parsed.fieldErrors).toEqual({});
  // 9:00 in New York in July (EDT, UTC-4) is 13:00 UTC. Text goes as typed: the org decides about whitespace.
  expect(parsed.values).toEqual({ Amount: 1250.5, Seats: 12, CloseDate: '2025-12-31', Next_Call__c: '2025-07-01T13:00:00.000+0000', Active__c: true, Tags__c: 'A;B', Name: '  Acme  ' });
  expect(parseForm({ 'Next_Call__c.date': '01/07/2025', 'Next_Call__c.time': '09:00' }, FIELDS, LONDON).values).toEqual({ Next_Call__c: '2025-07-01T08:00:00.000+0000' });
});

test('emptied fields are sent as null; bad entries are field errors', () => {
  expect(parseForm({ Amount: '', CloseDate: '', Name: '' }, FIELDS, NEW_YORK).values).toEqual({ Amount: null, CloseDate: null, Name: null });
  expect(parseForm({ Amount: 'lots', CloseDate: 'tomorrow' }, FIELDS, NEW_YORK).fieldErrors).toEqual({
    Amount: 'Enter a valid value.',
    CloseDate: 'Your entry does not match the allowed format MMM d, yyyy.',
  });
});

test('defaultFieldValues: comma-separated pairs with URI-encoded values', () => {
  expect(parseDefaultFieldValues('Name=Smith%2C%20Jones,Phone=555-1234,Bad')).toEqual({ Name: 'Smith, Jones', Phone: '555-1234' });
  expect(parseDefaultFieldValues(null)).toEqual({});
});

test('save failures split into page-level and field-level popover entries', () => {
  expect(uiErrorsOf(new SalesforceError('FIELD_CUSTOM_VALIDATION_EXCEPTION', 'Too generous', ['Discount__c']))).toEqual({ pageErrors: [], fieldErrors: { Discount__c: 'Too generous' } });
  expect(uiErrorsOf(new SalesforceError('FIELD_CUSTOM_VALIDATION_EXCEPTION', 'Needs an amount'))).toEqual({ pageErrors: ['Needs an amount'], fieldErrors: {} });
  expect(uiErrorsOf(new SalesforceError('REQUIRED_FIELD_MISSING', 'Required fields are missing: [Name]', ['Name']))).toEqual({ pageErrors: [], fieldErrors: { Name: 'Complete this field.' } });
  const fault = uiErrorsOf(new FlowFaultError('Onboard', 'Closed Won Onboarding', new Error('FIELD_CUSTOM_VALIDATION_EXCEPTION: nope')));
  expect(fault.pageErrors[0]).toContain('“Closed Won Onboarding” process failed');
});
