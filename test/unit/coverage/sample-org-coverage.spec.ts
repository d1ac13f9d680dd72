/**
 * Release coverage of the sample org: every component of the release has a verification, and cutting one
 * verification from a copy of the plan (or one spec) makes exactly its components uncovered, with the
 * figures and the proposal to put it back.
 */
import { test, expect } from '@playwright/test';
import { renderCoverage } from '../../../src/coverage/table.js';
import type { ReleasePlan } from '../../../src/plan/schema.js';
import { analyseSample, kindRow, samplePlanCopy, specsWithout } from './support.js';

test('the sample release is fully covered, per kind and overall', () => {
  const { report, proposals } = analyseSample({ min: 100 });
  expect(Object.fromEntries(report.kinds.map((k) => [k.kind, `${k.covered}/${k.total}`]))).toEqual({
    CustomField: '21/21',
    ValidationRule: '5/5',
    Flow: '6/6',
    PermissionSet: '4/4',
    PermissionSetGroup: '0/0',
    RecordType: '2/2',
    Layout: '6/6',
  });
  expect(report.overall).toEqual({ covered: 44, total: 44, percent: 100 });
  expect(report.meetsMin).toBe(true);
  expect(report.uncovered).toEqual([]);
  expect(report.unknownClaims).toEqual([]);
  // Left out, with the reason: the autolaunched subflow nothing on a record starts.
  expect(report.leftOut).toEqual([expect.objectContaining({ id: 'Flow:Create_Onboarding_Steps', reason: expect.stringContaining('not record-triggered') })]);
  expect(proposals.ready.fieldAccess.length + proposals.ready.flows.length + proposals.needsWork.flows.length).toBe(0);
  expect(renderCoverage(report)).toContain('Every component of the release is covered by a verification.');
});

test('each component names the checks that cover it, and how', () => {
  const { report } = analyseSample();
  const coverersOf = (id: string) => report.components.find((c) => c.id === id)!.coveredBy;
  expect(coverersOf('CustomField:Opportunity.Discount__c')).toEqual(
    expect.arrayContaining([
      { check: 'sales-rep can edit Opportunity.Discount__c', how: 'access checked (edit)' },
      { check: 'sales-rep: a 10% discount with a reason saves', how: 'written by sales-rep' },
    ]),
  );
  expect(coverersOf('ValidationRule:Opportunity.Discount_Limit')).toContainEqual({ check: 'sales-rep: a 10% discount with a reason saves', how: 'refused with its message' });
  expect(coverersOf('PermissionSet:Sales_Rep')).toContainEqual({ check: 'sales-rep can edit Opportunity.Discount__c', how: 'grants sales-rep Opportunity.Discount__c' });
  expect(coverersOf('Layout:Opportunity-Opportunity Layout')).toContainEqual({ check: 'sales-rep can edit Opportunity.Discount__c', how: 'record page and Edit modal as sales-rep' });
  expect(coverersOf('Layout:Case-Support Case Layout')).toContainEqual({
    check: 'support agent logs a support case in Lightning and the API confirms it (support-agent/support-agent-logs-case.spec.ts)',
    how: 'tagged @component',
  });
  expect(coverersOf('RecordType:Case.Onboarding')).toContainEqual({ check: 'support-agent can create a Case with record type Onboarding', how: 'support-agent creates with it' });
});

interface Cut {
  name: string;
  cut: (plan: ReleasePlan) => void;
  specsWithout?: string[];
  uncovered: string[];
  rows: Record<string, string>;
  overall: string;
}

