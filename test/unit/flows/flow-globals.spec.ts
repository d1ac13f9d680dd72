/**
 * Globals inside flows, run by the whole emulated org (Org.load: real users, profiles, roles, permission
 * sets, a hierarchy custom setting), from the fixture project `fixtures/globals-org`:
 *
 * - `Deal_Stamp_Globals` (before save, Scenario__c = Stamp): copies `$User`, `$Profile`, `$UserRole`,
 *   `$Permission`, `$Setup`, `$Organization` onto the deal through assignments, a Get Records filter on
 *   `{!$User.Id}`, a formula and a text template.
 * - `Deal_Kill_Switch` (after save, Scenario__c = Switch): a Decision on
 *   `$Setup.Flow_Settings__c.Feature_Enabled__c` (checkbox, default true) creates a follow-up deal.
 * - `Deal_Unsupported_Global` (before save, Scenario__c = Unsupported): reads `{!$Api.Session_ID}`.
 * - `Deal_Scheduled_Stamp` (after save, Scenario__c = Later): a scheduled path stamps `{!$User.Id}`.
 * - `Deal_Scheduled_Follow_Ups` (Scenario__c = Follow up): used by automated-process-user.spec.ts.
 * - `Deal__c.Feature_On__c` (formula) and the rule `Feature_Required` read the same setting.
 * - Users: admin (System Administrator, Department IT), approver (Deals_User + Deal_Approver, which grants
 *   the custom permission Approve_Deals; role Regional_Manager; Sales), clerk (Deals_User only; Support).
 */
import { join } from 'node:path';
import type { Session, WireRecord } from '../../../emulator/contracts.js';
import type { Org } from '../../../emulator/org.js';
import { expect, failure, orgTest } from '../service/org-fixture.js';

const PROJECT = join(import.meta.dirname, 'fixtures', 'globals-org');

const test = orgTest<'admin' | 'approver' | 'clerk'>(PROJECT, 'globals.test');

/** Saves a deal as `session` and reads it back as that user. */
function saveDeal(org: Org, session: Session, values: WireRecord): WireRecord {
  const id = org.service.create(session, 'Deal__c', { Name: 'Deal', ...values });
  return org.service.retrieve(session, 'Deal__c', id);
}

/** Writes a Flow_Settings__c row for the org (org default), a profile or a user, as the admin. */
function writeSetting(org: Org, owner: string, values: WireRecord): void {
  const admin = org.service.loginWithPassword('admin@globals.test', 'admin-pw', 'soap');
  org.service.create(admin, 'Flow_Settings__c', { SetupOwnerId: owner, ...values });
}

function profileIdOf(org: Org, session: Session): string {
  return org.service.user(session.userId).profileId;
}

