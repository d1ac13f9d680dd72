/**
 * The sample org's onboarding steps (org/README.md, "Onboarding steps") run as the release means them to,
 * through the REST API (jsforce) as the sample's own users:
 *
 * - `Case_Onboarding_Steps` (after-save, Case create, Onboarding record type) calls the autolaunched flow
 *   `Create_Onboarding_Steps` as a **subflow**, which creates three `Onboarding_Step__c` details;
 * - the roll-up `Case.Open_Onboarding_Steps__c` (COUNT where Done__c = false) follows every change;
 * - `Case_Close_Out_Onboarding_Steps` (after-save, Case update to Closed) **loops** over the open steps and
 *   saves them in one Update Records whose **fault connector** tells the owner when the steps are refused;
 * - `Onboarding_Step_Delete_Guard` (**RecordBeforeDelete**) keeps completed steps, but a cascade delete of the
 *   case removes them without running it ("Triggers and Order of Execution": cascade-deleted records do not
 *   fire delete triggers);
 * - `Onboarding_Step__c` is **ControlledByParent**: a step is visible exactly when its case is.
 *
 * One org per worker (and per overlay); each test creates its own cases.
 */
import path from 'node:path';
import type { Connection } from '@jsforce/jsforce-node';
import { caseRecordTypeId, dayFromNow, expect, insert, refusal, test, type Persona } from './fixtures/sample-org.fixture.js';

/** Adds a rule that refuses ticking `Done__c` on an overdue step (see the folder's README). */
const STEPS_REFUSED_OVERLAY = path.join(import.meta.dirname, 'fixtures', 'onboarding-steps-refused');
const STEPS_REFUSED_MESSAGE = 'Overdue onboarding steps are signed off by the customer success manager.';
const GUARD_MESSAGE = 'Completed onboarding steps are kept for the audit trail and cannot be deleted.';
interface Step {
  Id: string;
  Name: string;
  Sequence__c: number | null;
  Due_Date__c: string | null;
  Done__c: boolean;
}

/** An Onboarding case created by `conn`'s user (who then owns it), as the support agent does in Lightning. */
async function createOnboardingCase(conn: Connection, subject: string): Promise<string> {
  return insert(conn, 'Case', {
    Subject: subject, RecordTypeId: await caseRecordTypeId(conn, 'Onboarding'), Origin: 'Web', Status: 'New', Onboarding_Stage__c: 'Kick-off',
  });
}

async function stepsOf(conn: Connection, caseId: string): Promise<Step[]> {
  const result = await conn.query<Step>(`SELECT Id, Name, Sequence__c, Due_Date__c, Done__c FROM Onboarding_Step__c WHERE Case__c = '${caseId}' ORDER BY Sequence__c`);
  return result.records.map(({ Id, Name, Sequence__c, Due_Date__c, Done__c }) => ({ Id, Name, Sequence__c, Due_Date__c, Done__c }));
}

async function openStepsCount(conn: Connection, caseId: string): Promise<number | null> {
  const found = await conn.query<{ Open_Onboarding_Steps__c: number | null }>(`SELECT Open_Onboarding_Steps__c FROM Case WHERE Id = '${caseId}'`);
  return found.records[0]?.Open_Onboarding_Steps__c ?? null;
}

function stepNamed(steps: Step[], name: string): Step {
  const step = steps.find((s) => s.Name === name);
  if (!step) throw new Error(`no step "${name}" among ${steps.map((s) => s.Name).join(', ')}`);
  return step;
}

