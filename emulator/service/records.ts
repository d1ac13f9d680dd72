/**
 * Record reads and the write entry points that are not plain saves: retrieve (with formula fields and
 * compound address fields), upsert by external id, `updated`/`deleted` replication windows, and the two
 * Tooling writes tools rely on (flow activation, validation rule activation).
 */
import { SalesforceError, type OrgServiceApi, type WireRecord, type WireValue } from '../contracts.js';
import { keyPrefixOf, requireId } from '../ids.js';
import type { FieldDef, OrgSchema, SObjectDef } from '../metadata/types.js';
import { DEFAULT_API_VERSION } from './describe.js';
import { MultipleChoicesError } from './errors.js';
import { formatDateTime } from './field-values.js';
import { fieldValue } from './formula-context.js';
import type { FlowRuntimePort, StorePort } from './ports.js';
import type { Actor, SavePipeline } from './save.js';
import { objectNotFound } from './security.js';

export interface RecordDeps {
  schema: OrgSchema;
  store: StorePort;
  pipeline: SavePipeline;
  flows(): FlowRuntimePort | null;
  now(): Date;
  /** When the org was loaded: the earliest date `deleted()` can answer for. */
  loadedAt: Date;
}

/** Components of compound address fields, keyed by suffix, with their JSON names (REST returns them nested). */
const ADDRESS_PARTS: [string, string][] = [
  ['City', 'city'], ['Country', 'country'], ['CountryCode', 'countryCode'], ['GeocodeAccuracy', 'geocodeAccuracy'],
  ['Latitude', 'latitude'], ['Longitude', 'longitude'], ['PostalCode', 'postalCode'], ['State', 'state'],
  ['StateCode', 'stateCode'], ['Street', 'street'],
];

export class RecordReader {
  constructor(private readonly deps: RecordDeps) {}

  readableObject(actor: Actor, objectName: string, tooling = false): SObjectDef {
    const object = this.deps.schema.objects.get(objectName.toLowerCase());
    if (!object || object.tooling !== tooling || !actor.access.canRead(object.name)) throw objectNotFound();
    return object;
  }

  /**
   * `GET /sobjects/T/id[?fields=]`: readable fields only, formula fields computed. A record the user
   * cannot see answers like a missing one (404 NOT_FOUND; UNVERIFIED whether a real org says
   * INSUFFICIENT_ACCESS instead).
   */
  retrieve(actor: Actor, objectName: string, idValue: string, fields?: string[], tooling = false): WireRecord {
    const object = this.readableObject(actor, objectName, tooling);
    const id = object.keyPrefix ? requireId(idValue, `${object.label} ID`) : idValue;
    if (object.keyPrefix && keyPrefixOf(id) !== object.keyPrefix) throw objectNotFound();
    const stored = this.deps.store.get(object.name, id);
    if (!stored || actor.access.recordAccess(object.name, stored) === 'none') throw objectNotFound();
    const wanted = fields && fields.length > 0 ? fields.map((name) => this.readableField(actor, object, name)) : undefined;
    return this.shape(actor, object, stored, wanted, tooling);
  }

  /** A stored record as the API returns it: `attributes` first, fields in describe order. */
  shape(actor: Actor, object: SObjectDef, stored: WireRecord, only?: FieldDef[], tooling = false): WireRecord {
    const withFormulas = this.deps.pipeline.withFormulas(actor, object, stored);
    const out: WireRecord = {
      attributes: { type: object.name, url: `/services/data/v${DEFAULT_API_VERSION}/${tooling ? 'tooling/' : ''}sobjects/${object.name}/${String(stored.Id)}` },
    };
    const fields = only ?? [...object.fields.values()].filter((f) => actor.access.fieldReadable(object.name, f.name));
    for (const field of fields) out[field.name] = this.valueOf(object, field, withFormulas);
    return out;
  }

