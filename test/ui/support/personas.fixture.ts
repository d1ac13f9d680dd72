/**
 * Signing in as a persona of the sample org, exactly as the suite does it (fixtures/auth.setup.ts): an API
 * session first (here jsforce's `conn.login(username, password)`), then a browser session bridged from it
 * by POSTing `sid` and `retURL` to `/secur/frontdoor.jsp` (protocol reference §2.4), so the token never
 * sits in a URL. Each persona gets a browser context of its own; the page objects are built here, bound
 * to that persona, so every failed step names who was looking.
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { expect, type BrowserContext, type Page } from '@playwright/test';
import { Connection } from '@jsforce/jsforce-node';
import { AppNavigation, ListView, RecordPage, Toast } from '../../../src/pages/index.js';
import { PERSONAS } from '../../../src/config/personas.js';
import { sampleOrgTest, USERS_DIR } from './sample-org.fixture.js';

export const API_VERSION = '62.0';

/**
 * The personas that may use Lightning. The suite's own list (src/config/personas.ts) plus the sales
 * manager, who holds Deal Desk and so shows a validation rule that a custom permission lifts.
 */
export const UI_USERNAMES = {
  'sales-rep': PERSONAS['sales-rep'].emulatorUsername,
  'sales-manager': 'sales.manager@postflight.test',
  'support-agent': PERSONAS['support-agent'].emulatorUsername,
  admin: PERSONAS.admin.emulatorUsername,
} as const;

export type UiPersona = keyof typeof UI_USERNAMES;

export interface PersonaSession {
  readonly persona: UiPersona;
  readonly username: string;
  readonly userId: string;
  /** The API session the browser session was bridged from. */
  readonly conn: Connection;
  /** A page in this persona's own browser context, still blank: page objects navigate it. */
  readonly page: Page;
  /** Where frontdoor's redirects ended: `retURL` when the session was accepted, the login page when not. */
  readonly landedOn: URL;
  readonly nav: AppNavigation;
  readonly toast: Toast;
  /** The list view of an object; `label` is how Lightning names it in headings (`New {label}`). */
  listView(objectApiName: string, label?: string): ListView;
  recordPage(objectApiName: string): RecordPage;
}

export interface PersonaFixtures {
  /** Logs `persona` in (API, then frontdoor with `retURL`, default Home) and returns its session. */
  signIn(persona: UiPersona, retURL?: string): Promise<PersonaSession>;
}

/** The emulator-only passwords live beside the user definitions (org/README.md, `users/*.json`). */
export function passwordOf(username: string): string {
  for (const file of readdirSync(USERS_DIR).filter((f) => f.endsWith('.json'))) {
    const user = JSON.parse(readFileSync(path.join(USERS_DIR, file), 'utf8')) as { Username?: string; password?: string };
    if (user.Username === username && user.password) return user.password;
  }
  throw new Error(`no password for ${username} in ${USERS_DIR}`);
}

export const personasTest = sampleOrgTest.extend<PersonaFixtures>({
  signIn: async ({ browser, sampleOrg }, use) => {
    const contexts: BrowserContext[] = [];
    await use(async (persona, retURL = '/lightning/page/home') => {
      const username = UI_USERNAMES[persona];
      const conn = new Connection({ loginUrl: sampleOrg.url, version: API_VERSION });
      const userInfo = await sampleOrgTest.step(`${persona}: log in to the API`, () => conn.login(username, passwordOf(username)));
      // Tall enough for a whole record page: full-page screenshots of a scrolled page paint Lightning's
      // fixed header and docked footer mid-page.
      const context = await browser.newContext({ baseURL: sampleOrg.url, viewport: { width: 1280, height: 1300 } });
      contexts.push(context);
      const landedOn = await sampleOrgTest.step(`${persona}: open a Lightning session through frontdoor.jsp`, async () => {
        const response = await context.request.post('/secur/frontdoor.jsp', { form: { sid: conn.accessToken ?? '', retURL } });
        expect(response.ok(), `frontdoor answered HTTP ${response.status()}`).toBe(true);
        return new URL(response.url());
      });
      const page = await context.newPage();
      return {
        persona,
        username,
        userId: userInfo.id,
        conn,
        page,
        landedOn,
        nav: new AppNavigation(page, persona),
        toast: new Toast(page, persona),
        listView: (objectApiName, label) => new ListView(page, persona, objectApiName, label),
        recordPage: (objectApiName) => new RecordPage(page, persona, objectApiName),
      };
    });
    for (const context of contexts.reverse()) await context.close();
  },
});
