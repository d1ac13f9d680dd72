/**
 * The seams between the emulator's rooms. Each room (metadata, formula, store/soql, flows, service,
 * http, ui) is built against these signatures so that the rooms can grow independently.
 *
 *   metadata loader ──> OrgSchema ──┬──> Store (SQL only here) <── SOQL translator
 *                                   ├──> formula engine (validation rules, formula fields, defaults)
 *                                   ├──> flow runtime (through FlowHost, system context)
 *                                   └──> OrgService (security, order of execution, sessions)
 *                                             ^               ^
 *                                        http routes        Lightning UI
 *
 * Only the store touches SQL; routes and UI call the OrgService only.
 */
import type { FieldType } from './metadata/types.js';

/** A failure in Salesforce's own words: becomes `[{message, errorCode, fields}]` on the wire. */
export class SalesforceError extends Error {
  constructor(
    readonly errorCode: string,
    message: string,
    readonly fields: string[] = [],
    /** HTTP status for single-resource REST calls. Never 5xx/429 for a client error (jsforce retries those). */
    readonly status: number = 400,
  ) {
    super(message);
    this.name = errorCode;
  }
}

/** A field value as it travels on the wire (JSON): strings, numbers, booleans, null; dates as ISO strings. */
export type WireValue = string | number | boolean | null;
export type WireRecord = Record<string, unknown>;

// ---------------------------------------------------------------------------------------------
// Formula engine (emulator/formula)
// ---------------------------------------------------------------------------------------------

/** What the formula compiler needs to type-check references at load time. */
export interface FormulaCompileContext {
  /** e.g. `Opportunity` for a rule or formula field on Opportunity. */
  object: string;
  /** Names the rule/field/flow in error messages: `ValidationRule Opportunity.Discount_Limit`. */
  where: string;
  /**
   * Type of a reference path, or null if it does not exist. Paths are split on dots:
   * `['Amount']`, `['Account', 'Type']`, `['$User', 'Department']`, `['$Permission', 'Discount_Exempt']`,
   * `['$Setup', 'Release_Settings__c', 'Enabled__c']`, `['$RecordType', 'DeveloperName']`.
   */
  typeOf(path: string[]): FieldType | null;
}

/** What the formula needs at run time. */
export interface FormulaRuntimeContext {
  /** Current value of a reference path (same path forms as `typeOf`), in wire format. */
  get(path: string[]): WireValue | undefined;
  /** Value before this save (for PRIORVALUE / ISCHANGED); undefined on insert. */
  prior(path: string[]): WireValue | undefined;
  isNew: boolean;
  /** The emulator's clock (tests can advance it). */
  now(): Date;
  /** The org's user time zone for TODAY()/date conversions; UTC is acceptable. */
  timeZone?: string;
  /**
   * Optional: VLOOKUP's search, the `returnField` of the `object` record whose `matchField` (its name
   * field) equals `value`; null when no record matches. Without it VLOOKUP reads blank.
   */
  vlookup?(object: string, matchField: string, value: string, returnField: string): WireValue | undefined;
  /** ISCLONE: the record being saved was cloned from another. Absent means false. */
  isClone?: boolean;
}

export interface CompiledFormula {
  readonly source: string;
  /** Every reference path the formula reads (for cross-object loading and ISCHANGED tracking). */
  readonly references: string[][];
  /**
   * A text formula that calls IMAGE or HYPERLINK returns markup: describe's `htmlFormatted`, and the
   * record page renders it as HTML. Absent means false.
   */
  readonly htmlFormatted?: boolean;
  /**
   * Every function the formula calls, upper case (`TODAY`, `IF`): what a roll-up summary of a formula
   * field must not depend on (rollup-sources.ts). Absent means none known.
   */
  readonly functions?: readonly string[];
  evaluate(ctx: FormulaRuntimeContext): WireValue;
}

// ---------------------------------------------------------------------------------------------
// Flow runtime (emulator/flows) talks to the org only through this host, in system context.
// ---------------------------------------------------------------------------------------------

