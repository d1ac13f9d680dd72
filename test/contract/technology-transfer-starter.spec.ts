/**
 * The org emulator runs a project nobody here wrote: the public Technology Transfer Starter
 * (issue 4, "Org emulator II"). The project loads with no error; its validation rules and its active
 * record-triggered flows run, driven only through jsforce as users who hold its permission sets on the
 * Standard User profile (users in ./technology-transfer-starter/users); its permission sets decide what
 * each of them can see.
 *
 * What the project declares is read from its own XML (./technology-transfer-starter/project-metadata.ts):
 * the rule messages asserted are the project's exact `errorMessage`s, and a test fails if the project
 * gains an active rule or record-triggered flow that no row here exercises.
 *
 * Where a real org's behaviour is not documented, the row says which behaviour it assumes and why.
 */
import type { Connection } from '@jsforce/jsforce-node';
import {
  activeRecordTriggeredFlows,
  activeValidationRules,
  flowLabel,
  ruleMessage,
  TTS_PROJECT,
  validationRules,
} from './technology-transfer-starter/project-metadata.js';
import { expect, isoDate, test, type Outcome, type PersonaName } from './technology-transfer-starter/tts-org.fixture.js';

type Fields = Record<string, unknown>;

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

/** A refusal by a custom validation rule, as REST answers it (reference §8): 400, the rule's own message. */
function expectRuleRefusal(outcome: Outcome<unknown>, message: string): void {
  expect(outcome).toMatchObject({ status: 400, errorCode: 'FIELD_CUSTOM_VALIDATION_EXCEPTION', message });
  // None of the project's rules sets an errorDisplayField: the error sits at the top of the page, `fields: []`.
  expect(outcome.fields).toEqual([]);
}

function expectSaved(outcome: Outcome<unknown>): void {
  expect(outcome.errorCode, outcome.message).toBeUndefined();
  expect(outcome.value).toMatchObject({ success: true });
}

// ---------------------------------------------------------------------------------------------
// Loading
// ---------------------------------------------------------------------------------------------

test('the project loads with no error and the load summary names the metadata types not run', async ({ tts }) => {
  const [loaded = '', formulas = '', functions = '', seeded = ''] = tts.org.summary.split('\n');
  // The counts are the project's: 6 rules (5 active), 11 flows of which 9 Active, its 4 permission sets.
  expect(loaded).toMatch(/^Loaded \d+ objects \(24 custom\), /);
  expect(loaded).toContain('6 validation rules');
  expect(loaded).toContain('11 flows (9 active)');
  expect(loaded).toContain('4 permission sets');
  // Screens and the Apex action of the screen flows cannot run headless; they are counted, not dropped…
  expect(loaded).toMatch(/\d+ flow elements not run \(in 5 flows\)/);
  // …and named in the degraded list, one line per flow, so the Apex action the subflow calls is visible at load.
  const degraded = tts.org.summary.split('\n').filter((l) => l.startsWith('  '));
  expect(degraded).toContain('  force-app/main/default/flows/TTS_Subflow_for_generating_recurring_transactions.flow-meta.xml: Flow TTS_Subflow_for_generating_recurring_transactions: '
    + 'element actionCalls:apex Check_and_Update_Recurring_Transactions -> the flow runs and faults (UNSUPPORTED_FLOW_ELEMENT) if it reaches one of them');
  expect(degraded).toContainEqual(expect.stringMatching(/^ {2}force-app\/main\/default\/flows\/TTS_Disclosure_Submission\.flow-meta\.xml: Flow TTS_Disclosure_Submission: elements screens:Confirmation_Screen, .* -> screen flow: not run$/));
  // Nothing else of the project is degraded: its formulas all compile.
  expect(tts.org.summary).toContain('\ndegraded: 5 components the emulator does not run as written (a strict load refuses them)\n');
  expect(degraded).toHaveLength(5);
  // The project's Lightning pages, quick actions, reports, dashboards and tabs, with their file counts.
  const notRun = /; not run: (.*)$/.exec(loaded)?.[1] ?? '';
  for (const type of ['flexipage (15)', 'quickAction (9)', 'report (5)', 'dashboard (1)', 'tab (23)']) {
    expect(notRun, `summary line: ${loaded}`).toContain(type);
  }
  expect(formulas).toBe('formulas compiled: 6 validation rule(s), 6 formula field(s), 10 default value(s)');
  // Which of Salesforce's formula functions the emulator runs, so none of the project's is a surprise.
  expect(functions).toMatch(/^formula functions: \d+ of \d+ implemented; not implemented \(page, report, button or model only\): /);
  // Its 5 user definition files, plus the Automated Process user every org has.
  expect(seeded).toContain('6 User');
});

