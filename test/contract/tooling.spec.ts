/**
 * Tooling API through `conn.tooling` (reference §7): query shape with size/queryLocator/entityTypeName,
 * describeGlobal, and executeAnonymous answered as an honest compile failure (the emulator runs no Apex).
 */
import { expect, test } from './fixtures/emulator.fixture.js';

test('tooling query adds size, queryLocator and entityTypeName', async ({ admin }) => {
  const result = await admin.tooling.request<Record<string, unknown>>(
    `/services/data/v${admin.version}/tooling/query?q=${encodeURIComponent('SELECT Id, ValidationName, Active FROM ValidationRule')}`,
  );
  expect(result).toMatchObject({ size: 2, totalSize: 2, done: true, queryLocator: null, entityTypeName: 'ValidationRule' });
  expect(result['records']).toEqual(expect.arrayContaining([
    expect.objectContaining({ ValidationName: 'Name_Not_Forbidden', Active: true, attributes: expect.objectContaining({ type: 'ValidationRule', url: expect.stringContaining('/tooling/sobjects/ValidationRule/03d') }) }),
    expect.objectContaining({ ValidationName: 'Seats_Not_Negative', Active: true }),
  ]));
  const viaJsforce = await admin.tooling.query('SELECT Id FROM ValidationRule');
  expect(viaJsforce.totalSize).toBe(2);
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

test('FlowDefinition: deactivate and reactivate through the Tooling API as CumulusCI does', async ({ admin }) => {
  const definitions = await admin.tooling.query<{ Id: string; DeveloperName: string; ActiveVersion: { VersionNumber: number } | null; LatestVersion: { VersionNumber: number } }>(
    "SELECT Id, DeveloperName, ActiveVersion.VersionNumber, LatestVersion.VersionNumber FROM FlowDefinition WHERE DeveloperName = 'Account_Flag_Flow_Phone'",
  );
  const definition = definitions.records[0];
  expect(definition).toMatchObject({ DeveloperName: 'Account_Flag_Flow_Phone', ActiveVersion: { VersionNumber: 1 } });
  const descriptionOfNew = async (): Promise<unknown> => {
    const created = await admin.sobject('Account').create({ Name: 'Flow probe', Phone: 'FLOW' });
    return (await admin.sobject('Account').retrieve(created.id as string, { fields: ['Description'] }))['Description'];
  };
  expect(await descriptionOfNew()).toBe('Set by flow');
  try {
    await admin.tooling.sobject('FlowDefinition').update({ Id: definition?.Id as string, Metadata: { activeVersionNumber: 0 } });
    expect(await descriptionOfNew()).toBeNull();
    const inactive = await admin.tooling.query<{ ActiveVersionId: string | null }>(`SELECT ActiveVersionId FROM FlowDefinition WHERE Id = '${definition?.Id as string}'`);
    expect(inactive.records[0]?.ActiveVersionId).toBeNull();
  } finally {
    await admin.tooling.sobject('FlowDefinition').update({ Id: definition?.Id as string, Metadata: { activeVersionNumber: 1 } });
  }
  expect(await descriptionOfNew()).toBe('Set by flow');
});
