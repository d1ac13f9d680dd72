/**
 * Sharing rules and implicit sharing, from both sides: the user a rule reaches sees the record in SOQL,
 * reads it, and edits it when the rule gives Edit (INSUFFICIENT_ACCESS_OR_READONLY when it gives Read);
 * a user it does not reach gets what ownership alone gives (no row, NOT_FOUND on read).
 *
 * Fixture `fixtures/sharing-org` (profile Desk_User has CRUD on Ticket__c, Account and Case but no View
 * All; all three are Private):
 *   roles  CEO > Sales_Manager > Sales_Rep (caseAccessLevel Read); CEO > Support_Manager > Support_Agent
 *   users  rep (Sales_Rep), salesmgr (Sales_Manager), agent (Support_Agent), supportmgr and auditboss
 *          (Support_Manager), outsider / auditor / escalator (no role), admin
 *   groups Auditors (grants access using hierarchies), Escalation_Team (does not)
 *   Ticket__c rules: Onboarding_To_Support (RecordTypeId = Onboarding -> roleAndSubordinates
 *          Support_Manager, Edit); Urgent_To_Sales_Managers (Priority High,Critical AND Severity >= 3 ->
 *          role Sales_Manager, Read); Public_Tickets (Tags includes public -> all internal users, Read);
 *          owner rules Sales_Tickets_To_Auditors (roleAndSubordinates Sales_Manager -> group Auditors,
 *          Read) and Support_Tickets_To_Escalation (role Support_Agent -> group Escalation_Team, Edit)
 *   Account rule: Key_Accounts_To_Support (Type = Customer - Direct -> role Support_Agent, Read; the
 *          account's cases Edit)
 */
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Session, WireRecord } from '../../../emulator/contracts.js';
import { compileSharingCriteria } from '../../../emulator/soql/sharing-criteria.js';
import { loadOrgSchema, MetadataError } from '../../../emulator/metadata/load-project.js';
import type { SharingCriteriaDef, SObjectDef } from '../../../emulator/metadata/types.js';
import { Org } from '../../../emulator/org.js';
import { Store } from '../../../emulator/store/store.js';
import { expect, failure, orgTest, recordTypeId, START } from './org-fixture.js';

const HERE = dirname(fileURLToPath(import.meta.url));
const SHARING_ORG = join(HERE, 'fixtures', 'sharing-org');
const SAMPLE_ORG = join(HERE, '..', '..', '..', 'org');
const API = { apiVersion: '62.0' };

type Persona = 'admin' | 'rep' | 'salesmgr' | 'agent' | 'supportmgr' | 'outsider' | 'auditor' | 'auditboss' | 'escalator';

const test = orgTest<Persona>(SHARING_ORG, 'sharing.test');

function visibleNames(org: Org, session: Session, object = 'Ticket__c'): string[] {
  return org.service.query(session, `SELECT Name FROM ${object} ORDER BY Name`, API).records.map((r) => String(r.Name));
}

/** Adds a user to a public group deployed with the project. */
function addToGroup(org: Org, admin: Session, developerName: string, userId: string): void {
  // Public groups deployed as metadata exist at start, with no members.
  const existing = org.service.query(admin, `SELECT Id FROM Group WHERE DeveloperName = '${developerName}' AND Type = 'Regular'`, API).records[0];
  if (!existing) throw new Error(`the public group ${developerName} was not created at load`);
  const groupId = String(existing.Id);
  org.service.create(admin, 'GroupMember', { GroupId: groupId, UserOrGroupId: userId });
}

