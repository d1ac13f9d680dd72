/**
 * Access and refresh tokens, the way a Salesforce org hands them out.
 *
 * Tokens look like real session ids, `<15-char org id>!<opaque>` (reference §2.1: a SOAP `sessionId`
 * and an OAuth `access_token` share that form), so that code which splits on `!` keeps working.
 */
import { randomBytes } from 'node:crypto';
import { SalesforceError, type Session } from '../contracts.js';

export interface SessionManagerOptions {
  /** 18-character org id; tokens carry its first 15 characters. */
  orgId: string;
  /** Lifetime of an access token. Salesforce's default session timeout is 2 hours. */
  sessionSeconds: number;
  now: () => Date;
}

interface RefreshGrant {
  token: string;
  userId: string;
  clientId?: string;
  /** Access tokens obtained from this refresh token (revoked with it). */
  accessTokens: Set<string>;
}

/** Grants whose token responses carry no refresh token (reference §2.2: JWT and client credentials). */
const GRANTS_WITHOUT_REFRESH: ReadonlySet<Session['grant']> = new Set(['jwt-bearer', 'client_credentials', 'soap', 'ui-login', 'frontdoor']);

export class SessionManager {
  private readonly sessions = new Map<string, Session>();
  private readonly refreshGrants = new Map<string, RefreshGrant>();

  constructor(private readonly options: SessionManagerOptions) {}

  /**
   * Issues a new access token. OAuth grants made through a connected app (a `clientId`) also get a
   * refresh token, except JWT bearer and client credentials, which Salesforce never gives one.
   */
  issue(userId: string, grant: Session['grant'], clientId?: string): Session {
    const refreshToken = clientId !== undefined && !GRANTS_WITHOUT_REFRESH.has(grant) ? this.newRefreshGrant(userId, clientId) : undefined;
    return this.newSession(userId, grant, clientId, refreshToken);
  }

  /**
   * The live session for an access token. Like Salesforce, a session used in the second half of its
   * timeout is extended by a full timeout, so an active test run does not expire mid-way.
   */
  sessionFor(accessToken: string): Session {
    const session = this.sessions.get(accessToken);
    const now = this.options.now().getTime();
    if (!session || session.expiresAt <= now) {
      if (session) this.forget(session);
      throw invalidSession();
    }
    const lifetimeMs = this.options.sessionSeconds * 1000;
    if (session.expiresAt - now < lifetimeMs / 2) session.expiresAt = now + lifetimeMs;
    return session;
  }

  /** OAuth refresh: a fresh access token for the same user; the refresh token itself stays valid. */
  refresh(refreshToken: string, clientId: string): Session {
    const grant = this.refreshGrants.get(refreshToken);
    if (!grant || (grant.clientId !== undefined && grant.clientId !== clientId)) {
      throw new SalesforceError('invalid_grant', 'expired access/refresh token', [], 400);
    }
    return this.newSession(grant.userId, 'refresh_token', grant.clientId, grant.token);
  }

  /**
   * Revokes a token. As Salesforce documents for `/services/oauth2/revoke`: revoking a refresh token
   * also revokes every access token obtained with it; revoking an access token revokes only that token.
   * Unknown tokens are ignored (the endpoint answers 200 either way).
   */
  revoke(token: string): void {
    const grant = this.refreshGrants.get(token);
    if (grant) {
      this.refreshGrants.delete(token);
      for (const access of grant.accessTokens) this.sessions.delete(access);
      return;
    }
    const session = this.sessions.get(token);
    if (session) this.forget(session);
  }

  /** Test hook: every current access token of the user (or of everyone) expires now; refresh tokens stay. */
  expireSessions(userId?: string): void {
    const now = this.options.now().getTime();
    for (const session of this.sessions.values()) {
      if (userId === undefined || session.userId === userId) session.expiresAt = now;
    }
  }

  /** Ends every session and refresh token of a user (deactivation, password change). */
  revokeUser(userId: string): void {
    for (const session of [...this.sessions.values()]) if (session.userId === userId) this.forget(session);
    for (const [token, grant] of [...this.refreshGrants]) if (grant.userId === userId) this.refreshGrants.delete(token);
  }

  private newRefreshGrant(userId: string, clientId: string): string {
    const token = `5Aep${opaque(83)}`;
    this.refreshGrants.set(token, { token, userId, clientId, accessTokens: new Set() });
    return token;
  }

  private newSession(userId: string, grant: Session['grant'], clientId: string | undefined, refreshToken: string | undefined): Session {
    const issuedAt = this.options.now().getTime();
    const session: Session = {
      accessToken: `${this.options.orgId.slice(0, 15)}!AQ${opaque(94)}`,
      userId,
      orgId: this.options.orgId,
      issuedAt,
      expiresAt: issuedAt + this.options.sessionSeconds * 1000,
      grant,
    };
    if (refreshToken !== undefined) {
      session.refreshToken = refreshToken;
      this.refreshGrants.get(refreshToken)?.accessTokens.add(session.accessToken);
    }
    if (clientId !== undefined) session.clientId = clientId;
    this.sessions.set(session.accessToken, session);
    return session;
  }

  private forget(session: Session): void {
    this.sessions.delete(session.accessToken);
    if (session.refreshToken !== undefined) this.refreshGrants.get(session.refreshToken)?.accessTokens.delete(session.accessToken);
  }
}

export function invalidSession(): SalesforceError {
  return new SalesforceError('INVALID_SESSION_ID', 'Session expired or invalid', [], 401);
}

/** Random characters from the alphabet real tokens use (letters, digits, `.` and `_`). */
function opaque(length: number): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._';
  const bytes = randomBytes(length);
  let out = '';
  for (const byte of bytes) out += alphabet.charAt(byte % alphabet.length);
  return out;
}
