/**
 * What "the release's components" means: the whole project without a manifest; the members of a
 * `package.xml` (a CustomObject brings its children, `*` every component of the type); or what
 * `sf project deploy report --json` says the deployment created or changed.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test, expect } from '@playwright/test';
import { inventoryOf } from '../../../src/coverage/inventory.js';
import { ProjectReadError } from '../../../src/coverage/metadata-xml.js';
import { readSfdxProject } from '../../../src/coverage/read-project.js';
import { readDeployReport, readManifest, scopeInventory, WHOLE_PROJECT } from '../../../src/coverage/release-scope.js';
import { analyseSample, FIXTURES, SAMPLE_ORG } from './support.js';

const inventory = inventoryOf(readSfdxProject(SAMPLE_ORG));

function tempFile(name: string, content: string): string {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'postflight-scope-')), name);
  writeFileSync(file, content);
  return file;
}

test('without a manifest the release is the whole project', () => {
  const scoped = scopeInventory(inventory, WHOLE_PROJECT);
  expect(scoped.components).toHaveLength(44);
  expect(scoped.leftOut.map((l) => l.id)).toEqual(['Flow:Create_Onboarding_Steps']);
});

test('a package.xml: its members, a custom object with its children, every permission set for *', () => {
  const scoped = scopeInventory(inventory, readManifest(path.join(FIXTURES, 'package.xml')));
  expect(scoped.components.map((c) => c.id)).toEqual([
    'CustomField:Account.Regions__c',
    'CustomField:Case.Onboarding_Stage__c',
    'CustomField:Case.Onboarding_Team__c',
    'CustomField:Case.Open_Onboarding_Steps__c',
    'CustomField:Case.Opportunity__c',
    'CustomField:Opportunity.Discount__c',
    'Flow:Closed_Won_Onboarding',
    'PermissionSet:Deal_Desk',
    'PermissionSet:Integration_User',
    'PermissionSet:Sales_Rep',
    'PermissionSet:Support_Agent',
    'RecordType:Case.Onboarding',
    'RecordType:Case.Support',
    'ValidationRule:Case.Escalation_By_Support_Team',
    'ValidationRule:Case.Onboarding_Cases_Stay_Closed',
    'ValidationRule:Case.Web_Phone_Format',
  ]);
  // Counted kinds the manifest names that the project lacks are listed; other types (Apex) are not counted at all.
  expect(scoped.notInProject).toEqual(['CustomField:Opportunity.No_Such_Field__c']);
});

test('a deploy report: only what was created or changed; rows merged, the package.xml row ignored', () => {
  const scope = readDeployReport(path.join(FIXTURES, 'deploy-report.json'));
  expect(scope.source).toEqual({ kind: 'deploy-report', file: path.join(FIXTURES, 'deploy-report.json'), deployId: '0AfDn00000Q8rStKAZ', checkOnly: false, status: 'Succeeded' });
  const scoped = scopeInventory(inventory, scope);
  expect(scoped.components.map((c) => c.id)).toEqual(['CustomField:Opportunity.Discount__c', 'Flow:Closed_Won_Onboarding', 'ValidationRule:Case.Web_Phone_Format']);
  expect(scoped.unchanged).toEqual(['Layout:Case-Support Case Layout']);
  expect(scoped.deleted).toEqual(['CustomField:Account.Legacy_Code__c']);
  const { report } = analyseSample({ deployReport: path.join(FIXTURES, 'deploy-report.json') });
  expect(report.overall).toEqual({ covered: 3, total: 3, percent: 100 });
});

test('a deploy report with one component (an object, not a list), or only the CLI files list', () => {
  const single = tempFile(
    'one.json',
    JSON.stringify({ result: { details: { componentSuccesses: { componentType: 'Flow', fullName: 'Case_Onboarding_Task-3', changed: 'true', created: 'false', deleted: 'false' } } } }),
  );
  expect(scopeInventory(inventory, readDeployReport(single)).components.map((c) => c.id)).toEqual(['Flow:Case_Onboarding_Task']);
  const files = tempFile(
    'files.json',
    JSON.stringify({
      status: 0,
      result: {
        files: [
          { fullName: 'Sales_Rep', type: 'PermissionSet', state: 'Changed', filePath: 'force-app/main/default/permissionsets/Sales_Rep.permissionset-meta.xml' },
          { fullName: 'Deal_Desk', type: 'PermissionSet', state: 'Unchanged' },
          { fullName: 'Support_Agent', type: 'PermissionSet', state: 'Failed', error: 'no' },
        ],
      },
    }),
  );
  const scoped = scopeInventory(inventory, readDeployReport(files));
  expect(scoped.components.map((c) => c.id)).toEqual(['PermissionSet:Sales_Rep']);
  expect(scoped.unchanged).toEqual(['PermissionSet:Deal_Desk']);
});

test('input that is not a manifest or a deploy report is one clear error naming the file', () => {
  const notJson = tempFile('report.json', '<xml/>');
  expect(() => readDeployReport(notJson)).toThrow(ProjectReadError);
  expect(() => readDeployReport(notJson)).toThrow(/report\.json: is not a JSON deploy report/);
  const otherJson = tempFile('other.json', JSON.stringify({ status: 0, result: { username: 'x' } }));
  expect(() => readDeployReport(otherJson)).toThrow(/neither result\.details\.componentSuccesses nor result\.files/);
  const notPackage = tempFile('package.xml', '<?xml version="1.0"?><CustomObject/>');
  expect(() => readManifest(notPackage)).toThrow(/package\.xml: expected a <Package> root element, found <CustomObject>/);
});
