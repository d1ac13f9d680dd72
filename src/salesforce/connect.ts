/**
 * Turns a persona's configured auth method into a jsforce Connection, the same way on a real org and on
 * the emulator. Each method also knows how to get a fresh token, so jsforce can refresh a session that
 * expires or is revoked mid-run. Every connection and token client sends through the one request path
 * (request-path.ts).
 */
import { createPrivateKey } from 'node:crypto';
import { Connection, OAuth2 } from '@jsforce/jsforce-node';
import type { PersonaAuth } from '../config/env.js';
import { Secret } from '../config/secret.js';
import { noteRefresh, throughRequestPath } from './request-path.js';

export interface ApiSession {
  instanceUrl: string;
  accessToken: string;
  userId: string;
  orgId: string;
  username?: string;
  issuedAt: number;
}

export interface ConnectOptions {
  loginUrl: string;
  apiVersion: string;
  /** Called with every token obtained by a refresh, so the run can scrub it from what it writes. */
  onNewToken?: (accessToken: string) => void;
}

/** Obtains a new access token for the persona (one token request). */
export async function authenticate(auth: PersonaAuth, options: ConnectOptions): Promise<ApiSession> {
  switch (auth.method) {
    case 'jwt': {
      const assertion = await signJwtAssertion(auth, options.loginUrl);
      // A signed assertion is a bearer credential for its lifetime: kept out of anything the run prints or writes.
      Secret.remember(assertion);
      const oauth2 = throughRequestPath(new OAuth2({ loginUrl: options.loginUrl, clientId: auth.clientId }));
      const res = await oauth2.requestToken({ grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion });
      return fromTokenResponse(res, auth.username);
    }
    case 'sfdx-url': {
      const oauth2 = throughRequestPath(new OAuth2({ loginUrl: auth.instanceUrl, clientId: auth.clientId, clientSecret: auth.clientSecret?.reveal() }));
      const res = await oauth2.refreshToken(auth.refreshToken.reveal());
      return fromTokenResponse(res, auth.username);
    }
    case 'access-token': {
      // A pasted token cannot be renewed; ask the org who it belongs to so reports name the user.
      const conn = throughRequestPath(new Connection({ instanceUrl: auth.instanceUrl, accessToken: auth.accessToken.reveal(), version: options.apiVersion }));
      const identity = await conn.identity();
      return {
        instanceUrl: auth.instanceUrl,
        accessToken: auth.accessToken.reveal(),
        userId: identity.user_id,
        orgId: identity.organization_id,
        username: identity.username,
        issuedAt: Date.now(),
      };
    }
    case 'password': {
      const oauth2 = throughRequestPath(new OAuth2({ loginUrl: options.loginUrl, clientId: auth.clientId, clientSecret: auth.clientSecret.reveal() }));
      const res = await oauth2.authenticate(auth.username, auth.password.reveal());
      return fromTokenResponse(res, auth.username);
    }
  }
}

/**
 * A Connection over an existing session that re-authenticates by the persona's own method when the org
 * answers 401 INVALID_SESSION_ID (jsforce calls `refreshFn` and replays the request; a pasted access token
 * cannot be renewed, so its 401 reaches the check as INVALID_SESSION_ID, an environment problem).
 */
export function connectionFor(session: ApiSession, auth: PersonaAuth, options: ConnectOptions): Connection {
  Secret.remember(session.accessToken);
  const canRenew = auth.method !== 'access-token';
  const conn = new Connection({
    instanceUrl: session.instanceUrl,
    accessToken: session.accessToken,
    version: options.apiVersion,
    ...(canRenew
      ? {
          refreshFn: (_conn, callback) => {
            authenticate(auth, options).then(
              (fresh) => {
                noteRefresh('api', session.username ?? session.userId);
                Secret.remember(fresh.accessToken);
                options.onNewToken?.(fresh.accessToken);
                callback(null, fresh.accessToken);
              },
              (error: unknown) => callback(error instanceof Error ? error : new Error(String(error))),
            );
          },
        }
      : {}),
  });
  return throughRequestPath(conn, { userId: session.userId });
}

/**
 * The JWT bearer assertion: RS256 over {iss: consumer key, sub: username, aud: authorization server, exp}.
 * Salesforce wants `aud` to be login.salesforce.com or test.salesforce.com even when the token is requested
 * from a My Domain; any other server (the emulator) is its own audience.
 */
export async function signJwtAssertion(auth: Extract<PersonaAuth, { method: 'jwt' }>, loginUrl: string): Promise<string> {
  // Loaded here: every worker loads this module, and only personas that log in by JWT sign anything.
  const { SignJWT } = await import('jose');
  const key = createPrivateKey(auth.privateKey.reveal());
  return new SignJWT({})
    .setProtectedHeader({ alg: 'RS256' })
    .setIssuer(auth.clientId)
    .setSubject(auth.username)
    .setAudience(jwtAudience(loginUrl))
    .setExpirationTime('3m')
    .sign(key);
}

export function jwtAudience(loginUrl: string): string {
  const host = new URL(loginUrl).hostname;
  if (host === 'test.salesforce.com' || host.endsWith('.sandbox.my.salesforce.com')) return 'https://test.salesforce.com';
  if (host === 'login.salesforce.com' || host.endsWith('.my.salesforce.com')) return 'https://login.salesforce.com';
  return new URL(loginUrl).origin;
}

interface TokenResponseLike {
  access_token: string;
  instance_url: string;
  id: string;
}

function fromTokenResponse(res: TokenResponseLike, username: string | undefined): ApiSession {
  // The identity URL ends in /<org id>/<user id> (jsforce parses it the same way).
  const [orgId = '', userId = ''] = new URL(res.id).pathname.split('/').slice(-2);
  Secret.remember(res.access_token);
  return { instanceUrl: res.instance_url, accessToken: res.access_token, userId, orgId, username, issuedAt: Date.now() };
}