test.describe('$User, $Profile, $UserRole, $Permission, $Organization in a flow', () => {
  test('$User fields in assignments and in a Get Records filter are the user whose save triggered the flow', ({ org, login }) => {
    const clerk = login('clerk');
    const deal = saveDeal(org, clerk, { Scenario__c: 'Stamp' });
    expect(deal).toMatchObject({
      Stamp_User__c: clerk.userId,
      Department__c: 'Support',
      Running_Username__c: 'clerk@globals.test',
      Label__c: 'Clerk at Flow Globals Org',
    });
  });

  test('$User, $Profile, $Permission, $Setup and $UserRole inside a flow formula', ({ org, login }) => {
    expect(saveDeal(org, login('approver'), { Scenario__c: 'Stamp' }).Summary__c).toBe('Sales / Deals_User / approver / on / Regional_Manager');
    expect(saveDeal(org, login('clerk'), { Scenario__c: 'Stamp' }).Summary__c).toBe('Support / Deals_User / on / no role');
  });

  test('$Permission is true for a user holding the custom permission, false for one who does not', ({ org, login }) => {
    expect(saveDeal(org, login('approver'), { Scenario__c: 'Stamp' }).Can_Approve__c).toBe(true);
    expect(saveDeal(org, login('clerk'), { Scenario__c: 'Stamp' }).Can_Approve__c).toBe(false);
    // A System Administrator holds a custom permission only when something assigns it, as in a real org.
    expect(saveDeal(org, login('admin'), { Scenario__c: 'Stamp' }).Can_Approve__c).toBe(false);
  });

  test('$Profile.Name is the running user\'s profile', ({ org, login }) => {
    expect(saveDeal(org, login('approver'), { Scenario__c: 'Stamp' }).Profile_Name__c).toBe('Deals_User');
    expect(saveDeal(org, login('admin'), { Scenario__c: 'Stamp' }).Profile_Name__c).toBe('System Administrator');
  });

  test('$UserRole.Name and DeveloperName for a user with a role; blank for a user without one', ({ org, login }) => {
    expect(saveDeal(org, login('approver'), { Scenario__c: 'Stamp' })).toMatchObject({
      Role_Name__c: 'Regional Manager', Role_Developer_Name__c: 'Regional_Manager',
    });
    expect(saveDeal(org, login('clerk'), { Scenario__c: 'Stamp' })).toMatchObject({ Role_Name__c: null, Role_Developer_Name__c: null });
  });

  test('$Organization.Name is the org\'s name', ({ org, login }) => {
    expect(saveDeal(org, login('clerk'), { Scenario__c: 'Stamp' }).Org_Name__c).toBe('Flow Globals Org');
  });

  test('a global in a Create Records value is the triggering user, though the flow creates in system context', ({ org, login }) => {
    const clerk = login('clerk');
    saveDeal(org, clerk, { Name: 'Renewal', Scenario__c: 'Switch' });
    const followUps = org.service.query(clerk, "SELECT Stamp_User__c, OwnerId FROM Deal__c WHERE Name = 'Follow-up: Renewal'", { apiVersion: '62.0' }).records;
    expect(followUps).toEqual([expect.objectContaining({ Stamp_User__c: clerk.userId, OwnerId: clerk.userId })]);
  });
});

test.describe('$Setup in a flow: the hierarchy custom setting Flow_Settings__c', () => {
  test('with no setting row at any level, fields read their default values (checkbox true, text formula "Hello")', ({ org, login }) => {
    expect(saveDeal(org, login('clerk'), { Scenario__c: 'Stamp' })).toMatchObject({ Feature_Enabled__c: true, Greeting__c: 'Hello' });
  });

  test('the org default applies to every user', ({ org, login }) => {
    writeSetting(org, org.service.orgId, { Feature_Enabled__c: false, Greeting__c: 'Hi' });
    expect(saveDeal(org, login('clerk'), { Scenario__c: 'Stamp' })).toMatchObject({ Feature_Enabled__c: false, Greeting__c: 'Hi' });
    expect(saveDeal(org, login('approver'), { Scenario__c: 'Stamp' })).toMatchObject({ Feature_Enabled__c: false, Greeting__c: 'Hi' });
  });

  test('a user-level row overrides the org default for that user only', ({ org, login }) => {
    const approver = login('approver');
    writeSetting(org, org.service.orgId, { Feature_Enabled__c: false, Greeting__c: 'Hi' });
    writeSetting(org, approver.userId, { Feature_Enabled__c: true, Greeting__c: 'Welcome back' });
    expect(saveDeal(org, approver, { Scenario__c: 'Stamp' })).toMatchObject({ Feature_Enabled__c: true, Greeting__c: 'Welcome back' });
    expect(saveDeal(org, login('clerk'), { Scenario__c: 'Stamp' })).toMatchObject({ Feature_Enabled__c: false, Greeting__c: 'Hi' });
  });

  test('a profile-level row sits between the user and the org default; a blank field reads the level above', ({ org, login }) => {
    const clerk = login('clerk');
    writeSetting(org, org.service.orgId, { Feature_Enabled__c: true, Greeting__c: 'Hi' });
    writeSetting(org, profileIdOf(org, clerk), { Feature_Enabled__c: false, Greeting__c: null });
    expect(saveDeal(org, clerk, { Scenario__c: 'Stamp' })).toMatchObject({ Feature_Enabled__c: false, Greeting__c: 'Hi' });
    expect(saveDeal(org, login('admin'), { Scenario__c: 'Stamp' })).toMatchObject({ Feature_Enabled__c: true });
  });

  test('a Decision on the kill switch: on by default, off through the org default, back on for one user', ({ org, login }) => {
    const clerk = login('clerk');
    const approver = login('approver');
    const followUps = (): unknown[] => org.service.query(clerk, "SELECT Name FROM Deal__c WHERE Name LIKE 'Follow-up:%'", { apiVersion: '62.0' })
      .records.map((r) => r.Name).sort();

    saveDeal(org, clerk, { Name: 'Default', Scenario__c: 'Switch' });
    expect(followUps()).toEqual(['Follow-up: Default']);

    writeSetting(org, org.service.orgId, { Feature_Enabled__c: false });
    saveDeal(org, clerk, { Name: 'Switched off', Scenario__c: 'Switch' });
    expect(followUps()).toEqual(['Follow-up: Default']);

    writeSetting(org, approver.userId, { Feature_Enabled__c: true });
    saveDeal(org, approver, { Name: 'Approver override', Scenario__c: 'Switch' });
    expect(followUps()).toEqual(['Follow-up: Approver override', 'Follow-up: Default']);
  });
});

