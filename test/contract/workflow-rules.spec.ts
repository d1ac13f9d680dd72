/**
 * Workflow field updates seen through jsforce, as a client of a real org sees them
 * (`fixtures/contract-org/force-app/main/default/workflows/Account.workflow-meta.xml`, rules keyed on
 * Phone so no other row meets them): the create or update response is the plain success, and the field
 * update is in the record read back; a field update that breaks system validation fails the request
 * (400) and saves nothing; one that a custom validation rule would refuse is saved, since custom rules
 * are not run again on the workflow's second save.
 */
import { expect, test, unique } from './fixtures/emulator.fixture.js';

test('create meeting the criteria -> 201, and the record read back holds the field update', async ({ admin, outcome }) => {
  const created = await outcome(() => admin.sobject('Account').create({ Name: unique('Workflow'), Phone: 'WORKFLOW' }));
  expect(created).toMatchObject({ status: 201, value: { success: true } });
  const id = (created.value as { id: string }).id;
  expect(await admin.sobject('Account').retrieve(id)).toMatchObject({ Description: 'Set by workflow rule' });

  const other = await admin.sobject('Account').create({ Name: unique('No workflow'), Phone: 'OTHER' });
  expect(await admin.sobject('Account').retrieve((other as { id: string }).id)).toMatchObject({ Description: null });
});

test('update to meet the criteria (created, and every time edited) -> 204, the field update follows', async ({ admin, outcome }) => {
  const { id } = await admin.sobject('Account').create({ Name: unique('Later'), Phone: 'OTHER' }) as { id: string };
  const updated = await outcome(() => admin.sobject('Account').update({ Id: id, Phone: 'WORKFLOW' }));
  expect(updated).toMatchObject({ status: 204, value: { success: true } });
  expect(await admin.sobject('Account').retrieve(id)).toMatchObject({ Phone: 'WORKFLOW', Description: 'Set by workflow rule' });
});

test('a field update too long for its field -> 400 STRING_TOO_LONG, and nothing is saved', async ({ admin, outcome }) => {
  const name = unique('Overflowing account name');
  const created = await outcome(() => admin.sobject('Account').create({ Name: name, Phone: 'WORKFLOW-LONG' }));
  expect(created).toMatchObject({ status: 400, errorCode: 'STRING_TOO_LONG' });
  expect(created.message).toMatch(/^Account Number: data value too large: /);
  expect((await admin.query(`SELECT Id FROM Account WHERE Name = '${name}'`)).totalSize).toBe(0);
});

test('a field update a custom validation rule would refuse is saved; the user\'s next save meets the rule', async ({ admin, outcome }) => {
  const { id } = await admin.sobject('Account').create({ Name: unique('Renamed'), Phone: 'WORKFLOW-RENAME' }) as { id: string };
  expect(await admin.sobject('Account').retrieve(id)).toMatchObject({ Name: 'Forbidden' });
  const edited = await outcome(() => admin.sobject('Account').update({ Id: id, Site: 'HQ' }));
  expect(edited).toMatchObject({ status: 400, errorCode: 'FIELD_CUSTOM_VALIDATION_EXCEPTION', message: 'The name Forbidden is not allowed.' });
});
