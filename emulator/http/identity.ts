/**
 * Identity answers: the `/id/{orgId}/{userId}` URL and document (reference §2.3) and the OpenID
 * `/services/oauth2/userinfo` claims that sfdx-core reads.
 */
import type { OrgServiceApi, Session } from '../contracts.js';
import { to18 } from '../ids.js';

export function id18(id: string): string {
  return id.length === 15 ? to18(id) : id;
}

export function identityUrl(origin: string, orgId: string, userId: string): string {
  return `${origin}/id/${id18(orgId)}/${id18(userId)}`;
}

function urls(origin: string, orgId: string, userId: string, version: string): Record<string, string> {
  const org = id18(orgId);
  return {
    enterprise: `${origin}/services/Soap/c/${version}/${org.slice(0, 15)}`,
    metadata: `${origin}/services/Soap/m/${version}/${org.slice(0, 15)}`,
    partner: `${origin}/services/Soap/u/${version}/${org.slice(0, 15)}`,
    rest: `${origin}/services/data/v${version}/`,
    sobjects: `${origin}/services/data/v${version}/sobjects/`,
    search: `${origin}/services/data/v${version}/search/`,
    query: `${origin}/services/data/v${version}/query/`,
    recent: `${origin}/services/data/v${version}/recent/`,
    tooling_soap: `${origin}/services/Soap/T/${version}/${org.slice(0, 15)}`,
    tooling_rest: `${origin}/services/data/v${version}/tooling/`,
    profile: `${origin}/${id18(userId)}`,
    feeds: `${origin}/services/data/v${version}/chatter/feeds`,
    groups: `${origin}/services/data/v${version}/chatter/groups`,
    users: `${origin}/services/data/v${version}/chatter/users`,
    feed_items: `${origin}/services/data/v${version}/chatter/feed-items`,
    custom_domain: origin,
  };
}

/** Version used in identity urls (Salesforce fills `{version}` placeholders with a current one). */
const IDENTITY_URL_VERSION = '65.0';

export function identityDocument(service: OrgServiceApi, session: Session, origin: string): Record<string, unknown> {
  const user = service.user(session.userId);
  const photo = `${origin}/profilephoto/005/F`;
  return {
    id: identityUrl(origin, session.orgId, user.id),
    asserted_user: true,
    user_id: id18(user.id),
    organization_id: id18(session.orgId),
    username: user.username,
    nick_name: user.username.split('@')[0],
    display_name: user.name,
    email: user.email,
    email_verified: true,
    first_name: user.firstName,
    last_name: user.lastName,
    timezone: user.timeZone,
    photos: { picture: photo, thumbnail: `${origin}/profilephoto/005/T` },
    addr_street: null,
    addr_city: null,
    addr_state: null,
    addr_country: null,
    addr_zip: null,
    mobile_phone: null,
    mobile_phone_verified: false,
    is_lightning_login_user: false,
    status: { created_date: null, body: null },
    urls: urls(origin, session.orgId, user.id, IDENTITY_URL_VERSION),
    active: user.isActive,
    user_type: 'STANDARD',
    language: user.language,
    locale: user.locale,
    utcOffset: utcOffsetMillis(user.timeZone),
    last_modified_date: new Date(session.issuedAt).toISOString().replace('Z', '+0000'),
    is_app_installed: session.clientId !== undefined,
  };
}

export function userInfoClaims(service: OrgServiceApi, session: Session, origin: string): Record<string, unknown> {
  const user = service.user(session.userId);
  return {
    sub: identityUrl(origin, session.orgId, user.id),
    user_id: id18(user.id),
    organization_id: id18(session.orgId),
    preferred_username: user.username,
    nickname: user.username.split('@')[0],
    name: user.name,
    email: user.email,
    email_verified: true,
    given_name: user.firstName,
    family_name: user.lastName,
    zoneinfo: user.timeZone,
    photos: { picture: `${origin}/profilephoto/005/F`, thumbnail: `${origin}/profilephoto/005/T` },
    profile: `${origin}/${id18(user.id)}`,
    picture: `${origin}/profilephoto/005/F`,
    address: {},
    is_salesforce_integration_user: user.apiOnly,
    urls: urls(origin, session.orgId, user.id, IDENTITY_URL_VERSION),
    active: user.isActive,
    user_type: 'STANDARD',
    language: user.language,
    locale: user.locale,
    utcOffset: utcOffsetMillis(user.timeZone),
    updated_at: new Date(session.issuedAt).toISOString(),
    is_app_installed: session.clientId !== undefined,
  };
}

/** Offset of a time zone from UTC now, in milliseconds (identity's `utcOffset`). */
function utcOffsetMillis(timeZone: string): number {
  try {
    const now = new Date();
    const local = new Date(now.toLocaleString('en-US', { timeZone }));
    const utc = new Date(now.toLocaleString('en-US', { timeZone: 'UTC' }));
    return Math.round((local.getTime() - utc.getTime()) / 60000) * 60000;
  } catch {
    return 0;
  }
}
