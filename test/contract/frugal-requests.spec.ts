/**
 * What the suite's frugal client costs the org, counted by the emulator's request statistics on the sample org:
 * the run cache (one composite request of describes per persona for a small plan, shared between workers
 * through the run's folder, nothing kept with caching off), a check's requests sent together (one composite
 * request, the same answers one by one), the sweeper's queries and the monitors (one request each batched).
 */
import type { Connection } from '@jsforce/jsforce-node';
import type { RequestStatsSnapshot } from '../../emulator/contracts.js';
import { findTagged } from '../../src/data/cleanup.js';
import { MonitorAnswers } from '../../src/plan/checks/monitors.js';
import { SaveChain } from '../../src/plan/checks/save-chain.js';
import { describedObjects } from '../../src/plan/described-objects.js';
import { definePlan } from '../../src/plan/schema.js';
import { releaseWindow } from '../../src/plan/since-release.js';
import { createRequest, errorOf, queryRequest, recordsOf, savedId, sendTogether } from '../../src/salesforce/composite.js';
import { planDescribes, RunCache } from '../../src/salesforce/run-cache.js';
import { PERSONAS, dayFromNow, expect, test } from './fixtures/sample-org.fixture.js';

const SMALL_PLAN = definePlan({
  release: 'small plan',
  fieldAccess: [
    { persona: 'sales-rep', field: 'Opportunity.Discount__c', access: 'edit', ui: false },
    { persona: 'sales-rep', field: 'Opportunity.Discount_Approved__c', access: 'read', ui: false },
    { persona: 'sales-rep', field: 'Onboarding_Step__c.Done__c', access: 'read', ui: false },
    { persona: 'integration-user', field: 'Opportunity.Discount__c', access: 'hidden', ui: false },
    { persona: 'integration-user', field: 'Account.ERP_Id__c', access: 'edit', ui: false },
  ],
  jobs: {
    scheduled: ['Nightly ERP Sync'],
    noFailedApexJobsWithinHours: 24,
    zeroRowQueries: [{ name: 'no account named nobody', soql: "SELECT Id FROM Account WHERE Name = 'nobody at all'" }],
  },
  monitors: [{ name: 'no account named nobody since the release', soql: "SELECT Id FROM Account WHERE Name = 'nobody at all'" }],
});

async function stats(admin: Connection): Promise<RequestStatsSnapshot> {
  return admin.request<RequestStatsSnapshot>('/emulator/stats');
}

/** API requests `username` sent while `run` ran, by endpoint. */
async function counted(admin: Connection, username: string, run: () => Promise<unknown>): Promise<{ total: number; endpoints: Record<string, number> }> {
  const before = (await stats(admin)).users[username];
  await run();
  const after = (await stats(admin)).users[username];
  const endpoints: Record<string, number> = {};
  for (const [endpoint, n] of Object.entries(after?.endpoints ?? {})) {
    const delta = n - (before?.endpoints[endpoint] ?? 0);
    if (delta > 0) endpoints[endpoint] = delta;
  }
  return { total: (after?.api ?? 0) - (before?.api ?? 0), endpoints };
}

for (const [persona, objects] of describedObjects(SMALL_PLAN)) planDescribes(persona, objects);

test('describes: one composite request per persona for the plan, shared by a second worker through the run folder', async ({ as }, testInfo) => {
  const admin = await as('admin');
  const rep = await as('rep');
  const dir = testInfo.outputPath('cache', 'sales-rep');
  const worker1 = new RunCache(rep, { persona: 'sales-rep', dir, caching: true, batching: true });
  const worker2 = new RunCache(rep, { persona: 'sales-rep', dir, caching: true, batching: true });

  const cost = await counted(admin, PERSONAS.rep.username, async () => {
    const discount = (await worker1.describe('Opportunity'))?.fields.find((f) => f.name === 'Discount__c');
    expect(discount?.updateable, 'the rep edits Discount__c').toBe(true);
    const approved = (await worker2.describe('Opportunity'))?.fields.find((f) => f.name === 'Discount_Approved__c');
    expect(approved?.updateable, 'the rep reads Discount_Approved__c').toBe(false);
    expect(await worker2.describe('Onboarding_Step__c')).toBeDefined();
    expect(await worker1.describe('onboarding_step__c')).toBeDefined();
  });
  expect(cost).toEqual({ total: 1, endpoints: { 'POST /services/data/vXX.X/composite': 1 } });
});

