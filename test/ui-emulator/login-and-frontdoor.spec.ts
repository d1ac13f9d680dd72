import { test, expect, openAs, waitForLightning, ADMIN, INTEGRATION } from './support/ui-fixtures.js';

const INVALID_LOGIN = "Please check your username and password. If you still can't log in, contact your Salesforce administrator.";

test('a wrong password shows Salesforce\'s login error and no session', async ({ page }) => {
  await page.goto('/');
  await page.getByLabel('Username').fill(ADMIN.username);
  await page.getByLabel('Password').fill('not-the-password');
  await page.getByRole('button', { name: 'Log In' }).click();
  await expect(page.getByRole('alert')).toHaveText(INVALID_LOGIN);
  expect((await page.context().cookies()).find((c) => c.name === 'sid')).toBeUndefined();
});

test('logging in lands on home with a navigation tab per readable object', async ({ page }) => {
  await page.goto('/');
  await page.getByLabel('Username').fill(ADMIN.username);
  await page.getByLabel('Password').fill(ADMIN.password);
  await page.getByRole('button', { name: 'Log In' }).click();
  await expect(page).toHaveURL(/\/lightning\/page\/home$/);
  await waitForLightning(page);
  const nav = page.getByRole('navigation', { name: 'Global' });
  await expect(nav.getByRole('link', { name: 'Accounts' })).toBeVisible();
  await expect(nav.getByRole('link', { name: 'Opportunities' })).toBeVisible();
});

test('frontdoor turns an API session into an HttpOnly sid cookie and lands on retURL', async ({ page, org }) => {
  const accountId = org.service.seed('Account', { Name: 'Frontdoor Traders' });
  await openAs(page, org, ADMIN, `/lightning/r/Account/${accountId}/view`);
  await expect(page).toHaveURL(new RegExp(`/lightning/r/Account/${accountId}/view$`));
  await expect(page.locator('[slot="primaryField"]')).toHaveText('Frontdoor Traders');
  const sid = (await page.context().cookies()).find((c) => c.name === 'sid');
  expect(sid?.httpOnly).toBe(true);
});

test('frontdoor also accepts sid and retURL posted as a form', async ({ page, org }) => {
  const session = org.service.loginWithPassword(ADMIN.username, ADMIN.password, 'password');
  await page.setContent(`<form method="post" action="${org.baseUrl}/secur/frontdoor.jsp"><input name="sid" value="${session.accessToken}"><input name="retURL" value="/lightning/o/Account/list"><button>Go</button></form>`);
  await page.getByRole('button', { name: 'Go' }).click();
  await expect(page).toHaveURL(/\/lightning\/o\/Account\/list$/);
  await expect(page.getByRole('button', { name: 'New' })).toBeVisible();
});

test('frontdoor without a retURL lands on home', async ({ page, org }) => {
  const session = org.service.loginWithPassword(ADMIN.username, ADMIN.password, 'password');
  await page.goto(`/secur/frontdoor.jsp?sid=${session.accessToken}`);
  await expect(page).toHaveURL(/\/lightning\/page\/home$/);
});

test('an invalid sid at frontdoor shows the login page', async ({ page }) => {
  await page.goto('/secur/frontdoor.jsp?sid=00D000000000001!bogus&retURL=%2Flightning%2Fo%2FAccount%2Flist');
  await expect(page.getByRole('button', { name: 'Log In' })).toBeVisible();
  await expect(page).toHaveURL(/startURL=%2Flightning%2Fo%2FAccount%2Flist/);
});

test('an API-only user gets no UI session through frontdoor', async ({ page, org }) => {
  const session = org.service.loginWithPassword(INTEGRATION.username, INTEGRATION.password, 'password');
  await page.goto(`/secur/frontdoor.jsp?sid=${session.accessToken}`);
  await expect(page.getByRole('button', { name: 'Log In' })).toBeVisible();
});

test('an expired session sends any Lightning page to the login page, which returns there after login', async ({ page, org }) => {
  const accountId = org.service.seed('Account', { Name: 'Expiry Ltd' });
  await openAs(page, org, ADMIN, '/lightning/page/home');
  org.service.expireSessions();
  await page.goto(`/lightning/r/Account/${accountId}/view`);
  await expect(page.getByRole('button', { name: 'Log In' })).toBeVisible();
  await page.getByLabel('Username').fill(ADMIN.username);
  await page.getByLabel('Password').fill(ADMIN.password);
  await page.getByRole('button', { name: 'Log In' }).click();
  await expect(page).toHaveURL(new RegExp(`/lightning/r/Account/${accountId}/view$`));
  await expect(page.locator('[slot="primaryField"]')).toHaveText('Expiry Ltd');
});

test('a page without any session redirects to login with startURL', async ({ page }) => {
  const res = await page.request.get('/lightning/o/Account/list', { maxRedirects: 0 });
  expect(res.status()).toBe(302);
  expect(res.headers().location).toBe('/?startURL=%2Flightning%2Fo%2FAccount%2Flist');
});

test('logout ends the UI session', async ({ page, org }) => {
  await openAs(page, org, ADMIN, '/lightning/page/home');
  await page.getByRole('link', { name: 'Log Out' }).click();
  await expect(page.getByRole('button', { name: 'Log In' })).toBeVisible();
  await page.goto('/lightning/page/home');
  await expect(page.getByRole('button', { name: 'Log In' })).toBeVisible();
});

test('startURL pointing off-site is not followed after login', async ({ page }) => {
  await page.goto('/?startURL=https%3A%2F%2Fevil.example%2F');
  await page.getByLabel('Username').fill(ADMIN.username);
  await page.getByLabel('Password').fill(ADMIN.password);
  await page.getByRole('button', { name: 'Log In' }).click();
  await expect(page).toHaveURL(/\/lightning\/page\/home$/);
});
