/**
 * Lightning's UI API picklist values by record type (`/ui-api/object-info/{object}/picklist-values/
 * {recordTypeId}[/{field}]`), read over a Bearer session as a verification would, on the sample org: each
 * Case record type offers its business process's statuses; the Master record type offers every value;
 * fields the user cannot read are absent.
 */
import { API_VERSION } from './fixtures/emulator.fixture.js';
import { caseRecordTypeId, expect, refusal, test } from './fixtures/sample-org.fixture.js';

interface PicklistValue { value: string; label: string; validFor: unknown[]; attributes: null }
interface FieldValues { controllerValues: Record<string, number>; defaultValue: PicklistValue | null; url: string; values: PicklistValue[] }

const base = `/services/data/v${API_VERSION}/ui-api/object-info`;
const MASTER = '012000000000000AAA';

const valuesOf = (field: FieldValues | undefined): string[] => (field?.values ?? []).map((v) => v.value);

test('each Case record type offers its process statuses with its default; Master offers every status', async ({ as }) => {
  const agent = await as('agent');
  const onboarding = await caseRecordTypeId(agent, 'Onboarding');
  const support = await caseRecordTypeId(agent, 'Support');

  const all = await agent.request<{ picklistFieldValues: Record<string, FieldValues> }>(`${base}/Case/picklist-values/${onboarding}`);
  const status = all.picklistFieldValues.Status;
  expect(valuesOf(status)).toEqual(['New', 'Working', 'Closed']);
  expect(status?.defaultValue).toEqual({ attributes: null, label: 'New', validFor: [], value: 'New' });
  expect(status?.url).toBe(`${base}/Case/picklist-values/${onboarding}/Status`);
  expect(valuesOf(all.picklistFieldValues.Onboarding_Stage__c).length).toBeGreaterThan(0);

  const supportStatus = await agent.request<FieldValues>(`${base}/Case/picklist-values/${support}/Status`);
  expect(valuesOf(supportStatus)).toEqual(['New', 'Working', 'Escalated', 'Closed']);

  const master = await agent.request<FieldValues>(`${base}/Case/picklist-values/${MASTER}/Status`);
  expect(valuesOf(master)).toEqual(expect.arrayContaining(['New', 'Working', 'Escalated', 'Closed']));
});

test('fields the user cannot read are not listed; an unknown record type or field is NOT_FOUND', async ({ as }) => {
  const integration = await as('integration');
  const rep = await as('rep');
  // The integration user has no access to the discount fields (org/README.md); the rep has.
  const forIntegration = await integration.request<{ picklistFieldValues: Record<string, FieldValues> }>(`${base}/Opportunity/picklist-values/${MASTER}`);
  expect(Object.keys(forIntegration.picklistFieldValues)).toContain('StageName');
  expect(Object.keys(forIntegration.picklistFieldValues)).not.toContain('Discount_Reason__c');
  const forRep = await rep.request<{ picklistFieldValues: Record<string, FieldValues> }>(`${base}/Opportunity/picklist-values/${MASTER}`);
  expect(Object.keys(forRep.picklistFieldValues)).toContain('Discount_Reason__c');

  expect(await refusal(() => integration.request(`${base}/Opportunity/picklist-values/${MASTER}/Discount_Reason__c`))).toMatchObject({ errorCode: 'NOT_FOUND' });
  expect(await refusal(() => rep.request(`${base}/Case/picklist-values/012000000000001AAA`))).toMatchObject({ errorCode: 'NOT_FOUND' });
});
