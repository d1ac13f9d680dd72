/**
 * Formula coverage as a client sees it over HTTP, through jsforce: the fixture project of the service
 * tests (`test/unit/service/fixtures/formula-org`, described in formula-coverage.spec.ts there) served on
 * a loopback port. What only the wire can prove: the markup of IMAGE and HYPERLINK travels as the JSON
 * string a real org sends, `$Api.Partner_Server_URL_540` is built on the URL the org is actually served
 * on, and a DML on a custom metadata type is refused with the status and body of a read-only entity.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { test as base, expect } from '@playwright/test';
import { Connection } from '@jsforce/jsforce-node';
import { Org } from '../../emulator/org.js';
import { createOrgServer } from '../../emulator/http/server.js';

const FORMULA_ORG = fileURLToPath(new URL('../unit/service/fixtures/formula-org/', import.meta.url));
const API_VERSION = '62.0';

interface Served {
  org: Org;
  url: string;
  /** HTTP status of every response, oldest first. */
  statuses: number[];
}

const test = base.extend<{ alice: Connection }, { served: Served }>({
  served: [
    async ({}, use) => {
      const users = readdirSync(`${FORMULA_ORG}users`).map((f) => `${FORMULA_ORG}users/${f}`);
      const org = Org.load({ source: FORMULA_ORG, users });
      const statuses: number[] = [];
      const server = createOrgServer(org, { log: () => undefined });
      server.on('request', (_req: http.IncomingMessage, res: http.ServerResponse) => res.on('finish', () => statuses.push(res.statusCode)));
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      const { port } = server.address() as AddressInfo;
      await use({ org, url: `http://127.0.0.1:${port}`, statuses });
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      org.close();
    },
    { scope: 'worker', box: true },
  ],
  alice: async ({ served }, use) => {
    const conn = new Connection({ loginUrl: served.url, instanceUrl: served.url, version: API_VERSION });
    await conn.login('alice@formula.test', 'alice-pw');
    await use(conn);
  },
});

test('a record read over REST carries the IMAGE and HYPERLINK markup, the owner\'s name and $Api on the served URL', async ({ alice, served }) => {
  const created = await alice.sobject('Job__c').create({ Name: 'Wire job', Status__c: 'Green' });
  const id = String(created.id);
  const job = await alice.sobject('Job__c').retrieve(id) as Record<string, unknown>;
  expect(job).toMatchObject({
    Status_Icon__c: '<img src="/img/samples/light_green.gif" alt="On track" style="height:16px; width:16px;" border="0"/>',
    // `"/" & Id`: a formula reads the 15-character id; CASESAFEID (Safe_Id__c) the 18-character one.
    Open_Link__c: `<a href="/${id.slice(0, 15)}" target="_self">Wire job</a>`,
    Safe_Id__c: id,
    Owner_First_Name__c: 'Alice',
    Owner_Queue_Name__c: null,
    Start_Month__c: 4,
    Partner_Url__c: `${served.url}/services/Soap/u/54.0/${served.org.service.orgId.slice(0, 15)}`,
  });
  const describe = await alice.sobject('Job__c').describe();
  expect(describe.fields.find((f) => f.name === 'Status_Icon__c')).toMatchObject({ calculated: true, htmlFormatted: true, type: 'string' });
});

test('Job_Setting__mdt is queryable, and a create on it is refused as a read-only entity (400)', async ({ alice, served }) => {
  const { records } = await alice.query<{ DeveloperName: string; Region__c: string }>('SELECT DeveloperName, Region__c FROM Job_Setting__mdt ORDER BY DeveloperName');
  expect(records.map((r) => [r.DeveloperName, r.Region__c])).toEqual([['Default', 'EMEA'], ['Other', 'APAC']]);
  const refused = await alice.sobject('Job_Setting__mdt').create({ DeveloperName: 'New', MasterLabel: 'New' }).then(
    () => null,
    (error: { errorCode?: string; message?: string }) => error,
  );
  expect(refused).toMatchObject({ errorCode: 'INSUFFICIENT_ACCESS_OR_READONLY', message: 'entity is read-only' });
  expect(served.statuses.at(-1)).toBe(400);
});
