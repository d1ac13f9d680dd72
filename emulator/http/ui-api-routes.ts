/**
 * The slice of Lightning's UI API (`/services/data/vNN.N/ui-api/...`) that a verification reads over a
 * Bearer session: which picklist values a record type offers. Shapes follow Salesforce's "Picklist Values"
 * and "Picklist Values Collection" responses; the values come from the same service method the emulator's
 * Lightning forms use, so the API and the page cannot disagree.
 */
import { SalesforceError, type RecordTypePicklists } from '../contracts.js';
import type { RestContext, RestResult, Route, RouteParams } from './rest-types.js';

/** Salesforce's PicklistValue representation (`attributes` is set only for some standard fields). */
function picklistValue(value: string, label: string): Record<string, unknown> {
  return { attributes: null, label, validFor: [], value };
}

function fieldValues(ctx: RestContext, params: RouteParams, field: string, entry: RecordTypePicklists[string]): Record<string, unknown> {
  const url = `/services/data/v${ctx.version}/ui-api/object-info/${params.object}/picklist-values/${params.recordTypeId}/${field}`;
  const labelOf = new Map(entry.values.map((v) => [v.value, v.label]));
  return {
    // Dependent picklists are not modelled (see README), so no field has controller values.
    controllerValues: {},
    defaultValue: entry.defaultValue === null ? null : picklistValue(entry.defaultValue, labelOf.get(entry.defaultValue) ?? entry.defaultValue),
    url,
    values: entry.values.map((v) => picklistValue(v.value, v.label)),
  };
}

function allFields(ctx: RestContext, params: RouteParams): RestResult {
  const picklists = ctx.service.picklistValuesByRecordType(ctx.session, params.object ?? '', params.recordTypeId ?? '');
  const picklistFieldValues: Record<string, unknown> = {};
  for (const [field, entry] of Object.entries(picklists)) picklistFieldValues[field] = fieldValues(ctx, params, field, entry);
  return { status: 200, body: { picklistFieldValues } };
}

function oneField(ctx: RestContext, params: RouteParams): RestResult {
  const picklists = ctx.service.picklistValuesByRecordType(ctx.session, params.object ?? '', params.recordTypeId ?? '');
  const wanted = (params.field ?? '').toLowerCase();
  const found = Object.entries(picklists).find(([field]) => field.toLowerCase() === wanted);
  if (!found) {
    // [UNVERIFIED] the exact error a real org gives for a field that is not a readable picklist.
    throw new SalesforceError('NOT_FOUND', `${params.field ?? ''} is not a picklist field of ${params.object ?? ''} that you can read`, [], 404);
  }
  return { status: 200, body: fieldValues(ctx, params, found[0], found[1]) };
}

export const uiApiRoutes: Route[] = [
  { method: 'GET', pattern: '/ui-api/object-info/:object/picklist-values/:recordTypeId', api: 'data', handler: allFields },
  { method: 'GET', pattern: '/ui-api/object-info/:object/picklist-values/:recordTypeId/:field', api: 'data', handler: oneField },
];
