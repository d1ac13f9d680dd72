/**
 * What must hold after this release, per persona. Adding a check for your own org is adding an entry here:
 * the types complete in your editor, and a bad entry fails at load with the entry named.
 *
 * Values are API values (`Discount__c: 10` is 10%); `{{today+30}}` is a date 30 days out; a name is set
 * for you (tagged with the run id) and other required fields are filled from describe.
 */
import { definePlan } from '../src/plan/schema.js';

export default definePlan({
  release: 'Sales & service spring release (discounts, closed-won onboarding)',

  fieldAccess: [
    { persona: 'sales-rep', field: 'Opportunity.Discount__c', access: 'edit', severity: 'critical' },
    { persona: 'sales-rep', field: 'Opportunity.Discount_Reason__c', access: 'edit' },
    { persona: 'sales-rep', field: 'Opportunity.Discount_Approved__c', access: 'read' },
    { persona: 'support-agent', field: 'Opportunity.Discount__c', access: 'read' },
    { persona: 'integration-user', field: 'Opportunity.Discount__c', access: 'hidden' },
    { persona: 'integration-user', field: 'Account.ERP_Id__c', access: 'edit', severity: 'critical' },
    // API only: a step cannot exist without its Case (master-detail), and an access check's record has no parent.
    { persona: 'support-agent', field: 'Onboarding_Step__c.Done__c', access: 'edit', ui: false },
    { persona: 'sales-rep', field: 'Onboarding_Step__c.Done__c', access: 'read', ui: false },
  ],

  recordActions: [
    {
      name: 'a 10% discount with a reason saves',
      persona: 'sales-rep',
      object: 'Opportunity',
      values: { StageName: 'Prospecting', CloseDate: '{{today+30}}', Discount__c: 10, Discount_Reason__c: 'Volume' },
      ui: true,
      refused: { values: { Discount__c: 25 }, message: 'Discounts above 20% need approval from Deal Desk.' },
      component: 'ValidationRule:Opportunity.Discount_Limit',
      severity: 'critical',
    },
    {
      name: 'a discount needs a reason',
      persona: 'sales-rep',
      object: 'Opportunity',
      values: { StageName: 'Prospecting', CloseDate: '{{today+30}}', Discount__c: 5, Discount_Reason__c: 'Competitive' },
      refused: { values: { Discount_Reason__c: null }, message: 'Choose a Discount Reason when you give a discount.', field: 'Discount_Reason__c' },
      component: 'ValidationRule:Opportunity.Discount_Requires_Reason',
    },
  ],

  automation: [
    {
      name: 'closing a deal opens an onboarding case',
      persona: 'sales-rep',
      component: 'Flow:Closed_Won_Onboarding',
      trigger: { object: 'Opportunity', create: { StageName: 'Negotiation/Review', CloseDate: '{{today}}' }, update: { StageName: 'Closed Won' } },
      expect: { object: 'Case', where: "Subject = 'Onboarding: {{trigger.Name}}'", fields: { Origin: 'Web', Status: 'New' } },
      withinSeconds: 30,
      severity: 'critical',
    },
    {
      name: 'an onboarding case gets its kick-off call',
      persona: 'support-agent',
      component: 'Flow:Case_Onboarding_Task',
      trigger: { object: 'Case', create: { RecordTypeId: 'Onboarding', Origin: 'Web', Status: 'New', Onboarding_Stage__c: 'Kick-off' } },
      expect: { object: 'Task', where: "WhatId = '{{trigger.Id}}' AND Subject = 'Kick-off call'", fields: { Status: 'Not Started', Priority: 'Normal' } },
      withinSeconds: 30,
    },
    {
      name: 'an onboarding case gets its onboarding steps',
      persona: 'support-agent',
      component: 'Flow:Case_Onboarding_Steps',
      trigger: { object: 'Case', create: { RecordTypeId: 'Onboarding', Origin: 'Web', Status: 'New', Onboarding_Stage__c: 'Kick-off' } },
      expect: { object: 'Onboarding_Step__c', where: "Case__c = '{{trigger.Id}}'", fields: { Done__c: false }, count: 3 },
      withinSeconds: 30,
    },
    {
      // Checked on the Case, not on the steps: completed steps cannot be deleted on their own
      // (Onboarding_Step_Delete_Guard), so the check leaves them to go with their Case.
      name: 'closing an onboarding case closes its open steps',
      persona: 'support-agent',
      component: 'Flow:Case_Close_Out_Onboarding_Steps',
      trigger: { object: 'Case', create: { RecordTypeId: 'Onboarding', Origin: 'Web', Status: 'New', Onboarding_Stage__c: 'Kick-off' }, update: { Status: 'Closed' } },
      expect: { object: 'Case', where: "Id = '{{trigger.Id}}'", fields: { Status: 'Closed', Open_Onboarding_Steps__c: 0 } },
      withinSeconds: 30,
    },
  ],

  recordTypes: [
    { persona: 'support-agent', object: 'Case', recordType: 'Support' },
    { persona: 'support-agent', object: 'Case', recordType: 'Onboarding', values: { Onboarding_Stage__c: 'Kick-off' }, severity: 'critical' },
  ],

  sharing: [
    { name: 'sales reps can work accounts the ERP integration created', persona: 'sales-rep', object: 'Account', ownedBy: 'integration-user', access: 'edit', severity: 'critical' },
    { name: 'support agents can read cases sales reps own', persona: 'support-agent', object: 'Case', ownedBy: 'sales-rep', access: 'read' },
    // Case sharing is Private and View All only reads: editing a rep's onboarding case takes the criteria
    // sharing rule Onboarding_Cases_to_Support (Edit, Support_Manager and subordinates).
    {
      name: 'support agents can work onboarding cases sales reps own',
      persona: 'support-agent',
      object: 'Case',
      ownedBy: 'sales-rep',
      values: { RecordTypeId: 'Onboarding', Origin: 'Web', Status: 'New', Onboarding_Stage__c: 'Kick-off' },
      access: 'edit',
      severity: 'critical',
    },
  ],

  integration: [
    {
      name: 'the ERP upserts customers by ERP id',
      persona: 'integration-user',
      object: 'Account',
      externalId: 'ERP_Id__c',
      records: [
        { ERP_Id__c: 'ERP-1001', Customer_Tier__c: 'Enterprise', Phone: '+44 20 7946 0001' },
        { ERP_Id__c: 'ERP-1002', Customer_Tier__c: 'Mid-Market' },
        { ERP_Id__c: 'ERP-1003', Customer_Tier__c: 'Small Business' },
      ],
      mustNotTouch: [
        { object: 'Opportunity', operation: 'read', fields: ['Discount__c', 'Discount_Reason__c', 'Discount_Approved__c'] },
        { object: 'Opportunity', operation: 'create' },
      ],
      severity: 'critical',
    },
  ],

  jobs: {
    scheduled: ['Nightly ERP Sync'],
    noFailedApexJobsWithinHours: 24,
    zeroRowQueries: [
      {
        name: 'every ERP account older than a day has synced',
        soql: 'SELECT Id FROM Account WHERE ERP_Id__c != null AND Last_ERP_Sync__c = null AND CreatedDate < YESTERDAY',
      },
    ],
  },

  // Counted since the release started (npm run watch sets it; SF_RELEASE_STARTED_AT otherwise), so each rerun
  // reports only what is new: a customer the ERP created without its tier breaks the tier-based discounts.
  monitors: [
    {
      name: 'every customer the ERP created has its tier',
      soql: 'SELECT Id, Name, ERP_Id__c FROM Account WHERE ERP_Id__c != null AND Customer_Tier__c = null',
      since: 'CreatedDate',
      severity: 'critical',
    },
  ],
});
