/**
 * A small in-memory `OrgServiceApi` for the Lightning UI tests, written against emulator/contracts.ts
 * alone so the UI can be proven while the real service (emulator/service) is being assembled.
 *
 * It keeps the behaviours the UI depends on and must surface faithfully: sessions that expire, field
 * level security (hidden and read-only fields), required fields, picklists per record type, validation
 * rules with and without an error field, lookups and child relationships. Methods the UI never calls
 * throw, so a UI change that starts calling them fails loudly here.
 */
import { parseQuery, type Query, type WhereClause } from '@jetstreamapp/soql-parser-js';
import {
  SalesforceError,
  type OrgServiceApi, type QueryColumns, type QueryPage, type RecordTypeChoice, type RecordTypePicklists, type ResolvedLayoutItem, type ResolvedLayoutSection,
  type RequestRecord, type RequestStatsSnapshot, type Session, type UserSummary, type WireRecord,
} from '../../../emulator/contracts.js';
import type { FieldType } from '../../../emulator/metadata/types.js';
import { IdMinter } from '../../../emulator/ids.js';
import { RequestStats } from '../../../emulator/service/request-stats.js';

interface FakeField {
  name: string;
  label: string;
  type: FieldType;
  required?: boolean;
  picklist?: string[];
  defaultPicklist?: string;
  referenceTo?: string;
  scale?: number;
  system?: boolean;
}

interface FakeRule {
  message: string;
  field?: string;
  failsWhen: (r: WireRecord) => boolean;
}

interface FakeObject {
  name: string;
  label: string;
  labelPlural: string;
  keyPrefix: string;
  fields: FakeField[];
  layout: { label: string; rows: string[][] }[];
  recordTypes: { developerName: string; label: string; stages?: string[]; /** The Sales Process's default stage. */ stageDefault?: string }[];
  rules: FakeRule[];
}

interface FakeUser {
  summary: UserSummary;
  password: string;
  /** `Object.Field` the user cannot see. */
  hidden: Set<string>;
  /** `Object.Field` the user can see but not edit. */
  readOnly: Set<string>;
}

const STAGES = ['Prospecting', 'Qualification', 'Negotiation', 'Closed Won', 'Closed Lost'];

/** The value a New form starts at, as the real service answers it: the record type's stage default where it narrows the stages, else the field's. */
function createDefault(field: FakeField, recordType: FakeObject['recordTypes'][number] | undefined): string | undefined {
  if (field.name === 'StageName' && recordType?.stages) return recordType.stageDefault;
  return field.defaultPicklist;
}

const OBJECTS: FakeObject[] = [
  {
    name: 'Account', label: 'Account', labelPlural: 'Accounts', keyPrefix: '001', recordTypes: [], rules: [],
    fields: [
      { name: 'Id', label: 'Account ID', type: 'id', system: true },
      { name: 'Name', label: 'Account Name', type: 'string', required: true },
      { name: 'Phone', label: 'Phone', type: 'phone' },
      { name: 'Industry', label: 'Industry', type: 'picklist', picklist: ['Banking', 'Energy', 'Retail'] },
      { name: 'AnnualRevenue', label: 'Annual Revenue', type: 'currency', scale: 0 },
      { name: 'Description', label: 'Description', type: 'textarea' },
      { name: 'LastModifiedDate', label: 'Last Modified Date', type: 'datetime', system: true },
      { name: 'CreatedDate', label: 'Created Date', type: 'datetime', system: true },
    ],
    layout: [
      { label: 'Account Information', rows: [['Name', 'Phone'], ['Industry', 'AnnualRevenue']] },
      { label: 'Description Information', rows: [['Description']] },
    ],
  },
  {
    name: 'Opportunity', label: 'Opportunity', labelPlural: 'Opportunities', keyPrefix: '006',
    recordTypes: [
      { developerName: 'New_Business', label: 'New Business' },
      { developerName: 'Renewal', label: 'Renewal', stages: ['Qualification', 'Negotiation', 'Closed Won', 'Closed Lost'], stageDefault: 'Qualification' },
      // Narrows the stages (keeping the field's default, Prospecting) but marks none as default: a new Upsell starts at --None--.
      { developerName: 'Upsell', label: 'Upsell', stages: ['Prospecting', 'Negotiation', 'Closed Won', 'Closed Lost'] },
    ],
    fields: [
      { name: 'Id', label: 'Opportunity ID', type: 'id', system: true },
      { name: 'Name', label: 'Opportunity Name', type: 'string', required: true },
      { name: 'AccountId', label: 'Account Name', type: 'reference', referenceTo: 'Account' },
      { name: 'StageName', label: 'Stage', type: 'picklist', picklist: STAGES, required: true, defaultPicklist: 'Prospecting' },
      { name: 'Amount', label: 'Amount', type: 'currency', scale: 2 },
      { name: 'CloseDate', label: 'Close Date', type: 'date', required: true },
      { name: 'Discount__c', label: 'Discount', type: 'percent', scale: 0 },
      { name: 'Competitors__c', label: 'Competitors', type: 'multipicklist', picklist: ['Acme Corp', 'Globex', 'Initech'] },
      { name: 'Next_Call__c', label: 'Next Call', type: 'datetime' },
      { name: 'Is_Strategic__c', label: 'Strategic', type: 'boolean' },
      { name: 'RecordTypeId', label: 'Opportunity Record Type', type: 'reference', referenceTo: 'RecordType' },
      { name: 'LastModifiedDate', label: 'Last Modified Date', type: 'datetime', system: true },
      { name: 'CreatedDate', label: 'Created Date', type: 'datetime', system: true },
    ],
    layout: [
      { label: 'Opportunity Information', rows: [['Name', 'AccountId'], ['StageName', 'CloseDate'], ['Amount', 'Discount__c'], ['Competitors__c', 'Next_Call__c'], ['Is_Strategic__c']] },
    ],
    rules: [
      { field: 'Discount__c', message: 'Discounts above 20% need Deal Desk approval.', failsWhen: (r) => typeof r.Discount__c === 'number' && r.Discount__c > 20 },
      { message: 'A Closed Won opportunity needs an amount.', failsWhen: (r) => r.StageName === 'Closed Won' && (r.Amount === null || r.Amount === undefined) },
    ],
  },
];

