/**
 * The order of execution of every save, as Salesforce documents it (Apex Developer Guide, "Triggers and
 * Order of Execution"; the emulator runs no Apex, so the trigger steps are empty):
 *
 *   1. load the original record (update) or initialise defaults (create: default values, the user's
 *      default record type, OwnerId = running user), then overwrite with the request's values;
 *   2. before-save record-triggered flows;
 *   3. system validation: required fields, lengths, restricted picklists, lookups, unique values;
 *   4. custom validation rules (every failing rule is reported);
 *   5. save (not committed);
 *   6. workflow rules (after the after triggers, assignment and auto-response rules): their field updates
 *      update the record again with system validation only ("custom validation rules, flows, duplicate
 *      rules, processes, and escalation rules aren't run again"), and an update marked
 *      `reevaluateOnChange` that changed its field re-evaluates the rules that have not fired yet, up to
 *      five times (Salesforce Help, "Field Updates That Reevaluate Workflow Rules");
 *   7. processes (Process Builder) and the flows they launch;
 *   8. after-save record-triggered flows: they see the workflow's field updates;
 *   9. roll-up summary fields recomputed on the parent, which goes through its own save;
 *  10. commit.
 *
 * Workflow rules therefore run BEFORE after-save flows, not after them: the documented order lists
 * "Executes workflow rules", then escalation rules, then "processes, flows launched by processes", then
 * "record-triggered flows that are configured to run after the record is saved".
 *
 * Everything runs inside one store transaction: an error anywhere (a validation rule, an after-save
 * flow's fault, a parent's validation rule during the roll-up) rolls back every write of the save.
 */
import { FlowFaultError, SalesforceError, type WireRecord, type WireValue } from '../contracts.js';
import { IdMinter, keyPrefixOf, normalizeId, requireId } from '../ids.js';
import type { FieldDef, OrgSchema, RecordTypeDef, SObjectDef } from '../metadata/types.js';
import { applyDerivedFields } from './derived-fields.js';
import { SalesforceErrors } from './errors.js';
import { coerceFieldValue, formatDateTime, LENGTH_CHECKED } from './field-values.js';
import { evaluateFormulaField, fieldValue, recordFormulaContext, targetObjectOf, type FormulaHost } from './formula-context.js';
import type { FormulaRegistry } from './formulas.js';
import type { FlowRuntimePort, StorePort } from './ports.js';
import { SavePlans, type ObjectSavePlan } from './save-plan.js';
import { insufficientAccess, objectNotFound, type SecurityModel, type UserAccess } from './security.js';
import type { CompiledRule, WorkflowRules } from './workflow-rules.js';

/** Who is saving: the user, and whether their security applies (false for flows: system context). */
export interface Actor {
  access: UserAccess;
  systemMode: boolean;
}

export interface SaveEnvironment {
  schema: OrgSchema;
  store: StorePort;
  security: SecurityModel;
  formulas: FormulaRegistry;
  minter: IdMinter;
  now(): Date;
  /** The flow runtime (bound late: it needs a host that calls back into this pipeline). */
  flows(): FlowRuntimePort | null;
  /** The org's workflow rules (absent: none run). */
  workflow?: WorkflowRules;
  /** Optional: the org's instance URL once it is served over HTTP (`$Api` server URLs). */
  instanceUrl?(): string | undefined;
}

/** Fields the platform maintains; a request that sets them is refused like any read-only field. */
const AUDIT_FIELDS = ['CreatedDate', 'CreatedById', 'LastModifiedDate', 'LastModifiedById', 'SystemModstamp'];

/**
 * Salesforce stops recursive saves (a flow updating a record whose flow updates another...) at a depth
 * of 16 (Apex's "maximum trigger depth exceeded").
 */
const MAX_SAVE_DEPTH = 16;

/**
 * Re-evaluations of workflow rules after a `reevaluateOnChange` field update: "This cascade of workflow
 * rule reevaluation and triggering can happen up to five times after the initial field update that
 * started it" (Salesforce Help, "Field Updates That Reevaluate Workflow Rules").
 */
const MAX_WORKFLOW_REEVALUATIONS = 5;

export class SavePipeline {
  private depth = 0;
  private readonly autoNumbers = new Map<string, number>();
  /** The actor of the outermost save in progress, for flows that save in system context. */
  private readonly actors: Actor[] = [];
  private readonly plans: SavePlans;
  /** How often each process evaluated each record in the transaction in progress (Process Builder recursion). */
  private readonly processEvaluations = new Map<string, number>();

