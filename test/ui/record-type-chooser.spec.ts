/**
 * The support agent may use both Case record types (Support_Agent: `Case.Support` and `Case.Onboarding`
 * visible), so New Case first asks for one; the form that follows is the chosen record type's layout
 * (Onboarding Case Layout adds the Onboarding section) and the saved Case carries it.
 */
import { test, expect } from './support/index.js';

test('the support agent chooses "Onboarding" in New Case and gets an onboarding case', async ({ signIn, records }) => {
  const agent = await signIn('support-agent');
  const accountName = records.uniqueName('Fabrikam');
  const accountId = await records.create('Account', { Name: accountName });
  const subject = `Kick-off for ${accountName}`;

  const list = agent.listView('Case');
  await list.goto();
  const form = await list.startNew('Onboarding');
  // Only the Onboarding layout has Onboarding Stage (Case-Onboarding Case Layout, section Onboarding).
  expect(await form.labelOf('Case', 'Onboarding_Stage__c')).toBe('Onboarding Stage');
  expect(await form.isEditable('Onboarding Stage')).toBe(true);
  await form.fill('Subject', subject);
  await form.fill('Account Name', accountName);
  await form.fill('Case Origin', 'Email');
  await form.fill('Onboarding Stage', 'Kick-off');
  await form.save();
  await agent.toast.expectMessage(/Case "\d+" was created\./);

  const page = agent.recordPage('Case');
  const caseId = await page.currentRecordId();
  records.track('Case', caseId);
  const saved = await agent.conn.query<{ Subject: string; AccountId: string; Origin: string; Onboarding_Stage__c: string; RecordType: { DeveloperName: string } }>(
    `SELECT Subject, AccountId, Origin, Onboarding_Stage__c, RecordType.DeveloperName FROM Case WHERE Id = '${caseId}'`,
  );
  expect(saved.records[0]).toMatchObject({ Subject: subject, AccountId: accountId, Origin: 'Email', Onboarding_Stage__c: 'Kick-off', RecordType: { DeveloperName: 'Onboarding' } });

  // Case_Onboarding_Task runs on onboarding cases created by anyone, not only those the flow opened.
  const tasks = await records.admin.query<{ Id: string; Subject: string }>(`SELECT Id, Subject FROM Task WHERE WhatId = '${caseId}'`);
  for (const t of tasks.records) records.track('Task', t.Id);
  expect(tasks.records.map((t) => t.Subject)).toEqual(['Kick-off call']);
});

test('the default record type (Support) gives the support layout, without Onboarding Stage', async ({ signIn }) => {
  const agent = await signIn('support-agent');
  const list = agent.listView('Case');
  await list.goto();
  const form = await list.startNew();
  await expect(form.root.getByRole('heading', { name: 'New Case' })).toBeVisible();
  expect(await form.isEditable('Subject')).toBe(true);
  await expect(form.labelOf('Case', 'Onboarding_Stage__c')).rejects.toThrow(/Case\.Onboarding_Stage__c is not on this form/);
  await form.cancel();
});