test('every persona signs in with the profile and permission set its definition file gives it', async ({ as }) => {
  const admin = await as('admin');
  const users = await admin.query<{ Username: string; Profile: { Name: string } }>(
    "SELECT Username, Profile.Name FROM User WHERE Username LIKE '%@tts-contract.test' ORDER BY Username",
  );
  expect(users.records.map((u) => [u.Username, u.Profile.Name])).toEqual([
    ['admin@tts-contract.test', 'System Administrator'],
    ['licensing@tts-contract.test', 'Standard User'],
    ['mentoring@tts-contract.test', 'Standard User'],
    ['space@tts-contract.test', 'Standard User'],
    ['visa@tts-contract.test', 'Standard User'],
  ]);
  const assignments = await admin.query<{ Assignee: { Username: string }; PermissionSet: { Name: string } }>(
    "SELECT Assignee.Username, PermissionSet.Name FROM PermissionSetAssignment WHERE PermissionSet.IsOwnedByProfile = false AND Assignee.Username LIKE '%@tts-contract.test' ORDER BY Assignee.Username",
  );
  expect(assignments.records.map((a) => [a.Assignee.Username, a.PermissionSet.Name])).toEqual([
    ['licensing@tts-contract.test', 'Technology_Transfer_Starter_Permission'],
    ['mentoring@tts-contract.test', 'Technology_Transfer_Starter_Mentoring_Manager'],
    ['space@tts-contract.test', 'Technology_Transfer_Starter_Space_Manager'],
    ['visa@tts-contract.test', 'Technology_Transfer_Starter_Visa_Management'],
  ]);
});

// ---------------------------------------------------------------------------------------------
// Validation rules: for each active rule, a save that passes and a save that trips it, as the persona
// whose permission set grants the object.
// ---------------------------------------------------------------------------------------------

interface RuleRow<C> {
  object: string;
  rule: string;
  persona: PersonaName;
  /** Why this persona: the permission set that grants the object. */
  grantedBy: string;
  arrange: (conn: Connection) => Promise<C>;
  passes: (conn: Connection, ctx: C) => PromiseLike<unknown>;
  trips: (conn: Connection, ctx: C) => PromiseLike<unknown>;
  /** After the refusal: what proves the whole save was rolled back (and the roll-ups recomputed). */
  afterTrip?: (conn: Connection, ctx: C) => Promise<void>;
}

/** Keeps each row's context type while the table holds rows of different contexts. */
function row<C>(r: RuleRow<C>): RuleRow<unknown> {
  return r as RuleRow<unknown>;
}

