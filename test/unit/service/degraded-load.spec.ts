/**
 * A load never dies on one component (fixtures/degraded-org): a formula field, a validation rule, a default
 * value and a flow formula using functions the engine does not have (GETSESSIONID, PREDICT, URLFOR,
 * REQUIRESCRIPT), a field and a rule that read the degraded field, and an Apex action in a flow. The org
 * loads; the summary names each with its file and what the emulator does instead; the rest of the org
 * works; a strict load refuses, naming all of them. What a deploy would reject too (../metadata/fixtures/
 * several-errors) still refuses, every problem in one message.
 */
import { fileURLToPath } from 'node:url';
import type { Session } from '../../../emulator/contracts.js';
import { DegradedLoadError } from '../../../emulator/metadata/load-problems.js';
import { MetadataError, MetadataErrors } from '../../../emulator/metadata/metadata-error.js';
import { Org } from '../../../emulator/org.js';
import { expect, failure, START, test } from './org-fixture.js';

const PROJECT = fileURLToPath(new URL('./fixtures/degraded-org', import.meta.url));
const SEVERAL_ERRORS = fileURLToPath(new URL('../metadata/fixtures/several-errors', import.meta.url));
const FIELDS = 'force-app/main/default/objects/Invoice__c/fields';
const RULES = 'force-app/main/default/objects/Invoice__c/validationRules';

const load = (options: { strict?: boolean } = {}): Org => Org.load({ source: PROJECT, clock: () => new Date(START.getTime()), ...options });

/** Every degraded component, one line each, in file order, as the CLI prints them. */
const DEGRADED_LINES = [
  'degraded: 6 components the emulator does not run as written (a strict load refuses them)',
  '  force-app/main/default/flows/Invoice_Before_Save.flow-meta.xml: Flow Invoice_Before_Save: '
    + 'formula Session_Link: unsupported function REQUIRESCRIPT (a custom button and link function; no button runs in the emulator) -> the flow faults when it evaluates the formula (a fault path runs if there is one, else the triggering save fails); '
    + 'element actionCalls:apex Notify_Finance -> the flow runs and faults (UNSUPPORTED_FLOW_ELEMENT) if it reaches one of them',
  `  ${FIELDS}/Portal_Label__c.field-meta.xml: CustomField Invoice__c.Portal_Label__c: reads Invoice__c.Portal_Link__c, which is not evaluated -> reads null`,
  `  ${FIELDS}/Portal_Link__c.field-meta.xml: CustomField Invoice__c.Portal_Link__c: unsupported function GETSESSIONID (the session id of the user viewing a page; a record formula has no page session, and a session id in a field value would leak into test reports) -> reads null`,
  `  ${FIELDS}/Requested_From__c.field-meta.xml: CustomField Invoice__c.Requested_From__c (default value): unsupported function URLFOR (a Visualforce page and s-control function; no page runs in the emulator) -> not applied: new records get no default`,
  `  ${RULES}/Fraud_Check.validationRule-meta.xml: ValidationRule Invoice__c.Fraud_Check: unsupported function PREDICT (an Einstein Discovery prediction; it needs a deployed model, which the emulator has not) -> not enforced`,
  `  ${RULES}/Link_Required_For_Large.validationRule-meta.xml: ValidationRule Invoice__c.Link_Required_For_Large: reads Invoice__c.Portal_Link__c, which is not evaluated -> not enforced`,
];

