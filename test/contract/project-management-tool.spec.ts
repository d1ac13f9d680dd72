/**
 * A second real project nobody here wrote (issue 11): Salesforce Labs' Project Management Tool ("PMT",
 * https://github.com/SalesforceLabs/ProjectManagementTool, BSD 3-Clause), read in place and never
 * committed (./project-management-tool/README.md says how to provide it; without it every test here is
 * skipped, saying where to put it).
 *
 * Everything is driven through jsforce, signed in as users who hold the project's permission sets on the
 * Standard User profile (./project-management-tool/users): its validation rules from both sides, its
 * before-save flow and its Process Builder process, what each permission set grants and refuses, and the
 * formula fields that real projects use and that used to stop a load (IMAGE, CASESAFEID,
 * `Owner:User.` paths, `$CustomMetadata`), plus `PMT_Setting__mdt` through SOQL.
 *
 * What the project declares is read from its own XML (test/support/sfdx-project-metadata.ts): rule
 * messages are its exact `errorMessage`s, the permission tables are checked against its permission sets,
 * and a test fails if the project gains a rule, a record-triggered flow or a workflow rule no row covers.
 *
 * Where the emulator does not yet behave as a real org would, the test is marked `test.fail` with the
 * reason, so that it starts failing (and is noticed) the day the emulator is fixed. None is, now: the five
 * gaps this spec first exposed are closed (./project-management-tool/README.md).
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Connection } from '@jsforce/jsforce-node';
import { Org } from '../../emulator/org.js';
import { DegradedLoadError } from '../../emulator/metadata/load-problems.js';
import {
  activeRecordTriggeredFlows,
  activeValidationRules,
  customFields,
  customMetadataValues,
  flowXml,
  flows,
  permissionSetGrants,
  ruleMessage,
  validationRules,
  workflowComponents,
  type ObjectGrant,
} from '../support/sfdx-project-metadata.js';
import { expect, isoDate, PMT, pmtProject, test, type Outcome, type PersonaName } from './project-management-tool/pmt-org.fixture.js';

// Without the project every test is skipped with this reason (in the report's annotations); the list
// reporter does not print skip reasons, so it is also said once on stderr when the file is collected.
test.skip(!PMT.found, PMT.found ? '' : `skipped: ${PMT.reason}`);
if (!PMT.found) console.warn(`project-management-tool.spec.ts: every test skipped: ${PMT.reason}`);

type Fields = Record<string, unknown>;
type SignIn = (persona: PersonaName) => Promise<Connection>;

/** The project's folder (only read once the skip above has been decided). */
const project = (): string => pmtProject();

/** Creates a record and returns its id (a failure here is a broken arrangement, not the row under test). */
async function create(conn: Connection, object: string, values: Fields): Promise<string> {
  const result = await conn.sobject(object).create(values);
  if (!result.success || !result.id) throw new Error(`arranging ${object}: ${JSON.stringify(result)}`);
  return result.id;
}

async function fieldsOf(conn: Connection, object: string, id: string, fields: string[]): Promise<Fields> {
  const { records } = await conn.query<Fields>(`SELECT ${fields.join(', ')} FROM ${object} WHERE Id = '${id}'`);
  const record = records[0];
  if (!record) throw new Error(`${object} ${id} is not visible`);
  const { attributes: _attributes, ...values } = record;
  return values;
}

/** A project as PMT's "New Project" form needs it: Level of Effort is required. */
function newProject(conn: Connection, values: Fields = {}): Promise<string> {
  return create(conn, 'PMT_Project__c', { Name: 'Intranet relaunch', Level_of_Effort__c: 'Medium', ...values });
}

/** A project with one phase (master-detail), for the task rows. */
async function newPhase(conn: Connection, projectValues: Fields = {}): Promise<{ project: string; phase: string }> {
  const projectId = await newProject(conn, projectValues);
  return { project: projectId, phase: await create(conn, 'PMT_Phase__c', { Name: 'Build', Project__c: projectId }) };
}

/** A resource's availability for a fiscal year: every month is required; percent fields are sent as 0-100. */
function availability(percent: number): Fields {
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  return Object.fromEntries(months.map((m) => [`${m}__c`, percent]));
}

function newAvailability(conn: Connection, user: string | null, values: Fields = {}): Promise<string> {
  return create(conn, 'PMT_Resource_Availability__c', { User__c: user, Fiscal_Year__c: 'FY26', ...availability(100), ...values });
}

function userId(conn: Connection): string {
  const id = conn.userInfo?.id;
  if (!id) throw new Error('connection is not signed in');
  return id;
}

/** A refusal by a custom validation rule, as REST answers it (reference §8): 400, the rule's own message and field. */
function expectRuleRefusal(outcome: Outcome<unknown>, message: string, displayField: string | undefined): void {
  expect(outcome).toMatchObject({ status: 400, errorCode: 'FIELD_CUSTOM_VALIDATION_EXCEPTION', message });
  // The rule's errorDisplayField, or the top of the page (`[]`) when it names none.
  expect(outcome.fields).toEqual(displayField ? [displayField] : []);
}

function expectSaved(outcome: Outcome<unknown>): void {
  expect(outcome.errorCode, outcome.message).toBeUndefined();
  expect(outcome.value).toMatchObject({ success: true });
}

// ---------------------------------------------------------------------------------------------
// Loading
// ---------------------------------------------------------------------------------------------

/** The three screen flows, as the load summary and a strict load name them (screens cannot run headless). */
const SCREEN_FLOWS_DEGRADED = [
  'force-app/main/default/flows/PMT_Mass_update_Task_Assignee.flow-meta.xml: Flow PMT_Mass_update_Task_Assignee: '
    + 'elements screens:Finish, screens:Update_Assignee -> screen flow: not run',
  'force-app/main/default/flows/PMT_Mass_update_Task_Status.flow-meta.xml: Flow PMT_Mass_update_Task_Status: '
    + 'elements screens:Error_Screen, screens:Finished, screens:Mass_update_Task_Status -> screen flow: not run',
  'force-app/main/default/flows/PMT_Project_Templates.flow-meta.xml: Flow PMT_Project_Templates: '
    + 'elements screens:Confirmation_Screen, screens:FaultError, screens:No_Phases_Warning, screens:Phase_Warning_Screen, '
    + 'screens:Phases_Table, screens:Project_Search, screens:ProjectNameSelection, screens:Tasks_Table, '
    + 'actionCalls:apex Clone_Phases_Tasks, actionCalls:apex Get_Tasks -> screen flow: not run',
];

test('the project loads with no fatal error; the degraded list is exactly its three screen flows', async ({ pmt }) => {
  const lines = pmt.org.summary.split('\n');
  const [loaded = '', formulas = '', functions = '', seeded = ''] = lines;
  // The counts are the project's: 8 custom objects (PMT_Setting__mdt among them), 227 custom fields,
  // 14 rules (3 of them on the custom metadata type), 5 flows of which 1 is a Process Builder process.
  expect(loaded).toMatch(/^Loaded \d+ objects \(8 custom\), [\d,]+ fields \(227 custom\), /);
  for (const part of ['14 validation rules', '5 flows (5 active)', '3 permission sets', '1 business process',
    '15 flow elements not run (in 3 flows)', '1 process (Process Builder, 1 runnable)']) {
    expect(loaded, `summary line: ${loaded}`).toContain(part);
  }
  // What is not run is named with its file count: the Apex trigger and classes, Aura and LWC, pages, reports.
  const notRun = /; not run: (.*)$/.exec(loaded)?.[1] ?? '';
  for (const type of ['trigger (1)', 'cls (17)', 'aura (13)', 'lwc (6)', 'flexipage (14)', 'quickAction (6)', 'report (12)', 'sharingReason (1)']) {
    expect(notRun, `summary line: ${loaded}`).toContain(type);
  }
  // Every formula of the project compiles: IMAGE, CASESAFEID, Owner:User paths and $CustomMetadata included.
  expect(formulas).toBe('formulas compiled: 14 validation rule(s), 82 formula field(s), 17 default value(s)');
  expect(functions).toMatch(/^formula functions: \d+ of \d+ implemented; /);
  // The 5 user definition files, plus the Automated Process user every org has.
  expect(seeded).toContain('6 User');
  // Degraded: the screen flows and nothing else (no formula, rule, before-save flow or process).
  expect(lines).toContain('degraded: 3 components the emulator does not run as written (a strict load refuses them)');
  expect(lines.filter((l) => l.startsWith('  '))).toEqual(SCREEN_FLOWS_DEGRADED.map((l) => `  ${l}`));
  // They are the project's screen flows (processType Flow), read from its XML.
  expect(flows(project()).filter((f) => f.processType === 'Flow').map((f) => f.name)).toEqual([
    'PMT_Mass_update_Task_Assignee', 'PMT_Mass_update_Task_Status', 'PMT_Project_Templates',
  ]);
});

test('a strict load refuses the project, naming its three screen flows at once', () => {
  let refused: unknown;
  try {
    Org.load({ source: project(), strict: true }).close();
  } catch (error) {
    refused = error;
  }
  expect(refused).toBeInstanceOf(DegradedLoadError);
  expect((refused as Error).message).toBe(`strict load refused: 3 components the emulator cannot run as written:\n${SCREEN_FLOWS_DEGRADED.map((l) => `  ${l}`).join('\n')}\n`
    + 'Without --strict (SF_EMULATOR_STRICT) the org loads with these degraded as described.');
});