test.describe('criteria rule shared to a role and its subordinates, Edit', () => {
  test('users in and below the role see, read and edit matching records; others do not', ({ org, login }) => {
    const rep = login('rep');
    const onboarding = org.service.create(rep, 'Ticket__c', { Name: 'Onboarding ticket', RecordTypeId: recordTypeId(org, 'Ticket__c', 'Onboarding') });
    org.service.create(rep, 'Ticket__c', { Name: 'Standard ticket', RecordTypeId: recordTypeId(org, 'Ticket__c', 'Standard') });

    for (const persona of ['agent', 'supportmgr'] as const) {
      const session = login(persona);
      expect(visibleNames(org, session)).toEqual(['Onboarding ticket']);
      expect(org.service.retrieve(session, 'Ticket__c', onboarding).Name).toBe('Onboarding ticket');
      org.service.update(session, 'Ticket__c', onboarding, { Region__c: `worked by ${persona}` });
      expect(org.service.retrieve(session, 'Ticket__c', onboarding).Region__c).toBe(`worked by ${persona}`);
    }

    const outsider = login('outsider');
    expect(visibleNames(org, outsider)).toEqual([]);
    expect(failure(() => org.service.retrieve(outsider, 'Ticket__c', onboarding)).errorCode).toBe('NOT_FOUND');
    expect(failure(() => org.service.update(outsider, 'Ticket__c', onboarding, { Region__c: 'x' })).errorCode).toBe('INSUFFICIENT_ACCESS_OR_READONLY');
  });

  test('the rule follows the record: once it no longer matches, the access is gone (and comes back)', ({ org, login }) => {
    const rep = login('rep');
    const agent = login('agent');
    const id = org.service.create(rep, 'Ticket__c', { Name: 'Moving ticket', RecordTypeId: recordTypeId(org, 'Ticket__c', 'Onboarding') });
    expect(visibleNames(org, agent)).toEqual(['Moving ticket']);

    org.service.update(rep, 'Ticket__c', id, { RecordTypeId: recordTypeId(org, 'Ticket__c', 'Standard') });
    expect(visibleNames(org, agent)).toEqual([]);
    expect(failure(() => org.service.retrieve(agent, 'Ticket__c', id)).errorCode).toBe('NOT_FOUND');
    expect(org.service.query(agent, `SELECT RecordId, HasReadAccess FROM UserRecordAccess WHERE UserId = '${agent.userId}' AND RecordId = '${id}'`, API)
      .records[0]?.HasReadAccess).toBe(false);

    org.service.update(rep, 'Ticket__c', id, { RecordTypeId: recordTypeId(org, 'Ticket__c', 'Onboarding') });
    expect(org.service.retrieve(agent, 'Ticket__c', id).Name).toBe('Moving ticket');
  });

  test('an agent who moves the record out of the rule through their own edit loses it at once', ({ org, login }) => {
    const rep = login('rep');
    const agent = login('agent');
    const id = org.service.create(rep, 'Ticket__c', { Name: 'Handed back', RecordTypeId: recordTypeId(org, 'Ticket__c', 'Onboarding') });
    org.service.update(agent, 'Ticket__c', id, { RecordTypeId: recordTypeId(org, 'Ticket__c', 'Standard') });
    expect(failure(() => org.service.update(agent, 'Ticket__c', id, { Region__c: 'again' })).errorCode).toBe('INSUFFICIENT_ACCESS_OR_READONLY');
  });
});

test.describe('criteria rule shared to a role, Read, with a boolean filter and comma-separated values', () => {
  test('the role sees matching records read-only; edit is refused; the role below and other records stay hidden', ({ org, login }) => {
    const agent = login('agent');
    const make = (name: string, priority: string, severity: number) => org.service.create(agent, 'Ticket__c', { Name: name, Priority__c: priority, Severity__c: severity });
    const high = make('A high sev 3', 'High', 3);
    make('B critical sev 5', 'Critical', 5);
    make('C high sev 1', 'High', 1);
    make('D low sev 5', 'Low', 5);

    const manager = login('salesmgr');
    expect(visibleNames(org, manager)).toEqual(['A high sev 3', 'B critical sev 5']);
    expect(org.service.retrieve(manager, 'Ticket__c', high).Severity__c).toBe(3);
    expect(failure(() => org.service.update(manager, 'Ticket__c', high, { Severity__c: 9 })).errorCode).toBe('INSUFFICIENT_ACCESS_OR_READONLY');

    // Shared to the role only, not its subordinates.
    const rep = login('rep');
    expect(visibleNames(org, rep)).toEqual([]);
    expect(failure(() => org.service.retrieve(rep, 'Ticket__c', high)).errorCode).toBe('NOT_FOUND');
  });
});

