/**
 * Workflow rules (`fixtures/workflow-org/force-app/main/default/workflows/Ticket__c.workflow-meta.xml`):
 * which rules fire for each trigger type and criteria kind, what each field update operation writes, the
 * second save (system validation only), re-evaluation, and their place in the order of execution. Each
 * behaviour is checked from both sides: a record that should get the update gets it, one that should not
 * does not.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Session, WireRecord } from '../../../emulator/contracts.js';
import { describeLoad } from '../../../emulator/metadata/describe-load.js';
import { degradedComponents, describeDegraded } from '../../../emulator/metadata/load-problems.js';
import { loadOrgSchema, MetadataError } from '../../../emulator/metadata/load-project.js';
import { Org } from '../../../emulator/org.js';
import { expect, failure, orgTest, START, userFiles, WORKFLOW_ORG } from './org-fixture.js';

const test = orgTest<'admin' | 'agent' | 'reviewer'>(WORKFLOW_ORG, 'workflow.test');

const API = { apiVersion: '62.0' };

function ticket(org: Org, session: Session, id: string, fields: string[]): WireRecord {
  return org.service.retrieve(session, 'Ticket__c', id, fields);
}

test.describe('trigger types', () => {
  test('onCreateOnly: a new record gets the update; an edit does not re-apply it', ({ org, login }) => {
    const agent = login('agent');
    const id = org.service.create(agent, 'Ticket__c', { Name: 'Printer' });
    expect(ticket(org, agent, id, ['Created_Flag__c']).Created_Flag__c).toBe(true);
    org.service.update(agent, 'Ticket__c', id, { Created_Flag__c: false });
    expect(ticket(org, agent, id, ['Created_Flag__c']).Created_Flag__c).toBe(false);
  });

  test('onAllChanges: the update runs on create and on every edit that meets the criteria, and only then', ({ org, login }) => {
    const agent = login('agent');
    const counted = org.service.create(agent, 'Ticket__c', { Name: 'Counted', Category__c: 'count' });
    expect(ticket(org, agent, counted, ['Edit_Count__c']).Edit_Count__c).toBe(1);
    org.service.update(agent, 'Ticket__c', counted, { Notes__c: 'first edit' });
    org.service.update(agent, 'Ticket__c', counted, { Notes__c: 'second edit' });
    // One increment per save: the second save of a field update does not run the rules again.
    expect(ticket(org, agent, counted, ['Edit_Count__c']).Edit_Count__c).toBe(3);

    const other = org.service.create(agent, 'Ticket__c', { Name: 'Not counted', Category__c: 'other' });
    org.service.update(agent, 'Ticket__c', other, { Notes__c: 'edit' });
    expect(ticket(org, agent, other, ['Edit_Count__c']).Edit_Count__c).toBeNull();
  });

  test('onCreateOrTriggeringUpdate: created meeting the criteria, or edited to meet them; not again while they hold', ({ org, login }) => {
    const agent = login('agent');
    const born = org.service.create(agent, 'Ticket__c', { Name: 'Outage', Priority__c: 'High', Category__c: 'network outage' });
    expect(ticket(org, agent, born, ['Escalated_By_Rule__c', 'Triggered_Count__c'])).toMatchObject({ Escalated_By_Rule__c: true, Triggered_Count__c: 1 });
    org.service.update(agent, 'Ticket__c', born, { Amount__c: 5000 });
    expect(ticket(org, agent, born, ['Triggered_Count__c']).Triggered_Count__c).toBe(1);

    const later = org.service.create(agent, 'Ticket__c', { Name: 'Later', Priority__c: 'Low', Category__c: 'network outage' });
    expect(ticket(org, agent, later, ['Escalated_By_Rule__c', 'Triggered_Count__c'])).toMatchObject({ Escalated_By_Rule__c: false, Triggered_Count__c: null });
    org.service.update(agent, 'Ticket__c', later, { Priority__c: 'High' });
    expect(ticket(org, agent, later, ['Escalated_By_Rule__c', 'Triggered_Count__c'])).toMatchObject({ Escalated_By_Rule__c: true, Triggered_Count__c: 1 });
    org.service.update(agent, 'Ticket__c', later, { Notes__c: 'still high' });
    expect(ticket(org, agent, later, ['Triggered_Count__c']).Triggered_Count__c).toBe(1);
    // Leaving the criteria and meeting them again is a new triggering update.
    org.service.update(agent, 'Ticket__c', later, { Priority__c: 'Low' });
    org.service.update(agent, 'Ticket__c', later, { Priority__c: 'High' });
    expect(ticket(org, agent, later, ['Triggered_Count__c']).Triggered_Count__c).toBe(2);
  });

  test('an inactive rule never runs', ({ org, login }) => {
    const admin = login('admin');
    const id = org.service.create(admin, 'Ticket__c', { Name: 'Anything' });
    org.service.update(admin, 'Ticket__c', id, { Notes__c: 'edit' });
    expect(ticket(org, admin, id, ['Inactive_Hit__c']).Inactive_Hit__c).toBe(false);
  });
});

test.describe('criteria', () => {
  test('criteria items with a boolean filter: 1 AND (2 OR 3), a comma list meaning "any of"', ({ org, login }) => {
    const agent = login('agent');
    const cases: [WireRecord, boolean][] = [
      [{ Priority__c: 'High', Category__c: 'site DOWN' }, true], // contains is case-insensitive, "outage,down" is either
      [{ Priority__c: 'High', Category__c: 'question', Amount__c: 2500 }, true],
      [{ Priority__c: 'High', Category__c: 'question', Amount__c: 1000 }, false], // greaterThan, not greaterOrEqual
      [{ Priority__c: 'Medium', Category__c: 'outage', Amount__c: 9000 }, false], // item 1 fails
    ];
    for (const [values, escalated] of cases) {
      const id = org.service.create(agent, 'Ticket__c', { Name: 'Case', ...values });
      expect(ticket(org, agent, id, ['Escalated_By_Rule__c']).Escalated_By_Rule__c, JSON.stringify(values)).toBe(escalated);
    }
  });

  test('a formula criterion over a checkbox, a multi-select includes, a date equal to TODAY', ({ org, login }) => {
    const agent = login('agent');
    const tags = org.service.create(agent, 'Ticket__c', { Name: 'Tags', Tags__c: 'Hardware;Billing;Network' });
    const oneTag = org.service.create(agent, 'Ticket__c', { Name: 'One tag', Tags__c: 'Network' });
    expect(ticket(org, agent, tags, ['Multi_Hit__c']).Multi_Hit__c).toBe(true);
    expect(ticket(org, agent, oneTag, ['Multi_Hit__c']).Multi_Hit__c).toBe(false);

    const today = START.toISOString().slice(0, 10);
    const opened = org.service.create(agent, 'Ticket__c', { Name: 'Today', Opened_On__c: today });
    const older = org.service.create(agent, 'Ticket__c', { Name: 'Older', Opened_On__c: '2025-05-01' });
    expect(ticket(org, agent, opened, ['Opened_Today__c']).Opened_Today__c).toBe(true);
    expect(ticket(org, agent, older, ['Opened_Today__c']).Opened_Today__c).toBe(false);
  });

  test('User.ProfileId names the profile of the user whose save runs the rule', ({ org, login }) => {
    const byAdmin = org.service.create(login('admin'), 'Ticket__c', { Name: 'By admin' });
    const agent = login('agent');
    const byAgent = org.service.create(agent, 'Ticket__c', { Name: 'By agent' });
    expect(ticket(org, agent, byAdmin, ['Admin_Touched__c']).Admin_Touched__c).toBe(true);
    expect(ticket(org, agent, byAgent, ['Admin_Touched__c']).Admin_Touched__c).toBe(false);
  });
});

test.describe('field update operations', () => {
  test('Literal, Formula, Null and LookupValue (a user by username)', ({ org, login, }) => {
    const agent = login('agent');
    const id = org.service.create(agent, 'Ticket__c', { Name: 'Ops', Category__c: 'review', Notes__c: 'keep me' });
    const reviewer = org.service.query(agent, "SELECT Id FROM User WHERE Username = 'reviewer@workflow.test'", API).records[0]?.Id;
    expect(ticket(org, agent, id, ['Reviewer__c', 'Notes__c'])).toMatchObject({ Reviewer__c: reviewer, Notes__c: 'keep me' });
    org.service.update(agent, 'Ticket__c', id, { Status__c: 'Closed' });
    expect(ticket(org, agent, id, ['Notes__c']).Notes__c).toBeNull();
  });

  test('NextValue and PreviousValue move a picklist one value down or up its list, and stop at its ends', ({ org, login }) => {
    const agent = login('agent');
    const bump = org.service.create(agent, 'Ticket__c', { Name: 'Bump', Category__c: 'bump', Status__c: 'New' });
    expect(ticket(org, agent, bump, ['Status__c']).Status__c).toBe('Working');
    org.service.update(agent, 'Ticket__c', bump, { Notes__c: 'again' });
    expect(ticket(org, agent, bump, ['Status__c']).Status__c).toBe('Escalated');
    org.service.update(agent, 'Ticket__c', bump, { Status__c: 'Closed' });
    expect(ticket(org, agent, bump, ['Status__c']).Status__c).toBe('Closed');

    const drop = org.service.create(agent, 'Ticket__c', { Name: 'Drop', Category__c: 'drop', Status__c: 'Escalated' });
    expect(ticket(org, agent, drop, ['Status__c']).Status__c).toBe('Working');
    org.service.update(agent, 'Ticket__c', drop, { Status__c: 'New' });
    expect(ticket(org, agent, drop, ['Status__c']).Status__c).toBe('New');
  });

  test('field updates run as the system: a field the user cannot see is set; LastModifiedById stays the user', ({ org, login }) => {
    const agent = login('agent');
    const id = org.service.create(agent, 'Ticket__c', { Name: 'Scored', Category__c: 'score' });
    const admin = login('admin');
    expect(ticket(org, admin, id, ['Internal_Score__c']).Internal_Score__c).toBe(42);
    expect(failure(() => ticket(org, agent, id, ['Internal_Score__c'])).errorCode).toBe('INVALID_FIELD');
    const agentId = org.service.query(agent, "SELECT Id FROM User WHERE Username = 'agent@workflow.test'", API).records[0]?.Id;
    expect(ticket(org, admin, id, ['LastModifiedById', 'CreatedById'])).toMatchObject({ LastModifiedById: agentId, CreatedById: agentId });
  });
});

test.describe('reevaluateOnChange', () => {
  test('a field update that changes its field re-evaluates the rules: a rule that now holds fires in the same save', ({ org, login }) => {
    const agent = login('agent');
    const chained = org.service.create(agent, 'Ticket__c', { Name: 'Chain', Category__c: 'chain' });
    expect(ticket(org, agent, chained, ['Chain_A__c', 'Chain_B__c'])).toMatchObject({ Chain_A__c: true, Chain_B__c: true });
  });

  test('without it, the rule that depends on the update waits for the next save', ({ org, login }) => {
    const agent = login('agent');
    const plain = org.service.create(agent, 'Ticket__c', { Name: 'Plain', Category__c: 'plain' });
    expect(ticket(org, agent, plain, ['Plain_A__c', 'Plain_B__c'])).toMatchObject({ Plain_A__c: true, Plain_B__c: false });
    org.service.update(agent, 'Ticket__c', plain, { Notes__c: 'edit' });
    expect(ticket(org, agent, plain, ['Plain_B__c']).Plain_B__c).toBe(true);
  });

  test('two rules that undo each other stop: a rule that fired in this save does not fire again', ({ org, login }) => {
    const agent = login('agent');
    // ping -> pong (Loop ping fires), pong -> ping (Loop pong fires), then both have fired: done. Each
    // firing also counts itself, so two rounds ran, not the five re-evaluations a loop would use up.
    const id = org.service.create(agent, 'Ticket__c', { Name: 'Loop', Loop__c: 'ping' });
    expect(ticket(org, agent, id, ['Loop__c', 'Loop_Count__c'])).toMatchObject({ Loop__c: 'ping', Loop_Count__c: 2 });
  });

  test('the cascade stops after five re-evaluations', ({ org, login }) => {
    const agent = login('agent');
    // Steps start sets Step 1; rules Step 1 .. Step 7 each move it one further and re-evaluate. The initial
    // update and five re-evaluations reach 6, although Step 6 and Step 7 would go on.
    const id = org.service.create(agent, 'Ticket__c', { Name: 'Steps', Category__c: 'steps' });
    expect(ticket(org, agent, id, ['Step__c']).Step__c).toBe(6);
  });
});

test.describe('the second save', () => {
  test('custom validation rules are not run again: the workflow may leave a record a validation rule would refuse', ({ org, login }) => {
    const agent = login('agent');
    const id = org.service.create(agent, 'Ticket__c', { Name: 'Auto', Category__c: 'auto-approve' });
    expect(ticket(org, agent, id, ['Approved__c', 'Amount__c'])).toMatchObject({ Approved__c: true, Amount__c: null });
    // The rule is real: the user's next save of the same record is refused by it.
    const error = failure(() => org.service.update(agent, 'Ticket__c', id, { Notes__c: 'edit' }));
    expect(error).toMatchObject({ errorCode: 'FIELD_CUSTOM_VALIDATION_EXCEPTION', message: 'An approved ticket needs an amount.', fields: ['Amount__c'] });
  });

  test('system validation still applies: a value too long for the field fails the whole save', ({ org, login }) => {
    const agent = login('agent');
    const error = failure(() => org.service.create(agent, 'Ticket__c', { Name: 'A long ticket name', Category__c: 'toolong' }));
    expect(error).toMatchObject({ errorCode: 'STRING_TOO_LONG', fields: ['Code__c'] });
    expect(org.service.query(login('admin'), "SELECT Id FROM Ticket__c WHERE Name = 'A long ticket name'", API).totalSize).toBe(0);
    // A short name fits: the same rule then writes its code.
    const id = org.service.create(agent, 'Ticket__c', { Name: 'Ok', Category__c: 'toolong' });
    expect(ticket(org, agent, id, ['Code__c']).Code__c).toBe('CODE-Ok');
  });
});

test.describe('order of execution', () => {
  test('workflow rules see the before-save flow\'s change', ({ org, login }) => {
    const agent = login('agent');
    const defaulted = org.service.create(agent, 'Ticket__c', { Name: 'Defaulted' });
    const elsewhere = org.service.create(agent, 'Ticket__c', { Name: 'Elsewhere', Region__c: 'APAC' });
    expect(ticket(org, agent, defaulted, ['Region__c', 'Region_Checked__c'])).toMatchObject({ Region__c: 'EMEA', Region_Checked__c: true });
    expect(ticket(org, agent, elsewhere, ['Region__c', 'Region_Checked__c'])).toMatchObject({ Region__c: 'APAC', Region_Checked__c: false });
  });

  test('the process, then the after-save flow, run after the workflow rules and see their updates', ({ org, login }) => {
    const agent = login('agent');
    const id = org.service.create(agent, 'Ticket__c', { Name: 'Logged', Category__c: 'log' });
    const logs = org.service.query(agent, `SELECT Name, Source__c, Note__c, Saw_Flag__c FROM Ticket_Log__c WHERE Ticket__c = '${id}' ORDER BY Name`, API).records;
    expect(logs.map((l) => [l.Name, l.Source__c, l.Note__c, l.Saw_Flag__c])).toEqual([
      ['LOG-0001', 'process', 'stamped by workflow', false],
      ['LOG-0002', 'after-save flow', 'stamped by workflow', true],
    ]);
  });
});

test.describe('loading workflow rules', () => {
  function overlayWith(content: string): { dir: string; file: string } {
    const dir = mkdtempSync(join(tmpdir(), 'workflow-overlay-'));
    mkdirSync(join(dir, 'workflows'));
    writeFileSync(join(dir, 'workflows', 'Ticket__c.workflow-meta.xml'),
      `<?xml version="1.0" encoding="UTF-8"?>\n<Workflow xmlns="http://soap.sforce.com/2006/04/metadata">\n${content}\n</Workflow>\n`);
    return { dir, file: `${dir.split('/').pop() ?? ''}/workflows/Ticket__c.workflow-meta.xml` };
  }
  const update = (name: string, body: string): string =>
    `<fieldUpdates><fullName>${name}</fullName>${body}<name>${name}</name><notifyAssignee>false</notifyAssignee><protected>false</protected></fieldUpdates>`;
  const rule = (name: string, body: string): string =>
    `<rules><fullName>${name}</fullName><active>true</active>${body}<triggerType>onAllChanges</triggerType></rules>`;
  const flag = update('Flag', '<field>Created_Flag__c</field><literalValue>1</literalValue><operation>Literal</operation>');
  const runsFlag = '<actions><name>Flag</name><type>FieldUpdate</type></actions>';

  function withOverlay<T>(content: string, fn: (dir: string, file: string) => T): T {
    const overlay = overlayWith(content);
    try {
      return fn(overlay.dir, overlay.file);
    } finally {
      rmSync(overlay.dir, { recursive: true, force: true });
    }
  }

  const bad: [string, string, RegExp][] = [
    ['an unknown custom field in the criteria', flag + rule('Bad', `${runsFlag}<criteriaItems><field>Ticket__c.Nope__c</field><operation>equals</operation><value>x</value></criteriaItems>`),
      /workflow rule Ticket__c\.Bad: <criteriaItems><field> "Ticket__c\.Nope__c": Nope__c is not a field of Ticket__c/],
    ['a boolean filter beyond its items', flag + rule('Bad', `${runsFlag}<booleanFilter>1 OR 2</booleanFilter><criteriaItems><field>Ticket__c.Loop__c</field><operation>equals</operation><value>x</value></criteriaItems>`),
      /workflow rule Ticket__c\.Bad: <booleanFilter> "1 OR 2"/],
    ['includes on a text field', flag + rule('Bad', `${runsFlag}<criteriaItems><field>Ticket__c.Loop__c</field><operation>includes</operation><value>x</value></criteriaItems>`),
      /<operation> "includes" is not available on a string field/],
    ['an action that is not declared', rule('Bad', `${runsFlag}<formula>true</formula>`),
      /workflow rule Ticket__c\.Bad: <actions> FieldUpdate "Flag" is not a <fieldUpdates> of this file/],
    ['a field update of an unknown field', update('Nope', '<field>Nope__c</field><literalValue>1</literalValue><operation>Literal</operation>'),
      /field update Nope: <field> "Nope__c" is not a field of Ticket__c/],
    ['an unknown trigger type', flag + rule('Bad', `${runsFlag}<formula>true</formula>`).replace('onAllChanges', 'onEdit'),
      /<triggerType> "onEdit" is not onCreateOnly, onAllChanges or onCreateOrTriggeringUpdate/],
  ];
  for (const [title, content, message] of bad) {
    test(`${title} fails the load, naming the file and the rule`, () => {
      withOverlay(content, (dir, file) => {
        let caught: unknown;
        try {
          loadOrgSchema({ source: WORKFLOW_ORG, overlays: [dir] });
        } catch (error) {
          caught = error;
        }
        expect(caught).toBeInstanceOf(MetadataError);
        expect((caught as MetadataError).file).toBe(file);
        expect((caught as MetadataError).message).toMatch(message);
      });
    });
  }

  test('the load summary lists every action and rule not run; such a rule leaves records alone', () => {
    const content = [
      flag,
      update('Far', '<field>Name</field><literalValue>x</literalValue><operation>Literal</operation><targetObject>Account</targetObject>'),
      update('By_Formula', '<field>Notes__c</field><formula>NOSUCHFUNCTION(Name)</formula><operation>Formula</operation>'),
      update('To_Nobody', '<field>Reviewer__c</field><lookupValue>ghost@workflow.test</lookupValue><lookupValueType>User</lookupValueType><operation>LookupValue</operation>'),
      rule('Cross', '<actions><name>Far</name><type>FieldUpdate</type></actions><formula>true</formula>'),
      rule('Unknown function', `${runsFlag}<actions><name>By_Formula</name><type>FieldUpdate</type></actions><formula>true</formula>`),
      rule('Ghost reviewer', '<actions><name>To_Nobody</name><type>FieldUpdate</type></actions><formula>true</formula>'),
      rule('Relative date', `${runsFlag}<criteriaItems><field>Ticket__c.Opened_On__c</field><operation>equals</operation><value>NEXT 3 DAYS</value></criteriaItems>`),
    ].join('\n');
    withOverlay(content, (dir) => {
      const org = Org.load({ source: WORKFLOW_ORG, overlays: [dir], users: userFiles(WORKFLOW_ORG), clock: () => new Date(START.getTime()) });
      try {
        expect(org.summary).toContain('4 workflow rules (4 active, 3 not run), 1 workflow action not run (in 1 rule)');
        expect(org.summary).toContain('Ticket__c.Unknown function: WorkflowFieldUpdate Ticket__c.By_Formula: unsupported function NOSUCHFUNCTION');
        expect(org.summary).toContain('Ticket__c.Ghost reviewer: field update To_Nobody: no user with Username "ghost@workflow.test"');
        expect(org.summary).toContain('Ticket__c.Relative date: criteria Ticket__c.Opened_On__c: the date value "NEXT 3 DAYS" is not an ISO date or TODAY/YESTERDAY/TOMORROW');
        expect(org.summary).toContain('WorkflowRule Ticket__c.Cross: action FieldUpdate Far (cross-object, on Account) -> not run');
        const admin = org.service.loginWithPassword('admin@workflow.test', 'admin-pw', 'soap');
        const id = org.service.create(admin, 'Ticket__c', { Name: 'Untouched', Opened_On__c: '2025-06-04' });
        // The rules that are not run set nothing (Created_Flag__c is only set by them in this overlay).
        expect(org.service.retrieve(admin, 'Ticket__c', id, ['Created_Flag__c', 'Notes__c', 'Reviewer__c'])).toMatchObject({ Created_Flag__c: false, Notes__c: null, Reviewer__c: null });
      } finally {
        org.close();
      }
    });
  });

  test('rules on a standard object or field the emulator does not model are listed as not run, not fatal', () => {
    const dir = mkdtempSync(join(tmpdir(), 'workflow-overlay-'));
    try {
      mkdirSync(join(dir, 'workflows'));
      const workflow = (body: string): string => `<?xml version="1.0" encoding="UTF-8"?>\n<Workflow xmlns="http://soap.sforce.com/2006/04/metadata">${body}</Workflow>\n`;
      writeFileSync(join(dir, 'workflows', 'Asset.workflow-meta.xml'), workflow(rule('Asset rule', '<formula>true</formula>')));
      writeFileSync(join(dir, 'workflows', 'Idea.workflow-meta.xml'), workflow(''));
      writeFileSync(join(dir, 'workflows', 'Account.workflow-meta.xml'), workflow(
        rule('Tier rule', '<criteriaItems><field>Account.Tier_Level</field><operation>equals</operation><value>Gold</value></criteriaItems>')
        + rule('Parent rule', '<criteriaItems><field>Account.Parent.Industry</field><operation>equals</operation><value>Banking</value></criteriaItems>')));
      const schema = loadOrgSchema({ source: WORKFLOW_ORG, overlays: [dir] });
      const notRun = new Map((schema.workflowRules ?? []).map((r) => [r.fullName, r.notRunReason]));
      expect(notRun.get('Asset.Asset rule')).toBe('Asset is not an object the emulator models');
      expect(notRun.get('Account.Tier rule')).toBe('criteria on Account.Tier_Level (Account.Tier_Level is not a field the emulator models)');
      // A parent's field through the relationship (Account.ParentId -> Parent) is read, not listed.
      expect(notRun.has('Account.Parent rule')).toBe(true);
      expect(notRun.get('Account.Parent rule')).toBeUndefined();
      expect(describeLoad(schema)).toMatch(/\d+ workflow rules \(\d+ active, 2 not run\)/);
      const degraded = describeDegraded(degradedComponents(schema)).join('\n');
      expect(degraded).toContain('WorkflowRule Account.Tier rule: criteria on Account.Tier_Level (Account.Tier_Level is not a field the emulator models) -> not run');
      expect(degraded).toContain('WorkflowRule Asset.Asset rule: Asset is not an object the emulator models -> not run');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('the fixture\'s rules load with their criteria, and the summary names what is not run', () => {
    const schema = loadOrgSchema({ source: WORKFLOW_ORG });
    const rules = new Map((schema.workflowRules ?? []).map((r) => [r.fullName, r]));
    expect(rules.get('Ticket__c.Escalate')).toMatchObject({
      triggerType: 'onCreateOrTriggeringUpdate',
      criteria: { booleanFilter: '1 AND (2 OR 3)', items: [
        { path: ['Priority__c'], operation: 'equals', values: ['High'] },
        { path: ['Category__c'], operation: 'contains', values: ['outage', 'down'] },
        { path: ['Amount__c'], operation: 'greaterThan', values: ['1000'] },
      ] },
      fieldUpdates: [{ name: 'Mark_Escalated', operation: 'Literal' }, { name: 'Count_Triggered', operation: 'Formula' }],
      actionsNotRun: ['OutboundMessage Notify_ERP', 'Task Follow_Up_Task', 'Alert Tell_Owner', 'time trigger 1 Days: FieldUpdate Late_Note'],
    });
    expect(rules.get('Ticket__c.Admin touched')?.criteria?.items[0]).toMatchObject({ path: ['$User', 'ProfileId'], namePath: ['$User', 'Profile', 'Name'] });
    const summary = describeLoad(schema);
    expect(summary).toContain('30 workflow rules (29 active)');
    expect(summary).toContain('4 workflow actions not run (in 1 rule)');
    expect(describeDegraded(degradedComponents(schema)).join('\n')).toContain(
      'WorkflowRule Ticket__c.Escalate: actions OutboundMessage Notify_ERP, Task Follow_Up_Task, Alert Tell_Owner, time trigger 1 Days: FieldUpdate Late_Note -> its field updates run; these actions are not run');
    expect(summary).not.toContain('workflow (');
  });

  test('the time-dependent action is not run: the escalated ticket keeps its notes', ({ org, login }) => {
    const agent = login('agent');
    const id = org.service.create(agent, 'Ticket__c', { Name: 'Escalated', Priority__c: 'High', Category__c: 'outage', Notes__c: 'original' });
    org.advanceClock(2 * 86_400_000);
    expect(ticket(org, agent, id, ['Escalated_By_Rule__c', 'Notes__c'])).toMatchObject({ Escalated_By_Rule__c: true, Notes__c: 'original' });
    expect(org.service.query(login('admin'), 'SELECT Id FROM Task', API).totalSize).toBe(0);
  });
});
