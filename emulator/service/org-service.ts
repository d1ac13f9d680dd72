/**
 * The org service: the one API that HTTP routes and the Lightning UI call (contract `OrgServiceApi`).
 * Every method that takes a session acts as that session's user, with that user's security; it wires
 * the concerns of this folder together and owns none of their rules.
 *
 * @example
 *   const session = org.service.loginWithPassword('admin@postflight.test', 'postflight', 'soap');
 *   const id = org.service.create(session, 'Account', { Name: 'Acme' });
 *   org.service.query(session, 'SELECT Id, Name FROM Account', { apiVersion: '62.0' });
 */
import {
  SalesforceError,
  type OrgServiceApi, type QueryColumns, type QueryPage, type RecordTypeChoice, type RecordTypePicklists, type ResolvedLayoutSection, type Session,
  type RequestRecord, type RequestStatsSnapshot, type UserSummary, type WireRecord, type WireValue,
} from '../contracts.js';
import { IdMinter } from '../ids.js';
import { throwMetadataErrors } from '../metadata/metadata-error.js';
import type { OrgSchema, UserDef } from '../metadata/types.js';
import { describeGlobal, describeObject, type DescribeOptions } from './describe.js';
import { PipelineFlowHost } from './flow-host.js';
import { evaluateFormulaField, type CompileFormulaFn } from './formula-context.js';
import { FormulaRegistry } from './formulas.js';
import { OrgLimits } from './limits.js';
import type { DescribeSoqlColumns, ExecuteSoql, ExecuteSosl, FlowRuntimePort, SoqlAccess, StorePort } from './ports.js';
import { QueryCursors } from './query.js';
import { RecordReader } from './records.js';
import { RequestStats } from './request-stats.js';
import { SavePipeline, type Actor } from './save.js';
import { SecurityModel, type UserAccess } from './security.js';
import { invalidSession, SessionManager } from './sessions.js';
import { groupPermissionSetId, SystemRecordSeeder, type SeedResult } from './system-records.js';
import { UiHelper } from './ui.js';
import { WorkflowRules } from './workflow-rules.js';
import { queriesUserRecordAccess, userRecordAccessRows } from './user-record-access.js';
import type { FlowHost } from '../contracts.js';

export interface OrgServiceOptions {
  schema: OrgSchema;
  store: StorePort;
  orgId: string;
  orgName: string;
  isSandbox: boolean;
  users: UserDef[];
  /** Optional jobs JSON file (AsyncApexJob / CronTrigger seed). */
  jobsFile?: string;
  sessionSeconds: number;
  now: () => Date;
  compileFormula: CompileFormulaFn;
  /**
   * The org's formulas, compiled at load (Org.load builds it first, to report its problems with the
   * metadata's). Absent: compiled here, and a reference a deploy would reject fails construction.
   */
  formulas?: FormulaRegistry;
  executeSoql: ExecuteSoql;
  executeSosl?: ExecuteSosl;
  /** Describes a SOQL statement's columns without running it (`/query?columns=true`). */
  describeSoqlColumns?: DescribeSoqlColumns;
  /** Builds the flow runtime over the host this service provides (absent: no flows run). */
  createFlowRuntime?: (host: FlowHost) => FlowRuntimePort;
  /** DailyApiRequests maximum (Salesforce's default for a developer org is 15000). */
  dailyApiRequests?: number;
  minter?: IdMinter;
}

export class OrgService implements OrgServiceApi {
  readonly orgId: string;
  readonly orgName: string;
  readonly isSandbox: boolean;
  readonly formulas: FormulaRegistry;
  readonly security: SecurityModel;
  readonly pipeline: SavePipeline;
  readonly seed: SeedResult;

  private readonly schema: OrgSchema;
  private readonly store: StorePort;
  private readonly now: () => Date;
  private readonly sessions: SessionManager;
  private readonly limitsTracker: OrgLimits;
  private readonly requests: RequestStats;
  private readonly cursors: QueryCursors;
  private readonly records: RecordReader;
  private readonly ui: UiHelper;
  private readonly flows: FlowRuntimePort | null;
  private instance: string | undefined;

