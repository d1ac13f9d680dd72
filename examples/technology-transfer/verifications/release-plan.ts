/**
 * Worked example: the release plan of a team that runs the public Technology Transfer Starter
 * (../shared/samples/technology-transfer-starter), as its personas:
 * - sales-rep: a licensing manager in the Technology Transfer Office (TTO staff permission set);
 * - support-agent: the incubator and mentoring manager (Mentoring Manager, Space Manager, Visa Management);
 * - integration-user: the disclosure portal, which upserts invention disclosures by External_ID__c.
 * Users: ../users/*.json; the release action that assigns the permission sets: ../actions/.
 *
 * Values are API values (picklist API names, `{{today+7}}` for dates). Every object of this project names its
 * records with an auto-number, so the run id cannot go into the name: records are still removed by the
 * teardown (the run's list of created records), but the sweeper of a later run cannot find them by name.
 */
import { definePlan } from '../../../src/plan/schema.js';

export default definePlan(
  {
    release: 'Technology Transfer Starter 3.5.1 (mentoring, incubator visas, disclosure portal)',

    fieldAccess: [
      { persona: 'sales-rep', field: 'TTS_Technology__c.TRL__c', access: 'edit', severity: 'critical' },
      { persona: 'sales-rep', field: 'TTS_Technology__c.IP_Title__c', access: 'edit' },
      // Visa details of incubator founders are personal data the licensing team has no business seeing.
      { persona: 'sales-rep', field: 'Contact.Visa_Number__c', access: 'hidden', severity: 'critical' },
      { persona: 'support-agent', field: 'TTS_Mentoring_Opportunity__c.Mentoring_Start_Date__c', access: 'edit' },
      // A roll-up summary (count of selected mentors): visible, never editable.
      { persona: 'support-agent', field: 'TTS_Mentoring_Opportunity__c.Total_Selected_Interests__c', access: 'read' },
      // API only: the project's Contact layout does not place the visa fields, so Lightning shows them to nobody
      // (with the UI check on, Postflight reports exactly that: edit through the API, absent from the page).
      { persona: 'support-agent', field: 'Contact.Visa_Number__c', access: 'edit', ui: false, severity: 'critical' },
      // Unpublished invention details stay inside the TTO.
      { persona: 'support-agent', field: 'TTS_Technology__c.IP_Technical_Description__c', access: 'hidden' },
      { persona: 'integration-user', field: 'TTS_Disclosure__c.External_ID__c', access: 'edit', severity: 'critical' },
      { persona: 'integration-user', field: 'Contact.Visa_Number__c', access: 'hidden' },
    ],

    automation: [
      {
        // The after-save flow runs on a master-detail child, so the trigger names the parents to create first.
        name: 'selecting a mentor assigns them to the mentoring opportunity',
        persona: 'support-agent',
        component: 'Flow:TTS_Mentoring_Set_Chosen_Mentor_on_Opportunity',
        trigger: {
          object: 'TTS_Mentoring_Interest__c',
          parents: {
            Mentoring_Opportunity__c: { object: 'TTS_Mentoring_Opportunity__c', values: { Stage__c: 'Open', Mentoring_Start_Date__c: '{{today+7}}' } },
            Contact__c: { object: 'Contact' },
          },
          create: { Status__c: 'Interested' },
          update: { Status__c: 'Selected' },
        },
        expect: {
          object: 'TTS_Mentoring_Opportunity__c',
          where: "Id = '{{trigger.Mentoring_Opportunity__c}}' AND Mentor__c = '{{trigger.Contact__c}}'",
          fields: { Stage__c: 'Mentor Assigned' },
        },
        severity: 'critical',
      },
    ],

    recordActions: [
      {
        name: 'a mentoring opportunity with its dates in order saves',
        persona: 'support-agent',
        object: 'TTS_Mentoring_Opportunity__c',
        values: { Stage__c: 'Open', Mentoring_Start_Date__c: '{{today+7}}', Mentoring_End_Date__c: '{{today+97}}' },
        refused: { values: { Mentoring_End_Date__c: '{{today+7}}' }, message: 'End Date Cannot be before the Start Date' },
        component: 'ValidationRule:TTS_Mentoring_Opportunity__c.Dates_Check',
        severity: 'critical',
      },
      {
        name: 'a technology with its readiness level saves',
        persona: 'sales-rep',
        object: 'TTS_Technology__c',
        values: { IP_Title__c: 'Self-healing concrete additive', TRL__c: 'TRL 4', IP_Category__c: 'Composition of Matter' },
        component: 'TTS_Technology__c',
      },
    ],

    recordTypes: [
      { persona: 'sales-rep', object: 'TTS_Agreement__c', recordType: 'Licence_Agreement', severity: 'critical' },
    ],

    sharing: [
      {
        name: 'licensing managers can work disclosures the portal created',
        persona: 'sales-rep',
        object: 'TTS_Disclosure__c',
        ownedBy: 'integration-user',
        values: { Status__c: 'New' },
        access: 'edit',
      },
    ],

    integration: [
      {
        name: 'the disclosure portal upserts disclosures by external id',
        persona: 'integration-user',
        object: 'TTS_Disclosure__c',
        externalId: 'External_ID__c',
        records: [
          { External_ID__c: 'PORTAL-1001', Status__c: 'New', Funding_Source__c: 'Grant' },
          { External_ID__c: 'PORTAL-1002', Status__c: 'New', Funding_Source__c: 'Individual' },
        ],
        mustNotTouch: [
          { object: 'Contact', operation: 'read', fields: ['Visa_Number__c', 'Visa_Type__c', 'Visa_End_Date__c'] },
          { object: 'TTS_Space__c', operation: 'create' },
        ],
        severity: 'critical',
      },
    ],
  },
  'examples/technology-transfer/verifications/release-plan.ts',
);