export interface FakeUserSpec {
  username: string;
  password: string;
  firstName: string;
  lastName: string;
  hidden?: string[];
  readOnly?: string[];
  apiOnly?: boolean;
  locale?: string;
  timeZone?: string;
}

export class InMemoryOrgService implements OrgServiceApi {
  readonly orgId = '00D5g0000000001EAA';
  readonly orgName = 'Postflight UI Test Org';
  readonly isSandbox = true;

  private readonly ids = new IdMinter();
  private readonly users = new Map<string, FakeUser>();
  private readonly sessions = new Map<string, Session>();
  private readonly records = new Map<string, { object: FakeObject; values: WireRecord; seq: number }>();
  private readonly recordTypeIds = new Map<string, string>();
  /** `userId:recordId` -> what that user may do with the record; absent means full access. */
  private readonly recordAccess = new Map<string, { edit: boolean; delete: boolean }>();
  private seq = 0;
  private tokenCounter = 0;
  private readonly requests = new RequestStats(() => new Date());

  constructor(users: FakeUserSpec[]) {
    for (const spec of users) {
      const id = this.ids.next('005');
      this.users.set(spec.username.toLowerCase(), {
        password: spec.password,
        hidden: new Set(spec.hidden ?? []),
        readOnly: new Set(spec.readOnly ?? []),
        summary: {
          id, username: spec.username, firstName: spec.firstName, lastName: spec.lastName, name: `${spec.firstName} ${spec.lastName}`,
          email: spec.username, profileId: '00e5g0000000001AAA', profileName: 'Standard User', roleId: null, isActive: true,
          apiOnly: spec.apiOnly ?? false, timeZone: spec.timeZone ?? 'America/New_York', locale: spec.locale ?? 'en_US', language: 'en_US',
        },
      });
    }
    for (const o of OBJECTS) for (const rt of o.recordTypes) this.recordTypeIds.set(`${o.name}.${rt.developerName}`, this.ids.next('012'));
  }

  /** Test hook: inserts a record as the system (no security, no rules). */
  seed(object: string, values: WireRecord): string {
    const obj = this.obj(object);
    const id = this.ids.next(obj.keyPrefix);
    this.records.set(id, { object: obj, values: { ...values, Id: id }, seq: ++this.seq });
    return id;
  }

  /**
   * Test hook: what a user may do with one record (sharing, in a real org), as UserRecordAccess answers.
   * Saves are not refused by it: the UI tests use it for what the page offers.
   */
  limitRecordAccess(username: string, recordId: string, access: { edit: boolean; delete: boolean }): void {
    const user = this.users.get(username.toLowerCase());
    if (!user) throw new Error(`no user ${username}`);
    this.recordAccess.set(`${user.summary.id}:${recordId}`, access);
  }

  /** Test hook: a record's stored values. */
  peek(id: string): WireRecord | undefined {
    return this.records.get(id)?.values;
  }

