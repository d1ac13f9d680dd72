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
    // A step cannot exist without its Case (master-detail): the admin creates an onboarding Case first, which
    // agents may edit (sharing rule Onboarding_Cases_to_Support), and so its steps.
    {
      persona: 'support-agent',
      field: 'Onboarding_Step__c.Done__c',
      access: 'edit',
      parents: { Case__c: { object: 'Case', values: { RecordTypeId: 'Onboarding', Origin: 'Web', Onboarding_Stage__c: 'Kick-off' } } },
    },
    // API only: the rep sees a step through its Case, and the admin's Case is not the rep's.
    { persona: 'sales-rep', field: 'Onboarding_Step__c.Done__c', access: 'read', ui: false },
    { persona: 'sales-rep', field: 'Onboarding_Step__c.Sequence__c', access: 'read', ui: false },
    { persona: 'support-agent', field: 'Onboarding_Step__c.Due_Date__c', access: 'edit', ui: false },
    // The roll-up is on the rep's Account page, read-only.
    { persona: 'sales-rep', field: 'Account.Open_Pipeline__c', access: 'read' },
    { persona: 'sales-rep', field: 'Account.Regions__c', access: 'edit', ui: false },
    { persona: 'sales-rep', field: 'Opportunity.Quote_Valid_Until__c', access: 'edit', ui: false },
    { persona: 'sales-rep', field: 'Opportunity.Discounted_Amount__c', access: 'read', ui: false },
    // The onboarding team (a formula) is on the Onboarding Case layout, which only onboarding cases use.
    {
      persona: 'support-agent',
      field: 'Case.Onboarding_Team__c',
      access: 'read',
      recordValues: { RecordTypeId: 'Onboarding', Origin: 'Web', Onboarding_Stage__c: 'Kick-off' },
    },
    // Agents work the kick-off calls the onboarding flow creates: the Task page and its Edit modal.
    { persona: 'support-agent', field: 'Task.Subject', access: 'edit' },
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
      // The refusal also proves the data-load bypass is off for the rep.
      covers: ['CustomField:Release_Settings__c.Bypass_Validation_Rules__c'],
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
    {
      name: 'a web case with a phone number the support line can dial saves',
      persona: 'support-agent',
      object: 'Case',
      values: { Origin: 'Web', Status: 'New', SuppliedPhone: '+44 20 7946 0001' },
      refused: {
        values: { SuppliedPhone: 'call me after lunch' },
        message: 'Enter a phone number the support line can dial, such as +44 20 7946 0001.',
        field: 'SuppliedPhone',
      },
      component: 'ValidationRule:Case.Web_Phone_Format',
    },
    {
      name: 'support agents can escalate a case',
      persona: 'support-agent',
      object: 'Case',
      values: { Origin: 'Web', Status: 'New' },
      update: { Status: 'Escalated' },
      component: 'ValidationRule:Case.Escalation_By_Support_Team',
    },
    {
      // Standard users may create and edit cases; escalating pages the support rota, so only support may.
      name: 'a sales rep cannot escalate a case',
      persona: 'sales-rep',
      object: 'Case',
      values: { Origin: 'Web', Status: 'New' },
      update: { Status: 'Working' },
      refused: { values: { Status: 'Escalated' }, message: 'Only the support team can escalate a case.', field: 'Status' },
      component: 'ValidationRule:Case.Escalation_By_Support_Team',
    },
    {
      name: 'a closed onboarding case stays closed',
      persona: 'support-agent',
      object: 'Case',
      values: { RecordTypeId: 'Onboarding', Origin: 'Web', Status: 'New', Onboarding_Stage__c: 'Kick-off' },
      update: { Status: 'Closed' },
      refused: {
        values: { Status: 'Working' },
        message: 'Closed onboarding cases stay closed: open a new onboarding case instead.',
        field: 'Status',
      },
      component: 'ValidationRule:Case.Onboarding_Cases_Stay_Closed',
    },
  ],

  automation: [
    {
      name: 'closing a deal opens an onboarding case',
      persona: 'sales-rep',
      component: 'Flow:Closed_Won_Onboarding',
      trigger: { object: 'Opportunity', create: { StageName: 'Negotiation/Review', CloseDate: '{{today}}' }, update: { StageName: 'Closed Won' } },
      expect: {
        object: 'Case',
        where: "Subject = 'Onboarding: {{trigger.Name}}' AND Opportunity__c = '{{trigger.Id}}'",
        fields: { Origin: 'Web', Status: 'New' },
      },
      withinSeconds: 30,
      // The case opens only while the release settings switch onboarding on, and names its deal.
      covers: ['CustomField:Release_Settings__c.Onboarding_Enabled__c', 'CustomField:Case.Opportunity__c'],
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
      covers: ['CustomField:Onboarding_Step__c.Case__c'],
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

  flows: [
    {
      // Before-delete: the check creates a completed step (the guard's criteria) and leaves the delete to the
      // Case it belongs to, as the guard intends.
      persona: 'support-agent',
      flow: 'Onboarding_Step_Delete_Guard',
      trigger: { object: 'Onboarding_Step__c', create: { Done__c: true }, parents: { Case__c: { object: 'Case', values: { Origin: 'Web' } } } },
      criteria: 'Done__c = true',
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
        covers: ['CustomField:Account.Last_ERP_Sync__c'],
      },
      {
        // The release action writes the org default with the live release; a settings row without one is a
        // release step that did not finish.
        name: 'every release settings row names its release',
        soql: 'SELECT Id FROM Release_Settings__c WHERE Release_Id__c = null',
        covers: ['CustomField:Release_Settings__c.Release_Id__c'],
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
