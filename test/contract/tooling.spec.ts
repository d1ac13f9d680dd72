/**
 * Tooling API through `conn.tooling` (reference §7): query shape with size/queryLocator/entityTypeName,
 * describeGlobal, and executeAnonymous answered as an honest compile failure (the emulator runs no Apex).
 */
import { expect, test } from './fixtures/emulator.fixture.js';

test('tooling query adds size, queryLocator and entityTypeName', async ({ admin }) => {
  const result = await admin.tooling.request<Record<string, unknown>>(
    `/services/data/v${admin.version}/tooling/query?q=${encodeURIComponent('SELECT Id, ValidationName, Active FROM ValidationRule')}`,
  );
  expect(result).toMatchObject({ size: 1, totalSize: 1, done: true, queryLocator: null, entityTypeName: 'ValidationRule' });
  expect(result['records']).toEqual([
    expect.objectContaining({ ValidationName: 'Name_Not_Forbidden', Active: true, attributes: expect.objectContaining({ type: 'ValidationRule', url: expect.stringContaining('/tooling/sobjects/ValidationRule/03d') }) }),
  ]);
  const viaJsforce = await admin.tooling.query('SELECT Id FROM ValidationRule');
  expect(viaJsforce.totalSize).toBe(1);
});

test('tooling describe points at the tooling tree', async ({ admin }) => {
  const describe = await admin.tooling.describe('ValidationRule');
  expect(describe.urls['describe']).toBe(`/services/data/v${admin.version}/tooling/sobjects/ValidationRule/describe`);
});

test('tooling describeGlobal lists tooling objects only', async ({ admin }) => {
  const global = await admin.tooling.describeGlobal();
  const names = global.sobjects.map((o) => o.name);
  expect(names).toEqual(expect.arrayContaining(['ValidationRule', 'FlowDefinition', 'ApexClass']));
  expect(names).not.toContain('Account');
});

test('executeAnonymous: real result shape, compiled false, never pretends success', async ({ admin }) => {
  const result = await admin.tooling.executeAnonymous("System.debug('hello');");
  expect(result).toMatchObject({ compiled: false, success: false, line: 1, column: 1, exceptionMessage: null, exceptionStackTrace: null });
  expect(result.compileProblem).toMatch(/^The org emulator does not run Apex: /);
});
