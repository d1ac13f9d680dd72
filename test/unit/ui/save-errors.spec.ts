import { expect, test } from '@playwright/test';
import { SalesforceError } from '../../../emulator/contracts.js';
import { SalesforceErrors } from '../../../emulator/service/errors.js';
import { uiErrorsOf } from '../../../emulator/ui/save-errors.js';

test('several failing rules: each message goes under its field or into the page list', () => {
  const errors = new SalesforceErrors([
    new SalesforceError('FIELD_CUSTOM_VALIDATION_EXCEPTION', 'Seats cannot be negative.', ['Seats__c']),
    new SalesforceError('FIELD_CUSTOM_VALIDATION_EXCEPTION', 'Top of page rule.', []),
    new SalesforceError('FIELD_CUSTOM_VALIDATION_EXCEPTION', 'The name Forbidden is not allowed.', ['Name']),
  ]);
  expect(uiErrorsOf(errors)).toEqual({
    pageErrors: ['Top of page rule.'],
    fieldErrors: { Seats__c: 'Seats cannot be negative.', Name: 'The name Forbidden is not allowed.' },
  });
});
