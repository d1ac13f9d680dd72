/**
 * The bad-input table: each malformed input a team can hand Postflight goes through the real entry point that
 * reads it (the config loader, the plan loader, the action loader, the emulator's org loader, the monitors'
 * SOQL check) and must give ONE message naming the variable, file or entry AND the fix, fail in the way the
 * CLI turns into a non-zero exit (proven per entry point at the bottom, by running the CLIs), and write
 * nothing to the org.
 *
 * "Nothing written": the loaders take no connection, so a refusal there happens before anything can reach an
 * org; for the failures that can only be found against the org (a flow or permission set the org lacks) the
 * rows run the action against the emulated sample org and read its request log: no write reached it.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { activateFlow, anonymousApex, assignPermissionSets, backfill, step, upsertReferenceData } from '../../src/actions/builtins/index.js';
import { readLedger } from '../../src/actions/ledger.js';
import { runAction } from '../../src/actions/runner.js';
import { ConfigError, parseConfig } from '../../src/config/env.js';
import { InvalidActionError } from '../../src/config/input-error.js';
import { definePlan, PlanError, type ReleasePlanInput } from '../../src/plan/schema.js';
import { MetadataError, MetadataErrors } from '../../emulator/metadata/metadata-error.js';
import { Org } from '../../emulator/org.js';
import { expect, test } from '../actions/support/emulator.fixture.js';
import { playwrightCommand } from '../../src/run/playwright-cli.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const SAMPLE_ORG = path.join(ROOT, 'org');
const SAMPLE_USERS = ['admin', 'sales-rep'].map((name) => path.join(SAMPLE_ORG, 'users', `${name}.json`));

/** A scratch folder holding the files a row feeds in (user definitions, overlays, CSVs). */
function scratch(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'pf-bad-input-'));
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), content);
  }
  return dir;
}

const field = (name: string, type: string, extra = '') =>
  `<?xml version="1.0" encoding="UTF-8"?>\n<CustomField xmlns="http://soap.sforce.com/2006/04/metadata"><fullName>${name}</fullName><label>${name}</label><type>${type}</type>${extra}</CustomField>`;
const userFile = (user: Record<string, unknown>) => {
  const dir = scratch({ 'user.json': JSON.stringify({ Username: 'new.user@postflight.test', LastName: 'User', Email: 'new.user@postflight.test', profileName: 'Standard User', ...user }) });
  return path.join(dir, 'user.json');
};
const loadOrg = (o: { users?: string[]; overlays?: string[] }) => Org.load({ source: SAMPLE_ORG, users: [...SAMPLE_USERS, ...(o.users ?? [])], overlays: o.overlays ?? [] });

/** Four personas on access tokens: a complete `SF_TARGET=org` environment, so a row's one mistake is the only problem. */
const ORG_ENV = {
  SF_TARGET: 'org',
  SF_LOGIN_URL: 'https://login.salesforce.com',
  SF_INSTANCE_URL: 'https://acme.my.salesforce.com',
  ...Object.fromEntries(['SALES_REP', 'SUPPORT_AGENT', 'INTEGRATION_USER', 'ADMIN'].flatMap((p) => [[`SF_${p}_AUTH`, 'access-token'], [`SF_${p}_ACCESS_TOKEN`, `00D000000000001!token-of-${p.toLowerCase()}`]])),
};
const plan = (input: Partial<ReleasePlanInput>) => definePlan({ release: 'Spring', ...input } as ReleasePlanInput);

type Category = 'env value' | 'plan entry' | 'action file' | 'user definition' | 'metadata XML' | 'overlay directory' | 'SOQL in monitors';
/** The error each entry point throws for bad input, which its CLI turns into a non-zero exit (see the last tests). */
type Refusal = typeof ConfigError | typeof PlanError | typeof InvalidActionError | typeof MetadataError;

interface Row {
  category: Category;
  input: string;
  /** Calls the real entry point with the bad input; must throw. */
  load: () => unknown;
  refusal: Refusal;
  /** The variable, file or entry the message names. */
  names: string | RegExp;
  /** The fix the message gives. */
  fix: string | RegExp;
  /** Text that must not appear (a secret from the input). */
  never?: string;
}