test.describe('the sample release as it stands', () => {
  test('an Onboarding case gets the three standard steps from the subflow, due 7, 14 and 30 days out; a Support case gets none', async ({ as }) => {
    const agent = await as('agent');
    const onboarding = await createOnboardingCase(agent, 'Onboarding: Globex');

    expect(await stepsOf(agent, onboarding)).toEqual([
      expect.objectContaining({ Name: 'Data migration', Sequence__c: 1, Due_Date__c: dayFromNow(7), Done__c: false }),
      expect.objectContaining({ Name: 'Admin training', Sequence__c: 2, Due_Date__c: dayFromNow(14), Done__c: false }),
      expect.objectContaining({ Name: 'Go-live review', Sequence__c: 3, Due_Date__c: dayFromNow(30), Done__c: false }),
    ]);
    expect(await openStepsCount(agent, onboarding), 'roll-up after the subflow created the steps').toBe(3);
    // The kick-off call stays a Task (Case_Onboarding_Task runs on the same create).
    const kickOff = await agent.query(`SELECT Id FROM Task WHERE WhatId = '${onboarding}' AND Subject = 'Kick-off call'`);
    expect(kickOff.totalSize).toBe(1);

    const support = await insert(agent, 'Case', { Subject: 'Printer on fire', Origin: 'Phone', Status: 'New' });
    expect(await stepsOf(agent, support)).toEqual([]);
    expect(await openStepsCount(agent, support)).toBe(0);
  });

  test('the roll-up recomputes when a step is ticked, unticked, added and deleted', async ({ as }) => {
    const agent = await as('agent');
    const caseId = await createOnboardingCase(agent, 'Onboarding: Initech');
    const steps = await stepsOf(agent, caseId);

    await agent.sobject('Onboarding_Step__c').update({ Id: stepNamed(steps, 'Data migration').Id, Done__c: true });
    expect(await openStepsCount(agent, caseId), 'after ticking one step').toBe(2);
    await agent.sobject('Onboarding_Step__c').update({ Id: stepNamed(steps, 'Data migration').Id, Done__c: false });
    expect(await openStepsCount(agent, caseId), 'after unticking it again').toBe(3);

    const extra = await insert(agent, 'Onboarding_Step__c', { Name: 'SSO set-up', Case__c: caseId, Sequence__c: 4 });
    expect(await openStepsCount(agent, caseId), 'after adding a step (Done__c defaults to false)').toBe(4);
    await agent.sobject('Onboarding_Step__c').destroy(extra);
    await agent.sobject('Onboarding_Step__c').destroy(stepNamed(steps, 'Admin training').Id);
    expect(await openStepsCount(agent, caseId), 'after deleting two open steps').toBe(2);
  });

  test('closing the case marks every open step done (the loop) and only then; saving the closed case again changes nothing', async ({ as }) => {
    const agent = await as('agent');
    const caseId = await createOnboardingCase(agent, 'Onboarding: Umbrella');
    await agent.sobject('Case').update({ Id: caseId, Status: 'Working' });
    expect((await stepsOf(agent, caseId)).map((s) => s.Done__c), 'a status change other than Closed').toEqual([false, false, false]);

    await agent.sobject('Case').update({ Id: caseId, Status: 'Closed' });
    expect((await stepsOf(agent, caseId)).map((s) => s.Done__c)).toEqual([true, true, true]);
    expect(await openStepsCount(agent, caseId)).toBe(0);
    const faultTasks = await agent.query(`SELECT Id FROM Task WHERE WhatId = '${caseId}' AND Subject = 'Onboarding close-out failed'`);
    expect(faultTasks.totalSize, 'no fault task on the happy path').toBe(0);

    // "Only when a record is updated to meet the condition requirements": a closed case saved again does
    // not run the close-out, so a step added after the close stays open.
    const late = await insert(agent, 'Onboarding_Step__c', { Name: 'Late hand-over', Case__c: caseId, Sequence__c: 9 });
    await agent.sobject('Case').update({ Id: caseId, Priority: 'Low' });
    expect(stepNamed(await stepsOf(agent, caseId), 'Late hand-over')).toMatchObject({ Id: late, Done__c: false });
    expect(await openStepsCount(agent, caseId)).toBe(1);
  });

  test('closing the case deletes a kick-off call nobody started (Delete Records) and keeps one in progress', async ({ as }) => {
    const agent = await as('agent');
    const kickOffs = async (caseId: string): Promise<string[]> =>
      (await agent.query<{ Status: string }>(`SELECT Status FROM Task WHERE WhatId = '${caseId}' AND Subject = 'Kick-off call'`)).records.map((t) => t.Status);

    const unheld = await createOnboardingCase(agent, 'Onboarding: Cyberdyne');
    expect(await kickOffs(unheld)).toEqual(['Not Started']);
    await agent.sobject('Case').update({ Id: unheld, Status: 'Closed' });
    expect(await kickOffs(unheld)).toEqual([]);

    const held = await createOnboardingCase(agent, 'Onboarding: Tyrell');
    const [call] = (await agent.query<{ Id: string }>(`SELECT Id FROM Task WHERE WhatId = '${held}' AND Subject = 'Kick-off call'`)).records;
    await agent.sobject('Task').update({ Id: call!.Id, Status: 'In Progress' });
    await agent.sobject('Case').update({ Id: held, Status: 'Closed' });
    expect(await kickOffs(held)).toEqual(['In Progress']);
  });

  test('the before-delete flow keeps completed steps with its custom error; open steps may be deleted', async ({ as }) => {
    const agent = await as('agent');
    const caseId = await createOnboardingCase(agent, 'Onboarding: Hooli');
    const steps = await stepsOf(agent, caseId);
    const done = stepNamed(steps, 'Data migration');
    await agent.sobject('Onboarding_Step__c').update({ Id: done.Id, Done__c: true });

    const refused = await refusal(() => agent.sobject('Onboarding_Step__c').destroy(done.Id));
    // A Custom Error element fails the DML like a validation rule (top of page: no field).
    expect(refused).toEqual({ errorCode: 'FIELD_CUSTOM_VALIDATION_EXCEPTION', message: GUARD_MESSAGE });
    expect((await stepsOf(agent, caseId)).map((s) => s.Name)).toContain('Data migration');

    // The guard holds for the System Administrator too: flows do not care who deletes.
    const admin = await as('admin');
    expect(await refusal(() => admin.sobject('Onboarding_Step__c').destroy(done.Id))).toMatchObject({ errorCode: 'FIELD_CUSTOM_VALIDATION_EXCEPTION' });

    await agent.sobject('Onboarding_Step__c').destroy(stepNamed(steps, 'Go-live review').Id);
    expect((await stepsOf(agent, caseId)).map((s) => s.Name)).toEqual(['Data migration', 'Admin training']);
  });

  test('deleting the case deletes its steps, completed ones too: the cascade does not run the steps\' delete flow', async ({ as }) => {
    const agent = await as('agent');
    const caseId = await createOnboardingCase(agent, 'Onboarding: Vandelay');
    await agent.sobject('Case').update({ Id: caseId, Status: 'Closed' });
    const steps = await stepsOf(agent, caseId);
    expect(steps.map((s) => s.Done__c), 'every step is completed, so the guard would refuse each one').toEqual([true, true, true]);

    await agent.sobject('Case').destroy(caseId);
    expect(await stepsOf(agent, caseId)).toEqual([]);
    const gone = await refusal(() => agent.sobject('Onboarding_Step__c').retrieve(steps[0]!.Id));
    expect(gone.errorCode).toBe('NOT_FOUND');
    // In the recycle bin with their case, as Salesforce keeps cascade-deleted details (read as the admin:
    // the agent's access to a step comes from a case that is itself in the bin).
    const binned = await (await as('admin')).query<{ Id: string; IsDeleted: boolean }>(
      `SELECT Id, IsDeleted FROM Onboarding_Step__c WHERE Id IN ('${steps.map((s) => s.Id).join("','")}')`,
      { scanAll: true },
    );
    expect(binned.records.map((r) => r.IsDeleted)).toEqual([true, true, true]);
  });

  test('ControlledByParent: the rep who owns the case reads its steps; the rep cannot see the steps of a case it cannot see', async ({ as }) => {
    const rep = await as('rep');
    // The rep's own onboarding case, opened by Closed_Won_Onboarding when the rep wins a deal; its steps
    // come from the chain Opportunity -> flow -> Case -> flow -> subflow -> steps.
    const account = await insert(rep, 'Account', { Name: 'Soylent' });
    const deal = await insert(rep, 'Opportunity', { Name: 'Soylent renewal', AccountId: account, StageName: 'Negotiation/Review', CloseDate: dayFromNow(0) });
    await rep.sobject('Opportunity').update({ Id: deal, StageName: 'Closed Won' });
    const repsCase = await rep.query<{ Id: string; OwnerId: string }>("SELECT Id, OwnerId FROM Case WHERE Subject = 'Onboarding: Soylent renewal'");
    expect(repsCase.totalSize).toBe(1);
    const repsCaseId = repsCase.records[0]!.Id;
    expect((await stepsOf(rep, repsCaseId)).map((s) => s.Name)).toEqual(['Data migration', 'Admin training', 'Go-live review']);
    const throughParent = await rep.query<{ Onboarding_Steps__r: { totalSize: number } | null }>(`SELECT Id, (SELECT Name FROM Onboarding_Steps__r) FROM Case WHERE Id = '${repsCaseId}'`);
    expect(throughParent.records[0]?.Onboarding_Steps__r?.totalSize).toBe(3);
    expect(await openStepsCount(rep, repsCaseId), 'the rep reads the roll-up').toBe(3);

    // The support agent's own onboarding case: Case is Private and the rep is not above the agent in the
    // role hierarchy, so neither the case nor its steps exist for the rep.
    const agent = await as('agent');
    const agentsCaseId = await createOnboardingCase(agent, 'Onboarding: Wonka');
    const agentsSteps = await stepsOf(agent, agentsCaseId);
    expect(agentsSteps).toHaveLength(3);
    expect(await stepsOf(rep, agentsCaseId)).toEqual([]);
    expect((await refusal(() => rep.sobject('Case').retrieve(agentsCaseId))).errorCode).toBe('NOT_FOUND');
    expect(await refusal(() => rep.sobject('Onboarding_Step__c').retrieve(agentsSteps[0]!.Id))).toEqual({
      errorCode: 'NOT_FOUND', message: 'The requested resource does not exist',
    });
    // The agent reads every case (View All on Case), so every case's steps too.
    expect(await stepsOf(agent, repsCaseId)).toHaveLength(3);
  });

  test('describe: the rep reads the steps, the agent works them', async ({ as }) => {
    const describeAs = async (persona: Persona) => (await as(persona)).describe('Onboarding_Step__c');
    const rep = await describeAs('rep');
    const agent = await describeAs('agent');
    expect({ createable: rep.createable, updateable: rep.updateable, deletable: rep.deletable }).toEqual({ createable: false, updateable: false, deletable: false });
    expect({ createable: agent.createable, updateable: agent.updateable, deletable: agent.deletable }).toEqual({ createable: true, updateable: true, deletable: true });
    expect(rep.fields.find((f) => f.name === 'Done__c')).toMatchObject({ updateable: false });
    expect(agent.fields.find((f) => f.name === 'Done__c')).toMatchObject({ updateable: true, defaultValue: false });
    expect(agent.fields.find((f) => f.name === 'Case__c')).toMatchObject({ type: 'reference', referenceTo: ['Case'], relationshipName: 'Case__r', cascadeDelete: true });
    const caseDescribe = await (await as('agent')).describe('Case');
    expect(caseDescribe.childRelationships.find((r) => r.childSObject === 'Onboarding_Step__c')).toMatchObject({ field: 'Case__c', relationshipName: 'Onboarding_Steps__r', cascadeDelete: true });
    expect(caseDescribe.fields.find((f) => f.name === 'Open_Onboarding_Steps__c')).toMatchObject({ calculated: true, updateable: false });
  });
});