test.describe('criteria rule on a multi-select picklist shared to all internal users', () => {
  test('any user sees the records whose selection includes the value, read-only', ({ org, login }) => {
    const agent = login('agent');
    const open = org.service.create(agent, 'Ticket__c', { Name: 'Public and vip', Tags__c: 'vip;public' });
    org.service.create(agent, 'Ticket__c', { Name: 'Vip only', Tags__c: 'vip' });
    org.service.create(agent, 'Ticket__c', { Name: 'No tags' });

    const outsider = login('outsider');
    expect(visibleNames(org, outsider)).toEqual(['Public and vip']);
    expect(org.service.retrieve(outsider, 'Ticket__c', open).Name).toBe('Public and vip');
    expect(failure(() => org.service.update(outsider, 'Ticket__c', open, { Region__c: 'x' })).errorCode).toBe('INSUFFICIENT_ACCESS_OR_READONLY');

    org.service.update(agent, 'Ticket__c', open, { Tags__c: 'internal' });
    expect(visibleNames(org, outsider)).toEqual([]);
  });
});

test.describe('owner rules shared to public groups', () => {
  test('a group member reads what the sales roles own (Read); before joining, and for others, nothing', ({ org, login }) => {
    const admin = login('admin');
    const rep = login('rep');
    const repTicket = org.service.create(rep, 'Ticket__c', { Name: 'Rep ticket' });
    org.service.create(login('salesmgr'), 'Ticket__c', { Name: 'Manager ticket' });
    org.service.create(login('agent'), 'Ticket__c', { Name: 'Agent ticket' });

    const auditor = login('auditor');
    expect(visibleNames(org, auditor)).toEqual([]);
    expect(failure(() => org.service.retrieve(auditor, 'Ticket__c', repTicket)).errorCode).toBe('NOT_FOUND');

    addToGroup(org, admin, 'Auditors', auditor.userId);
    // Records owned by Sales_Manager and its subordinates; not the support agent's.
    expect(visibleNames(org, auditor)).toEqual(['Manager ticket', 'Rep ticket']);
    expect(org.service.retrieve(auditor, 'Ticket__c', repTicket).Name).toBe('Rep ticket');
    expect(failure(() => org.service.update(auditor, 'Ticket__c', repTicket, { Region__c: 'x' })).errorCode).toBe('INSUFFICIENT_ACCESS_OR_READONLY');
    expect(visibleNames(org, login('outsider'))).toEqual([]);
  });

  test('a member of an Edit group edits; managers above a member share it only when the group grants access using hierarchies', ({ org, login }) => {
    const admin = login('admin');
    const agentTicket = org.service.create(login('agent'), 'Ticket__c', { Name: 'Agent ticket' });
    org.service.create(login('rep'), 'Ticket__c', { Name: 'Rep ticket' });

    const escalator = login('escalator');
    addToGroup(org, admin, 'Escalation_Team', escalator.userId);
    expect(visibleNames(org, escalator)).toEqual(['Agent ticket']);
    org.service.update(escalator, 'Ticket__c', agentTicket, { Escalated__c: true });
    expect(org.service.retrieve(escalator, 'Ticket__c', agentTicket).Escalated__c).toBe(true);

    // Sales_Manager is above the rep; put the rep in both groups. Auditors grants access using
    // hierarchies (the manager inherits the rep's access), Escalation_Team does not.
    const rep = login('rep');
    addToGroup(org, admin, 'Escalation_Team', rep.userId);
    const manager = login('salesmgr');
    expect(visibleNames(org, manager)).toEqual(['Rep ticket']);
    expect(visibleNames(org, rep)).toEqual(['Agent ticket', 'Rep ticket']);
    const supportManagerAbove = login('supportmgr');
    // supportmgr is above the agent (owner), so sees the ticket through the hierarchy anyway.
    expect(visibleNames(org, supportManagerAbove)).toEqual(['Agent ticket']);

    const boss = login('auditboss');
    expect(visibleNames(org, boss)).toEqual(['Agent ticket']);
    addToGroup(org, admin, 'Auditors', login('agent').userId);
    // The agent is an Auditors member now: auditboss (Support_Manager, above the agent) inherits it.
    expect(visibleNames(org, boss)).toEqual(['Agent ticket', 'Rep ticket']);
  });
});