  constructor(private readonly env: SaveEnvironment) {
    this.plans = new SavePlans(env.schema, env.formulas);
  }

  /** The actor whose save is running now (flows act in system context on their behalf). */
  get currentActor(): Actor | undefined {
    return this.actors[this.actors.length - 1];
  }

  create(actor: Actor, objectName: string, values: WireRecord): string {
    const object = this.writableObject(actor, objectName);
    if (!actor.systemMode && !actor.access.canCreate(object.name)) throw insufficientAccess();
    return this.inSave(actor, () => {
      const input = this.readInput(actor, object, values, 'create');
      const record = this.initialRecord(actor, object, input);
      // What the platform set before the request's values: the same value at validation time is valid by
      // construction (the running user as owner and creator, the user's default record type).
      const systemValues: WireRecord = { ...record };
      Object.assign(record, input);
      const changes = this.applyBeforeSaveFlows(object, 'create', record, null);
      applyDerivedFields(object, record, null, { ...input, ...changes }, formatDateTime(this.env.now()));
      this.validate(actor, object, record, null, systemValues);
      this.env.store.insert(object.name, record);
      this.runWorkflowRules(actor, object, 'create', record, null);
      this.runProcesses(object, 'create', record, null);
      this.runAfterSaveFlows(object, 'create', record, null);
      this.recomputeRollups(actor, object, record, null);
      return String(record.Id);
    });
  }

  update(actor: Actor, objectName: string, idValue: string, values: WireRecord): void {
    const object = this.writableObject(actor, objectName);
    const id = requireId(idValue, `${object.label} ID`);
    this.inSave(actor, () => {
      const prior = this.existingRecord(object, id);
      if (!actor.systemMode) {
        const level = actor.access.recordAccess(object.name, prior);
        if (level !== 'edit' && level !== 'full') throw insufficientAccess();
      }
      const input = this.readInput(actor, object, values, 'update');
      const bodyId = fieldValue(values, 'Id');
      if (bodyId !== undefined && bodyId !== null && normalizeId(String(bodyId)) !== id) {
        throw new SalesforceError('INVALID_ID_FIELD', `The Id in the request body does not match the record id: ${String(bodyId)}`, ['Id']);
      }
      // Changing the owner is a transfer: it needs full access (owner, above them, or Modify All).
      if (!actor.systemMode && 'OwnerId' in input && input.OwnerId !== prior.OwnerId && actor.access.recordAccess(object.name, prior) !== 'full') {
        throw insufficientAccess();
      }
      this.saveUpdate(actor, object, prior, input);
    });
  }

  delete(actor: Actor, objectName: string, idValue: string): void {
    const object = this.writableObject(actor, objectName);
    const id = requireId(idValue, `${object.label} ID`);
    this.inSave(actor, () => {
      const record = this.existingRecord(object, id);
      if (!actor.systemMode && (!actor.access.canDelete(object.name) || actor.access.recordAccess(object.name, record) !== 'full')) {
        throw insufficientAccess();
      }
      if (this.plans.for(object).flowTriggers.has('RecordBeforeDelete')) {
        this.runFlowStep(() => this.env.flows()?.runBeforeDelete(object.name, this.withFormulas(actor, object, record)));
      }
      this.deleteCascade(object, record, 0);
      this.recomputeRollups(actor, object, null, record);
    });
  }

  /** A stored record with its formula fields computed for this actor. */
  withFormulas(actor: Actor, object: SObjectDef, record: WireRecord): WireRecord {
    const out: WireRecord = { ...record };
    const formulaFields = this.plans.for(object).formulaFields;
    if (formulaFields.length === 0) return out;
    const host = this.formulaHost(actor);
    for (const field of formulaFields) out[field.name] = evaluateFormulaField(host, object.name, field.name, record);
    return out;
  }

  formulaHost(actor: Actor): FormulaHost {
    return {
      schema: this.env.schema,
      store: this.env.store,
      now: () => this.env.now(),
      userId: actor.access.userId,
      hasCustomPermission: (name) => actor.access.hasCustomPermission(name),
      formulaField: (o, f) => this.env.formulas.formulaField(o, f),
      // `$Setup` with no setting row reads the field's default value, formula defaults included.
      defaultValue: (o, f) => this.env.formulas.defaultValue(o, f),
      instanceUrl: () => this.env.instanceUrl?.(),
    };
  }

  // ------------------------------------------------------------------------------------------
  // steps

