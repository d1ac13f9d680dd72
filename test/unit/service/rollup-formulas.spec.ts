/**
 * Roll-up summaries of formula fields (`fixtures/rollup-org`), from both sides, and what the load does
 * with a roll-up a real org would refuse:
 *
 * - `Order__c`: Budget__c; roll-ups of `Order_Line__c.Amount__c` (a formula): Total_Amount__c (SUM),
 *   Largest_Line__c (MAX), Smallest_Line__c (MIN), Open_Amount__c (SUM where the formula Is_Open__c is
 *   true), Open_Lines__c (COUNT where Is_Open__c is true); formula Remaining_Budget__c reads the SUM; rule
 *   Within_Budget (Total_Amount__c > Budget__c); before-save flow Order_Count_Saves counts the order's
 *   updates in Save_Count__c.
 * - `Order_Line__c` (master-detail to Order__c): Quantity__c, Unit_Price__c, Discount__c (percent),
 *   Done__c; formulas Gross__c (Quantity * Unit Price), Amount__c (Gross__c * (1 - Discount)) and
 *   Is_Open__c (NOT(Done__c)).
 */
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { WireRecord } from '../../../emulator/contracts.js';
import { DegradedLoadError } from '../../../emulator/metadata/load-problems.js';
import { MetadataError } from '../../../emulator/metadata/metadata-error.js';
import { Org } from '../../../emulator/org.js';
import { expect, failure, orgTest } from './org-fixture.js';

const ROLLUP_ORG = join(dirname(fileURLToPath(import.meta.url)), 'fixtures', 'rollup-org');
const test = orgTest<'admin'>(ROLLUP_ORG, 'rollup.test');

const SUMMARIES = ['Total_Amount__c', 'Largest_Line__c', 'Smallest_Line__c', 'Open_Amount__c', 'Open_Lines__c', 'Remaining_Budget__c'];