test('every persona signs in with the profile and permission set its definition file gives it', async ({ as }) => {
  const admin = await as('admin');
  const users = await admin.query<{ Username: string; Profile: { Name: string }; Department: string }>(
    "SELECT Username, Profile.Name, Department FROM User WHERE Username LIKE '%@pmt-contract.test' ORDER BY Username",
  );
  expect(users.records.map((u) => [u.Username, u.Profile.Name, u.Department])).toEqual([
    ['admin@pmt-contract.test', 'System Administrator', 'IT'],
    ['member@pmt-contract.test', 'Standard User', 'Finance'],
    ['outsider@pmt-contract.test', 'Standard User', 'Sales'],
    ['planner@pmt-contract.test', 'Standard User', 'Operations'],
    ['pmo@pmt-contract.test', 'Standard User', 'PMO'],
  ]);
  const assignments = await admin.query<{ Assignee: { Username: string }; PermissionSet: { Name: string } }>(
    "SELECT Assignee.Username, PermissionSet.Name FROM PermissionSetAssignment WHERE PermissionSet.IsOwnedByProfile = false AND Assignee.Username LIKE '%@pmt-contract.test' ORDER BY Assignee.Username",
  );
  expect(assignments.records.map((a) => [a.Assignee.Username, a.PermissionSet.Name])).toEqual([
    ['member@pmt-contract.test', 'PMT_User'],
    ['planner@pmt-contract.test', 'PMT_Resource_Planner'],
    ['pmo@pmt-contract.test', 'PMT_Global_Admin'],
  ]);
});

// ---------------------------------------------------------------------------------------------
// Validation rules: for each rule on a data object, a save that passes and a save that trips it, as a
// persona whose permission set allows the save.
// ---------------------------------------------------------------------------------------------

interface RuleRow<C> {
  object: string;
  rule: string;
  persona: PersonaName;
  /** Why this persona: the permission set that lets them make the save. */
  grantedBy: string;
  arrange: (conn: Connection, as: SignIn) => Promise<C>;
  passes: (conn: Connection, ctx: C, as: SignIn) => PromiseLike<unknown>;
  /** The refused save; a row may make it as another persona (`as`), saying why. */
  trips: (conn: Connection, ctx: C, as: SignIn) => PromiseLike<unknown>;
  /** After the refusal: what proves nothing of the refused save remains. */
  afterTrip?: (conn: Connection, ctx: C) => Promise<void>;
}

/** Keeps each row's context type while the table holds rows of different contexts. */
function row<C>(r: RuleRow<C>): RuleRow<unknown> {
  return r as RuleRow<unknown>;
}

const ruleRows: RuleRow<unknown>[] = [
  row({
    object: 'PMT_Phase__c',
    rule: 'Kickoff_before_deadline',
    persona: 'member',
    grantedBy: 'PMT_User (phases and tasks: create, edit)',
    // The rule compares the phase's MIN(task start) and MAX(task due) roll-ups, so it is a task's save
    // that trips it, when the roll-ups are recomputed on the phase (order of execution step 9).
    arrange: async (c) => {
      const { phase } = await newPhase(c);
      await create(c, 'PMT_Task__c', { Name: 'Kick-off workshop', Phase__c: phase, Start_Date__c: '2025-05-05' });
      return { phase, wrapUp: '' };
    },
    // A task due after the earliest start passes (phase runs 5 May -> 20 May)...
    passes: async (c, x) => {
      const saved = await c.sobject('PMT_Task__c').create({ Name: 'Wrap-up', Phase__c: x.phase, Due_Date__c: '2025-05-20' });
      x.wrapUp = saved.id ?? '';
      return saved;
    },
    // ...moving its due date before that start makes the phase end before it starts.
    trips: (c, x) => c.sobject('PMT_Task__c').update({ Id: x.wrapUp, Due_Date__c: '2025-04-30' }),
    afterTrip: async (c, x) => {
      expect(await fieldsOf(c, 'PMT_Task__c', x.wrapUp, ['Due_Date__c'])).toEqual({ Due_Date__c: '2025-05-20' });
      expect(await fieldsOf(c, 'PMT_Phase__c', x.phase, ['Start_Date_Rollup__c', 'End_Date_Rollup__c'])).toEqual({
        Start_Date_Rollup__c: '2025-05-05', End_Date_Rollup__c: '2025-05-20',
      });
    },
  }),
  row({
    object: 'PMT_Project__c',
    rule: 'InitialStartDate_should_be_less',
    persona: 'member',
    grantedBy: 'PMT_User (projects: create, edit)',
    arrange: async () => undefined,
    // Initial_End_Date__c < Initial_Start_Date__c: a one-day project (same dates) passes...
    passes: (c) => c.sobject('PMT_Project__c').create({ Name: 'One-day audit', Level_of_Effort__c: 'Small', Initial_Start_Date__c: '2025-03-03', Initial_End_Date__c: '2025-03-03' }),
    // ...an end the day before the start is refused.
    trips: (c) => c.sobject('PMT_Project__c').create({ Name: 'Backwards', Level_of_Effort__c: 'Small', Initial_Start_Date__c: '2025-03-03', Initial_End_Date__c: '2025-03-02' }),
  }),
  row({
    object: 'PMT_Project__c',
    rule: 'Path_to_Green_should_be_blank',
    persona: 'member',
    grantedBy: 'PMT_User (projects: create, edit)',
    arrange: async (c) => ({ project: await newProject(c, { Project_Health__c: 'On Track' }) }),
    // A project turning Late with its path to green passes...
    passes: (c, x) => c.sobject('PMT_Project__c').update({ Id: x.project, Project_Health__c: 'Late', Path_to_Green__c: 'Vendor patch lands on Friday' }),
    // ...clearing the path to green while it is Late is refused, on the Path to Green field.
    trips: (c, x) => c.sobject('PMT_Project__c').update({ Id: x.project, Path_to_Green__c: null }),
    afterTrip: async (c, x) => {
      expect(await fieldsOf(c, 'PMT_Project__c', x.project, ['Project_Health__c', 'Path_to_Green__c'])).toEqual({
        Project_Health__c: 'Late', Path_to_Green__c: 'Vendor patch lands on Friday',
      });
    },
  }),
  row({
    object: 'PMT_Project__c',
    rule: 'SOX_Comment_Blank_SOX_Impact_unchecked',
    persona: 'member',
    grantedBy: 'PMT_User (projects: create, edit)',
    arrange: async (c) => ({ project: await newProject(c) }),
    // A SOX comment with SOX Impact ticked passes...
    passes: (c, x) => c.sobject('PMT_Project__c').update({ Id: x.project, SOX_Impact__c: true, SOX_Comment__c: 'Touches revenue recognition' }),
    // ...unticking SOX Impact while the comment stays is refused.
    trips: (c, x) => c.sobject('PMT_Project__c').update({ Id: x.project, SOX_Impact__c: false }),
    afterTrip: async (c, x) => {
      expect(await fieldsOf(c, 'PMT_Project__c', x.project, ['SOX_Impact__c'])).toEqual({ SOX_Impact__c: true });
    },
  }),
  row({
    object: 'PMT_Project__c',
    rule: 'SOX_comment_not_null_when_SOX_checked',
    persona: 'member',
    grantedBy: 'PMT_User (projects: create, edit)',
    arrange: async () => undefined,
    passes: (c) => c.sobject('PMT_Project__c').create({ Name: 'Ledger migration', Level_of_Effort__c: 'Large', SOX_Impact__c: true, SOX_Comment__c: 'Controls reviewed by audit' }),
    trips: (c) => c.sobject('PMT_Project__c').create({ Name: 'Ledger migration', Level_of_Effort__c: 'Large', SOX_Impact__c: true }),
  }),
  row({
    object: 'PMT_Resource_Allocation__c',
    rule: 'Hours_Cant_be_negative',
    persona: 'planner',
    grantedBy: 'PMT_Resource_Planner (allocations: create, edit, delete)',
    arrange: async (c) => ({ availability: await newAvailability(c, userId(c)), project: await newProject(c) }),
    passes: (c, x) => c.sobject('PMT_Resource_Allocation__c').create({ Project__c: x.project, Resource_Availability__c: x.availability, Role__c: 'SME', Mar_Hours__c: 12 }),
    trips: (c, x) => c.sobject('PMT_Resource_Allocation__c').create({ Project__c: x.project, Resource_Availability__c: x.availability, Role__c: 'SME', Mar_Hours__c: -1 }),
    afterTrip: async (c, x) => {
      // The refused allocation never reached the availability's roll-ups.
      expect(await fieldsOf(c, 'PMT_Resource_Availability__c', x.availability, ['Mar_Actual_Hours__c'])).toEqual({ Mar_Actual_Hours__c: 12 });
    },
  }),
  row({
    object: 'PMT_Resource_Allocation__c',
    rule: 'Self_update_hours',
    persona: 'planner',
    grantedBy: 'PMT_Resource_Planner (allocations: create, edit); the trip is the PMO, PMT_Global_Admin (Modify All)',
    // $User.Id != Resource_Availability__r.User__c && ISCHANGED(<month>_Hours__c): only the resource books hours.
    arrange: async (c) => {
      const availabilityId = await newAvailability(c, userId(c));
      const projectId = await newProject(c);
      // Creating with hours is not a change (ISCHANGED is false on insert).
      const allocation = await create(c, 'PMT_Resource_Allocation__c', { Project__c: projectId, Resource_Availability__c: availabilityId, Role__c: 'Business Lead', Feb__c: 20, Feb_Hours__c: 4 });
      return { availability: availabilityId, allocation };
    },
    // The planner is the availability's user: booking their own hours passes...
    passes: (c, x) => c.sobject('PMT_Resource_Allocation__c').update({ Id: x.allocation, Feb_Hours__c: 8 }),
    // ...the PMO, who may edit every allocation, is refused when they change the hours.
    trips: async (_c, x, as) => (await as('pmo')).sobject('PMT_Resource_Allocation__c').update({ Id: x.allocation, Feb_Hours__c: 9 }),
    afterTrip: async (c, x) => {
      expect(await fieldsOf(c, 'PMT_Resource_Allocation__c', x.allocation, ['Feb_Hours__c'])).toEqual({ Feb_Hours__c: 8 });
      expect(await fieldsOf(c, 'PMT_Resource_Availability__c', x.availability, ['Feb_Actual_Hours__c'])).toEqual({ Feb_Actual_Hours__c: 8 });
    },
  }),
  row({
    object: 'PMT_Resource_Availability__c',
    rule: 'Availability_cannot_be_more_than_100',
    persona: 'planner',
    grantedBy: 'PMT_Resource_Planner (availabilities: create, edit)',
    arrange: async () => undefined,
    // `Jan__c > 1`: a percent field reads as a fraction in a formula (100% is 1), so 100 everywhere passes...
    passes: (c) => c.sobject('PMT_Resource_Availability__c').create({ User__c: userId(c), Fiscal_Year__c: 'FY27', ...availability(100) }),
    // ...and 150% in January is refused.
    trips: (c) => c.sobject('PMT_Resource_Availability__c').create({ User__c: userId(c), Fiscal_Year__c: 'FY27', ...availability(100), Jan__c: 150 }),
  }),
  row({
    object: 'PMT_Resource_Availability__c',
    rule: 'Fiscal_Year_format_as_FYXX',
    persona: 'planner',
    grantedBy: 'PMT_Resource_Planner (availabilities: create, edit)',
    arrange: async () => undefined,
    passes: (c) => c.sobject('PMT_Resource_Availability__c').create({ User__c: userId(c), Fiscal_Year__c: 'FY28', ...availability(80) }),
    trips: (c) => c.sobject('PMT_Resource_Availability__c').create({ User__c: userId(c), Fiscal_Year__c: '2028', ...availability(80) }),
  }),
  row({
    object: 'PMT_Task__c',
    rule: 'Task_On_hold_Reason_not_null_if_On_Hold',
    persona: 'member',
    grantedBy: 'PMT_User (tasks: create, edit)',
    arrange: async (c) => {
      const { phase } = await newPhase(c);
      return { task: await create(c, 'PMT_Task__c', { Name: 'Vendor onboarding', Phase__c: phase }) };
    },
    passes: (c, x) => c.sobject('PMT_Task__c').update({ Id: x.task, Status__c: 'On Hold', On_Hold_Reason__c: 'Waiting for the vendor contract' }),
    trips: (c, x) => c.sobject('PMT_Task__c').update({ Id: x.task, On_Hold_Reason__c: null }),
    afterTrip: async (c, x) => {
      expect(await fieldsOf(c, 'PMT_Task__c', x.task, ['Status__c', 'On_Hold_Reason__c'])).toEqual({ Status__c: 'On Hold', On_Hold_Reason__c: 'Waiting for the vendor contract' });
    },
  }),
  row({
    object: 'PMT_Task__c',
    rule: 'Task_start_date_less_than_end_date',
    persona: 'member',
    grantedBy: 'PMT_User (tasks: create, edit)',
    arrange: async (c) => ({ phase: (await newPhase(c)).phase }),
    // Due_Date__c < Start_Date__c: a one-day task passes...
    passes: (c, x) => c.sobject('PMT_Task__c').create({ Name: 'Go/no-go call', Phase__c: x.phase, Start_Date__c: '2025-06-02', Due_Date__c: '2025-06-02' }),
    trips: (c, x) => c.sobject('PMT_Task__c').create({ Name: 'Go/no-go call', Phase__c: x.phase, Start_Date__c: '2025-06-02', Due_Date__c: '2025-06-01' }),
  }),
];