  /** Several saves as one unit: a nested transaction (savepoint) that rolls back if any save throws. */
  allOrNone<T>(saves: () => T): T {
    return this.env.store.transaction(saves);
  }

  private inSave<T>(actor: Actor, fn: () => T): T {
    if (this.depth >= MAX_SAVE_DEPTH) {
      throw new SalesforceError('CANNOT_INSERT_UPDATE_ACTIVATE_ENTITY', 'maximum trigger depth exceeded', []);
    }
    this.depth++;
    this.actors.push(actor);
    try {
      return this.env.store.transaction(fn);
    } finally {
      this.depth--;
      this.actors.pop();
      // The outermost save ends its transaction: a process may evaluate its records afresh in the next.
      if (this.depth === 0) this.processEvaluations.clear();
    }
  }

  private writableObject(actor: Actor, objectName: string): SObjectDef {
    const object = this.env.schema.objects.get(objectName.toLowerCase());
    if (!object || (!actor.systemMode && !actor.access.canRead(object.name))) throw objectNotFound();
    if (object.readOnly) throw new SalesforceError('INSUFFICIENT_ACCESS_OR_READONLY', 'entity is read-only', []);
    return object;
  }

  private existingRecord(object: SObjectDef, id: string): WireRecord {
    if (keyPrefixOf(id) !== object.keyPrefix) throw objectNotFound();
    const record = this.env.store.get(object.name, id, { includeDeleted: true });
    if (!record) throw objectNotFound();
    if (record.IsDeleted === true) throw new SalesforceError('ENTITY_IS_DELETED', 'entity is deleted', [], 404);
    return record;
  }

  /**
   * Checks and converts the request's values: unknown (or invisible) fields are `INVALID_FIELD`, fields
   * the user may not write are `INVALID_FIELD_FOR_INSERT_UPDATE` (all of them in one message, as
   * Salesforce lists them), values of the wrong type fail as the JSON deserialiser would.
   */
  private readInput(actor: Actor, object: SObjectDef, values: WireRecord, kind: 'create' | 'update'): WireRecord {
    const out: WireRecord = {};
    const notWritable: string[] = [];
    for (const [name, value] of Object.entries(values)) {
      if (name === 'attributes') continue;
      if (name.toLowerCase() === 'id') {
        if (kind === 'create') throw new SalesforceError('INVALID_FIELD', 'The Id field should not be specified in the sobject data.', []);
        continue;
      }
      const field = object.fields.get(name.toLowerCase());
      if (!field || (!actor.systemMode && !actor.access.fieldReadable(object.name, field.name))) {
        throw new SalesforceError('INVALID_FIELD', `No such column '${name}' on sobject of type ${object.name}`, []);
      }
      const systemWritable = kind === 'create' ? field.createable : field.updateable;
      if (!systemWritable || (!actor.systemMode && !actor.access.fieldEditable(object.name, field.name))) {
        notWritable.push(field.name);
        continue;
      }
      out[field.name] = coerceFieldValue(field, value);
    }
    if (notWritable.length > 0) {
      throw new SalesforceError(
        'INVALID_FIELD_FOR_INSERT_UPDATE',
        `Unable to create/update fields: ${notWritable.join(', ')}. Please check the security settings of this field and verify that it is read/write for your profile or permission set.`,
        notWritable,
      );
    }
    return out;
  }

