/**
 * Process Builder processes (flows of `processType` Workflow) in the shape Process Builder saves them:
 * `fixtures/workflow-org/force-app/main/default/flows/Ticket_Process.flow-meta.xml` (record variables
 * `myVariable_current` / `myVariable_old`, an `isChangedDecision`, `[Ticket__c].Field` formulas rewritten as
 * `{!myVariable_current.Field}`, a "previously met" decision, a record update of the triggering record) and
 * `Ticket_Chatter` (a Chatter post the flow runtime cannot run: listed, never run), `Ticket_Launch_Flow` (when
 * Category__c is "launch", a "Flows" action launches the autolaunched flow Ticket_Write_Log with the ticket's
 * id and a note: it creates a Ticket_Log__c with Source__c "flow action") and `Ticket_Launch_Missing` (the
 * same action naming a flow the project does not have: listed, never run).
 */
import { loadOrgSchema } from '../../../emulator/metadata/load-project.js';
import { Org as OrgClass, type Org } from '../../../emulator/org.js';
import type { Session } from '../../../emulator/contracts.js';
import { expect, failure, orgTest, WORKFLOW_ORG } from './org-fixture.js';

const test = orgTest<'admin' | 'agent'>(WORKFLOW_ORG, 'workflow.test');
const API = { apiVersion: '62.0' };

function logSources(org: Org, session: Session, ticketId: string): string[] {
  return org.service.query(session, `SELECT Source__c FROM Ticket_Log__c WHERE Ticket__c = '${ticketId}' ORDER BY Name`, API).records.map((r) => String(r.Source__c));
}

test('a process loads with its object, trigger and record variables; one with an action the runtime lacks is listed as not run', () => {
  const schema = loadOrgSchema({ source: WORKFLOW_ORG });
  expect(schema.flows.get('ticket_process')).toMatchObject({
    processType: 'Workflow', triggerType: 'None', unsupportedElements: [],
    process: { object: 'Ticket__c', triggerType: 'onAllChanges', currentVariable: 'myVariable_current', oldVariable: 'myVariable_old', recursive: false, runnable: true },
  });
  expect(schema.flows.get('ticket_chatter')).toMatchObject({
    unsupportedElements: ['actionCalls:chatterPost myRule_1_A1'],
    process: { object: 'Ticket__c', triggerType: 'onCreateOnly', runnable: false },
  });
});

test('the isChanged decision: a log only when Priority changes on an edit, not on create', ({ org, login }) => {
  const agent = login('agent');
  const id = org.service.create(agent, 'Ticket__c', { Name: 'Priorities', Priority__c: 'Low' });
  expect(logSources(org, agent, id)).toEqual([]);
  org.service.update(agent, 'Ticket__c', id, { Priority__c: 'Medium' });
  expect(logSources(org, agent, id)).toEqual(['process: priority changed']);
  org.service.update(agent, 'Ticket__c', id, { Notes__c: 'no priority change' });
  expect(logSources(org, agent, id)).toEqual(['process: priority changed']);
});

test('ISCHANGED and ISPICKVAL over {!myVariable_current.Status__c}: closing updates the record once, in the same save', ({ org, login }) => {
  const agent = login('agent');
  const id = org.service.create(agent, 'Ticket__c', { Name: 'To close' });
  org.service.update(agent, 'Ticket__c', id, { Status__c: 'Closed' });
  expect(org.service.retrieve(agent, 'Ticket__c', id, ['Closed_By_Process__c']).Closed_By_Process__c).toBe(true);
  // The process's own update of the ticket is a new save of it, in which the process does not run again.
  expect(logSources(org, agent, id)).toEqual(['process: closed']);
  org.service.update(agent, 'Ticket__c', id, { Notes__c: 'still closed' });
  expect(logSources(org, agent, id)).toEqual(['process: closed']);

  const open = org.service.create(agent, 'Ticket__c', { Name: 'Stays open' });
  org.service.update(agent, 'Ticket__c', open, { Status__c: 'Working' });
  expect(org.service.retrieve(agent, 'Ticket__c', open, ['Closed_By_Process__c']).Closed_By_Process__c).toBe(false);
});

