import { test, expect } from '@playwright/test';
import { SalesforceError } from '../../../emulator/contracts.js';
import { seededOrg } from './seeded-org.js';

const FIELD_HINT = "If you are attempting to use a custom field, be sure to append the '__c' after the custom field name. Please reference your WSDL or the describe call for the appropriate names.";
const RELATIONSHIP_HINT = "If you are attempting to use a custom relationship, be sure to append the '__r' after the custom relationship name. Please reference your WSDL or the describe call for the appropriate names.";
const OBJECT_HINT = "If you are attempting to use a custom object, be sure to append the '__c' after the entity name. Please reference your WSDL or the describe call for the appropriate names.";

/** One row per bad query: the errorCode and the full message a real org answers with (reference §6.4). */
const badQueries: [string, string, string][] = [
  ['SELECT Id, Foo FROM Opportunity', 'INVALID_FIELD',
    `\nSELECT Id, Foo FROM Opportunity\n           ^\nERROR at Row:1:Column:12\nNo such column 'Foo' on entity 'Opportunity'. ${FIELD_HINT}`],
  ['SELECT Account.Foo FROM Contact', 'INVALID_FIELD',
    `\nSELECT Account.Foo FROM Contact\n       ^\nERROR at Row:1:Column:8\nNo such column 'Foo' on entity 'Account'. ${FIELD_HINT}`],
  ['SELECT Id FROM Account\nWHERE Foo__c = 1', 'INVALID_FIELD',
    `\nWHERE Foo__c = 1\n      ^\nERROR at Row:2:Column:7\nNo such column 'Foo__c' on entity 'Account'. ${FIELD_HINT}`],
  ['SELECT Id FROM Widget__c', 'INVALID_TYPE',
    `\nSELECT Id FROM Widget__c\n               ^\nERROR at Row:1:Column:16\nsObject type 'Widget__c' is not supported. ${OBJECT_HINT}`],
  ['SELECT Id, Acount.Name FROM Contact', 'INVALID_FIELD',
    `\nSELECT Id, Acount.Name FROM Contact\n           ^\nERROR at Row:1:Column:12\nDidn't understand relationship 'Acount' in field path. ${RELATIONSHIP_HINT}`],
  ['SELECT Id, (SELECT Id FROM Contactz) FROM Account', 'INVALID_TYPE',
    `\nSELECT Id, (SELECT Id FROM Contactz) FROM Account\n                           ^\nERROR at Row:1:Column:28\nDidn't understand relationship 'Contactz' in FROM part of query call. ${RELATIONSHIP_HINT}`],
  ['SELECT Id, Name FORM Account', 'MALFORMED_QUERY',
    "\nSELECT Id, Name FORM Account\n                     ^\nERROR at Row:1:Column:22\nunexpected token: 'Account'"],
  ["SELECT Id FROM Account WHERE Name = 'x' AND AND", 'MALFORMED_QUERY',
    "\nSELECT Id FROM Account WHERE Name = 'x' AND AND\n                                            ^\nERROR at Row:1:Column:45\nunexpected token: 'AND'"],
  ['SELECT Id FROM Account WHERE', 'MALFORMED_QUERY',
    '\nSELECT Id FROM Account WHERE\n                            ^\nERROR at Row:1:Column:29\nunexpected token: <EOF>'],
  ['', 'MALFORMED_QUERY', '\n\n^\nERROR at Row:1:Column:1\nunexpected token: <EOF>'],
];

test.describe('SOQL errors', () => {
  for (const [soql, errorCode, message] of badQueries) {
    test(`${errorCode}: ${JSON.stringify(soql)}`, () => {
      const org = seededOrg();
      let caught: unknown;
      try {
        org.query(soql);
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(SalesforceError);
      expect(caught).toMatchObject({ errorCode, message, status: 400 });
    });
  }
});
