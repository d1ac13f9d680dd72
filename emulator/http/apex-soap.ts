/**
 * The Apex SOAP API on `/services/Soap/s/{version}/{orgId}`: `executeAnonymous`, which `sf apex run`
 * (@salesforce/apex-node's ExecuteService) sends instead of the Tooling REST call so that it gets the
 * debug log in the same answer. The session travels in the SOAP `SessionHeader`.
 *
 * The emulator runs no Apex: the answer is the real `executeAnonymousResponse` shape with a compile
 * failure saying so (anonymous-apex.ts). apex-node reads it through jsforce's XML parsing, element
 * names with the `soapenv:` prefix, and treats an `xsi:nil` element as empty.
 */
import type { Request, Response } from 'express';
import { SalesforceError } from '../contracts.js';
import type { OrgServiceApi } from '../contracts.js';
import { anonymousApexNotRun } from './anonymous-apex.js';
import { escapeXml, parseEnvelope, soapFault } from './soap-login.js';
import { XML_CONTENT_TYPE } from './wire.js';

export function handleApexSoap(req: Request, res: Response, service: OrgServiceApi): void {
  const send = (status: number, xml: string): void => {
    res.status(status).setHeader('Content-Type', XML_CONTENT_TYPE);
    res.end(xml);
  };
  const envelope = parseEnvelope(req.body);
  if (!envelope) return void send(500, soapFault('INVALID_XML', 'The request body is not well-formed XML.'));
  const { header, body } = envelope;
  const sessionHeader = (header['SessionHeader'] ?? {}) as Record<string, unknown>;
  try {
    // An invalid session is a 500 fault naming INVALID_SESSION_ID: apex-node refreshes the token on
    // exactly that (ERROR_HTTP_500 whose message contains INVALID_SESSION_ID) and retries once.
    service.sessionFor(String(sessionHeader['sessionId'] ?? ''));
    service.countApiRequest();
  } catch (err) {
    if (!(err instanceof SalesforceError)) throw err;
    const message = err.errorCode === 'INVALID_SESSION_ID' ? 'Invalid Session ID found in SessionHeader: Illegal Session' : err.message;
    return void send(500, soapFault(err.errorCode, message));
  }
  const operation = Object.keys(body).find((key) => !key.startsWith('#')) ?? '(none)';
  if (operation !== 'executeAnonymous') {
    return void send(500, soapFault('INVALID_OPERATION', `The org emulator runs no Apex: the Apex SOAP API operation ${operation} is not available.`));
  }
  const call = (body['executeAnonymous'] ?? {}) as Record<string, unknown>;
  const code = typeof call['apexcode'] === 'string' ? call['apexcode'] : '';
  const wantsLog = 'DebuggingHeader' in header;
  send(200, executeAnonymousResponse(code, wantsLog));
}

/**
 * `<executeAnonymousResponse><result>` with the elements in the order of the Apex WSDL's
 * ExecuteAnonymousResult. With a DebuggingHeader the answer carries a DebuggingInfo header; its log is
 * empty because nothing ran ([UNVERIFIED] what a real org logs for code that does not compile).
 */
function executeAnonymousResponse(code: string, withLog: boolean): string {
  const result = anonymousApexNotRun(code);
  const el = (name: string, value: string | number | boolean | null): string =>
    value === null ? `<${name} xsi:nil="true"/>` : `<${name}>${escapeXml(String(value))}</${name}>`;
  return (
    '<?xml version="1.0" encoding="UTF-8"?><soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" ' +
    'xmlns="http://soap.sforce.com/2006/08/apex" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
    (withLog ? '<soapenv:Header><DebuggingInfo><debugLog></debugLog></DebuggingInfo></soapenv:Header>' : '') +
    '<soapenv:Body><executeAnonymousResponse><result>' +
    el('column', result.column) +
    el('compileProblem', result.compileProblem) +
    el('compiled', result.compiled) +
    el('exceptionMessage', result.exceptionMessage) +
    el('exceptionStackTrace', result.exceptionStackTrace) +
    el('line', result.line) +
    el('success', result.success) +
    '</result></executeAnonymousResponse></soapenv:Body></soapenv:Envelope>'
  );
}
