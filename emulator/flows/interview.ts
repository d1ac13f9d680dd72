/**
 * One flow interview: walks the element graph of one flow version from a start connector, holding the
 * flow's resources (variables, constants, formulas, text templates, element outputs) and talking to
 * the org only through the FlowHost, in system context.
 */
import type { CompiledFormula, FlowHost, FormulaRuntimeContext, WireValue } from '../contracts.js';
import { FlowFaultError, SalesforceError } from '../contracts.js';
import type { FlowDef } from '../metadata/types.js';
import { evaluateLogic, parseConditionLogic } from './filter-logic.js';
import { child, children, flag, isNode, target, text, texts, type XmlNode } from './flow-xml.js';
import { mergeFieldReferences, renderMergeFields, translateFlowFormula } from './merge-fields.js';
import { renderWhere, soqlLiteral, type ResolvedFilter } from './soql-filters.js';
import {
  coerceToDataType, dmlFields, evaluateOperator, flowEquals, getField, hasField, isRecord, literalValue,
  looksLikeDate, looksLikeDateTime, setField, truthy, type FlowRecord, type FlowValue,
} from './values.js';

/** The record that started a record-triggered interview. */
export interface TriggerContext {
  object: string;
  /** `$Record`: the interview's working copy (before-save changes are made to it). */
  record: FlowRecord;
  /** `$Record__Prior`: undefined on create and delete. */
  prior: FlowRecord | undefined;
  event: 'create' | 'update' | 'delete';
  /** In a before-save flow, updating `$Record` changes the record being saved instead of doing DML. */
  beforeSave: boolean;
}

/** Runs a subflow by API name with input values; returns its output variables. */
export type SubflowRunner = (flowApiName: string, inputs: Map<string, FlowValue>, budget: ElementBudget) => Map<string, FlowValue>;

/**
 * Salesforce faulted an interview that executed more than 2,000 elements (the limit was lifted in API
 * 57.0 for flows in general, but an endless loop still ends in a governor limit); the emulator keeps
 * the 2,000 figure as its guard. The message wording is UNVERIFIED.
 */
export const ELEMENT_LIMIT = 2000;

export class ElementBudget {
  private used = 0;
  constructor(private readonly limit = ELEMENT_LIMIT) {}

  visit(): void {
    this.used++;
    if (this.used > this.limit) throw new ElementLimitError(this.limit);
  }
}

/** A governor limit: not catchable by a fault connector. */
export class ElementLimitError extends SalesforceError {
  constructor(limit: number) {
    super('LIMIT_EXCEEDED', `The flow tried to execute more than ${limit} elements. Check for an infinite loop.`);
  }
}

/** A Custom Error element: fails the save with the admin's message, as a validation rule would. */
export class FlowCustomError extends SalesforceError {
  constructor(message: string, fields: string[]) {
    super('FIELD_CUSTOM_VALIDATION_EXCEPTION', message, fields);
  }
}

/** An `actionCalls` element that launches a flow (`actionType` flow): the runtime runs it as a subflow. */
export function isFlowAction(node: XmlNode): boolean {
  return text(node, 'actionType') === 'flow';
}

/** Element types this runtime executes (and `actionCalls` that launch a flow); every other element faults when reached. */
export const SUPPORTED_ELEMENT_TYPES = [
  'assignments', 'decisions', 'recordLookups', 'recordCreates', 'recordUpdates', 'recordDeletes', 'loops', 'subflows', 'customErrors',
] as const;

/** Every element type of the Flow metadata type (Metadata API Developer Guide, "Flow"). */
export const ALL_ELEMENT_TYPES = [
  ...SUPPORTED_ELEMENT_TYPES,
  'actionCalls', 'apexPluginCalls', 'collectionProcessors', 'orchestratedStages', 'recordRollbacks', 'screens', 'steps', 'transforms', 'waits',
] as const;

interface FlowElement {
  type: string;
  name: string;
  node: XmlNode;
}

/**
 * A Process Builder process reads its triggering record through two input variables (ProcessDef
 * `currentVariable` / `oldVariable`, `myVariable_current` / `myVariable_old`): the interview treats them as
 * `$Record` and `$Record__Prior`, so that `{!myVariable_current.Status}` in a formula is the record's field
 * (ISCHANGED and PRIORVALUE work on it) and parent paths are followed as for `$Record`.
 */
export interface RecordVariables {
  current: string;
  old?: string;
}

export interface InterviewOptions {
  flow: FlowDef;
  host: FlowHost;
  trigger?: TriggerContext;
  recordVariables?: RecordVariables;
  inputs?: Map<string, FlowValue>;
  budget: ElementBudget;
  runSubflow: SubflowRunner;
}

export class FlowInterview {
  private readonly flow: FlowDef;
  private readonly host: FlowHost;
  private readonly trigger: TriggerContext | undefined;
  /** Lower-cased names of the process variables that stand for `$Record` / `$Record__Prior`. */
  private readonly currentVariable: string | undefined;
  private readonly oldVariable: string | undefined;
  private readonly budget: ElementBudget;
  private readonly runSubflow: SubflowRunner;
  private readonly elements = new Map<string, FlowElement>();
  private readonly resources = new Map<string, { type: string; node: XmlNode }>();
  /** Variables and element outputs, keyed by lower-cased name (flow resource names are case-insensitive). */
  private readonly values = new Map<string, FlowValue>();
  /** sObject type of each record value (records from queries carry no `attributes`). */
  private readonly recordTypes = new WeakMap<object, string>();
  /** Field values as loaded from the org, so that updates send only what the flow changed. */
  private readonly snapshots = new WeakMap<object, FlowRecord>();
  /** Values read from the org for paths not held in memory (`$Record.Account.Name`); cleared by any DML. */
  private readonly loadedPaths = new Map<string, FlowValue>();
  private readonly loopStates = new Map<string, { items: FlowValue[]; index: number }>();
  private readonly compiledFormulas = new Map<string, CompiledFormula>();
  private readonly bodyStrings: string[];
  private faultMessage: string | null = null;