const ruleRows: RuleRow<unknown>[] = [
  row({
    object: 'TTS_Mentoring_Opportunity__c',
    rule: 'Dates_Check',
    persona: 'mentoring',
    grantedBy: 'Technology_Transfer_Starter_Mentoring_Manager',
    arrange: async () => undefined,
    // AND(NOT(ISBLANK(End)), End <= Start): an end after the start passes...
    passes: (c) => c.sobject('TTS_Mentoring_Opportunity__c').create({ Stage__c: 'Open', Mentoring_Start_Date__c: isoDate(7), Mentoring_End_Date__c: isoDate(37) }),
    // ...an end on the start date is already refused (<=).
    trips: (c) => c.sobject('TTS_Mentoring_Opportunity__c').create({ Stage__c: 'Open', Mentoring_Start_Date__c: isoDate(7), Mentoring_End_Date__c: isoDate(7) }),
  }),
  row({
    object: 'TTS_Mentoring_Opportunity__c',
    rule: 'Ensure_Only_One_Selected_Mentor',
    persona: 'mentoring',
    grantedBy: 'Technology_Transfer_Starter_Mentoring_Manager',
    // Total_Selected_Interests__c counts the opportunity's interests with Selected_Mentor__c = true.
    arrange: async (c) => {
      const first = await create(c, 'TTS_Mentoring_Opportunity__c', { Stage__c: 'Open', Mentoring_Start_Date__c: isoDate(7) });
      const second = await create(c, 'TTS_Mentoring_Opportunity__c', { Stage__c: 'Open', Mentoring_Start_Date__c: isoDate(7) });
      const ada = await create(c, 'Contact', { FirstName: 'Ada', LastName: 'Mentor' });
      const grace = await create(c, 'Contact', { FirstName: 'Grace', LastName: 'Mentor' });
      const adaInterest = await create(c, 'TTS_Mentoring_Interest__c', { Mentoring_Opportunity__c: first, Contact__c: ada, Status__c: 'Interested' });
      await c.sobject('TTS_Mentoring_Interest__c').update({ Id: adaInterest, Status__c: 'Selected' });
      const graceInterest = await create(c, 'TTS_Mentoring_Interest__c', { Mentoring_Opportunity__c: second, Contact__c: grace, Status__c: 'Interested' });
      return { first, second, graceInterest };
    },
    // One selected mentor per opportunity passes (the count on `second` goes 0 -> 1)...
    passes: (c, x) => c.sobject('TTS_Mentoring_Interest__c').update({ Id: x.graceInterest, Status__c: 'Selected' }),
    // ...moving that selected interest to `first`, which already has its mentor, makes the count 2. The
    // master-detail is reparentable, and changing only the parent does not meet the mentor flow's entry
    // conditions (Status / Selected changed), so the rule itself answers, not the flow.
    trips: (c, x) => c.sobject('TTS_Mentoring_Interest__c').update({ Id: x.graceInterest, Mentoring_Opportunity__c: x.first }),
    afterTrip: async (c, x) => {
      expect(await fieldsOf(c, 'TTS_Mentoring_Interest__c', x.graceInterest, ['Mentoring_Opportunity__c'])).toEqual({ Mentoring_Opportunity__c: x.second });
      expect(await fieldsOf(c, 'TTS_Mentoring_Opportunity__c', x.first, ['Total_Selected_Interests__c'])).toEqual({ Total_Selected_Interests__c: 1 });
      expect(await fieldsOf(c, 'TTS_Mentoring_Opportunity__c', x.second, ['Total_Selected_Interests__c'])).toEqual({ Total_Selected_Interests__c: 1 });
    },
  }),
  row({
    object: 'TTS_Space_Tenant__c',
    rule: 'Ensure_a_tenant_is_provided',
    persona: 'space',
    grantedBy: 'Technology_Transfer_Starter_Space_Manager',
    arrange: async (c) => ({
      space: await create(c, 'TTS_Space__c', { Type__c: 'Office', Space_Reference__c: 'Hub 1.04' }),
      company: await create(c, 'Account', { Name: 'Quantum Widgets Ltd' }),
    }),
    // AND(ISBLANK(Account__c), ISBLANK(Contact__c)): a company tenant passes...
    passes: (c, x) => c.sobject('TTS_Space_Tenant__c').create({ Space__c: x.space, Account__c: x.company, Type__c: 'Company' }),
    // ...a tenant with neither an account nor a contact is refused.
    trips: (c, x) => c.sobject('TTS_Space_Tenant__c').create({ Space__c: x.space, Type__c: 'Company' }),
    afterTrip: async (c, x) => {
      expect(await fieldsOf(c, 'TTS_Space__c', x.space, ['Total_Occupants__c'])).toEqual({ Total_Occupants__c: 1 });
    },
  }),
  row({
    object: 'TTS_Technology__c',
    rule: 'TTS_TotalContributionShareChecker',
    persona: 'licensing',
    grantedBy: 'Technology_Transfer_Starter_Permission',
    // IP_Total_Percentage_Share__c sums the inventors' Percentage_Share__c (those > 0). Inventors here are
    // not primary, so the PI flow takes its default outcome and only the roll-up touches the technology.
    arrange: async (c) => {
      const technology = await create(c, 'TTS_Technology__c', { IP_Title__c: 'Self-healing polymer' });
      const inventor = await create(c, 'Contact', { FirstName: 'Rosalind', LastName: 'Inventor' });
      await create(c, 'TTS_Inventor__c', { IP_Contribution__c: technology, IP_Original_Inventor_Name__c: inventor, Percentage_Share__c: 60 });
      return { technology, inventor };
    },
    // 60 + 40 = 100: the top of the allowed range passes...
    passes: (c, x) => c.sobject('TTS_Inventor__c').create({ IP_Contribution__c: x.technology, IP_Original_Inventor_Name__c: x.inventor, Percentage_Share__c: 40 }),
    // ...and another 0.5 (the field has one decimal) makes 100.5: the new inventor's save is refused by the
    // parent's rule when the roll-up recomputes (order of execution: the parent goes through its own save).
    trips: (c, x) => c.sobject('TTS_Inventor__c').create({ IP_Contribution__c: x.technology, IP_Original_Inventor_Name__c: x.inventor, Percentage_Share__c: 0.5 }),
    afterTrip: async (c, x) => {
      expect(await fieldsOf(c, 'TTS_Technology__c', x.technology, ['IP_Total_Percentage_Share__c'])).toEqual({ IP_Total_Percentage_Share__c: 100 });
      const inventors = await c.query(`SELECT Id FROM TTS_Inventor__c WHERE IP_Contribution__c = '${x.technology}'`);
      expect(inventors.totalSize).toBe(2);
    },
  }),
  row({
    object: 'TTS_Technology__c',
    rule: 'TTS_TotalPrimaryContributersCheck',
    persona: 'licensing',
    grantedBy: 'Technology_Transfer_Starter_Permission',
    // IP_Total_Primary_Contributions__c counts the inventors with IP_Is_Primary__c = true.
    arrange: async (c) => {
      const technology = await create(c, 'TTS_Technology__c', { IP_Title__c: 'Low-power radio mesh' });
      const lead = await create(c, 'Contact', { FirstName: 'Hedy', LastName: 'Lead' });
      const other = await create(c, 'Contact', { FirstName: 'George', LastName: 'Other' });
      await create(c, 'TTS_Inventor__c', { IP_Contribution__c: technology, IP_Original_Inventor_Name__c: lead, IP_Is_Primary__c: true });
      return { technology, lead, other };
    },
    // A second, non-primary inventor passes (the count stays 1)...
    passes: (c, x) => c.sobject('TTS_Inventor__c').create({ IP_Contribution__c: x.technology, IP_Original_Inventor_Name__c: x.other, IP_Is_Primary__c: false }),
    // ...a second primary one makes it 2. Every primary inventor also runs the PI flow, which updates the
    // technology before the roll-up step; roll-ups are recomputed after the after-save flows (documented
    // order of execution), so the flow's update still sees 1 and it is the roll-up's parent save that the
    // rule refuses (assumed: Salesforce does not document the roll-up value an after-save flow reads).
    trips: (c, x) => c.sobject('TTS_Inventor__c').create({ IP_Contribution__c: x.technology, IP_Original_Inventor_Name__c: x.other, IP_Is_Primary__c: true }),
    afterTrip: async (c, x) => {
      // The flow's PI update rolled back with the refused save: the PI is still the first primary inventor.
      expect(await fieldsOf(c, 'TTS_Technology__c', x.technology, ['IP_Total_Primary_Contributions__c', 'IP_Principal_Inventor_PI__c'])).toEqual({
        IP_Total_Primary_Contributions__c: 1,
        IP_Principal_Inventor_PI__c: x.lead,
      });
    },
  }),
];

