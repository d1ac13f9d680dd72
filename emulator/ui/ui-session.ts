/**
 * The Lightning UI session: a `sid` cookie holding a session id issued by the org service. Every
 * Lightning page and UI JSON endpoint resolves it through `service.sessionFor`, so an expired or revoked
 * session is refused exactly as the API refuses it.
 */
import type { Request, Response } from 'express';
import type { OrgServiceApi, Session } from '../contracts.js';

/** Salesforce's own UI session cookie is named `sid` (protocol reference §2.4). */
export const SESSION_COOKIE = 'sid';

export function readCookie(req: Request, name: string): string | undefined {
  const header = req.headers.cookie;
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() === name) return decodeURIComponent(part.slice(eq + 1).trim());
  }
  return undefined;
}

export function setSessionCookie(res: Response, session: Session): void {
  // HttpOnly: page scripts never see the session id, as in a real org. No Max-Age: the server decides expiry.
  res.cookie(SESSION_COOKIE, session.accessToken, { httpOnly: true, sameSite: 'lax', path: '/' });
}

export function clearSessionCookie(res: Response): void {
  res.clearCookie(SESSION_COOKIE, { path: '/' });
}

/** The live UI session of this request, or null when the cookie is absent, expired or revoked. */
export function uiSessionOf(req: Request, service: OrgServiceApi): Session | null {
  const token = readCookie(req, SESSION_COOKIE);
  if (!token) return null;
  try {
    return service.sessionFor(token);
  } catch {
    return null;
  }
}

/** The login page URL that brings the user back to `path` after logging in. */
export function loginUrlFor(path: string): string {
  return `/?startURL=${encodeURIComponent(path)}`;
}

/**
 * Only same-site relative paths are followed after login or frontdoor; anything else (`//evil`,
 * `https://…`) falls back to home, which keeps the emulator from being an open redirect.
 */
export function safeReturnPath(value: unknown, fallback = '/lightning/page/home'): string {
  if (typeof value !== 'string' || value === '') return fallback;
  if (!value.startsWith('/') || value.startsWith('//') || value.includes('\\')) return fallback;
  return value;
}