  constructor(options: InterviewOptions) {
    this.flow = options.flow;
    this.host = options.host;
    this.trigger = options.trigger;
    this.currentVariable = options.recordVariables?.current.toLowerCase();
    this.oldVariable = options.recordVariables?.old?.toLowerCase();
    this.budget = options.budget;
    this.runSubflow = options.runSubflow;
    const body = options.flow.body;
    for (const type of ALL_ELEMENT_TYPES) {
      for (const node of children(body, type)) {
        const name = text(node, 'name');
        if (name) this.elements.set(name.toLowerCase(), { type, name, node });
      }
    }
    for (const type of ['variables', 'constants', 'formulas', 'textTemplates']) {
      for (const node of children(body, type)) {
        const name = text(node, 'name');
        if (name) this.resources.set(name.toLowerCase(), { type, node });
      }
    }
    this.bodyStrings = collectStrings(body);
    if (this.trigger) {
      this.recordTypes.set(this.trigger.record, this.trigger.object);
      this.snapshots.set(this.trigger.record, { ...this.trigger.record });
      if (this.trigger.prior) this.recordTypes.set(this.trigger.prior, this.trigger.object);
    }
    this.initialiseVariables(options.inputs ?? new Map());
  }

  // ------------------------------------------------------------------------------------------
  // Running
  // ------------------------------------------------------------------------------------------

  /** Runs from `startTarget` until a path ends. Faults without a fault connector throw FlowFaultError. */
  run(startTarget: string | undefined): void {
    let current = startTarget;
    while (current !== undefined) {
      const element = this.elements.get(current.toLowerCase());
      if (!element) throw this.fault(new SalesforceError('INVALID_FLOW', `The flow references the element ${current}, which does not exist.`));
      try {
        this.budget.visit();
      } catch (error) {
        throw this.fault(asError(error));
      }
      const runnable = (SUPPORTED_ELEMENT_TYPES as readonly string[]).includes(element.type) || (element.type === 'actionCalls' && isFlowAction(element.node));
      if (!runnable) {
        // Not routed through a fault connector: the emulator lacks the feature; the flow did not fault.
        throw this.fault(new SalesforceError(
          'UNSUPPORTED_FLOW_ELEMENT',
          `The org emulator cannot run the ${describeElementType(element)} element "${element.name}" of flow ${this.flow.apiName}.`,
        ));
      }
      try {
        current = this.execute(element);
      } catch (caught) {
        const error = asError(caught);
        if (error instanceof FlowCustomError) throw error;
        const inner = error instanceof FlowFaultError ? error.inner : error;
        if (inner instanceof ElementLimitError || inner instanceof FlowCustomError) throw this.fault(inner);
        if (inner instanceof SalesforceError && inner.errorCode === 'UNSUPPORTED_FLOW_ELEMENT') throw this.fault(inner);
        const faultTarget = target(element.node, 'faultConnector');
        if (faultTarget === undefined) throw this.fault(inner);
        this.faultMessage = inner.message;
        current = faultTarget;
      }
    }
  }

  /** Output variables (`isOutput`) after the run, for a parent flow's Subflow element. */
  outputs(): Map<string, FlowValue> {
    const out = new Map<string, FlowValue>();
    for (const [key, resource] of this.resources) {
      if (resource.type === 'variables' && flag(resource.node, 'isOutput')) {
        out.set(text(resource.node, 'name') ?? key, this.values.get(key) ?? null);
      }
    }
    return out;
  }

  /** Evaluates the start element's entry conditions (`filters` + `filterLogic`, or `filterFormula`). */
  entryConditionsMet(): boolean {
    try {
      return this.evaluateEntryConditions();
    } catch (error) {
      // A condition that cannot be evaluated (a global the org cannot answer) fails the save like a fault.
      throw error instanceof FlowFaultError ? error : this.fault(asError(error));
    }
  }

  private evaluateEntryConditions(): boolean {
    const start = child(this.flow.body, 'start');
    const formula = text(start, 'filterFormula');
    if (formula !== undefined && formula.trim() !== '') return truthy(this.evaluateFormula(formula, 'Start'));
    const filters = children(start, 'filters');
    const logic = text(start, 'filterLogic');
    if (filters.length === 0 || logic === 'no_conditions') return true;
    const conditions = filters.map((filter) => ({
      left: `$Record.${text(filter, 'field') ?? ''}`,
      operator: text(filter, 'operator') ?? 'EqualTo',
      right: child(filter, 'value'),
    }));
    return this.conditionsHold(conditions, logic);
  }

  private fault(inner: Error): FlowFaultError {
    return new FlowFaultError(this.flow.apiName, this.flow.label, inner);
  }

  private execute(element: FlowElement): string | undefined {
    switch (element.type) {
      case 'assignments': return this.runAssignment(element.node);
      case 'decisions': return this.runDecision(element.node);
      case 'recordLookups': return this.runRecordLookup(element);
      case 'recordCreates': return this.runRecordCreate(element);
      case 'recordUpdates': return this.runRecordUpdate(element.node);
      case 'recordDeletes': return this.runRecordDelete(element.node);
      case 'loops': return this.runLoop(element);
      case 'subflows': return this.runSubflowElement(element);
      case 'customErrors': return this.runCustomError(element.node);
      case 'actionCalls': return this.runFlowAction(element);
      default: throw new SalesforceError('UNSUPPORTED_FLOW_ELEMENT', `Unsupported element type ${element.type}.`);
    }
  }

  // ------------------------------------------------------------------------------------------
  // Elements
  // ------------------------------------------------------------------------------------------

  private runAssignment(node: XmlNode): string | undefined {
    for (const item of children(node, 'assignmentItems')) {
      const reference = text(item, 'assignToReference') ?? '';
      const operator = text(item, 'operator') ?? 'Assign';
      const value = this.valueOf(child(item, 'value'));
      // Assign does not read the target, so it never loads a field the record does not hold.
      const current = operator === 'Assign' ? null : this.resolve(reference);
      this.assign(reference, applyAssignmentOperator(operator, current, value, (v) => this.copyRecord(v)));
    }
    return target(node, 'connector');
  }

  private runDecision(node: XmlNode): string | undefined {
    for (const rule of children(node, 'rules')) {
      const conditions = children(rule, 'conditions').map((condition) => ({
        left: text(condition, 'leftValueReference') ?? '',
        operator: text(condition, 'operator') ?? 'EqualTo',
        right: child(condition, 'rightValue'),
      }));
      const met = this.conditionsHold(conditions, text(rule, 'conditionLogic'));
      const outcome = text(rule, 'name');
      if (outcome) this.values.set(outcome.toLowerCase(), met);
      if (met) return target(rule, 'connector');
    }
    return target(node, 'defaultConnector');
  }