const CUTS: Cut[] = [
  {
    name: 'the onboarding-case-stays-closed save pair',
    cut: (plan) => void (plan.recordActions = plan.recordActions.filter((e) => e.name !== 'a closed onboarding case stays closed')),
    uncovered: ['ValidationRule:Case.Onboarding_Cases_Stay_Closed'],
    rows: { ValidationRule: '4/5' },
    overall: '43/44 97.7%',
  },
  {
    name: 'the Task field check (the only check on the Task layout)',
    cut: (plan) => void (plan.fieldAccess = plan.fieldAccess.filter((e) => e.field !== 'Task.Subject')),
    uncovered: ['Layout:Task-Task Layout'],
    rows: { Layout: '5/6' },
    overall: '43/44 97.7%',
  },
  {
    name: 'the delete guard flow check',
    cut: (plan) => void (plan.flows = []),
    uncovered: ['Flow:Onboarding_Step_Delete_Guard'],
    rows: { Flow: '5/6' },
    overall: '43/44 97.7%',
  },
  {
    name: 'the covers of the closed-won automation',
    cut: (plan) => void delete plan.automation.find((e) => e.component === 'Flow:Closed_Won_Onboarding')!.covers,
    uncovered: ['CustomField:Case.Opportunity__c', 'CustomField:Release_Settings__c.Onboarding_Enabled__c'],
    rows: { CustomField: '19/21' },
    overall: '42/44 95.4%',
  },
  {
    name: 'the Deal Desk spec (hand-written, tagged)',
    cut: () => undefined,
    specsWithout: ['monitors/deal-desk-approval.spec.ts'],
    uncovered: ['Flow:Opportunity_Discount_Change_Resets_Approval', 'PermissionSet:Deal_Desk'],
    rows: { Flow: '5/6', PermissionSet: '3/4' },
    overall: '42/44 95.4%',
  },
];

for (const c of CUTS) {
  test(`a copy without ${c.name} leaves exactly its components uncovered`, () => {
    const plan = samplePlanCopy();
    c.cut(plan);
    const specs = c.specsWithout ? specsWithout(...c.specsWithout) : undefined;
    try {
      const analysis = analyseSample({ plan, min: 100, ...(specs ? { specsDir: specs.dir } : {}) });
      const { report } = analysis;
      expect(report.uncovered.map((u) => u.id)).toEqual(c.uncovered);
      for (const [kind, row] of Object.entries(c.rows)) expect(kindRow(analysis, kind), kind).toBe(row);
      expect(`${report.overall.covered}/${report.overall.total} ${report.overall.percent}%`).toBe(c.overall);
      expect(report.meetsMin, 'under a 100% minimum').toBe(false);
      expect(analyseSample({ plan, min: report.overall.percent, ...(specs ? { specsDir: specs.dir } : {}) }).report.meetsMin, `at ${report.overall.percent}%`).toBe(true);
      const table = renderCoverage(report);
      for (const id of c.uncovered) expect(table).toContain(id);
      expect(table).toContain('BELOW the minimum of 100%');
    } finally {
      specs?.dispose();
    }
  });
}

test('the proposal for a cut validation rule is the save pair the rule itself implies', () => {
  const plan = samplePlanCopy();
  plan.recordActions = plan.recordActions.filter((e) => e.component !== 'ValidationRule:Case.Web_Phone_Format');
  const { proposals } = analyseSample({ plan });
  expect(proposals.ready.recordActions).toEqual([
    expect.objectContaining({
      component: 'ValidationRule:Case.Web_Phone_Format',
      entry: expect.objectContaining({
        object: 'Case',
        values: expect.objectContaining({ SuppliedPhone: '+44 20 7946 0001' }),
        refused: {
          values: { SuppliedPhone: 'Postflight check' },
          message: 'Enter a phone number the support line can dial, such as +44 20 7946 0001.',
          field: 'SuppliedPhone',
        },
      }),
    }),
  ]);
});

test('a stated cover naming a component the project does not have is reported, not counted', () => {
  const plan = samplePlanCopy();
  plan.fieldAccess[0]!.covers = ['Flow:No_Such_Flow'];
  const { report } = analyseSample({ plan });
  expect(report.unknownClaims).toEqual([{ check: 'sales-rep can edit Opportunity.Discount__c', component: 'Flow:No_Such_Flow' }]);
  expect(renderCoverage(report)).toContain('Flow:No_Such_Flow  (sales-rep can edit Opportunity.Discount__c)');
});
