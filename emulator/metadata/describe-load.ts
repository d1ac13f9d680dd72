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
  const flowGaps = flows.reduce((count, f) => count + f.unsupportedElements.length, 0);
  if (flowGaps > 0) {
    // Counted here; named flow by flow in the degraded list (load-problems.ts `describeDegraded`), one line each.
    parts.push(`${plural(flowGaps, 'flow element')} not run (in ${plural(flows.filter((f) => f.unsupportedElements.length > 0).length, 'flow')})`);
  }

  const notRun = [...schema.unsupported.entries()].map(([type, count]) => `${type} (${n(count)})`);
  return `Loaded ${parts.join(', ')}${notRun.length > 0 ? `; not run: ${notRun.join(', ')}` : ''}`;
}