  private runRecordLookup(element: FlowElement): string | undefined {
    const node = element.node;
    const object = requireText(node, 'object', element.name);
    const firstOnly = flag(node, 'getFirstRecordOnly');
    const outputReference = text(node, 'outputReference');
    const outputAssignments = children(node, 'outputAssignments');
    const fields = new Set<string>(['Id']);
    for (const field of texts(node, 'queriedFields')) fields.add(field);
    for (const assignment of outputAssignments) fields.add(text(assignment, 'field') ?? 'Id');
    if (texts(node, 'queriedFields').length === 0) {
      // Salesforce queries the fields the flow goes on to use (Get Records with automatic output).
      for (const path of this.referencedPaths(element.name)) fields.add(path);
      if (outputReference) for (const path of this.referencedPaths(outputReference)) fields.add(path);
    }
    let soql = `SELECT ${dedupeFields(fields).join(', ')} FROM ${object}`;
    const where = renderWhere(this.resolvedFilters(node), text(node, 'filterLogic'));
    if (where) soql += ` WHERE ${where}`;
    const sortField = text(node, 'sortField');
    if (sortField) soql += ` ORDER BY ${sortField} ${text(node, 'sortOrder') === 'Desc' ? 'DESC' : 'ASC'}`;
    const limit = text(node, 'limit');
    if (firstOnly) soql += ' LIMIT 1';
    else if (limit !== undefined && limit.trim() !== '') soql += ` LIMIT ${Number(limit)}`;
    const rows = this.host.query(soql).map((row) => this.adopt(row, object));

    const assignNulls = flag(node, 'assignNullValuesIfNoRecordsFound');
    if (flag(node, 'storeOutputAutomatically') || (!outputReference && outputAssignments.length === 0)) {
      // "If no records are found, the variable is set to null" (Salesforce Help, Get Records).
      this.values.set(element.name.toLowerCase(), firstOnly ? rows[0] ?? null : rows.length > 0 ? rows : null);
    } else if (outputReference) {
      if (rows.length > 0 || assignNulls || !firstOnly) this.assign(outputReference, firstOnly ? rows[0] ?? null : rows);
    } else {
      const first = rows[0];
      for (const assignment of outputAssignments) {
        const reference = text(assignment, 'assignToReference') ?? '';
        if (first) this.assign(reference, getField(first, text(assignment, 'field') ?? 'Id') ?? null);
        else if (assignNulls) this.assign(reference, null);
      }
    }
    return target(node, 'connector');
  }

  private runRecordCreate(element: FlowElement): string | undefined {
    const node = element.node;
    const inputReference = text(node, 'inputReference');
    if (inputReference) {
      const value = this.resolve(inputReference);
      const records = recordsOf(value, inputReference);
      // One DML statement: all records are saved or none is (and none gets an Id).
      const ids = this.allOrNone(() => records.map((record) =>
        this.host.create(this.objectOf(record, inputReference, text(node, 'object')), dmlFields(record, { withoutId: true }))));
      records.forEach((record, i) => {
        setField(record, 'Id', ids[i] ?? null);
        this.snapshots.set(record, { ...record });
      });
      this.loadedPaths.clear();
      if (flag(node, 'storeOutputAutomatically')) this.values.set(element.name.toLowerCase(), Array.isArray(value) ? ids : ids[0] ?? null);
      return target(node, 'connector');
    }
    const object = requireText(node, 'object', element.name);
    const values: FlowRecord = {};
    for (const assignment of children(node, 'inputAssignments')) {
      values[text(assignment, 'field') ?? ''] = this.valueOf(child(assignment, 'value'));
    }
    const id = this.host.create(object, values);
    this.loadedPaths.clear();
    const idReference = text(node, 'assignRecordIdToReference');
    if (idReference) this.assign(idReference, id);
    if (flag(node, 'storeOutputAutomatically')) this.values.set(element.name.toLowerCase(), id);
    return target(node, 'connector');
  }

  private runRecordUpdate(node: XmlNode): string | undefined {
    const inputReference = text(node, 'inputReference');
    const assignments = children(node, 'inputAssignments').map((assignment) => ({
      field: text(assignment, 'field') ?? '',
      value: this.valueOf(child(assignment, 'value')),
    }));
    if (inputReference) {
      const isTriggeringRecord = inputReference.toLowerCase() === '$record';
      if (isTriggeringRecord && !this.trigger) throw new SalesforceError('INVALID_FLOW', 'This flow has no triggering record ($Record).');
      // "Update the triggering record" may carry conditions the record must meet (Flow Builder's option).
      const filters = children(node, 'filters');
      if (isTriggeringRecord && filters.length > 0) {
        const conditions = filters.map((filter) => ({
          left: `$Record.${text(filter, 'field') ?? ''}`,
          operator: text(filter, 'operator') ?? 'EqualTo',
          right: child(filter, 'value'),
        }));
        if (!this.conditionsHold(conditions, text(node, 'filterLogic'))) return target(node, 'connector');
      }
      const records = recordsOf(this.resolve(inputReference), inputReference);
      const saved: FlowRecord[] = [];
      // One DML statement: if one record is refused, none of the collection is updated (Salesforce
      // "Flow Bulkification": a collection's DML is a single all-or-none statement).
      this.allOrNone(() => {
        for (const record of records) {
          for (const { field, value } of assignments) setField(record, field, value);
          if (isTriggeringRecord && this.trigger?.beforeSave) continue;
          const id = getField(record, 'Id');
          if (typeof id !== 'string' || id === '') throw new SalesforceError('MISSING_ARGUMENT', 'Id not specified in an update call');
          const changes = this.changedFields(record);
          if (Object.keys(changes).length > 0) this.host.update(this.objectOf(record, inputReference, text(node, 'object')), id, changes);
          saved.push(record);
        }
      });
      for (const record of saved) this.snapshots.set(record, { ...record });
      if (!(isTriggeringRecord && this.trigger?.beforeSave)) this.loadedPaths.clear();
      return target(node, 'connector');
    }
    const object = requireText(node, 'object', text(node, 'name') ?? 'Update Records');
    const ids = this.matchingIds(node, object);
    const values: FlowRecord = {};
    for (const { field, value } of assignments) values[field] = value;
    this.allOrNone(() => {
      for (const id of ids) this.host.update(object, id, values);
    });
    this.loadedPaths.clear();
    return target(node, 'connector');
  }

