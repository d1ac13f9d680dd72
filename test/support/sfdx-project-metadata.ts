/**
 * What a public SFDX project itself declares, read straight from its XML (not through the emulator), so
 * that a contract spec's tables can be checked against the project: every active validation rule and
 * every active record-triggered flow must have a row, and each rule's message is the project's exact
 * `errorMessage`. Used for the projects that are read in place and never committed
 * (test/support/shared-samples.ts).
 *
 * @example
 *   const rules = activeValidationRules(project);      // [{ object: 'PMT_Task__c', name: ..., errorMessage: ... }, ...]
 *   const flows = activeRecordTriggeredFlows(project);  // [{ name: 'PMT_Task_Before_Automation', object: 'PMT_Task__c', ... }]
 */
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { XMLParser } from 'fast-xml-parser';

const SOURCE = join('force-app', 'main', 'default');

export interface ProjectValidationRule {
  object: string;
  name: string;
  active: boolean;
  errorMessage: string;
  /** The field the error is shown on; absent when the rule shows it at the top of the page. */
  errorDisplayField?: string;
}

export interface ProjectRecordTriggeredFlow {
  name: string;
  label: string;
  object: string;
  triggerType: 'RecordBeforeSave' | 'RecordAfterSave';
  recordTriggerType: string;
  /**
   * Action calls the flow can reach, its subflows' included, as `flow:actionType:name`: elements such as
   * Apex actions that the emulator cannot run.
   */
  actionCalls: string[];
}

export interface ProjectFlow {
  name: string;
  label: string;
  /** `Flow` (screen flow), `AutoLaunchedFlow`, `Workflow` (a Process Builder process), ... */
  processType: string;
  status: string;
  /** The start's trigger (`RecordBeforeSave`, ...), absent for screen flows and processes. */
  triggerType?: string;
}

// Text nodes stay strings (`<active>true</active>`, `63.0`), so that nothing is reinterpreted on the way.
const parser = new XMLParser({ ignoreAttributes: true, parseTagValue: false });

function readXml(file: string): Record<string, unknown> {
  return parser.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
}

/** One element or many: the parser gives an object for a single child and an array for repeated ones. */
function asArray(value: unknown): Record<string, unknown>[] {
  if (value === undefined || value === '') return [];
  return (Array.isArray(value) ? value : [value]) as Record<string, unknown>[];
}

/** Every validation rule of every object, active or not. */
export function validationRules(project: string): ProjectValidationRule[] {
  const objectsDir = join(project, SOURCE, 'objects');
  const rules: ProjectValidationRule[] = [];
  for (const object of readdirSync(objectsDir).sort()) {
    const dir = join(objectsDir, object, 'validationRules');
    if (!existsSync(dir)) continue;
    for (const file of readdirSync(dir).sort()) {
      const rule = readXml(join(dir, file)).ValidationRule as Record<string, string>;
      rules.push({
        object,
        name: String(rule.fullName),
        active: rule.active === 'true',
        errorMessage: String(rule.errorMessage),
        ...(rule.errorDisplayField ? { errorDisplayField: String(rule.errorDisplayField) } : {}),
      });
    }
  }
  return rules;
}

export function activeValidationRules(project: string): ProjectValidationRule[] {
  return validationRules(project).filter((rule) => rule.active);
}

/** Every flow of the project, whatever its kind and status. */
export function flows(project: string): ProjectFlow[] {
  const dir = join(project, SOURCE, 'flows');
  return readdirSync(dir).sort().map((file) => {
    const flow = readXml(join(dir, file)).Flow as Record<string, unknown>;
    const start = (flow.start ?? {}) as Record<string, string>;
    return {
      name: file.replace(/\.flow-meta\.xml$/, ''),
      label: String(flow.label),
      processType: String(flow.processType),
      status: String(flow.status),
      ...(start.triggerType ? { triggerType: start.triggerType } : {}),
    };
  });
}

/** Flows with `<status>Active</status>` whose start is a before- or after-save record trigger. */
export function activeRecordTriggeredFlows(project: string): ProjectRecordTriggeredFlow[] {
  const dir = join(project, SOURCE, 'flows');
  const found: ProjectRecordTriggeredFlow[] = [];
  for (const file of readdirSync(dir).sort()) {
    const flow = readXml(join(dir, file)).Flow as Record<string, unknown>;
    const start = (flow.start ?? {}) as Record<string, string>;
    const triggerType = start.triggerType;
    if (flow.status !== 'Active' || (triggerType !== 'RecordBeforeSave' && triggerType !== 'RecordAfterSave')) continue;
    found.push({
      name: file.replace(/\.flow-meta\.xml$/, ''),
      label: String(flow.label),
      object: String(start.object),
      triggerType,
      recordTriggerType: String(start.recordTriggerType),
      actionCalls: reachableActionCalls(dir, file.replace(/\.flow-meta\.xml$/, ''), new Set()),
    });
  }
  return found;
}