test('the spec has a row for every active validation rule of the project', () => {
  const active = activeValidationRules(TTS_PROJECT).map((r) => `${r.object}.${r.name}`).sort();
  expect(ruleRows.map((r) => `${r.object}.${r.rule}`).sort()).toEqual(active);
  expect(active).toHaveLength(5);
});

for (const r of ruleRows) {
  test(`validation rule ${r.object}.${r.rule}: passes, then refused with its message, as ${r.persona} (${r.grantedBy})`, async ({ as, outcome }) => {
    const conn = await as(r.persona);
    const ctx = await r.arrange(conn);
    await test.step('a save the rule allows -> saved', async () => {
      expectSaved(await outcome(() => r.passes(conn, ctx)));
    });
    await test.step('a save that trips the rule -> 400 FIELD_CUSTOM_VALIDATION_EXCEPTION, the exact errorMessage', async () => {
      expectRuleRefusal(await outcome(() => r.trips(conn, ctx)), ruleMessage(TTS_PROJECT, r.object, r.rule));
    });
    if (r.afterTrip) await test.step('nothing of the refused save remains', () => r.afterTrip!(conn, ctx));
  });
}

test('the inactive rule TTS_Inventor__c.TTS_Alternative_Distribution_Check does not fire', async ({ as, outcome }) => {
  const inactive = validationRules(TTS_PROJECT).filter((r) => !r.active).map((r) => `${r.object}.${r.name}`);
  expect(inactive).toEqual(['TTS_Inventor__c.TTS_Alternative_Distribution_Check']);
  const conn = await as('licensing');
  const technology = await create(conn, 'TTS_Technology__c', { IP_Title__c: 'Inactive rule probe' });
  const inventor = await create(conn, 'Contact', { FirstName: 'Same', LastName: 'Person' });
  // Its condition, IP_AlternativeContact__c = IP_Original_Inventor_Name__c, holds; an active rule would refuse.
  const saved = await outcome(() =>
    conn.sobject('TTS_Inventor__c').create({ IP_Contribution__c: technology, IP_Original_Inventor_Name__c: inventor, IP_AlternativeContact__c: inventor }),
  );
  expect(saved).toMatchObject({ status: 201, value: { success: true } });
});

test('a technology with no inventors yet reads its COUNT and SUM roll-ups as 0', async ({ as }) => {
  // A real org answers 0 for COUNT and SUM roll-ups of a parent that never had a child (only MIN/MAX of no
  // rows are blank); the emulator once answered null.
  const c = await as('licensing');
  const technology = await create(c, 'TTS_Technology__c', { IP_Title__c: 'No inventors yet' });
  expect(await fieldsOf(c, 'TTS_Technology__c', technology, ['IP_Total_Percentage_Share__c', 'IP_Total_Primary_Contributions__c'])).toEqual({
    IP_Total_Percentage_Share__c: 0,
    IP_Total_Primary_Contributions__c: 0,
  });
});

// ---------------------------------------------------------------------------------------------
// Record-triggered flows: each one triggered through the API as the persona, its effects asserted.
// ---------------------------------------------------------------------------------------------