  private runRecordDelete(node: XmlNode): string | undefined {
    const inputReference = text(node, 'inputReference');
    if (inputReference) {
      const value = this.resolve(inputReference);
      const items = value === null || value === undefined ? [] : Array.isArray(value) ? value : [value];
      this.allOrNone(() => {
        for (const item of items) {
          const id = isRecord(item) ? getField(item, 'Id') : item;
          if (typeof id !== 'string' || id === '') throw new SalesforceError('MISSING_ARGUMENT', 'Id not specified in a delete call');
          const object = isRecord(item) ? this.objectOf(item, inputReference, text(node, 'object')) : requireText(node, 'object', inputReference);
          this.host.delete(object, id);
        }
      });
    } else {
      const object = requireText(node, 'object', text(node, 'name') ?? 'Delete Records');
      const ids = this.matchingIds(node, object);
      this.allOrNone(() => {
        for (const id of ids) this.host.delete(object, id);
      });
    }
    this.loadedPaths.clear();
    return target(node, 'connector');
  }

  /** Runs one DML element's saves as a single all-or-none unit when the host can (FlowHost.allOrNone). */
  private allOrNone<T>(saves: () => T): T {
    return this.host.allOrNone ? this.host.allOrNone(saves) : saves();
  }

  private runLoop(element: FlowElement): string | undefined {
    const node = element.node;
    const key = element.name.toLowerCase();
    let state = this.loopStates.get(key);
    if (!state) {
      const collection = this.resolve(text(node, 'collectionReference') ?? '');
      // The loop walks the collection as it was when the loop started.
      const items = Array.isArray(collection) ? [...collection] : [];
      if (text(node, 'iterationOrder') === 'Desc') items.reverse();
      state = { items, index: 0 };
      this.loopStates.set(key, state);
    }
    if (state.index >= state.items.length) {
      this.loopStates.delete(key);
      return target(node, 'noMoreValuesConnector');
    }
    const item = state.items[state.index] ?? null;
    state.index++;
    const itemReference = text(node, 'assignNextValueToReference');
    // Since API 57.0 the current item is also available as the loop element itself ({!Loop_Name}).
    this.values.set(key, item);
    if (itemReference) this.assign(itemReference, item);
    return target(node, 'nextValueConnector');
  }

  private runSubflowElement(element: FlowElement): string | undefined {
    const node = element.node;
    const flowName = requireText(node, 'flowName', element.name);
    const inputs = new Map<string, FlowValue>();
    for (const assignment of children(node, 'inputAssignments')) {
      inputs.set(text(assignment, 'name') ?? '', this.valueOf(child(assignment, 'value')));
    }
    const outputs = this.runSubflow(flowName, inputs, this.budget);
    const byLowerName = new Map([...outputs].map(([name, value]) => [name.toLowerCase(), value]));
    for (const assignment of children(node, 'outputAssignments')) {
      const name = (text(assignment, 'name') ?? '').toLowerCase();
      this.assign(text(assignment, 'assignToReference') ?? '', byLowerName.get(name) ?? null);
    }
    if (flag(node, 'storeOutputAutomatically')) this.values.set(element.name.toLowerCase(), Object.fromEntries(outputs));
    return target(node, 'connector');
  }

  /**
   * An action of type `flow` launches an autolaunched flow, as Process Builder's "Flows" action does
   * (`actionName` the flow, `inputParameters` its input variables, `outputParameters` where its outputs go):
   * the same as a Subflow element, in the same transaction (`flowTransactionModel` CurrentTransaction, the
   * only model a process's flow action offers: [UNVERIFIED] a NewTransaction action is run in this one too).
   */
  private runFlowAction(element: FlowElement): string | undefined {
    const node = element.node;
    const flowName = requireText(node, 'actionName', element.name);
    const inputs = new Map<string, FlowValue>();
    for (const parameter of children(node, 'inputParameters')) {
      inputs.set(text(parameter, 'name') ?? '', this.valueOf(child(parameter, 'value')));
    }
    const outputs = this.runSubflow(flowName, inputs, this.budget);
    const byLowerName = new Map([...outputs].map(([name, value]) => [name.toLowerCase(), value]));
    for (const parameter of children(node, 'outputParameters')) {
      const name = (text(parameter, 'name') ?? '').toLowerCase();
      this.assign(text(parameter, 'assignToReference') ?? '', byLowerName.get(name) ?? null);
    }
    if (flag(node, 'storeOutputAutomatically')) this.values.set(element.name.toLowerCase(), Object.fromEntries(outputs));
    return target(node, 'connector');
  }

  private runCustomError(node: XmlNode): string | undefined {
    const messages = children(node, 'customErrorMessages');
    const first = messages[0];
    if (!first) return target(node, 'connector');
    const message = renderMergeFields(text(first, 'errorMessage') ?? '', (reference) => this.resolve(reference));
    const field = flag(first, 'isFieldError') ? text(first, 'fieldSelection') : undefined;
    throw new FlowCustomError(message, field ? [field] : []);
  }

  // ------------------------------------------------------------------------------------------
  // Conditions and filters
  // ------------------------------------------------------------------------------------------

  private conditionsHold(conditions: { left: string; operator: string; right: XmlNode | undefined }[], logic: string | undefined): boolean {
    if (conditions.length === 0) return true;
    const tree = parseConditionLogic(logic, conditions.length);
    return evaluateLogic(tree, (index) => {
      const condition = conditions[index];
      if (!condition) return false;
      const right = this.valueOf(condition.right);
      if (condition.operator === 'IsChanged') return this.isChanged(condition.left) === truthy(right);
      if (['WasSet', 'WasSelected', 'WasVisited'].includes(condition.operator)) {
        throw new SalesforceError('UNSUPPORTED_FLOW_ELEMENT', `The ${condition.operator} operator applies to screen flows, which the org emulator does not run.`);
      }
      return evaluateOperator(condition.operator, this.resolve(condition.left), right);
    });
  }

