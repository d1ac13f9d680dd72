/**
 * The org's workflow rules as the save pipeline runs them: criteria and field-update formulas compiled
 * once at org load, which rules fire for a save, and the values their field updates write.
 *
 * When a rule fires (Salesforce Help, "Workflow Rule Evaluation Criteria"):
 * - `onCreateOnly`: the record is being created and meets the criteria;
 * - `onAllChanges`: the record is created or edited and meets the criteria;
 * - `onCreateOrTriggeringUpdate`: it is created meeting the criteria, or edited from not meeting them to
 *   meeting them.
 *
 * A rule whose formula the formula engine cannot compile, or whose field update names a user or queue the
 * org does not have, is not run; its `notRunReason` says why, and the load summary lists it.
 */
import { SalesforceError, type CompiledFormula, type FormulaRuntimeContext, type WireRecord, type WireValue } from '../contracts.js';
import { evaluateLogic, parseConditionLogic, type LogicNode } from '../flows/filter-logic.js';
import type { FieldDef, OrgSchema, SObjectDef, WorkflowFieldUpdateDef, WorkflowRuleDef } from '../metadata/types.js';
import { coerceFieldValue } from './field-values.js';
import { compileContext, type CompileFormulaFn } from './formula-context.js';
import type { StorePort } from './ports.js';
import { criterionHolds } from './workflow-criteria.js';

/** A field update ready to run: its field and, for formulas, the compiled formula. */
export interface CompiledFieldUpdate {
  def: WorkflowFieldUpdateDef;
  field: FieldDef;
  formula?: CompiledFormula;
  /** LookupValue: the id written, resolved once the org's users exist (`resolveLookups`). */
  lookupId?: string;
}

export interface CompiledRule {
  def: WorkflowRuleDef;
  formula?: CompiledFormula;
  logic?: LogicNode;
  updates: CompiledFieldUpdate[];
}

/** What a save's field updates write: field name -> value, and whether a changed field re-evaluates the rules. */
export interface FieldUpdateValues {
  values: WireRecord;
  /** Field names whose update has `reevaluateOnChange`. */
  reevaluating: Set<string>;
}

export class WorkflowRules {
  private readonly byObject = new Map<string, CompiledRule[]>();

  constructor(private readonly schema: OrgSchema, compile: CompileFormulaFn) {
    for (const def of schema.workflowRules ?? []) {
      const object = schema.objects.get(def.object.toLowerCase());
      if (!object || def.notRunReason !== undefined) continue;
      const rule = compileRule(schema, object, def, compile);
      if (!rule) continue;
      const key = object.name.toLowerCase();
      this.byObject.set(key, [...(this.byObject.get(key) ?? []), rule]);
    }
  }

  /**
   * Resolves LookupValue field updates against the seeded org (users by Username, queues by developer
   * name); a rule whose lookup names no one is not run. Called once the org's users exist.
   */
  resolveLookups(store: StorePort): void {
    for (const [key, rules] of this.byObject) {
      const kept = rules.filter((rule) => {
        for (const update of rule.updates) {
          if (update.def.operation !== 'LookupValue' || update.lookupId !== undefined) continue;
          const found = lookupId(this.schema, store, rule.def.object, update.def);
          if (typeof found === 'string') update.lookupId = found;
          else {
            rule.def.notRunReason = `field update ${update.def.name}: ${found.problem}`;
            return false;
          }
        }
        return true;
      });
      this.byObject.set(key, kept);
    }
  }

  /** The active rules of an object that the emulator runs, in file order. */
  rulesFor(objectName: string): CompiledRule[] {
    return (this.byObject.get(objectName.toLowerCase()) ?? []).filter((rule) => rule.def.active);
  }

  /**
   * Whether `rule` fires for this save. `ctx` reads the record as saved (with the save's prior values for
   * ISCHANGED/PRIORVALUE); `priorCtx` reads the record as it was before an update (null on create).
   */
  fires(rule: CompiledRule, event: 'create' | 'update', ctx: FormulaRuntimeContext, priorCtx: FormulaRuntimeContext | null): boolean {
    const trigger = rule.def.triggerType;
    if (trigger === 'onCreateOnly' && event !== 'create') return false;
    if (!this.criteriaMet(rule, ctx)) return false;
    if (trigger === 'onCreateOrTriggeringUpdate' && event === 'update' && priorCtx) return !this.criteriaMet(rule, priorCtx);
    return true;
  }

  /** The values the field updates of the fired rules write, later rules over earlier ones. */
  fieldUpdateValues(object: SObjectDef, rules: CompiledRule[], ctx: FormulaRuntimeContext, record: WireRecord): FieldUpdateValues {
    const out: FieldUpdateValues = { values: {}, reevaluating: new Set() };
    for (const rule of rules) {
      for (const update of rule.updates) {
        out.values[update.field.name] = this.valueOf(object, rule, update, ctx, record);
        if (update.def.reevaluateOnChange) out.reevaluating.add(update.field.name);
      }
    }
    return out;
  }