test.describe('Account rules and implicit sharing reach the account\'s cases', () => {
  test('an Account rule\'s case access: the role reads the key account and edits its cases', ({ org, login }) => {
    const rep = login('rep');
    const key = org.service.create(rep, 'Account', { Name: 'Key Co', Type: 'Customer - Direct' });
    const other = org.service.create(rep, 'Account', { Name: 'Other Co', Type: 'Prospect' });
    const keyCase = org.service.create(rep, 'Case', { Subject: 'Key case', AccountId: key });
    const otherCase = org.service.create(rep, 'Case', { Subject: 'Other case', AccountId: other });

    const agent = login('agent');
    expect(org.service.query(agent, 'SELECT Name FROM Account', API).records.map((r) => r.Name)).toEqual(['Key Co']);
    expect(failure(() => org.service.update(agent, 'Account', key, { Phone: '1' })).errorCode).toBe('INSUFFICIENT_ACCESS_OR_READONLY');
    expect(org.service.query(agent, 'SELECT Subject FROM Case', API).records.map((r) => r.Subject)).toEqual(['Key case']);
    org.service.update(agent, 'Case', keyCase, { Subject: 'Key case (worked)' });
    expect(failure(() => org.service.retrieve(agent, 'Case', otherCase)).errorCode).toBe('NOT_FOUND');

    // The account stops matching: the rule no longer reaches it, nor its cases.
    org.service.update(rep, 'Account', key, { Type: 'Prospect' });
    expect(org.service.query(agent, 'SELECT Subject FROM Case', API).records).toEqual([]);
  });

  test('a role\'s caseAccessLevel: account owners (and their managers) read cases others own on their accounts', ({ org, login }) => {
    const rep = login('rep');
    const account = org.service.create(rep, 'Account', { Name: 'Rep account' });
    const otherAccount = org.service.create(login('outsider'), 'Account', { Name: 'Outsider account' });
    // The cases belong to the support agent, who cannot see those accounts: the admin files them.
    const admin = login('admin');
    const agentId = login('agent').userId;
    const onRepAccount = org.service.create(admin, 'Case', { Subject: 'On rep account', AccountId: account, OwnerId: agentId });
    org.service.create(admin, 'Case', { Subject: 'On outsider account', AccountId: otherAccount, OwnerId: agentId });

    // Sales_Rep's caseAccessLevel is Read.
    expect(org.service.query(rep, 'SELECT Subject FROM Case', API).records.map((r) => r.Subject)).toEqual(['On rep account']);
    expect(org.service.retrieve(rep, 'Case', onRepAccount).Subject).toBe('On rep account');
    expect(failure(() => org.service.update(rep, 'Case', onRepAccount, { Subject: 'x' })).errorCode).toBe('INSUFFICIENT_ACCESS_OR_READONLY');
    // The manager above the rep inherits the rep's access.
    expect(org.service.query(login('salesmgr'), 'SELECT Subject FROM Case', API).records.map((r) => r.Subject)).toEqual(['On rep account']);
    // The outsider has no role, so owning an account gives no implicit case access.
    expect(org.service.query(login('outsider'), 'SELECT Subject FROM Case', API).records).toEqual([]);
  });
});

test.describe('what sharing leaves alone', () => {
  test('system context (admin with View All, flows) is unaffected, and a View All user still sees everything', ({ org, login }) => {
    const admin = login('admin');
    org.service.create(login('rep'), 'Ticket__c', { Name: 'Any ticket' });
    expect(visibleNames(org, admin)).toEqual(['Any ticket']);
    expect(org.service.security.accessFor(admin.userId).rowScope('Ticket__c')).toEqual({ kind: 'all' });
  });

  test('the row scope carries the rules as SQL grants, not a list of record ids', ({ org, login }) => {
    const scope = org.service.security.accessFor(login('agent').userId).rowScope('Ticket__c');
    expect(scope.kind).toBe('owners');
    if (scope.kind !== 'owners') return;
    expect(scope.grants?.some((g) => g.criteria?.items[0]?.field === 'RecordTypeId')).toBe(true);
    expect(scope.grants?.every((g) => g.ownerIds !== undefined || g.criteria !== undefined)).toBe(true);
  });
});