// prettier-ignore
const ROWS: Row[] = [
  // --- env values (the config loader: parseConfig, what playwright.config.ts, watch and coverage call) ---
  { category: 'env value', input: 'SF_TARGET=prod', load: () => parseConfig({ SF_TARGET: 'prod' }, ROOT), refusal: ConfigError, names: 'SF_TARGET', fix: 'must be "emulator" or "org" (got "prod")' },
  { category: 'env value', input: 'SF_EMULATOR_PORT=80', load: () => parseConfig({ SF_EMULATOR_PORT: '80' }, ROOT), refusal: ConfigError, names: 'SF_EMULATOR_PORT', fix: 'must be a whole number from 1024 to 65535 (got "80")' },
  { category: 'env value', input: 'SF_ALLOW_PRODUCTION=maybe', load: () => parseConfig({ SF_ALLOW_PRODUCTION: 'maybe' }, ROOT), refusal: ConfigError, names: 'SF_ALLOW_PRODUCTION', fix: 'must be true or false (got "maybe")' },
  { category: 'env value', input: 'SF_LOGIN_URL without https://', load: () => parseConfig({ ...ORG_ENV, SF_LOGIN_URL: 'login.salesforce.com' }, ROOT), refusal: ConfigError, names: 'SF_LOGIN_URL', fix: 'must be an http(s) URL such as https://login.salesforce.com' },
  { category: 'env value', input: 'SF_SALES_REP_SFDX_AUTH_URL without its instance', load: () => parseConfig({ ...ORG_ENV, SF_SALES_REP_AUTH: 'sfdx-url', SF_SALES_REP_SFDX_AUTH_URL: 'force://PlatformCLI::5Aep861refresh-token-do-not-print' }, ROOT), refusal: ConfigError, names: 'SF_SALES_REP_SFDX_AUTH_URL', fix: 'must look like force://<clientId>:<clientSecret>:<refreshToken>@<instance>', never: '5Aep861refresh-token-do-not-print' },
  { category: 'env value', input: 'SF_JWT_KEY_FILE is a certificate, not a key', load: () => parseConfig({ SF_JWT_KEY_FILE: 'org/config/jwt/postflight-emulator.crt' }, ROOT), refusal: ConfigError, names: 'SF_JWT_KEY_FILE: org/config/jwt/postflight-emulator.crt', fix: 'expected a -----BEGIN PRIVATE KEY----- block' },
  { category: 'env value', input: 'SF_SALESREP_AUTH (persona misspelt)', load: () => parseConfig({ SF_SALESREP_AUTH: 'jwt' }, ROOT), refusal: ConfigError, names: 'SF_SALESREP_AUTH', fix: 'known: SALES_REP, SUPPORT_AGENT, INTEGRATION_USER, ADMIN' },
  // --- overlay directories ---
  { category: 'overlay directory', input: 'SF_EMULATOR_OVERLAYS=flow-inactiv (misspelt)', load: () => parseConfig({ SF_EMULATOR_OVERLAYS: 'flow-inactiv' }, ROOT), refusal: ConfigError, names: 'SF_EMULATOR_OVERLAYS: no overlay "flow-inactiv"', fix: /name one of .*flow-inactive/ },
  { category: 'overlay directory', input: '--overlay naming a folder that does not exist', load: () => loadOrg({ overlays: ['/nonexistent/postflight-overlay'] }), refusal: MetadataError, names: '/nonexistent/postflight-overlay', fix: 'check --overlay / SF_EMULATOR_OVERLAYS' },
  { category: 'overlay directory', input: 'overlay folder holding no metadata (its parent folder)', load: () => loadOrg({ overlays: [scratch({ 'README.md': 'overlays live in sub-folders' })] }), refusal: MetadataError, names: /pf-bad-input-\w+: overlay holds no metadata files/, fix: 'point at the overlay folder itself' },
  // --- plan entries (definePlan, which the plan spec and `npm run coverage` load) ---
  { category: 'plan entry', input: 'fieldAccess persona "sales_rep"', load: () => plan({ fieldAccess: [{ persona: 'sales_rep', field: 'Opportunity.Discount__c', access: 'edit' }] }), refusal: PlanError, names: 'fieldAccess[0] (sales_rep Opportunity.Discount__c) persona', fix: 'known: sales-rep, support-agent, integration-user, admin' },
  { category: 'plan entry', input: 'fieldAccess field without its object', load: () => plan({ fieldAccess: [{ persona: 'sales-rep', field: 'Discount__c', access: 'edit' }] }), refusal: PlanError, names: 'fieldAccess[0] (sales-rep Discount__c) field', fix: 'must look like Object.Field (e.g. Opportunity.Discount__c)' },
  { category: 'plan entry', input: 'fieldAccess with "severty" (misspelt key)', load: () => plan({ fieldAccess: [{ persona: 'sales-rep', field: 'Opportunity.Discount__c', access: 'edit', severty: 'blocker' } as never] }), refusal: PlanError, names: 'fieldAccess[0] (sales-rep Opportunity.Discount__c): unknown key "severty"', fix: /this entry takes .*severity/ },
  { category: 'plan entry', input: 'automation without expect.where', load: () => plan({ automation: [{ name: 'closing opens a case', persona: 'sales-rep', component: 'Flow:X', trigger: { object: 'Opportunity', create: {} }, expect: { object: 'Case' } } as never] }), refusal: PlanError, names: 'automation[0] (closing opens a case sales-rep) expect.where', fix: 'required (string)' },
  { category: 'plan entry', input: 'recordActions with ui: true and an update', load: () => plan({ recordActions: [{ name: 'discount saves', persona: 'sales-rep', object: 'Opportunity', values: {}, update: { Discount__c: 5 }, ui: true }] }), refusal: PlanError, names: 'recordActions[0] (discount saves sales-rep Opportunity) ui', fix: 'an entry with update runs through the API only' },
  // --- SOQL in monitors (checked when the plan loads) ---
  { category: 'SOQL in monitors', input: 'monitor soql "SELEC Id FROM ..."', load: () => plan({ monitors: [{ name: 'no ERP errors', soql: 'SELEC Id FROM Integration_Log__c' }] }), refusal: PlanError, names: 'monitors[0] (no ERP errors) soql', fix: 'expected SELECT, found "SELEC"' },
  { category: 'SOQL in monitors', input: 'monitor soql with a trailing statement', load: () => plan({ monitors: [{ name: 'no ERP errors', soql: 'SELECT Id FROM Case; DELETE FROM Case' }] }), refusal: PlanError, names: 'monitors[0] (no ERP errors) soql', fix: 'must be a SOQL query (SELECT <fields> FROM <object> [WHERE ...])' },
  { category: 'SOQL in monitors', input: 'monitor since "Created Date"', load: () => plan({ monitors: [{ name: 'no ERP errors', soql: 'SELECT Id FROM Case', since: 'Created Date' }] }), refusal: PlanError, names: 'monitors[0] (no ERP errors) since', fix: 'must be a date-time field such as CreatedDate' },
  { category: 'SOQL in monitors', input: 'jobs.zeroRowQueries soql without an object', load: () => plan({ jobs: { zeroRowQueries: [{ name: 'no stuck orders', soql: "SELECT Id FROM WHERE Status = 'Stuck'" }] } }), refusal: PlanError, names: 'jobs.zeroRowQueries[0] (no stuck orders) soql', fix: 'expected Identifier, found "WHERE"' },
  // --- action files (the built-ins and step(), evaluated when the action file loads) ---
  { category: 'action file', input: 'step id with spaces', load: () => step({ id: 'retire legacy queue', description: 'x', check: async () => ({ done: true, detail: '' }), apply: async () => '' }), refusal: InvalidActionError, names: 'release action id "retire legacy queue"', fix: 'e.g. "retire-legacy-queue"' },
  { category: 'action file', input: 'upsertReferenceData naming a missing CSV', load: () => upsertReferenceData({ object: 'Account', file: 'data/erp-accounts-missing.csv', externalId: 'ERP_Id__c' }), refusal: InvalidActionError, names: 'data/erp-accounts-missing.csv', fix: `relative paths start at ${process.cwd()}` },
  { category: 'action file', input: 'reference CSV with a relationship column', load: () => upsertReferenceData({ object: 'Account', file: path.join(scratch({ 'accounts.csv': 'ERP_Id__c,Parent.ERP_Id__c\nERP-1,ERP-0\n' }), 'accounts.csv'), externalId: 'ERP_Id__c' }), refusal: InvalidActionError, names: /accounts\.csv: column "Parent\.ERP_Id__c"/, fix: 'relationship columns are not supported' },
  { category: 'action file', input: 'reference JSON that does not parse', load: () => upsertReferenceData({ object: 'Account', file: path.join(scratch({ 'accounts.json': '{"records": [' }), 'accounts.json'), externalId: 'ERP_Id__c' }), refusal: InvalidActionError, names: /accounts\.json: not readable as JSON/, fix: /JSON/ },
  { category: 'action file', input: 'backfill setting "Discount Reason"', load: () => backfill({ object: 'Opportunity', set: { 'Discount Reason': 'Volume' }, where: 'Discount__c > 0' }), refusal: InvalidActionError, names: 'backfill(Opportunity): "Discount Reason"', fix: 'is not a field API name' },
  { category: 'action file', input: 'anonymousApex without a check query', load: () => anonymousApex({ file: 'test/actions/data/recalculate-tiers.apex', check: { soql: ' ', expect: 'rows' } }), refusal: InvalidActionError, names: 'anonymousApex(test/actions/data/recalculate-tiers.apex)', fix: 'a check query is required, so that the Apex runs only once' },
  // --- user definitions (the emulator's org loader) ---
  { category: 'user definition', input: 'user without Username', load: () => loadOrg({ users: [userFile({ Username: undefined })] }), refusal: MetadataError, names: /user\.json: invalid user definition: Username/, fix: 'required' },
  { category: 'user definition', input: 'profileName "Sales Person"', load: () => loadOrg({ users: [userFile({ profileName: 'Sales Person' })] }), refusal: MetadataError, names: /user\.json: user new\.user@postflight\.test names an unknown profile "Sales Person"/, fix: /this org has .*Standard User, System Administrator/ },
  { category: 'user definition', input: 'permsets naming a set the project lacks', load: () => loadOrg({ users: [userFile({ permsets: ['Sales_Reps'] })] }), refusal: MetadataError, names: /user\.json: .*unknown permission set "Sales_Reps" in permsets/, fix: /this org has .*Sales_Rep/ },
  { category: 'user definition', input: 'a Username another file already defines', load: () => loadOrg({ users: [userFile({ Username: 'sales.rep@postflight.test' })] }), refusal: MetadataError, names: /user\.json: Username sales\.rep@postflight\.test is already defined in .*sales-rep\.json/, fix: 'rename one of them' },
  // --- metadata XML (the emulator's org loader, through an overlay) ---
  { category: 'metadata XML', input: 'field file with an unclosed element', load: () => loadOrg({ overlays: [scratch({ 'objects/Account/fields/Tier__c.field-meta.xml': field('Tier__c', 'Text').replace('</CustomField>', '') })] }), refusal: MetadataError, names: /objects\/Account\/fields\/Tier__c\.field-meta\.xml: malformed XML at line \d+, column \d+/, fix: "Unclosed tag 'CustomField'" },
  { category: 'metadata XML', input: 'field <type>Textish</type>', load: () => loadOrg({ overlays: [scratch({ 'objects/Account/fields/Tier__c.field-meta.xml': field('Tier__c', 'Textish') })] }), refusal: MetadataError, names: /Tier__c\.field-meta\.xml: <type> "Textish"/, fix: 'did you mean Text?' },
  { category: 'metadata XML', input: 'lookup to an object the project lacks', load: () => loadOrg({ overlays: [scratch({ 'objects/Account/fields/Tier__c.field-meta.xml': field('Tier__c', 'Lookup', '<referenceTo>Tier__c</referenceTo><relationshipName>Tiers</relationshipName>') })] }), refusal: MetadataError, names: /Tier__c\.field-meta\.xml: <referenceTo> "Tier__c"/, fix: 'is not an object in this org' },
];