  recordTypeId(object: string, developerName: string): string {
    const id = this.recordTypeIds.get(`${object}.${developerName}`);
    if (!id) throw new Error(`no record type ${object}.${developerName}`);
    return id;
  }

  // --- sessions ---------------------------------------------------------------------------------

  loginWithPassword(username: string, password: string, grant: Session['grant']): Session {
    const user = this.users.get(username.toLowerCase());
    if (!user || user.password !== password) throw new SalesforceError('INVALID_LOGIN', 'INVALID_LOGIN: Invalid username, password, security token; or user locked out.');
    return this.issue(user, grant);
  }

  loginAsUser(username: string, grant: Session['grant'], clientId?: string): Session {
    const user = this.users.get(username.toLowerCase());
    if (!user) throw new SalesforceError('INVALID_LOGIN', 'user not found');
    return this.issue(user, grant, clientId);
  }

  refresh(): Session {
    throw new Error('refresh is not used by the Lightning UI');
  }

  sessionFor(accessToken: string): Session {
    const s = this.sessions.get(accessToken);
    if (!s || s.expiresAt <= Date.now()) throw new SalesforceError('INVALID_SESSION_ID', 'Session expired or invalid', [], 401);
    return s;
  }

  revoke(token: string): void {
    this.sessions.delete(token);
  }

  expireSessions(userId?: string): void {
    for (const s of this.sessions.values()) if (!userId || s.userId === userId) s.expiresAt = 0;
  }

  user(userId: string): UserSummary {
    const u = [...this.users.values()].find((x) => x.summary.id === userId);
    if (!u) throw new SalesforceError('NOT_FOUND', 'user not found', [], 404);
    return u.summary;
  }

  countApiRequest(): [number, number] {
    return [0, 15000];
  }

  limits(): Record<string, { Max: number; Remaining: number }> {
    return {};
  }

  recordRequest(record: RequestRecord): void {
    this.requests.record(record);
  }

  /** Every fake user may read them: the UI tests that use this fake have no admin. */
  requestStats(): RequestStatsSnapshot {
    return this.requests.snapshot((userId) => [...this.users.values()].find((u) => u.summary.id === userId)?.summary.username ?? userId, { Max: 15000, Remaining: 15000 });
  }

  // --- describe -----------------------------------------------------------------------------------

  describeGlobal(): WireRecord[] {
    return OBJECTS.map((o) => ({ name: o.name, label: o.label, labelPlural: o.labelPlural, keyPrefix: o.keyPrefix, custom: false, queryable: true, createable: true, layoutable: true, customSetting: false }));
  }

  describe(session: Session, object: string): WireRecord {
    const o = this.obj(object);
    const u = this.userOf(session);
    return {
      name: o.name, label: o.label, labelPlural: o.labelPlural, keyPrefix: o.keyPrefix, createable: true, updateable: true, deletable: true, queryable: true,
      fields: o.fields.filter((f) => !u.hidden.has(`${o.name}.${f.name}`)).map((f) => ({
        name: f.name, label: f.label, type: f.type, nameField: f.name === 'Name',
        createable: !f.system && !u.readOnly.has(`${o.name}.${f.name}`), updateable: !f.system && !u.readOnly.has(`${o.name}.${f.name}`),
        defaultValue: f.type === 'boolean' ? false : null, referenceTo: f.referenceTo ? [f.referenceTo] : [],
        picklistValues: (f.picklist ?? []).map((v) => ({ value: v, label: v, active: true, defaultValue: v === f.defaultPicklist })),
      })),
      childRelationships: OBJECTS.flatMap((child) => child.fields.filter((f) => f.referenceTo === o.name).map((f) => ({ childSObject: child.name, field: f.name, relationshipName: child.labelPlural }))),
    };
  }

  // --- records ------------------------------------------------------------------------------------

  create(session: Session, object: string, values: WireRecord): string {
    const o = this.obj(object);
    this.checkWritable(session, o, values);
    const record: WireRecord = { ...values };
    for (const f of o.fields) if (f.defaultPicklist && record[f.name] === undefined) record[f.name] = f.defaultPicklist;
    this.validate(o, record);
    const id = this.ids.next(o.keyPrefix);
    this.records.set(id, { object: o, values: { ...record, Id: id }, seq: ++this.seq });
    return id;
  }

  retrieve(session: Session, object: string, id: string): WireRecord {
    const entry = this.entry(object, id);
    const u = this.userOf(session);
    const out: WireRecord = {};
    for (const f of entry.object.fields) if (!u.hidden.has(`${entry.object.name}.${f.name}`)) out[f.name] = entry.values[f.name] ?? null;
    return out;
  }