  private criteriaMet(rule: CompiledRule, ctx: FormulaRuntimeContext): boolean {
    if (rule.formula) return rule.formula.evaluate(ctx) === true;
    const items = rule.def.criteria?.items;
    if (!items || items.length === 0) return true;
    const logic = rule.logic ?? parseConditionLogic(undefined, items.length);
    return evaluateLogic(logic, (index) => criterionHolds(items[index]!, ctx));
  }

  private valueOf(object: SObjectDef, rule: CompiledRule, update: CompiledFieldUpdate, ctx: FormulaRuntimeContext, record: WireRecord): WireValue {
    const { def, field } = update;
    switch (def.operation) {
      case 'Null':
        return field.type === 'boolean' ? false : null;
      case 'Literal':
        return literalValue(field, def.literalValue ?? '', rule);
      case 'Formula':
        return coerceOrFail(field, update.formula!.evaluate(ctx), rule);
      case 'LookupValue':
        return update.lookupId ?? null;
      case 'NextValue':
      case 'PreviousValue':
        return adjacentValue(field, record[field.name], def.operation === 'NextValue' ? 1 : -1);
    }
    throw new SalesforceError('UNKNOWN_EXCEPTION', `${object.name} workflow field update ${def.name}: unknown operation`);
  }
}

function compileRule(schema: OrgSchema, object: SObjectDef, def: WorkflowRuleDef, compile: CompileFormulaFn): CompiledRule | undefined {
  const rule: CompiledRule = { def, updates: [] };
  try {
    if (def.formula !== undefined) {
      rule.formula = compile(def.formula, compileContext(schema, object.name, `WorkflowRule ${def.fullName}`), { returnType: 'boolean' });
    }
    const booleanFilter = def.criteria?.booleanFilter;
    if (booleanFilter && def.criteria) rule.logic = parseConditionLogic(booleanFilter, def.criteria.items.length);
    for (const update of def.fieldUpdates) {
      const field = object.fields.get(update.field.toLowerCase())!;
      const compiled: CompiledFieldUpdate = { def: update, field };
      if (update.operation === 'Formula') {
        compiled.formula = compile(update.formula ?? '', compileContext(schema, object.name, `WorkflowFieldUpdate ${object.name}.${update.name}`), { returnType: field.type });
      }
      if (update.operation === 'LookupValue' && update.lookupValueType === 'RecordType') {
        const recordType = object.recordTypes.get((update.lookupValue ?? '').toLowerCase());
        if (!recordType) {
          def.notRunReason = `field update ${update.name}: "${update.lookupValue ?? ''}" is not a record type of ${object.name}`;
          return undefined;
        }
        compiled.lookupId = recordType.id;
      }
      rule.updates.push(compiled);
    }
  } catch (error) {
    // The formula engine's FormulaError names the rule or field update and the problem (an unknown
    // function, a type mismatch): the rule is listed as not run rather than failing the org's load.
    if (!(error instanceof Error) || error.name !== 'FormulaError') throw error;
    def.notRunReason = error.message;
    return undefined;
  }
  return rule;
}

/**
 * LookupValue targets: a user by Username (`lookupValueType` User), a queue by developer name (Queue).
 * Record types are resolved at compile time from the schema.
 */
function lookupId(schema: OrgSchema, store: StorePort, objectName: string, def: WorkflowFieldUpdateDef): string | { problem: string } {
  const value = def.lookupValue ?? '';
  if (def.lookupValueType === 'Queue') {
    const queue = store.findBy('Group', 'DeveloperName', value).find((g) => g.Type === 'Queue');
    if (queue) return String(queue.Id);
    return { problem: `the queue "${value}" does not exist in the emulated org (queues are not loaded from the project)` };
  }
  const user = schema.objects.has('user') ? store.findBy('User', 'Username', value)[0] : undefined;
  if (user) return String(user.Id);
  return { problem: `no user with Username "${value}" in this org (${objectName}); add one to the user definitions` };
}

/**
 * A Literal value as metadata spells it. Checkboxes are stored as `1` / `0` ([UNVERIFIED] the spelling;
 * `true` / `false` are read too).
 */
function literalValue(field: FieldDef, literal: string, rule: CompiledRule): WireValue {
  if (field.type === 'boolean') return ['1', 'true'].includes(literal.trim().toLowerCase());
  return coerceOrFail(field, literal, rule);
}

/** A field update value of the wrong shape fails the save, naming the rule (as a real org's error does). */
function coerceOrFail(field: FieldDef, value: WireValue, rule: CompiledRule): WireValue {
  try {
    return coerceFieldValue(field, value);
  } catch (error) {
    if (error instanceof SalesforceError) {
      throw new SalesforceError(error.errorCode, `Workflow rule ${rule.def.fullName}: ${error.message}`, error.fields);
    }
    throw error;
  }
}

/**
 * NextValue / PreviousValue: the active picklist value below or above the current one, in the field's
 * order. [UNVERIFIED] at either end of the list, or from a blank or unknown value, the field keeps its value.
 */
function adjacentValue(field: FieldDef, current: unknown, step: 1 | -1): WireValue {
  const values = (field.picklistValues ?? []).filter((v) => v.active).map((v) => v.value);
  const index = typeof current === 'string' ? values.indexOf(current) : -1;
  if (index < 0) return (current as WireValue | undefined) ?? null;
  return values[index + step] ?? values[index] ?? null;
}