test.describe('roll-ups of formula fields', () => {
  test('SUM, MIN and MAX of a formula, and filters on a formula, are computed from each line\'s formula value', ({ org, login }) => {
    const admin = login('admin');
    const order = org.service.create(admin, 'Order__c', { Name: 'Chairs', Budget__c: 1000 });
    expect(pick(org.service.retrieve(admin, 'Order__c', order), SUMMARIES)).toEqual({
      Total_Amount__c: 0, Largest_Line__c: null, Smallest_Line__c: null, Open_Amount__c: 0, Open_Lines__c: 0, Remaining_Budget__c: 1000,
    });
    // 4 x 50 at 10% off = 180 (the percent field reads 0.10 in the formula); 2 x 30 = 60, done.
    org.service.create(admin, 'Order_Line__c', { Name: 'Chair', Order__c: order, Quantity__c: 4, Unit_Price__c: 50, Discount__c: 10 });
    org.service.create(admin, 'Order_Line__c', { Name: 'Cushion', Order__c: order, Quantity__c: 2, Unit_Price__c: 30, Done__c: true });
    expect(pick(org.service.retrieve(admin, 'Order__c', order), SUMMARIES)).toEqual({
      Total_Amount__c: 240, Largest_Line__c: 180, Smallest_Line__c: 60, Open_Amount__c: 180, Open_Lines__c: 1, Remaining_Budget__c: 760,
    });
    // Another order's lines stay out of this one's sums.
    const other = org.service.create(admin, 'Order__c', { Name: 'Desks' });
    org.service.create(admin, 'Order_Line__c', { Name: 'Desk', Order__c: other, Quantity__c: 1, Unit_Price__c: 400 });
    expect(org.service.retrieve(admin, 'Order__c', order).Total_Amount__c).toBe(240);
    expect(org.service.retrieve(admin, 'Order__c', other).Total_Amount__c).toBe(400);
  });

  test('editing, re-parenting and deleting a line recompute the formula values it adds', ({ org, login }) => {
    const admin = login('admin');
    const order = org.service.create(admin, 'Order__c', { Name: 'Chairs' });
    const other = org.service.create(admin, 'Order__c', { Name: 'Desks' });
    const chair = org.service.create(admin, 'Order_Line__c', { Name: 'Chair', Order__c: order, Quantity__c: 4, Unit_Price__c: 50 });
    const cushion = org.service.create(admin, 'Order_Line__c', { Name: 'Cushion', Order__c: order, Quantity__c: 2, Unit_Price__c: 30 });
    org.service.update(admin, 'Order_Line__c', chair, { Quantity__c: 5 });
    org.service.update(admin, 'Order_Line__c', cushion, { Done__c: true });
    expect(pick(org.service.retrieve(admin, 'Order__c', order), SUMMARIES)).toMatchObject({ Total_Amount__c: 310, Open_Amount__c: 250, Open_Lines__c: 1 });
    // Moving a line (the master-detail is reparentable) takes its value from the old order to the new one.
    org.service.update(admin, 'Order_Line__c', chair, { Order__c: other });
    expect(org.service.retrieve(admin, 'Order__c', order).Total_Amount__c).toBe(60);
    expect(org.service.retrieve(admin, 'Order__c', other).Total_Amount__c).toBe(250);
    org.service.delete(admin, 'Order_Line__c', cushion);
    expect(pick(org.service.retrieve(admin, 'Order__c', order), SUMMARIES)).toMatchObject({ Total_Amount__c: 0, Largest_Line__c: null, Open_Lines__c: 0 });
  });

  test('the order is saved once per line save with every summary that changed, and its validation rule sees the new sums', ({ org, login }) => {
    const admin = login('admin');
    const order = org.service.create(admin, 'Order__c', { Name: 'Chairs', Budget__c: 500 });
    org.service.create(admin, 'Order_Line__c', { Name: 'Chair', Order__c: order, Quantity__c: 4, Unit_Price__c: 50 });
    // Five summaries changed in that save, in one update of the order (its before-save flow ran once).
    expect(org.service.retrieve(admin, 'Order__c', order).Save_Count__c).toBe(1);
    // A line that takes the order over budget fails the order's rule, and the line's save rolls back.
    const error = failure(() => org.service.create(admin, 'Order_Line__c', { Name: 'Sofa', Order__c: order, Quantity__c: 1, Unit_Price__c: 400 }));
    expect(error).toMatchObject({ errorCode: 'FIELD_CUSTOM_VALIDATION_EXCEPTION', message: 'The order\'s lines exceed its budget.' });
    expect(org.service.query(admin, `SELECT Id FROM Order_Line__c WHERE Order__c = '${order}'`, { apiVersion: '62.0' }).records).toHaveLength(1);
    expect(pick(org.service.retrieve(admin, 'Order__c', order), ['Total_Amount__c', 'Save_Count__c'])).toEqual({ Total_Amount__c: 200, Save_Count__c: 1 });
    // One within budget saves.
    org.service.create(admin, 'Order_Line__c', { Name: 'Lamp', Order__c: order, Quantity__c: 1, Unit_Price__c: 300 });
    expect(pick(org.service.retrieve(admin, 'Order__c', order), ['Total_Amount__c', 'Remaining_Budget__c', 'Save_Count__c'])).toEqual({
      Total_Amount__c: 500, Remaining_Budget__c: 0, Save_Count__c: 2,
    });
  });
});

