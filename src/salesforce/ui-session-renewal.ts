/**
 * A Lightning session that ended mid-run (expired, or ended by the org) sends the browser to the login page, as
 * a real org does. A person would log in again; the suite does the same: it asks the persona's auth method for
 * a fresh API session, bridges it through frontdoor.jsp (POSTed: the token never sits in a URL), and sends the
 * browser back to the page it was going to. A page that lands on the login page again after two renewals is
 * left there, and `waitForLightning` reports the expired session (an environment problem).
 *
 * Only top-level GET navigations to Lightning pages are watched: they are where a real org answers an ended
 * session with a redirect to the login page.
 */
import type { APIResponse, BrowserContext, Route } from '@playwright/test';
import { isLoginPage } from '../pages/lightning-ready.js';
import { noteRefresh } from './request-path.js';

const MAX_RENEWALS_PER_PAGE_LOAD = 2;

/**
 * The page's answer, fetched on the browser's behalf. A GET navigation is safe to send again, and a kept-alive
 * connection that the server closed as it was reused fails with a reset that a browser retries by itself: so
 * does this, once. Undefined when it still fails.
 */
async function fetchNavigation(route: Route): Promise<APIResponse | undefined> {
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      return await route.fetch({ maxRedirects: 0 });
    } catch {
      // Tried again below, then left to the browser.
    }
  }
  return undefined;
}

/**
 * @param renew returns a fresh access token for the persona (one token request)
 * @param onRenewed called after the browser holds the new session (to save it for the persona's next tests)
 */
export async function renewLightningSessionOnLogin(
  context: BrowserContext,
  persona: string,
  renew: () => Promise<string>,
  onRenewed: () => Promise<void>,
): Promise<void> {
  const renewals = new Map<string, number>();
  await context.route(
    (url) => url.pathname.startsWith('/lightning/'),
    async (route) => {
      const request = route.request();
      if (!request.isNavigationRequest() || request.method() !== 'GET' || request.frame().parentFrame() !== null) return route.fallback();
      const response = await fetchNavigation(route);
      // No answer here: the browser sends the request itself, as it would without this watch.
      if (!response) return route.continue();
      const location = response.headers()['location'];
      const toLogin = response.status() >= 300 && response.status() < 400 && location !== undefined && isLoginPage(new URL(location, request.url()).toString());
      const done = renewals.get(request.url()) ?? 0;
      if (!toLogin || done >= MAX_RENEWALS_PER_PAGE_LOAD) return route.fulfill({ response });
      renewals.set(request.url(), done + 1);
      const token = await renew();
      const target = new URL(request.url());
      const door = await context.request.post(new URL('/secur/frontdoor.jsp', target).toString(), {
        form: { sid: token, retURL: `${target.pathname}${target.search}` },
        maxRedirects: 0,
      });
      const landing = door.headers()['location'];
      if (landing && isLoginPage(new URL(landing, target).toString())) return route.fulfill({ response });
      noteRefresh('ui', persona);
      await onRenewed();
      // The browser asks again, now with the new session cookie.
      return route.fulfill({ status: 302, headers: { location: request.url() } });
    },
  );
}