export interface FlowHost {
  /** Runs a SOQL query in system context and returns plain records (no `attributes`). */
  query(soql: string): WireRecord[];
  /** Creates a record through the full save pipeline (validation rules, other flows) in system context. */
  create(object: string, values: WireRecord): string;
  update(object: string, id: string, values: WireRecord): void;
  delete(object: string, id: string): void;
  compileFormula(source: string, object: string | undefined, where: string): CompiledFormula;
  now(): Date;
  /**
   * Optional: the object a lookup field points at (`Opportunity`, `AccountId` -> `Account`), so that the
   * flow runtime can follow `$Record.Account.Name` on a record that is not saved yet (before-save on
   * create, or a lookup changed in this save). Without it, such paths fault.
   */
  referenceTarget?(object: string, field: string): string | undefined;
  /**
   * Optional: a global the flow reads, as the running user sees it, resolved the way validation rules
   * resolve it: `['$User', 'Department']`, `['$User', 'Profile', 'Name']`, `['$Profile', 'Name']`,
   * `['$UserRole', 'DeveloperName']`, `['$Permission', 'Custom_Permission']`,
   * `['$Setup', 'Setting__c', 'Field__c']`, `['$Organization', 'Name']`. The running user is the one
   * whose save triggered the flow (flows run in system context, but `$User` is still that user).
   * `null` is a real blank; `undefined` means the org cannot answer, and the flow faults naming the
   * global. Without this member every such global faults.
   */
  globalValue?(path: readonly string[]): WireValue | undefined;
  /**
   * Optional: runs several saves as one all-or-none unit (a Create/Update/Delete Records element on a
   * collection is one DML statement). Without it, each record is saved on its own.
   */
  allOrNone?<T>(saves: () => T): T;
}

/** Thrown by the flow runtime when a flow faults without a fault connector. */
export class FlowFaultError extends Error {
  constructor(
    readonly flowApiName: string,
    readonly flowLabel: string,
    /** The inner error, e.g. the SalesforceError of a failed Create Records element. */
    readonly inner: Error,
  ) {
    super(`${flowLabel}: ${inner.message}`);
  }
}

// ---------------------------------------------------------------------------------------------
// The org service (emulator/service): the one API that HTTP routes and the Lightning UI both call.
// Every method that takes a `Session` acts as that session's user, with that user's security.
// ---------------------------------------------------------------------------------------------

export interface Session {
  /** `<15-char org id>!<opaque>` like a real session id. */
  accessToken: string;
  refreshToken?: string;
  userId: string;
  orgId: string;
  issuedAt: number;
  expiresAt: number;
  /** How it was obtained, for `/id` and scope answers. */
  grant: 'soap' | 'password' | 'refresh_token' | 'jwt-bearer' | 'client_credentials' | 'frontdoor' | 'ui-login';
  /** Connected app consumer key, for OAuth sessions. */
  clientId?: string;
}

/**
 * What a request to the org is (emulator/http/request-kind.ts decides): the API, an OAuth or identity call, a
 * Lightning page, one of the Lightning client's own XHRs, or a static asset.
 */
export type RequestKind = 'api' | 'auth' | 'ui-page' | 'ui-request' | 'asset';

/** One answered request, as the HTTP layer reports it to the org's request statistics. */
export interface RequestRecord {
  /** A Lightning page that only redirected (frontdoor, `/lightning/o/X/home`) is a `ui-redirect`, not a page load. */
  kind: Exclude<RequestKind, 'asset'> | 'ui-redirect';
  /** The user of the session the request carried; undefined without a (valid) session. */
  userId?: string;
  /** `GET /services/data/vXX.X/sobjects/Opportunity/describe` (see endpointOf). */
  endpoint: string;
}

export interface RequestCounts {
  /** REST, SOAP and Apex REST requests (what DailyApiRequests counts). */
  api: number;
  /** OAuth token, revoke and identity requests. */
  auth: number;
  /** Lightning pages that rendered (page loads). */
  uiPages: number;
  /** Lightning addresses that only redirected (frontdoor, `/lightning/o/X/home`). */
  uiRedirects: number;
  /** The Lightning client's own XHRs (save, lookup). */
  uiRequests: number;
}

