/**
 * A project's own namespace prefix (`fixtures/namespaced-org`, `"namespace": "kennel"` in its
 * sfdx-project.json), as AnimalShelterStarter's `animalshelters`: its formulas, rules and flows name its
 * components `kennel__X__c`, which resolve to the project's `X__c`.
 *
 * - `Kennel__c` (City__c) and `Dog__c` (lookup Kennel__c, Age__c, Nickname__c); formulas Kennel_City__c
 *   (`kennel__Kennel__r.kennel__City__c`) and Greeting__c (`$Label.kennel__Dog_Greeting & " " & Name`).
 * - Rule Not_Too_Old: `kennel__Age__c > $Setup.kennel__Kennel_Settings__c.kennel__Max_Age__c` (hierarchy
 *   setting Kennel_Settings__c, Max_Age__c defaulting to 20).
 * - Before-save flow Dog_Nickname on `kennel__Dog__c` (when it has a kennel): Get Records of
 *   `kennel__Kennel__c` by `$Record.kennel__Kennel__c`, then Nickname__c = "{Name} of {Get_Kennel.kennel__City__c}".
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Org } from '../../../emulator/org.js';
import { expect, failure, orgTest } from './org-fixture.js';

const NAMESPACED_ORG = join(dirname(fileURLToPath(import.meta.url)), 'fixtures', 'namespaced-org');
const test = orgTest<'admin'>(NAMESPACED_ORG, 'kennel.test');
const API = { apiVersion: '62.0' };

test('the project loads with every prefixed reference resolved: nothing degraded', ({ org }) => {
  expect(org.summary).not.toContain('degraded');
  expect(org.schema.namespace).toBe('kennel');
});

test('formulas and validation rules read prefixed fields, relationships, settings and labels', ({ org, login }) => {
  const admin = login('admin');
  const kennel = org.service.create(admin, 'Kennel__c', { Name: 'North', City__c: 'Oslo' });
  const rex = org.service.create(admin, 'Dog__c', { Name: 'Rex', Kennel__c: kennel, Age__c: 5 });
  expect(org.service.retrieve(admin, 'Dog__c', rex, ['Kennel_City__c', 'Greeting__c'])).toMatchObject({ Kennel_City__c: 'Oslo', Greeting__c: 'Good dog, Rex' });
  // The rule reads kennel__Age__c against $Setup.kennel__Kennel_Settings__c.kennel__Max_Age__c (default 20).
  expect(failure(() => org.service.create(admin, 'Dog__c', { Name: 'Old Tom', Age__c: 25 }))).toMatchObject({
    errorCode: 'FIELD_CUSTOM_VALIDATION_EXCEPTION', message: 'This kennel takes dogs up to its maximum age.', fields: ['Age__c'],
  });
  org.service.create(admin, 'Dog__c', { Name: 'Old but fine', Age__c: 20 });
});

test('a flow on kennel__Dog__c runs on Dog__c saves and reads prefixed fields from its Get Records', ({ org, login }) => {
  const admin = login('admin');
  const kennel = org.service.create(admin, 'Kennel__c', { Name: 'North', City__c: 'Oslo' });
  const rex = org.service.create(admin, 'Dog__c', { Name: 'Rex', Kennel__c: kennel });
  expect(org.service.retrieve(admin, 'Dog__c', rex).Nickname__c).toBe('Rex of Oslo');
  // Its entry condition: a dog without a kennel gets no nickname.
  const stray = org.service.create(admin, 'Dog__c', { Name: 'Stray' });
  expect(org.service.retrieve(admin, 'Dog__c', stray).Nickname__c).toBeNull();
});

test('the API takes either spelling and answers with the source\'s names', ({ org, login }) => {
  const admin = login('admin');
  const kennel = org.service.create(admin, 'kennel__Kennel__c', { Name: 'South', kennel__City__c: 'Bergen' });
  org.service.create(admin, 'kennel__Dog__c', { Name: 'Bella', kennel__Kennel__c: kennel, kennel__Age__c: 3 });
  const rows = org.service.query(admin, 'SELECT Name, kennel__Age__c, kennel__Kennel__r.kennel__City__c FROM kennel__Dog__c', API).records;
  expect(rows.map(({ attributes: _attributes, ...row }) => row)).toEqual([{ Name: 'Bella', Age__c: 3, Kennel__r: expect.objectContaining({ City__c: 'Bergen' }) }]);
  const children = org.service.query(admin, 'SELECT Name, (SELECT Name FROM kennel__Dogs__r) FROM Kennel__c', API).records;
  expect((children[0]?.Dogs__r as { records: { Name: string }[] }).records.map((r) => r.Name)).toEqual(['Bella']);
  expect(org.service.describe(admin, 'kennel__Dog__c')).toMatchObject({ name: 'Dog__c' });
});

test('without the namespace in sfdx-project.json, the same references are a managed package\'s: degraded, not resolved', () => {
  const copy = mkdtempSync(join(tmpdir(), 'no-namespace-'));
  try {
    cpSync(NAMESPACED_ORG, copy, { recursive: true });
    const project = join(copy, 'sfdx-project.json');
    writeFileSync(project, readFileSync(project, 'utf8').replace('"namespace": "kennel"', '"namespace": ""'));
    const org = Org.load({ source: copy });
    try {
      expect(org.summary).toContain('CustomField Dog__c.Kennel_City__c');
      expect(org.summary).toContain('ValidationRule Dog__c.Not_Too_Old');
      expect(org.schema.namespace).toBeUndefined();
    } finally {
      org.close();
    }
  } finally {
    rmSync(copy, { recursive: true, force: true });
  }
});
