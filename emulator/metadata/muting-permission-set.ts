/**
 * Muting permission sets (`mutingpermissionsets/*.mutingpermissionset-meta.xml`) and what a permission
 * set group grants once they are applied.
 *
 * A muting permission set has the PermissionSet metadata shape, but "settings enabled by
 * MutingPermissionSet are turned off for the permission set group that it's a component of" (Metadata API
 * Developer Guide, MutingPermissionSet). Muting works inside its group only: the same permission granted
 * by the user's profile, by a permission set assigned directly or by another group stays.
 *
 * @example
 * // mutingpermissionsets/Leads_Muted.mutingpermissionset-meta.xml
 * // <MutingPermissionSet><label>Leads Muted</label>
 * //   <objectPermissions><object>Project__c</object><allowDelete>true</allowDelete>...</objectPermissions>
 * // </MutingPermissionSet>
 * // -> a user holding the group cannot delete projects, even though a member permission set allows it.
 */
import { stableId } from '../ids.js';
import { fieldPermissionKeys, mergeSharedEntries } from './permission-container.js';
import type { MutingPermissionSetDef, ObjectPermissionDef, PermissionContainerDef } from './types.js';
import { bool, children, text, type XmlNode } from './xml.js';

/** MutingPermissionSet's key prefix (UNVERIFIED against a live org; 0QL is what orgs show for these rows). */
const MUTING_ID_PREFIX = '0QL';

export function emptyMutingSet(name: string, source: string): MutingPermissionSetDef {
  return {
    name,
    label: name,
    id: stableId(MUTING_ID_PREFIX, name),
    objectPermissions: new Map(),
    fieldPermissions: new Map(),
    recordTypeVisibilities: new Set(),
    userPermissions: new Set(),
    customPermissions: new Set(),
    source,
  };
}

/**
 * Merges one file's entries into `target` (later layers win, as for permission sets). Unlike
 * `mergePermissionFile`, muting edit does not imply muting read: a field whose edit is muted stays readable.
 */
export function mergeMutingFile(target: MutingPermissionSetDef, root: XmlNode, shownAs: string): void {
  target.source = shownAs;
  mergeSharedEntries(target, root);
  for (const entry of children(root, 'fieldPermissions')) {
    const field = text(entry, 'field');
    if (!field) continue;
    for (const key of fieldPermissionKeys(field)) target.fieldPermissions.set(key, { readable: bool(entry, 'readable'), editable: bool(entry, 'editable') });
  }
  for (const entry of children(root, 'recordTypeVisibilities')) {
    const recordType = text(entry, 'recordType');
    if (!recordType) continue;
    if (bool(entry, 'visible')) target.recordTypeVisibilities.add(recordType.toLowerCase());
    else target.recordTypeVisibilities.delete(recordType.toLowerCase());
  }
}

/**
 * Fills `group`'s permission maps with what it grants: the union of `members` (permissions are additive)
 * minus what `muting` turns off. The group's def then stands for the group's aggregate permission set
 * (the PermissionSet row of Type `Group`), so the security model never reads its members again.
 *
 * A real org marks a group "Outdated" when a member changes and grants the new union only once the group
 * is recalculated (usually within minutes); the emulator loads a project as one deploy and always grants
 * the recalculated union.
 */
export function applyGroupGrants(group: PermissionContainerDef, members: PermissionContainerDef[], muting: MutingPermissionSetDef[]): void {
  group.objectPermissions = new Map();
  group.fieldPermissions = new Map();
  group.recordTypeVisibilities = new Map();
  group.userPermissions = new Set();
  group.customPermissions = new Set();
  group.customMetadataTypes = new Set();
  for (const member of members) {
    for (const [key, perms] of member.objectPermissions) {
      const merged = group.objectPermissions.get(key);
      group.objectPermissions.set(key, merged ? orPermissions(merged, perms) : { ...perms });
    }
    for (const [key, perms] of member.fieldPermissions) {
      const merged = group.fieldPermissions.get(key);
      group.fieldPermissions.set(key, { readable: perms.readable || merged?.readable === true, editable: perms.editable || merged?.editable === true });
    }
    for (const [key, visibility] of member.recordTypeVisibilities) {
      // Only a profile names a default record type; a group only makes record types visible.
      if (visibility.visible) group.recordTypeVisibilities.set(key, { visible: true, isDefault: false });
    }
    for (const name of member.userPermissions) group.userPermissions.add(name);
    for (const name of member.customPermissions) group.customPermissions.add(name);
    for (const name of member.customMetadataTypes) group.customMetadataTypes.add(name);
  }
  for (const mute of muting) muteGroup(group, mute);
}

