/**
 * What the Technology Transfer Starter project itself declares, read straight from its XML (not through
 * the emulator), so that the spec's tables can be checked against the project: every active validation
 * rule and every active record-triggered flow must have a row, and each rule's message is the project's
 * exact `errorMessage`.
 *
 * @example
 *   const rules = activeValidationRules(TTS_PROJECT);   // [{ object: 'TTS_Technology__c', name: ..., errorMessage: ... }, ...]
 *   const flows = activeRecordTriggeredFlows(TTS_PROJECT); // [{ name: 'TTS_Auto_Update_PI_on_Technology', object: 'TTS_Inventor__c', ... }]
 */
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { TECHNOLOGY_TRANSFER_STARTER } from '../../support/shared-samples.js';

/** The public SFDX project under test (read-only), beside the repository as the README's worked example says. */
export const TTS_PROJECT = `${TECHNOLOGY_TRANSFER_STARTER}/`;

const SOURCE = join('force-app', 'main', 'default');

export interface ProjectValidationRule {
  object: string;
  name: string;
  active: boolean;
  errorMessage: string;
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

// Text nodes stay strings (`<active>true</active>`, `63.0`), so that nothing is reinterpreted on the way.
const parser = new XMLParser({ ignoreAttributes: true, parseTagValue: false });

function readXml(file: string): Record<string, unknown> {
  return parser.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
}

/** One element or many: the parser gives an object for a single child and an array for repeated ones. */
function asArray(value: unknown): Record<string, unknown>[] {
  if (value === undefined) return [];
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
      rules.push({ object, name: String(rule.fullName), active: rule.active === 'true', errorMessage: String(rule.errorMessage) });
    }
  }
  return rules;
}

export function activeValidationRules(project: string): ProjectValidationRule[] {
  return validationRules(project).filter((rule) => rule.active);
}

/** Flows with `<status>Active</status>` whose start is a before- or after-save record trigger. */
export function activeRecordTriggeredFlows(project: string): ProjectRecordTriggeredFlow[] {
  const dir = join(project, SOURCE, 'flows');
  const flows: ProjectRecordTriggeredFlow[] = [];
  for (const file of readdirSync(dir).sort()) {
    const flow = readXml(join(dir, file)).Flow as Record<string, unknown>;
    const start = (flow.start ?? {}) as Record<string, string>;
    const triggerType = start.triggerType;
    if (flow.status !== 'Active' || (triggerType !== 'RecordBeforeSave' && triggerType !== 'RecordAfterSave')) continue;
    flows.push({
      name: file.replace(/\.flow-meta\.xml$/, ''),
      label: String(flow.label),
      object: String(start.object),
      triggerType,
      recordTriggerType: String(start.recordTriggerType),
      actionCalls: reachableActionCalls(dir, file.replace(/\.flow-meta\.xml$/, ''), new Set()),
    });
  }
  return flows;
}

function reachableActionCalls(dir: string, name: string, seen: Set<string>): string[] {
  if (seen.has(name)) return [];
  seen.add(name);
  const flow = readXml(join(dir, `${name}.flow-meta.xml`)).Flow as Record<string, unknown>;
  const own = asArray(flow.actionCalls).map((a) => `${name}:${String(a.actionType)}:${String(a.name)}`);
  return own.concat(asArray(flow.subflows).flatMap((sub) => reachableActionCalls(dir, String(sub.flowName), seen)));
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