test.describe('bad input is refused with one message naming it and its fix', () => {
  for (const row of ROWS) {
    test(`${row.category}: ${row.input}`, () => {
      let thrown: unknown;
      try {
        row.load();
      } catch (error) {
        thrown = error;
      }
      expect(thrown, 'the entry point must refuse the input').toBeInstanceOf(row.refusal);
      const error = thrown as Error;
      // One message: one problem, not a list the reader must sort through, and not a stack.
      if (error instanceof ConfigError || error instanceof PlanError) expect(error.problems, error.message).toHaveLength(1);
      expect(error, 'one problem, not several').not.toBeInstanceOf(MetadataErrors);
      expect(error.message).not.toMatch(/\n\s+at /);
      expect(error.message).not.toMatch(/received undefined|Invalid input|ENOENT|undefined/);
      const matches = (text: string | RegExp) => (typeof text === 'string' ? expect(error.message).toContain(text) : expect(error.message).toMatch(text));
      matches(row.names);
      matches(row.fix);
      if (row.never) expect(error.message).not.toContain(row.never);
    });
  }

  test('the table covers every category with at least 25 rows', () => {
    const categories = new Set(ROWS.map((row) => row.category));
    expect([...categories].sort()).toEqual(['SOQL in monitors', 'action file', 'env value', 'metadata XML', 'overlay directory', 'plan entry', 'user definition']);
    expect(ROWS.length).toBeGreaterThanOrEqual(25);
  });
});

