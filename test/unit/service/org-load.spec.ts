/**
 * Org.load: options (sandbox flag, jobs file, sample data in `sf data tree` format, session lifetime),
 * the load summary, defaults and auto-numbers, and formula compile errors at load.
 */
import { join } from 'node:path';
import { Org } from '../../../emulator/org.js';
import { expect, FIXTURE_ORG, START, test, USER_FILES } from './org-fixture.js';

const clock = () => new Date(START.getTime());

test('summary, sandbox flag, jobs and data tree import', () => {
  const org = Org.load({
    source: FIXTURE_ORG, users: USER_FILES, clock, isSandbox: true, sessionSeconds: 60,
    jobs: join(FIXTURE_ORG, 'jobs.json'), data: join(FIXTURE_ORG, 'data', 'plan.json'),
  });
  try {
    expect(org.summary).toContain('2 flows (2 active)');
    expect(org.summary).toMatch(/formulas compiled: 5 validation rule\(s\), 1 formula field\(s\), 1 default value\(s\)/);
    expect(org.summary).toContain('data: 2 record(s) imported');
    const admin = org.service.loginWithPassword('admin@service.test', 'admin-pw', 'soap');
    expect(admin.expiresAt - admin.issuedAt).toBe(60_000);
    expect(org.service.isSandbox).toBe(true);
    const q = (soql: string) => org.service.query(admin, soql, { apiVersion: '62.0' }).records;
    expect(q('SELECT IsSandbox FROM Organization')[0]?.IsSandbox).toBe(true);
    expect(q('SELECT Name, Code__c, Total_Hours__c FROM Project__c')).toEqual([expect.objectContaining({ Name: 'Imported', Code__c: 'IMP-1', Total_Hours__c: 12 })]);
    const job = q('SELECT Status, NumberOfErrors, ExtendedStatus, CreatedDate, ApexClass.Name, CronTrigger.CronJobDetail.Name FROM AsyncApexJob')[0];
    expect(job).toMatchObject({
      Status: 'Failed', NumberOfErrors: 1, ExtendedStatus: 'First error: Too many DML rows', CreatedDate: '2025-06-02T07:00:00.000+0000',
      ApexClass: expect.objectContaining({ Name: 'SyncBatch' }),
      CronTrigger: expect.objectContaining({ CronJobDetail: expect.objectContaining({ Name: 'Nightly Sync' }) }),
    });
    expect(q('SELECT NextFireTime, State FROM CronTrigger')[0]).toMatchObject({ NextFireTime: '2025-06-03T02:00:00.000+0000', State: 'WAITING' });
  } finally {
    org.close();
  }
});

test('default value formulas and auto-numbers are set on create', ({ org, login }) => {
  const admin = login('admin');
  const project = org.service.create(admin, 'Project__c', { Name: 'P', Kickoff_Hours__c: 1 });
  expect(org.service.retrieve(admin, 'Project__c', project, ['Start_Date__c']).Start_Date__c).toBe('2025-06-09');
  const second = org.service.create(admin, 'Milestone__c', { Name: 'Second', Project__c: project });
  const refs = org.service.query(admin, 'SELECT Ref__c FROM Milestone__c ORDER BY Ref__c', { apiVersion: '62.0' }).records.map((r) => r.Ref__c);
  expect(refs).toEqual(['MS-0001', 'MS-0002']);
  expect(org.service.retrieve(admin, 'Milestone__c', second, ['Ref__c']).Ref__c).toBe('MS-0002');
});

test('without user files the org has one System Administrator, admin@postflight.test / postflight', () => {
  const org = Org.load({ source: FIXTURE_ORG, clock });
  try {
    const session = org.service.loginWithPassword('admin@postflight.test', 'postflight', 'soap');
    expect(org.service.user(session.userId)).toMatchObject({ profileName: 'System Administrator', apiOnly: false });
  } finally {
    org.close();
  }
});