/** The custom metadata type's rules: a real org runs them when a record is saved in Setup or deployed. */
const METADATA_TYPE_RULES = [
  'PMT_Setting__mdt.Default_Availability_btwn_1_to_100',
  'PMT_Setting__mdt.RP_Years_in_advance_greater_than_0',
  'PMT_Setting__mdt.Start_Month_between_1_and_12',
];

test('the spec has a row for every active validation rule of the project', () => {
  const active = activeValidationRules(project()).map((r) => `${r.object}.${r.name}`).sort();
  expect([...ruleRows.map((r) => `${r.object}.${r.rule}`), ...METADATA_TYPE_RULES].sort()).toEqual(active);
  expect(active).toHaveLength(14);
  expect(validationRules(project()).filter((r) => !r.active)).toEqual([]);
});

for (const r of ruleRows) {
  test(`validation rule ${r.object}.${r.rule}: passes, then refused with its message, as ${r.persona} (${r.grantedBy})`, async ({ as, outcome }) => {
    const conn = await as(r.persona);
    const ctx = await r.arrange(conn, as);
    const rule = validationRules(project()).find((v) => v.object === r.object && v.name === r.rule);
    await test.step('a save the rule allows -> saved', async () => {
      expectSaved(await outcome(() => r.passes(conn, ctx, as)));
    });
    await test.step('a save that trips the rule -> 400 FIELD_CUSTOM_VALIDATION_EXCEPTION, the exact errorMessage, on its field', async () => {
      expectRuleRefusal(await outcome(() => r.trips(conn, ctx, as)), ruleMessage(project(), r.object, r.rule), rule?.errorDisplayField);
    });
    if (r.afterTrip) await test.step('nothing of the refused save remains', () => r.afterTrip!(conn, ctx));
  });
}

test('Availability_cannot_be_more_than_100 as written: December is never checked (the rule tests Nov__c twice)', async ({ as, outcome }) => {
  // The project's formula ends `Dec__c<0 || Nov__c>1`: a real org saves 150% in December, and so does the emulator.
  const planner = await as('planner');
  expectSaved(await outcome(() => planner.sobject('PMT_Resource_Availability__c').create({ User__c: userId(planner), Fiscal_Year__c: 'FY27', ...availability(100), Dec__c: 150 })));
  // ...while the same in November is refused.
  expectRuleRefusal(
    await outcome(() => planner.sobject('PMT_Resource_Availability__c').create({ User__c: userId(planner), Fiscal_Year__c: 'FY27', ...availability(100), Nov__c: 150 })),
    ruleMessage(project(), 'PMT_Resource_Availability__c', 'Availability_cannot_be_more_than_100'),
    undefined,
  );
});

test('the custom metadata type\'s rules hold for the deployed Default record, and no data API write can reach them', async ({ as, outcome }) => {
  // Start month 2, 100% default availability, 2 years in advance: inside all three rules' bounds.
  const values = customMetadataValues(project(), 'PMT_Setting.Default');
  expect(values).toMatchObject({ Start_Month_of_Fiscal_Year__c: '2.0', Default_Availability_for_Scheduler__c: '100.0', Resource_Planning_Years_in_Advance__c: '2.0' });
  // Custom metadata records are metadata: even the System Administrator's DML is refused (reference §8 row
  // INSUFFICIENT_ACCESS_OR_READONLY, "entity is read-only"), so these rules only ever meet a deploy.
  for (const persona of ['admin', 'pmo'] as const) {
    const conn = await as(persona);
    const { records } = await conn.query<{ Id: string }>("SELECT Id FROM PMT_Setting__mdt WHERE DeveloperName = 'Default'");
    const refused = await outcome(() => conn.sobject('PMT_Setting__mdt').update({ Id: records[0]!.Id, Start_Month_of_Fiscal_Year__c: 13 }));
    expect(refused, persona).toMatchObject({ status: 400, errorCode: 'INSUFFICIENT_ACCESS_OR_READONLY', message: 'entity is read-only' });
  }
});