test.describe('when a rule refuses overdue steps (test overlay onboarding-steps-refused)', () => {
  test.use({ overlays: [STEPS_REFUSED_OVERLAY] });

  /** Puts a step's due date before the org's today, so that the overlay's rule refuses ticking it. */
  async function makeOverdue(conn: Connection, stepId: string): Promise<void> {
    await conn.sobject('Onboarding_Step__c').update({ Id: stepId, Due_Date__c: dayFromNow(-1) });
  }

  async function closeOutFailureTasks(conn: Connection, caseId: string) {
    const tasks = await conn.query<{ Description: string | null; OwnerId: string; Priority: string; Status: string; ActivityDate: string }>(
      `SELECT Description, OwnerId, Priority, Status, ActivityDate FROM Task WHERE WhatId = '${caseId}' AND Subject = 'Onboarding close-out failed'`,
    );
    return tasks.records;
  }

  test('closing the case still succeeds; the fault connector gives the owner a task carrying the rule\'s message', async ({ as }) => {
    const agent = await as('agent');
    const caseId = await createOnboardingCase(agent, 'Onboarding: Stark');
    for (const step of await stepsOf(agent, caseId)) await makeOverdue(agent, step.Id);
    const userId = (await agent.identity()).user_id;

    await agent.sobject('Case').update({ Id: caseId, Status: 'Closed' });

    const closed = await agent.query<{ Status: string }>(`SELECT Status FROM Case WHERE Id = '${caseId}'`);
    expect(closed.records[0]?.Status).toBe('Closed');
    expect((await stepsOf(agent, caseId)).map((s) => s.Done__c)).toEqual([false, false, false]);
    expect(await openStepsCount(agent, caseId)).toBe(3);
    const tasks = await closeOutFailureTasks(agent, caseId);
    expect(tasks).toHaveLength(1);
    expect(tasks[0]).toMatchObject({ OwnerId: userId, Priority: 'High', Status: 'Not Started', ActivityDate: dayFromNow(0) });
    // $Flow.FaultMessage: a real org words it "This error occurred when the flow tried to update records:
    // FIELD_CUSTOM_VALIDATION_EXCEPTION: <message>. ..."; either way it carries the rule's message.
    expect(tasks[0]?.Description).toContain(STEPS_REFUSED_MESSAGE);
    // The fault path ends there: the kick-off call is not removed while the steps are still open.
    const kickOff = await agent.query(`SELECT Id FROM Task WHERE WhatId = '${caseId}' AND Subject = 'Kick-off call'`);
    expect(kickOff.totalSize).toBe(1);
  });

  // A flow's Update Records of a collection is one DML statement, all or none: one refused step fails the
  // element and none of the steps is saved before the fault path runs.
  test('one refused step fails the whole Update Records: no step is marked done', async ({ as }) => {
    const agent = await as('agent');
    const caseId = await createOnboardingCase(agent, 'Onboarding: Oscorp');
    await makeOverdue(agent, stepNamed(await stepsOf(agent, caseId), 'Go-live review').Id);

    await agent.sobject('Case').update({ Id: caseId, Status: 'Closed' });

    expect(await closeOutFailureTasks(agent, caseId)).toHaveLength(1);
    expect((await stepsOf(agent, caseId)).map((s) => s.Done__c)).toEqual([false, false, false]);
  });

  test('the rule itself refuses a person ticking an overdue step, with its message on Done__c; a step on time may be ticked', async ({ as }) => {
    const agent = await as('agent');
    const caseId = await createOnboardingCase(agent, 'Onboarding: Wayne');
    const [first, second] = await stepsOf(agent, caseId);
    await makeOverdue(agent, first!.Id);
    expect(await refusal(() => agent.sobject('Onboarding_Step__c').update({ Id: first!.Id, Done__c: true }))).toEqual({
      errorCode: 'FIELD_CUSTOM_VALIDATION_EXCEPTION', message: STEPS_REFUSED_MESSAGE,
    });
    await agent.sobject('Onboarding_Step__c').update({ Id: second!.Id, Done__c: true });
    expect(await openStepsCount(agent, caseId)).toBe(2);
  });
});
