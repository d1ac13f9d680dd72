/**
 * What the Lightning UI asks the org: the page layout for a user, record type and mode (with each
 * item's effective access), the record types a user may pick, lookup search and record names. The same
 * security as the API applies underneath.
 */
import { SalesforceError, type RecordTypeChoice, type RecordTypePicklists, type ResolvedLayoutItem, type ResolvedLayoutSection, type WireRecord } from '../contracts.js';
import { MASTER_RECORD_TYPE_ID, normalizeId } from '../ids.js';
import type { FieldDef, LayoutDef, OrgSchema, RecordTypeDef, SObjectDef } from '../metadata/types.js';
import { recordTypePicklist } from '../metadata/record-type.js';
import type { StorePort } from './ports.js';
import type { Actor, SavePipeline } from './save.js';
import { requiredOnSave } from './save-plan.js';
import { objectNotFound } from './security.js';
import { lightningLabel } from '../metadata/lightning-labels.js';

export interface UiDeps {
  schema: OrgSchema;
  store: StorePort;
  pipeline: SavePipeline;
}

/**
 * What the generated layout's System Information section shows: "Created By" and "Last Modified By",
 * each with its date and time (Lightning's records-modstamp), so the dates are not items of their own.
 * Last viewed/referenced/activity dates are left out, as the layouts Salesforce generates leave them out.
 */
const SYSTEM_INFORMATION_FIELDS = new Set(['createdbyid', 'lastmodifiedbyid']);

/** Fields the platform fills in: a generated layout keeps them out of its first section. */
const SYSTEM_FIELDS = new Set(['id', 'isdeleted', 'createddate', 'createdbyid', 'lastmodifieddate', 'lastmodifiedbyid', 'systemmodstamp', 'lastvieweddate', 'lastreferenceddate', 'lastactivitydate']);

export class UiHelper {
  constructor(private readonly deps: UiDeps) {}

  /**
   * The layout assigned to the user's profile for the object and record type (profile layout assignments
   * keyed `object.recordtype` then `object`), or a generated one listing every readable field when the
   * project assigns none. Fields the user cannot read are dropped; `editable` combines FLS, the layout's
   * Readonly behaviour and the field's own createable/updateable.
   */
  layout(actor: Actor, objectName: string, recordTypeId: string | null, mode: 'view' | 'edit' | 'create'): ResolvedLayoutSection[] {
    const object = this.object(actor, objectName);
    const layout = this.assignedLayout(actor, object, recordTypeId);
    const sections = layout ? layout.sections : generatedSections(object);
    const rt = recordTypeId ? [...object.recordTypes.values()].find((r) => r.id === recordTypeId) : undefined;
    const resolved: ResolvedLayoutSection[] = [];
    for (const section of sections) {
      const columns = section.columns.map((column) => column
        .map((item) => ({ item, field: object.fields.get(item.field.toLowerCase()) }))
        .filter((e): e is { item: typeof e.item; field: FieldDef } => e.field !== undefined && actor.access.fieldReadable(object.name, e.field.name))
        .map(({ item, field }) => this.item(actor, object, field, item.behavior, mode, rt)));
      const rowCount = Math.max(0, ...columns.map((c) => c.length));
      const rows: ResolvedLayoutItem[][] = [];
      for (let i = 0; i < rowCount; i++) {
        const row: ResolvedLayoutItem[] = [];
        for (const column of columns) {
          const item = column[i];
          if (item) row.push(item);
        }
        rows.push(row);
      }
      if (rows.length > 0) resolved.push({ label: section.label, rows });
    }
    return resolved;
  }

