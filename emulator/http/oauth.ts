/**
 * OAuth 2.0 endpoints (reference §2.2-§2.4): token (password, refresh_token, JWT bearer,
 * client_credentials), revoke, userinfo and singleaccess. Token errors are `{error, error_description}`
 * with 400, which jsforce turns into `Error` with `name = error` and `message = error_description`.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { decodeJwt, importSPKI, importX509, jwtVerify } from 'jose';
import { SalesforceError } from '../contracts.js';
import type { Session } from '../contracts.js';
import type { ConnectedAppDef } from '../metadata/types.js';
import { identityUrl } from './identity.js';
import type { OrgHandle } from './rest-types.js';

export const JWT_BEARER_GRANT = 'urn:ietf:params:oauth:grant-type:jwt-bearer';

export class OAuthError extends Error {
  constructor(
    readonly error: string,
    readonly description: string,
    readonly status = 400,
  ) {
    super(description);
  }
}

export interface TokenOptions {
  origin: string;
  /**
   * Execution user for the client credentials flow when the connected app does not name one. Salesforce
   * requires the admin to pick a "Run As" user on the connected app (ConnectedApp metadata
   * `oauthConfig/oauthClientCredentialUser`); without one it answers `invalid_grant` /
   * `no client credentials user enabled`, and so does the emulator.
   */
  clientCredentialsUser?: string;
}

function connectedAppByKey(org: OrgHandle, consumerKey: string | undefined): ConnectedAppDef | undefined {
  if (!consumerKey) return undefined;
  for (const app of org.schema.connectedApps.values()) if (app.consumerKey === consumerKey) return app;
  return undefined;
}

function requireConnectedApp(org: OrgHandle, clientId: string | undefined): ConnectedAppDef {
  const app = connectedAppByKey(org, clientId);
  if (!app) throw new OAuthError('invalid_client_id', 'client identifier invalid');
  return app;
}

/**
 * Connected app metadata does not normally carry the consumer secret (Salesforce generates it). When
 * the project declares one, it must match; when it does not, any secret is accepted for that app.
 */
function checkSecret(app: ConnectedAppDef, secret: string | undefined): void {
  if (app.consumerSecret !== undefined && app.consumerSecret !== secret) throw new OAuthError('invalid_client', 'invalid client credentials');
}

function required(params: URLSearchParams, name: string): string {
  const value = params.get(name);
  if (value === null || value === '') throw new OAuthError('invalid_request', `missing required parameter: ${name}`);
  return value;
}

/** Maps a service failure during a grant to the OAuth error Salesforce gives for it. */
function asOAuthError(err: unknown): never {
  if (err instanceof OAuthError) throw err;
  if (err instanceof SalesforceError) {
    if (/^[a-z_]+$/.test(err.errorCode)) throw new OAuthError(err.errorCode, err.message);
    if (err.errorCode === 'INVALID_LOGIN') throw new OAuthError('invalid_grant', 'authentication failure');
    if (err.errorCode === 'INACTIVE_USER' || err.errorCode === 'USER_INACTIVE') throw new OAuthError('inactive_user', 'user is inactive');
    throw new OAuthError('invalid_grant', err.message);
  }
  throw err;
}

/** Runs a grant and builds the token response (the `id` URL is mandatory for jsforce, §2.2). */
export async function tokenGrant(org: OrgHandle, params: URLSearchParams, options: TokenOptions): Promise<Record<string, unknown>> {
  const service = org.service;
  const grant = params.get('grant_type');
  let session: Session;
  let scope: string;
  let signingKey: string;
  try {
    switch (grant) {
      case 'password': {
        const app = requireConnectedApp(org, params.get('client_id') ?? undefined);
        checkSecret(app, params.get('client_secret') ?? undefined);
        session = service.loginWithPassword(required(params, 'username'), required(params, 'password'), 'password', app.consumerKey);
        // The username-password flow issues no refresh token [DOC].
        scope = 'api web full';
        signingKey = app.consumerSecret ?? app.consumerKey ?? app.name;
        break;
      }
      case 'refresh_token': {
        const app = requireConnectedApp(org, params.get('client_id') ?? undefined);
        if (params.has('client_secret')) checkSecret(app, params.get('client_secret') ?? undefined);
        session = service.refresh(required(params, 'refresh_token'), app.consumerKey ?? '');
        scope = 'refresh_token api web full';
        signingKey = app.consumerSecret ?? app.consumerKey ?? app.name;
        break;
      }
      case JWT_BEARER_GRANT: {
        const { app, username } = await verifyJwtAssertion(org, required(params, 'assertion'), options.origin);
        session = service.loginAsUser(username, 'jwt-bearer', app.consumerKey);
        // [UNVERIFIED] exact scope string for JWT bearer (§2.2): the connected app's usual scopes.
        scope = 'api web full';
        signingKey = app.consumerSecret ?? app.consumerKey ?? app.name;
        break;
      }
      case 'client_credentials': {
        const app = requireConnectedApp(org, params.get('client_id') ?? undefined);
        if (app.consumerSecret === undefined || app.consumerSecret !== params.get('client_secret')) {
          // The client credentials flow always needs the secret: without one in metadata nothing matches.
          throw new OAuthError('invalid_client', 'invalid client credentials');
        }
        const runAs = app.oauthClientCredentialUser ?? options.clientCredentialsUser;
        if (!runAs) throw new OAuthError('invalid_grant', 'no client credentials user enabled');
        session = service.loginAsUser(runAs, 'client_credentials', app.consumerKey);
        scope = 'api';
        signingKey = app.consumerSecret;
        break;
      }
      case null:
        throw new OAuthError('unsupported_grant_type', 'grant type not supported');
      default:
        // authorization_code and device flows need an interactive authorize page the emulator does not serve.
        throw new OAuthError('unsupported_grant_type', 'grant type not supported');
    }
  } catch (err) {
    asOAuthError(err);
  }
  const id = identityUrl(options.origin, session.orgId, session.userId);
  const issuedAt = String(session.issuedAt);
  const body: Record<string, unknown> = {
    access_token: session.accessToken,
    signature: createHmac('sha256', signingKey).update(id + issuedAt).digest('base64'),
    scope,
    instance_url: options.origin,
    id,
    token_type: 'Bearer',
    issued_at: issuedAt,
  };
  // No grant served here returns a refresh token: password, JWT bearer and client credentials never do,
  // and a refresh answer keeps the refresh token the client already holds [DOC].
  return body;
}