function muteGroup(group: PermissionContainerDef, mute: MutingPermissionSetDef): void {
  for (const [key, muted] of mute.objectPermissions) {
    const granted = group.objectPermissions.get(key);
    if (!granted) continue;
    const off = withDependents(muted);
    const left: ObjectPermissionDef = {
      allowRead: granted.allowRead && !off.allowRead,
      allowCreate: granted.allowCreate && !off.allowCreate,
      allowEdit: granted.allowEdit && !off.allowEdit,
      allowDelete: granted.allowDelete && !off.allowDelete,
      viewAllRecords: granted.viewAllRecords && !off.viewAllRecords,
      modifyAllRecords: granted.modifyAllRecords && !off.modifyAllRecords,
    };
    // An org keeps no ObjectPermissions row that grants nothing; neither does the group's aggregate.
    if (Object.values(left).some(Boolean)) group.objectPermissions.set(key, left);
    else group.objectPermissions.delete(key);
  }
  for (const [key, muted] of mute.fieldPermissions) {
    const granted = group.fieldPermissions.get(key);
    if (!granted) continue;
    // Read access is what edit depends on: muting read mutes edit as well (and leaves no FieldPermissions row).
    const readable = granted.readable && !muted.readable;
    if (readable) group.fieldPermissions.set(key, { readable, editable: granted.editable && !muted.editable });
    else group.fieldPermissions.delete(key);
  }
  // Salesforce documents muting for every PermissionSet field; whether Setup offers record type muting is
  // UNVERIFIED, so a muted visibility is applied like the rest.
  for (const key of mute.recordTypeVisibilities) group.recordTypeVisibilities.delete(key);
  for (const name of mute.userPermissions) deleteIgnoringCase(group.userPermissions, name);
  for (const name of mute.customPermissions) deleteIgnoringCase(group.customPermissions, name);
}

/**
 * A muted object permission also mutes what depends on it (Salesforce's object permission dependencies:
 * Create, Edit, Delete, View All need Read; Delete and Modify All need Edit; Modify All needs Delete and
 * View All), as Setup does when a permission is muted.
 */
function withDependents(muted: ObjectPermissionDef): ObjectPermissionDef {
  const read = muted.allowRead;
  const edit = read || muted.allowEdit;
  const remove = edit || muted.allowDelete;
  const viewAll = read || muted.viewAllRecords;
  return {
    allowRead: read,
    allowCreate: read || muted.allowCreate,
    allowEdit: edit,
    allowDelete: remove,
    viewAllRecords: viewAll,
    modifyAllRecords: remove || viewAll || muted.modifyAllRecords,
  };
}

function orPermissions(a: ObjectPermissionDef, b: ObjectPermissionDef): ObjectPermissionDef {
  return {
    allowRead: a.allowRead || b.allowRead,
    allowCreate: a.allowCreate || b.allowCreate,
    allowEdit: a.allowEdit || b.allowEdit,
    allowDelete: a.allowDelete || b.allowDelete,
    viewAllRecords: a.viewAllRecords || b.viewAllRecords,
    modifyAllRecords: a.modifyAllRecords || b.modifyAllRecords,
  };
}

/** Permission names are case-insensitive in Salesforce; the sets keep each file's spelling. */
function deleteIgnoringCase(names: Set<string>, name: string): void {
  for (const held of names) if (held.toLowerCase() === name.toLowerCase()) names.delete(held);
}
