/** One line that tells a developer what the emulator made of their project, and what it left out. */
import type { OrgSchema } from './types.js';

/**
 * @example
 * describeLoad(schema)
 * // "Loaded 58 objects (24 custom), 1,180 fields (341 custom), 4 validation rules, 11 flows (9 active),
 * //  4 permission sets, 5 profiles, 2 flow elements not run (Invoice_Before_Save: actionCalls:apex Notify_Finance;
 * //  Collect_Feedback: screens:Ask); not run: dashboard (1), flexipage (15), report (5)"
 * // With processes and workflow rules, before "; not run:":
 * //  "..., 2 processes (Process Builder, 1 runnable), 1 process not run (Case_Chatter: actionCalls:chatterPost myRule_1_A1),
 * //  3 workflow rules (3 active), 1 workflow action not run (Case.Escalate: Alert Notify_Manager)"
 */
export function describeLoad(schema: OrgSchema): string {
  const objects = [...schema.objects.values()].filter((o) => !o.tooling);
  const fields = objects.flatMap((o) => [...o.fields.values()]);
  const rules = objects.reduce((n, o) => n + o.validationRules.length, 0);
  const flows = [...schema.flows.values()];
  const active = flows.filter((f) => f.status === 'Active').length;
  const permissionSets = [...schema.permissionSets.values()].filter((p) => p.kind === 'PermissionSet').length;
  const groups = [...schema.permissionSets.values()].filter((p) => p.kind === 'PermissionSetGroup').length;
  const n = (value: number): string => value.toLocaleString('en-US');
  const plural = (value: number, one: string, many = `${one}s`): string => `${n(value)} ${value === 1 ? one : many}`;

  const parts = [
    `${plural(objects.length, 'object')} (${n(objects.filter((o) => o.custom).length)} custom)`,
    `${plural(fields.length, 'field')} (${n(fields.filter((f) => f.custom).length)} custom)`,
    plural(rules, 'validation rule'),
    `${plural(flows.length, 'flow')} (${n(active)} active)`,
    plural(permissionSets, 'permission set'),
  ];
  if (groups > 0) parts.push(plural(groups, 'permission set group'));
  const muting = schema.mutingPermissionSets?.size ?? 0;
  if (muting > 0) parts.push(plural(muting, 'muting permission set'));
  parts.push(plural(schema.profiles.size, 'profile'));
  // Counted only when present, so that a project without them reads as before.
  const sharingRules = schema.sharingRules?.length ?? 0;
  if (sharingRules > 0) parts.push(plural(sharingRules, 'sharing rule'));
  const publicGroups = schema.publicGroups?.size ?? 0;
  if (publicGroups > 0) parts.push(plural(publicGroups, 'public group'));
  const processes = objects.reduce((count, o) => count + (o.businessProcesses?.size ?? 0), 0);
  if (processes > 0) parts.push(plural(processes, 'business process', 'business processes'));
  const plainFlows = flows.filter((f) => !f.process);
  const flowGaps = plainFlows.reduce((count, f) => count + f.unsupportedElements.length, 0);
  if (flowGaps > 0) {
    // Named, flow by flow, so a developer sees which Apex actions and screens will be skipped.
    const named = plainFlows.filter((f) => f.unsupportedElements.length > 0).map((f) => `${f.apiName}: ${f.unsupportedElements.join(', ')}`);
    parts.push(`${plural(flowGaps, 'flow element')} not run (${named.join('; ')})`);
  }
  parts.push(...describeAutomation(schema, plural));

  const notRun = [...schema.unsupported.entries()].map(([type, count]) => `${type} (${n(count)})`);
  return `Loaded ${parts.join(', ')}${notRun.length > 0 ? `; not run: ${notRun.join(', ')}` : ''}`;
}

/**
 * Process Builder processes and workflow rules: how many, and by name what is not run (a whole process or
 * rule, or a rule's actions other than its immediate field updates), so nothing is dropped silently.
 */
function describeAutomation(schema: OrgSchema, plural: (value: number, one: string, many?: string) => string): string[] {
  const parts: string[] = [];
  const processes = [...schema.flows.values()].filter((f) => f.process);
  if (processes.length > 0) {
    const notRun = processes.filter((f) => !f.process!.runnable);
    parts.push(`${plural(processes.length, 'process', 'processes')} (Process Builder, ${processes.length - notRun.length} runnable)`);
    if (notRun.length > 0) {
      parts.push(`${plural(notRun.length, 'process', 'processes')} not run (${notRun.map((f) => `${f.apiName}: ${f.unsupportedElements.join(', ')}`).join('; ')})`);
    }
  }
  const rules = schema.workflowRules ?? [];
  if (rules.length === 0) return parts;
  parts.push(`${plural(rules.length, 'workflow rule')} (${rules.filter((r) => r.active).length} active)`);
  const rulesNotRun = rules.filter((r) => r.notRunReason !== undefined);
  if (rulesNotRun.length > 0) {
    parts.push(`${plural(rulesNotRun.length, 'workflow rule')} not run (${rulesNotRun.map((r) => `${r.fullName}: ${r.notRunReason}`).join('; ')})`);
  }
  const withGaps = rules.filter((r) => r.notRunReason === undefined && r.actionsNotRun.length > 0);
  const gaps = withGaps.reduce((count, r) => count + r.actionsNotRun.length, 0);
  if (gaps > 0) {
    parts.push(`${plural(gaps, 'workflow action')} not run (${withGaps.map((r) => `${r.fullName}: ${r.actionsNotRun.join(', ')}`).join('; ')})`);
  }
  return parts;
}