test.describe('criteria compile to the same answer in SQL and in JS', () => {
  const schema = loadOrgSchema({ source: SHARING_ORG });
  const ticket = schema.objects.get('ticket__c') as SObjectDef;
  const rows: WireRecord[] = [
    { Name: 'r1', Priority__c: 'High', Severity__c: 3, Region__c: 'EMEA North', Escalated__c: true, Tags__c: 'vip;public' },
    { Name: 'r2', Priority__c: 'low', Severity__c: 1, Region__c: 'emea south', Escalated__c: false, Tags__c: 'internal' },
    { Name: 'r3', Priority__c: 'Critical', Severity__c: 5, Region__c: 'APAC 50%', Escalated__c: false, Tags__c: null },
    { Name: 'r4', Priority__c: null, Severity__c: null, Region__c: null, Escalated__c: false, Tags__c: 'vip' },
  ];
  const cases: [string, SharingCriteriaDef, string[]][] = [
    ['equals with a list', { items: [{ field: 'Priority__c', operation: 'equals', values: ['high', 'Critical'] }] }, ['r1', 'r3']],
    ['notEqual with a list matches neither, blanks included', { items: [{ field: 'Priority__c', operation: 'notEqual', values: ['High', 'Critical'] }] }, ['r2', 'r4']],
    ['lessThan', { items: [{ field: 'Severity__c', operation: 'lessThan', values: ['3'] }] }, ['r2']],
    ['greaterThan', { items: [{ field: 'Severity__c', operation: 'greaterThan', values: ['3'] }] }, ['r3']],
    ['lessOrEqual', { items: [{ field: 'Severity__c', operation: 'lessOrEqual', values: ['3'] }] }, ['r1', 'r2']],
    ['greaterOrEqual', { items: [{ field: 'Severity__c', operation: 'greaterOrEqual', values: ['3'] }] }, ['r1', 'r3']],
    ['contains (case-insensitive, % literal)', { items: [{ field: 'Region__c', operation: 'contains', values: ['50%', 'NORTH'] }] }, ['r1', 'r3']],
    ['notContain matches blanks', { items: [{ field: 'Region__c', operation: 'notContain', values: ['emea'] }] }, ['r3', 'r4']],
    ['startsWith', { items: [{ field: 'Region__c', operation: 'startsWith', values: ['emea'] }] }, ['r1', 'r2']],
    ['checkbox equals', { items: [{ field: 'Escalated__c', operation: 'equals', values: ['true'] }] }, ['r1']],
    ['includes', { items: [{ field: 'Tags__c', operation: 'includes', values: ['public', 'internal'] }] }, ['r1', 'r2']],
    ['excludes matches blanks', { items: [{ field: 'Tags__c', operation: 'excludes', values: ['vip'] }] }, ['r2', 'r3']],
    ['multi-select equals is the whole selection', { items: [{ field: 'Tags__c', operation: 'equals', values: ['vip'] }] }, ['r4']],
    ['equals blank', { items: [{ field: 'Priority__c', operation: 'equals', values: [''] }] }, ['r4']],
    ['boolean filter', {
      items: [
        { field: 'Severity__c', operation: 'greaterOrEqual', values: ['3'] },
        { field: 'Region__c', operation: 'startsWith', values: ['emea'] },
        { field: 'Tags__c', operation: 'includes', values: ['vip'] },
      ],
      booleanFilter: '(1 OR 2) AND NOT 3',
    }, ['r2', 'r3']],
  ];
  for (const [title, criteria, expected] of cases) {
    test(title, () => {
      const store = new Store(schema);
      try {
        rows.forEach((row, i) => store.insert('Ticket__c', { ...row, Id: `a00000000000${i}AAA`, OwnerId: '005000000000001AAA' }));
        const compiled = compileSharingCriteria(ticket, criteria);
        const bySql = store.selectRecords('Ticket__c', { where: compiled.sql.text, params: compiled.sql.params, orderBy: '"Name"' }).map((r) => r.Name);
        const byJs = store.selectRecords('Ticket__c', { orderBy: '"Name"' }).filter((r) => compiled.test(r)).map((r) => r.Name);
        expect(bySql).toEqual(expected);
        expect(byJs).toEqual(expected);
      } finally {
        store.close();
      }
    });
  }
});

