/**
 * The Automated Process user: seeded in every org, the user scheduled paths run as, and a user nobody
 * can log in as.
 *
 * - Flows, from the fixture project `fixtures/globals-org` (see flow-globals.spec.ts for the rest):
 *   `Deal_Scheduled_Follow_Ups` (after save, Scenario__c = "Follow up") has a scheduled path one hour
 *   later that creates an unowned deal named "Follow-up by {!$User.Alias}" with Scenario__c = Stamp (so
 *   the before-save `Deal_Stamp_Globals` stamps the globals of whoever saves it), then a deal owned by
 *   the triggering deal's owner. `Deal_Scheduled_Stamp` (Scenario__c = Later) stamps `{!$User.Id}`.
 * - The sample org (`org/`): `Closed_Won_Onboarding`'s `Seven_Days_After_Close` path creates the
 *   "Onboarding check-in" Task, given to the opportunity owner explicitly.
 * - Logins go over HTTP to the contract fixture org, which has a connected app for OAuth.
 */
import { readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { Connection } from '@jsforce/jsforce-node';
import { importPKCS8, SignJWT } from 'jose';
import type { WireRecord } from '../../../emulator/contracts.js';
import { createOrgServer } from '../../../emulator/http/server.js';
import { Org } from '../../../emulator/org.js';
import { API_VERSION, CONNECTED_APP, CONTRACT_ORG, JWT_KEY } from '../../contract/fixtures/emulator.fixture.js';
import { expect, orgTest, START, userFiles } from '../service/org-fixture.js';

const GLOBALS_ORG = join(import.meta.dirname, 'fixtures', 'globals-org');
const SAMPLE_ORG = resolve(import.meta.dirname, '../../../org');
const API = { apiVersion: '62.0' };

const test = orgTest<'admin' | 'clerk'>(GLOBALS_ORG, 'globals.test');

const HOUR = 60 * 60 * 1000;

test.describe('the seeded user', () => {
  test('every org has one Automated Process user: alias autoproc, type AutomatedProcess, active, with a profile nobody can query', ({ org, login }) => {
    const admin = login('admin');
    const rows = org.service.query(admin, "SELECT Id, Username, Name, FirstName, LastName, Alias, UserType, IsActive, Profile.Name FROM User WHERE UserType = 'AutomatedProcess'", API).records;
    expect(rows).toEqual([expect.objectContaining({
      Id: org.service.automatedProcessUserId(), Username: `autoproc@${org.service.orgId.toLowerCase()}`,
      Name: 'Automated Process', FirstName: null, LastName: 'Automated Process', Alias: 'autoproc', UserType: 'AutomatedProcess', IsActive: true, Profile: null,
    })]);
    // The project's own users are still the only ones with Standard user type: three definition files.
    expect(org.service.query(admin, "SELECT Username FROM User WHERE UserType = 'Standard'", API).records).toHaveLength(3);
    // It is not an admin stand-in: the first admin still imports data (org.ts) and is a different user.
    expect(org.service.automationUserId()).toBe(admin.userId);
  });

  test('its id is the same in every org load', () => {
    const load = (): Org => Org.load({ source: GLOBALS_ORG, users: userFiles(GLOBALS_ORG), clock: () => START });
    const [first, second] = [load(), load()];
    try {
      expect(first.service.automatedProcessUserId()).toBe(second.service.automatedProcessUserId());
      expect(first.service.automatedProcessUserId()).toMatch(/^005/);
    } finally {
      first.close();
      second.close();
    }
  });
});

test.describe('scheduled paths run as the Automated Process user', () => {
  test('a record the path creates without an owner is created, last modified and owned by it; $User in the path reads it', ({ org, login }) => {
    const clerk = login('clerk');
    const admin = login('admin');
    const automatedProcess = org.service.automatedProcessUserId();
    org.service.create(clerk, 'Deal__c', { Name: 'Trigger', Scenario__c: 'Follow up' });
    const followUps = (): WireRecord[] => org.service.query(admin, "SELECT Name, CreatedById, LastModifiedById, OwnerId FROM Deal__c WHERE Name != 'Trigger' ORDER BY Name", API).records;
    expect(followUps()).toEqual([]);
    org.advanceClock(HOUR + 60_000);
    expect(followUps()).toEqual([
      // "Follow-up by {!$User.Alias}": the path's $User is the Automated Process user.
      expect.objectContaining({ Name: 'Follow-up by autoproc', CreatedById: automatedProcess, LastModifiedById: automatedProcess, OwnerId: automatedProcess }),
      // An explicit OwnerId in Create Records still decides the owner; the creator stays the Automated Process user.
      expect.objectContaining({ Name: 'Owned follow-up', CreatedById: automatedProcess, OwnerId: clerk.userId }),
    ]);
  });

  test('a flow that runs on a save the path makes sees the Automated Process user too: its username, and no profile name', ({ org, login }) => {
    const clerk = login('clerk');
    const admin = login('admin');
    const automatedProcess = org.service.automatedProcessUserId();
    org.service.create(clerk, 'Deal__c', { Name: 'Trigger', Scenario__c: 'Follow up' });
    org.advanceClock(HOUR + 60_000);
    const stamped = org.service.query(admin, "SELECT Stamp_User__c, Running_Username__c, Profile_Name__c, Department__c FROM Deal__c WHERE Name = 'Follow-up by autoproc'", API).records;
    expect(stamped).toEqual([expect.objectContaining({
      Stamp_User__c: automatedProcess, Running_Username__c: `autoproc@${org.service.orgId.toLowerCase()}`, Profile_Name__c: null, Department__c: null,
    })]);
  });

  test('the sample org\'s Seven_Days_After_Close path gives the "Onboarding check-in" task to the opportunity owner, created by the Automated Process user', () => {
    const org = Org.load({ source: SAMPLE_ORG, users: userFiles(SAMPLE_ORG), isSandbox: true, clock: () => new Date(START.getTime()) });
    try {
      const rep = org.service.loginWithPassword('sales.rep@postflight.test', 'postflight-sales-1', 'soap');
      const admin = org.service.loginWithPassword('admin@postflight.test', 'postflight-admin-1', 'soap');
      const accountId = org.service.create(admin, 'Account', { Name: 'Check-in Co' });
      const opportunityId = org.service.create(rep, 'Opportunity', { Name: 'Check-in deal', AccountId: accountId, StageName: 'Negotiation/Review', CloseDate: '2025-06-30' });
      org.service.update(rep, 'Opportunity', opportunityId, { StageName: 'Closed Won' });
      const checkIns = (): WireRecord[] => org.service.query(admin, `SELECT OwnerId, CreatedById, Status, ActivityDate FROM Task WHERE WhatId = '${opportunityId}' AND Subject = 'Onboarding check-in'`, API).records;
      org.advanceClock(6 * 24 * HOUR);
      expect(checkIns()).toEqual([]);
      org.advanceClock(24 * HOUR + 60_000);
      expect(checkIns()).toEqual([expect.objectContaining({
        OwnerId: rep.userId, CreatedById: org.service.automatedProcessUserId(), Status: 'Not Started', ActivityDate: '2025-06-09',
      })]);
    } finally {
      org.close();
    }
  });

  test('before any path runs, the user who saved is still the one flows run as (record-triggered flows are unchanged)', ({ org, login }) => {
    const clerk = login('clerk');
    const id = org.service.create(clerk, 'Deal__c', { Name: 'Now', Scenario__c: 'Stamp' });
    expect(org.service.retrieve(clerk, 'Deal__c', id)).toMatchObject({ Stamp_User__c: clerk.userId, CreatedById: clerk.userId });
  });
});

test.describe('nobody logs in as the Automated Process user', () => {
  test('the service refuses it for every grant, with or without a password', ({ org }) => {
    const username = org.service.user(org.service.automatedProcessUserId()).username;
    for (const grant of ['soap', 'password', 'ui-login'] as const) {
      expect(() => org.service.loginWithPassword(username, '', grant)).toThrow(expect.objectContaining({ errorCode: 'INVALID_LOGIN' }));
    }
    for (const grant of ['jwt-bearer', 'client_credentials', 'frontdoor'] as const) {
      expect(() => org.service.loginAsUser(username, grant)).toThrow(expect.objectContaining({ errorCode: 'INVALID_LOGIN' }));
    }
  });

  test.describe('over HTTP', () => {
    let server: http.Server;
    let org: Org;
    let url = '';
    let username = '';

    test.beforeAll(async () => {
      org = Org.load({ source: CONTRACT_ORG, users: userFiles(CONTRACT_ORG) });
      username = org.service.user(org.service.automatedProcessUserId()).username;
      server = createOrgServer(org, { log: () => undefined });
      await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
      url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    });

    test.afterAll(async () => {
      server.closeAllConnections();
      await new Promise<void>((done) => server.close(() => done()));
      org.close();
    });

    test('SOAP login is refused with INVALID_LOGIN', async () => {
      const conn = new Connection({ loginUrl: url, version: API_VERSION });
      await expect(conn.login(username, 'anything')).rejects.toThrow(/^INVALID_LOGIN: /);
    });

    test('the OAuth password grant is refused with invalid_grant', async () => {
      const conn = new Connection({ loginUrl: url, version: API_VERSION, oauth2: { clientId: CONNECTED_APP.clientId, clientSecret: CONNECTED_APP.clientSecret, loginUrl: url } });
      await expect(conn.login(username, 'anything')).rejects.toMatchObject({ name: 'invalid_grant', message: 'authentication failure' });
    });

    test('a JWT bearer assertion naming it, validly signed, is refused with invalid_grant', async () => {
      const key = await importPKCS8(readFileSync(JWT_KEY, 'utf8'), 'RS256');
      const assertion = await new SignJWT({}).setProtectedHeader({ alg: 'RS256' }).setIssuer(CONNECTED_APP.clientId).setSubject(username)
        .setAudience(url).setExpirationTime(Math.floor(Date.now() / 1000) + 180).sign(key);
      const response = await fetch(`${url}/services/oauth2/token`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion }),
      });
      expect(response.status).toBe(400);
      expect(await response.json()).toEqual({ error: 'invalid_grant', error_description: 'authentication failure' });
    });
  });
});