  update(session: Session, object: string, id: string, values: WireRecord): void {
    const entry = this.entry(object, id);
    this.checkWritable(session, entry.object, values);
    const next = { ...entry.values, ...values };
    this.validate(entry.object, next);
    entry.values = next;
    entry.seq = ++this.seq;
  }

  delete(_session: Session, object: string, id: string): void {
    this.entry(object, id);
    this.records.delete(id);
  }

  upsert(): { id: string; created: boolean } {
    throw new Error('upsert is not used by the Lightning UI');
  }

  transaction<T>(fn: () => T): T {
    return fn();
  }

  updated(): { ids: string[]; latestDateCovered: string } {
    throw new Error('updated is not used by the Lightning UI');
  }

  deleted(): { deletedRecords: { id: string; deletedDate: string }[]; earliestDateAvailable: string; latestDateCovered: string } {
    throw new Error('deleted is not used by the Lightning UI');
  }

  // --- query (the shapes the UI issues: SELECT fields FROM X [WHERE f = 'v'] [ORDER BY ...] [LIMIT n]) --

  query(session: Session, soql: string): QueryPage {
    if (/\bFROM\s+UserRecordAccess\b/i.test(soql)) return this.userRecordAccess(soql);
    const q = parseQuery(soql) as Query;
    const o = this.obj(q.sObject ?? '');
    const fields = (q.fields ?? []).map((f) => ('field' in f ? String(f.field) : ''));
    const where = q.where as WhereClause | undefined;
    const left = where && 'left' in where ? (where.left as { field?: string; value?: unknown } | undefined) : undefined;
    const cond = left?.field ? { field: left.field, value: String(left.value).replace(/^'|'$/g, '') } : null;
    let rows = [...this.records.values()].filter((r) => r.object === o && (!cond || r.values[cond.field] === cond.value));
    rows = rows.sort((a, b) => b.seq - a.seq).slice(0, q.limit ?? 2000);
    const visible = this.retrieveFields(session, o, fields);
    const records = rows.map((r) => Object.fromEntries(visible.map((f) => [f, r.values[f] ?? null])));
    return { totalSize: records.length, done: true, records };
  }