/** Bad input only the org can reveal: the action's check refuses it, the ledger says so, and no write reached the org. */
test.describe('actions refused by the org write nothing', () => {
  const cases = [
    { input: 'activateFlow of a flow the org lacks', action: () => activateFlow({ flow: 'Closed_Won_Onbaording' }), says: 'the org has no flow named "Closed_Won_Onbaording"', fix: 'was it deployed?' },
    {
      input: 'assignPermissionSets naming a set the org lacks',
      action: () => assignPermissionSets({ permissionSets: ['Sales_Rep', 'Deal_Dsk'], users: "Username = 'sales.rep@postflight.test'" }),
      says: 'the org has no permission set or permission set group named Deal_Dsk',
      fix: /permission set/,
    },
  ];
  for (const c of cases) {
    test(c.input, async ({ sampleOrg }) => {
      const settings = await sampleOrg.settings();
      sampleOrg.resetRequests();
      const action = c.action();
      const refused = await runAction(action, sampleOrg.context(), settings).then(() => undefined, (error: Error) => error);
      expect(refused?.message).toContain(`${action.id}: `);
      expect(refused?.message).toContain(c.says);
      expect(refused?.message).toMatch(c.fix);
      expect(sampleOrg.requests().length, 'the check asked the org').toBeGreaterThan(0);
      expect(sampleOrg.writes(), 'no write reached the org').toEqual([]);
      expect(readLedger(sampleOrg.ledgerFile).map((e) => e.status)).toEqual(['failed']);
    });
  }
});

