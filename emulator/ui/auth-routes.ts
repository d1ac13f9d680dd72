/**
 * Getting into (and out of) the Lightning UI: the login page at `/`, the frontdoor session bridge
 * (protocol reference §2.4) and logout.
 */
import express, { type Request, type Response, type Router } from 'express';
import { SalesforceError, type OrgServiceApi, type Session } from '../contracts.js';
import { loginPage, INVALID_LOGIN_TEXT } from './login-page.js';
import { clearSessionCookie, readCookie, safeReturnPath, SESSION_COOKIE, setSessionCookie, uiSessionOf } from './ui-session.js';

function field(req: Request, name: string): string | undefined {
  const fromBody = (req.body as Record<string, unknown> | undefined)?.[name];
  if (typeof fromBody === 'string') return fromBody;
  const fromQuery = req.query[name];
  return typeof fromQuery === 'string' ? fromQuery : undefined;
}

/**
 * Users with "API Only User" cannot get a UI session (field notes). The real login page answers them
 * with its generic failure text — UNVERIFIED; the emulator does the same rather than invent a message.
 */
function uiSessionAllowed(service: OrgServiceApi, session: Session): boolean {
  return !service.user(session.userId).apiOnly;
}

export function registerAuthRoutes(router: Router, service: OrgServiceApi): void {
  const form = express.urlencoded({ extended: false });

  router.get('/', (req, res) => {
    // Someone already signed in goes straight on, as login.salesforce.com does with a live sid cookie.
    const session = uiSessionOf(req, service);
    const startUrl = safeReturnPath(req.query.startURL);
    if (session) return res.redirect(302, startUrl);
    res.status(200).type('html').send(loginPage({ orgName: service.orgName, startUrl }).text);
  });

  router.post('/', form, (req, res) => {
    const username = field(req, 'username') ?? '';
    const password = field(req, 'pw') ?? field(req, 'password') ?? '';
    const startUrl = safeReturnPath(field(req, 'startURL'));
    let session: Session;
    try {
      session = service.loginWithPassword(username, password, 'ui-login');
    } catch (e) {
      if (!(e instanceof SalesforceError)) throw e;
      res.status(200).type('html').send(loginPage({ orgName: service.orgName, startUrl, username, error: INVALID_LOGIN_TEXT }).text);
      return;
    }
    if (!uiSessionAllowed(service, session)) {
      service.revoke(session.accessToken);
      res.status(200).type('html').send(loginPage({ orgName: service.orgName, startUrl, username, error: INVALID_LOGIN_TEXT }).text);
      return;
    }
    setSessionCookie(res, session);
    res.redirect(302, startUrl);
  });

  const frontdoor = (req: Request, res: Response): void => {
    const sid = field(req, 'sid') ?? '';
    const retUrl = safeReturnPath(field(req, 'retURL'));
    let apiSession: Session;
    try {
      apiSession = service.sessionFor(sid);
    } catch (e) {
      if (!(e instanceof SalesforceError)) throw e;
      // Invalid sid -> the login page (UNVERIFIED, §2.4), coming back to retURL after logging in.
      res.redirect(302, `/?startURL=${encodeURIComponent(retUrl)}`);
      return;
    }
    if (!uiSessionAllowed(service, apiSession)) {
      res.redirect(302, `/?startURL=${encodeURIComponent(retUrl)}`);
      return;
    }
    // The UI gets its own session for the same user (Salesforce shows a frontdoor UI session as a
    // separate, child session of the API one), so logging out of the UI leaves the API token alive.
    const uiSession = service.loginAsUser(service.user(apiSession.userId).username, 'frontdoor', apiSession.clientId);
    setSessionCookie(res, uiSession);
    res.redirect(302, retUrl);
  };
  router.get('/secur/frontdoor.jsp', frontdoor);
  router.post('/secur/frontdoor.jsp', form, frontdoor);

  router.get('/secur/logout.jsp', (req, res) => {
    const token = readCookie(req, SESSION_COOKIE);
    if (token) service.revoke(token);
    clearSessionCookie(res);
    res.redirect(302, '/');
  });
}
