/**
 * Where the contract suite finds the public projects it does not commit: the Project Management Tool is
 * found through POSTFLIGHT_PMT_SOURCE or the shared samples folder; when it is absent the spec is skipped
 * with a reason naming both, and a variable pointing at something else is an error, not a skip.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, expect } from '@playwright/test';
import { PMT_SOURCE_VARIABLE, projectManagementTool } from '../../support/shared-samples.js';

let root = '';
test.beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'shared-samples-'));
});
test.afterEach(() => rmSync(root, { recursive: true, force: true }));

/** An empty SFDX project folder (only its sfdx-project.json matters to the lookup). */
function sfdxProject(dir: string): string {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'sfdx-project.json'), '{"packageDirectories":[{"path":"force-app","default":true}]}');
  return dir;
}

test('the variable wins over the shared folder', () => {
  const checkout = sfdxProject(join(root, 'checkout'));
  const shared = sfdxProject(join(root, 'shared', 'samples', 'project-management-tool'));
  expect(projectManagementTool({ [PMT_SOURCE_VARIABLE]: checkout }, shared)).toEqual({ found: true, dir: checkout });
});

test('without the variable, the shared folder is used', () => {
  const shared = sfdxProject(join(root, 'shared', 'samples', 'project-management-tool'));
  expect(projectManagementTool({}, shared)).toEqual({ found: true, dir: shared });
  // An empty value counts as unset.
  expect(projectManagementTool({ [PMT_SOURCE_VARIABLE]: '  ' }, shared)).toEqual({ found: true, dir: shared });
});

test('with neither, the reason names where to clone the project and which variable to set', () => {
  const shared = join(root, 'shared', 'samples', 'project-management-tool');
  expect(projectManagementTool({}, shared)).toEqual({
    found: false,
    reason: 'the Project Management Tool is not available: clone https://github.com/SalesforceLabs/ProjectManagementTool '
      + `into ${shared}, or set POSTFLIGHT_PMT_SOURCE to a checkout of it`,
  });
});

test('a variable that names no SFDX project is an error naming the variable, not a skip', () => {
  const notAProject = join(root, 'typo');
  mkdirSync(notAProject);
  expect(() => projectManagementTool({ [PMT_SOURCE_VARIABLE]: notAProject }, join(root, 'absent')))
    .toThrow(`POSTFLIGHT_PMT_SOURCE=${notAProject}: no sfdx-project.json there; point it at a checkout of https://github.com/SalesforceLabs/ProjectManagementTool`);
});
