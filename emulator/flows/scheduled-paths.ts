/**
 * Scheduled paths of record-triggered flows (`<start><scheduledPaths>`): when a path is due, relative to
 * the time the record triggered the flow or to a date/datetime field of the record, and the queue of
 * paths waiting for the emulator's clock.
 */
import { SalesforceError } from '../contracts.js';
import { child, children, target, text, type XmlNode } from './flow-xml.js';
import { getField, looksLikeDate, looksLikeDateTime, type FlowRecord } from './values.js';

export interface ScheduledPathDef {
  name: string;
  /** First element of the path. */
  connector: string | undefined;
  offsetNumber: number;
  offsetUnit: string;
  /** `RecordTriggerEvent` (when the record was saved) or `RecordField`. */
  timeSource: string;
  recordField?: string;
  /** `AsyncAfterCommit` is Flow Builder's "Run Asynchronously" path: due as soon as the save commits. */
  pathType?: string;
}

export function scheduledPathsOf(body: XmlNode): ScheduledPathDef[] {
  return children(child(body, 'start'), 'scheduledPaths').map((node) => ({
    name: text(node, 'name') ?? text(node, 'label') ?? 'Scheduled_Path',
    connector: target(node, 'connector'),
    offsetNumber: Number(text(node, 'offsetNumber') ?? '0') || 0,
    offsetUnit: text(node, 'offsetUnit') ?? 'Hours',
    timeSource: text(node, 'timeSource') ?? 'RecordTriggerEvent',
    recordField: text(node, 'recordField'),
    pathType: text(node, 'pathType'),
  }));
}

/**
 * When `path` is due for `record`, or null when the path's date field is blank (Salesforce does not
 * schedule a path whose time source field is empty). Date fields count from midnight UTC; a real org
 * counts from midnight in the org's default time zone (the reference allows UTC for the emulator).
 */
export function dueTime(path: ScheduledPathDef, record: FlowRecord, triggeredAt: Date): Date | null {
  if (path.pathType === 'AsyncAfterCommit') return new Date(triggeredAt);
  let base: Date;
  if (path.timeSource === 'RecordField') {
    const value = getField(record, path.recordField ?? '');
    if (looksLikeDate(value)) base = new Date(`${value}T00:00:00.000Z`);
    else if (looksLikeDateTime(value)) base = new Date(String(value));
    else return null;
  } else {
    base = new Date(triggeredAt);
  }
  const due = new Date(base);
  switch (path.offsetUnit) {
    case 'Minutes': due.setUTCMinutes(due.getUTCMinutes() + path.offsetNumber); break;
    case 'Hours': due.setUTCHours(due.getUTCHours() + path.offsetNumber); break;
    case 'Days': due.setUTCDate(due.getUTCDate() + path.offsetNumber); break;
    case 'Months': due.setUTCMonth(due.getUTCMonth() + path.offsetNumber); break;
    default: throw new SalesforceError('INVALID_FLOW', `The scheduled path ${path.name} has an unknown offset unit ${path.offsetUnit}.`);
  }
  return due;
}

export interface QueuedScheduledPath {
  flow: string;
  path: string;
  object: string;
  recordId: string;
  dueAt: Date;
  triggeredAt: Date;
  event: 'create' | 'update';
  /** `$Record__Prior` as it was when the record triggered the flow. */
  prior: FlowRecord | undefined;
}

export class ScheduledPathQueue {
  private entries: QueuedScheduledPath[] = [];

  /** Queues a path; a path already waiting for the same flow and record is replaced (one pending run each). */
  add(entry: QueuedScheduledPath): void {
    this.entries = this.entries.filter((e) => !(e.flow === entry.flow && e.path === entry.path && e.recordId === entry.recordId));
    this.entries.push(entry);
  }

  pending(): readonly QueuedScheduledPath[] {
    return [...this.entries].sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime());
  }

  /** Removes and returns the paths due at `now`, earliest first. */
  takeDue(now: Date): QueuedScheduledPath[] {
    const due = this.entries.filter((e) => e.dueAt.getTime() <= now.getTime());
    this.entries = this.entries.filter((e) => e.dueAt.getTime() > now.getTime());
    return due.sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime());
  }
}
