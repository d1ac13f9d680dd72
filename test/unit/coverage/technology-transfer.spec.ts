/**
 * Release coverage of the public Technology Transfer Starter against the worked example's plan: what it
 * lists, and the proposals it writes, which load as plan entries through the plan's own schema.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { test, expect } from '@playwright/test';
import { analyseRelease, writeCoverageOutputs } from '../../../src/coverage/analyse.js';
import { releasePlanSchema, type ReleasePlan } from '../../../src/plan/schema.js';
import examplePlan from '../../../examples/technology-transfer/verifications/release-plan.js';
import { TECHNOLOGY_TRANSFER_STARTER } from '../../support/shared-samples.js';
import { ROOT } from './support.js';

const EXAMPLE = path.join(ROOT, 'examples', 'technology-transfer');

function analyseStarter() {
  return analyseRelease({
    source: TECHNOLOGY_TRANSFER_STARTER,
    plan: examplePlan,
    planLabel: 'examples/technology-transfer/verifications/release-plan.ts',
    specsDir: path.join(EXAMPLE, 'verifications'),
    userFiles: [path.join(EXAMPLE, 'users')],
    assignments: ['support-agent:Technology_Transfer_Starter_Visa_Management'],
    min: 0,
  });
}

test('it lists the starter\'s record-triggered flows, active rules and fields, and what it leaves out', () => {
  const { report } = analyseStarter();
  const ids = (kind: string) => report.components.filter((c) => c.kind === kind).map((c) => c.id);
  expect(ids('Flow')).toEqual([
    'Flow:TTS_Auto_Update_PI_on_Technology',
    'Flow:TTS_Mentoring_Set_Chosen_Mentor_on_Opportunity',
    'Flow:TTS_Update_Tenant_Contact_on_Change',
  ]);
  expect(ids('ValidationRule')).toEqual([
    'ValidationRule:TTS_Mentoring_Opportunity__c.Dates_Check',
    'ValidationRule:TTS_Mentoring_Opportunity__c.Ensure_Only_One_Selected_Mentor',
    'ValidationRule:TTS_Space_Tenant__c.Ensure_a_tenant_is_provided',
    'ValidationRule:TTS_Technology__c.TTS_TotalContributionShareChecker',
    'ValidationRule:TTS_Technology__c.TTS_TotalPrimaryContributersCheck',
  ]);
  expect(ids('CustomField')).toHaveLength(254);
  expect(ids('CustomField')).toContain('CustomField:Contact.Visa_Number__c');
  const leftOut = Object.fromEntries(report.leftOut.map((l) => [l.id, l.reason]));
  expect(leftOut).toMatchObject({
    'Flow:Auto_Link_Contract_to_Opportunity': 'Draft in the project (not active)',
    'Flow:TTS_Tenant_Contact_Scheduled_Actions': 'not record-triggered (scheduled-triggered)',
    'ValidationRule:TTS_Inventor__c.TTS_Alternative_Distribution_Check': 'inactive',
  });
  // What the worked example's plan covers, by kind.
  expect(Object.fromEntries(report.kinds.map((k) => [k.kind, `${k.covered}/${k.total}`]))).toMatchObject({ Flow: '1/3', ValidationRule: '1/5', CustomField: '17/254' });
  expect(report.components.find((c) => c.id === 'Flow:TTS_Mentoring_Set_Chosen_Mentor_on_Opportunity')!.coveredBy).toEqual([
    { check: 'support-agent: selecting a mentor assigns them to the mentoring opportunity', how: 'its outcome awaited' },
  ]);
});

test('the proposals it writes load as plan entries, ready and to complete alike', async () => {
  const analysis = analyseStarter();
  const dir = mkdtempSync(path.join(tmpdir(), 'postflight-proposals-'));
  // Outside the repository the file needs to be told it is an ES module, as the project's package.json says.
  writeFileSync(path.join(dir, 'package.json'), '{ "type": "module" }\n');
  try {
    const files = writeCoverageOutputs(analysis, dir);
    const module = (await import(pathToFileURL(files.proposals).href)) as { readyPlan: ReleasePlan; needsWorkPlan: ReleasePlan; default: ReleasePlan };
    // definePlan ran when the module loaded; parsing again proves the result is a plan, entry for entry.
    const ready = releasePlanSchema.parse(module.readyPlan);
    const needsWork = releasePlanSchema.parse(module.needsWorkPlan);
    expect(module.default).toBe(module.readyPlan);
    expect(ready.fieldAccess.length).toBe(analysis.proposals.ready.fieldAccess.length);
    expect(ready.flows.map((f) => f.flow)).toEqual(['TTS_Auto_Update_PI_on_Technology']);
    expect(ready.recordTypes.length).toBeGreaterThan(0);
    expect(needsWork.flows.map((f) => f.flow)).toEqual(['TTS_Update_Tenant_Contact_on_Change']);
    expect(needsWork.recordActions.map((r) => r.component)).toEqual([
      'ValidationRule:TTS_Mentoring_Opportunity__c.Ensure_Only_One_Selected_Mentor',
      'ValidationRule:TTS_Space_Tenant__c.Ensure_a_tenant_is_provided',
      'ValidationRule:TTS_Technology__c.TTS_TotalContributionShareChecker',
      'ValidationRule:TTS_Technology__c.TTS_TotalPrimaryContributersCheck',
    ]);
    // Every rule the example leaves uncovered reads a roll-up or needs a parent's id: a person completes those.
    expect(ready.recordActions).toEqual([]);
    // Field access: the visa fields follow Visa Management, which the release action assigns the incubator manager.
    expect(ready.fieldAccess).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ persona: 'support-agent', field: 'Contact.Visa_Start_Date__c', access: 'edit', ui: false }),
        expect.objectContaining({ persona: 'sales-rep', field: 'Contact.Visa_Start_Date__c', access: 'hidden', ui: false }),
      ]),
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