  /** A new record before the request's values: id, audit fields, owner, record type, defaults. */
  private initialRecord(actor: Actor, object: SObjectDef, input: WireRecord): WireRecord {
    const now = formatDateTime(this.env.now());
    const userId = actor.access.userId;
    const record: WireRecord = { Id: this.env.minter.next(object.keyPrefix) };
    const has = (name: string): boolean => object.fields.has(name.toLowerCase());
    if (has('IsDeleted')) record.IsDeleted = false;
    for (const audit of AUDIT_FIELDS) {
      if (!has(audit)) continue;
      record[audit] = audit.endsWith('ById') ? userId : now;
    }
    if (has('OwnerId')) record.OwnerId = userId;
    if (object.recordTypes.size > 0 && has('RecordTypeId') && !('RecordTypeId' in input)) {
      const choice = actor.access.visibleRecordTypes(object.name).find((r) => r.isDefault);
      const rt = choice ? object.recordTypes.get(choice.developerName.toLowerCase()) ?? [...object.recordTypes.values()].find((r) => r.developerName === choice.developerName) : undefined;
      if (rt) record.RecordTypeId = rt.id;
    }
    // The record type's own picklist defaults (its business process's default Status / Stage, or a value
    // marked default in its picklistValues) replace the field's master default. [UNVERIFIED] that an API
    // create applies them as the New form does; it is the likeliest, since both start from the record type.
    const recordTypeDefaults = this.recordTypeById(object, input.RecordTypeId ?? record.RecordTypeId)?.picklistDefaults;
    let host: FormulaHost | undefined;
    for (const initial of this.plans.for(object).initialValues) {
      const field = initial.field;
      if (field.name in record || field.name in input) continue;
      switch (initial.kind) {
        case 'autoNumber':
          record[field.name] = this.nextAutoNumber(object, field);
          break;
        case 'picklist':
          record[field.name] = recordTypeDefaults?.get(field.name.toLowerCase()) ?? initial.value;
          break;
        case 'checkbox':
        case 'rollup':
          record[field.name] = initial.value;
          break;
        case 'formula':
          host ??= this.formulaHost(actor);
          record[field.name] = coerceFieldValue(field, initial.compiled.evaluate(recordFormulaContext(host, object.name, { ...record, ...input }, null)));
          break;
      }
    }
    // A record type may default a picklist that has no master default (so no initial value above).
    for (const [fieldLower, value] of recordTypeDefaults ?? []) {
      const field = object.fields.get(fieldLower);
      if (field && field.createable && !(field.name in record) && !(field.name in input)) record[field.name] = value;
    }
    return record;
  }

  private recordTypeById(object: SObjectDef, id: unknown): RecordTypeDef | undefined {
    if (typeof id !== 'string' || object.recordTypes.size === 0) return undefined;
    const normalized = normalizeId(id);
    return normalized === null ? undefined : this.plans.for(object).recordTypesById.get(normalized);
  }

  /** Stamps the modification audit fields; returns what it set (valid by construction, see `validate`). */
  private stampModified(actor: Actor, record: WireRecord): WireRecord {
    const now = formatDateTime(this.env.now());
    const stamped: WireRecord = {};
    if ('LastModifiedDate' in record) stamped.LastModifiedDate = now;
    if ('SystemModstamp' in record) stamped.SystemModstamp = now;
    if ('LastModifiedById' in record) stamped.LastModifiedById = actor.access.userId;
    Object.assign(record, stamped);
    return stamped;
  }

  private nextAutoNumber(object: SObjectDef, field: FieldDef): string {
    const key = `${object.name}.${field.name}`.toLowerCase();
    let current = this.autoNumbers.get(key);
    if (current === undefined) {
      current = 0;
      for (const id of this.env.store.allIds(object.name)) {
        const value = this.env.store.get(object.name, id)?.[field.name];
        const digits = typeof value === 'string' ? /(\d+)(?!.*\d)/.exec(value)?.[1] : undefined;
        if (digits) current = Math.max(current, Number(digits));
      }
    }
    current++;
    this.autoNumbers.set(key, current);
    const format = field.displayFormat ?? '{0}';
    return format.replace(/\{(0+)\}/, (_m, zeros: string) => String(current).padStart(zeros.length, '0'));
  }

  /** Runs before-save flows and applies their changes to `record`; returns the changes applied. */
  private applyBeforeSaveFlows(object: SObjectDef, event: 'create' | 'update', record: WireRecord, prior: WireRecord | null): WireRecord {
    const applied: WireRecord = {};
    const flows = this.env.flows();
    // Without a before-save flow on this object there is nothing to run, nor records to prepare for one.
    if (!flows || !this.plans.for(object).flowTriggers.has('RecordBeforeSave')) return applied;
    const actor = this.currentActor!;
    const changes = this.runFlowStep(() => flows.runBeforeSave(object.name, event, this.withFormulas(actor, object, record), prior ? this.withFormulas(actor, object, prior) : undefined));
    for (const [name, value] of Object.entries(changes ?? {})) {
      const field = object.fields.get(name.toLowerCase());
      // Before-save flows assign through `$Record`, which only reaches real, writable fields.
      if (!field || field.formula !== undefined || name.toLowerCase() === 'id') continue;
      record[field.name] = coerceFieldValue(field, value);
      applied[field.name] = record[field.name];
    }
    return applied;
  }