const FLOW_PI = 'TTS_Auto_Update_PI_on_Technology';
const FLOW_MENTOR = 'TTS_Mentoring_Set_Chosen_Mentor_on_Opportunity';
const FLOW_TENANT_CONTACT = 'TTS_Update_Tenant_Contact_on_Change';

test('the spec exercises every active record-triggered flow of the project', () => {
  const flows = activeRecordTriggeredFlows(TTS_PROJECT);
  expect(flows.map((f) => `${f.name} (${f.object} ${f.triggerType} ${f.recordTriggerType})`)).toEqual([
    `${FLOW_PI} (TTS_Inventor__c RecordAfterSave CreateAndUpdate)`,
    `${FLOW_MENTOR} (TTS_Mentoring_Interest__c RecordAfterSave CreateAndUpdate)`,
    `${FLOW_TENANT_CONTACT} (TTS_Space_Tenant_Contact__c RecordAfterSave CreateAndUpdate)`,
  ]);
  // None of them reaches an Apex action (the project's only one, Check_and_Update_Recurring_Transactions,
  // sits in a subflow of a screen flow), so no row here expects the emulator's "cannot run" flow fault; the
  // flow fault they can reach is a failed DML element (see the mentor flow's second selection).
  expect(flows.flatMap((f) => f.actionCalls)).toEqual([]);
});

interface FlowStep {
  /** The call, as the persona. */
  name: string;
  call: () => PromiseLike<unknown>;
  /** The records the flow changed, as read back afterwards. */
  expected: () => Promise<void>;
}

async function runSteps(steps: FlowStep[], outcome: <T>(call: () => PromiseLike<T>) => Promise<Outcome<T>>): Promise<void> {
  for (const step of steps) {
    await test.step(step.name, async () => {
      expectSaved(await outcome(step.call));
      await step.expected();
    });
  }
}

test(`flow ${FLOW_PI}: a primary inventor becomes the technology's PI, as licensing (Technology_Transfer_Starter_Permission)`, async ({ as, outcome }) => {
  const c = await as('licensing');
  const technology = await create(c, 'TTS_Technology__c', { IP_Title__c: 'Graphene membrane' });
  const [marie, pierre, irene] = await Promise.all(
    ['Marie', 'Pierre', 'Irene'].map((first) => create(c, 'Contact', { FirstName: first, LastName: 'Curie' })),
  );
  const pi = async (): Promise<unknown> => (await fieldsOf(c, 'TTS_Technology__c', technology, ['IP_Principal_Inventor_PI__c'])).IP_Principal_Inventor_PI__c;
  let primaryInventor = '';
  await runSteps([
    {
      name: 'create a primary inventor (no alternative contact) -> "Original Inventor Mode": PI = the original inventor',
      call: async () => {
        const saved = await c.sobject('TTS_Inventor__c').create({ IP_Contribution__c: technology, IP_Original_Inventor_Name__c: marie, IP_Is_Primary__c: true });
        primaryInventor = saved.id ?? '';
        return saved;
      },
      expected: async () => expect(await pi()).toBe(marie),
    },
    {
      name: 'set an alternative contact on it -> "Alternative Inventor Mode": PI = the alternative contact',
      call: () => c.sobject('TTS_Inventor__c').update({ Id: primaryInventor, IP_AlternativeContact__c: pierre }),
      expected: async () => expect(await pi()).toBe(pierre),
    },
    {
      name: 'create a non-primary inventor -> default outcome: PI unchanged',
      call: () => c.sobject('TTS_Inventor__c').create({ IP_Contribution__c: technology, IP_Original_Inventor_Name__c: irene, IP_Is_Primary__c: false }),
      expected: async () => expect(await pi()).toBe(pierre),
    },
  ], outcome);
});

