/**
 * The flow runtime: which record-triggered flows run for a save or delete, their activation (as the
 * Tooling API sets it), and the queue of scheduled paths.
 *
 * ```ts
 * const flows = new FlowRuntime([...schema.flows.values()], host);
 * const changes = flows.runBeforeSave('Opportunity', 'update', record, prior); // merge into the save
 * flows.runAfterSave('Opportunity', 'update', savedRecord, prior);
 * flows.runDueScheduledPaths(clock.now());
 * ```
 */
import type { FlowHost, WireRecord } from '../contracts.js';
import { SalesforceError } from '../contracts.js';
import type { FlowDef, FlowRecordTriggerType, FlowTriggerType } from '../metadata/types.js';
import { child, target, text } from './flow-xml.js';
import { ElementBudget, FlowInterview, type TriggerContext } from './interview.js';
import { dueTime, scheduledPathsOf, ScheduledPathQueue } from './scheduled-paths.js';
import { soqlLiteral } from './soql-filters.js';
import { getField, type FlowRecord, type FlowValue } from './values.js';

type SaveEvent = 'create' | 'update' | 'delete';

/** A recursive process evaluates a record at most six times in a transaction: once, then "up to five more". */
const MAX_PROCESS_EVALUATIONS = 6;

/** A scheduled path that faulted when it ran (Salesforce emails the admin; the emulator keeps it here). */
export interface ScheduledPathFailure {
  flow: string;
  path: string;
  recordId: string;
  error: Error;
}

export class FlowRuntime {
  private readonly flows = new Map<string, FlowDef>();
  /** Activation set through the Tooling API (FlowDefinition `Metadata.activeVersionNumber`). */
  private readonly activeVersions = new Map<string, number>();
  private readonly queue = new ScheduledPathQueue();
  private readonly failures: ScheduledPathFailure[] = [];
  /** Flow + record pairs whose interview is running, to stop a flow re-entering itself through its own DML. */
  private readonly running = new Set<string>();

  constructor(flows: FlowDef[], private readonly host: FlowHost) {
    for (const flow of flows) this.flows.set(flow.apiName.toLowerCase(), flow);
  }

  /** Before-save flows: may change fields of `record` (returned as changes; no DML on the triggering record). */
  runBeforeSave(object: string, event: 'create' | 'update', record: WireRecord, prior: WireRecord | undefined): WireRecord {
    const working: FlowRecord = structuredClone(record);
    for (const flow of this.triggeredFlows(object, 'RecordBeforeSave', event)) {
      this.runTriggered(flow, { object, record: working, prior: event === 'update' ? prior : undefined, event, beforeSave: true });
    }
    const changes: WireRecord = {};
    for (const [field, value] of Object.entries(working)) {
      if (JSON.stringify(value ?? null) !== JSON.stringify(getField(record, field) ?? null)) changes[field] = value;
    }
    return changes;
  }

  runAfterSave(object: string, event: 'create' | 'update', record: WireRecord, prior: WireRecord | undefined): void {
    for (const flow of this.triggeredFlows(object, 'RecordAfterSave', event)) {
      const trigger: TriggerContext = { object, record: structuredClone(record), prior: event === 'update' ? prior : undefined, event, beforeSave: false };
      if (!this.runTriggered(flow, trigger)) continue;
      this.queueScheduledPaths(flow, trigger);
    }
  }

  /**
   * Process Builder processes on `object`, after workflow rules and before after-save flows ("Triggers and
   * Order of Execution"). Each gets the record and its prior values in its record variables
   * (`myVariable_current` / `myVariable_old`) and runs from its first element; its decisions choose the
   * actions. Without "evaluate a record multiple times in a single transaction" a process evaluates a
   * record once per transaction, with it up to six times (the first and five more; Salesforce Help,
   * "Process Builder Advanced Option Considerations"). `evaluations` is the transaction's count.
   */
  runProcesses(object: string, event: 'create' | 'update', record: WireRecord, prior: WireRecord | undefined, evaluations: Map<string, number>): void {
    const id = getField(record, 'Id');
    for (const flow of this.triggeredProcesses(object, event)) {
      const key = `${flow.apiName.toLowerCase()}|${typeof id === 'string' ? id.slice(0, 15) : ''}`;
      const count = evaluations.get(key) ?? 0;
      if (count >= (flow.process!.recursive ? MAX_PROCESS_EVALUATIONS : 1)) continue;
      evaluations.set(key, count + 1);
      const trigger: TriggerContext = { object, record: structuredClone(record), prior: event === 'update' ? prior : undefined, event, beforeSave: false };
      const start = text(flow.body, 'startElementReference') ?? target(child(flow.body, 'start'), 'connector');
      const interview = new FlowInterview({
        flow, host: this.host, trigger, budget: new ElementBudget(),
        recordVariables: { current: flow.process!.currentVariable, ...(flow.process!.oldVariable ? { old: flow.process!.oldVariable } : {}) },
        runSubflow: (name, subInputs, sharedBudget) => this.runSubflow(name, subInputs, sharedBudget),
      });
      this.guarded(flow, trigger.record, () => interview.run(start));
    }
  }