  /**
   * Step 6: the object's active workflow rules, evaluated on the saved record. The field updates of the
   * rules that fire are applied together as a second save of the record (`saveFieldUpdates`); an update
   * marked `reevaluateOnChange` that changed its field evaluates the rules again, and only rules that have
   * not fired yet in this save can fire then ("Only workflow rules that didn't fire before are
   * retriggered"). [UNVERIFIED] In a re-evaluation the record keeps its save's event (a record being
   * created is still new) and its save's prior values.
   */
  private runWorkflowRules(actor: Actor, object: SObjectDef, event: 'create' | 'update', record: WireRecord, prior: WireRecord | null): void {
    const workflow = this.env.workflow;
    const rules = workflow?.rulesFor(object.name) ?? [];
    if (!workflow || rules.length === 0) return;
    const host = this.formulaHost(actor);
    // `onCreateOrTriggeringUpdate` asks whether the record met the criteria before this save.
    const priorCtx = prior ? recordFormulaContext(host, object.name, prior, null) : null;
    const fired = new Set<CompiledRule>();
    for (let reevaluations = 0; ; reevaluations++) {
      const ctx = recordFormulaContext(host, object.name, record, prior);
      const firing = rules.filter((rule) => !fired.has(rule) && workflow.fires(rule, event, ctx, priorCtx));
      if (firing.length === 0) return;
      for (const rule of firing) fired.add(rule);
      const { values, reevaluating } = workflow.fieldUpdateValues(object, firing, ctx, record);
      const changed = Object.keys(values).filter((name) => (values[name] ?? null) !== (record[name] ?? null));
      if (changed.length === 0) return;
      this.saveFieldUpdates(actor, object, record, Object.fromEntries(changed.map((name) => [name, values[name] ?? null])));
      if (reevaluations >= MAX_WORKFLOW_REEVALUATIONS || !changed.some((name) => reevaluating.has(name))) return;
    }
  }

  /**
   * The record updated again with workflow field updates: system validation only (required fields,
   * lengths, restricted picklists, lookups, unique values), no before-save flow, validation rule, process
   * or flow ("Custom validation rules, flows, duplicate rules, processes, and escalation rules aren't run
   * again"). Field updates work "independently of field-level security", so lookups are checked in
   * system context. LastModifiedById stays the user whose save ran the rule ([UNVERIFIED]: the field update
   * is part of that user's save; Salesforce documents no other user for immediate actions).
   */
  private saveFieldUpdates(actor: Actor, object: SObjectDef, record: WireRecord, values: WireRecord): void {
    const before: WireRecord = { ...record };
    Object.assign(record, values);
    const stamped = this.stampModified(actor, record);
    applyDerivedFields(object, record, before, values, formatDateTime(this.env.now()));
    this.validateSystem({ access: actor.access, systemMode: true }, object, record, before, stamped);
    this.env.store.update(object.name, String(record.Id), changedFields(this.plans.for(object), before, record));
  }

  /**
   * Step 7: Process Builder processes on this object. A process evaluates a record once per transaction,
   * or up to six times with "Allow process to evaluate a record multiple times in a single transaction"
   * (the runtime counts evaluations in `processEvaluations`, cleared when the outermost save ends).
   */
  private runProcesses(object: SObjectDef, event: 'create' | 'update', record: WireRecord, prior: WireRecord | null): void {
    const flows = this.env.flows();
    if (!flows || !this.plans.for(object).hasProcesses) return;
    const actor = this.currentActor!;
    this.runFlowStep(() => flows.runProcesses(
      object.name, event, this.withFormulas(actor, object, record), prior ? this.withFormulas(actor, object, prior) : undefined, this.processEvaluations,
    ));
  }

  private runAfterSaveFlows(object: SObjectDef, event: 'create' | 'update', record: WireRecord, prior: WireRecord | null): void {
    const flows = this.env.flows();
    if (!flows || !this.plans.for(object).flowTriggers.has('RecordAfterSave')) return;
    const actor = this.currentActor!;
    this.runFlowStep(() => flows.runAfterSave(object.name, event, this.withFormulas(actor, object, record), prior ? this.withFormulas(actor, object, prior) : undefined));
  }

  /**
   * A flow that faults without a fault path fails the save with Salesforce's wording:
   * `We can't save this record because the “{Flow Label}” process failed. Give your Salesforce admin
   * these details. {inner message}`. Real orgs append an `Error ID: …` that identifies the failure in
   * their logs; the emulator has no such log, so the message ends with the inner error (UNVERIFIED).
   */
  private runFlowStep<T>(fn: () => T): T {
    try {
      return fn();
    } catch (error) {
      if (error instanceof FlowFaultError) {
        const inner = error.inner instanceof SalesforceError ? `${error.inner.errorCode}: ${error.inner.message}` : error.inner.message;
        throw new SalesforceError(
          'CANNOT_EXECUTE_FLOW_TRIGGER',
          `We can't save this record because the “${error.flowLabel}” process failed. Give your Salesforce admin these details. ${inner}`,
          [],
        );
      }
      throw error;
    }
  }