test(`flow ${FLOW_MENTOR}: selecting a mentor assigns them to the opportunity, as mentoring (Technology_Transfer_Starter_Mentoring_Manager)`, async ({ as, outcome }) => {
  const c = await as('mentoring');
  const opportunity = await create(c, 'TTS_Mentoring_Opportunity__c', { Stage__c: 'Open', Mentoring_Start_Date__c: isoDate(7) });
  const ada = await create(c, 'Contact', { FirstName: 'Ada', LastName: 'Lovelace' });
  const grace = await create(c, 'Contact', { FirstName: 'Grace', LastName: 'Hopper' });
  const opp = (): Promise<Fields> => fieldsOf(c, 'TTS_Mentoring_Opportunity__c', opportunity, ['Mentor__c', 'Stage__c', 'Total_Selected_Interests__c']);
  const interest = (id: string): Promise<Fields> => fieldsOf(c, 'TTS_Mentoring_Interest__c', id, ['Status__c', 'Selected_Mentor__c']);
  let adaInterest = '';
  await runSteps([
    {
      // Whether "Is Changed" holds on create is not documented; with Status Interested both answers lead
      // to the same records (the "No" path only clears Selected_Mentor__c and has no prior to compare).
      name: 'register an interest (Interested) -> nothing selected, the opportunity still Open',
      call: async () => {
        const saved = await c.sobject('TTS_Mentoring_Interest__c').create({ Mentoring_Opportunity__c: opportunity, Contact__c: ada, Status__c: 'Interested' });
        adaInterest = saved.id ?? '';
        return saved;
      },
      expected: async () => {
        expect(await interest(adaInterest)).toEqual({ Status__c: 'Interested', Selected_Mentor__c: false });
        expect(await opp()).toEqual({ Mentor__c: null, Stage__c: 'Open', Total_Selected_Interests__c: 0 });
      },
    },
    {
      name: 'Status -> Selected: the flow ticks Selected_Mentor__c and puts the mentor on the opportunity (Mentor Assigned)',
      call: () => c.sobject('TTS_Mentoring_Interest__c').update({ Id: adaInterest, Status__c: 'Selected' }),
      expected: async () => {
        expect(await interest(adaInterest)).toEqual({ Status__c: 'Selected', Selected_Mentor__c: true });
        expect(await opp()).toEqual({ Mentor__c: ada, Stage__c: 'Mentor Assigned', Total_Selected_Interests__c: 1 });
      },
    },
    {
      // The flow's "Is Selected Mentor" decision is Selected_Mentor__c = true OR Status = Selected: with the
      // box still ticked, withdrawing by Status alone takes the "Yes" path, which sets Status back to Selected.
      name: 'Status -> Withdrawn Interest alone: the box is still ticked, so the flow puts Status back to Selected',
      call: () => c.sobject('TTS_Mentoring_Interest__c').update({ Id: adaInterest, Status__c: 'Withdrawn Interest' }),
      expected: async () => {
        expect(await interest(adaInterest)).toEqual({ Status__c: 'Selected', Selected_Mentor__c: true });
        expect(await opp()).toEqual({ Mentor__c: ada, Stage__c: 'Mentor Assigned', Total_Selected_Interests__c: 1 });
      },
    },
    {
      name: 'Status -> Not Selected and the box unticked: "No" path; the prior status being Selected, the opportunity reopens without a mentor',
      call: () => c.sobject('TTS_Mentoring_Interest__c').update({ Id: adaInterest, Status__c: 'Not Selected', Selected_Mentor__c: false }),
      expected: async () => {
        expect(await interest(adaInterest)).toEqual({ Status__c: 'Not Selected', Selected_Mentor__c: false });
        expect(await opp()).toEqual({ Mentor__c: null, Stage__c: 'Open', Total_Selected_Interests__c: 0 });
      },
    },
    {
      name: 'Selected_Mentor__c -> true: the flow sets Status Selected as well, and assigns the mentor again',
      call: () => c.sobject('TTS_Mentoring_Interest__c').update({ Id: adaInterest, Selected_Mentor__c: true }),
      expected: async () => {
        expect(await interest(adaInterest)).toEqual({ Status__c: 'Selected', Selected_Mentor__c: true });
        expect(await opp()).toEqual({ Mentor__c: ada, Stage__c: 'Mentor Assigned', Total_Selected_Interests__c: 1 });
      },
    },
  ], outcome);

  await test.step('selecting a second mentor -> the flow faults on the one-mentor rule: CANNOT_EXECUTE_FLOW_TRIGGER naming the flow, all rolled back', async () => {
    const graceInterest = await create(c, 'TTS_Mentoring_Interest__c', { Mentoring_Opportunity__c: opportunity, Contact__c: grace, Status__c: 'Interested' });
    const refused = await outcome(() => c.sobject('TTS_Mentoring_Interest__c').update({ Id: graceInterest, Status__c: 'Selected' }));
    // The flow's "Ensure All Selected Fields are Set" updates the interest; that update recomputes the
    // roll-up (2 selected) and the opportunity's Ensure_Only_One_Selected_Mentor refuses it. An after-save
    // flow's failed element surfaces as CANNOT_EXECUTE_FLOW_TRIGGER with the flow's label and the inner
    // error (issue 4; Salesforce's "We can't save this record because the “…” process failed").
    expect(refused).toMatchObject({ status: 400, errorCode: 'CANNOT_EXECUTE_FLOW_TRIGGER' });
    expect(refused.message).toContain(`“${flowLabel(TTS_PROJECT, FLOW_MENTOR)}”`);
    expect(refused.message).toContain(`FIELD_CUSTOM_VALIDATION_EXCEPTION: ${ruleMessage(TTS_PROJECT, 'TTS_Mentoring_Opportunity__c', 'Ensure_Only_One_Selected_Mentor')}`);
    expect(await interest(graceInterest)).toEqual({ Status__c: 'Interested', Selected_Mentor__c: false });
    expect(await opp()).toEqual({ Mentor__c: ada, Stage__c: 'Mentor Assigned', Total_Selected_Interests__c: 1 });
  });
});