test('describes: two workers asking at once send one request; what a persona cannot see is remembered as absent', async ({ as }, testInfo) => {
  const admin = await as('admin');
  const integration = await as('integration');
  const dir = testInfo.outputPath('cache', 'integration-user');
  const workers = [0, 1].map(() => new RunCache(integration, { persona: 'integration-user', dir, caching: true, batching: true }));

  const cost = await counted(admin, PERSONAS.integration.username, async () => {
    const [fromOne, fromTwo] = await Promise.all([workers[0]!.describe('Account'), workers[1]!.describe('Account')]);
    expect(fromOne?.fields.some((f) => f.name === 'ERP_Id__c')).toBe(true);
    expect(fromTwo?.name).toBe('Account');
    // The plan names Opportunity for this persona too: it came in the same request, Discount__c hidden.
    expect((await workers[1]!.describe('Opportunity'))?.fields.some((f) => f.name === 'Discount__c')).toBe(false);
    expect(await workers[0]!.describe('Onboarding_Step__c')).toBeUndefined();
    expect(await workers[1]!.describe('Onboarding_Step__c')).toBeUndefined();
  });
  // One composite for the plan's objects; one for the object it did not name (the second worker reads it from disk).
  expect(cost).toEqual({ total: 2, endpoints: { 'POST /services/data/vXX.X/composite': 2 } });
});

test('describes with caching off: every describe is a request of its own', async ({ as }, testInfo) => {
  const admin = await as('admin');
  const rep = await as('rep');
  const naive = new RunCache(rep, { persona: 'sales-rep', dir: testInfo.outputPath('naive'), caching: false, batching: false });
  const cost = await counted(admin, PERSONAS.rep.username, async () => {
    await naive.describe('Opportunity');
    await naive.describe('Opportunity');
    await naive.recordTypeId('Case', 'Support');
  });
  expect(cost).toEqual({
    total: 3,
    endpoints: { 'GET /services/data/vXX.X/sobjects/Opportunity/describe': 2, 'GET /services/data/vXX.X/query': 1 },
  });
});

test("a check's requests: one composite request batched, the same answers one by one", async ({ as }) => {
  const admin = await as('admin');
  const rep = await as('rep');
  const opportunity = (name: string, discount: number) => ({ Name: name, StageName: 'Prospecting', CloseDate: dayFromNow(30), Discount__c: discount, Discount_Reason__c: 'Volume' });
  const created: string[] = [];
  try {
    for (const batching of [true, false]) {
      let answers: Awaited<ReturnType<typeof sendTogether>> = {};
      const cost = await counted(admin, PERSONAS.rep.username, async () => {
        answers = await sendTogether(
          rep,
          [
            createRequest('legitimate', 'Opportunity', opportunity(`frugal ${batching}`, 10)),
            createRequest('refused', 'Opportunity', opportunity(`frugal refused ${batching}`, 25)),
            queryRequest('saved', "SELECT Id, Discount__c FROM Opportunity WHERE Id = '@{legitimate.id}'"),
          ],
          { batching },
        );
      });
      created.push(savedId(answers.legitimate));
      expect(cost.total, `batching ${batching}`).toBe(batching ? 1 : 3);
      expect(errorOf(answers.refused)?.message, `batching ${batching}`).toContain('Discounts above 20% need approval from Deal Desk.');
      expect(recordsOf(answers.saved), `batching ${batching}`).toMatchObject([{ Id: savedId(answers.legitimate), Discount__c: 10 }]);
    }
  } finally {
    if (created.length) await admin.sobject('Opportunity').destroy(created);
  }
});

