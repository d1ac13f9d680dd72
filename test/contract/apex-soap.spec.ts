/**
 * The Apex SOAP API `executeAnonymous` on `/services/Soap/s/{version}/{orgId}`, which `sf apex run` uses: the
 * real response shape, answered as a compile failure because the emulator runs no Apex (as the Tooling REST
 * call is, tooling.spec.ts), a 500 INVALID_SESSION_ID fault for a bad session (the CLI refreshes on exactly
 * that) and a fault naming any other operation.
 */
import { API_VERSION, expect, test } from './fixtures/emulator.fixture.js';

const envelope = (sessionId: string, body: string) =>
  '<env:Envelope xmlns:env="http://schemas.xmlsoap.org/soap/envelope/" xmlns:apex="http://soap.sforce.com/2006/08/apex">' +
  `<env:Header><apex:SessionHeader><apex:sessionId>${sessionId}</apex:sessionId></apex:SessionHeader>` +
  '<apex:DebuggingHeader><apex:debugLevel>DEBUGONLY</apex:debugLevel></apex:DebuggingHeader></env:Header>' +
  `<env:Body>${body}</env:Body></env:Envelope>`;

async function apexSoap(url: string, orgId: string, xml: string): Promise<{ status: number; text: string }> {
  const response = await fetch(`${url}/services/Soap/s/${API_VERSION}/${orgId}`, {
    method: 'POST',
    headers: { 'Content-Type': 'text/xml', SOAPAction: 'executeAnonymous' },
    body: xml,
  });
  return { status: response.status, text: await response.text() };
}

// System.debug('a < b'); once the XML entities are decoded: 22 characters.
const executeAnonymous = '<executeAnonymous xmlns="http://soap.sforce.com/2006/08/apex"><apexcode>System.debug(&apos;a &lt; b&apos;);</apexcode></executeAnonymous>';

test('executeAnonymous: 200, compiled false, success false, a compile problem saying no Apex runs here', async ({ admin, emulator }) => {
  const orgId = (admin.accessToken ?? '').split('!')[0] ?? '';
  const answer = await apexSoap(emulator.url, orgId, envelope(admin.accessToken ?? '', executeAnonymous));
  expect(answer.status).toBe(200);
  expect(answer.text).toContain('<soapenv:Header><DebuggingInfo><debugLog></debugLog></DebuggingInfo></soapenv:Header>');
  expect(answer.text).toMatch(/<executeAnonymousResponse><result><column>1<\/column><compileProblem>The org emulator does not run Apex: anonymous Apex \(22 characters\) was not executed\.[^<]*<\/compileProblem><compiled>false<\/compiled><exceptionMessage xsi:nil="true"\/><exceptionStackTrace xsi:nil="true"\/><line>1<\/line><success>false<\/success><\/result>/);
});

test('a bad session: 500 fault INVALID_SESSION_ID', async ({ admin, emulator }) => {
  const orgId = (admin.accessToken ?? '').split('!')[0] ?? '';
  const answer = await apexSoap(emulator.url, orgId, envelope(`${orgId}!not-a-session`, executeAnonymous));
  expect(answer.status).toBe(500);
  expect(answer.text).toContain('<faultcode>sf:INVALID_SESSION_ID</faultcode>');
});

test('another Apex API operation: 500 fault naming it', async ({ admin, emulator }) => {
  const orgId = (admin.accessToken ?? '').split('!')[0] ?? '';
  const answer = await apexSoap(emulator.url, orgId, envelope(admin.accessToken ?? '', '<runTests xmlns="http://soap.sforce.com/2006/08/apex"><allTests>true</allTests></runTests>'));
  expect(answer.status).toBe(500);
  expect(answer.text).toContain('<faultcode>sf:INVALID_OPERATION</faultcode>');
  expect(answer.text).toContain('runTests');
});
