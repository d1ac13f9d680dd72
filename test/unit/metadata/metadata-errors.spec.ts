/**
 * A project that cannot load fails with a MetadataError whose message starts with the file at fault; a
 * project with several such problems fails with one MetadataErrors listing every one.
 */
import { test, expect } from '@playwright/test';
import { loadOrgSchema, MetadataError } from '../../../emulator/metadata/load-project.js';
import { MetadataErrors } from '../../../emulator/metadata/metadata-error.js';
import { fixture } from './fixture-paths.js';

function loadError(source: string, overlays: string[] = []): MetadataError {
  try {
    loadOrgSchema({ source, overlays });
  } catch (error) {
    if (error instanceof MetadataError) return error;
    throw error;
  }
  throw new Error(`${source} loaded without error`);
}

const CASES: { project: string; file: string; problem: RegExp }[] = [
  { project: 'malformed-xml', file: 'force-app/main/default/objects/Thing__c/fields/Size__c.field-meta.xml', problem: /^malformed XML at line 6, column \d+: .*CustomFeld/ },
  { project: 'bad-field-type', file: 'force-app/main/default/objects/Opportunity/fields/Discount__c.field-meta.xml', problem: /^<type> "Foo" is not a field type \(one of Text, .*\)$/ },
  { project: 'missing-object-file', file: 'force-app/main/default/objects/Ghost__c/fields/Name__c.field-meta.xml', problem: /Ghost__c .*no Ghost__c\.object-meta\.xml/ },
  { project: 'bad-reference', file: 'force-app/main/default/objects/Thing__c/fields/Parent__c.field-meta.xml', problem: /^<referenceTo> "Nowhere__c" is not an object in this org$/ },
  { project: 'unknown-global-value-set', file: 'force-app/main/default/objects/Thing__c/fields/Color__c.field-meta.xml', problem: /"Colors" is not a global value set/ },
  { project: 'duplicate-component', file: 'b/objects/Account/fields/Tier__c.field-meta.xml', problem: /same component as a\/objects\/Account\/fields\/Tier__c\.field-meta\.xml/ },
];

for (const { project, file, problem } of CASES) {
  test(`${project}: names ${file}`, () => {
    const error = loadError(fixture(project));
    expect(error.name).toBe('MetadataError');
    expect(error.file).toBe(file);
    expect(error.problem).toMatch(problem);
    expect(error.message).toBe(`${error.file}: ${error.problem}`);
  });
}

test('a folder without sfdx-project.json is not a project', () => {
  const error = loadError(fixture('overlay'));
  expect(error.problem).toMatch(/no sfdx-project\.json/);
});

test('a missing overlay folder is reported', () => {
  const error = loadError(fixture('basic'), [fixture('no-such-overlay')]);
  expect(error.file).toMatch(/no-such-overlay$/);
  expect(error.problem).toMatch(/does not exist/);
});

test('several problems are reported together, each with its file; what only follows from one of them is not', () => {
  const error = loadError(fixture('several-errors'));
  expect(error).toBeInstanceOf(MetadataErrors);
  const things = 'force-app/main/default/objects/Thing__c';
  // The formulas' problems (a missing field, a missing relationship) are found by Org.load, which compiles them
  // (test/unit/service/degraded-load.spec.ts); the loader reports the files'.
  expect((error as MetadataErrors).errors.map((e) => e.file)).toEqual([
    `${things}/fields/Size__c.field-meta.xml`,
    `${things}/fields/Parent__c.field-meta.xml`,
    'force-app/main/default/flows/Nowhere_Flow.flow-meta.xml',
  ]);
  expect(error.message).toMatch(/^3 problems in the project \(a deploy would reject them too\):\n {2}force-app\/main\/default\/objects\/Thing__c\/fields\/Size__c\.field-meta\.xml: malformed XML/);
});
