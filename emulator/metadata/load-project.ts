/**
 * Loads an SFDX project (plus overlays) into the OrgSchema the emulator runs.
 *
 * @example
 * const schema = loadOrgSchema({ source: 'samples/my-project', overlays: ['test/regression-overlay'] });
 * console.log(describeLoad(schema));
 * // Loaded 60 objects (24 custom), 1,204 fields (311 custom), 6 validation rules, 11 flows, 4 permission sets, 1 profile; not run: dashboard (1), report (5)
 */
import { assembleObjects } from './assemble-objects.js';
import { CONNECTED_APP_REPEATABLE, parseConnectedApp } from './connected-app.js';
import { loadCustomLabels } from './custom-labels.js';
import { loadCustomMetadataRecords } from './custom-metadata.js';
import { CUSTOM_PERMISSION_REPEATABLE, parseCustomPermission } from './custom-permission.js';
import { FLOW_REPEATABLE, parseFlow } from './flow.js';
import { parseGlobalValueSet, VALUE_SET_REPEATABLE } from './global-value-set.js';
import { LAYOUT_REPEATABLE, parseLayout } from './layout.js';
import { MetadataError } from './metadata-error.js';
import { projectNamespace, resolveOwnNamespace } from './namespace.js';
import { applyGroupGrants, emptyMutingSet, mergeMutingFile } from './muting-permission-set.js';
import { emptyContainer, mergePermissionFile, PERMISSION_REPEATABLE, profileLabel } from './permission-container.js';
import { collectProjectFiles, effectiveFiles, topFile, type ComponentKind, type FileStack, type ProjectFile, type ProjectInventory } from './project-files.js';
import { LoadReport, mayExistOutsideProject } from './load-problems.js';
import { GROUP_REPEATABLE, parsePublicGroup } from './public-group.js';
import { parseRole, ROLE_REPEATABLE } from './role.js';
import { parseSharingRules, SHARING_RULES_REPEATABLE } from './sharing-rule.js';
import { standardProfiles } from './standard-profiles.js';
import type { FlowDef, MutingPermissionSetDef, OrgSchema, PermissionContainerDef, SharingRuleDef, WorkflowRuleDef } from './types.js';
import { parseWorkflow, WORKFLOW_REPEATABLE } from './workflow.js';
import { readMetadataXml, type XmlNode } from './xml.js';

export { describeLoad } from './describe-load.js';
export { MetadataError } from './metadata-error.js';

export interface LoadOptions {
  /** The SFDX project folder (holding `sfdx-project.json`). */
  source: string;
  /** More project folders (or plain folders laid out like a package directory), layered on top in order. */
  overlays?: string[];
  /**
   * Collects the problems here instead of throwing them at the end of the load (Org.load adds the formula
   * problems it finds afterwards, then reports them all together).
   */
  report?: LoadReport;
}

/**
 * Reads the project synchronously and returns the schema. Every problem a deploy would also reject is
 * collected, component by component, and thrown together at the end: a MetadataError naming the file at
 * fault, or MetadataErrors listing each. Components the emulator cannot run are listed in `degraded`.
 */
export function loadOrgSchema(options: LoadOptions): OrgSchema {
  const report = options.report ?? new LoadReport();
  const inventory = collectProjectFiles(options.source, options.overlays ?? [], report);

  const globalValueSets = new Map(
    eachTop(report, inventory, 'globalValueSet', 'GlobalValueSet', VALUE_SET_REPEATABLE, (name, root, file) => parseGlobalValueSet(name, root, file.shownAs)),
  );
  const { objects } = assembleObjects(inventory, (name) => globalValueSets.get(name.toLowerCase())?.values, report);

  const profiles = new Map<string, PermissionContainerDef>();
  for (const profile of standardProfiles(objects)) profiles.set(profile.name.toLowerCase(), profile);
  mergeContainers(report, inventory, 'profile', 'Profile', profiles);
  const permissionSets = new Map<string, PermissionContainerDef>();
  mergeContainers(report, inventory, 'permissionset', 'PermissionSet', permissionSets);
  mergeContainers(report, inventory, 'permissionsetgroup', 'PermissionSetGroup', permissionSets);
  const mutingPermissionSets = loadMutingPermissionSets(report, inventory);

  const unsupported = new Map<string, number>();
  for (const [type, keys] of [...inventory.unsupported.entries()].sort(([a], [b]) => a.localeCompare(b))) unsupported.set(type, keys.size);

  const schema: OrgSchema = {
    objects,
    profiles,
    permissionSets,
    layouts: new Map(eachTop(report, inventory, 'layout', 'Layout', LAYOUT_REPEATABLE, (name, root, file) => parseLayout(name, root, file.shownAs))),
    flows: new Map(eachTop(report, inventory, 'flow', 'Flow', FLOW_REPEATABLE, (name, root, file) => parseFlow(name, root, file.shownAs))),
    connectedApps: new Map(eachTop(report, inventory, 'connectedApp', 'ConnectedApp', CONNECTED_APP_REPEATABLE, (name, root, file) => parseConnectedApp(name, root, file.shownAs))),
    customPermissions: new Map(eachTop(report, inventory, 'customPermission', 'CustomPermission', CUSTOM_PERMISSION_REPEATABLE, (name, root, file) => parseCustomPermission(name, root, file.shownAs))),
    globalValueSets,
    roles: new Map(eachTop(report, inventory, 'role', 'Role', ROLE_REPEATABLE, (name, root, file) => parseRole(name, root, file.shownAs))),
    publicGroups: new Map(eachTop(report, inventory, 'group', 'Group', GROUP_REPEATABLE, (name, root, file) => parsePublicGroup(name, root, file.shownAs))),
    mutingPermissionSets,
    customMetadataRecords: loadCustomMetadataRecords(inventory, objects),
    customLabels: loadCustomLabels(inventory),
    unsupported,
    degraded: report.degraded,
  };
  const namespace = projectNamespace(options.source);
  if (namespace) resolveOwnNamespace(schema, namespace);
  schema.sharingRules = loadSharingRules(report, inventory, schema);
  schema.workflowRules = loadWorkflowRules(report, inventory, schema);
  checkFlowObjects(report, schema);
  checkGroupMembers(report, schema);
  if (!options.report) report.throwErrors();
  return schema;
}