  /**
   * IsChanged compares `$Record` with `$Record__Prior`. On create there is no prior record and
   * IsChanged is false, as ISCHANGED() is in formulas (UNVERIFIED for the flow operator).
   */
  private isChanged(reference: string): boolean {
    const trigger = this.trigger;
    if (!trigger || !trigger.prior) return false;
    const [head, ...path] = reference.split('.');
    if (head?.toLowerCase() !== '$record' || path.length === 0) {
      throw new SalesforceError('INVALID_FLOW', `IsChanged applies to fields of $Record, not ${reference}.`);
    }
    const current = this.readPath(trigger.record, trigger.object, path);
    const prior = this.readPath(trigger.prior, trigger.object, path);
    return !flowEquals(current, prior);
  }

  private resolvedFilters(node: XmlNode): ResolvedFilter[] {
    return children(node, 'filters').map((filter) => ({
      field: text(filter, 'field') ?? 'Id',
      operator: text(filter, 'operator') ?? 'EqualTo',
      value: this.valueOf(child(filter, 'value')),
    }));
  }

  private matchingIds(node: XmlNode, object: string): string[] {
    const where = renderWhere(this.resolvedFilters(node), text(node, 'filterLogic'));
    const rows = this.host.query(`SELECT Id FROM ${object}${where ? ` WHERE ${where}` : ''}`);
    return rows.map((row) => getField(row, 'Id')).filter((id): id is string => typeof id === 'string');
  }

  // ------------------------------------------------------------------------------------------
  // Values and references
  // ------------------------------------------------------------------------------------------

  /** Value of a `<value>`/`<rightValue>` element: a literal, an element reference or a formula. */
  private valueOf(node: XmlNode | undefined): FlowValue {
    if (!node) return null;
    const literal = literalValue(node);
    if (literal.found) return literal.value;
    const reference = text(node, 'elementReference');
    if (reference !== undefined && reference !== '') return this.resolve(reference);
    const formula = text(node, 'formulaExpression');
    if (formula !== undefined && formula !== '') return this.evaluateFormula(formula, 'value');
    return null;
  }

  /** Resolves `$Record.Account.Name`, `varX`, `Get_Records.Field`, `$Flow.CurrentDate`, ... */
  resolve(reference: string): FlowValue {
    const [head = '', ...path] = reference.trim().split('.');
    const lower = this.recordAlias(head.toLowerCase());
    if (lower === '$record' || lower === '$record__prior') {
      if (!this.trigger) throw new SalesforceError('INVALID_FLOW', `{!${reference}} is only available in record-triggered flows.`);
      const base = lower === '$record' ? this.trigger.record : this.trigger.prior;
      if (!base) return null;
      return path.length === 0 ? base : this.readPath(base, this.trigger.object, path);
    }
    if (lower === '$flow') return this.flowGlobal(path[0] ?? '');
    if (lower === '$globalconstant') {
      const name = (path[0] ?? '').toLowerCase();
      if (name === 'true') return true;
      if (name === 'false') return false;
      if (name === 'emptystring') return '';
    }
    if (head.startsWith('$')) return this.orgGlobal([head, ...path]);
    const base = this.resourceValue(head);
    if (path.length === 0) return base;
    if (base === null || base === undefined) return null;
    if (!isRecord(base)) throw new SalesforceError('INVALID_FLOW', `{!${reference}}: ${head} is not a record.`);
    return this.readPath(base, this.recordTypes.get(base), path);
  }

  private flowGlobal(name: string): FlowValue {
    const now = this.host.now();
    switch (name.toLowerCase()) {
      case 'currentdate': return now.toISOString().slice(0, 10);
      case 'currentdatetime': return now.toISOString();
      case 'faultmessage': return this.faultMessage;
      case 'interviewstarttime': return now.toISOString();
      default: throw new SalesforceError('UNSUPPORTED_FLOW_ELEMENT', `The org emulator's flow runtime does not provide {!$Flow.${name}}.`);
    }
  }

  /**
   * `$User.Department`, `$Profile.Name`, `$UserRole.Name`, `$Permission.X`, `$Setup.Setting__c.Field__c`,
   * `$Organization.Name`: the org answers them for the running user (FlowHost `globalValue`). Anything it
   * cannot answer faults naming the global rather than reading blank, because a blank `$Setup` switch
   * or `$Permission` would silently send the flow down the wrong path. `$Api` is among those: a
   * record-triggered flow runs inside a save, not an API session, so there is no `Session_ID` to give.
   * Not routed through fault connectors (UNSUPPORTED_FLOW_ELEMENT): the emulator lacks the feature.
   */
  private orgGlobal(path: readonly string[]): WireValue {
    const value = this.host.globalValue?.(path);
    if (value === undefined) {
      throw new SalesforceError('UNSUPPORTED_FLOW_ELEMENT', `The org emulator's flow runtime cannot resolve the global {!${path.join('.')}} in flow ${this.flow.apiName}.`);
    }
    return value;
  }

  private resourceValue(name: string): FlowValue {
    const key = name.toLowerCase();
    if (this.values.has(key)) return this.values.get(key);
    const resource = this.resources.get(key);
    if (resource) {
      switch (resource.type) {
        case 'constants': return this.valueOf(child(resource.node, 'value'));
        case 'formulas': {
          const result = this.evaluateFormula(text(resource.node, 'expression') ?? '', name);
          return coerceToDataType(result, text(resource.node, 'dataType'));
        }
        case 'textTemplates': return renderMergeFields(text(resource.node, 'text') ?? '', (reference) => this.resolve(reference));
        default: return null;
      }
    }
    // An element that has not run yet (a Get Records on another path) holds null.
    if (this.elements.has(key)) return null;
    throw new SalesforceError('INVALID_FLOW', `The flow references {!${name}}, which does not exist.`);
  }

  /**
   * Reads a field path from a record, going to the org for what the record does not hold: fields not
   * queried and parent fields (`Account.Name`), as Salesforce resolves them for `$Record` paths.
   */
  private readPath(record: FlowRecord, object: string | undefined, path: string[]): FlowValue {
    let current: FlowValue = record;
    let currentObject = object;
    for (let i = 0; i < path.length; i++) {
      const segment = path[i] ?? '';
      if (current === null || current === undefined) return null;
      if (!isRecord(current)) throw new SalesforceError('INVALID_FLOW', `Cannot read ${segment} of a value that is not a record.`);
      if (hasField(current, segment)) {
        current = getField(current, segment);
        currentObject = isRecord(current) ? this.recordTypes.get(current) : undefined;
        continue;
      }
      return this.loadPath(current, currentObject, path.slice(i));
    }
    return current ?? null;
  }

