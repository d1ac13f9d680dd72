/**
 * The run's teardown (deleteInReverse, src/data/cleanup.ts) on the sample org, where a before-delete flow
 * (`Onboarding_Step_Delete_Guard`) refuses to delete a completed onboarding step on its own, yet a step goes
 * with its Case (master-detail cascade, which does not run the step's delete flow). A step whose delete was
 * refused but which went with its Case later in the same teardown counts as deleted; a step that is still
 * there is a failure, named with the org's words. Batched (sObject Collections: the step and its Case in one
 * request) and one by one (SF_BATCHING=false: one DELETE each), as the teardown runs in either mode.
 */
import type { Connection } from '@jsforce/jsforce-node';
import { deleteInReverse } from '../../src/data/cleanup.js';
import { expect, insert, refusal, test } from './fixtures/sample-org.fixture.js';

const GUARD = 'FIELD_CUSTOM_VALIDATION_EXCEPTION: Completed onboarding steps are kept for the audit trail and cannot be deleted.';

/** A Case and a completed step of it, created by the admin (as the plan's checks leave them), in creation order. */
async function caseWithCompletedStep(admin: Connection, label: string): Promise<{ caseId: string; stepId: string }> {
  const caseId = await insert(admin, 'Case', { Subject: `teardown ${label}`, Origin: 'Web', Status: 'New' });
  const stepId = await insert(admin, 'Onboarding_Step__c', { Name: `completed step ${label}`, Case__c: caseId, Done__c: true });
  return { caseId, stepId };
}

/** Which of these ids are still there (not in the recycle bin). */
async function stillThere(admin: Connection, object: string, ids: string[]): Promise<string[]> {
  const found = await admin.query<{ Id: string }>(`SELECT Id FROM ${object} WHERE Id IN ('${ids.join("','")}')`);
  return found.records.map((r) => r.Id);
}

for (const batching of [true, false]) {
  test.describe(`batching ${batching}`, () => {
    test('a completed step refused on its own but gone with its Case later in the same teardown counts as deleted', async ({ as }) => {
      const admin = await as('admin');
      const { caseId, stepId } = await caseWithCompletedStep(admin, `cascade ${batching}`);
      // The teardown's first delete (the step, newest first) is refused: the guard holds for the admin too.
      expect(await refusal(() => admin.sobject('Onboarding_Step__c').destroy(stepId))).toMatchObject({ errorCode: 'FIELD_CUSTOM_VALIDATION_EXCEPTION' });

      const outcome = await deleteInReverse(admin, [{ object: 'Case', id: caseId }, { object: 'Onboarding_Step__c', id: stepId }], { batching });

      expect(outcome).toEqual({ deleted: 2, failures: [] });
      expect(await stillThere(admin, 'Onboarding_Step__c', [stepId]), 'the step went with its Case').toEqual([]);
      expect(await stillThere(admin, 'Case', [caseId])).toEqual([]);
    });

    test('only what is still there fails: a completed step whose Case stays is named with the org\'s words, the rest is deleted', async ({ as }) => {
      const admin = await as('admin');
      const cascaded = await caseWithCompletedStep(admin, `goes ${batching}`);
      const kept = await caseWithCompletedStep(admin, `stays ${batching}`);
      const account = await insert(admin, 'Account', { Name: `teardown account ${batching}` });

      // The kept step's Case is not the teardown's to delete (another run's, say): its step stays.
      const outcome = await deleteInReverse(
        admin,
        [
          { object: 'Case', id: cascaded.caseId },
          { object: 'Account', id: account },
          { object: 'Onboarding_Step__c', id: kept.stepId },
          { object: 'Onboarding_Step__c', id: cascaded.stepId },
        ],
        { batching },
      );

      expect(outcome).toEqual({ deleted: 3, failures: [`Onboarding_Step__c ${kept.stepId}: ${GUARD}`] });
      expect(await stillThere(admin, 'Onboarding_Step__c', [kept.stepId, cascaded.stepId])).toEqual([kept.stepId]);
      expect(await stillThere(admin, 'Account', [account])).toEqual([]);
    });
  });
}
