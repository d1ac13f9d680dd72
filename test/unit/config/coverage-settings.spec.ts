/** The release coverage settings, parsed with the rest of the configuration (every problem named). */
import path from 'node:path';
import { test, expect } from '@playwright/test';
import { parseConfig } from '../../../src/config/env.js';
import { problemsOf, root } from './config-problems.js';


test('defaults: report only, on the project the emulator loads', () => {
  const { coverage } = parseConfig({}, root);
  expect(coverage).toEqual({ min: 0, source: path.join(root, 'org'), manifest: undefined, deployReport: undefined, assignments: [] });
  expect(Object.isFrozen(coverage)).toBe(true);
});

test('a minimum, a project, a deploy report and the release actions\' assignments', () => {
  const { coverage } = parseConfig(
    {
      SF_COVERAGE_MIN: '92.5',
      SF_COVERAGE_SOURCE: 'org',
      SF_COVERAGE_DEPLOY_REPORT: 'test/unit/coverage/fixtures/deploy-report.json',
      SF_COVERAGE_ASSIGN: 'support-agent:Visa_Management, sales-rep:Deal_Desk',
    },
    root,
  );
  expect(coverage).toEqual({
    min: 92.5,
    source: path.join(root, 'org'),
    manifest: undefined,
    deployReport: path.join(root, 'test/unit/coverage/fixtures/deploy-report.json'),
    assignments: ['support-agent:Visa_Management', 'sales-rep:Deal_Desk'],
  });
});

test('bad coverage settings are reported together, each named', () => {
  expect(
    problemsOf({
      SF_COVERAGE_SOURCE: 'no-such-project',
      SF_COVERAGE_MANIFEST: 'test/unit/coverage/fixtures/package.xml',
      SF_COVERAGE_DEPLOY_REPORT: 'missing.json',
      SF_COVERAGE_ASSIGN: 'manager:Deal_Desk',
    }),
  ).toEqual([
    'SF_COVERAGE_SOURCE: no-such-project has no sfdx-project.json',
    'SF_COVERAGE_DEPLOY_REPORT: no such file missing.json',
    'SF_COVERAGE_MANIFEST and SF_COVERAGE_DEPLOY_REPORT: set one of them, not both',
    'SF_COVERAGE_ASSIGN: "manager:Deal_Desk" must be <persona>:<PermissionSet> with a persona among sales-rep, support-agent, integration-user',
  ]);
  for (const min of ['150', '-1', 'most']) expect(problemsOf({ SF_COVERAGE_MIN: min }), min).toEqual(['SF_COVERAGE_MIN: must be a percentage from 0 to 100']);
});