/** Requests per user and per endpoint since the org started: `GET /services/data/vXX.X/emulator/stats`. */
export interface RequestStatsSnapshot {
  /** When counting started (ISO). */
  since: string;
  totals: RequestCounts & { logins: Record<string, number> };
  dailyApiRequests: { Max: number; Remaining: number };
  /** By username; requests without a session are under `(no session)`. */
  users: Record<string, RequestCounts & { logins: Record<string, number>; endpoints: Record<string, number> }>;
  /** Every user's requests by endpoint. */
  endpoints: Record<string, number>;
}

export interface SaveError {
  statusCode: string;
  message: string;
  fields: string[];
}

export interface SaveResult {
  id: string | null;
  success: boolean;
  errors: SaveError[];
  created?: boolean;
}

export interface QueryPage {
  totalSize: number;
  done: boolean;
  /** Locator (`01g...-2000`) of the next page when not done. */
  nextLocator?: string;
  records: WireRecord[];
}

/**
 * One column of a SOQL statement as `GET /query?q=...&columns=true` describes it: what the Salesforce CLI's
 * `sf data query` and the Developer Console read to lay out a result. A parent path (`Owner.Name`) is a
 * column for the relationship with the field in `joinColumns`; a subquery is an `aggregate` column whose
 * `joinColumns` are its own columns; an aggregate function is `expr0`... unless aliased.
 */
export interface QueryColumn {
  aggregate: boolean;
  apexType: string | null;
  booleanType: boolean;
  columnName: string;
  custom: boolean;
  displayName: string;
  foreignKeyName: string | null;
  insertable: boolean;
  joinColumns: QueryColumn[];
  numberType: boolean;
  textType: boolean;
  updatable: boolean;
}

export interface QueryColumns {
  columnMetadata: QueryColumn[];
  entityName: string;
  groupBy: boolean;
  idSelected: boolean;
  keyPrefix: string | null;
}

export interface UserSummary {
  id: string;
  username: string;
  firstName: string | null;
  lastName: string;
  name: string;
  email: string;
  profileId: string;
  profileName: string;
  roleId: string | null;
  isActive: boolean;
  /** Holds the `ApiUserOnly` permission: no UI session. */
  apiOnly: boolean;
  timeZone: string;
  locale: string;
  language: string;
}

/** A Lightning layout section resolved for one user, record type and mode (UI only). */
export interface ResolvedLayoutSection {
  label: string;
  /** Rows of items; each item carries the user's effective access. */
  rows: ResolvedLayoutItem[][];
}

export interface ResolvedLayoutItem {
  field: string;
  label: string;
  type: FieldType;
  /** False when the user cannot edit it (FLS, layout read-only, or not updateable). */
  editable: boolean;
  required: boolean;
  inlineHelpText?: string;
  picklistValues?: { value: string; label: string }[];
  /**
   * Create mode only: the picklist value a new record starts with, the record type's default (a business
   * process default for Status/StageName) or the field's own. Added for business processes.
   */
  defaultValue?: string;
  referenceTo?: string[];
  length: number;
  scale: number;
  /** A formula that builds markup (IMAGE, HYPERLINK): the page renders it as HTML. Added by the formula coverage work. */
  htmlFormatted?: boolean;
}

/** Field API name -> the values a record type offers and its default (null without one). */
export type RecordTypePicklists = Record<string, { values: { value: string; label: string }[]; defaultValue: string | null }>;

export interface RecordTypeChoice {
  id: string;
  developerName: string;
  label: string;
  isDefault: boolean;
}

export interface OrgServiceApi {
  readonly orgId: string;
  readonly orgName: string;
  readonly isSandbox: boolean;
  /**
   * Optional: the URL the org is served on, its instance URL (`http://127.0.0.1:8787`), told by the HTTP
   * server once it listens. Formulas read it through `$Api.Partner_Server_URL_NNN`.
   */
  setInstanceUrl?(url: string): void;