  constructor(private readonly options: OrgServiceOptions) {
    this.orgId = options.orgId;
    this.orgName = options.orgName;
    this.isSandbox = options.isSandbox;
    this.schema = options.schema;
    this.store = options.store;
    this.now = options.now;
    const minter = options.minter ?? new IdMinter();
    this.formulas = options.formulas ?? compiledFormulas(options.schema, options.compileFormula);
    this.security = new SecurityModel(options.schema, options.store);
    const workflow = new WorkflowRules(options.schema, options.compileFormula);
    let flows: FlowRuntimePort | null = null;
    this.pipeline = new SavePipeline({
      schema: options.schema, store: options.store, security: this.security, formulas: this.formulas, minter,
      now: options.now, flows: () => flows, workflow, instanceUrl: () => this.instance,
    });
    if (options.createFlowRuntime) {
      flows = options.createFlowRuntime(new PipelineFlowHost({
        schema: options.schema,
        pipeline: this.pipeline,
        executeSoql: options.executeSoql,
        compile: options.compileFormula,
        now: options.now,
        fallbackActor: () => ({ access: this.security.accessFor(this.automatedProcessUserId()), systemMode: true }),
        formula: (object, field, record) => this.formulaValue(object, field, record),
      }));
    }
    this.flows = flows;
    this.seed = new SystemRecordSeeder(options.schema, options.store, {
      orgId: options.orgId, orgName: options.orgName, isSandbox: options.isSandbox, users: options.users,
      jobsFile: options.jobsFile, now: options.now(), minter,
      activeFlowVersion: (apiName) => flows?.activeVersionNumber(apiName) ?? 0,
    }).seed();
    // Field updates that set a lookup to a user or queue need the seeded rows.
    workflow.resolveLookups(options.store);
    for (const [id, profile] of this.seed.profileOwnedPermissionSets) this.security.registerContainer(id, profile);
    // The Automated Process user's profile is not project metadata, so the security model learns it here.
    this.security.registerContainer(this.seed.automatedProcessProfile.id, this.seed.automatedProcessProfile);
    for (const set of options.schema.permissionSets.values()) {
      if (set.kind === 'PermissionSetGroup') this.security.registerContainer(groupPermissionSetId(set.name), set);
    }
    this.sessions = new SessionManager({ orgId: options.orgId, sessionSeconds: options.sessionSeconds, now: options.now });
    this.limitsTracker = new OrgLimits({
      dailyApiRequests: options.dailyApiRequests ?? 15000,
      now: options.now,
      recordCount: () => ['Account', 'Contact', 'Opportunity', 'Case', 'Lead', 'Task', 'Event'].reduce((n, o) => n + (this.schema.objects.has(o.toLowerCase()) ? this.store.count(o) : 0), 0),
    });
    this.requests = new RequestStats(options.now);
    this.cursors = new QueryCursors(minter, options.now);
    this.records = new RecordReader({
      schema: options.schema, store: options.store, pipeline: this.pipeline, flows: () => flows, now: options.now, loadedAt: options.now(),
    });
    this.ui = new UiHelper({ schema: options.schema, store: options.store, pipeline: this.pipeline });
  }

  setInstanceUrl(url: string): void {
    this.instance = url.replace(/\/+$/, '');
  }

  /** The flow runtime (for scheduled paths and tests), or null when the org runs without flows. */
  get flowRuntime(): FlowRuntimePort | null {
    return this.flows;
  }

  // --- sessions -------------------------------------------------------------------------------

  loginWithPassword(username: string, password: string, grant: Session['grant'], clientId?: string): Session {
    const userId = this.seed.userIds.get(username.trim().toLowerCase());
    if (!userId || this.seed.passwords.get(userId) !== password) throw invalidLogin();
    return this.startSession(userId, grant, clientId);
  }

  loginAsUser(username: string, grant: Session['grant'], clientId?: string): Session {
    const user = this.store.findBy('User', 'Username', username.trim())[0];
    if (!user) throw invalidLogin();
    return this.startSession(String(user.Id), grant, clientId);
  }

  refresh(refreshToken: string, clientId: string): Session {
    const session = this.sessions.refresh(refreshToken, clientId);
    const user = this.store.get('User', session.userId);
    if (!user || user.IsActive !== true) {
      this.sessions.revoke(refreshToken);
      throw new SalesforceError('invalid_grant', 'expired access/refresh token', [], 400);
    }
    this.requests.recordLogin(session.userId, session.grant);
    return session;
  }