  private loadPath(record: FlowRecord, object: string | undefined, path: string[]): FlowValue {
    const id = getField(record, 'Id');
    const [first = '', ...rest] = path;
    if (rest.length > 0) {
      // `Owner:User` follows a polymorphic lookup (Owner) to one of its targets (User), as in formulas.
      const hop = polymorphicHop(first);
      const relationship = hop?.relationship ?? first;
      // A parent path: follow the lookup field the record holds now (it may differ from the saved one).
      const foreignKey = relationship.toLowerCase().endsWith('__r') ? `${relationship.slice(0, -3)}__c` : `${relationship}Id`;
      if (hasField(record, foreignKey)) {
        const parentId = getField(record, foreignKey);
        if (parentId === null || parentId === undefined || parentId === '') return null;
        if (hop) return this.queryTarget(hop.target, String(parentId), rest);
        const parentObject = object ? this.host.referenceTarget?.(object, foreignKey) : undefined;
        if (parentObject) return this.queryPath(parentObject, String(parentId), rest);
        const stored = this.storedVersion(record);
        const unchanged = stored !== undefined && flowEquals(getField(stored, foreignKey), parentId);
        if (object && typeof id === 'string' && id !== '' && unchanged) return this.queryPath(object, id, path);
        throw new SalesforceError('INVALID_FLOW', `Cannot follow ${first} from ${object ?? 'a record'} before it is saved: the org did not say which object ${foreignKey} points at.`);
      }
    }
    // A record not saved yet has no other fields, and the org no longer holds the prior values.
    if (!object || typeof id !== 'string' || id === '' || record === this.trigger?.prior) return null;
    return this.queryPath(object, id, path);
  }

  /** The version of `record` the org holds right now (what a query by its Id would see). */
  private storedVersion(record: FlowRecord): FlowRecord | undefined {
    const trigger = this.trigger;
    if (trigger && record === trigger.prior) return trigger.beforeSave ? trigger.prior : this.snapshots.get(trigger.record);
    if (trigger && record === trigger.record && trigger.beforeSave) return trigger.prior;
    return this.snapshots.get(record);
  }

  /**
   * The rest of an `Owner:User.` / `Owner:Queue.` path from the record the lookup points at. The path names
   * one target: on a record a queue owns, `Owner:User.X` reads blank (and `Owner:Queue.X` on one a user
   * owns), as in formulas (formula-context.ts). A queue is a Group row of type Queue, with `QueueName` for
   * its Name.
   */
  private queryTarget(target: string, id: string, rest: string[]): FlowValue {
    if (target.toLowerCase() !== 'queue') return this.queryPath(target, id, rest);
    if (this.queryPath('Group', id, ['Type']) !== 'Queue') return null;
    const last = rest.length - 1;
    return this.queryPath('Group', id, rest.map((field, i) => (i === last && field.toLowerCase() === 'queuename' ? 'Name' : field)));
  }

  private queryPath(object: string, id: string, path: string[]): FlowValue {
    // SOQL has no `Owner:User` segment: read the lookup's id up to that hop, then the rest from its target.
    const hopAt = path.findIndex((segment, i) => i < path.length - 1 && polymorphicHop(segment) !== undefined);
    if (hopAt >= 0) {
      const hop = polymorphicHop(path[hopAt]!)!;
      const foreignKey = hop.relationship.toLowerCase().endsWith('__r') ? `${hop.relationship.slice(0, -3)}__c` : `${hop.relationship}Id`;
      const parentId = this.queryPath(object, id, [...path.slice(0, hopAt), foreignKey]);
      return typeof parentId === 'string' && parentId !== '' ? this.queryTarget(hop.target, parentId, path.slice(hopAt + 1)) : null;
    }
    const field = path.join('.');
    const cacheKey = `${object}|${id}|${field}`.toLowerCase();
    if (this.loadedPaths.has(cacheKey)) return this.loadedPaths.get(cacheKey);
    const rows = this.host.query(`SELECT ${field} FROM ${object} WHERE Id = ${soqlLiteral(id)}`);
    let value: FlowValue = rows[0] ?? null;
    for (const segment of path) value = isRecord(value) ? getField(value, segment) ?? null : null;
    this.loadedPaths.set(cacheKey, value);
    return value;
  }

  /** Assigns to `var`, `recordVar.Field` or `$Record.Field`. */
  private assign(reference: string, value: FlowValue): void {
    const [head = '', ...path] = reference.trim().split('.');
    const key = head.toLowerCase();
    if (path.length === 0) {
      if (key.startsWith('$')) throw new SalesforceError('INVALID_FLOW', `Cannot assign to {!${reference}}.`);
      const definition = this.resources.get(key);
      if (definition && definition.type !== 'variables') throw new SalesforceError('INVALID_FLOW', `Cannot assign to the ${definition.type} ${head}.`);
      const dataType = definition ? text(definition.node, 'dataType') : undefined;
      const coerced = flag(definition?.node, 'isCollection') ? value : coerceToDataType(value, dataType);
      if (isRecord(coerced) && definition && !this.recordTypes.has(coerced)) {
        const objectType = text(definition.node, 'objectType');
        if (objectType) this.recordTypes.set(coerced, objectType);
      }
      this.values.set(key, coerced);
      return;
    }
    if (path.length > 1) throw new SalesforceError('INVALID_FLOW', `Cannot assign to the parent field {!${reference}}.`);
    let record: FlowValue;
    if (this.recordAlias(key) === '$record') {
      if (!this.trigger) throw new SalesforceError('INVALID_FLOW', '{!$Record} is only available in record-triggered flows.');
      record = this.trigger.record;
    } else {
      record = this.resourceValue(head);
      if (record === null || record === undefined) {
        // Assigning a field of an empty record variable starts a new record of the variable's type.
        const definition = this.resources.get(key);
        record = {};
        const objectType = definition ? text(definition.node, 'objectType') : undefined;
        if (objectType) this.recordTypes.set(record, objectType);
        this.values.set(key, record);
      }
    }
    if (!isRecord(record)) throw new SalesforceError('INVALID_FLOW', `Cannot assign {!${reference}}: ${head} is not a record.`);
    setField(record, path[0] ?? '', value);
  }