  // --- sessions -------------------------------------------------------------------------------
  /** Username + password (SOAP login, OAuth password flow, UI login). Throws INVALID_LOGIN. */
  loginWithPassword(username: string, password: string, grant: Session['grant'], clientId?: string): Session;
  /** For JWT bearer / client credentials after the caller verified the assertion or secret. */
  loginAsUser(username: string, grant: Session['grant'], clientId?: string): Session;
  /** OAuth refresh; throws `invalid_grant` as SalesforceError('invalid_grant', 'expired access/refresh token'). */
  refresh(refreshToken: string, clientId: string): Session;
  /** The live session for a token, or throws SalesforceError('INVALID_SESSION_ID', 'Session expired or invalid', [], 401). */
  sessionFor(accessToken: string): Session;
  /** Revokes an access or refresh token (and its sibling tokens). Unknown tokens are ignored. */
  revoke(token: string): void;
  /** Test hook: makes every current access token of a user expire now (refresh tokens stay valid). */
  expireSessions(userId?: string): void;
  user(userId: string): UserSummary;

  // --- limits ---------------------------------------------------------------------------------
  /** Counts one API request against DailyApiRequests; returns `[used, max]` for Sforce-Limit-Info. */
  countApiRequest(): [number, number];
  limits(): Record<string, { Max: number; Remaining: number }>;
  /** Counts one answered request (any kind but assets) for the request statistics. */
  recordRequest(record: RequestRecord): void;
  /** The request statistics of this run; only users with Modify All Data may read them (403 INSUFFICIENT_ACCESS). */
  requestStats(session: Session): RequestStatsSnapshot;

  // --- describe -------------------------------------------------------------------------------
  describeGlobal(session: Session, tooling?: boolean): WireRecord[];
  describe(session: Session, object: string, tooling?: boolean): WireRecord;

  // --- records --------------------------------------------------------------------------------
  create(session: Session, object: string, values: WireRecord): string;
  retrieve(session: Session, object: string, id: string, fields?: string[]): WireRecord;
  update(session: Session, object: string, id: string, values: WireRecord): void;
  delete(session: Session, object: string, id: string): void;
  upsert(session: Session, object: string, externalIdField: string, value: string, values: WireRecord): { id: string; created: boolean };
  /** Runs `fn` as one transaction: anything it throws rolls back every write made inside. Nests with savepoints. */
  transaction<T>(fn: () => T): T;
  updated(session: Session, object: string, start: Date, end: Date): { ids: string[]; latestDateCovered: string };
  deleted(session: Session, object: string, start: Date, end: Date): { deletedRecords: { id: string; deletedDate: string }[]; earliestDateAvailable: string; latestDateCovered: string };

  // --- query and search -----------------------------------------------------------------------
  query(session: Session, soql: string, options: { scanAll?: boolean; tooling?: boolean; batchSize?: number; apiVersion: string }): QueryPage;
  queryMore(session: Session, locator: string, apiVersion: string): QueryPage;
  search(session: Session, sosl: string, apiVersion: string): WireRecord[];
  /**
   * The columns of a SOQL statement without running it (`/query?q=...&columns=true`), checked against the
   * user's access exactly as the query would be (an unreadable field fails the same way).
   */
  queryColumns(session: Session, soql: string, options: { tooling?: boolean }): QueryColumns;

  // --- Lightning UI helpers (same security underneath) ------------------------------------------
  layout(session: Session, object: string, recordTypeId: string | null, mode: 'view' | 'edit' | 'create'): ResolvedLayoutSection[];
  recordTypeChoices(session: Session, object: string): RecordTypeChoice[];
  /**
   * The values each picklist the user can read offers under a record type (its own values, and for
   * Status / StageName its business process), with the record type's default: what Lightning's
   * `ui-api/object-info/{object}/picklist-values/{recordTypeId}` answers. The master record type id
   * (`012000000000000AAA`) gives every value of each field.
   */
  picklistValuesByRecordType(session: Session, object: string, recordTypeId: string): RecordTypePicklists;
  /** Name-field search for lookups, visible records only. */
  lookupSearch(session: Session, object: string, term: string, limit: number): { id: string; name: string }[];
  /** The record's display name (Name, Subject, CaseNumber...). */
  recordName(session: Session, object: string, id: string): string;
}