  runBeforeDelete(object: string, record: WireRecord): void {
    for (const flow of this.triggeredFlows(object, 'RecordBeforeDelete', 'delete')) {
      this.runTriggered(flow, { object, record: structuredClone(record), prior: undefined, event: 'delete', beforeSave: false });
    }
  }

  /** Activation as the Tooling API sets it (FlowDefinition Metadata.activeVersionNumber; 0 = deactivate). */
  setActiveVersion(flowApiName: string, versionNumber: number): void {
    const flow = this.flowNamed(flowApiName);
    // A project deploys one version of each flow, so version 1 is the only one that exists.
    if (!Number.isInteger(versionNumber) || versionNumber < 0 || versionNumber > 1) {
      throw new SalesforceError('FIELD_INTEGRITY_EXCEPTION', `Flow ${flow.apiName} has no version ${versionNumber}.`, ['Metadata']);
    }
    this.activeVersions.set(flow.apiName.toLowerCase(), versionNumber);
  }

  /** 1 for an Active flow from source, 0 when inactive. */
  activeVersionNumber(flowApiName: string): number {
    const flow = this.flowNamed(flowApiName);
    return this.activeVersions.get(flow.apiName.toLowerCase()) ?? (flow.status === 'Active' ? 1 : 0);
  }

  /** Scheduled paths: queued by after-save runs; run when the emulator's clock passes their time. */
  pendingScheduledPaths(): { flow: string; path: string; recordId: string; dueAt: Date }[] {
    return this.queue.pending().map((e) => ({ flow: e.flow, path: e.path, recordId: e.recordId, dueAt: new Date(e.dueAt) }));
  }

  /**
   * Runs every scheduled path due at `now` (each as its own interview with `$Record` re-queried) and
   * returns how many ran. A path whose record was deleted is dropped; a path timed from a record field
   * that changed is rescheduled. Faults do not stop the other paths; see `scheduledPathFailures()`.
   */
  runDueScheduledPaths(now: Date): number {
    let ran = 0;
    for (const entry of this.queue.takeDue(now)) {
      const flow = this.flows.get(entry.flow.toLowerCase());
      const path = flow ? scheduledPathsOf(flow.body).find((p) => p.name === entry.path) : undefined;
      if (!flow || !path) continue;
      const probe = this.interview(flow, undefined);
      const rows = this.host.query(`SELECT ${probe.recordFieldsReferenced().concat(path.recordField ? [path.recordField] : []).join(', ')} FROM ${entry.object} WHERE Id = ${soqlLiteral(entry.recordId)}`);
      const record = rows[0];
      if (!record) continue;
      if (path.timeSource === 'RecordField') {
        const due = dueTime(path, record, entry.triggeredAt);
        if (!due) continue;
        if (due.getTime() > now.getTime()) {
          this.queue.add({ ...entry, dueAt: due });
          continue;
        }
      }
      ran++;
      const trigger: TriggerContext = { object: entry.object, record, prior: entry.prior, event: entry.event, beforeSave: false };
      try {
        this.guarded(flow, record, () => this.interview(flow, trigger).run(path.connector));
      } catch (error) {
        this.failures.push({ flow: flow.apiName, path: path.name, recordId: entry.recordId, error: error instanceof Error ? error : new Error(String(error)) });
      }
    }
    return ran;
  }

  /** Scheduled paths that faulted, oldest first (a real org sends the admin a flow error email). */
  scheduledPathFailures(): readonly ScheduledPathFailure[] {
    return [...this.failures];
  }

  // ------------------------------------------------------------------------------------------

  /** Runs one record-triggered flow if its entry conditions are met; returns whether it ran. */
  private runTriggered(flow: FlowDef, trigger: TriggerContext): boolean {
    if (!this.entryConditionsMet(flow, trigger)) return false;
    const start = child(flow.body, 'start');
    return this.guarded(flow, trigger.record, () => this.interview(flow, trigger).run(target(start, 'connector')));
  }

  /**
   * Entry conditions, with "Only when a record is updated to meet the condition requirements"
   * (`doesRequireRecordChangedToMeetCriteria`): on update the flow runs only if the prior record did not
   * meet them and the record now does; on create, meeting them is enough (Salesforce Help,
   * "Record-Triggered Flow entry conditions").
   */
  private entryConditionsMet(flow: FlowDef, trigger: TriggerContext): boolean {
    if (!this.interview(flow, trigger).entryConditionsMet()) return false;
    const onlyWhenChangedToMeet = text(child(flow.body, 'start'), 'doesRequireRecordChangedToMeetCriteria') === 'true';
    if (!onlyWhenChangedToMeet || trigger.event !== 'update' || !trigger.prior) return true;
    const priorTrigger: TriggerContext = { ...trigger, record: structuredClone(trigger.prior), prior: undefined };
    return !this.interview(flow, priorTrigger).entryConditionsMet();
  }