  /**
   * System validation, then every active validation rule. `systemValues` are values the pipeline itself
   * set (audit fields, the running user as owner, the default record type): while a field still holds
   * that value it is not checked again, which spares a bulk insert a user lookup per row and field.
   */
  private validate(actor: Actor, object: SObjectDef, record: WireRecord, prior: WireRecord | null, systemValues: WireRecord): void {
    this.validateSystem(actor, object, record, prior, systemValues);
    this.runValidationRules(actor, object, record, prior);
  }

  /** Required fields, then each set value that changed (length, restricted picklist, lookup, uniqueness). */
  private validateSystem(actor: Actor, object: SObjectDef, record: WireRecord, prior: WireRecord | null, systemValues: WireRecord): void {
    const plan = this.plans.for(object);
    const missing: string[] = [];
    for (const field of plan.requiredFields) {
      const value = record[field.name];
      if (value === undefined || value === null || value === '') missing.push(field.name);
    }
    if (missing.length > 0) throw new SalesforceError('REQUIRED_FIELD_MISSING', `Required fields are missing: [${missing.join(', ')}]`, missing);

    for (const field of plan.checkedFields) {
      const value = record[field.name] as WireValue | undefined;
      if (value === undefined || value === null) continue;
      if (prior && prior[field.name] === value) continue;
      if (field.name in systemValues && systemValues[field.name] === value) continue;
      this.checkFieldValue(actor, plan, field, value, String(record.Id));
    }
  }

  /** Every active custom validation rule; all failures are reported together. */
  private runValidationRules(actor: Actor, object: SObjectDef, record: WireRecord, prior: WireRecord | null): void {
    const failures: SalesforceError[] = [];
    let ctx: ReturnType<typeof recordFormulaContext> | undefined;
    for (const rule of object.validationRules) {
      if (!rule.active) continue;
      const compiled = this.env.formulas.validationRule(rule.fullName);
      ctx ??= recordFormulaContext(this.formulaHost(actor), object.name, record, prior);
      if (compiled?.evaluate(ctx) === true) {
        failures.push(new SalesforceError('FIELD_CUSTOM_VALIDATION_EXCEPTION', rule.errorMessage, rule.errorDisplayField ? [rule.errorDisplayField] : []));
      }
    }
    if (failures.length === 1) throw failures[0]!;
    if (failures.length > 1) throw new SalesforceErrors(failures);
  }

  private checkFieldValue(actor: Actor, plan: ObjectSavePlan, field: FieldDef, value: WireValue, recordId: string): void {
    const object = plan.object;
    if (typeof value === 'string' && LENGTH_CHECKED.has(field.type) && field.length > 0 && value.length > field.length) {
      throw new SalesforceError('STRING_TOO_LONG', `${field.label}: data value too large: ${value} (max length=${field.length})`, [field.name]);
    }
    const allowed = plan.restrictedValues.get(field.name);
    if (allowed && typeof value === 'string') {
      const chosen = field.type === 'multipicklist' ? value.split(';') : [value];
      const bad = chosen.find((v) => !allowed.has(v));
      if (bad !== undefined) {
        throw new SalesforceError('INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST', `${field.label}: bad value for restricted picklist field: ${bad}`, [field.name]);
      }
    }
    if (field.type === 'reference' && typeof value === 'string') this.checkReference(actor, plan, field, value);
    // Only Unique fields are enforced; an External ID alone may repeat (upsert then answers 300).
    if (field.unique && field.type !== 'reference' && field.type !== 'id') {
      const clash = this.env.store.findBy(object.name, field.name, value)
        .find((r) => r.Id !== recordId && (!field.caseSensitive || r[field.name] === value));
      if (clash) {
        throw new SalesforceError('DUPLICATE_VALUE', `duplicate value found: ${field.name} duplicates value on record with id: ${String(clash.Id)}`, [field.name]);
      }
    }
  }