test.describe('roll-ups a real org refuses or the emulator cannot compute', () => {
  test('a roll-up of a formula that reads another record, or calls TODAY() or NOW(), fails the load naming each one', () => {
    const error = loadWith({
      'Order_Line__c/fields/Order_Budget__c': formulaField('Order_Budget__c', 'Order__r.Budget__c', 'Currency'),
      'Order_Line__c/fields/Age__c': formulaField('Age__c', 'TODAY() - DATEVALUE(CreatedDate)', 'Number'),
      'Order_Line__c/fields/Is_Recent__c': formulaField('Is_Recent__c', 'NOW() - CreatedDate < 1', 'Checkbox'),
      'Order__c/fields/Budget_Check__c': rollupField('Budget_Check__c', 'sum', 'Order_Line__c.Order_Budget__c'),
      // Through another formula field: Aged__c reads Age__c, which calls TODAY().
      'Order_Line__c/fields/Aged__c': formulaField('Aged__c', 'Age__c * 2', 'Number'),
      'Order__c/fields/Oldest_Line__c': rollupField('Oldest_Line__c', 'max', 'Order_Line__c.Aged__c'),
      'Order__c/fields/Recent_Lines__c': rollupField('Recent_Lines__c', 'count', undefined, 'Order_Line__c.Is_Recent__c'),
    });
    expect(error).toBeInstanceOf(MetadataError);
    const lines = error.message.split('\n').slice(1).map((l) => l.trim()).sort();
    expect(lines).toEqual([
      'force-app/main/default/objects/Order__c/fields/Budget_Check__c.field-meta.xml: CustomField Order__c.Budget_Check__c: a roll-up summary cannot summarize or filter on '
        + 'Order_Line__c.Order_Budget__c: Order_Line__c.Order_Budget__c reads Order__r.Budget__c, a field of another record',
      'force-app/main/default/objects/Order__c/fields/Oldest_Line__c.field-meta.xml: CustomField Order__c.Oldest_Line__c: a roll-up summary cannot summarize or filter on '
        + 'Order_Line__c.Aged__c: Order_Line__c.Age__c calls TODAY(), whose value changes without a save of the record',
      'force-app/main/default/objects/Order__c/fields/Recent_Lines__c.field-meta.xml: CustomField Order__c.Recent_Lines__c: a roll-up summary cannot summarize or filter on '
        + 'Order_Line__c.Is_Recent__c: Order_Line__c.Is_Recent__c calls NOW(), whose value changes without a save of the record',
    ]);
  });

  test('a roll-up of a formula that reads a global variable loads, is listed as degraded, and is computed as the saving user', () => {
    const project = projectWith({
      'Order_Line__c/fields/Dept_Amount__c': formulaField('Dept_Amount__c', 'IF($User.Department = "Sales", Amount__c, 0)', 'Currency'),
      'Order__c/fields/Sales_Amount__c': rollupField('Sales_Amount__c', 'sum', 'Order_Line__c.Dept_Amount__c'),
    });
    try {
      const org = Org.load({ source: project, users: [join(ROLLUP_ORG, 'users', 'admin.json')] });
      try {
        expect(org.summary).toContain('CustomField Order__c.Sales_Amount__c: summarizes a formula field: Order_Line__c.Dept_Amount__c reads $User.Department '
          + '([UNVERIFIED] whether a real deploy accepts a roll-up of it) -> recalculated as the user whose save of a detail record triggers it');
        const admin = org.service.loginWithPassword('admin@rollup.test', 'admin-pw', 'soap');
        const order = org.service.create(admin, 'Order__c', { Name: 'Chairs' });
        org.service.create(admin, 'Order_Line__c', { Name: 'Chair', Order__c: order, Quantity__c: 1, Unit_Price__c: 50 });
        // The admin has no department: the line adds 0 for them.
        expect(org.service.retrieve(admin, 'Order__c', order).Sales_Amount__c).toBe(0);
      } finally {
        org.close();
      }
      expect(() => Org.load({ source: project, strict: true })).toThrow(DegradedLoadError);
    } finally {
      rmSync(project, { recursive: true, force: true });
    }
  });

  test('a roll-up of a formula the emulator does not evaluate is not recalculated, and what reads it is degraded too', () => {
    const project = projectWith({
      'Order_Line__c/fields/Session_Amount__c': formulaField('Session_Amount__c', 'IF(LEN(GETSESSIONID()) > 0, Amount__c, 0)', 'Currency'),
      'Order__c/fields/Session_Total__c': rollupField('Session_Total__c', 'sum', 'Order_Line__c.Session_Amount__c'),
      'Order__c/fields/Session_Share__c': formulaField('Session_Share__c', 'Session_Total__c / Total_Amount__c', 'Number'),
    });
    try {
      const org = Org.load({ source: project, users: [join(ROLLUP_ORG, 'users', 'admin.json')] });
      try {
        expect(org.summary).toContain('CustomField Order__c.Session_Total__c: summarizes Order_Line__c.Session_Amount__c: Order_Line__c.Session_Amount__c is not evaluated '
          + '-> not recalculated: keeps its initial value (0 for COUNT and SUM, blank for MIN and MAX)');
        expect(org.summary).toContain('CustomField Order__c.Session_Share__c: reads Order__c.Session_Total__c, which is not recalculated -> reads null');
        const admin = org.service.loginWithPassword('admin@rollup.test', 'admin-pw', 'soap');
        const order = org.service.create(admin, 'Order__c', { Name: 'Chairs' });
        org.service.create(admin, 'Order_Line__c', { Name: 'Chair', Order__c: order, Quantity__c: 1, Unit_Price__c: 50 });
        // The other roll-ups still follow the line.
        expect(pick(org.service.retrieve(admin, 'Order__c', order), ['Session_Total__c', 'Total_Amount__c'])).toEqual({ Session_Total__c: 0, Total_Amount__c: 50 });
      } finally {
        org.close();
      }
    } finally {
      rmSync(project, { recursive: true, force: true });
    }
  });
});