test.describe('loading sharing rules', () => {
  function overlayWith(rules: string): { dir: string; file: string } {
    const dir = mkdtempSync(join(tmpdir(), 'sharing-overlay-'));
    mkdirSync(join(dir, 'sharingRules'));
    writeFileSync(join(dir, 'sharingRules', 'Ticket__c.sharingRules-meta.xml'),
      `<?xml version="1.0" encoding="UTF-8"?>\n<SharingRules xmlns="http://soap.sforce.com/2006/04/metadata">\n${rules}\n</SharingRules>\n`);
    return { dir, file: `${dir.split('/').pop() ?? ''}/sharingRules/Ticket__c.sharingRules-meta.xml` };
  }

  function criteriaRule(name: string, sharedTo: string, item: string): string {
    return `<sharingCriteriaRules><fullName>${name}</fullName><accessLevel>Read</accessLevel><label>${name}</label>
      <sharedTo>${sharedTo}</sharedTo><criteriaItems>${item}</criteriaItems><includeRecordsOwnedByAll>true</includeRecordsOwnedByAll></sharingCriteriaRules>`;
  }

  const loadError = (rules: string): { error: MetadataError; file: string } => {
    const overlay = overlayWith(rules);
    try {
      loadOrgSchema({ source: SHARING_ORG, overlays: [overlay.dir] });
    } catch (error) {
      if (error instanceof MetadataError) return { error, file: overlay.file };
      throw error;
    } finally {
      rmSync(overlay.dir, { recursive: true, force: true });
    }
    throw new Error('expected a MetadataError');
  };

  const bad: [string, string, RegExp][] = [
    ['an unknown field', criteriaRule('Bad_Field', '<role>CEO</role>', '<field>Nope__c</field><operation>equals</operation><value>x</value>'), /sharing rule Ticket__c\.Bad_Field: <criteriaItems><field> "Nope__c" is not a field of Ticket__c/],
    ['an unknown role', criteriaRule('Bad_Role', '<role>Janitor</role>', '<field>Region__c</field><operation>equals</operation><value>x</value>'), /sharing rule Ticket__c\.Bad_Role: <sharedTo><role> "Janitor" is not a role in this project/],
    ['an unknown group', criteriaRule('Bad_Group', '<group>Nobody</group>', '<field>Region__c</field><operation>equals</operation><value>x</value>'), /Bad_Group: <sharedTo><group> "Nobody" is not a public group/],
    ['an unsupported operation', criteriaRule('Bad_Op', '<role>CEO</role>', '<field>Region__c</field><operation>within</operation><value>x</value>'), /Bad_Op: <operation> "within" is not supported on Region__c/],
    ['includes on a text field', criteriaRule('Bad_Includes', '<role>CEO</role>', '<field>Region__c</field><operation>includes</operation><value>x</value>'), /Bad_Includes: <operation> "includes" is not supported on Region__c \(string\)/],
    ['an unknown record type', criteriaRule('Bad_Type', '<role>CEO</role>', '<field>RecordTypeId</field><operation>equals</operation><value>Nope</value>'), /Bad_Type: "Nope" is not a record type of Ticket__c/],
  ];
  for (const [title, rules, message] of bad) {
    test(`a rule naming ${title} fails the load, naming the file and the rule`, () => {
      const { error, file } = loadError(rules);
      expect(error.file).toBe(file);
      expect(error.message).toMatch(message);
    });
  }

  test('a bad boolean filter fails the load, naming the file and the rule', () => {
    const rule = criteriaRule('Bad_Filter', '<role>CEO</role>', '<field>Region__c</field><operation>equals</operation><value>x</value>')
      .replace('<criteriaItems>', '<booleanFilter>1 AND 4</booleanFilter><criteriaItems>');
    const { error, file } = loadError(rule);
    expect(error.file).toBe(file);
    expect(error.message).toMatch(/sharing rule Ticket__c\.Bad_Filter: <booleanFilter> "1 AND 4"/);
  });

  test('rules the emulator cannot run are named in the load summary\'s degraded list; sharing rules are no longer "not run"', () => {
    const overlay = overlayWith([
      criteriaRule('To_Portal', '<portalRole>Partner_User</portalRole>', '<field>Region__c</field><operation>equals</operation><value>x</value>'),
      criteriaRule('On_Formula', '<role>CEO</role>', '<field>Score__c</field><operation>greaterThan</operation><value>10</value>'),
      criteriaRule('Runs', '<role>CEO</role>', '<field>Region__c</field><operation>equals</operation><value>x</value>'),
    ].join('\n'));
    try {
      const schema = loadOrgSchema({ source: SHARING_ORG, overlays: [overlay.dir] });
      expect(schema.degraded?.filter((p) => p.component.startsWith('SharingRule ')).map((p) => [p.component, p.unsupported, p.fallback])).toEqual([
        ['SharingRule Ticket__c.To_Portal', 'sharing rule sharedTo portalRole', 'not applied: no one gets the access it grants'],
        ['SharingRule Ticket__c.On_Formula', 'sharing rule criteria on a formula or compound field (Ticket__c.Score__c)', 'not applied: no one gets the access it grants'],
      ]);
      expect(schema.unsupported.has('sharingRules')).toBe(false);
      expect(schema.sharingRules?.filter((r) => r.object === 'Ticket__c').map((r) => r.name)).toEqual(['Runs']);
    } finally {
      rmSync(overlay.dir, { recursive: true, force: true });
    }
  });

  test('the fixture\'s rules load with their kinds, recipients and the record type id resolved', () => {
    const schema = loadOrgSchema({ source: SHARING_ORG });
    const rules = new Map((schema.sharingRules ?? []).map((r) => [r.fullName, r]));
    expect(rules.get('Ticket__c.Onboarding_To_Support')).toMatchObject({
      kind: 'criteria', accessLevel: 'Edit', sharedTo: { kind: 'roleAndSubordinates', name: 'Support_Manager' },
      criteria: { items: [{ field: 'RecordTypeId', operation: 'equals', values: [schema.objects.get('ticket__c')?.recordTypes.get('onboarding')?.id] }] },
    });
    expect(rules.get('Ticket__c.Support_Tickets_To_Escalation')).toMatchObject({
      kind: 'owner', accessLevel: 'Edit', sharedTo: { kind: 'group', name: 'Escalation_Team' }, sharedFrom: { kind: 'role', name: 'Support_Agent' },
    });
    expect(rules.get('Account.Key_Accounts_To_Support')?.accountSettings).toEqual({ caseAccessLevel: 'Edit' });
    expect(schema.publicGroups?.get('escalation_team')?.doesIncludeBosses).toBe(false);
  });
});