/** Parses the top (effective) file of every component of a replace-style kind; a component at fault is reported and skipped. */
function eachTop<T>(
  report: LoadReport,
  inventory: ProjectInventory,
  kind: ComponentKind,
  rootTag: string,
  repeatable: ReadonlySet<string>,
  parse: (name: string, root: XmlNode, file: ProjectFile) => T,
): [string, T][] {
  const result: [string, T][] = [];
  for (const [key, { name, files }] of sorted(inventory.components.get(kind))) {
    const top = topFile(files);
    if (!top) continue;
    const parsed = report.attempt(() => parse(name, readMetadataXml(top.path, top.shownAs, rootTag, repeatable), top));
    if (parsed !== undefined) result.push([key, parsed]);
  }
  return result;
}

function sorted<T>(map: Map<string, T> | undefined): [string, T][] {
  return [...(map ?? new Map<string, T>()).entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

/** Profiles and permission sets: every layer's entries merge, in order, over the built-in (if any). */
function mergeContainers(
  report: LoadReport,
  inventory: ProjectInventory,
  kind: 'profile' | 'permissionset' | 'permissionsetgroup',
  rootTag: 'Profile' | 'PermissionSet' | 'PermissionSetGroup',
  into: Map<string, PermissionContainerDef>,
): void {
  for (const [, { name, files }] of sorted(inventory.components.get(kind))) {
    const effective = effectiveFiles(files as FileStack);
    const profileName = kind === 'profile' ? canonicalProfileName(name) : name;
    const key = profileName.toLowerCase();
    if (effective.length === 0) {
      // Deleted by an overlay: a built-in profile cannot go, a project component can.
      if (!into.get(key)?.builtIn) into.delete(key);
      continue;
    }
    const target = into.get(key) ?? emptyContainer(rootTag, profileName, kind === 'profile' ? profileLabel(name) : name, effective[0]?.shownAs ?? name);
    for (const file of effective) {
      report.attempt(() => mergePermissionFile(target, readMetadataXml(file.path, file.shownAs, rootTag, PERMISSION_REPEATABLE), file.shownAs));
    }
    into.set(key, target);
  }
}

/** `Minimum Access - Salesforce.profile-meta.xml` is the built-in `MinimumAccess`. */
function canonicalProfileName(fileName: string): string {
  return fileName === 'Minimum Access - Salesforce' ? 'MinimumAccess' : fileName;
}

/** Sharing rules read last: they name fields, record types, roles and public groups. */
function loadSharingRules(report: LoadReport, inventory: ProjectInventory, schema: OrgSchema): SharingRuleDef[] {
  const context = { objects: schema.objects, roles: schema.roles, publicGroups: schema.publicGroups ?? new Map() };
  const rules: SharingRuleDef[] = [];
  const parsed = eachTop(report, inventory, 'sharingRules', 'SharingRules', SHARING_RULES_REPEATABLE, (name, root, file) => {
    const objectKey = name.toLowerCase();
    // The rules of an object the emulator left out: its own problem is reported; these have nothing to share.
    if (report.broken.has(objectKey)) return undefined;
    if (report.notModelled.has(objectKey)) {
      report.degrade({ file: file.shownAs, component: `SharingRules ${name}`, unsupported: `sharing rules of ${name}, an object the emulator does not model`, fallback: 'not applied' });
      return undefined;
    }
    return { file, parsed: parseSharingRules(name, root, file.shownAs, context) };
  });
  for (const [, entry] of parsed) {
    if (!entry) continue;
    rules.push(...entry.parsed.rules);
    for (const { fullName, reason } of entry.parsed.notRunRules) {
      report.degrade({ file: entry.file.shownAs, component: `SharingRule ${fullName}`, unsupported: reason, fallback: 'not applied: no one gets the access it grants' });
    }
  }
  return rules;
}

/** Workflow rules read after objects: their criteria and field updates name fields. A file at fault is reported and skipped. */
function loadWorkflowRules(report: LoadReport, inventory: ProjectInventory, schema: OrgSchema): WorkflowRuleDef[] {
  const parsed = eachTop(report, inventory, 'workflow', 'Workflow', WORKFLOW_REPEATABLE, (name, root, file) => parseWorkflow(name, root, file.shownAs, schema.objects));
  return parsed.flatMap(([, rules]) => rules);
}

/**
 * A flow's start object must be an object of the org. A flow on an object whose own file failed is a
 * consequence of that error, not one of its own; one on an object a real org has but the emulator does not
 * model (Asset, a managed package's) is degraded: it cannot be triggered here.
 */
function checkFlowObjects(report: LoadReport, schema: OrgSchema): void {
  for (const flow of [...schema.flows.values()]) {
    if (flow.process) checkProcessObject(report, schema, flow);
    const start = flow.object ? schema.objects.get(flow.object.toLowerCase()) : undefined;
    // Spelt as the object is (a namespaced project's flows may prefix it: namespace.ts).
    if (start && flow.object) flow.object = start.name;
    if (!flow.object || start) continue;
    const key = flow.object.toLowerCase();
    if (report.notModelled.has(key) || mayExistOutsideProject(flow.object)) {
      report.degrade({ file: flow.source, component: `Flow ${flow.apiName}`, unsupported: `starts on ${flow.object}, an object the emulator does not model`, fallback: 'not run' });
    } else if (!report.broken.has(key)) {
      report.fail(new MetadataError(flow.source, `<start><object> "${flow.object}" is not an object in this org`));
    }
    schema.flows.delete(flow.apiName.toLowerCase());
  }
}

/**
 * A Process Builder process names its object in `processMetadataValues` (ObjectType), not in `<start>`:
 * a custom object the project lacks is a deploy error; a standard one the emulator does not model leaves
 * the process listed, not run.
 */
function checkProcessObject(report: LoadReport, schema: OrgSchema, flow: FlowDef): void {
  const process = flow.process;
  if (!process || process.object === '') return;
  const key = process.object.toLowerCase();
  const object = schema.objects.get(key);
  if (object && !object.tooling) {
    process.object = object.name;
    return;
  }
  if (!mayExistOutsideProject(process.object) && !report.notModelled.has(key)) {
    if (!report.broken.has(key)) report.fail(new MetadataError(flow.source, `process ObjectType "${process.object}" is not an object in this org`));
    schema.flows.delete(flow.apiName.toLowerCase());
    return;
  }
  flow.unsupportedElements.push(`processType:Workflow on ${process.object}, an object the emulator does not model`);
  process.runnable = false;
}

/** Muting permission sets merge layer over layer, as permission sets do (they share PermissionSet's shape). */
function loadMutingPermissionSets(report: LoadReport, inventory: ProjectInventory): Map<string, MutingPermissionSetDef> {
  const sets = new Map<string, MutingPermissionSetDef>();
  for (const [key, { name, files }] of sorted(inventory.components.get('mutingpermissionset'))) {
    const effective = effectiveFiles(files);
    if (effective.length === 0) continue;
    const target = emptyMutingSet(name, effective[0]?.shownAs ?? name);
    for (const file of effective) {
      report.attempt(() => mergeMutingFile(target, readMetadataXml(file.path, file.shownAs, 'MutingPermissionSet', PERMISSION_REPEATABLE), file.shownAs));
    }
    sets.set(key, target);
  }
  return sets;
}

/**
 * Every member of a group is a permission set of the project (a group cannot hold another group) and its
 * muting permission set exists; then the group's grants are worked out from them.
 */
function checkGroupMembers(report: LoadReport, schema: OrgSchema): void {
  for (const group of [...schema.permissionSets.values()]) {
    if (group.kind !== 'PermissionSetGroup') continue;
    const checked = report.attempt(() => checkGroup(schema, group));
    if (checked === undefined) schema.permissionSets.delete(group.name.toLowerCase());
  }
}

/** Checks one group's members and works out its grants; true when it holds. */
function checkGroup(schema: OrgSchema, group: PermissionContainerDef): true {
  const members = (group.members ?? []).map((member) => {
    const set = schema.permissionSets.get(member.toLowerCase());
    if (set?.kind !== 'PermissionSet') {
      throw new MetadataError(group.source, `<permissionSets> "${member}" is not a permission set in this project`);
    }
    return set;
  });
  const muting = (group.mutingPermissionSets ?? []).map((name) => {
    const set = schema.mutingPermissionSets?.get(name.toLowerCase());
    if (!set) throw new MetadataError(group.source, `<mutingPermissionSets> "${name}" is not a muting permission set in this project`);
    return set;
  });
  // Setup gives a group one muting permission set ("Muted Permissions"), created inside the group.
  if (muting.length > 1) {
    throw new MetadataError(group.source, `<mutingPermissionSets> names ${muting.length} muting permission sets; a permission set group has at most one`);
  }
  applyGroupGrants(group, members, muting);
  return true;
}
