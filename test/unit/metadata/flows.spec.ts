/** Flow files become FlowDefs: trigger, object, status, ids, and a body whose repeatable elements are arrays. */
import { test, expect } from '@playwright/test';
import { loadOrgSchema } from '../../../emulator/metadata/load-project.js';
import type { FlowDef } from '../../../emulator/metadata/types.js';
import { fixture } from './fixture-paths.js';

const schema = loadOrgSchema({ source: fixture('basic') });
function flow(name: string): FlowDef {
  const def = schema.flows.get(name.toLowerCase());
  if (!def) throw new Error(`missing flow ${name}`);
  return def;
}
type Node = Record<string, unknown>;

test('a before-save record-triggered flow: trigger, object, status, label and ids', () => {
  expect(flow('Invoice_Before_Save')).toMatchObject({
    apiName: 'Invoice_Before_Save', label: 'Invoice Before Save', processType: 'AutoLaunchedFlow', status: 'Active',
    triggerType: 'RecordBeforeSave', recordTriggerType: 'CreateAndUpdate', object: 'Invoice__c',
  });
  expect(flow('Invoice_Before_Save').definitionId).toMatch(/^300[0-9A-Za-z]{15}$/);
  expect(flow('Invoice_Before_Save').versionId).toMatch(/^301[0-9A-Za-z]{15}$/);
});

test('repeatable elements are arrays even when they occur once; values stay strings', () => {
  const body = flow('Invoice_Before_Save').body;
  const decisions = body.decisions as Node[];
  expect(decisions).toHaveLength(1);
  const rules = decisions[0]?.rules as Node[];
  expect(Array.isArray(rules)).toBe(true);
  const conditions = rules[0]?.conditions as Node[];
  expect(conditions[0]).toEqual({ leftValueReference: '$Record.Amount__c', operator: 'GreaterThan', rightValue: { numberValue: '10000.0' } });
  const start = body.start as Node;
  expect(start.filters).toEqual([{ field: 'Status__c', operator: 'EqualTo', value: { stringValue: 'Draft' } }]);
  expect((start.connector as Node).targetReference).toBe('Is_Large');
  const items = (body.assignments as Node[])[0]?.assignmentItems as Node[];
  expect(items[0]?.value).toEqual({ stringValue: 'Large invoice' });
});

test('unsupported elements: apex actions and screens are listed, simple email actions are left to the runtime', () => {
  expect(flow('Invoice_Before_Save').unsupportedElements).toEqual(['actionCalls:apex Notify_Finance']);
  expect(flow('Collect_Feedback')).toMatchObject({ triggerType: 'None', status: 'Draft', processType: 'Flow', unsupportedElements: ['screens:Ask'] });
  expect(flow('Collect_Feedback').recordTriggerType).toBeUndefined();
});