function reachableActionCalls(dir: string, name: string, seen: Set<string>): string[] {
  if (seen.has(name)) return [];
  seen.add(name);
  const flow = readXml(join(dir, `${name}.flow-meta.xml`)).Flow as Record<string, unknown>;
  const own = asArray(flow.actionCalls).map((a) => `${name}:${String(a.actionType)}:${String(a.name)}`);
  return own.concat(asArray(flow.subflows).flatMap((sub) => reachableActionCalls(dir, String(sub.flowName), seen)));
}

/** Workflow rules and field updates declared in `workflows/<Object>.workflow-meta.xml`, per object. */
export function workflowComponents(project: string): { object: string; rules: string[]; fieldUpdates: string[]; other: string[] }[] {
  const dir = join(project, SOURCE, 'workflows');
  if (!existsSync(dir)) return [];
  return readdirSync(dir).sort().map((file) => {
    const workflow = (readXml(join(dir, file)).Workflow ?? {}) as Record<string, unknown>;
    const names = (key: string): string[] => asArray(workflow[key]).map((c) => String(c.fullName));
    return {
      object: file.replace(/\.workflow-meta\.xml$/, ''),
      rules: names('rules'),
      fieldUpdates: names('fieldUpdates'),
      other: ['alerts', 'outboundMessages', 'tasks', 'knowledgePublishes', 'flowActions'].flatMap(names),
    };
  });
}

export interface ObjectGrant {
  allowCreate: boolean;
  allowRead: boolean;
  allowEdit: boolean;
  allowDelete: boolean;
  viewAllRecords: boolean;
  modifyAllRecords: boolean;
}

export interface PermissionSetGrants {
  /** Object API name -> its `objectPermissions`. */
  objects: Map<string, ObjectGrant>;
  /** `Object.Field` -> its `fieldPermissions`. */
  fields: Map<string, { readable: boolean; editable: boolean }>;
  /** Custom metadata types named in `customMetadataTypeAccesses` with `enabled` true. */
  customMetadataTypes: string[];
}

/** What `permissionsets/<name>.permissionset-meta.xml` grants. */
export function permissionSetGrants(project: string, name: string): PermissionSetGrants {
  const set = readXml(join(project, SOURCE, 'permissionsets', `${name}.permissionset-meta.xml`)).PermissionSet as Record<string, unknown>;
  const objects = new Map<string, ObjectGrant>();
  for (const o of asArray(set.objectPermissions)) {
    objects.set(String(o.object), {
      allowCreate: o.allowCreate === 'true',
      allowRead: o.allowRead === 'true',
      allowEdit: o.allowEdit === 'true',
      allowDelete: o.allowDelete === 'true',
      viewAllRecords: o.viewAllRecords === 'true',
      modifyAllRecords: o.modifyAllRecords === 'true',
    });
  }
  const fields = new Map<string, { readable: boolean; editable: boolean }>();
  for (const f of asArray(set.fieldPermissions)) fields.set(String(f.field), { readable: f.readable === 'true', editable: f.editable === 'true' });
  const customMetadataTypes = asArray(set.customMetadataTypeAccesses).filter((a) => a.enabled === 'true').map((a) => String(a.name));
  return { objects, fields, customMetadataTypes };
}

/** The custom fields an object declares in `objects/<Object>/fields/`. */
export function customFields(project: string, object: string): string[] {
  const dir = join(project, SOURCE, 'objects', object, 'fields');
  return existsSync(dir) ? readdirSync(dir).sort().map((file) => file.replace(/\.field-meta\.xml$/, '')) : [];
}

/**
 * The field values of one custom metadata record, `customMetadata/<Type>.<Record>.md-meta.xml`, as the
 * text the file holds (`2.0`, `true`, `Sat;Sun`).
 */
export function customMetadataValues(project: string, record: string): Record<string, string> {
  const file = readXml(join(project, SOURCE, 'customMetadata', `${record}.md-meta.xml`)).CustomMetadata as Record<string, unknown>;
  return Object.fromEntries(asArray(file.values).map((v) => {
    // `<value xsi:type="xsd:double">2.0</value>`: attributes are dropped, so the value is the text node.
    const value = v.value as unknown;
    return [String(v.field), typeof value === 'object' && value !== null ? String((value as Record<string, unknown>)['#text'] ?? '') : String(value ?? '')];
  }));
}

/** One flow's XML, for the rows that read what a flow or process decides on. */
export function flowXml(project: string, name: string): Record<string, unknown> {
  return readXml(join(project, SOURCE, 'flows', `${name}.flow-meta.xml`)).Flow as Record<string, unknown>;
}

/** The exact error message of one of the project's rules (fails loudly if the project no longer has it). */
export function ruleMessage(project: string, object: string, name: string): string {
  const rule = validationRules(project).find((r) => r.object === object && r.name === name);
  if (!rule) throw new Error(`${object}.${name}: no such validation rule in ${project}`);
  return rule.errorMessage;
}

/** A flow's label (what a flow fault names), from its XML. */
export function flowLabel(project: string, name: string): string {
  const flow = readXml(join(project, SOURCE, 'flows', `${name}.flow-meta.xml`)).Flow as Record<string, unknown>;
  return String(flow.label);
}