  private evaluateFormula(source: string, name: string): WireValue {
    const { formula, againstPrior } = this.processFormula(source);
    const translated = translateFlowFormula(formula, (reference) => this.resolve(reference));
    let compiled = this.compiledFormulas.get(translated);
    if (!compiled) {
      compiled = this.host.compileFormula(translated, this.trigger?.object, `Flow ${this.flow.apiName}.${name}`);
      this.compiledFormulas.set(translated, compiled);
    }
    return compiled.evaluate(againstPrior ? this.priorFormulaContext() : this.formulaContext());
  }

  /** `$record` / `$record__prior` for a process's record variables (lower-cased names), else the name itself. */
  private recordAlias(lowerName: string): string {
    if (lowerName === this.currentVariable) return '$record';
    if (lowerName === this.oldVariable) return '$record__prior';
    return lowerName;
  }

  /**
   * A process formula written over its record variables, made a `$Record` formula: `{!myVariable_current.X}`
   * reads the record's field. Process Builder also writes formulas over the old record alone (the
   * `_pmetrule` formulas that ask "did the record meet the criteria before?", e.g.
   * `ISPICKVAL({!myVariable_old.Status}, "Closed")`): those are evaluated against the prior record.
   * Elsewhere `{!myVariable_old.X}` is the prior value, substituted as a literal.
   */
  private processFormula(source: string): { formula: string; againstPrior: boolean } {
    if (!this.currentVariable) return { formula: source, againstPrior: false };
    const reference = (name: string): RegExp => new RegExp(`\\{!\\s*${escapeRegExp(name)}(?=[.\\s}])`, 'gi');
    const readsCurrent = reference(this.currentVariable).test(source);
    const readsOld = this.oldVariable !== undefined && reference(this.oldVariable).test(source);
    let formula = source.replace(reference(this.currentVariable), '{!$Record');
    if (this.oldVariable) formula = formula.replace(reference(this.oldVariable), readsOld && !readsCurrent ? '{!$Record' : '{!$Record__Prior');
    return { formula, againstPrior: readsOld && !readsCurrent };
  }

  /** The formula context of a process's old-record formula: the prior record read as the record (no prior of its own). */
  private priorFormulaContext(): FormulaRuntimeContext {
    const trigger = this.trigger;
    const prior = trigger?.prior;
    const read = (path: string[]): WireValue | undefined => {
      if ((path[0] ?? '').startsWith('$')) return this.orgGlobal(path);
      if (!trigger || !prior) return undefined;
      const value = this.readPath(prior, trigger.object, path);
      return value === undefined || isRecord(value) || Array.isArray(value) ? undefined : value;
    };
    // [UNVERIFIED] PRIORVALUE inside such a formula reads the old record too: there is nothing older.
    return { get: read, prior: read, isNew: false, now: () => this.host.now() };
  }

  private formulaContext(): FormulaRuntimeContext {
    const trigger = this.trigger;
    const scalar = (value: FlowValue): WireValue | undefined =>
      value === undefined ? undefined : isRecord(value) || Array.isArray(value) ? undefined : value;
    // translateFlowFormula leaves `$User.X`, `$Setup.S.F`... in the source for the formula engine, which
    // asks for them here. They have no prior value: PRIORVALUE/ISCHANGED on them read the current one.
    const isGlobal = (path: string[]): boolean => (path[0] ?? '').startsWith('$');
    return {
      get: (path) => {
        if (isGlobal(path)) return this.orgGlobal(path);
        if (!trigger) return undefined;
        return scalar(this.readPath(trigger.record, trigger.object, path));
      },
      prior: (path) => {
        if (isGlobal(path)) return this.orgGlobal(path);
        if (!trigger?.prior) return undefined;
        return scalar(this.readPath(trigger.prior, trigger.object, path));
      },
      isNew: trigger?.event === 'create',
      now: () => this.host.now(),
    };
  }

  // ------------------------------------------------------------------------------------------
  // Resources and records
  // ------------------------------------------------------------------------------------------

  private initialiseVariables(inputs: Map<string, FlowValue>): void {
    const inputsByKey = new Map([...inputs].map(([name, value]) => [name.toLowerCase(), { name, value }]));
    for (const [key, resource] of this.resources) {
      if (resource.type !== 'variables') continue;
      const node = resource.node;
      const isCollection = flag(node, 'isCollection');
      const dataType = text(node, 'dataType');
      const input = inputsByKey.get(key);
      let value: FlowValue;
      if (input !== undefined) {
        if (!flag(node, 'isInput')) {
          throw new SalesforceError('INVALID_FLOW', `The variable ${text(node, 'name') ?? key} of flow ${this.flow.apiName} isn't available for input.`);
        }
        value = isCollection ? input.value : coerceToDataType(input.value, dataType);
        inputsByKey.delete(key);
      } else {
        value = isCollection ? [] : child(node, 'value') ? coerceToDataType(this.valueOf(child(node, 'value')), dataType) : null;
      }
      this.values.set(key, value);
      const objectType = text(node, 'objectType');
      if (objectType) for (const record of recordsIn(value)) this.recordTypes.set(record, objectType);
    }
    const unknown = [...inputsByKey.values()][0];
    if (unknown) throw new SalesforceError('INVALID_FLOW', `The flow ${this.flow.apiName} has no input variable named ${unknown.name}.`);
  }

  /** Tags a queried record with its object and remembers what was loaded (for changed-field updates). */
  private adopt(row: FlowRecord, object: string): FlowRecord {
    this.recordTypes.set(row, object);
    this.snapshots.set(row, { ...row });
    return row;
  }

  private copyRecord(value: FlowValue): FlowValue {
    if (!isRecord(value)) return value;
    const copy = { ...value };
    const object = this.recordTypes.get(value);
    if (object) this.recordTypes.set(copy, object);
    const snapshot = this.snapshots.get(value);
    if (snapshot) this.snapshots.set(copy, snapshot);
    return copy;
  }

  /** Fields of `record` that differ from what was loaded; every writable field for a record built in the flow. */
  private changedFields(record: FlowRecord): FlowRecord {
    const fields = dmlFields(record, { withoutId: true });
    const snapshot = this.snapshots.get(record);
    if (!snapshot) return fields;
    const changes: FlowRecord = {};
    for (const [field, value] of Object.entries(fields)) {
      if (JSON.stringify(value ?? null) !== JSON.stringify(getField(snapshot, field) ?? null)) changes[field] = value;
    }
    return changes;
  }