  /** A lookup must point at a live record of the right type that the user can see (edit, for a master). */
  private checkReference(actor: Actor, plan: ObjectSavePlan, field: FieldDef, id: string): void {
    const object = plan.object;
    if (field.name.toLowerCase() === 'recordtypeid') {
      const rt = plan.recordTypesById.get(id);
      if (!rt || !rt.active || (!actor.systemMode && !actor.access.recordTypeVisible(object.name, rt.developerName))) {
        throw new SalesforceError('INVALID_CROSS_REFERENCE_KEY', `Record Type ID: this ID value isn't valid for the user: ${id}`, ['RecordTypeId']);
      }
      return;
    }
    const targetName = targetObjectOf(this.env.schema, field, id);
    const target = targetName ? this.env.schema.objects.get(targetName.toLowerCase()) : undefined;
    const prefixMatches = (field.referenceTo ?? []).some((t) => this.env.schema.objects.get(t.toLowerCase())?.keyPrefix === keyPrefixOf(id));
    if (!target || !prefixMatches) {
      throw new SalesforceError('FIELD_INTEGRITY_EXCEPTION', `${field.label}: id value of incorrect type: ${id}`, [field.name]);
    }
    const parent = this.env.store.get(target.name, id, { includeDeleted: true });
    if (!parent) throw new SalesforceError('INVALID_CROSS_REFERENCE_KEY', 'invalid cross reference id', [field.name]);
    if (parent.IsDeleted === true) throw new SalesforceError('ENTITY_IS_DELETED', 'entity is deleted', [field.name]);
    if (actor.systemMode) return;
    const level = actor.access.recordAccess(target.name, parent);
    const needsEdit = field.relationshipType === 'masterDetail';
    if (level === 'none' || (needsEdit && level === 'read')) {
      throw new SalesforceError('INSUFFICIENT_ACCESS_ON_CROSS_REFERENCE_ENTITY', `insufficient access rights on cross-reference id: ${id}`, []);
    }
  }

  /**
   * Deleting a record moves its master-detail children to the recycle bin with it and clears lookups
   * that point at it, unless a lookup restricts deletion.
   */
  private deleteCascade(object: SObjectDef, record: WireRecord, depth: number): void {
    const id = String(record.Id);
    for (const child of this.env.schema.objects.values()) {
      if (child.tooling) continue;
      for (const field of child.fields.values()) {
        if (field.type !== 'reference' || !field.referenceTo?.some((t) => t.toLowerCase() === object.name.toLowerCase())) continue;
        if (['createdbyid', 'lastmodifiedbyid', 'ownerid'].includes(field.name.toLowerCase())) continue;
        const children = this.env.store.findBy(child.name, field.name, id);
        if (children.length === 0) continue;
        if (field.restrictedDelete) {
          throw new SalesforceError('DELETE_FAILED', `Your attempt to delete ${String(record[object.nameField] ?? id)} could not be completed because it is associated with the following ${child.labelPlural}.`, []);
        }
        for (const row of children) {
          if (field.relationshipType === 'masterDetail' || field.cascadeDelete) {
            if (depth < 10) this.deleteCascade(child, row, depth + 1);
          } else if (field.nillable) {
            this.env.store.update(child.name, String(row.Id), { [field.name]: null });
          }
        }
      }
    }
    this.env.store.softDelete(object.name, id, this.env.now());
  }

  /**
   * Roll-up summary fields on the parents of a saved child (old and new parent when the lookup moved).
   * Each parent whose summaries changed is updated once, with all of them, through the full pipeline in
   * system context, so its own validation rules and flows run, as in Salesforce ("performs calculations
   * and updates the roll-up summary field in the parent record. Parent record goes through save
   * procedure": Apex Developer Guide, "Triggers and Order of Execution").
   */
  private recomputeRollups(actor: Actor, child: SObjectDef, record: WireRecord | null, prior: WireRecord | null): void {
    const rollups = this.plans.for(child).rollupsOnParents;
    if (rollups.length === 0) return;
    const system: Actor = { access: actor.access, systemMode: true };
    const updates = new Map<string, { parent: SObjectDef; id: string; values: WireRecord }>();
    let host: FormulaHost | undefined;
    for (const { parent, field } of rollups) {
      const rollup = field.rollup!;
      const parentIds = new Set<string>();
      for (const r of [record, prior]) {
        const value = r ? fieldValue(r, rollup.foreignKey) : undefined;
        if (typeof value === 'string') parentIds.add(value);
      }
      for (const parentId of parentIds) {
        const current = this.env.store.get(parent.name, parentId);
        if (!current) continue;
        host ??= this.formulaHost(system);
        const value = this.rollupValue(host, child, field, parentId);
        if (current[field.name] === value) continue;
        const key = `${parent.name}.${parentId}`;
        const update = updates.get(key) ?? { parent, id: parentId, values: {} };
        update.values[field.name] = value;
        updates.set(key, update);
      }
    }
    for (const { parent, id, values } of updates.values()) this.internalUpdate(system, parent, id, values);
  }

