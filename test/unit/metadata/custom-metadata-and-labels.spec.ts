/**
 * `customMetadata/` records and `labels/` as the loader reads them, over the service fixture project
 * `formula-org` (type Job_Setting__mdt with records Default and Other; labels Job_Budget_Label and
 * Job_Stamp), with overlays that break or replace them.
 */
import { test, expect } from '@playwright/test';
import { fileURLToPath } from 'node:url';
import { loadOrgSchema, MetadataError } from '../../../emulator/metadata/load-project.js';
import { fixture } from './fixture-paths.js';

const FORMULA_ORG = fileURLToPath(new URL('../service/fixtures/formula-org', import.meta.url));
const overlay = (name: string): string => fixture(`custom-metadata-overlays/${name}`);

function loadError(overlays: string[]): MetadataError {
  try {
    loadOrgSchema({ source: FORMULA_ORG, overlays });
  } catch (error) {
    if (error instanceof MetadataError) return error;
    throw error;
  }
  throw new Error('loaded without error');
}

test('records are typed by the fields of their type; labels are read with their values', () => {
  const schema = loadOrgSchema({ source: FORMULA_ORG });
  const record = schema.customMetadataRecords?.get('job_setting__mdt.default');
  expect(record).toMatchObject({ type: 'Job_Setting__mdt', developerName: 'Default', label: 'Default', protected: false });
  expect(Object.fromEntries(record?.values ?? [])).toEqual({ Start_Month__c: 4, Max_Budget__c: 50000, Region__c: 'EMEA', Active__c: true, Go_Live__c: '2025-01-01' });
  // `xsi:nil` is blank; a field the record leaves out is absent.
  expect(Object.fromEntries(schema.customMetadataRecords?.get('job_setting__mdt.other')?.values ?? [])).toEqual({ Start_Month__c: 10, Max_Budget__c: 10, Region__c: 'APAC', Go_Live__c: null });
  expect([...(schema.customLabels?.values() ?? [])].map((l) => [l.name, l.value])).toEqual([['Job_Budget_Label', 'Budget'], ['Job_Stamp', 'Stamped']]);
  // Records and labels are loaded, not listed among the metadata the emulator does not run.
  expect([...schema.unsupported.keys()]).not.toContain('md');
  expect([...schema.unsupported.keys()]).not.toContain('labels');
});

test('an overlay replaces a record and a label, and adds a one-label file', () => {
  const schema = loadOrgSchema({ source: FORMULA_ORG, overlays: [overlay('replacements')] });
  const record = schema.customMetadataRecords?.get('job_setting__mdt.default');
  expect(record).toMatchObject({ label: 'Default (release 2)', protected: true });
  expect(Object.fromEntries(record?.values ?? [])).toEqual({ Region__c: 'AMER' });
  expect(schema.customLabels?.get('job_stamp')?.value).toBe('Stamped again');
  expect(schema.customLabels?.get('job_budget_label')?.value).toBe('Budget');
  expect(schema.customLabels?.get('job_greeting')?.value).toBe('Hello');
});

const CASES: { name: string; file: string; problem: string }[] = [
  { name: 'unknown-field', file: 'unknown-field/customMetadata/Job_Setting.Broken.md-meta.xml', problem: '<field> "Nope__c" is not a custom field of Job_Setting__mdt' },
  { name: 'bad-value', file: 'bad-value/customMetadata/Job_Setting.Broken.md-meta.xml', problem: '<value> "soon" of Go_Live__c is not a valid date' },
  {
    name: 'unknown-type', file: 'unknown-type/customMetadata/Ghost_Setting.Default.md-meta.xml',
    problem: 'Ghost_Setting__mdt is not a custom metadata type in this project (no objects/Ghost_Setting__mdt/Ghost_Setting__mdt.object-meta.xml)',
  },
];

for (const { name, file, problem } of CASES) {
  test(`a record a deploy would refuse fails the load naming its file: ${name}`, () => {
    const error = loadError([overlay(name)]);
    expect(error.file).toBe(file);
    expect(error.problem).toBe(problem);
  });
}