test.describe('the sample org (org/)', () => {
  test('a support agent without View All reaches an onboarding Case owned by a sales rep through the sharing rule', () => {
    // The sample's Support_Agent permission set grants View All on Case, which would hide whether the rule
    // runs; this user holds the Support_Agent role and the Standard User profile only.
    const users = [join(SAMPLE_ORG, 'users', 'admin.json'), join(SAMPLE_ORG, 'users', 'sales-rep.json'), join(SHARING_ORG, 'sample-users', 'support-agent-without-view-all.json')];
    const org = Org.load({ source: SAMPLE_ORG, users, clock: () => new Date(START.getTime()) });
    try {
      const admin = org.service.loginAsUser('admin@postflight.test', 'soap');
      const repId = org.service.query(admin, "SELECT Id FROM User WHERE Username = 'sales.rep@postflight.test'", API).records[0]?.Id;
      // In the sample, the Closed_Won_Onboarding flow files these cases as the rep; the admin stands in here.
      const onboarding = org.service.create(admin, 'Case', { Subject: 'Onboard Acme', RecordTypeId: recordTypeId(org, 'Case', 'Onboarding'), OwnerId: repId, Origin: 'Web' });
      const support = org.service.create(admin, 'Case', { Subject: 'Acme cannot log in', RecordTypeId: recordTypeId(org, 'Case', 'Support'), OwnerId: repId, Origin: 'Web' });

      const agent = org.service.loginWithPassword('plain.agent@postflight.test', 'plain-agent-pw', 'soap');
      expect(org.service.security.accessFor(agent.userId).objectAccess('Case').viewAllRecords).toBe(false);
      expect(org.service.query(agent, 'SELECT Subject FROM Case', API).records.map((r) => r.Subject)).toEqual(['Onboard Acme']);
      org.service.update(agent, 'Case', onboarding, { Status: 'Working' });
      expect(org.service.retrieve(agent, 'Case', onboarding).Status).toBe('Working');
      expect(failure(() => org.service.retrieve(agent, 'Case', support)).errorCode).toBe('NOT_FOUND');
    } finally {
      org.close();
    }
  });
});