  /**
   * A roll-up's value over the parent's children. A formula field (summarized or in a filter) is computed
   * for each child row, as its value is never stored; rollup-sources.ts keeps to formulas whose value
   * depends on the child record alone, as a real org does.
   */
  private rollupValue(host: FormulaHost, child: SObjectDef, field: FieldDef, parentId: string): WireValue {
    const rollup = field.rollup!;
    const read = (row: WireRecord, name: string): WireValue | undefined => {
      const source = child.fields.get(name.toLowerCase());
      if (source?.formula !== undefined) return evaluateFormulaField(host, child.name, source.name, row);
      return fieldValue(row, name);
    };
    const rows = this.env.store.findBy(child.name, rollup.foreignKey, parentId).filter((row) => rollup.filters.every((f) => filterMatches(read, row, f)));
    if (rollup.operation === 'count') return rows.length;
    const values = rows.map((r) => read(r, rollup.summarizedField ?? '')).filter((v): v is string | number => typeof v === 'number' || typeof v === 'string');
    if (rollup.operation === 'sum') return values.reduce<number>((sum, v) => sum + Number(v), 0);
    if (values.length === 0) return null;
    const sorted = [...values].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    return (rollup.operation === 'min' ? sorted[0] : sorted[sorted.length - 1]) ?? null;
  }

  /** An update that may set calculated fields (roll-ups); the rest of the pipeline is the normal one. */
  private internalUpdate(actor: Actor, object: SObjectDef, id: string, values: WireRecord): void {
    this.inSave(actor, () => this.saveUpdate(actor, object, this.existingRecord(object, id), values));
  }

  /** Steps 2-9 of an update, once `input` has been checked (or is the pipeline's own, for a roll-up). */
  private saveUpdate(actor: Actor, object: SObjectDef, prior: WireRecord, input: WireRecord): void {
    const record: WireRecord = { ...prior, ...input };
    const systemValues = this.stampModified(actor, record);
    const changes = this.applyBeforeSaveFlows(object, 'update', record, prior);
    applyDerivedFields(object, record, prior, { ...input, ...changes }, formatDateTime(this.env.now()));
    this.validate(actor, object, record, prior, systemValues);
    this.env.store.update(object.name, String(prior.Id), changedFields(this.plans.for(object), prior, record));
    this.runWorkflowRules(actor, object, 'update', record, prior);
    this.runProcesses(object, 'update', record, prior);
    this.runAfterSaveFlows(object, 'update', record, prior);
    this.recomputeRollups(actor, object, record, prior);
  }
}

/** The fields whose value differs, plus the audit stamps (the store keeps only what changed). */
function changedFields(plan: ObjectSavePlan, prior: WireRecord, record: WireRecord): WireRecord {
  const changes: WireRecord = {};
  for (const field of plan.writableColumns) {
    if (!(field.name in record)) continue;
    if (record[field.name] !== prior[field.name] || AUDIT_FIELDS.includes(field.name)) changes[field.name] = record[field.name];
  }
  return changes;
}

/** Roll-up filter criteria as in metadata (`equals`, `notEqual`, `greaterThan`...), compared as text or numbers. */
function filterMatches(
  read: (row: WireRecord, field: string) => WireValue | undefined,
  row: WireRecord,
  filter: { field: string; operation: string; value: string },
): boolean {
  const fieldName = filter.field.includes('.') ? filter.field.slice(filter.field.indexOf('.') + 1) : filter.field;
  const actual = read(row, fieldName);
  const wanted = filter.value;
  const numeric = typeof actual === 'number' && wanted.trim() !== '' && !Number.isNaN(Number(wanted));
  const a: string | number = numeric ? Number(actual) : String(actual ?? '').toLowerCase();
  const b: string | number = numeric ? Number(wanted) : wanted.toLowerCase();
  switch (filter.operation) {
    case 'equals': return wanted.split(',').some((w) => (numeric ? Number(w) === a : w.trim().toLowerCase() === a));
    case 'notEqual': return !wanted.split(',').some((w) => (numeric ? Number(w) === a : w.trim().toLowerCase() === a));
    case 'greaterThan': return a > b;
    case 'greaterOrEqual': return a >= b;
    case 'lessThan': return a < b;
    case 'lessOrEqual': return a <= b;
    case 'contains': return String(a).includes(String(b));
    case 'startsWith': return String(a).startsWith(String(b));
    default: return true;
  }
}