  sessionFor(accessToken: string): Session {
    const session = this.sessions.sessionFor(accessToken);
    // Every API request asks this; the user row comes from the cached access (re-read once users change).
    const user = this.security.userRecord(session.userId);
    if (!user || user.IsActive !== true) {
      this.sessions.revoke(accessToken);
      throw invalidSession();
    }
    return session;
  }

  revoke(token: string): void {
    this.sessions.revoke(token);
  }

  expireSessions(userId?: string): void {
    this.sessions.expireSessions(userId);
  }

  user(userId: string): UserSummary {
    const user = this.store.get('User', userId);
    if (!user) throw new SalesforceError('NOT_FOUND', 'The requested resource does not exist', [], 404);
    const access = this.security.accessFor(userId);
    const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);
    return {
      id: userId,
      username: String(user.Username),
      firstName: str(user.FirstName),
      lastName: String(user.LastName ?? ''),
      name: [user.FirstName, user.LastName].filter((v) => typeof v === 'string' && v !== '').join(' '),
      email: String(user.Email ?? ''),
      profileId: String(user.ProfileId),
      profileName: access.profile.label,
      roleId: str(user.UserRoleId),
      isActive: user.IsActive === true,
      apiOnly: access.apiOnly,
      timeZone: str(user.TimeZoneSidKey) ?? 'America/Los_Angeles',
      locale: str(user.LocaleSidKey) ?? 'en_US',
      language: str(user.LanguageLocaleKey) ?? 'en_US',
    };
  }

  /**
   * Inactive users cannot log in. "API Only" users get no UI session (field notes: an integration
   * persona is tested through the API only); a UI login as one is refused like a bad password
   * (UNVERIFIED: the real login page shows its own message).
   */
  private startSession(userId: string, grant: Session['grant'], clientId?: string): Session {
    const user = this.store.get('User', userId);
    if (!user || user.IsActive !== true) throw invalidLogin();
    // The Automated Process user has no password, and the grants that need none (JWT bearer, client
    // credentials, frontdoor) refuse it too: it is internal and only runs automation. INVALID_LOGIN is
    // what a real org answers a user who cannot log in; the OAuth endpoint turns it into invalid_grant.
    if (user.UserType === 'AutomatedProcess') throw invalidLogin();
    if ((grant === 'ui-login' || grant === 'frontdoor') && this.security.accessFor(userId).apiOnly) {
      throw new SalesforceError('API_ONLY_USER', 'API Only users cannot log in to the Salesforce user interface.', [], 403);
    }
    this.store.update('User', userId, { LastLoginDate: new Date(this.now().getTime()).toISOString().replace('Z', '+0000') });
    this.requests.recordLogin(userId, grant);
    return this.sessions.issue(userId, grant, clientId);
  }

  // --- limits ---------------------------------------------------------------------------------

  countApiRequest(): [number, number] {
    return this.limitsTracker.countApiRequest();
  }

  limits(): Record<string, { Max: number; Remaining: number }> {
    return this.limitsTracker.limits();
  }

  recordRequest(record: RequestRecord): void {
    this.requests.record(record);
  }

  requestStats(session: Session): RequestStatsSnapshot {
    // [UNVERIFIED] wording: the emulator's own resource answers a non-admin as Salesforce answers a missing permission.
    if (!this.accessOf(session).modifyAllData) {
      throw new SalesforceError('INSUFFICIENT_ACCESS', 'You do not have the level of access necessary to perform the operation you requested. Please contact the owner of the record or your administrator if access is necessary.', [], 403);
    }
    const usernames = new Map<string, string>();
    const usernameOf = (userId: string): string => {
      let name = usernames.get(userId);
      if (name === undefined) usernames.set(userId, (name = String(this.store.get('User', userId)?.Username ?? userId)));
      return name;
    };
    const daily = this.limitsTracker.limits()['DailyApiRequests'] ?? { Max: 0, Remaining: 0 };
    return this.requests.snapshot(usernameOf, daily);
  }

  // --- describe -------------------------------------------------------------------------------

  /** `tooling` may be an options object `{tooling, apiVersion}` so that `urls` carry the request's version. */
  describeGlobal(session: Session, tooling?: boolean | DescribeOptions): WireRecord[] {
    return describeGlobal(this.schema, this.accessOf(session), describeOptions(tooling));
  }

  describe(session: Session, object: string, tooling?: boolean | DescribeOptions): WireRecord {
    return describeObject(this.schema, this.accessOf(session), object, describeOptions(tooling));
  }

  // --- records --------------------------------------------------------------------------------

  create(session: Session, object: string, values: WireRecord): string {
    return this.pipeline.create(this.actorOf(session), object, values);
  }

  retrieve(session: Session, object: string, id: string, fields?: string[]): WireRecord {
    const def = this.schema.objects.get(object.toLowerCase());
    return this.records.retrieve(this.actorOf(session), object, id, fields, def?.tooling === true);
  }

  update(session: Session, object: string, id: string, values: WireRecord): void {
    const actor = this.actorOf(session);
    const name = object.toLowerCase();
    if (name === 'flowdefinition') return this.records.updateFlowDefinition(actor, id, values);
    if (name === 'validationrule') return this.records.updateValidationRule(actor, id, values);
    this.pipeline.update(actor, object, id, values);
  }

  delete(session: Session, object: string, id: string): void {
    this.pipeline.delete(this.actorOf(session), object, id);
  }

  upsert(session: Session, object: string, externalIdField: string, value: string, values: WireRecord): { id: string; created: boolean } {
    return this.records.upsert(this.actorOf(session), object, externalIdField, value, values);
  }

  transaction<T>(fn: () => T): T {
    return this.store.transaction(fn);
  }

  updated(session: Session, object: string, start: Date, end: Date): { ids: string[]; latestDateCovered: string } {
    return this.records.updated(this.actorOf(session), object, start, end);
  }

  deleted(session: Session, object: string, start: Date, end: Date): ReturnType<OrgServiceApi['deleted']> {
    return this.records.deleted(this.actorOf(session), object, start, end);
  }

  // --- query and search -----------------------------------------------------------------------

  query(session: Session, soql: string, options: { scanAll?: boolean; tooling?: boolean; batchSize?: number; apiVersion: string }): QueryPage {
    const access = this.accessOf(session);
    const run = (): ReturnType<ExecuteSoql> => this.options.executeSoql(soql, {
      scanAll: options.scanAll === true,
      apiVersion: options.apiVersion,
      now: this.now(),
      access: this.soqlAccess(access, options.tooling === true),
      formula: (object, field, record) => this.formulaValue(object, field, record, access),
    });
    const result = !options.tooling && queriesUserRecordAccess(soql) ? this.withUserRecordAccessRows(soql, run) : run();
    const records = result.records.map((r) => this.decodeComplexFields(result.objectName, r));
    return this.cursors.firstPage(records, result.totalSize, session.userId, options.batchSize);
  }

  queryMore(session: Session, locator: string, _apiVersion: string): QueryPage {
    return this.cursors.nextPage(locator, session.userId);
  }

  search(session: Session, sosl: string, apiVersion: string): WireRecord[] {
    if (!this.options.executeSosl) throw new SalesforceError('NOT_FOUND', 'The requested resource does not exist', [], 404);
    // SOSL searches the data API's objects only: tooling objects are unknown to it.
    const access = this.accessOf(session);
    return this.options.executeSosl(sosl, {
      apiVersion, now: this.now(), access: this.soqlAccess(access, false),
      formula: (object, field, record) => this.formulaValue(object, field, record, access),
    });
  }

  queryColumns(session: Session, soql: string, options: { tooling?: boolean }): QueryColumns {
    if (!this.options.describeSoqlColumns) throw new SalesforceError('NOT_FOUND', 'The requested resource does not exist', [], 404);
    return this.options.describeSoqlColumns(soql, { access: this.soqlAccess(this.accessOf(session), options.tooling === true) });
  }

  // --- Lightning UI helpers -------------------------------------------------------------------

  layout(session: Session, object: string, recordTypeId: string | null, mode: 'view' | 'edit' | 'create'): ResolvedLayoutSection[] {
    return this.ui.layout(this.actorOf(session), object, recordTypeId, mode);
  }

  recordTypeChoices(session: Session, object: string): RecordTypeChoice[] {
    return this.ui.recordTypeChoices(this.actorOf(session), object);
  }

  picklistValuesByRecordType(session: Session, object: string, recordTypeId: string): RecordTypePicklists {
    return this.ui.picklistValuesByRecordType(this.actorOf(session), object, recordTypeId);
  }

  lookupSearch(session: Session, object: string, term: string, limit: number): { id: string; name: string }[] {
    return this.ui.lookupSearch(this.actorOf(session), object, term, limit);
  }

  recordName(session: Session, object: string, id: string): string {
    return this.ui.recordName(this.actorOf(session), object, id);
  }

  // ------------------------------------------------------------------------------------------

  /** Runs scheduled paths that are due by the emulator clock; returns how many ran. */
  runDueScheduledPaths(): number {
    return this.flows?.runDueScheduledPaths(this.now()) ?? 0;
  }

  private accessOf(session: Session): UserAccess {
    return this.security.accessFor(session.userId);
  }

  private actorOf(session: Session): Actor {
    return { access: this.accessOf(session), systemMode: false };
  }

  private soqlAccess(access: UserAccess, tooling: boolean): SoqlAccess {
    return {
      // The Tooling API and the data API see different objects; the other side's objects are unknown,
      // except those a real org serves through both (ApexClass: `SELECT ApexClass.Name FROM AsyncApexJob`).
      canReadObject: (object) => {
        const def = this.schema.objects.get(object.toLowerCase());
        return def !== undefined && (def.tooling === tooling || BOTH_APIS.has(def.name.toLowerCase())) && access.canRead(def.name);
      },
      canReadField: (object, field) => access.fieldReadable(object, field),
      rowScope: (object) => access.rowScope(object),
    };
  }

  private formulaValue(object: string, field: string, record: WireRecord, access?: UserAccess): WireValue {
    const userAccess = access ?? this.security.accessFor(this.automationUserId());
    return evaluateFormulaField(this.pipeline.formulaHost({ access: userAccess, systemMode: true }), object, field, record);
  }

  /**
   * Runs `run` with the UserRecordAccess rows the query asks for in the store, then deletes them. Deleted,
   * not rolled back: a rollback tells every row-derived cache (each user's effective access) to recompute,
   * and the UI asks UserRecordAccess on every record page.
   */
  private withUserRecordAccessRows(soql: string, run: () => ReturnType<ExecuteSoql>): ReturnType<ExecuteSoql> {
    const rows = userRecordAccessRows(soql, this.schema, this.store, this.security);
    return this.store.transaction(() => {
      for (const row of rows) this.store.insert('UserRecordAccess', row);
      try {
        return run();
      } finally {
        for (const row of rows) this.store.hardDelete('UserRecordAccess', String(row.Id));
      }
    });
  }

  /** `Metadata` and other complex (anyType) columns are stored as JSON text and answered as JSON. */
  private decodeComplexFields(objectName: string, record: WireRecord): WireRecord {
    const object = this.schema.objects.get(objectName.toLowerCase());
    if (!object) return record;
    for (const field of object.fields.values()) {
      const value = record[field.name];
      if (field.type !== 'anyType' || typeof value !== 'string' || !/^[[{]/.test(value)) continue;
      try {
        record[field.name] = JSON.parse(value) as WireValue;
      } catch {
        // Not JSON after all: leave the text.
      }
    }
    return record;
  }

  /**
   * The user scheduled paths run as: the org's Automated Process user (Salesforce Help on scheduled
   * paths), seeded in every org.
   */
  automatedProcessUserId(): string {
    return this.seed.automatedProcessUserId;
  }

  /**
   * The first admin: imports `data` at load (org.ts, with the admin's own security) and computes formula
   * fields a flow reads. Not the Automated Process user, whose profile grants nothing outside system mode.
   */
  automationUserId(): string {
    for (const id of this.seed.userIds.values()) {
      if (this.security.accessFor(id).modifyAllData) return id;
    }
    const first = this.seed.userIds.values().next().value;
    if (!first) throw new Error('the org has no users');
    return first;
  }
}

/** Objects the data API and the Tooling API both serve. */
const BOTH_APIS: ReadonlySet<string> = new Set(['apexclass']);

function describeOptions(tooling: boolean | DescribeOptions | undefined): DescribeOptions {
  return typeof tooling === 'object' ? tooling : { tooling: tooling === true };
}

function invalidLogin(): SalesforceError {
  return new SalesforceError('INVALID_LOGIN', 'Invalid username, password, security token; or user locked out.', [], 400);
}

function compiledFormulas(schema: OrgSchema, compile: CompileFormulaFn): FormulaRegistry {
  const registry = new FormulaRegistry(schema, compile);
  throwMetadataErrors(registry.errors);
  return registry;
}
