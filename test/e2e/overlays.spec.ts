/**
 * Proof that the suite catches what it claims to: for each regression overlay in org/overlays (one failure
 * Salesforce teams report after releases), `prod-smoke` runs against the emulator with that overlay and
 * exactly the expected verifications fail, with a message a release manager understands, while everything
 * else still passes. Each run is also checked for leaked secrets (files, traces, console) and for a state
 * folder readable by anyone but its owner.
 *
 * A whole prod-smoke run is about a minute of both cores, so overlays that cannot mask each other share a run:
 * a run's overlays change different files, break different checks (no expected title belongs to two of them)
 * and, as far as the sample org goes, different personas' work. Each failure must still carry the words of the
 * overlay that broke it, and every check no overlay of the run names must pass.
 */
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { test, expect } from '@playwright/test';
import { findLeaks, looserThanOwnerOnly } from './leaks.js';
import { ROOT, runSuite } from './run-suite.js';

interface Expectation {
  overlay: string;
  /** Titles of the checks that must fail, each with a fragment of the message it must give. */
  failing: { title: string; says: RegExp }[];
}

const EXPECTATIONS: Expectation[] = [
  {
    overlay: 'field-edit-revoked',
    failing: [
      { title: '[sales-rep] sales-rep can edit Opportunity.Discount__c', says: /sales-rep should be able to edit Opportunity\.Discount__c, but can (see but not edit|not see)/ },
      { title: '[sales-rep] sales-rep: a 10% discount with a reason saves', says: /could not save a legitimate Opportunity.*Discount/ },
      { title: '[sales-rep] sales-rep: a discount needs a reason', says: /could not save a legitimate Opportunity.*Discount/ },
    ],
  },
  {
    overlay: 'flow-inactive',
    failing: [{ title: '[sales-rep] sales-rep: closing a deal opens an onboarding case', says: /Flow:Closed_Won_Onboarding: expected 1 Case record\(s\) where Subject = 'Onboarding: .*' within 30s, found 0/ }],
  },
  {
    overlay: 'validation-blocks-department',
    failing: [
      { title: '[sales-rep] sales-rep: a 10% discount with a reason saves', says: /Discounts entered by Sales need Finance review/ },
      { title: '[sales-rep] sales-rep: a discount needs a reason', says: /Discounts entered by Sales need Finance review/ },
    ],
  },
  {
    overlay: 'flow-record-fails-rule',
    failing: [{ title: '[sales-rep] sales-rep: closing a deal opens an onboarding case', says: /could not update the Opportunity with \{"StageName":"Closed Won"\}: CANNOT_EXECUTE_FLOW_TRIGGER.*Choose an Onboarding Stage/s }],
  },
  {
    overlay: 'record-type-unassigned',
    failing: [
      { title: '[support-agent] support-agent can create a Case with record type Onboarding', says: /support-agent is not assigned the Onboarding record type on Case/ },
      { title: '[support-agent] support-agent: an onboarding case gets its kick-off call', says: /could not create the Case that starts it/ },
      // Both onboarding-step checks start from an Onboarding case the agent creates, which it no longer may.
      { title: '[support-agent] support-agent: an onboarding case gets its onboarding steps', says: /Flow:Case_Onboarding_Steps: support-agent could not create the Case that starts it/ },
      { title: '[support-agent] support-agent: closing an onboarding case closes its open steps', says: /Flow:Case_Close_Out_Onboarding_Steps: support-agent could not create the Case that starts it/ },
      { title: '[support-agent] support-agent: a closed onboarding case stays closed', says: /support-agent could not save a legitimate Case .*Record Type ID: this ID value isn't valid for the user/ },
    ],
  },
  {
    overlay: 'external-id-changed',
    failing: [
      { title: '[integration-user] integration user upserts an account by ERP id and the fields land', says: /ERP_Id__c/ },
      { title: '[integration-user] integration-user: the ERP upserts customers by ERP id', says: /could not upsert Account by ERP_Id__c/ },
    ],
  },
  {
    overlay: 'sharing-tightened',
    failing: [
      { title: '[sales-rep] sales-rep: sales reps can work accounts the ERP integration created', says: /sales-rep should have edit access to a Account owned by integration-user/ },
      // Agents no longer see the customer account either, so they cannot file the case against it.
      { title: '[support-agent] support agent logs a support case in Lightning and the API confirms it', says: /no ".*Contoso Pharmaceuticals" among the search results: the record does not exist, or this user cannot see it/ },
    ],
  },
  {
    overlay: 'sharing-rule-read-only',
    failing: [
      { title: '[support-agent] support-agent: support agents can work onboarding cases sales reps own', says: /support-agent should have edit access to a Case owned by sales-rep/ },
      // The steps of an onboarding case someone else owns follow the case: read-only now.
      { title: '[support-agent] support-agent can edit Onboarding_Step__c.Done__c', says: /support-agent should be able to edit Onboarding_Step__c\.Done__c, but can see but not edit it in the record page/ },
    ],
  },
  {
    overlay: 'job-unscheduled',
    failing: [{ title: '[monitors] the scheduled job "Nightly ERP Sync" is still scheduled with a next fire time', says: /"Nightly ERP Sync" is not scheduled any more/ }],
  },
];

/** Overlays run together (see above); every overlay of EXPECTATIONS is in exactly one group. */
const RUNS: string[][] = [
  ['field-edit-revoked', 'record-type-unassigned', 'external-id-changed', 'job-unscheduled'],
  ['validation-blocks-department', 'sharing-rule-read-only', 'flow-inactive'],
  ['flow-record-fails-rule', 'sharing-tightened'],
];

/** The files an overlay replaces, relative to its folder. */
function filesOf(overlay: string): string[] {
  const root = path.join(ROOT, 'org', 'overlays', overlay);
  const walk = (dir: string): string[] =>
    readdirSync(dir).flatMap((entry) => (statSync(path.join(dir, entry)).isDirectory() ? walk(path.join(dir, entry)) : [path.relative(root, path.join(dir, entry))]));
  return walk(root);
}

test('every overlay runs once, and the overlays sharing a run change different files and break different checks', () => {
  expect(RUNS.flat().sort()).toEqual(EXPECTATIONS.map((e) => e.overlay).sort());
  expect(readdirSync(path.join(ROOT, 'org', 'overlays')).sort(), 'an overlay in org/overlays with no expectation here').toEqual(RUNS.flat().sort());
  for (const overlays of RUNS) {
    const files = overlays.flatMap(filesOf);
    expect(files, `files changed by more than one of ${overlays.join(', ')}`).toEqual([...new Set(files)]);
    const titles = overlays.flatMap((overlay) => expectationOf(overlay).failing.map((f) => f.title));
    expect(titles, `checks expected to fail by more than one of ${overlays.join(', ')}`).toEqual([...new Set(titles)]);
  }
});

function expectationOf(overlay: string): Expectation {
  const found = EXPECTATIONS.find((e) => e.overlay === overlay);
  if (!found) throw new Error(`no expectation for overlay ${overlay}`);
  return found;
}

RUNS.forEach((overlays, index) => {
  test(`prod-smoke with overlays ${overlays.join(', ')} fails exactly the checks each one breaks`, async () => {
    test.setTimeout(600_000);
    const run = await runSuite({ name: `overlays-${index + 1}`, port: 18_700 + index, env: { SF_EMULATOR_OVERLAYS: overlays.join(',') } });
    const failing = overlays.flatMap((overlay) => expectationOf(overlay).failing.map((f) => ({ ...f, overlay })));
    const failedTitles = run.failed.map((f) => f.title).sort();
    expect(failedTitles, `failed checks with ${overlays.join(', ')}\n${run.output.slice(-3000)}`).toEqual(failing.map((f) => f.title).sort());
    for (const expected of failing) {
      const failure = run.failed.find((f) => f.title === expected.title)!;
      expect(failure.message, `message of "${expected.title}" (overlay ${expected.overlay})`).toMatch(expected.says);
    }
    expect(run.passed.length, 'checks that still pass').toBeGreaterThan(20);
    expect(await findLeaks(run.dirs, run.output), 'secrets written or printed by the run').toEqual([]);
    expect(looserThanOwnerOnly(run.dirs.state), 'state folder entries readable by others').toEqual([]);
  });
});