  /** `WHERE UserId = '…' AND RecordId = '…'`, the only shape the UI asks. */
  private userRecordAccess(soql: string): QueryPage {
    const userId = /\bUserId\s*=\s*'([^']*)'/i.exec(soql)?.[1];
    const recordId = /\bRecordId\s*=\s*'([^']*)'/i.exec(soql)?.[1];
    if (!userId || !recordId) throw new Error(`UserRecordAccess query shape not supported by the fake: ${soql}`);
    const access = this.recordAccess.get(`${userId}:${recordId}`) ?? { edit: true, delete: true };
    const records = this.records.has(recordId) ? [{ RecordId: recordId, HasEditAccess: access.edit, HasDeleteAccess: access.delete }] : [];
    return { totalSize: records.length, done: true, records };
  }

  queryMore(): QueryPage {
    throw new Error('queryMore is not used by the Lightning UI');
  }

  search(): WireRecord[] {
    throw new Error('search is not used by the Lightning UI');
  }

  queryColumns(): QueryColumns {
    throw new Error('queryColumns is not used by the Lightning UI');
  }

  // --- Lightning helpers --------------------------------------------------------------------------

  layout(session: Session, object: string, recordTypeId: string | null, mode: 'view' | 'edit' | 'create'): ResolvedLayoutSection[] {
    const o = this.obj(object);
    const u = this.userOf(session);
    const rt = o.recordTypes.find((r) => this.recordTypeIds.get(`${o.name}.${r.developerName}`) === recordTypeId);
    return o.layout.map((section) => ({
      label: section.label,
      rows: section.rows
        .map((row) => row
          .filter((name) => !u.hidden.has(`${o.name}.${name}`))
          .map((name): ResolvedLayoutItem => {
            const f = o.fields.find((x) => x.name === name);
            if (!f) throw new Error(`layout names unknown field ${name}`);
            const values = f.name === 'StageName' && rt?.stages ? rt.stages : f.picklist;
            return {
              field: f.name, label: f.label, type: f.type, editable: !f.system && !u.readOnly.has(`${o.name}.${f.name}`), required: !!f.required,
              picklistValues: values?.map((v) => ({ value: v, label: v })), referenceTo: f.referenceTo ? [f.referenceTo] : undefined,
              length: f.type === 'string' ? 255 : 0, scale: f.scale ?? 0,
              ...(mode === 'create' && createDefault(f, rt) !== undefined ? { defaultValue: createDefault(f, rt) } : {}),
            };
          }))
        .filter((row) => row.length > 0),
    }));
  }

  picklistValuesByRecordType(_session: Session, object: string, recordTypeId: string): RecordTypePicklists {
    const o = this.obj(object);
    const rt = o.recordTypes.find((r) => this.recordTypeIds.get(`${o.name}.${r.developerName}`) === recordTypeId);
    const out: RecordTypePicklists = {};
    for (const f of o.fields) {
      if (!f.picklist) continue;
      const stages = f.name === 'StageName' ? rt?.stages : undefined;
      out[f.name] = {
        values: (stages ?? f.picklist).map((v) => ({ value: v, label: v })),
        defaultValue: (stages ? rt?.stageDefault : f.defaultPicklist) ?? null,
      };
    }
    return out;
  }

  recordTypeChoices(_session: Session, object: string): RecordTypeChoice[] {
    const o = this.obj(object);
    return o.recordTypes.map((rt, i) => ({ id: this.recordTypeId(o.name, rt.developerName), developerName: rt.developerName, label: rt.label, isDefault: i === 0 }));
  }

  lookupSearch(_session: Session, object: string, term: string, limit: number): { id: string; name: string }[] {
    const o = this.obj(object);
    const t = term.toLowerCase();
    return [...this.records.values()]
      .filter((r) => r.object === o && String(r.values.Name ?? '').toLowerCase().includes(t))
      .slice(0, limit)
      .map((r) => ({ id: String(r.values.Id), name: String(r.values.Name) }));
  }

  recordName(_session: Session, object: string, id: string): string {
    return String(this.entry(object, id).values.Name ?? id);
  }

  // --- internals ----------------------------------------------------------------------------------

  private issue(user: FakeUser, grant: Session['grant'], clientId?: string): Session {
    const token = `${this.orgId.slice(0, 15)}!UI${(++this.tokenCounter).toString().padStart(8, '0')}`;
    const now = Date.now();
    const session: Session = { accessToken: token, userId: user.summary.id, orgId: this.orgId, issuedAt: now, expiresAt: now + 7_200_000, grant, clientId };
    this.sessions.set(token, session);
    return session;
  }

  private obj(name: string): FakeObject {
    const o = OBJECTS.find((x) => x.name.toLowerCase() === name.toLowerCase());
    if (!o) throw new SalesforceError('NOT_FOUND', `The requested resource does not exist`, [], 404);
    return o;
  }

  private entry(object: string, id: string): { object: FakeObject; values: WireRecord; seq: number } {
    const o = this.obj(object);
    const e = this.records.get(id);
    if (!e || e.object !== o) throw new SalesforceError('NOT_FOUND', 'The requested resource does not exist', [], 404);
    return e;
  }

  private userOf(session: Session): FakeUser {
    const u = [...this.users.values()].find((x) => x.summary.id === session.userId);
    if (!u) throw new SalesforceError('INVALID_SESSION_ID', 'Session expired or invalid', [], 401);
    return u;
  }

  private retrieveFields(session: Session, o: FakeObject, fields: string[]): string[] {
    const u = this.userOf(session);
    return fields.filter((f) => !u.hidden.has(`${o.name}.${f}`));
  }

  private checkWritable(session: Session, o: FakeObject, values: WireRecord): void {
    const u = this.userOf(session);
    for (const key of Object.keys(values)) {
      const f = o.fields.find((x) => x.name === key);
      if (!f || f.system || u.hidden.has(`${o.name}.${key}`) || u.readOnly.has(`${o.name}.${key}`)) {
        throw new SalesforceError('INVALID_FIELD_FOR_INSERT_UPDATE', `Unable to create/update fields: ${key}. Please check the security settings of this field and verify that it is read/write for your profile or permission set.`, [key]);
      }
      if (f.type === 'picklist' && values[key] !== null && !(f.picklist ?? []).includes(String(values[key]))) {
        throw new SalesforceError('INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST', `${f.label}: bad value for restricted picklist field: ${String(values[key])}`, [key]);
      }
    }
  }

  private validate(o: FakeObject, record: WireRecord): void {
    const missing = o.fields.filter((f) => f.required && (record[f.name] === null || record[f.name] === undefined || record[f.name] === '')).map((f) => f.name);
    if (missing.length) throw new SalesforceError('REQUIRED_FIELD_MISSING', `Required fields are missing: [${missing.join(', ')}]`, missing);
    for (const rule of o.rules) {
      if (rule.failsWhen(record)) throw new SalesforceError('FIELD_CUSTOM_VALIDATION_EXCEPTION', rule.message, rule.field ? [rule.field] : []);
    }
  }
}