  private item(
    actor: Actor, object: SObjectDef, field: FieldDef, behavior: 'Edit' | 'Required' | 'Readonly', mode: 'view' | 'edit' | 'create',
    recordType?: RecordTypeDef,
  ): ResolvedLayoutItem {
    const systemWritable = mode === 'create' ? field.createable : field.updateable;
    const editable = systemWritable && behavior !== 'Readonly' && !changedByAction(field) && actor.access.fieldEditable(object.name, field.name);
    const requiredBySchema = requiredOnSave(field);
    const item: ResolvedLayoutItem = {
      field: field.name,
      label: lightningLabel(object, field, (name) => this.deps.schema.objects.get(name.toLowerCase())?.label),
      type: field.type,
      editable,
      required: editable && (behavior === 'Required' || requiredBySchema),
      length: field.length,
      scale: field.scale,
    };
    if (field.inlineHelpText !== undefined) item.inlineHelpText = field.inlineHelpText;
    if (field.htmlFormatted) item.htmlFormatted = true;
    if (field.referenceTo) item.referenceTo = field.referenceTo;
    if (field.picklistValues) {
      // A record type narrows the picklist values offered (its picklistValues, and for Case/Lead/Solution
      // Status and Opportunity StageName its business process). Only the UI narrows: the API accepts any
      // active value of the field whatever the record type, as Salesforce does.
      const offered = recordTypePicklist(field, recordType);
      item.picklistValues = offered.values.map((v) => ({ value: v.value, label: v.label }));
      if (mode === 'create' && offered.defaultValue !== undefined) item.defaultValue = offered.defaultValue;
    }
    return item;
  }

  private assignedLayout(actor: Actor, object: SObjectDef, recordTypeId: string | null): LayoutDef | undefined {
    const assignments = actor.access.profile.layoutAssignments;
    const rt = recordTypeId ? [...object.recordTypes.values()].find((r) => r.id === recordTypeId) : undefined;
    const keys = [rt ? `${object.name}.${rt.developerName}`.toLowerCase() : undefined, object.name.toLowerCase()];
    for (const key of keys) {
      const name = key ? assignments.get(key) : undefined;
      const layout = name ? this.deps.schema.layouts.get(name.toLowerCase()) : undefined;
      if (layout) return layout;
    }
    // Without an assignment Salesforce uses the object's only layout if there is exactly one.
    const own = [...this.deps.schema.layouts.values()].filter((l) => l.object.toLowerCase() === object.name.toLowerCase());
    return own.length === 1 ? own[0] : undefined;
  }

  /**
   * Every picklist the user can read, as the record type offers it. Like the UI API, this answers for
   * any record type of the object, not only those assigned to the user: assignment decides what a user
   * may create, not what a picklist holds. [UNVERIFIED] the error for an id that is not a record type of
   * the object; a real org answers an error, the emulator NOT_FOUND.
   */
  picklistValuesByRecordType(actor: Actor, objectName: string, recordTypeId: string): RecordTypePicklists {
    const object = this.object(actor, objectName);
    let recordType: RecordTypeDef | undefined;
    if (recordTypeId !== MASTER_RECORD_TYPE_ID) {
      const id = normalizeId(recordTypeId);
      recordType = [...object.recordTypes.values()].find((r) => r.id === id);
      if (!recordType) throw new SalesforceError('NOT_FOUND', `No record type ${recordTypeId} on ${object.name}`, [], 404);
    }
    const out: RecordTypePicklists = {};
    for (const field of object.fields.values()) {
      if (!field.picklistValues || !actor.access.fieldReadable(object.name, field.name)) continue;
      const offered = recordTypePicklist(field, recordType);
      out[field.name] = { values: offered.values.map((v) => ({ value: v.value, label: v.label })), defaultValue: offered.defaultValue ?? null };
    }
    return out;
  }

  /** Active record types the user may pick for a new record, the profile's default first marked. */
  recordTypeChoices(actor: Actor, objectName: string): RecordTypeChoice[] {
    const object = this.object(actor, objectName);
    return actor.access.visibleRecordTypes(object.name).flatMap((visible) => {
      const rt = [...object.recordTypes.values()].find((r) => r.developerName === visible.developerName);
      return rt ? [{ id: rt.id, developerName: rt.developerName, label: rt.label, isDefault: visible.isDefault }] : [];
    });
  }