  private valueOf(object: SObjectDef, field: FieldDef, record: WireRecord): unknown {
    if (field.type === 'address') {
      const prefix = field.name.replace(/Address$/, '');
      const parts: Record<string, WireValue> = {};
      let any = false;
      for (const [suffix, key] of ADDRESS_PARTS) {
        if (!object.fields.has(`${prefix}${suffix}`.toLowerCase())) continue;
        const value = fieldValue(record, `${prefix}${suffix}`) ?? null;
        parts[key] = value;
        if (value !== null) any = true;
      }
      return any ? parts : null;
    }
    const value = fieldValue(record, field.name) ?? null;
    if (field.type === 'anyType' && typeof value === 'string' && /^[[{]/.test(value)) {
      try {
        return JSON.parse(value) as unknown;
      } catch {
        return value;
      }
    }
    return value;
  }

  private readableField(actor: Actor, object: SObjectDef, name: string): FieldDef {
    const field = object.fields.get(name.trim().toLowerCase());
    if (!field || !actor.access.fieldReadable(object.name, field.name)) {
      throw new SalesforceError(
        'INVALID_FIELD',
        `No such column '${name.trim()}' on entity '${object.name}'. If you are attempting to use a custom field, be sure to append the '__c' after the custom field name. Please reference your WSDL or the describe call for the appropriate names.`,
        [],
      );
    }
    return field;
  }

  /** Upsert by external id: 0 matches creates, 1 updates, more is 300 MULTIPLE_CHOICES with the records' URLs. */
  upsert(actor: Actor, objectName: string, externalIdField: string, value: string, values: WireRecord): { id: string; created: boolean } {
    const object = this.readableObject(actor, objectName);
    const field = object.fields.get(externalIdField.toLowerCase());
    // Upsert keys on fields whose describe says idLookup: Id and External ID fields. A custom field that is
    // merely Unique is not one (Salesforce: "a custom field with the External ID attribute").
    const usable = field && (field.externalId || field.type === 'id') && actor.access.fieldReadable(object.name, field.name);
    if (!field || !usable) {
      throw new SalesforceError('NOT_FOUND', `Provided external ID field does not exist or is not accessible: ${externalIdField}`, [], 404);
    }
    const { [field.name]: _ignored, ...rest } = values;
    if (field.type === 'id') {
      const id = requireId(value, `${object.label} ID`);
      this.deps.pipeline.update(actor, object.name, id, rest);
      return { id, created: false };
    }
    const matches = this.deps.store.findBy(object.name, field.name, value);
    if (matches.length > 1) {
      throw new MultipleChoicesError(matches.map((m) => `/services/data/v${DEFAULT_API_VERSION}/sobjects/${object.name}/${String(m.Id)}`));
    }
    const match = matches[0];
    if (match) {
      this.deps.pipeline.update(actor, object.name, String(match.Id), rest);
      return { id: String(match.Id), created: false };
    }
    const id = this.deps.pipeline.create(actor, object.name, { ...rest, [field.name]: value });
    return { id, created: true };
  }

  /** `GET /sobjects/T/updated`: ids of visible records changed in the window (SystemModstamp). */
  updated(actor: Actor, objectName: string, start: Date, end: Date): { ids: string[]; latestDateCovered: string } {
    const object = this.readableObject(actor, objectName);
    checkWindow(start, end, this.deps.now());
    const ids = this.deps.store.updatedBetween(object.name, start, end).filter((id) => {
      const record = this.deps.store.get(object.name, id);
      return record !== null && record !== undefined && actor.access.recordAccess(object.name, record) !== 'none';
    });
    return { ids, latestDateCovered: formatDateTime(minuteFloor(end)) };
  }

  /** `GET /sobjects/T/deleted`: records moved to the recycle bin in the window. */
  deleted(actor: Actor, objectName: string, start: Date, end: Date): ReturnType<OrgServiceApi['deleted']> {
    const object = this.readableObject(actor, objectName);
    checkWindow(start, end, this.deps.now());
    const deletedRecords = this.deps.store.deletedBetween(object.name, start, end).filter(({ id }) => {
      const record = this.deps.store.get(object.name, id, { includeDeleted: true });
      return record !== null && record !== undefined && actor.access.recordAccess(object.name, record) !== 'none';
    });
    return {
      deletedRecords,
      earliestDateAvailable: formatDateTime(minuteFloor(this.deps.loadedAt)),
      latestDateCovered: formatDateTime(minuteFloor(end)),
    };
  }

  /**
   * Tooling `PATCH FlowDefinition/{id}` with `{"Metadata":{"activeVersionNumber":n}}` (0 or null
   * deactivates), as CumulusCI's activate_flow does (field notes). Needs Manage Flow or Modify All Data.
   */
  updateFlowDefinition(actor: Actor, id: string, values: WireRecord): void {
    this.readableObject(actor, 'FlowDefinition', true);
    const definitionId = requireId(id, 'Flow Definition ID');
    const row = this.deps.store.get('FlowDefinition', definitionId);
    if (!row) throw objectNotFound();
    if (!actor.access.modifyAllData && !actor.access.hasUserPermission('ManageFlow')) {
      throw new SalesforceError('INSUFFICIENT_ACCESS_OR_READONLY', 'insufficient access rights on object id', []);
    }
    const metadata = readMetadata(values);
    const unknown = Object.keys(values).filter((k) => k !== 'Metadata' && k !== 'attributes');
    if (unknown.length > 0) throw new SalesforceError('INVALID_FIELD_FOR_INSERT_UPDATE', `Unable to create/update fields: ${unknown.join(', ')}. Please check the security settings of this field and verify that it is read/write for your profile or permission set.`, unknown);
    const requested = metadata.activeVersionNumber;
    const version = requested === null || requested === undefined ? 0 : Number(requested);
    if (!Number.isInteger(version) || version < 0) {
      throw new SalesforceError('FIELD_INTEGRITY_EXCEPTION', `activeVersionNumber: invalid value: ${String(requested)}`, ['Metadata']);
    }
    const apiName = String(row.DeveloperName);
    const flows = this.deps.flows();
    this.deps.store.transaction(() => {
      flows?.setActiveVersion(apiName, version);
      const active = flows ? flows.activeVersionNumber(apiName) : version;
      const previous = typeof row.Metadata === 'string' ? (JSON.parse(row.Metadata) as Record<string, unknown>) : {};
      this.deps.store.update('FlowDefinition', definitionId, {
        ActiveVersionId: active > 0 ? row.LatestVersionId ?? null : null,
        Metadata: JSON.stringify({ ...previous, activeVersionNumber: active > 0 ? active : null }),
        LastModifiedDate: formatDateTime(this.deps.now()), SystemModstamp: formatDateTime(this.deps.now()), LastModifiedById: actor.access.userId,
      });
      if (typeof row.LatestVersionId === 'string') {
        this.deps.store.update('Flow', row.LatestVersionId, { Status: active > 0 ? 'Active' : 'Obsolete' });
      }
    });
  }

  /** Tooling `PATCH ValidationRule/{id}` with `{"Metadata":{"active":false,...}}` switches a rule on or off. */
  updateValidationRule(actor: Actor, id: string, values: WireRecord): void {
    this.readableObject(actor, 'ValidationRule', true);
    const ruleId = requireId(id, 'Validation Rule ID');
    const row = this.deps.store.get('ValidationRule', ruleId);
    if (!row) throw objectNotFound();
    if (!actor.access.modifyAllData && !actor.access.hasUserPermission('CustomizeApplication')) {
      throw new SalesforceError('INSUFFICIENT_ACCESS_OR_READONLY', 'insufficient access rights on object id', []);
    }
    const metadata = readMetadata(values);
    if (typeof metadata.active !== 'boolean') throw new SalesforceError('REQUIRED_FIELD_MISSING', 'Required fields are missing: [Metadata.active]', ['Metadata']);
    const active = metadata.active;
    for (const object of this.deps.schema.objects.values()) {
      for (const rule of object.validationRules) if (rule.id === ruleId) rule.active = active;
    }
    const previous = typeof row.Metadata === 'string' ? (JSON.parse(row.Metadata) as Record<string, unknown>) : {};
    this.deps.store.update('ValidationRule', ruleId, { Active: active, Metadata: JSON.stringify({ ...previous, active }) });
  }
}

function readMetadata(values: WireRecord): Record<string, unknown> {
  const metadata = values.Metadata;
  if (!metadata || typeof metadata !== 'object' || Array.isArray(metadata)) {
    throw new SalesforceError('JSON_PARSER_ERROR', 'Cannot deserialize instance of Metadata from VALUE_STRING value or request may be missing a required field', ['Metadata']);
  }
  return metadata as Record<string, unknown>;
}

/** The replication API refuses windows that end before they start or start more than 30 days ago. */
function checkWindow(start: Date, end: Date, now: Date): void {
  if (Number.isNaN(start.getTime()) || Number.isNaN(end.getTime()) || end.getTime() < start.getTime()) {
    throw new SalesforceError('INVALID_REPLICATION_DATE', 'EndDate must chronologically follow the StartDate', []);
  }
  if (now.getTime() - start.getTime() > 30 * 86_400_000) {
    throw new SalesforceError('INVALID_REPLICATION_DATE', 'startDate cannot be more than 30 days ago', []);
  }
}

function minuteFloor(date: Date): Date {
  return new Date(Math.floor(date.getTime() / 60_000) * 60_000);
}
