/**
 * A custom metadata type's validation rules run against its records at load, as a deploy saves each record
 * through them. Over copies of `fixtures/formula-org` (type Job_Setting__mdt, records Default and Other,
 * rules Start_Month_In_Range on Start_Month__c and Active_Needs_Go_Live, which exempts a record named Draft),
 * with a record changed or added per test.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DegradedLoadError } from '../../../emulator/metadata/load-problems.js';
import { MetadataError } from '../../../emulator/metadata/metadata-error.js';
import { Org } from '../../../emulator/org.js';
import { expect, test } from './org-fixture.js';

const FORMULA_ORG = join(dirname(fileURLToPath(import.meta.url)), 'fixtures', 'formula-org');
const DEFAULT_FILE = 'force-app/main/default/customMetadata/Job_Setting.Default.md-meta.xml';
const OTHER_FILE = 'force-app/main/default/customMetadata/Job_Setting.Other.md-meta.xml';

test('records that pass their type\'s rules load, and their values read as deployed', () => {
  const org = Org.load({ source: FORMULA_ORG });
  try {
    expect(org.summary).not.toContain('Job_Setting');
    expect(org.schema.customMetadataRecords?.get('job_setting__mdt.default')?.values.get('Start_Month__c')).toBe(4);
  } finally {
    org.close();
  }
});

test('a record that breaks a rule fails the load naming its file, the rule and the rule\'s message', () => {
  const error = loadError({ [DEFAULT_FILE]: (xml) => xml.replace(/(<field>Start_Month__c<\/field>\s*<value[^>]*>)4\.0</, '$113.0<') });
  expect(error).toBeInstanceOf(MetadataError);
  expect(error.message).toBe(`${DEFAULT_FILE}: CustomMetadata Job_Setting.Default: validation rule Job_Setting__mdt.Start_Month_In_Range (on Start_Month__c) fails: Start month is a month: 1 to 12.`);
});

test('every broken record and rule is named at once; a rule exempting a record by its DeveloperName exempts it', () => {
  const error = loadError({
    // Other: month 0 and active without a go-live date (two rules); Draft: the same, but exempt from the second.
    [OTHER_FILE]: (xml) => xml.replace(/(<field>Start_Month__c<\/field>\s*<value[^>]*>)10\.0</, '$10.0<').replace('</CustomMetadata>', `${activeValue}</CustomMetadata>`),
    'force-app/main/default/customMetadata/Job_Setting.Draft.md-meta.xml': () => readFileSync(join(FORMULA_ORG, OTHER_FILE), 'utf8')
      .replace('<label>Other Region</label>', '<label>Draft</label>').replace('</CustomMetadata>', `${activeValue}</CustomMetadata>`),
  });
  expect(error.message.split('\n')[0]).toBe('2 problems in the project (a deploy would reject them too):');
  const lines = error.message.split('\n').slice(1).map((l) => l.trim()).sort();
  expect(lines).toEqual([
    `${OTHER_FILE}: CustomMetadata Job_Setting.Other: validation rule Job_Setting__mdt.Active_Needs_Go_Live fails: An active setting needs a go-live date.`,
    `${OTHER_FILE}: CustomMetadata Job_Setting.Other: validation rule Job_Setting__mdt.Start_Month_In_Range (on Start_Month__c) fails: Start month is a month: 1 to 12.`,
  ]);
});

test('a rule that reads the deploying user is not checked at load: listed as degraded, refused by a strict load', () => {
  const rule = `<?xml version="1.0" encoding="UTF-8"?>
<ValidationRule xmlns="http://soap.sforce.com/2006/04/metadata">
    <fullName>Admins_Only</fullName>
    <active>true</active>
    <errorConditionFormula>$Profile.Name &lt;&gt; &quot;System Administrator&quot;</errorConditionFormula>
    <errorMessage>Only administrators deploy job settings.</errorMessage>
</ValidationRule>`;
  const project = copyWith({ 'force-app/main/default/objects/Job_Setting__mdt/validationRules/Admins_Only.validationRule-meta.xml': () => rule });
  try {
    const org = Org.load({ source: project });
    try {
      expect(org.summary).toContain('force-app/main/default/objects/Job_Setting__mdt/validationRules/Admins_Only.validationRule-meta.xml: ValidationRule Job_Setting__mdt.Admins_Only: '
        + 'reads $Profile.Name, which depends on the user deploying the records -> not checked against the type\'s customMetadata records at load');
    } finally {
      org.close();
    }
    expect(() => Org.load({ source: project, strict: true })).toThrow(DegradedLoadError);
  } finally {
    rmSync(project, { recursive: true, force: true });
  }
});

const activeValue = `    <values>
        <field>Active__c</field>
        <value xsi:type="xsd:boolean">true</value>
    </values>
`;

/** A copy of the fixture with files rewritten (`path` -> new text from the old one, '' when it is new). */
function copyWith(files: Record<string, (xml: string) => string>): string {
  const copy = mkdtempSync(join(tmpdir(), 'mdt-rules-'));
  cpSync(FORMULA_ORG, copy, { recursive: true });
  for (const [path, rewrite] of Object.entries(files)) {
    let before = '';
    try {
      before = readFileSync(join(copy, path), 'utf8');
    } catch {
      // a new file
    }
    const after = rewrite(before);
    expect(after).not.toBe(before);
    writeFileSync(join(copy, path), after);
  }
  return copy;
}

function loadError(files: Record<string, (xml: string) => string>): Error {
  const project = copyWith(files);
  try {
    Org.load({ source: project }).close();
  } catch (error) {
    return error as Error;
  } finally {
    rmSync(project, { recursive: true, force: true });
  }
  throw new Error('expected the load to fail');
}
