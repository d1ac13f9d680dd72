/**
 * SOAP partner API `login` and `logout` on `/services/Soap/u/{version}` (reference §2.1). jsforce reads
 * the answer with regexes, so elements carry no namespace prefix and `userInfo/organizationId` is present.
 */
import { XMLParser } from 'fast-xml-parser';
import type { Request, Response } from 'express';
import { SalesforceError } from '../contracts.js';
import type { OrgServiceApi, Session } from '../contracts.js';
import { id18 } from './identity.js';
import { XML_CONTENT_TYPE } from './wire.js';

// `htmlEntities` also decodes XML numeric references (`&#39;` in a password), which fast-xml-parser otherwise leaves as text.
const parser = new XMLParser({ removeNSPrefix: true, ignoreAttributes: true, processEntities: true, htmlEntities: true, parseTagValue: false, trimValues: false });

export function escapeXml(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

/** A SOAP fault as Salesforce sends it; jsforce throws `Error(faultstring)`. */
export function soapFault(code: string, message: string): string {
  const exceptionType = code === 'INVALID_LOGIN' ? 'LoginFault' : code === 'INVALID_SESSION_ID' ? 'UnexpectedErrorFault' : 'UnexpectedErrorFault';
  return (
    '<?xml version="1.0" encoding="UTF-8"?><soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" ' +
    'xmlns:sf="urn:fault.partner.soap.sforce.com" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><soapenv:Body><soapenv:Fault>' +
    `<faultcode>sf:${escapeXml(code)}</faultcode><faultstring>${escapeXml(`${code}: ${message}`)}</faultstring>` +
    `<detail><sf:${exceptionType} xsi:type="sf:${exceptionType}"><sf:exceptionCode>${escapeXml(code)}</sf:exceptionCode>` +
    `<sf:exceptionMessage>${escapeXml(message)}</sf:exceptionMessage></sf:${exceptionType}></detail>` +
    '</soapenv:Fault></soapenv:Body></soapenv:Envelope>'
  );
}

/** The header and body of a SOAP request (namespace prefixes dropped), or null when it is not XML. */
export function parseEnvelope(raw: unknown): { header: Record<string, unknown>; body: Record<string, unknown> } | null {
  let envelope: Record<string, unknown>;
  try {
    envelope = parser.parse(typeof raw === 'string' ? raw : '') as Record<string, unknown>;
  } catch {
    return null;
  }
  const env = (envelope['Envelope'] ?? {}) as Record<string, unknown>;
  return { header: (env['Header'] ?? {}) as Record<string, unknown>, body: (env['Body'] ?? {}) as Record<string, unknown> };
}

function loginResponse(service: OrgServiceApi, session: Session, origin: string, version: string): string {
  const user = service.user(session.userId);
  const org15 = id18(session.orgId).slice(0, 15);
  const el = (name: string, value: string | number | boolean | null): string =>
    value === null ? `<${name} xsi:nil="true"/>` : `<${name}>${escapeXml(String(value))}</${name}>`;
  const seconds = Math.max(0, Math.round((session.expiresAt - session.issuedAt) / 1000));
  return (
    '<?xml version="1.0" encoding="UTF-8"?><soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" ' +
    'xmlns="urn:partner.soap.sforce.com" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><soapenv:Body><loginResponse><result>' +
    el('metadataServerUrl', `${origin}/services/Soap/m/${version}/${org15}`) +
    el('passwordExpired', false) +
    el('sandbox', service.isSandbox) +
    el('serverUrl', `${origin}/services/Soap/u/${version}/${org15}`) +
    el('sessionId', session.accessToken) +
    el('userId', id18(user.id)) +
    '<userInfo>' +
    el('accessibilityMode', false) + el('chatterExternal', false) + el('currencySymbol', '$') +
    el('orgAttachmentFileSizeLimit', 5242880) + el('orgDefaultCurrencyIsoCode', 'USD') +
    el('orgDefaultCurrencyLocale', 'en_US') + el('orgDisallowHtmlAttachments', false) +
    el('orgHasPersonAccounts', false) + el('organizationId', id18(session.orgId)) +
    el('organizationMultiCurrency', false) + el('organizationName', service.orgName) +
    el('profileId', id18(user.profileId)) + el('roleId', user.roleId ? id18(user.roleId) : null) +
    el('sessionSecondsValid', seconds) + el('userDefaultCurrencyIsoCode', null) + el('userEmail', user.email) +
    el('userFullName', user.name) + el('userId', id18(user.id)) + el('userLanguage', user.language) +
    el('userLocale', user.locale) + el('userName', user.username) + el('userTimeZone', user.timeZone) +
    el('userType', 'Standard') + el('userUiSkin', 'Theme3') +
    '</userInfo></result></loginResponse></soapenv:Body></soapenv:Envelope>'
  );
}

const LOGOUT_RESPONSE =
  '<?xml version="1.0" encoding="UTF-8"?><soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" ' +
  'xmlns="urn:partner.soap.sforce.com"><soapenv:Body><logoutResponse/></soapenv:Body></soapenv:Envelope>';

/**
 * Handles one SOAP call. Only `login` and `logout` are implemented; any other partner operation is a
 * fault naming it, so a client relying on it fails loudly. Faults answer 500 as Salesforce does
 * ([UNVERIFIED] status; jsforce only needs >= 400 and never retries a POST).
 */
export function handleSoap(req: Request, res: Response, service: OrgServiceApi, origin: string, version: string): void {
  const send = (status: number, xml: string): void => {
    res.status(status).setHeader('Content-Type', XML_CONTENT_TYPE);
    res.end(xml);
  };
  const envelope = parseEnvelope(req.body);
  if (!envelope) {
    send(500, soapFault('INVALID_XML', 'The request body is not well-formed XML.'));
    return;
  }
  const { body, header } = envelope;
  try {
    if ('login' in body) {
      const login = (body['login'] ?? {}) as Record<string, unknown>;
      const username = String(login['username'] ?? '');
      const password = String(login['password'] ?? '');
      const session = service.loginWithPassword(username, password, 'soap');
      service.countApiRequest();
      send(200, loginResponse(service, session, origin, version));
      return;
    }
    if ('logout' in body) {
      const sessionHeader = (header['SessionHeader'] ?? {}) as Record<string, unknown>;
      const token = String(sessionHeader['sessionId'] ?? '');
      service.sessionFor(token);
      service.revoke(token);
      send(200, LOGOUT_RESPONSE);
      return;
    }
    const operation = Object.keys(body)[0] ?? '(none)';
    send(500, soapFault('INVALID_OPERATION', `The org emulator implements only login and logout on the SOAP partner API, not ${operation}.`));
  } catch (err) {
    if (err instanceof SalesforceError) {
      send(500, soapFault(err.errorCode, err.message));
      return;
    }
    throw err;
  }
}