/**
 * Verifies a JWT bearer assertion as Salesforce does: RS256 signed by the connected app's certificate,
 * `iss` = consumer key, `sub` = username, `aud` = the login URL (login/test.salesforce.com or the
 * emulator's own origin), unexpired `exp`. [UNVERIFIED] exact error descriptions per failure.
 */
async function verifyJwtAssertion(org: OrgHandle, assertion: string, origin: string): Promise<{ app: ConnectedAppDef; username: string }> {
  let claims;
  try {
    claims = decodeJwt(assertion);
  } catch {
    throw new OAuthError('invalid_grant', 'invalid assertion');
  }
  const app = requireConnectedApp(org, typeof claims.iss === 'string' ? claims.iss : undefined);
  if (!app.certificate) throw new OAuthError('invalid_grant', 'invalid assertion');
  const key = await publicKeyOf(app.certificate);
  const audiences = audiencesFor(origin);
  try {
    const { payload } = await jwtVerify(assertion, key, {
      algorithms: ['RS256'],
      issuer: app.consumerKey,
      audience: audiences,
      requiredClaims: ['iss', 'sub', 'aud', 'exp'],
    });
    return { app, username: String(payload.sub) };
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (code === 'ERR_JWT_CLAIM_VALIDATION_FAILED' && (err as { claim?: string }).claim === 'aud') throw new OAuthError('invalid_grant', 'audience is invalid');
    if (code === 'ERR_JWT_EXPIRED') throw new OAuthError('invalid_grant', 'expired authorization code');
    throw new OAuthError('invalid_grant', 'invalid assertion');
  }
}

function audiencesFor(origin: string): string[] {
  const list = ['https://login.salesforce.com', 'https://test.salesforce.com', origin];
  const url = new URL(origin);
  if (url.hostname === '127.0.0.1') list.push(`${url.protocol}//localhost${url.port ? `:${url.port}` : ''}`);
  if (url.hostname === 'localhost') list.push(`${url.protocol}//127.0.0.1${url.port ? `:${url.port}` : ''}`);
  return list;
}

/** A connected app certificate as metadata stores it: PEM certificate (or a bare base64 body), or a public key. */
async function publicKeyOf(certificate: string): ReturnType<typeof importX509> {
  const text = certificate.trim();
  if (text.includes('BEGIN PUBLIC KEY')) return importSPKI(text, 'RS256');
  if (text.includes('BEGIN CERTIFICATE')) return importX509(text, 'RS256');
  const body = text.replace(/\s+/g, '').match(/.{1,64}/g)?.join('\n') ?? '';
  return importX509(`-----BEGIN CERTIFICATE-----\n${body}\n-----END CERTIFICATE-----`, 'RS256');
}

/** Single-use frontdoor tokens minted by `/services/oauth2/singleaccess`, exchanged once at frontdoor.jsp. */
export class SingleAccessTokens {
  private readonly tokens = new Map<string, { sessionToken: string; redirect: string; expiresAt: number }>();

  /** Salesforce's single-access URLs are short-lived; [UNVERIFIED] exact lifetime, a few minutes. */
  static readonly LIFETIME_MS = 5 * 60 * 1000;

  /**
   * A one-time token standing for the caller's session. Frontdoor exchanges it once for a UI session
   * of the same user (the UI room creates that child session from the API session, §2.4).
   */
  mint(session: Session, redirect: string): string {
    const otp = randomBytes(24).toString('base64url');
    this.tokens.set(otp, { sessionToken: session.accessToken, redirect, expiresAt: Date.now() + SingleAccessTokens.LIFETIME_MS });
    return otp;
  }

  /** The session token and target for an otp, once; afterwards (or when expired) undefined. */
  consume(otp: string): { sessionToken: string; redirect: string } | undefined {
    const entry = this.tokens.get(otp);
    this.tokens.delete(otp);
    if (!entry || entry.expiresAt < Date.now()) return undefined;
    return entry;
  }
}