test(`flow ${FLOW_TENANT_CONTACT}: date changes set Is Current through its subflow, as admin (no permission set grants the object)`, async ({ as, outcome }) => {
  // TTS_Space_Tenant_Contact__c is granted by none of the project's permission sets (the space manager is
  // refused it, see the security table), so the System Administrator is the persona who can trigger this flow.
  const c = await as('admin');
  const space = await create(c, 'TTS_Space__c', { Type__c: 'Incubator', Space_Reference__c: 'Lab 2' });
  const company = await create(c, 'Account', { Name: 'Helix Bio Ltd' });
  const tenant = await create(c, 'TTS_Space_Tenant__c', { Space__c: space, Account__c: company, Type__c: 'Company', Start_Date__c: isoDate(-30) });
  const founder = await create(c, 'Contact', { FirstName: 'Lise', LastName: 'Founder', AccountId: company });
  const tenantContact = await create(c, 'TTS_Space_Tenant_Contact__c', { Space_Tenant__c: tenant, Contact__c: founder, Start_Date__c: isoDate(-10) });
  const state = async (): Promise<Fields> => ({
    ...(await fieldsOf(c, 'TTS_Space_Tenant_Contact__c', tenantContact, ['Is_Current_Contact__c'])),
    // Roll-ups of the flow's change: tenant counts current contacts, the space sums its tenants' counts.
    ...(await fieldsOf(c, 'TTS_Space_Tenant__c', tenant, ['Total_Active_Contacts__c', 'Total_Contacts__c'])),
    ...(await fieldsOf(c, 'TTS_Space__c', space, ['Total_Tenants__c'])),
  });
  // Dates keep a margin of days from today so that the flow's $Flow.CurrentDate (user time zone) and the
  // test's UTC date cannot disagree about the outcome.
  await runSteps([
    {
      name: 'End Date set in the future (started 10 days ago) -> Is Current ticked; tenant and space count 1 active contact',
      call: () => c.sobject('TTS_Space_Tenant_Contact__c').update({ Id: tenantContact, End_Date__c: isoDate(30) }),
      expected: async () => expect(await state()).toEqual({ Is_Current_Contact__c: true, Total_Active_Contacts__c: 1, Total_Contacts__c: 1, Total_Tenants__c: 1 }),
    },
    {
      name: 'End Date moved into the past -> Is Current cleared; active counts back to 0',
      call: () => c.sobject('TTS_Space_Tenant_Contact__c').update({ Id: tenantContact, End_Date__c: isoDate(-2) }),
      expected: async () => expect(await state()).toEqual({ Is_Current_Contact__c: false, Total_Active_Contacts__c: 0, Total_Contacts__c: 1, Total_Tenants__c: 0 }),
    },
    {
      name: 'End Date cleared -> Is Current ticked again (open-ended)',
      call: () => c.sobject('TTS_Space_Tenant_Contact__c').update({ Id: tenantContact, End_Date__c: null }),
      expected: async () => expect(await state()).toEqual({ Is_Current_Contact__c: true, Total_Active_Contacts__c: 1, Total_Contacts__c: 1, Total_Tenants__c: 1 }),
    },
    {
      // Entry logic "(1 OR 2) AND 3": Start Date changed, but condition 3 (Start Date not null) fails, so the
      // flow does not run. Had it run, the subflow would clear Is Current (no start date is not <= today).
      name: 'Start Date cleared -> entry conditions not met: Is Current left as it was',
      call: () => c.sobject('TTS_Space_Tenant_Contact__c').update({ Id: tenantContact, Start_Date__c: null }),
      expected: async () => expect(await state()).toEqual({ Is_Current_Contact__c: true, Total_Active_Contacts__c: 1, Total_Contacts__c: 1, Total_Tenants__c: 1 }),
    },
    {
      name: 'Start Date set in the future -> the flow runs: not started yet, Is Current cleared',
      call: () => c.sobject('TTS_Space_Tenant_Contact__c').update({ Id: tenantContact, Start_Date__c: isoDate(5) }),
      expected: async () => expect(await state()).toEqual({ Is_Current_Contact__c: false, Total_Active_Contacts__c: 0, Total_Contacts__c: 1, Total_Tenants__c: 0 }),
    },
  ], outcome);
});

// ---------------------------------------------------------------------------------------------
// Security from the permission sets: what a set does not grant is absent or refused, what it grants works.
// ---------------------------------------------------------------------------------------------