/**
 * The CLIs turn those refusals into a non-zero exit with the message alone: `playwright test` for the plan,
 * monitor SOQL and action files (a load error: nothing runs, so nothing is written), proven here. The other
 * entry points are proven where their CLI is tested: the config loader's exit 2 in test/e2e/bad-env.spec.ts,
 * and the org loader's exit 1 (a MetadataError, its message on one line) in test/contract/cli.spec.ts.
 */
test.describe('each entry point exits non-zero with the message', () => {
  test('playwright test: a bad plan entry and bad action files stop the run before any test, pointing at the line', () => {
    const dir = scratch({
      'package.json': '{"type":"module"}',
      'verifications/release-plan.spec.ts': [
        `import { definePlan } from ${JSON.stringify(path.join(ROOT, 'src/plan/schema.js'))};`,
        `import { planTests } from ${JSON.stringify(path.join(ROOT, 'fixtures/release-plan.js'))};`,
        `planTests(definePlan({ release: 'Spring', monitors: [{ name: 'no ERP errors', soql: 'SELEC Id FROM Case' }] }));`,
      ].join('\n'),
      'actions/10-reference-data.setup.ts': [
        `import { upsertReferenceData } from ${JSON.stringify(path.join(ROOT, 'src/actions/builtins/index.js'))};`,
        `import { releaseActions } from ${JSON.stringify(path.join(ROOT, 'fixtures/release-actions.js'))};`,
        `releaseActions(upsertReferenceData({ object: 'Account', file: 'data/erp-accounts-missing.csv', externalId: 'ERP_Id__c' }));`,
      ].join('\n'),
      'actions/20-twice.setup.ts': [
        `import { activateFlow } from ${JSON.stringify(path.join(ROOT, 'src/actions/builtins/index.js'))};`,
        `import { releaseActions } from ${JSON.stringify(path.join(ROOT, 'fixtures/release-actions.js'))};`,
        `releaseActions(activateFlow({ flow: 'Case_Onboarding_Task' }), activateFlow({ flow: 'Case_Onboarding_Task' }));`,
      ].join('\n'),
      'actions/30-onboarding.setup.ts': [
        `import { activateFlow } from ${JSON.stringify(path.join(ROOT, 'src/actions/builtins/index.js'))};`,
        `import { releaseActions } from ${JSON.stringify(path.join(ROOT, 'fixtures/release-actions.js'))};`,
        `releaseActions(activateFlow({ flow: 'Closed_Won_Onboarding' }));`,
      ].join('\n'),
      'actions/40-onboarding-again.setup.ts': [
        `import { activateFlow } from ${JSON.stringify(path.join(ROOT, 'src/actions/builtins/index.js'))};`,
        `import { releaseActions } from ${JSON.stringify(path.join(ROOT, 'fixtures/release-actions.js'))};`,
        `releaseActions(activateFlow({ flow: 'Closed_Won_Onboarding' }));`,
      ].join('\n'),
    });
    // --list loads every file as a run does, without starting the emulator or a browser.
    const result = spawnSync(...playwrightCommand(['test', '--list', '--project=actions', '--project=monitors', '--no-deps']), {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, FORCE_COLOR: '0', SF_VERIFICATIONS_DIR: path.join(dir, 'verifications'), SF_ACTIONS_DIR: path.join(dir, 'actions'), SF_EMULATOR_PORT: '18798' },
    });
    const output = `${result.stdout}${result.stderr}`.replace(/\u001b\[[0-9;]*m/g, '');
    expect(result.status, output).toBe(1);
    expect(output).toContain('monitors[0] (no ERP errors) soql: must be a SOQL query');
    expect(output).toContain('data/erp-accounts-missing.csv: no such Account reference data file');
    expect(output).toContain('action id "activate-flow:Case_Onboarding_Task" is used twice');
    // Across files too: the ledger would report the second one "already applied" and never run it.
    expect(output).toMatch(/releaseActions in \S*40-onboarding-again\.setup\.ts: action id "activate-flow:Closed_Won_Onboarding" \(already declared in \S*30-onboarding\.setup\.ts\)/);
    // The code frames point at the team's lines, never into Postflight's library.
    expect(output).toMatch(/> 3 \| planTests\(definePlan/);
    expect(output).toMatch(/> 3 \| releaseActions\(upsertReferenceData/);
    expect(output).not.toMatch(/\s+at .*[/\\](src|fixtures)[/\\]/);
    expect(output).toContain('Total: 0 tests');
  });
});