function pick(record: WireRecord, fields: string[]): WireRecord {
  return Object.fromEntries(fields.map((f) => [f, record[f]]));
}

/** A copy of the fixture project in a temporary folder, with extra component files (`Object/fields/Name` -> XML). */
function projectWith(files: Record<string, string>): string {
  const copy = mkdtempSync(join(tmpdir(), 'rollup-org-'));
  cpSync(ROLLUP_ORG, copy, { recursive: true });
  for (const [name, xml] of Object.entries(files)) {
    writeFileSync(join(copy, 'force-app', 'main', 'default', 'objects', `${name}.field-meta.xml`), xml);
  }
  return copy;
}

/** The error a load of the fixture plus `files` fails with. */
function loadWith(files: Record<string, string>): Error {
  const project = projectWith(files);
  try {
    Org.load({ source: project }).close();
  } catch (error) {
    return error as Error;
  } finally {
    rmSync(project, { recursive: true, force: true });
  }
  throw new Error('expected the load to fail');
}

function formulaField(name: string, formula: string, type: 'Currency' | 'Number' | 'Checkbox'): string {
  const numeric = type === 'Checkbox' ? '' : '\n    <precision>18</precision>\n    <scale>2</scale>';
  return `<?xml version="1.0" encoding="UTF-8"?>
<CustomField xmlns="http://soap.sforce.com/2006/04/metadata">
    <fullName>${name}</fullName>
    <formula>${formula.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')}</formula>
    <label>${name.replace(/__c$/, '').replace(/_/g, ' ')}</label>${numeric}
    <type>${type}</type>
</CustomField>`;
}

function rollupField(name: string, operation: 'sum' | 'min' | 'max' | 'count', summarized?: string, filterOn?: string): string {
  const filter = filterOn ? `
    <summaryFilterItems>
        <field>${filterOn}</field>
        <operation>equals</operation>
        <value>true</value>
    </summaryFilterItems>` : '';
  return `<?xml version="1.0" encoding="UTF-8"?>
<CustomField xmlns="http://soap.sforce.com/2006/04/metadata">
    <fullName>${name}</fullName>
    <label>${name.replace(/__c$/, '').replace(/_/g, ' ')}</label>${summarized ? `\n    <summarizedField>${summarized}</summarizedField>` : ''}${filter}
    <summaryForeignKey>Order_Line__c.Order__c</summaryForeignKey>
    <summaryOperation>${operation}</summaryOperation>
    <type>Summary</type>
</CustomField>`;
}