test.describe('$Setup default values in validation rules and formula fields', () => {
  test('a validation rule reads the checkbox default (true) when no row exists, and the org default once written', ({ org, login }) => {
    const clerk = login('clerk');
    expect(() => saveDeal(org, clerk, { Scenario__c: 'Guarded' })).not.toThrow();
    writeSetting(org, org.service.orgId, { Feature_Enabled__c: false });
    const error = failure(() => saveDeal(org, clerk, { Scenario__c: 'Guarded' }));
    expect(error.errorCode).toBe('FIELD_CUSTOM_VALIDATION_EXCEPTION');
    expect(error.message).toBe('The feature is switched off.');
  });

  test('a formula field reads the default with no row, then each reader\'s own level', ({ org, login }) => {
    const clerk = login('clerk');
    const approver = login('approver');
    const id = org.service.create(clerk, 'Deal__c', { Name: 'Read me' });
    expect(org.service.retrieve(clerk, 'Deal__c', id).Feature_On__c).toBe(true);
    writeSetting(org, org.service.orgId, { Feature_Enabled__c: false });
    writeSetting(org, approver.userId, { Feature_Enabled__c: true });
    expect(org.service.retrieve(clerk, 'Deal__c', id).Feature_On__c).toBe(false);
    expect(org.service.retrieve(approver, 'Deal__c', id).Feature_On__c).toBe(true);
  });
});

test.describe('$Setup text defaults outside flows', () => {
  test('a formula field reads a text setting\'s formula default with no row, then the org default once written', ({ org, login }) => {
    // The admin: the field is new and only System Administrator's field access covers it.
    const admin = login('admin');
    const id = org.service.create(admin, 'Deal__c', { Name: 'Greet me' });
    expect(org.service.retrieve(admin, 'Deal__c', id).Setting_Greeting__c).toBe('Hello');
    writeSetting(org, org.service.orgId, { Greeting__c: 'Bonjour' });
    expect(org.service.retrieve(admin, 'Deal__c', id).Setting_Greeting__c).toBe('Bonjour');
  });
});

test.describe('globals the emulator cannot answer, and scheduled paths', () => {
  test('a global the org cannot answer ($Api.Session_ID) fails the save with a message naming it, never blank', ({ org, login }) => {
    const clerk = login('clerk');
    const error = failure(() => saveDeal(org, clerk, { Scenario__c: 'Unsupported' }));
    expect(error.errorCode).toBe('CANNOT_EXECUTE_FLOW_TRIGGER');
    expect(error.message).toContain('Deal Unsupported Global');
    expect(error.message).toContain('{!$Api.Session_ID}');
    expect(org.service.query(clerk, 'SELECT Id FROM Deal__c', { apiVersion: '62.0' }).records).toEqual([]);
  });

  test('a scheduled path reads $User as the Automated Process user, not the user who saved', ({ org, login }) => {
    const clerk = login('clerk');
    const id = org.service.create(clerk, 'Deal__c', { Name: 'Later', Scenario__c: 'Later' });
    expect(org.service.retrieve(clerk, 'Deal__c', id).Stamp_User__c).toBeNull();
    org.advanceClock(61 * 60 * 1000);
    const deal = org.service.retrieve(clerk, 'Deal__c', id);
    expect(deal.Stamp_User__c).toBe(org.service.automatedProcessUserId());
    // The path's Update Records is that user's edit too (automated-process-user.spec.ts covers creates).
    expect(deal.LastModifiedById).toBe(org.service.automatedProcessUserId());
  });
});
