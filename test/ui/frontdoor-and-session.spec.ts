/**
 * Getting into Lightning the way the suite does (API session -> POST /secur/frontdoor.jsp with `sid` and
 * `retURL`, protocol reference §2.4), and what happens when that UI session expires: Lightning sends the
 * browser to the login page, and `waitForLightning` says so instead of timing out on a missing template;
 * with the suite's renewal in place, a new session is bridged and the page opens where it was going.
 */
import { test, expect } from './support/index.js';
import { waitForLightning } from '../../src/pages/index.js';
import { renewLightningSessionOnLogin } from '../../src/salesforce/ui-session-renewal.js';
import { openDealOwnedBy } from './support/deals.js';

const LOGIN_PAGE_MESSAGE = /expected a Lightning page but landed on the login page \(\/\): the UI session is missing or expired/;

test('frontdoor lands on the record page named by retURL', async ({ signIn, records, sampleOrg }) => {
  const owner = await signIn('sales-rep');
  const deal = await openDealOwnedBy(owner, records);
  const retURL = `/lightning/r/Opportunity/${deal.opportunityId}/view`;

  const rep = await signIn('sales-rep', retURL);
  expect(rep.landedOn.href).toBe(`${sampleOrg.url}${retURL}`);
  await rep.page.goto(rep.landedOn.href);
  const page = rep.recordPage('Opportunity');
  await page.waitUntilReady();
  expect(await page.title()).toBe(deal.opportunityName);
  expect(await page.readField('Account Name')).toBe(deal.accountName);
});

test('an expired UI session is sent to the login page, and waitForLightning says so', async ({ signIn, records, sampleOrg }) => {
  const rep = await signIn('sales-rep');
  const deal = await openDealOwnedBy(rep, records);
  const page = rep.recordPage('Opportunity');
  await page.goto(deal.opportunityId);
  expect(await page.title()).toBe(deal.opportunityName);

  // The org service's test hook: every session of the rep ends, as after the org's session timeout.
  sampleOrg.org.service.expireSessions(rep.userId);

  await expect(page.goto(deal.opportunityId)).rejects.toThrow(LOGIN_PAGE_MESSAGE);
  await expect(waitForLightning(rep.page)).rejects.toThrow(LOGIN_PAGE_MESSAGE);
  await expect(rep.page.getByLabel('Username')).toBeVisible();
  await expect(rep.page.getByLabel('Password')).toBeVisible();
  await expect(rep.page.getByRole('button', { name: 'Log In' })).toBeVisible();
  // The login page keeps the page the user asked for, to return there after logging in.
  expect(new URL(rep.page.url()).searchParams.get('startURL')).toBe(`/lightning/r/Opportunity/${deal.opportunityId}/view`);
});

test('an expired UI session is renewed through frontdoor, and the page opens where it was going', async ({ signIn, records, sampleOrg }) => {
  const rep = await signIn('sales-rep');
  const deal = await openDealOwnedBy(rep, records);
  let renewals = 0;
  // As fixtures/ui-session.fixture.ts does it: a fresh API session by the persona's own method, then frontdoor.
  await renewLightningSessionOnLogin(
    rep.page.context(),
    'sales-rep',
    async () => {
      renewals += 1;
      // The API session ended too; jsforce logs in again (conn.login's own refresh) on the 401.
      await rep.conn.query('SELECT Id FROM User LIMIT 1');
      return rep.conn.accessToken ?? '';
    },
    async () => undefined,
  );
  const page = rep.recordPage('Opportunity');
  await page.goto(deal.opportunityId);

  sampleOrg.org.service.expireSessions(rep.userId);

  await page.goto(deal.opportunityId);
  expect(await page.title()).toBe(deal.opportunityName);
  expect(new URL(rep.page.url()).pathname).toBe(`/lightning/r/Opportunity/${deal.opportunityId}/view`);
  expect(renewals).toBe(1);
});
