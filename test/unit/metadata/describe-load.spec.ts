/** The load summary: one line of counts, then the degraded components, one line each. */
import { fileURLToPath } from 'node:url';
import { test, expect } from '@playwright/test';
import { degradedComponents, describeDegraded } from '../../../emulator/metadata/load-problems.js';
import { describeLoad, loadOrgSchema } from '../../../emulator/metadata/load-project.js';
import { fixture } from './fixture-paths.js';

test('counts what was loaded and lists, by metadata type, what is not run', () => {
  const schema = loadOrgSchema({ source: fixture('basic') });
  const line = describeLoad(schema);
  expect(line).toMatch(/^Loaded \d+ objects \(4 custom\), [\d,]+ fields \(\d+ custom\), 1 validation rule, 2 flows \(1 active\), 2 permission sets, 1 permission set group, 5 profiles, 2 flow elements not run \(in 2 flows\);/);
  // The elements are named, flow by flow, in the degraded list that follows the line (one line per flow).
  expect(describeDegraded(degradedComponents(schema))).toEqual(expect.arrayContaining([
    expect.stringMatching(/^ {2}force-app\/main\/default\/flows\/Invoice_Before_Save\.flow-meta\.xml: Flow Invoice_Before_Save: element actionCalls:apex Notify_Finance -> the flow runs and faults/),
    expect.stringMatching(/^ {2}force-app\/main\/default\/flows\/Collect_Feedback\.flow-meta\.xml: Flow Collect_Feedback: element screens:Ask -> screen flow: not run$/),
  ]));
  // A bundle (lwc/invoiceCard with three files) counts once; listViews count per view.
  expect(line).toContain('lwc (1)');
  expect(line).toContain('listView (2)');
  expect(line).toContain('tab (1)');
  expect(line).toContain('cls (1)');
  expect(schema.unsupported.get('listView')).toBe(2);
  expect(line).not.toContain('\n');
});

test('counts the sharing rules and business processes it runs, only when a project has them', () => {
  const sample = describeLoad(loadOrgSchema({ source: fileURLToPath(new URL('../../../org', import.meta.url)) }));
  expect(sample).toMatch(/, 4 profiles, 1 sharing rule, 2 business processes(;|$)/);
  expect(describeLoad(loadOrgSchema({ source: fixture('basic') }))).not.toMatch(/sharing rule|business process/);
});
