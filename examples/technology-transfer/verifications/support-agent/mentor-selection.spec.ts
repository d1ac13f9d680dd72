/**
 * The after-save flow TTS_Mentoring_Set_Chosen_Mentor_on_Opportunity, as the incubator manager works it:
 * marking a mentor's interest Selected must tick Selected_Mentor__c on the interest and put the mentor on the
 * mentoring opportunity (Stage "Mentor Assigned").
 *
 * Hand-written beside the plan because the plan cannot express it: every active record-triggered flow of the
 * Technology Transfer Starter runs on a master-detail child (TTS_Mentoring_Interest__c, TTS_Inventor__c,
 * TTS_Space_Tenant_Contact__c), and a plan entry's trigger values cannot name a parent record created in the
 * same run. This spec creates the parent first, then triggers the flow, using the same fixtures as the plan.
 */
import { pollWithBackoff } from '../../../../src/plan/checks/outcomes.js';
import { test, expect } from '../../../../fixtures/index.js';

const FLOW = 'Flow:TTS_Mentoring_Set_Chosen_Mentor_on_Opportunity';

test(
  'support-agent: selecting a mentor assigns them to the mentoring opportunity',
  { tag: ['@support-agent', '@area:automation', `@component:${FLOW}`, '@severity:critical'] },
  async ({ sf, adminSf, testData }) => {
    // Mentors are contacts of the incubator; the manager adds them (Contact is tagged with the run id).
    const mentorId = await testData.create('Contact', { LastName: testData.name('Mentor Ada Byron') });
    const opportunityId = await testData.create('TTS_Mentoring_Opportunity__c', {
      Stage__c: 'Open',
      Mentoring_Start_Date__c: new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10),
    });

    // The interest is registered first and selected in a second save: the flow's entry condition is
    // "Status__c / Selected_Mentor__c is changed", which is certain to hold on an update. (Whether Salesforce
    // counts a non-empty value on create as "changed" is not documented clearly; the check does not rely on it.)
    const interestId = await testData.create('TTS_Mentoring_Interest__c', {
      Mentoring_Opportunity__c: opportunityId,
      Contact__c: mentorId,
      Status__c: 'Interested',
    });
    await test.step('support-agent marks the mentor interest Selected', async () => {
      try {
        const saved = await sf.sobject('TTS_Mentoring_Interest__c').update({ Id: interestId, Status__c: 'Selected' });
        if (!saved.success) throw new Error(JSON.stringify(saved.errors));
      } catch (error) {
        // An after-save flow without a fault path rolls the save back with its error: name the flow.
        throw new Error(`${FLOW}: support-agent could not select a mentor: ${(error as Error).message}`);
      }
    });

    // After-save flows finish in the save's transaction on a real org; poll anyway, as the plan does.
    const { value: opportunity } = await pollWithBackoff(
      async () =>
        (await adminSf.query<{ Stage__c: string; Mentor__c: string | null }>(
          `SELECT Stage__c, Mentor__c FROM TTS_Mentoring_Opportunity__c WHERE Id = '${opportunityId}'`,
        )).records[0],
      (record) => record?.Mentor__c === mentorId,
      30_000,
    );
    expect(opportunity, `${FLOW}: the mentoring opportunity after the mentor was selected`).toMatchObject({ Stage__c: 'Mentor Assigned', Mentor__c: mentorId });

    const interest = await sf.query<{ Selected_Mentor__c: boolean }>(`SELECT Selected_Mentor__c FROM TTS_Mentoring_Interest__c WHERE Id = '${interestId}'`);
    expect(interest.records[0]?.Selected_Mentor__c, `${FLOW}: Selected_Mentor__c on the selected interest`).toBe(true);
  },
);
