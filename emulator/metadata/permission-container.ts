/**
 * Profiles (`profiles/*.profile-meta.xml`), permission sets (`permissionsets/*.permissionset-meta.xml`)
 * and permission set groups (`permissionsetgroups/*.permissionsetgroup-meta.xml`). Profiles and
 * permission sets share one shape in the metadata API, so one parser reads both; a file's entries
 * merge over what the container already holds (a built-in profile, or an earlier layer). A group file
 * names members and its muting permission set; what the group grants is worked out once every set is
 * loaded (`applyGroupGrants` in muting-permission-set.ts).
 */
import { stableId } from '../ids.js';
import type { ObjectPermissionDef, PermissionContainerDef } from './types.js';
import { bool, children, text, texts, type XmlNode } from './xml.js';

export const PERMISSION_REPEATABLE: ReadonlySet<string> = new Set([
  'objectPermissions', 'fieldPermissions', 'recordTypeVisibilities', 'userPermissions', 'customPermissions',
  'layoutAssignments', 'applicationVisibilities', 'classAccesses', 'pageAccesses', 'tabSettings', 'tabVisibilities',
  'customMetadataTypeAccesses', 'customSettingAccesses', 'externalDataSourceAccesses', 'flowAccesses',
  'loginIpRanges', 'categoryGroupVisibilities', 'permissionSets', 'mutingPermissionSets', 'profileActionOverrides',
]);

const ID_PREFIX: Record<PermissionContainerDef['kind'], string> = { Profile: '00e', PermissionSet: '0PS', PermissionSetGroup: '0PG' };

export function emptyContainer(kind: PermissionContainerDef['kind'], name: string, label: string, source: string, builtIn = false): PermissionContainerDef {
  return {
    kind,
    name,
    label,
    id: stableId(ID_PREFIX[kind], name),
    objectPermissions: new Map(),
    fieldPermissions: new Map(),
    recordTypeVisibilities: new Map(),
    userPermissions: new Set(),
    customPermissions: new Set(),
    customMetadataTypes: new Set(),
    layoutAssignments: new Map(),
    members: kind === 'PermissionSetGroup' ? [] : undefined,
    mutingPermissionSets: kind === 'PermissionSetGroup' ? [] : undefined,
    builtIn,
    source,
  };
}

/** An `<objectPermissions>` entry's six flags (a permission set grants them, a muting set removes them). */
function objectPermissionFlags(entry: XmlNode): ObjectPermissionDef {
  return {
    allowRead: bool(entry, 'allowRead'),
    allowCreate: bool(entry, 'allowCreate'),
    allowEdit: bool(entry, 'allowEdit'),
    allowDelete: bool(entry, 'allowDelete'),
    viewAllRecords: bool(entry, 'viewAllRecords'),
    modifyAllRecords: bool(entry, 'modifyAllRecords'),
  };
}

/** The parts of a PermissionSet-shaped file that a permission set and a muting permission set read alike. */
type SharedPermissionEntries = Pick<PermissionContainerDef, 'label' | 'objectPermissions' | 'userPermissions' | 'customPermissions'>;

/**
 * Merges a file's label, `<objectPermissions>`, `<userPermissions>` and `<customPermissions>` into `target`
 * (later entries win, `enabled false` removes). The field and record type entries differ between the two
 * shapes (edit implies read only when granting; a muting set keeps no default), so callers read those.
 */
export function mergeSharedEntries(target: SharedPermissionEntries, root: XmlNode): void {
  const label = text(root, 'label');
  if (label) target.label = label;
  for (const entry of children(root, 'objectPermissions')) {
    const object = text(entry, 'object');
    if (!object) continue;
    target.objectPermissions.set(object.toLowerCase(), objectPermissionFlags(entry));
  }
  for (const [tag, into] of [['userPermissions', target.userPermissions], ['customPermissions', target.customPermissions]] as const) {
    for (const entry of children(root, tag)) {
      const name = text(entry, 'name');
      if (!name) continue;
      if (bool(entry, 'enabled')) into.add(name);
      else into.delete(name);
    }
  }
}

/** Merges one file's entries into `target` (later entries win, `enabled false` removes). */
export function mergePermissionFile(target: PermissionContainerDef, root: XmlNode, shownAs: string): void {
  target.source = target.builtIn ? `${target.source}, ${shownAs}` : shownAs;
  mergeSharedEntries(target, root);
  for (const entry of children(root, 'fieldPermissions')) {
    const field = text(entry, 'field');
    if (!field) continue;
    const editable = bool(entry, 'editable');
    // Edit access implies read access in Salesforce; a file saying editable without readable is read as both.
    for (const key of fieldPermissionKeys(field)) target.fieldPermissions.set(key, { readable: bool(entry, 'readable') || editable, editable });
  }
  for (const entry of children(root, 'recordTypeVisibilities')) {
    const recordType = text(entry, 'recordType');
    if (!recordType) continue;
    target.recordTypeVisibilities.set(recordType.toLowerCase(), { visible: bool(entry, 'visible'), isDefault: bool(entry, 'default') });
  }
  for (const entry of children(root, 'customMetadataTypeAccesses')) {
    const name = text(entry, 'name');
    if (!name) continue;
    if (bool(entry, 'enabled')) target.customMetadataTypes.add(name.toLowerCase());
    else target.customMetadataTypes.delete(name.toLowerCase());
  }
  for (const entry of children(root, 'layoutAssignments')) {
    const layout = text(entry, 'layout');
    if (!layout) continue;
    const recordType = text(entry, 'recordType');
    const key = recordType ?? layout.slice(0, layout.indexOf('-'));
    target.layoutAssignments.set(key.toLowerCase(), layout);
  }
  if (target.kind === 'PermissionSetGroup') {
    const members = new Set(target.members ?? []);
    for (const name of texts(root, 'permissionSets')) members.add(name);
    target.members = [...members];
    const muting = new Set(target.mutingPermissionSets ?? []);
    for (const name of texts(root, 'mutingPermissionSets')) muting.add(name);
    target.mutingPermissionSets = [...muting];
  }
}

/**
 * The lower-cased `object.field` keys a `<fieldPermissions><field>` entry grants: a custom activity field
 * (`Activity.Plan_Task__c`) is a field of both Task and Event, and one entry grants it on both.
 */
export function fieldPermissionKeys(field: string): string[] {
  const key = field.toLowerCase();
  if (!key.startsWith('activity.')) return [key];
  const name = key.slice('activity.'.length);
  return [`task.${name}`, `event.${name}`];
}

/** Salesforce's labels for the standard profiles, by their metadata file names. */
export const STANDARD_PROFILE_LABELS: Readonly<Record<string, string>> = {
  Admin: 'System Administrator',
  Standard: 'Standard User',
  ReadOnly: 'Read Only',
  MinimumAccess: 'Minimum Access - Salesforce',
  'Minimum Access - Salesforce': 'Minimum Access - Salesforce',
  ContractManager: 'Contract Manager',
  MarketingProfile: 'Marketing User',
  SolutionManager: 'Solution Manager',
  StandardAul: 'Standard Platform User',
};

/** The label a profile file name stands for: a standard profile's label, else the decoded name itself. */
export function profileLabel(fileName: string): string {
  return STANDARD_PROFILE_LABELS[fileName] ?? fileName;
}
