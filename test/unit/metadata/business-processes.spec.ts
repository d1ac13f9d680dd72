/**
 * Business processes (Support / Sales / Lead processes): the loader reads them, a record type's
 * `<businessProcess>` gives it the process's values and default for Case.Status / Opportunity.StageName /
 * Lead.Status, and a process that does not fit the org is a MetadataError naming the file.
 *
 * Fixture `business-processes`: Case processes "Support Process" (default New) and "Onboarding Process"
 * (Closed, On Hold, Working; default Working, where the master default is New; On Hold comes from the
 * project's CaseStatus standard value set); Opportunity process "Quick Sale"; Case record types Support,
 * Onboarding (also lists Status values of its own, which the process overrides) and Plain (no process);
 * Lead record type Partner (no process). Overlays under `business-process-overlays/` break one thing each.
 */
import { fileURLToPath } from 'node:url';
import { test, expect } from '@playwright/test';
import { describeLoad, loadOrgSchema, MetadataError } from '../../../emulator/metadata/load-project.js';
import type { OrgSchema, RecordTypeDef } from '../../../emulator/metadata/types.js';
import { fixture } from './fixture-paths.js';

const PROJECT = fixture('business-processes');
/** The project's sample org (`org/` at the repository root). */
const SAMPLE_ORG = fileURLToPath(new URL('../../../org', import.meta.url));
const overlay = (name: string): string => fixture(`business-process-overlays/${name}`);

function recordType(schema: OrgSchema, object: string, developerName: string): RecordTypeDef {
  const found = schema.objects.get(object.toLowerCase())?.recordTypes.get(developerName.toLowerCase());
  if (!found) throw new Error(`no record type ${object}.${developerName}`);
  return found;
}

function loadError(overlays: string[]): MetadataError {
  try {
    loadOrgSchema({ source: PROJECT, overlays });
  } catch (error) {
    if (error instanceof MetadataError) return error;
    throw error;
  }
  throw new Error(`loaded without error with ${overlays.join(', ')}`);
}

test('processes are read with their values (the field\'s spelling, file order), default and active flag', () => {
  const schema = loadOrgSchema({ source: PROJECT });
  const processes = schema.objects.get('case')?.businessProcesses;
  expect([...(processes?.keys() ?? [])]).toEqual(['onboarding process', 'support process']);
  expect(processes?.get('onboarding process')).toEqual({
    fullName: 'Case.Onboarding Process',
    name: 'Onboarding Process',
    field: 'Status',
    active: true,
    values: ['Closed', 'On Hold', 'Working'],
    defaultValue: 'Working',
    source: 'force-app/main/default/objects/Case/businessProcesses/Onboarding Process.businessProcess-meta.xml',
  });
  expect(schema.objects.get('opportunity')?.businessProcesses?.get('quick sale')).toMatchObject({
    field: 'StageName', values: ['Closed Lost', 'Closed Won', 'Qualification'], defaultValue: 'Qualification',
  });
});

test('a record type with a process takes the process\'s values and default for the process field', () => {
  const schema = loadOrgSchema({ source: PROJECT });
  const support = recordType(schema, 'Case', 'Support');
  expect(support.businessProcess).toBe('Support Process');
  expect(support.picklistValues.get('status')).toEqual(['Closed', 'Escalated', 'New', 'Working']);
  expect(support.picklistDefaults?.get('status')).toBe('New');
  // Its own picklist values and default for other fields stay.
  expect(support.picklistValues.get('priority')).toEqual(['High', 'Medium']);
  expect(support.picklistDefaults?.get('priority')).toBe('High');

  const quick = recordType(schema, 'Opportunity', 'Quick');
  expect(quick.picklistValues.get('stagename')).toEqual(['Closed Lost', 'Closed Won', 'Qualification']);
  expect(quick.picklistDefaults?.get('stagename')).toBe('Qualification');
});

test('the process wins over Status values the record type lists itself', () => {
  const onboarding = recordType(loadOrgSchema({ source: PROJECT }), 'Case', 'Onboarding');
  expect(onboarding.picklistValues.get('status')).toEqual(['Closed', 'On Hold', 'Working']);
  expect(onboarding.picklistDefaults?.get('status')).toBe('Working');
});

test('record types without a process keep the master values (Case and Lead alike)', () => {
  const schema = loadOrgSchema({ source: PROJECT });
  for (const rt of [recordType(schema, 'Case', 'Plain'), recordType(schema, 'Lead', 'Partner')]) {
    expect(rt.businessProcess).toBeUndefined();
    expect(rt.picklistValues.has('status')).toBe(false);
    expect(rt.picklistDefaults?.has('status')).toBe(false);
  }
});

test('business processes are run, so the load summary no longer lists them as not run', () => {
  const summary = describeLoad(loadOrgSchema({ source: PROJECT }));
  expect(summary).toMatch(/^Loaded \d+ objects/);
  expect(summary).not.toMatch(/businessProcess/);
});

test('the sample org\'s Case record types use its Support and Onboarding processes', () => {
  const schema = loadOrgSchema({ source: SAMPLE_ORG });
  expect(recordType(schema, 'Case', 'Support').picklistValues.get('status')).toEqual(['Closed', 'Escalated', 'New', 'Working']);
  expect(recordType(schema, 'Case', 'Onboarding').picklistValues.get('status')).toEqual(['Closed', 'New', 'Working']);
  expect(recordType(schema, 'Case', 'Onboarding').picklistDefaults?.get('status')).toBe('New');
});

const ERRORS: { overlay: string; file: string; problem: RegExp }[] = [
  {
    overlay: 'unknown-process',
    file: 'unknown-process/objects/Case/recordTypes/Field_Service.recordType-meta.xml',
    problem: /^<businessProcess> "Field Service Process" is not a business process of Case \(its processes: "Onboarding Process", "Support Process"\)$/,
  },
  {
    overlay: 'unknown-value',
    file: 'unknown-value/objects/Case/businessProcesses/Billing Process.businessProcess-meta.xml',
    problem: /^value "Pending Payment" is not a value of Case\.Status$/,
  },
  {
    overlay: 'two-defaults',
    file: 'two-defaults/objects/Lead/businessProcesses/Web Leads.businessProcess-meta.xml',
    problem: /^more than one default value \(Open - Not Contacted, Working - Contacted\)$/,
  },
  {
    overlay: 'not-a-process-object',
    file: 'not-a-process-object/objects/Account/businessProcesses/Key Accounts.businessProcess-meta.xml',
    problem: /^Account has no business processes; only Case, Lead, Opportunity and Solution do$/,
  },
  {
    // An overlay deleting a process that a record type still names: the record type is at fault.
    overlay: 'deleted-process',
    file: 'force-app/main/default/objects/Case/recordTypes/Support.recordType-meta.xml',
    problem: /^<businessProcess> "Support Process" is not a business process of Case \(its processes: "Onboarding Process"\)$/,
  },
];

for (const { overlay: name, file, problem } of ERRORS) {
  test(`${name}: a MetadataError names ${file.split('/').pop() ?? file}`, () => {
    const error = loadError([overlay(name)]);
    expect(error.file).toBe(file);
    expect(error.problem).toMatch(problem);
  });
}