  /**
   * Runs `fn` unless this flow is already running for this record. An after-save flow that updates its
   * own triggering record starts a new save of it; Salesforce does not re-run that same flow for the
   * record in the recursive save (UNVERIFIED in the reference; without this, any such flow would loop).
   */
  private guarded(flow: FlowDef, record: FlowRecord, fn: () => void): boolean {
    const id = getField(record, 'Id');
    const key = typeof id === 'string' && id !== '' ? `${flow.apiName.toLowerCase()}|${id.slice(0, 15)}` : undefined;
    if (key && this.running.has(key)) return false;
    if (key) this.running.add(key);
    try {
      fn();
      return true;
    } finally {
      if (key) this.running.delete(key);
    }
  }

  private queueScheduledPaths(flow: FlowDef, trigger: TriggerContext): void {
    const recordId = getField(trigger.record, 'Id');
    if (typeof recordId !== 'string' || trigger.event === 'delete') return;
    const triggeredAt = this.host.now();
    for (const path of scheduledPathsOf(flow.body)) {
      const dueAt = dueTime(path, trigger.record, triggeredAt);
      if (!dueAt) continue;
      this.queue.add({
        flow: flow.apiName, path: path.name, object: trigger.object, recordId, dueAt, triggeredAt,
        event: trigger.event, prior: trigger.prior ? structuredClone(trigger.prior) : undefined,
      });
    }
  }

  private interview(flow: FlowDef, trigger: TriggerContext | undefined, inputs?: Map<string, FlowValue>, budget = new ElementBudget()): FlowInterview {
    return new FlowInterview({
      flow, host: this.host, trigger, inputs, budget,
      runSubflow: (name, subInputs, sharedBudget) => this.runSubflow(name, subInputs, sharedBudget),
    });
  }

  /** A Subflow element runs the active version of an autolaunched flow (no active version: a fault). */
  private runSubflow(flowApiName: string, inputs: Map<string, FlowValue>, budget: ElementBudget): Map<string, FlowValue> {
    const flow = this.flows.get(flowApiName.toLowerCase());
    if (!flow) throw new SalesforceError('INVALID_FLOW', `The subflow ${flowApiName} does not exist in this org.`);
    if (this.activeVersionNumber(flow.apiName) === 0) {
      throw new SalesforceError('INVALID_FLOW', `The subflow ${flow.apiName} has no active version.`);
    }
    const interview = this.interview(flow, undefined, inputs, budget);
    interview.run(target(child(flow.body, 'start'), 'connector') ?? text(flow.body, 'startElementReference'));
    return interview.outputs();
  }

  /** Active flows for this object and trigger, in trigger order then API name (Flow Trigger Explorer's order). */
  private triggeredFlows(object: string, triggerType: FlowTriggerType, event: SaveEvent): FlowDef[] {
    const matching = [...this.flows.values()].filter((flow) => {
      const start = child(flow.body, 'start');
      const flowTrigger = flow.triggerType !== 'None' ? flow.triggerType : text(start, 'triggerType');
      const flowObject = flow.object ?? text(start, 'object');
      const recordTrigger = (flow.recordTriggerType ?? text(start, 'recordTriggerType')) as FlowRecordTriggerType | undefined;
      return flowTrigger === triggerType
        && flowObject?.toLowerCase() === object.toLowerCase()
        && recordTriggerMatches(recordTrigger, event)
        && this.activeVersionNumber(flow.apiName) > 0;
    });
    return matching.sort((a, b) => triggerOrder(a) - triggerOrder(b) || a.apiName.localeCompare(b.apiName));
  }

  /** Active, runnable processes on this object whose trigger type covers the event, by API name (Salesforce guarantees no order). */
  private triggeredProcesses(object: string, event: 'create' | 'update'): FlowDef[] {
    return [...this.flows.values()]
      .filter((flow) => flow.process?.runnable
        && flow.process.object.toLowerCase() === object.toLowerCase()
        && (flow.process.triggerType === 'onAllChanges' || event === 'create')
        && this.activeVersionNumber(flow.apiName) > 0)
      .sort((a, b) => a.apiName.localeCompare(b.apiName));
  }

  private flowNamed(flowApiName: string): FlowDef {
    const flow = this.flows.get(flowApiName.toLowerCase());
    if (!flow) throw new SalesforceError('INVALID_CROSS_REFERENCE_KEY', `No flow named ${flowApiName} exists in this org.`);
    return flow;
  }
}

function recordTriggerMatches(recordTrigger: FlowRecordTriggerType | undefined, event: SaveEvent): boolean {
  switch (recordTrigger) {
    case 'Create': return event === 'create';
    case 'Update': return event === 'update';
    case 'CreateAndUpdate': return event === 'create' || event === 'update';
    case 'Delete': return event === 'delete';
    default: return false;
  }
}

/**
 * Flows with a trigger order (1-2000) run by that order; flows without one run between 1000 and 1001
 * (Salesforce Help, "Manage the Order of Record-Triggered Flows"). Ties run by API name here; Salesforce
 * breaks them by created date, which a project from source does not have.
 */
function triggerOrder(flow: FlowDef): number {
  const order = Number(text(flow.body, 'triggerOrder'));
  return Number.isFinite(order) && order > 0 ? order : 1000.5;
}