test("a check's chain of saves (a parent after its own parent, the record, its update, a read): one request batched, one per step otherwise", async ({ as }) => {
  const admin = await as('admin');
  for (const batching of [true, false]) {
    const adopted: { object: string; id: string }[] = [];
    const chain = new SaveChain({
      persona: 'the release manager',
      component: 'Flow:Test',
      conn: admin,
      adminSf: admin,
      adopt: (object, id) => adopted.push({ object, id }),
      tagged: (label) => `PF-chain ${label}`,
    });
    const parents = await chain.addParents({ Case__c: { object: 'Case', values: { Origin: 'Web' }, parents: { AccountId: { object: 'Account', values: {} } } } }, `chain ${batching}`);
    const step = chain.create('Onboarding_Step__c', { Name: `chain step ${batching}`, ...parents }, 'could not create the step');
    chain.update('Onboarding_Step__c', step, { Done__c: true }, 'could not tick the step');
    const read = chain.read(`SELECT Id, Done__c, Case__r.AccountId FROM Onboarding_Step__c WHERE Id = '${step}'`);

    const cost = await counted(admin, PERSONAS.admin.username, () => chain.send({ batching }));

    expect(cost.total, `batching ${batching}`).toBe(batching ? 1 : 5);
    expect(adopted.map((r) => r.object), 'every record saved is adopted, parents first').toEqual(['Account', 'Case', 'Onboarding_Step__c']);
    expect(chain.withIds(parents)).toEqual({ Case__c: adopted[1]!.id });
    expect(chain.idOf(step)).toBe(adopted[2]!.id);
    expect(recordsOf(chain.answer(read))).toMatchObject([{ Id: adopted[2]!.id, Done__c: true, Case__r: { AccountId: adopted[0]!.id } }]);
  }
});

test("a chain that fails names the first save that failed in the check's words, after adopting what was saved", async ({ as }) => {
  const admin = await as('admin');
  for (const batching of [true, false]) {
    const adopted: string[] = [];
    const chain = new SaveChain({ persona: 'the release manager', component: 'Flow:Test', conn: admin, adminSf: admin, adopt: (_o, id) => adopted.push(id), tagged: (l) => l });
    chain.create('Account', { Name: `chain saved ${batching}` }, 'could not create the first Account');
    const nameless = chain.create('Account', {}, 'could not create the Account it needs');
    chain.create('Contact', { LastName: 'after the failure', AccountId: nameless }, 'could not create the Contact');

    await expect(chain.send({ batching }), `batching ${batching}`).rejects.toThrow(/^Flow:Test: the release manager could not create the Account it needs: REQUIRED_FIELD_MISSING: /);
    expect(adopted, `batching ${batching}: the first Account was saved and is adopted`).toHaveLength(1);
  }
});

test("a subrequest that names a failed one's result is not run, batched or not", async ({ as }) => {
  const rep = await as('rep');
  for (const batching of [true, false]) {
    const answers = await sendTogether(
      rep,
      [createRequest('account', 'Account', {}), queryRequest('after', "SELECT Id FROM Account WHERE Id = '@{account.id}'")],
      { batching },
    );
    expect(errorOf(answers.account)?.errorCode, `batching ${batching}`).toBe('REQUIRED_FIELD_MISSING');
    expect(errorOf(answers.after)?.errorCode, `batching ${batching}`).toBe('PROCESSING_HALTED');
  }
});

test('the sweeper and the monitors: one request each batched, one per query otherwise', async ({ as }) => {
  const admin = await as('admin');
  for (const batching of [true, false]) {
    const monitors = new MonitorAnswers(SMALL_PLAN, releaseWindow(undefined, 24));
    const cost = await counted(admin, PERSONAS.admin.username, async () => {
      const tagged = await findTagged(admin, () => true, undefined, { batching });
      expect(tagged.skipped).toEqual([]);
      expect(await monitors.records(admin, 'scheduled0', { batching })).toHaveLength(1);
      expect(await monitors.records(admin, 'failedJobs', { batching })).toBeDefined();
      expect(await monitors.records(admin, 'zeroRows0', { batching })).toEqual([]);
      const since = await monitors.answer(admin, 'since0', { batching });
      expect(since).toMatchObject({ records: [], totalSize: 0 });
      expect(since.soql, 'the monitor is bounded by the release window').toMatch(/WHERE CreatedDate >= \d{4}-\d\d-\d\dT[\d:]+Z AND \(Name = 'nobody at all'\)/);
    });
    // Six tagged objects and four monitor queries.
    expect(cost.total, `batching ${batching}`).toBe(batching ? 2 : 10);
  }
});