interface SecurityRow {
  name: string;
  persona: PersonaName;
  call: (conn: Connection, ctx: { contactId: string }) => PromiseLike<unknown>;
  status: number;
  errorCode?: string;
  message?: string | RegExp;
  check?: (value: unknown) => void;
}

const securityRows: SecurityRow[] = [
  // Object: TTS_Space_Tenant_Contact__c is in none of the permission sets (Space_Manager grants the space,
  // tenant and asset objects only) nor in Standard User: for that user the object does not exist.
  {
    name: 'space manager creates a TTS_Space_Tenant_Contact__c -> 404 NOT_FOUND (object not granted)',
    persona: 'space',
    call: (c) => c.sobject('TTS_Space_Tenant_Contact__c').create({ Start_Date__c: isoDate(0) }),
    status: 404,
    errorCode: 'NOT_FOUND',
    message: 'The requested resource does not exist',
  },
  {
    name: 'space manager queries TTS_Space_Tenant_Contact__c -> INVALID_TYPE',
    persona: 'space',
    call: (c) => c.query('SELECT Id FROM TTS_Space_Tenant_Contact__c'),
    status: 400,
    errorCode: 'INVALID_TYPE',
    message: /sObject type 'TTS_Space_Tenant_Contact__c' is not supported/,
  },
  {
    name: "space manager's describeGlobal lists exactly the project objects its set grants",
    persona: 'space',
    call: (c) => c.describeGlobal(),
    status: 200,
    check: (v) =>
      expect((v as { sobjects: { name: string }[] }).sobjects.map((o) => o.name).filter((n) => n.startsWith('TTS_')).sort()).toEqual([
        'TTS_Contributor__c', 'TTS_Recipient__c', 'TTS_Space_Asset__c', 'TTS_Space_Tenant__c', 'TTS_Space__c', 'TTS_Transaction__c',
      ]),
  },
  {
    name: 'space manager queries TTS_Space_Tenant__c, which the set grants -> 200',
    persona: 'space',
    call: (c) => c.query('SELECT Id, Total_Active_Contacts__c FROM TTS_Space_Tenant__c'),
    status: 200,
  },
  {
    name: 'mentoring manager describes TTS_Technology__c (Technology_Transfer_Starter_Permission only) -> 404 NOT_FOUND',
    persona: 'mentoring',
    call: (c) => c.sobject('TTS_Technology__c').describe(),
    status: 404,
    errorCode: 'NOT_FOUND',
  },
  // Field: Contact's visa fields are granted by Technology_Transfer_Starter_Visa_Management only; the
  // Standard User profile grants Contact's standard fields, not custom ones.
  {
    name: 'licensing manager queries Contact.Visa_Number__c -> INVALID_FIELD (field not granted)',
    persona: 'licensing',
    call: (c) => c.query('SELECT Id, Visa_Number__c FROM Contact'),
    status: 400,
    errorCode: 'INVALID_FIELD',
    message: /No such column 'Visa_Number__c' on entity 'Contact'/,
  },
  {
    name: 'licensing manager writes Contact.Visa_Number__c -> INVALID_FIELD',
    persona: 'licensing',
    call: (c, { contactId }) => c.sobject('Contact').update({ Id: contactId, Visa_Number__c: 'GB-123' }),
    status: 400,
    errorCode: 'INVALID_FIELD',
    message: "No such column 'Visa_Number__c' on sobject of type Contact",
  },
  {
    name: "licensing manager's describe of Contact has no Visa_Number__c",
    persona: 'licensing',
    call: (c) => c.sobject('Contact').describe(),
    status: 200,
    check: (v) => expect((v as { fields: { name: string }[] }).fields.map((f) => f.name)).not.toContain('Visa_Number__c'),
  },
  {
    name: 'visa manager (Visa_Management) writes Contact.Visa_Number__c -> 204, saved',
    persona: 'visa',
    call: (c, { contactId }) => c.sobject('Contact').update({ Id: contactId, Visa_Number__c: 'GB-123' }),
    status: 204,
    check: (v) => expect(v).toMatchObject({ success: true }),
  },
  {
    name: "visa manager's describe of Contact shows Visa_Number__c updateable",
    persona: 'visa',
    call: (c) => c.sobject('Contact').describe(),
    status: 200,
    check: (v) => expect((v as { fields: { name: string; updateable: boolean }[] }).fields.find((f) => f.name === 'Visa_Number__c')).toMatchObject({ updateable: true }),
  },
];

for (const r of securityRows) {
  test(`security: ${r.name}`, async ({ as, outcome }) => {
    const conn = await as(r.persona);
    // The persona's own contact (Standard User may create contacts): a contact without an account is
    // visible to its owner whatever the org-wide default, so only field security decides the row.
    const contactId = await create(conn, 'Contact', { FirstName: 'Visa', LastName: 'Holder' });
    const got = await outcome(() => r.call(conn, { contactId }));
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