  /** Records whose name contains the term, visible to the user, best matches (prefix) first. */
  lookupSearch(actor: Actor, objectName: string, term: string, limit: number): { id: string; name: string }[] {
    const object = this.object(actor, objectName);
    const wanted = term.trim().toLowerCase();
    const found: { id: string; name: string; prefix: boolean }[] = [];
    for (const id of this.deps.store.allIds(object.name)) {
      const record = this.deps.store.get(object.name, id);
      if (!record || actor.access.recordAccess(object.name, record) === 'none') continue;
      // Lookups offer people, not the platform's own Automated Process user (it owns nothing by choice).
      if (object.name === 'User' && record.UserType === 'AutomatedProcess') continue;
      const name = this.nameOf(actor, object, record);
      const lower = name.toLowerCase();
      if (wanted === '' || lower.includes(wanted)) found.push({ id, name, prefix: lower.startsWith(wanted) });
    }
    found.sort((a, b) => Number(b.prefix) - Number(a.prefix) || a.name.localeCompare(b.name));
    return found.slice(0, Math.max(0, limit)).map(({ id, name }) => ({ id, name }));
  }

  /** The display name: the name field (Name, Subject, CaseNumber...), `First Last` for people. */
  recordName(actor: Actor, objectName: string, id: string): string {
    const object = this.object(actor, objectName);
    const record = this.deps.store.get(object.name, id);
    if (!record || actor.access.recordAccess(object.name, record) === 'none') throw objectNotFound();
    return this.nameOf(actor, object, record);
  }

  private nameOf(actor: Actor, object: SObjectDef, record: WireRecord): string {
    const nameField = object.fields.get(object.nameField.toLowerCase());
    let value = nameField ? record[nameField.name] : undefined;
    if ((value === undefined || value === null) && object.fields.has('lastname')) {
      value = [record.FirstName, record.LastName].filter((v) => typeof v === 'string' && v !== '').join(' ');
    }
    if ((value === undefined || value === null) && nameField?.formula !== undefined) {
      value = this.deps.pipeline.withFormulas(actor, object, record)[nameField.name];
    }
    return value === undefined || value === null ? String(record.Id) : String(value);
  }

  private object(actor: Actor, objectName: string): SObjectDef {
    const object = this.deps.schema.objects.get(objectName.toLowerCase());
    if (!object || object.tooling || !actor.access.canRead(object.name)) throw objectNotFound();
    return object;
  }
}

/**
 * Lightning changes a record's owner through the "Change Owner" action, never in a form: the Owner item
 * has no pencil, is read-only in the Edit modal, and in the New modal shows the creator, who owns the new
 * record (the API can still set OwnerId; only the pages do not offer it).
 */
function changedByAction(field: FieldDef): boolean {
  return field.name.toLowerCase() === 'ownerid';
}

/** Two sections like Salesforce's generated default layout: the fields, then System Information. */
function generatedSections(object: SObjectDef): LayoutDef['sections'] {
  const info: { field: string; behavior: 'Edit' | 'Required' | 'Readonly' }[] = [];
  const system: { field: string; behavior: 'Edit' | 'Required' | 'Readonly' }[] = [];
  for (const field of object.fields.values()) {
    if (field.compoundFieldName !== undefined) continue;
    const lower = field.name.toLowerCase();
    if (SYSTEM_FIELDS.has(lower)) {
      if (SYSTEM_INFORMATION_FIELDS.has(lower)) system.push({ field: field.name, behavior: 'Readonly' });
      continue;
    }
    info.push({ field: field.name, behavior: requiredOnSave(field) ? 'Required' : field.createable || field.updateable ? 'Edit' : 'Readonly' });
  }
  const half = Math.ceil(info.length / 2);
  return [
    { label: 'Information', columns: [info.slice(0, half), info.slice(half)] },
    { label: 'System Information', columns: [system.filter((_, i) => i % 2 === 0), system.filter((_, i) => i % 2 === 1)] },
  ];
}