test.describe('a project with components the emulator cannot run', () => {
  let org: Org;
  let admin: Session;
  test.beforeAll(() => {
    org = load();
    admin = org.service.loginWithPassword('admin@postflight.test', 'postflight', 'soap');
  });
  test.afterAll(() => org.close());

  test('loads, and the summary ends with a count line and one line per degraded component (file, component, what, fallback)', () => {
    const lines = org.summary.split('\n');
    const at = lines.findIndex((l) => l.startsWith('degraded: '));
    expect(lines.slice(at)).toEqual(DEGRADED_LINES);
    expect(lines[0]).toContain('1 flow element not run (in 1 flow)');
    // Only what compiled is counted as compiled.
    expect(lines[1]).toBe('formulas compiled: 1 validation rule(s), 1 formula field(s), 1 default value(s)');
  });

  test('a degraded formula field reads null through retrieve and query, and so does the field reading it; a sound one is computed', () => {
    const id = org.service.create(admin, 'Invoice__c', { Name: 'INV-1', Amount__c: 10 });
    expect(org.service.retrieve(admin, 'Invoice__c', id, ['Portal_Link__c', 'Portal_Label__c', 'Amount_Label__c'])).toMatchObject({
      Portal_Link__c: null, Portal_Label__c: null, Amount_Label__c: 'Amount: 20',
    });
    const rows = org.service.query(admin, `SELECT Portal_Link__c, Portal_Label__c, Amount_Label__c FROM Invoice__c WHERE Id = '${id}'`, { apiVersion: '62.0' }).records;
    expect(rows).toEqual([expect.objectContaining({ Portal_Link__c: null, Portal_Label__c: null, Amount_Label__c: 'Amount: 20' })]);
  });

  test("describe marks the degraded formula and default value in a leading formula comment, keeping the project's formula after it", () => {
    const fields = (org.service.describe(admin, 'Invoice__c').fields as { name: string; calculatedFormula: string | null; defaultValueFormula: string | null; calculated: boolean }[]);
    const named = (name: string) => fields.find((f) => f.name === name)!;
    expect(named('Portal_Link__c')).toMatchObject({
      calculated: true,
      calculatedFormula: '/* Postflight emulator: not evaluated (unsupported function GETSESSIONID (the session id of the user viewing a page; a record formula has no page session, and a session id in a field value would leak into test reports)); reads null */\n"https://portal.example.com/?sid=" & GETSESSIONID()',
    });
    expect(named('Portal_Label__c').calculatedFormula).toBe('/* Postflight emulator: not evaluated (reads Invoice__c.Portal_Link__c, which is not evaluated); reads null */\n"Open " & Portal_Link__c');
    // A formula the emulator evaluates is described exactly as written (the &#39; references decoded).
    expect(named('Amount_Label__c').calculatedFormula).toBe("'Amount: ' & TEXT(Amount__c * 2)");
    expect(named('Requested_From__c').defaultValueFormula).toBe('/* Postflight emulator: not applied (unsupported function URLFOR (a Visualforce page and s-control function; no page runs in the emulator)); new records get no default */\nURLFOR("/apex/InvoiceRequest")');
    expect(named('Currency_Code__c').defaultValueFormula).toBe('"EUR"');
  });

  test('degraded validation rules are not enforced; a sound rule still is', () => {
    // Link_Required_For_Large would block every large invoice if it read the unevaluated link as blank.
    const large = org.service.create(admin, 'Invoice__c', { Name: 'INV-2', Amount__c: 5000 });
    expect(org.service.retrieve(admin, 'Invoice__c', large, ['Amount__c']).Amount__c).toBe(5000);
    const refused = failure(() => org.service.create(admin, 'Invoice__c', { Name: 'INV-3', Amount__c: -1 }));
    expect(refused).toMatchObject({ errorCode: 'FIELD_CUSTOM_VALIDATION_EXCEPTION', message: 'Amount must not be negative.' });
  });

  test('a degraded default value is not applied; a sound one is', () => {
    const id = org.service.create(admin, 'Invoice__c', { Name: 'INV-4' });
    expect(org.service.retrieve(admin, 'Invoice__c', id, ['Requested_From__c', 'Currency_Code__c'])).toMatchObject({ Requested_From__c: null, Currency_Code__c: 'EUR' });
  });

  test('the flow runs up to its Apex action, and faults when a save reaches it, as the summary says', () => {
    const id = org.service.create(admin, 'Invoice__c', { Name: 'INV-5', Amount__c: 1 });
    expect(org.service.retrieve(admin, 'Invoice__c', id, ['Status__c']).Status__c).toBe('Checked');
    const fault = failure(() => org.service.create(admin, 'Invoice__c', { Name: 'INV-6', Amount__c: 2_000_000 }));
    expect(fault.message).toContain('Notify_Finance');
  });

  test('custom activity fields (objects/Activity) are fields of Task and Event, and a permission on Activity.X grants both', () => {
    for (const object of ['task', 'event']) {
      expect(org.schema.objects.get(object)?.fields.get('invoice_ref__c')).toMatchObject({ name: 'Invoice_Ref__c', type: 'string', length: 30 });
    }
    const clerk = org.schema.permissionSets.get('invoice_clerk');
    expect(clerk?.fieldPermissions.get('task.invoice_ref__c')).toEqual({ readable: true, editable: true });
    expect(clerk?.fieldPermissions.get('event.invoice_ref__c')).toEqual({ readable: true, editable: true });
    const task = org.service.create(admin, 'Task', { Subject: 'Chase', Invoice_Ref__c: 'INV-1' });
    expect(org.service.retrieve(admin, 'Task', task, ['Invoice_Ref__c']).Invoice_Ref__c).toBe('INV-1');
  });
});

test('strict: true refuses the project, naming every degraded component in one message', () => {
  let refusal: unknown;
  try {
    load({ strict: true }).close();
  } catch (error) {
    refusal = error;
  }
  expect(refusal).toBeInstanceOf(DegradedLoadError);
  const message = (refusal as DegradedLoadError).message;
  expect(message.split('\n')).toEqual([
    'strict load refused: 6 components the emulator cannot run as written:',
    ...DEGRADED_LINES.slice(1),
    'Without --strict (SF_EMULATOR_STRICT) the org loads with these degraded as described.',
  ]);
  expect((refusal as DegradedLoadError).problems).toHaveLength(7);
});

test('what a deploy would reject too still refuses: every such problem of the project in one MetadataErrors, consequences not repeated', () => {
  let refusal: unknown;
  try {
    Org.load({ source: SEVERAL_ERRORS }).close();
  } catch (error) {
    refusal = error;
  }
  expect(refusal).toBeInstanceOf(MetadataErrors);
  const errors = (refusal as MetadataErrors).errors;
  const things = 'force-app/main/default/objects/Thing__c';
  // Size_Label__c reads the malformed Size__c and Parent_Name__c the dropped Parent__c: not reported again.
  // Package_Score__c reads a managed package's field: degraded, not an error.
  expect(errors.map((e) => [e.file, e.problem])).toEqual([
    [`${things}/fields/Size__c.field-meta.xml`, expect.stringMatching(/^malformed XML at line 6, column \d+: .*CustomFeld/)],
    [`${things}/fields/Parent__c.field-meta.xml`, '<referenceTo> "Nowhere__c" is not an object in this org'],
    ['force-app/main/default/flows/Nowhere_Flow.flow-meta.xml', '<start><object> "Nowhere__c" is not an object in this org'],
    [`${things}/validationRules/Needs_Ghost.validationRule-meta.xml`, 'ValidationRule Thing__c.Needs_Ghost: unknown field Ghost__r.Name'],
    [`${things}/fields/Label__c.field-meta.xml`, 'CustomField Thing__c.Label__c: unknown field Missing__c'],
  ]);
  const message = (refusal as MetadataError).message.split('\n');
  expect(message[0]).toBe('5 problems in the project (a deploy would reject them too):');
  expect(message.slice(1)).toEqual(errors.map((e) => `  ${e.file}: ${e.problem}`));
});