test('a deploy of a PMT_Setting record that breaks its type\'s rules is refused with the rules\' messages, all at once', () => {
  // A deploy saves custom metadata records through their type's validation rules; the load does the same.
  // A copy of the project in a temporary folder (never committed), with the Default record's start month set to 13.
  const copy = mkdtempSync(join(tmpdir(), 'pmt-bad-setting-'));
  try {
    cpSync(join(project(), 'sfdx-project.json'), join(copy, 'sfdx-project.json'));
    cpSync(join(project(), 'force-app'), join(copy, 'force-app'), { recursive: true });
    const record = join(copy, 'force-app', 'main', 'default', 'customMetadata', 'PMT_Setting.Default.md-meta.xml');
    const xml = readFileSync(record, 'utf8');
    const patched = xml.replace(/(<field>Start_Month_of_Fiscal_Year__c<\/field>\s*<value[^>]*>)2\.0</, '$113.0<');
    expect(patched).not.toBe(xml);
    writeFileSync(record, patched);
    expect(() => Org.load({ source: copy }).close()).toThrow(ruleMessage(project(), 'PMT_Setting__mdt', 'Start_Month_between_1_and_12'));
    // A second broken value: both rules are named in one error.
    const twice = patched.replace(/(<field>Resource_Planning_Years_in_Advance__c<\/field>\s*<value[^>]*>)[\d.]+</, '$1-1.0<');
    expect(twice).not.toBe(patched);
    writeFileSync(record, twice);
    let message = '';
    try {
      Org.load({ source: copy }).close();
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toContain('2 problems in the project');
    expect(message).toContain(ruleMessage(project(), 'PMT_Setting__mdt', 'Start_Month_between_1_and_12'));
    expect(message).toContain(ruleMessage(project(), 'PMT_Setting__mdt', 'RP_Years_in_advance_greater_than_0'));
  } finally {
    rmSync(copy, { recursive: true, force: true });
  }
});

// ---------------------------------------------------------------------------------------------
// Automation: the before-save flow, the Process Builder process, the workflow file.
// ---------------------------------------------------------------------------------------------

const BEFORE_SAVE_FLOW = 'PMT_Task_Before_Automation';
const PROCESS = 'PMT_Update_Task_status_and_percentage_completion';

test('the spec covers every active record-triggered flow, process and workflow rule of the project', () => {
  expect(activeRecordTriggeredFlows(project()).map((f) => `${f.name} (${f.object} ${f.triggerType} ${f.recordTriggerType})`)).toEqual([
    `${BEFORE_SAVE_FLOW} (PMT_Task__c RecordBeforeSave CreateAndUpdate)`,
  ]);
  expect(flows(project()).filter((f) => f.processType === 'Workflow').map((f) => `${f.name} ${f.status}`)).toEqual([`${PROCESS} Active`]);
  // User.workflow-meta.xml is an empty <Workflow/>: no rule, field update, alert or outbound message to run.
  expect(workflowComponents(project())).toEqual([{ object: 'User', rules: [], fieldUpdates: [], other: [] }]);
});

interface TaskStep {
  name: string;
  change: Fields;
  /** Status and completion after the save (what the flow made of it). */
  expected: { Status__c: string; Percentage_Completion__c: number };
}

test(`flow ${BEFORE_SAVE_FLOW}: status and completion are kept in step on every save, as member (PMT_User)`, async ({ as, outcome }) => {
  const c = await as('member');
  const { phase } = await newPhase(c);
  // Status defaults to Not Started, completion to 0 (the fields' defaults).
  const task = await create(c, 'PMT_Task__c', { Name: 'Migrate mailboxes', Phase__c: phase });
  const state = (): Promise<Fields> => fieldsOf(c, 'PMT_Task__c', task, ['Status__c', 'Percentage_Completion__c']);
  expect(await state()).toEqual({ Status__c: 'Not Started', Percentage_Completion__c: 0 });
  const steps: TaskStep[] = [
    { name: '40% on a Not Started task -> In Progress', change: { Percentage_Completion__c: 40 }, expected: { Status__c: 'In Progress', Percentage_Completion__c: 40 } },
    { name: '100% -> Completed', change: { Percentage_Completion__c: 100 }, expected: { Status__c: 'Completed', Percentage_Completion__c: 100 } },
    { name: 'Completed -> Not Started: completion back to 0%', change: { Status__c: 'Not Started' }, expected: { Status__c: 'Not Started', Percentage_Completion__c: 0 } },
    { name: 'Status Completed -> completion 100%', change: { Status__c: 'Completed' }, expected: { Status__c: 'Completed', Percentage_Completion__c: 100 } },
    { name: 'Completed -> In Progress: completion back to 0%', change: { Status__c: 'In Progress' }, expected: { Status__c: 'In Progress', Percentage_Completion__c: 0 } },
    { name: 'Closed, not Completed at 60%: no branch applies, saved as sent', change: { Status__c: 'Closed, not Completed', Percentage_Completion__c: 60 }, expected: { Status__c: 'Closed, not Completed', Percentage_Completion__c: 60 } },
    // "100% or Completed" is checked before anything else keeps a closed status: a closed task at 100% is Completed.
    { name: 'Closed, not Completed raised to 100% -> Completed', change: { Percentage_Completion__c: 100 }, expected: { Status__c: 'Completed', Percentage_Completion__c: 100 } },
  ];
  for (const step of steps) {
    await test.step(step.name, async () => {
      expectSaved(await outcome(() => c.sobject('PMT_Task__c').update({ Id: task, ...step.change })));
      expect(await state()).toEqual(step.expected);
    });
  }
});

test(`flow ${BEFORE_SAVE_FLOW} runs before the validation rules: an On Hold task at 100% without a reason is saved as Completed`, async ({ as, outcome }) => {
  // Order of execution: before-save flows, then custom validation rules. The flow turns the status to
  // Completed, so Task_On_hold_Reason_not_null_if_On_Hold no longer applies by the time the rules run.
  const c = await as('member');
  const { phase } = await newPhase(c);
  const saved = await outcome(() => c.sobject('PMT_Task__c').create({ Name: 'Sign-off', Phase__c: phase, Status__c: 'On Hold', Percentage_Completion__c: 100 }));
  expectSaved(saved);
  expect(await fieldsOf(c, 'PMT_Task__c', (saved.value as { id: string }).id, ['Status__c', 'Percentage_Completion__c', 'On_Hold_Reason__c'])).toEqual({
    Status__c: 'Completed', Percentage_Completion__c: 100, On_Hold_Reason__c: null,
  });
});

test(`process ${PROCESS}: its only criterion is the formula false, so its "Dummy Action" never runs`, async ({ as, outcome }) => {
  // Read what the process decides on: one rule whose condition is the formula `false`.
  const process = flowXml(project(), PROCESS);
  expect(process.processType).toBe('Workflow');
  expect((process.formulas as Fields).expression).toBe('false');
  // Had its action run (Status__c = In Progress on tasks of any of these statuses), a completed task
  // would come back In Progress (and the before-save flow would then reset it to 0%).
  const c = await as('member');
  const { phase } = await newPhase(c);
  const completed = await create(c, 'PMT_Task__c', { Name: 'Decommission old server', Phase__c: phase, Status__c: 'Completed' });
  const notStarted = await create(c, 'PMT_Task__c', { Name: 'Write runbook', Phase__c: phase });
  expectSaved(await outcome(() => c.sobject('PMT_Task__c').update({ Id: completed, Description__c: 'Archived to cold storage' })));
  expect(await fieldsOf(c, 'PMT_Task__c', completed, ['Status__c', 'Percentage_Completion__c'])).toEqual({ Status__c: 'Completed', Percentage_Completion__c: 100 });
  expect(await fieldsOf(c, 'PMT_Task__c', notStarted, ['Status__c', 'Percentage_Completion__c'])).toEqual({ Status__c: 'Not Started', Percentage_Completion__c: 0 });
});

// ---------------------------------------------------------------------------------------------
// Permission sets: object access and field-level security per persona, and the real refusals.
// ---------------------------------------------------------------------------------------------

const PMT_OBJECTS = [
  'PMT_Error_Log__c', 'PMT_Phase__c', 'PMT_Program__c', 'PMT_Project__c', 'PMT_Resource_Allocation__c', 'PMT_Resource_Availability__c', 'PMT_Task__c',
];

/** Each persona's permission sets (the outsider and the admin have none). */
const PERMISSION_SETS: Record<PersonaName, string[]> = {
  admin: [],
  pmo: ['PMT_Global_Admin'],
  planner: ['PMT_Resource_Planner'],
  member: ['PMT_User'],
  outsider: [],
};

/** describeGlobal's createable / queryable / updateable / deletable, as `CRED` with `-` for a refusal. */
const OBJECT_ACCESS: Record<PersonaName, Record<string, string>> = {
  admin: Object.fromEntries(PMT_OBJECTS.map((o) => [o, 'CRED'])),
  pmo: Object.fromEntries(PMT_OBJECTS.map((o) => [o, 'CRED'])),
  planner: {
    PMT_Error_Log__c: 'CR--', PMT_Phase__c: 'CRE-', PMT_Program__c: 'CRE-', PMT_Project__c: 'CRE-',
    PMT_Resource_Allocation__c: 'CRED', PMT_Resource_Availability__c: 'CRE-', PMT_Task__c: 'CRE-',
  },
  member: {
    PMT_Error_Log__c: 'CR--', PMT_Phase__c: 'CRE-', PMT_Program__c: 'CRE-', PMT_Project__c: 'CRE-',
    PMT_Resource_Allocation__c: '-R--', PMT_Resource_Availability__c: '-RE-', PMT_Task__c: 'CRE-',
  },
  // Standard User grants none of the project's objects: for this user they do not exist.
  outsider: {},
};

function crud(grant: Pick<ObjectGrant, 'allowCreate' | 'allowRead' | 'allowEdit' | 'allowDelete'>): string {
  return `${grant.allowCreate ? 'C' : '-'}${grant.allowRead ? 'R' : '-'}${grant.allowEdit ? 'E' : '-'}${grant.allowDelete ? 'D' : '-'}`;
}

test('the object access table is what the project\'s permission sets grant', () => {
  for (const persona of ['pmo', 'planner', 'member'] as const) {
    const [set] = PERMISSION_SETS[persona];
    const grants = permissionSetGrants(project(), set!).objects;
    expect(Object.fromEntries(PMT_OBJECTS.map((o) => [o, crud(grants.get(o)!)])), persona).toEqual(OBJECT_ACCESS[persona]);
  }
});

for (const persona of Object.keys(OBJECT_ACCESS) as PersonaName[]) {
  test(`object access: ${persona}'s describeGlobal shows exactly the PMT objects and verbs ${PERMISSION_SETS[persona].join(', ') || 'its profile'} grants`, async ({ as }) => {
    const { sobjects } = await (await as(persona)).describeGlobal();
    const shown = Object.fromEntries(sobjects.filter((o) => PMT_OBJECTS.includes(o.name)).map((o) => [o.name,
      crud({ allowCreate: o.createable, allowRead: o.queryable, allowEdit: o.updateable, allowDelete: o.deletable })]));
    expect(shown).toEqual(OBJECT_ACCESS[persona]);
  });
}

for (const persona of ['pmo', 'planner', 'member'] as const) {
  test(`field-level security: ${persona}'s describe shows each PMT custom field visible, createable and updateable exactly as ${PERMISSION_SETS[persona].join(', ')} says`, async ({ as }) => {
    const conn = await as(persona);
    const { fields: grants, objects } = permissionSetGrants(project(), PERMISSION_SETS[persona][0]!);
    for (const object of [...PMT_OBJECTS, 'Case']) {
      const described = await conn.sobject(object).describe();
      const byName = new Map(described.fields.map((f) => [f.name, f]));
      const declared = customFields(project(), object);
      // Visible: what the set makes readable. A field the set does not list is a required one (a
      // permission set cannot carry FLS for those: the object decides), so it is visible too.
      const visible = declared.filter((f) => grants.get(`${object}.${f}`)?.readable ?? true);
      expect(described.fields.filter((f) => f.custom).map((f) => f.name).sort(), `${object} visible custom fields`).toEqual(visible.sort());
      const objectGrant = objects.get(object)!;
      for (const name of declared) {
        const grant = grants.get(`${object}.${name}`);
        const field = byName.get(name);
        // Createable and updateable where the set makes the field editable (never its formulas and
        // roll-ups) and the object creatable or editable (the error log is create-only for two sets).
        // [UNVERIFIED] that a real org's field describe folds the object permission in as well as FLS;
        // it is the likeliest reading, since describe answers for the user asking.
        if (grant) {
          expect([field?.createable, field?.updateable], `${object}.${name} [createable, updateable]`)
            .toEqual([grant.editable && objectGrant.allowCreate, grant.editable && objectGrant.allowEdit]);
        } else {
          expect(field?.nillable, `${object}.${name} has no FLS entry, so it must be required`).toBe(false);
        }
      }
    }
  });
}

test('field-level security spot checks: formulas are read-only, the health picklist is editable, the icon is HTML', async ({ as }) => {
  const described = await (await as('member')).sobject('PMT_Project__c').describe();
  const field = (name: string): Fields => {
    const f = described.fields.find((d) => d.name === name);
    return { createable: f?.createable, updateable: f?.updateable, calculated: f?.calculated, htmlFormatted: f?.htmlFormatted };
  };
  expect(field('Health_Icon__c')).toEqual({ createable: false, updateable: false, calculated: true, htmlFormatted: true });
  expect(field('Project_Owner__c')).toEqual({ createable: false, updateable: false, calculated: true, htmlFormatted: false });
  expect(field('Project_Health__c')).toEqual({ createable: true, updateable: true, calculated: false, htmlFormatted: false });
  expect(field('Start_Date_Rollup__c')).toEqual({ createable: false, updateable: false, calculated: true, htmlFormatted: false });
});

interface SecurityRow<C> {
  name: string;
  persona: PersonaName;
  /** Records the row needs, made by whoever the arrangement says. */
  arrange?: (as: SignIn) => Promise<C>;
  call: (conn: Connection, ctx: C) => PromiseLike<unknown>;
  status: number;
  errorCode?: string;
  message?: string | RegExp;
  check?: (value: unknown) => void;
}

/** Keeps each row's context type while the table holds rows of different contexts. */
function securityRow<C>(r: SecurityRow<C>): SecurityRow<unknown> {
  return r as SecurityRow<unknown>;
}

const NO_ACCESS = { status: 400, errorCode: 'INSUFFICIENT_ACCESS_OR_READONLY', message: 'insufficient access rights on object id' };

const securityRows: SecurityRow<unknown>[] = [
  // --- what PMT_User does not grant
  securityRow({
    name: 'member creates a resource allocation (PMT_User: read only) -> INSUFFICIENT_ACCESS_OR_READONLY',
    persona: 'member',
    arrange: async (as) => {
      const planner = await as('planner');
      return { availability: await newAvailability(planner, userId(planner)), project: await newProject(await as('member')) };
    },
    call: (c, x) => c.sobject('PMT_Resource_Allocation__c').create({ Project__c: x.project, Resource_Availability__c: x.availability, Role__c: 'SME' }),
    ...NO_ACCESS,
  }),
  securityRow({
    name: 'member creates a resource availability (PMT_User: read, edit) -> INSUFFICIENT_ACCESS_OR_READONLY',
    persona: 'member',
    call: (c) => c.sobject('PMT_Resource_Availability__c').create({ User__c: userId(c), Fiscal_Year__c: 'FY26', ...availability(100) }),
    ...NO_ACCESS,
  }),
  securityRow({
    name: "member edits the planner's availability (PMT_User: edit; sharing Public Read/Write) -> saved",
    persona: 'member',
    arrange: async (as) => {
      const planner = await as('planner');
      return { availability: await newAvailability(planner, userId(planner)) };
    },
    call: (c, x) => c.sobject('PMT_Resource_Availability__c').update({ Id: x.availability, Jul__c: 40 }),
    status: 204,
  }),
  securityRow({
    name: 'member deletes their own project (PMT_User: no delete) -> INSUFFICIENT_ACCESS_OR_READONLY',
    persona: 'member',
    arrange: async (as) => ({ project: await newProject(await as('member')) }),
    call: (c, x) => c.sobject('PMT_Project__c').destroy(x.project),
    ...NO_ACCESS,
  }),
  securityRow({
    name: 'member deletes their own task -> INSUFFICIENT_ACCESS_OR_READONLY',
    persona: 'member',
    arrange: async (as) => {
      const member = await as('member');
      return { task: await create(member, 'PMT_Task__c', { Name: 'Obsolete', Phase__c: (await newPhase(member)).phase }) };
    },
    call: (c, x) => c.sobject('PMT_Task__c').destroy(x.task),
    ...NO_ACCESS,
  }),
  securityRow({
    name: 'member logs an error (PMT_User: create) -> created',
    persona: 'member',
    call: (c) => c.sobject('PMT_Error_Log__c').create({ Error_Message__c: 'Gantt failed to load', Apex_Class__c: 'PMT_GanttCtrl' }),
    status: 201,
  }),
  securityRow({
    name: 'member edits an error log they created (PMT_User: no edit) -> INSUFFICIENT_ACCESS_OR_READONLY',
    persona: 'member',
    arrange: async (as) => ({ log: await create(await as('member'), 'PMT_Error_Log__c', { Error_Message__c: 'Timeout' }) }),
    call: (c, x) => c.sobject('PMT_Error_Log__c').update({ Id: x.log, Error_Message__c: 'Edited' }),
    ...NO_ACCESS,
  }),
  // --- what PMT_Resource_Planner and PMT_Global_Admin add
  securityRow({
    name: 'planner deletes an allocation (PMT_Resource_Planner: delete) -> deleted',
    persona: 'planner',
    arrange: async (as) => {
      const planner = await as('planner');
      const availabilityId = await newAvailability(planner, userId(planner));
      return { allocation: await create(planner, 'PMT_Resource_Allocation__c', { Project__c: await newProject(planner), Resource_Availability__c: availabilityId, Role__c: 'IT' }) };
    },
    call: (c, x) => c.sobject('PMT_Resource_Allocation__c').destroy(x.allocation),
    status: 204,
  }),
  securityRow({
    name: 'planner deletes their own project (PMT_Resource_Planner: no delete) -> INSUFFICIENT_ACCESS_OR_READONLY',
    persona: 'planner',
    arrange: async (as) => ({ project: await newProject(await as('planner')) }),
    call: (c, x) => c.sobject('PMT_Project__c').destroy(x.project),
    ...NO_ACCESS,
  }),
  securityRow({
    name: "PMO deletes the member's project (PMT_Global_Admin: delete, Modify All) -> deleted",
    persona: 'pmo',
    arrange: async (as) => ({ project: await newProject(await as('member')) }),
    call: (c, x) => c.sobject('PMT_Project__c').destroy(x.project),
    status: 204,
  }),
  // --- record sharing: projects are Private, programs Public Read Only; phases and tasks follow the project
  securityRow({
    name: "planner queries the member's project (Private, no View All) -> no row",
    persona: 'planner',
    arrange: async (as) => ({ project: await newProject(await as('member')) }),
    call: (c, x) => c.query(`SELECT Id FROM PMT_Project__c WHERE Id = '${x.project}'`),
    status: 200,
    check: (v) => expect(v).toMatchObject({ totalSize: 0, records: [] }),
  }),
  securityRow({
    name: "planner opens the member's project -> 404 NOT_FOUND",
    persona: 'planner',
    arrange: async (as) => ({ project: await newProject(await as('member')) }),
    call: (c, x) => c.sobject('PMT_Project__c').retrieve(x.project),
    status: 404,
    errorCode: 'NOT_FOUND',
    message: 'The requested resource does not exist',
  }),
  securityRow({
    name: "planner adds a phase to the member's project (controlled by parent) -> INSUFFICIENT_ACCESS_ON_CROSS_REFERENCE_ENTITY",
    persona: 'planner',
    arrange: async (as) => ({ project: await newProject(await as('member')) }),
    call: (c, x) => c.sobject('PMT_Phase__c').create({ Name: 'Sneaky phase', Project__c: x.project }),
    status: 400,
    errorCode: 'INSUFFICIENT_ACCESS_ON_CROSS_REFERENCE_ENTITY',
    message: /^insufficient access rights on cross-reference id: a\w+$/,
  }),
  securityRow({
    name: "PMO edits the member's project (PMT_Global_Admin: View All, Modify All) -> saved",
    persona: 'pmo',
    arrange: async (as) => ({ project: await newProject(await as('member')) }),
    call: (c, x) => c.sobject('PMT_Project__c').update({ Id: x.project, Project_Health__c: 'Completed' }),
    status: 204,
  }),
  securityRow({
    name: "member reads the PMO's program (sharing Public Read Only) -> the row",
    persona: 'member',
    arrange: async (as) => ({ program: await create(await as('pmo'), 'PMT_Program__c', { Name: 'Digital workplace', Program_Health__c: 'On Track' }) }),
    call: (c, x) => c.query(`SELECT Id, Name FROM PMT_Program__c WHERE Id = '${x.program}'`),
    status: 200,
    check: (v) => expect(v).toMatchObject({ totalSize: 1, records: [{ Name: 'Digital workplace' }] }),
  }),
  securityRow({
    name: "member edits the PMO's program (read-only sharing) -> INSUFFICIENT_ACCESS_OR_READONLY",
    persona: 'member',
    arrange: async (as) => ({ program: await create(await as('pmo'), 'PMT_Program__c', { Name: 'Data platform', Program_Health__c: 'On Track' }) }),
    call: (c, x) => c.sobject('PMT_Program__c').update({ Id: x.program, Program_Health__c: 'Late' }),
    ...NO_ACCESS,
  }),
  securityRow({
    name: "member files a project under the PMO's program (a lookup needs read access only) -> created",
    persona: 'member',
    arrange: async (as) => ({ program: await create(await as('pmo'), 'PMT_Program__c', { Name: 'Security uplift', Program_Health__c: 'On Track' }) }),
    call: (c, x) => c.sobject('PMT_Project__c').create({ Name: 'MFA rollout', Level_of_Effort__c: 'Small', Program__c: x.program }),
    status: 201,
  }),
  // --- a user without any PMT permission set
  securityRow({
    name: 'outsider creates a project (no permission set) -> 404 NOT_FOUND',
    persona: 'outsider',
    call: (c) => c.sobject('PMT_Project__c').create({ Name: 'Shadow IT', Level_of_Effort__c: 'Small' }),
    status: 404,
    errorCode: 'NOT_FOUND',
    message: 'The requested resource does not exist',
  }),
  securityRow({
    name: 'outsider queries PMT_Task__c -> INVALID_TYPE',
    persona: 'outsider',
    call: (c) => c.query('SELECT Id FROM PMT_Task__c'),
    status: 400,
    errorCode: 'INVALID_TYPE',
    message: /sObject type 'PMT_Task__c' is not supported/,
  }),
  securityRow({
    name: "outsider writes Case.PMT_Project__c (field granted by the PMT sets only) -> INVALID_FIELD",
    persona: 'outsider',
    call: (c) => c.sobject('Case').create({ Subject: 'Laptop', PMT_Project__c: null }),
    status: 400,
    errorCode: 'INVALID_FIELD',
    message: "No such column 'PMT_Project__c' on sobject of type Case",
  }),
  securityRow({
    name: "member's describe of Case shows PMT_Project__c updateable and the PMT formulas read-only",
    persona: 'member',
    call: (c) => c.sobject('Case').describe(),
    status: 200,
    check: (v) => expect((v as { fields: { name: string; updateable: boolean }[] }).fields.filter((f) => f.name.startsWith('PMT_')).map((f) => [f.name, f.updateable]))
      .toEqual([['PMT_Days_Open__c', false], ['PMT_Program__c', false], ['PMT_Project__c', true]]),
  }),
];

for (const r of securityRows) {
  test(`security: ${r.name}`, async ({ as, outcome }) => {
    const ctx = r.arrange ? await r.arrange(as) : undefined;
    const conn = await as(r.persona);
    const got = await outcome(() => r.call(conn, ctx));
    expect(got.status, JSON.stringify(got)).toBe(r.status);
    if (r.errorCode) {
      expect(got.errorCode).toBe(r.errorCode);
      if (typeof r.message === 'string') expect(got.message).toBe(r.message);
      else if (r.message) expect(got.message).toMatch(r.message);
    } else {
      expect(got.errorCode, got.message).toBeUndefined();
    }
    r.check?.(got.value);
  });
}

test("field-level security on User: the PMT User fields follow the PMT sets' grants; standard User fields stay visible to all", async ({ as, outcome }) => {
  // Custom fields on User have field-level security like any custom field; the PMT sets grant both.
  const pmtFields = ['Is_PMT_User_consider_for_Availability__c', 'PMT_Manager_Name__c'];
  const outsider = await as('outsider');
  const member = await as('member');
  const customOf = async (c: Connection): Promise<string[]> => (await c.sobject('User').describe()).fields.map((f) => f.name).filter((n) => n.endsWith('__c')).sort();
  expect(await customOf(outsider)).toEqual([]);
  expect(await customOf(member)).toEqual(pmtFields);
  const soql = `SELECT Department, PMT_Manager_Name__c FROM User WHERE Id = '${userId(member)}'`;
  expect(await outcome(() => outsider.query(soql))).toMatchObject({ status: 400, errorCode: 'INVALID_FIELD' });
  const row = (await member.query<Fields>(soql)).records[0];
  expect(row).toMatchObject({ Department: 'Finance' });
  expect(row).toHaveProperty('PMT_Manager_Name__c');
  // A standard User field needs no grant.
  expect((await outsider.query<Fields>(`SELECT Department FROM User WHERE Id = '${userId(member)}'`)).records[0]).toMatchObject({ Department: 'Finance' });
});

// ---------------------------------------------------------------------------------------------
// Formula fields, from both sides
// ---------------------------------------------------------------------------------------------

/** IMAGE's markup as a real org returns it through the API (emulator/formula/functions/html.ts, restforce#344). */
function statusLogo(file: string): string {
  return `<img src="/resource/PMT_Status_logos/${file}" alt="status icon" style="height:25px; width:25px;" border="0"/>`;
}

test('IMAGE: the project health icon follows Project_Health__c, as member (PMT_User)', async ({ as, outcome }) => {
  const c = await as('member');
  const projectId = await newProject(c, { Project_Health__c: 'Not Started' });
  const icon = async (): Promise<unknown> => (await fieldsOf(c, 'PMT_Project__c', projectId, ['Health_Icon__c'])).Health_Icon__c;
  expect(await icon()).toBe(statusLogo('Not_Started.png'));
  const rows: [Fields, string][] = [
    [{ Project_Health__c: 'On Track' }, 'On_Track.png'],
    // Late, At Risk and On Hold need a path to green (rule Path_to_Green_should_be_blank).
    [{ Project_Health__c: 'Late', Path_to_Green__c: 'Extra contractor from June' }, 'Late.png'],
    [{ Project_Health__c: 'On Hold' }, 'On_Hold.png'],
    [{ Project_Health__c: 'Completed', Path_to_Green__c: null }, 'Completed.png'],
    [{ Project_Health__c: 'Closed, not Completed' }, 'Closed_not_Completed.png'],
    // No health: CASE's else branch.
    [{ Project_Health__c: null }, 'On_Track.png'],
    // The formula's branch is "At risk" while the picklist value is "At Risk": text comparison in a formula
    // is case-sensitive, so an at-risk project shows the else branch's On Track icon, on a real org as here
    // ([UNVERIFIED] that CASE on a picklist compares case-sensitively; it does for text).
    [{ Project_Health__c: 'At Risk', Path_to_Green__c: 'Re-plan with the sponsor' }, 'On_Track.png'],
  ];
  for (const [change, file] of rows) {
    await test.step(`${JSON.stringify(change)} -> ${file}`, async () => {
      expectSaved(await outcome(() => c.sobject('PMT_Project__c').update({ Id: projectId, ...change })));
      expect(await icon()).toBe(statusLogo(file));
    });
  }
});

test('IMAGE: a task\'s status icon follows its status, lateness and sign-off, as member (PMT_User)', async ({ as, outcome }) => {
  const c = await as('member');
  const { phase } = await newPhase(c);
  const task = await create(c, 'PMT_Task__c', { Name: 'Pilot', Phase__c: phase, Due_Date__c: isoDate(30) });
  const image = (file: string, alt: string): string => `<img src="/resource/PMT_Status_Images/${file}" alt="${alt}" style="height:20px; width:20px;" border="0"/>`;
  const read = (): Promise<Fields> => fieldsOf(c, 'PMT_Task__c', task, ['Status_Icon__c', 'Alert__c', 'Status_Icon_Name__c', 'Task_Name_w_Alert__c']);
  const rows: [string, Fields, string, string, string][] = [
    ['Not Started', {}, 'PMT_routing_offline_60.png', 'Incomplete', 'utility:routing_offline'],
    ['In Progress', { Status__c: 'In Progress' }, 'PMT_Clock.png', 'In Progress', 'utility:clock'],
    ['On Hold', { Status__c: 'On Hold', On_Hold_Reason__c: 'Budget freeze' }, 'PMT_error_60.png', 'On Hold', 'utility:error'],
    // Overdue wins over the status, unless the task is On Hold (it stays On Hold above with a past due date).
    ['overdue, In Progress', { Status__c: 'In Progress', Due_Date__c: isoDate(-3) }, 'PMT_warning_60.png', 'Late', 'utility:warning'],
    // Completed tasks are never late (Days_Late__c is 0); an approved sign-off shows the approval icon.
    ['Completed and approved', { Status__c: 'Completed', Sign_off_status__c: 'Approved' }, 'PMT_approval.png', 'Approved', 'utility:approval'],
    ['Completed', { Sign_off_status__c: null }, 'PMT_success_60.png', 'Closed', 'utility:success'],
  ];
  for (const [name, change, file, alt, iconName] of rows) {
    await test.step(`${name} -> ${file}`, async () => {
      if (Object.keys(change).length > 0) expectSaved(await outcome(() => c.sobject('PMT_Task__c').update({ Id: task, ...change })));
      const markup = image(file, alt);
      expect(await read()).toEqual({ Status_Icon__c: markup, Alert__c: markup, Status_Icon_Name__c: iconName, Task_Name_w_Alert__c: `${markup} Pilot` });
    });
  }
});

test('CASESAFEID: a resource\'s User_Id__c is the 18-character id of its user; an availability without one reads DUM', async ({ as }) => {
  const planner = await as('planner');
  const named = await newAvailability(planner, userId(planner));
  const unassigned = await newAvailability(planner, null);
  expect(await fieldsOf(planner, 'PMT_Resource_Availability__c', named, ['User_Id__c', 'is_Dummy_Availability__c', 'Resource_Name_FY__c'])).toEqual({
    User_Id__c: userId(planner), is_Dummy_Availability__c: false, Resource_Name_FY__c: 'Omar Haddad - FY26',
  });
  expect(userId(planner)).toMatch(/^005\w{15}$/);
  expect(await fieldsOf(planner, 'PMT_Resource_Availability__c', unassigned, ['User_Id__c', 'is_Dummy_Availability__c', 'Resource_Name_FY__c'])).toEqual({
    User_Id__c: 'DUM', is_Dummy_Availability__c: true, Resource_Name_FY__c: 'Unallocated - FY26',
  });
});

test('CASESAFEID: a task\'s Project_Id__c is its project\'s 18-character id, through two master-detail hops', async ({ as }) => {
  const c = await as('member');
  const first = await newPhase(c, { Name: 'Payroll upgrade' });
  const second = await newPhase(c, { Name: 'Badge readers' });
  const onFirst = await create(c, 'PMT_Task__c', { Name: 'Test run', Phase__c: first.phase });
  const onSecond = await create(c, 'PMT_Task__c', { Name: 'Install', Phase__c: second.phase });
  expect(await fieldsOf(c, 'PMT_Task__c', onFirst, ['Project_Id__c', 'Phase_Name__c'])).toEqual({ Project_Id__c: first.project, Phase_Name__c: 'Build' });
  expect(await fieldsOf(c, 'PMT_Task__c', onSecond, ['Project_Id__c'])).toEqual({ Project_Id__c: second.project });
  expect(first.project).toHaveLength(18);
  // HYPERLINK on the same path: the project's name, linking to its record page. Without CASESAFEID the formula
  // reads the project's 15-character id (as a real org's formulas do); a record page opens from either form.
  expect(await fieldsOf(c, 'PMT_Task__c', onFirst, ['Project_Name__c'])).toEqual({
    Project_Name__c: `<a href="/lightning/r/PMT_Project__c/${first.project.slice(0, 15)}/view" target="_self">Payroll upgrade</a>`,
  });
});

test('an id in a text formula without CASESAFEID is the 15-character id, as formulas see ids', async ({ as }) => {
  // UserId__c is Resource_Availability__r.User__c and Allocated_Resource_Id__c ...User__r.Id: a real org gives
  // formulas the 15-character id (Salesforce Help, knowledge article 000386186), which is why the project wraps
  // User_Id__c in CASESAFEID.
  const planner = await as('planner');
  const pmo = await as('pmo');
  const projectId = await newProject(planner);
  const allocation = await create(planner, 'PMT_Resource_Allocation__c', {
    Project__c: projectId, Resource_Availability__c: await newAvailability(planner, userId(planner)), Role__c: 'PMO',
  });
  expect(await fieldsOf(planner, 'PMT_Resource_Allocation__c', allocation, ['UserId__c', 'Allocated_Resource_Id__c'])).toEqual({
    UserId__c: userId(planner).slice(0, 15), Allocated_Resource_Id__c: userId(planner).slice(0, 15),
  });
  // Another resource's allocation reads that resource's id, and CASESAFEID'd User_Id__c stays 18 characters.
  const pmoAvailability = await newAvailability(pmo, userId(pmo));
  const other = await create(pmo, 'PMT_Resource_Allocation__c', { Project__c: projectId, Resource_Availability__c: pmoAvailability, Role__c: 'SME' });
  expect(await fieldsOf(pmo, 'PMT_Resource_Allocation__c', other, ['UserId__c', 'Allocated_Resource_Id__c'])).toEqual({
    UserId__c: userId(pmo).slice(0, 15), Allocated_Resource_Id__c: userId(pmo).slice(0, 15),
  });
  expect(await fieldsOf(pmo, 'PMT_Resource_Availability__c', pmoAvailability, ['User_Id__c'])).toEqual({ User_Id__c: userId(pmo) });
});

test('Owner:User paths: each project and program shows its own owner\'s name and department, and follows a transfer', async ({ as }) => {
  const member = await as('member');
  const planner = await as('planner');
  const pmo = await as('pmo');
  const admin = await as('admin');
  const membersProject = await newProject(member, { Name: 'Expense app' });
  const plannersProject = await newProject(planner, { Name: 'Capacity model' });
  const owner = ['Project_Owner__c', 'Project_Lead__c', 'Owner_s_Department__c'];
  // The PMO sees every project (View All), so reads both sides.
  expect(await fieldsOf(pmo, 'PMT_Project__c', membersProject, owner)).toEqual({ Project_Owner__c: 'Yuki Nakamura', Project_Lead__c: 'Yuki Nakamura', Owner_s_Department__c: 'Finance' });
  expect(await fieldsOf(pmo, 'PMT_Project__c', plannersProject, owner)).toEqual({ Project_Owner__c: 'Omar Haddad', Project_Lead__c: 'Omar Haddad', Owner_s_Department__c: 'Operations' });

  // Project__r.Owner:User.* on allocations (made by the PMO, who may allocate on any project).
  const availabilityId = await newAvailability(planner, userId(planner));
  const onMembers = await create(pmo, 'PMT_Resource_Allocation__c', { Project__c: membersProject, Resource_Availability__c: availabilityId, Role__c: 'SME' });
  const onPlanners = await create(pmo, 'PMT_Resource_Allocation__c', { Project__c: plannersProject, Resource_Availability__c: availabilityId, Role__c: 'SME' });
  expect(await fieldsOf(pmo, 'PMT_Resource_Allocation__c', onMembers, ['Project_Owner__c', 'Project_Name__c'])).toEqual({ Project_Owner__c: 'Yuki Nakamura', Project_Name__c: 'Expense app' });
  expect(await fieldsOf(pmo, 'PMT_Resource_Allocation__c', onPlanners, ['Project_Owner__c', 'Project_Name__c'])).toEqual({ Project_Owner__c: 'Omar Haddad', Project_Name__c: 'Capacity model' });

  // Programs: Owner:User on a second object, two owners.
  const pmoProgram = await create(pmo, 'PMT_Program__c', { Name: 'Finance transformation', Program_Health__c: 'On Track' });
  const membersProgram = await create(member, 'PMT_Program__c', { Name: 'Team tools', Program_Health__c: 'On Track' });
  expect(await fieldsOf(member, 'PMT_Program__c', pmoProgram, ['Program_Owner__c'])).toEqual({ Program_Owner__c: 'Ingrid Lindqvist' });
  expect(await fieldsOf(member, 'PMT_Program__c', membersProgram, ['Program_Owner__c'])).toEqual({ Program_Owner__c: 'Yuki Nakamura' });

  await test.step('the admin hands the member\'s project to the planner: the owner formulas follow, on the project and its allocation', async () => {
    await admin.sobject('PMT_Project__c').update({ Id: membersProject, OwnerId: userId(planner) });
    expect(await fieldsOf(pmo, 'PMT_Project__c', membersProject, owner)).toEqual({ Project_Owner__c: 'Omar Haddad', Project_Lead__c: 'Omar Haddad', Owner_s_Department__c: 'Operations' });
    expect(await fieldsOf(pmo, 'PMT_Resource_Allocation__c', onMembers, ['Project_Owner__c'])).toEqual({ Project_Owner__c: 'Omar Haddad' });
  });
});

test('$User: "my task" and "allocated to me" are true for the user concerned only', async ({ as }) => {
  const member = await as('member');
  const planner = await as('planner');
  const pmo = await as('pmo');
  const { phase } = await newPhase(member);
  const task = await create(member, 'PMT_Task__c', { Name: 'Review budget', Phase__c: phase, Assigned_To1__c: userId(member) });
  expect(await fieldsOf(member, 'PMT_Task__c', task, ['My_Task__c', 'Assigned_To_Email__c'])).toEqual({ My_Task__c: 'me', Assigned_To_Email__c: 'member@pmt-contract.test' });
  // The empty text the formula returns for anyone else reads null through the API.
  expect(await fieldsOf(pmo, 'PMT_Task__c', task, ['My_Task__c'])).toEqual({ My_Task__c: null });

  const allocation = await create(planner, 'PMT_Resource_Allocation__c', {
    Project__c: await newProject(planner), Resource_Availability__c: await newAvailability(planner, userId(planner)), Role__c: 'Project Manager',
  });
  expect(await fieldsOf(planner, 'PMT_Resource_Allocation__c', allocation, ['Is_Allocated_to_Me__c', 'Resource_Name__c', 'User_Department__c'])).toEqual({
    Is_Allocated_to_Me__c: true, Resource_Name__c: 'Omar Haddad', User_Department__c: 'Operations',
  });
  expect(await fieldsOf(pmo, 'PMT_Resource_Allocation__c', allocation, ['Is_Allocated_to_Me__c'])).toEqual({ Is_Allocated_to_Me__c: false });
});

test('$CustomMetadata: fiscal years and quarters start in the month PMT_Setting.Default names (February)', async ({ as }) => {
  // The record's start month, as the project deploys it; every expectation below follows from it.
  expect(customMetadataValues(project(), 'PMT_Setting.Default').Start_Month_of_Fiscal_Year__c).toBe('2.0');
  const c = await as('member');
  const fiscal = ['Start_Fiscal_Year__c', 'End_Fiscal_Year__c', 'Fiscal_Year_Difference__c', 'Qtr_of_Completion__c'];
  const rows: [string, string, string, Fields][] = [
    // Kick-off in January is still the fiscal year named after this calendar year; February starts the next.
    ['2025-01-15', '2025-01-31', 'January to January', { Start_Fiscal_Year__c: 'FY25', End_Fiscal_Year__c: 'FY25', Fiscal_Year_Difference__c: 0, Qtr_of_Completion__c: 'FY25-Q4' }],
    ['2025-01-15', '2025-02-01', 'January to February', { Start_Fiscal_Year__c: 'FY25', End_Fiscal_Year__c: 'FY26', Fiscal_Year_Difference__c: 1, Qtr_of_Completion__c: 'FY26-Q1' }],
    ['2025-02-01', '2025-12-31', 'February to December', { Start_Fiscal_Year__c: 'FY26', End_Fiscal_Year__c: 'FY26', Fiscal_Year_Difference__c: 0, Qtr_of_Completion__c: 'FY26-Q4' }],
    ['2025-05-01', '2025-07-31', 'May to July', { Start_Fiscal_Year__c: 'FY26', End_Fiscal_Year__c: 'FY26', Fiscal_Year_Difference__c: 0, Qtr_of_Completion__c: 'FY26-Q2' }],
  ];
  for (const [start, end, name, expected] of rows) {
    await test.step(`${name} (${start} -> ${end})`, async () => {
      const projectId = await newProject(c, { Name: name, Initial_Start_Date__c: start, Initial_End_Date__c: end });
      expect(await fieldsOf(c, 'PMT_Project__c', projectId, fiscal)).toEqual(expected);
    });
  }
  await test.step('a resource availability for FY26 runs from 1 February 2025 to 31 January 2026', async () => {
    const planner = await as('planner');
    const availabilityId = await newAvailability(planner, userId(planner), { Fiscal_Year__c: 'FY26' });
    expect(await fieldsOf(planner, 'PMT_Resource_Availability__c', availabilityId, ['Start_Date__c', 'End_Date__c'])).toEqual({ Start_Date__c: '2025-02-01', End_Date__c: '2026-01-31' });
  });
});

test('User.PMT_Manager_Name__c reads the user\'s manager, and follows a change of manager', async ({ as }) => {
  const admin = await as('admin');
  const member = await as('member');
  const manager = async (): Promise<unknown> => (await fieldsOf(admin, 'User', userId(member), ['PMT_Manager_Name__c'])).PMT_Manager_Name__c;
  await admin.sobject('User').update({ Id: userId(member), ManagerId: userId(await as('planner')) });
  expect(await manager()).toBe('Omar Haddad');
  await admin.sobject('User').update({ Id: userId(member), ManagerId: userId(await as('pmo')) });
  expect(await manager()).toBe('Ingrid Lindqvist');
});

test('roll-ups of task fields: count, sum of completion, earliest start and latest due reach the phase and the project', async ({ as }) => {
  const c = await as('member');
  const { project: projectId, phase } = await newPhase(c);
  await create(c, 'PMT_Task__c', { Name: 'Design', Phase__c: phase, Start_Date__c: '2025-03-03', Due_Date__c: '2025-03-12', Percentage_Completion__c: 50 });
  await create(c, 'PMT_Task__c', { Name: 'Build', Phase__c: phase, Start_Date__c: '2025-03-10', Due_Date__c: '2025-03-28', Percentage_Completion__c: 10 });
  expect(await fieldsOf(c, 'PMT_Phase__c', phase, ['Task_Count__c', 'Sum_Of_Task_Completion__c', 'Start_Date_Rollup__c', 'End_Date_Rollup__c', 'Percentage_Completion_without_child__c'])).toEqual({
    Task_Count__c: 2, Sum_Of_Task_Completion__c: 60, Start_Date_Rollup__c: '2025-03-03', End_Date_Rollup__c: '2025-03-28', Percentage_Completion_without_child__c: 30,
  });
  // The project's dates come from its phases' roll-ups (roll-ups of roll-ups), and the fiscal formulas follow.
  expect(await fieldsOf(c, 'PMT_Project__c', projectId, ['Sum_of_tasks_count__c', 'Kickoff_formula__c', 'Deadline_formula__c', 'Duration__c', 'Start_Fiscal_Year__c'])).toEqual({
    Sum_of_tasks_count__c: 2, Kickoff_formula__c: '2025-03-03', Deadline_formula__c: '2025-03-28', Duration__c: 26, Start_Fiscal_Year__c: 'FY26',
  });
});

test('roll-ups of formula fields: task durations and weighted completion reach the phase and the project, and follow edits and deletes', async ({ as }) => {
  // SUM of PMT_Task__c.Duration__c (Due - Start + 1) and Weighted_percentage__c (Duration__c * Percentage_Completion__c):
  // formula fields on the task alone, which a real org lets a roll-up summarize.
  const c = await as('member');
  const { project: projectId, phase } = await newPhase(c);
  // 10 days at 50% (weighted 5) and 10 days at 10% (weighted 1): 6 / 20 -> 30%.
  const design = await create(c, 'PMT_Task__c', { Name: 'Design', Phase__c: phase, Start_Date__c: '2025-03-03', Due_Date__c: '2025-03-12', Percentage_Completion__c: 50 });
  const build = await create(c, 'PMT_Task__c', { Name: 'Build', Phase__c: phase, Start_Date__c: '2025-03-13', Due_Date__c: '2025-03-22', Percentage_Completion__c: 10 });
  expect(await fieldsOf(c, 'PMT_Phase__c', phase, ['Sum_Task_Duration__c', 'Sum_Weighted_perc__c', 'Phase_Completion__c'])).toEqual({
    Sum_Task_Duration__c: 20, Sum_Weighted_perc__c: 6, Phase_Completion__c: 30,
  });
  expect(await fieldsOf(c, 'PMT_Project__c', projectId, ['Sum_of_Task_Duration__c', 'Percentage_Completion__c'])).toEqual({ Sum_of_Task_Duration__c: 20, Percentage_Completion__c: 30 });

  // Editing a task changes its formula values, and the sums follow: Build done (weighted 10): 15 / 20 -> 75%.
  await c.sobject('PMT_Task__c').update({ Id: build, Percentage_Completion__c: 100 });
  expect(await fieldsOf(c, 'PMT_Phase__c', phase, ['Sum_Weighted_perc__c', 'Phase_Completion__c'])).toEqual({ Sum_Weighted_perc__c: 15, Phase_Completion__c: 75 });
  expect(await fieldsOf(c, 'PMT_Project__c', projectId, ['Percentage_Completion__c'])).toEqual({ Percentage_Completion__c: 75 });
  // A longer Design (20 days at 50%: weighted 10): 20 / 30 -> 66%.
  await c.sobject('PMT_Task__c').update({ Id: design, Due_Date__c: '2025-03-22' });
  expect(await fieldsOf(c, 'PMT_Phase__c', phase, ['Sum_Task_Duration__c', 'Sum_Weighted_perc__c', 'Phase_Completion__c'])).toEqual({
    Sum_Task_Duration__c: 30, Sum_Weighted_perc__c: 20, Phase_Completion__c: 66,
  });
  // Deleting a task takes its values out of the sums (PMT_User may not delete tasks; the PMO, with Modify All, may).
  await (await as('pmo')).sobject('PMT_Task__c').destroy(design);
  expect(await fieldsOf(c, 'PMT_Phase__c', phase, ['Sum_Task_Duration__c', 'Sum_Weighted_perc__c', 'Phase_Completion__c'])).toEqual({
    Sum_Task_Duration__c: 10, Sum_Weighted_perc__c: 10, Phase_Completion__c: 100,
  });
  expect(await fieldsOf(c, 'PMT_Project__c', projectId, ['Sum_of_Task_Duration__c', 'Percentage_Completion__c'])).toEqual({ Sum_of_Task_Duration__c: 10, Percentage_Completion__c: 100 });
});

// ---------------------------------------------------------------------------------------------
// PMT_Setting__mdt through SOQL and describe
// ---------------------------------------------------------------------------------------------

test('PMT_Setting__mdt is queryable: the Default record holds the values its customMetadata file deploys', async ({ as }) => {
  const member = await as('member');
  const file = customMetadataValues(project(), 'PMT_Setting.Default');
  const { records } = await member.query<Fields>(
    'SELECT DeveloperName, MasterLabel, QualifiedApiName, Allocation_Trigger_Status__c, Default_Availability_for_Scheduler__c, Holidays__c, '
    + "Resource_Planning_Years_in_Advance__c, Start_Month_of_Fiscal_Year__c FROM PMT_Setting__mdt WHERE DeveloperName = 'Default'",
  );
  expect(records).toHaveLength(1);
  const { attributes: _attributes, ...values } = records[0]!;
  expect(values).toEqual({
    DeveloperName: 'Default',
    MasterLabel: 'Default',
    QualifiedApiName: 'Default',
    Allocation_Trigger_Status__c: file.Allocation_Trigger_Status__c === 'true',
    Default_Availability_for_Scheduler__c: Number(file.Default_Availability_for_Scheduler__c),
    Holidays__c: file.Holidays__c,
    Resource_Planning_Years_in_Advance__c: Number(file.Resource_Planning_Years_in_Advance__c),
    Start_Month_of_Fiscal_Year__c: Number(file.Start_Month_of_Fiscal_Year__c),
  });
  // A filter that matches nothing returns nothing (the record is not just echoed back).
  expect((await member.query("SELECT Id FROM PMT_Setting__mdt WHERE DeveloperName = 'Other'")).totalSize).toBe(0);
  const described = await member.sobject('PMT_Setting__mdt').describe();
  expect({ queryable: described.queryable, createable: described.createable, updateable: described.updateable, deletable: described.deletable })
    .toEqual({ queryable: true, createable: false, updateable: false, deletable: false });
});

test('PMT_Setting__mdt is refused to a user whom no permission set grants it, and read by the PMT personas', async ({ as, outcome }) => {
  // Since Spring '20 a real org restricts API read access to custom metadata types to users with Customize
  // Application or a customMetadataTypeAccesses grant (as PMT's permission sets give).
  // The PMT sets grant it: this is the grant the outsider lacks.
  expect(permissionSetGrants(project(), 'PMT_User').customMetadataTypes).toEqual(['PMT_Setting__mdt']);
  const outsider = await as('outsider');
  const { sobjects } = await outsider.describeGlobal();
  expect(sobjects.map((o) => o.name)).not.toContain('PMT_Setting__mdt');
  // [UNVERIFIED] the error code: an object the user cannot access answers as an unknown one (INVALID_TYPE).
  expect(await outcome(() => outsider.query('SELECT DeveloperName FROM PMT_Setting__mdt'))).toMatchObject({ status: 400, errorCode: 'INVALID_TYPE' });
  expect(await outcome(() => outsider.sobject('PMT_Setting__mdt').describe())).toMatchObject({ status: 404, errorCode: 'NOT_FOUND' });
  // Each PMT persona (through its set) and the admin (Customize Application) reads it.
  for (const persona of ['member', 'planner', 'pmo', 'admin'] as const) {
    const { records } = await (await as(persona)).query<Fields>("SELECT DeveloperName FROM PMT_Setting__mdt WHERE DeveloperName = 'Default'");
    expect(records.map((r) => r.DeveloperName), persona).toEqual(['Default']);
  }
});