test('"only when specified changes are made": the escalation action runs when the ticket becomes Escalated, not while it stays so', ({ org, login }) => {
  // Process Builder checks the old record with its own formula over `myVariable_old`
  // (`ISPICKVAL({!myVariable_old.Status__c}, "Escalated")`), read against the prior values.
  const agent = login('agent');
  const escalated = org.service.create(agent, 'Ticket__c', { Name: 'Hot', Status__c: 'Escalated' });
  expect(logSources(org, agent, escalated)).toEqual(['process: escalated']);
  org.service.update(agent, 'Ticket__c', escalated, { Notes__c: 'still escalated' });
  expect(logSources(org, agent, escalated)).toEqual(['process: escalated']);
  org.service.update(agent, 'Ticket__c', escalated, { Status__c: 'Working' });
  org.service.update(agent, 'Ticket__c', escalated, { Status__c: 'Escalated' });
  expect(logSources(org, agent, escalated)).toEqual(['process: escalated', 'process: escalated']);

  const calm = org.service.create(agent, 'Ticket__c', { Name: 'Calm', Status__c: 'Working' });
  org.service.update(agent, 'Ticket__c', calm, { Notes__c: 'edit' });
  expect(logSources(org, agent, calm)).toEqual([]);
});

test('the process\'s update goes through the save pipeline: a validation rule refusing it fails the whole save', ({ org, login }) => {
  const agent = login('agent');
  const id = org.service.create(agent, 'Ticket__c', { Name: 'Guarded', Category__c: 'forbid-close' });
  const error = failure(() => org.service.update(agent, 'Ticket__c', id, { Status__c: 'Closed' }));
  expect(error.errorCode).toBe('CANNOT_EXECUTE_FLOW_TRIGGER');
  expect(error.message).toContain('the “Ticket Process” process failed');
  expect(error.message).toContain('This ticket may not be closed by the process.');
  expect(org.service.retrieve(agent, 'Ticket__c', id, ['Status__c', 'Closed_By_Process__c'])).toMatchObject({ Status__c: 'New', Closed_By_Process__c: false });
  expect(logSources(org, agent, id)).toEqual([]);
});

test('deactivated through the Tooling API, the process no longer runs; the process that cannot run never blocks a save', ({ org, login }) => {
  const admin = login('admin');
  const definition = org.service.query(admin, "SELECT Id FROM FlowDefinition WHERE DeveloperName = 'Ticket_Process'", { ...API, tooling: true }).records[0];
  org.service.update(admin, 'FlowDefinition', String(definition?.Id), { Metadata: { activeVersionNumber: 0 } });
  const agent = login('agent');
  // Ticket_Chatter (active, onCreateOnly) would post on every new ticket; it is not run, and the save succeeds.
  const id = org.service.create(agent, 'Ticket__c', { Name: 'Quiet', Status__c: 'Escalated' });
  org.service.update(agent, 'Ticket__c', id, { Status__c: 'Closed', Priority__c: 'High' });
  expect(logSources(org, agent, id)).toEqual([]);
  expect(org.service.retrieve(agent, 'Ticket__c', id, ['Closed_By_Process__c']).Closed_By_Process__c).toBe(false);
});

test.describe('processes that launch a flow', () => {
  test('a "Flows" action runs the autolaunched flow with the process\'s inputs; the process runs only when its criteria hold', ({ org, login }) => {
    const agent = login('agent');
    const launched = org.service.create(agent, 'Ticket__c', { Name: 'Launch me', Category__c: 'launch' });
    const logs = (id: string): { Source__c: unknown; Note__c: unknown }[] => org.service.query(agent,
      `SELECT Source__c, Note__c FROM Ticket_Log__c WHERE Ticket__c = '${id}' AND Source__c = 'flow action'`, API).records.map((r) => ({ Source__c: r.Source__c, Note__c: r.Note__c }));
    expect(logs(launched)).toEqual([{ Source__c: 'flow action', Note__c: 'launched by a process' }]);
    // Another category: the decision's criteria do not hold, no flow runs.
    const other = org.service.create(agent, 'Ticket__c', { Name: 'Leave me', Category__c: 'other' });
    expect(logs(other)).toEqual([]);
    // Edited into the criteria (the process starts on every change), the flow runs then.
    org.service.update(agent, 'Ticket__c', other, { Category__c: 'launch' });
    expect(logs(other)).toHaveLength(1);
  });

  test('the flow action is loaded as runnable; one that launches a flow the project lacks leaves its process listed and not run', () => {
    const org = orgWithSummary();
    try {
      expect(org.schema.flows.get('ticket_launch_flow')).toMatchObject({ unsupportedElements: [], process: { runnable: true } });
      expect(org.schema.flows.get('ticket_launch_missing')).toMatchObject({ unsupportedElements: ['actionCalls:flow myRule_1_A1'], process: { runnable: false } });
      expect(org.summary).toContain('force-app/main/default/flows/Ticket_Launch_Missing.flow-meta.xml: Flow Ticket_Launch_Missing: element actionCalls:flow myRule_1_A1 -> not run');
      expect(org.summary).not.toContain('Flow Ticket_Launch_Flow:');
    } finally {
      org.close();
    }
  });
});

function orgWithSummary(): Org {
  return OrgClass.load({ source: WORKFLOW_ORG });
}
