/**
 * One line that tells a developer what the emulator made of their project, and what it left out: counts,
 * and the metadata types it does not run at all. The components it runs only in part are listed one per
 * line after it (load-problems.ts `describeDegraded`).
 */
import type { OrgSchema } from './types.js';

/**
 * @example
 * describeLoad(schema)
 * // "Loaded 58 objects (24 custom), 1,180 fields (341 custom), 4 validation rules, 11 flows (9 active),
 * //  4 permission sets, 5 profiles, 2 flow elements not run (in 2 flows); not run: dashboard (1), flexipage (15), report (5)"
 * // With processes and workflow rules, before "; not run:":
 * //  "..., 2 processes (Process Builder, 1 runnable), 3 workflow rules (3 active), 1 workflow action not run (in 1 rule)"
 * // Each component not run (or run only in part) is named in the degraded lines (load-problems.ts `describeDegraded`).
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
    // Counted here; named flow by flow in the degraded list (load-problems.ts `describeDegraded`), one line each.
    parts.push(`${plural(flowGaps, 'flow element')} not run (in ${plural(plainFlows.filter((f) => f.unsupportedElements.length > 0).length, 'flow')})`);
  }
  parts.push(...describeAutomation(schema, plural));

  const notRun = [...schema.unsupported.entries()].map(([type, count]) => `${type} (${n(count)})`);
  return `Loaded ${parts.join(', ')}${notRun.length > 0 ? `; not run: ${notRun.join(', ')}` : ''}`;
}

/**
 * Process Builder processes and workflow rules: how many, and how many are not run (a whole process or
 * rule, or a rule's actions other than its immediate field updates). Each is named in the degraded lines
 * (load-problems.ts `degradedComponents`), so nothing is dropped silently.
 */
function describeAutomation(schema: OrgSchema, plural: (value: number, one: string, many?: string) => string): string[] {
  const parts: string[] = [];
  const processes = [...schema.flows.values()].filter((f) => f.process);
  if (processes.length > 0) {
    const notRun = processes.filter((f) => !f.process!.runnable);
    parts.push(`${plural(processes.length, 'process', 'processes')} (Process Builder, ${processes.length - notRun.length} runnable)`);
  }
  const rules = schema.workflowRules ?? [];
  if (rules.length === 0) return parts;
  const rulesNotRun = rules.filter((r) => r.notRunReason !== undefined).length;
  parts.push(`${plural(rules.length, 'workflow rule')} (${rules.filter((r) => r.active).length} active${rulesNotRun > 0 ? `, ${rulesNotRun} not run` : ''})`);
  const withGaps = rules.filter((r) => r.notRunReason === undefined && r.actionsNotRun.length > 0);
  const gaps = withGaps.reduce((count, r) => count + r.actionsNotRun.length, 0);
  if (gaps > 0) parts.push(`${plural(gaps, 'workflow action')} not run (in ${plural(withGaps.length, 'rule')})`);
  return parts;
}