  private objectOf(record: FlowRecord, reference: string, declared: string | undefined): string {
    const tagged = this.recordTypes.get(record);
    if (tagged) return tagged;
    if (declared) return declared;
    const definition = this.resources.get((reference.split('.')[0] ?? '').toLowerCase());
    const objectType = definition ? text(definition.node, 'objectType') : undefined;
    if (objectType) return objectType;
    throw new SalesforceError('INVALID_FLOW', `The flow cannot tell which object {!${reference}} is.`);
  }

  /** Full field paths the flow reads from a resource: `Get_Account.Owner.Name` -> `Owner.Name`. */
  private referencedPaths(resourceName: string): string[] {
    const pattern = new RegExp(`(?:^|[^A-Za-z0-9_$.])${escapeRegExp(resourceName)}\\.([A-Za-z][A-Za-z0-9_]*(?:\\.[A-Za-z][A-Za-z0-9_]*)*)`, 'gi');
    const paths: string[] = [];
    for (const value of this.bodyStrings) {
      for (const match of value.matchAll(pattern)) if (match[1]) paths.push(match[1]);
    }
    return paths;
  }

  /** Fields of `$Record` the flow reads (for re-querying the record when a scheduled path runs). */
  recordFieldsReferenced(): string[] {
    const fields = new Set<string>(['Id']);
    for (const path of this.referencedPaths('$Record')) fields.add(path);
    const start = child(this.flow.body, 'start');
    for (const filter of children(start, 'filters')) fields.add(text(filter, 'field') ?? 'Id');
    for (const formula of [text(start, 'filterFormula') ?? '']) {
      for (const reference of mergeFieldReferences(formula)) if (reference.toLowerCase().startsWith('$record.')) fields.add(reference.slice(8));
    }
    return dedupeFields(fields);
  }
}

// ---------------------------------------------------------------------------------------------

/**
 * Assignment operators (Salesforce Help, "Flow Operators in Assignment Elements"). Add on text
 * concatenates, on a date adds days, on a collection adds an item (a copy, so later changes to the
 * single record variable do not change what was added).
 */
export function applyAssignmentOperator(operator: string, current: FlowValue, value: FlowValue, copy: (value: FlowValue) => FlowValue): FlowValue {
  switch (operator) {
    case 'Assign': return value;
    case 'Add':
    case 'AddItem':
      if (Array.isArray(current) || operator === 'AddItem') {
        const list = Array.isArray(current) ? [...current] : [];
        return Array.isArray(value) ? [...list, ...value.map(copy)] : [...list, copy(value)];
      }
      return addScalar(current, value, 1);
    case 'AddAtStart': {
      const list = Array.isArray(current) ? [...current] : [];
      return Array.isArray(value) ? [...value.map(copy), ...list] : [copy(value), ...list];
    }
    case 'Subtract': return addScalar(current, value, -1);
    case 'RemoveFirst': {
      const list = Array.isArray(current) ? [...current] : [];
      const index = list.findIndex((item) => flowEquals(item, value));
      if (index >= 0) list.splice(index, 1);
      return list;
    }
    case 'RemoveAll': {
      const remove = Array.isArray(value) ? value : [value];
      return (Array.isArray(current) ? current : []).filter((item) => !remove.some((r) => flowEquals(item, r)));
    }
    case 'RemovePosition': {
      const list = Array.isArray(current) ? [...current] : [];
      list.splice(Number(value) - 1, 1);
      return list;
    }
    case 'AssignCount':
      return Array.isArray(value) ? value.length : value === null || value === undefined ? 0 : 1;
    default:
      throw new SalesforceError('INVALID_FLOW', `The assignment operator ${operator} is not supported.`);
  }
}

function addScalar(current: FlowValue, value: FlowValue, sign: 1 | -1): FlowValue {
  if (value === null || value === undefined) return current ?? null;
  if (typeof current === 'string' && (looksLikeDate(current) || looksLikeDateTime(current)) && typeof value !== 'string') {
    const date = new Date(looksLikeDate(current) ? `${current}T00:00:00.000Z` : current);
    date.setUTCDate(date.getUTCDate() + sign * Number(value));
    return looksLikeDate(current) ? date.toISOString().slice(0, 10) : date.toISOString();
  }
  if ((typeof current === 'string' || current === null || current === undefined) && typeof value === 'string' && sign === 1) {
    return `${current ?? ''}${value}`;
  }
  return (Number(current ?? 0) || 0) + sign * Number(value);
}

function recordsOf(value: FlowValue, reference: string): FlowRecord[] {
  if (value === null || value === undefined) return [];
  if (Array.isArray(value)) return value.filter(isRecord);
  if (isRecord(value)) return [value];
  throw new SalesforceError('INVALID_FLOW', `{!${reference}} is not a record or a record collection.`);
}

function recordsIn(value: FlowValue): FlowRecord[] {
  if (Array.isArray(value)) return value.filter(isRecord);
  return isRecord(value) ? [value] : [];
}

function requireText(node: XmlNode, key: string, elementName: string): string {
  const value = text(node, key);
  if (value === undefined || value.trim() === '') throw new SalesforceError('INVALID_FLOW', `The element ${elementName} has no ${key}.`);
  return value.trim();
}

function dedupeFields(fields: Iterable<string>): string[] {
  const seen = new Map<string, string>();
  for (const field of fields) if (!seen.has(field.toLowerCase())) seen.set(field.toLowerCase(), field);
  return [...seen.values()];
}

function collectStrings(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) for (const item of value) collectStrings(item, out);
  else if (isNode(value)) for (const item of Object.values(value)) collectStrings(item, out);
  return out;
}

function escapeRegExp(value: string): string {
  return value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function describeElementType(element: FlowElement): string {
  if (element.type === 'actionCalls') return `${text(element.node, 'actionType') ?? 'action'} action`;
  return element.type;
}

function asError(value: unknown): Error {
  return value instanceof Error ? value : new Error(String(value));
}

/** `Owner:User` -> the relationship and the target it names; undefined for a plain segment. */
function polymorphicHop(segment: string): { relationship: string; target: string } | undefined {
  const colon = segment.indexOf(':');
  if (colon <= 0 || colon === segment.length - 1) return undefined;
  return { relationship: segment.slice(0, colon), target: segment.slice(colon + 1) };
}
