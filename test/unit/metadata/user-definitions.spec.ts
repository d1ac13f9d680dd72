/** `sf org create user` definition files become UserDefs; problems name the file and the field. */
import { test, expect } from '@playwright/test';
import { MetadataError } from '../../../emulator/metadata/metadata-error.js';
import { loadUserDefinitions } from '../../../emulator/metadata/users.js';
import { fixture } from './fixture-paths.js';

test('a single-user file: known fields, permsets, role, password, other User fields passed through', () => {
  const [rep] = loadUserDefinitions([fixture('users/sales-rep.json')]);
  expect(rep).toEqual({
    Username: 'rep@postflight.test', LastName: 'Rep', FirstName: 'Sally', Email: 'rep@postflight.test', Alias: 'srep',
    profileName: 'Standard User', permsets: ['Invoice_Clerk'], role: 'Sales_Manager', password: 'Welcome123!',
    extra: { TimeZoneSidKey: 'Europe/Paris', LocaleSidKey: 'fr_FR' }, source: fixture('users/sales-rep.json'),
  });
});

test('a file holding an array of users; a user without password gets a generated one', () => {
  const users = loadUserDefinitions([fixture('users/team.json')]);
  expect(users.map((u) => u.Username)).toEqual(['admin@postflight.test', 'viewer@postflight.test']);
  expect(users[0]).toMatchObject({ password: 'Admin123!', permsets: [], role: undefined });
  expect(users[1]?.password).toMatch(/^Pf1[A-Za-z0-9_-]{16}$/);
  expect(users[1]?.extra).toEqual({});
});

test('a missing required field is a MetadataError naming the file and the field', () => {
  const file = fixture('users/missing-email.json');
  expect(() => loadUserDefinitions([file])).toThrow(MetadataError);
  expect(() => loadUserDefinitions([file])).toThrow(new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: invalid user definition: Email: `));
});

test('the same username twice (case-insensitive) is rejected', () => {
  expect(() => loadUserDefinitions([fixture('users/sales-rep.json'), fixture('users/duplicate.json')])).toThrow(/Username REP@postflight\.test is already defined in .*sales-rep\.json/);
});

test('a file that is not JSON', () => {
  expect(() => loadUserDefinitions([fixture('basic/force-app/main/default/lwc/invoiceCard/invoiceCard.js')])).toThrow(/is not a readable JSON user definition/);
});
