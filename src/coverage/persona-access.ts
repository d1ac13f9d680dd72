/**
 * Who the personas are in the project's terms (profile, permission sets, permission set groups) and what
 * that grants them, computed from the metadata as Salesforce computes it: object access is the union of
 * the containers' object permissions; a field is visible when the object is and some container grants it
 * read (fields FLS cannot restrict, such as required and master-detail fields, follow the object); it is
 * editable only where the field can be written at all and the object can be edited.
 *
 * Personas come from `sf org create user` definition files (the emulator's users, `SF_EMULATOR_USERS`),
 * matched to a persona by the username the configuration gives it, plus the permission sets the release
 * actions assign (`--assign support-agent:Visa_Management`), which no user file shows.
 */
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { PERSONAS, VERIFYING_PERSONAS, type PersonaName } from '../config/personas.js';
import { ProjectReadError } from './metadata-xml.js';
import { fieldOf, type ObjectAccess, type PermissionContainer, type ProjectField, type SfdxProject } from './project-model.js';

export type Access = 'hidden' | 'read' | 'edit';

export interface PersonaDefinition {
  persona: PersonaName;
  username: string;
  /** The profile's label as the user file gives it (`Standard User`). */
  profile: string;
  /** Permission sets and permission set groups, as assigned (user file first, then release actions). */
  assigned: string[];
  /** The user's own fields from the file (`Department`, `Title`, `role`): what `$User` and `$UserRole` read. */
  user: Record<string, string>;
  /** Where the definition came from, for the report. */
  source: string;
}

/** A permission set a release action assigns to a persona (`support-agent:Visa_Management`). */
export interface ExtraAssignment {
  persona: PersonaName;
  permissionSet: string;
}

const userFile = z.looseObject({
  Username: z.string().min(1),
  profileName: z.string().min(1),
  permsets: z.union([z.array(z.string()), z.string()]).optional(),
});

/** The definition files of a list of files and folders (folders: their `*.json`, sorted). */
export function userDefinitionFiles(entries: readonly string[]): string[] {
  const files: string[] = [];
  for (const entry of entries) {
    if (!existsSync(entry)) throw new ProjectReadError(entry, 'no such user definition file or folder');
    if (statSync(entry).isDirectory()) {
      for (const name of readdirSync(entry).sort()) if (name.endsWith('.json')) files.push(path.join(entry, name));
    } else files.push(entry);
  }
  return files;
}

/**
 * The verifying personas found among the user definition files (matched by username, case-insensitively),
 * with the release actions' extra assignments added. A persona with no definition is left out: its access
 * cannot be derived, and the report says so.
 */
export function readPersonaDefinitions(
  files: readonly string[],
  usernames: Partial<Record<PersonaName, string | undefined>>,
  extra: readonly ExtraAssignment[] = [],
): Map<PersonaName, PersonaDefinition> {
  const byUsername = new Map<string, { profile: string; assigned: string[]; user: Record<string, string>; file: string }>();
  for (const file of files) {
    let parsed: z.infer<typeof userFile>;
    try {
      const result = userFile.safeParse(JSON.parse(readFileSync(file, 'utf8')));
      if (!result.success) throw new Error(result.error.issues.map((i) => `${i.path.join('.') || 'file'}: ${i.message}`).join('; '));
      parsed = result.data;
    } catch (error) {
      throw new ProjectReadError(file, `is not a user definition (${(error as Error).message})`);
    }
    const assigned = typeof parsed.permsets === 'string' ? parsed.permsets.split(',') : (parsed.permsets ?? []);
    // Passwords stay out of what is kept: only plain text fields such as Department and role.
    const user = Object.fromEntries(Object.entries(parsed).filter(([k, v]) => typeof v === 'string' && !/password/i.test(k))) as Record<string, string>;
    byUsername.set(parsed.Username.toLowerCase(), { profile: parsed.profileName, assigned: assigned.map((p) => p.trim()).filter(Boolean), user, file });
  }
  const personas = new Map<PersonaName, PersonaDefinition>();
  for (const persona of VERIFYING_PERSONAS) {
    const username = usernames[persona] ?? PERSONAS[persona].emulatorUsername;
    const found = byUsername.get(username.toLowerCase());
    if (!found) continue;
    const more = extra.filter((e) => e.persona === persona).map((e) => e.permissionSet);
    personas.set(persona, {
      persona,
      username,
      profile: found.profile,
      assigned: [...new Set([...found.assigned, ...more])],
      user: found.user,
      source: `${path.relative(process.cwd(), found.file) || found.file}${more.length > 0 ? ` + release actions (${more.join(', ')})` : ''}`,
    });
  }
  return personas;
}

/** Parses `persona:PermissionSet` pairs (from `--assign` or SF_COVERAGE_ASSIGN). */
export function parseAssignments(values: readonly string[], where: string): ExtraAssignment[] {
  const out: ExtraAssignment[] = [];
  for (const value of values.flatMap((v) => v.split(',')).map((v) => v.trim()).filter(Boolean)) {
    const [persona = '', permissionSet = ''] = value.split(':').map((p) => p.trim());
    if (!(VERIFYING_PERSONAS as readonly string[]).includes(persona) || !permissionSet) {
      throw new ProjectReadError(where, `"${value}" must be <persona>:<PermissionSet> with a persona among ${VERIFYING_PERSONAS.join(', ')}`);
    }
    out.push({ persona: persona as PersonaName, permissionSet });
  }
  return out;
}

/** Standard profiles' metadata names and the labels user files use for them. */
const STANDARD_PROFILES: Readonly<Record<string, string>> = {
  Admin: 'System Administrator',
  Standard: 'Standard User',
  ReadOnly: 'Read Only',
  MinimumAccess: 'Minimum Access - Salesforce',
  ContractManager: 'Contract Manager',
  MarketingProfile: 'Marketing User',
  SolutionManager: 'Solution Manager',
  StandardAul: 'Standard Platform User',
};

const CRUD: ObjectAccess = { read: true, create: true, edit: true, delete: true, viewAll: false, modifyAll: false };
const READ: ObjectAccess = { read: true, create: false, edit: false, delete: false, viewAll: false, modifyAll: false };
/**
 * What the standard profiles grant on standard objects in a new org (Salesforce's defaults; a project's
 * profile file states only what it changes). Activities follow the Edit Task/Event user permissions, which
 * Standard User has. Custom objects and custom fields get nothing from a standard profile without a file.
 */
const STANDARD_OBJECTS: Readonly<Record<string, Readonly<Record<string, ObjectAccess>>>> = {
  'Standard User': {
    account: CRUD, contact: CRUD, opportunity: CRUD, opportunitylineitem: CRUD, case: CRUD, lead: CRUD, contract: CRUD, note: CRUD,
    task: CRUD, event: CRUD, campaign: READ, product2: READ, pricebook2: READ, pricebookentry: READ, user: READ,
  },
  'Read Only': { account: READ, contact: READ, opportunity: READ, case: READ, lead: READ, contract: READ, campaign: READ, user: READ },
};

const NEVER_WRITTEN = new Set(['summary', 'autonumber']);

/** A persona's effective permissions, from its definition and the project's containers. */
export class PersonaAccess {
  readonly containers: PermissionContainer[];
  /** Assigned names the project does not define (standard or managed permission sets): granted access unknown. */
  readonly unknownAssignments: string[] = [];
  private readonly profileLabel: string;
  private readonly profile: PermissionContainer | undefined;
  private readonly allAccess: boolean;

  constructor(
    readonly definition: PersonaDefinition,
    private readonly project: SfdxProject,
  ) {
    this.profileLabel = definition.profile;
    this.profile = findProfile(project, definition.profile);
    const containers: PermissionContainer[] = this.profile ? [this.profile] : [];
    for (const name of definition.assigned) {
      const set = project.permissionSets.get(name.toLowerCase());
      const group = project.permissionSetGroups.get(name.toLowerCase());
      if (set) containers.push(set);
      else if (group) {
        // A group's muting permission sets take away what its own permission sets grant; stated here by
        // leaving muted grants out (see mutedBy), so one list of containers answers every question.
        for (const member of group.permissionSets) {
          const memberSet = project.permissionSets.get(member.toLowerCase());
          if (memberSet) containers.push(mutedBy(memberSet, group.mutingPermissionSets.map((m) => project.mutingPermissionSets.get(m.toLowerCase()))));
          else this.unknownAssignments.push(member);
        }
      } else this.unknownAssignments.push(name);
    }
    this.containers = containers;
    const label = profileLabelOf(definition.profile);
    this.allAccess = label === 'System Administrator' || containers.some((c) => c.userPermissions.has('ModifyAllData'));
  }

  get persona(): PersonaName {
    return this.definition.persona;
  }

  /** The assigned permission sets (direct and through groups) the project defines. */
  get permissionSets(): PermissionContainer[] {
    return this.containers.filter((c) => c.kind === 'PermissionSet');
  }

  /** The permission set groups the persona is assigned. */
  get permissionSetGroups(): string[] {
    return this.definition.assigned.filter((name) => this.project.permissionSetGroups.has(name.toLowerCase()));
  }

  objectAccess(object: string): ObjectAccess {
    if (this.allAccess) return { read: true, create: true, edit: true, delete: true, viewAll: true, modifyAll: true };
    const key = object.toLowerCase();
    const grants = this.containers.map((c) => c.objectPermissions.get(key)).filter((g): g is ObjectAccess => g !== undefined);
    const builtIn = STANDARD_OBJECTS[profileLabelOf(this.profileLabel)]?.[key];
    if (builtIn) grants.push(builtIn);
    const any = (p: keyof ObjectAccess) => grants.some((g) => g[p]);
    return { read: any('read'), create: any('create'), edit: any('edit'), delete: any('delete'), viewAll: any('viewAll'), modifyAll: any('modifyAll') };
  }

  /**
   * What describe shows this persona for the field: absent (hidden), present but not updateable (read), or
   * updateable (edit); and which of its containers grant that.
   */
  fieldAccess(object: string, fieldName: string): { access: Access; grantedBy: PermissionContainer[] } {
    const field = fieldOf(this.project, object, fieldName);
    const objectAccess = this.objectAccess(object);
    if (!objectAccess.read) return { access: 'hidden', grantedBy: [] };
    const writable = field ? isWritable(field) : true;
    const governed = field ? isFlsGoverned(this.project, field) : true;
    const key = `${object}.${fieldName}`.toLowerCase();
    const grantedBy = this.containers.filter((c) => c.fieldPermissions.has(key));
    if (!governed) return { access: writable && objectAccess.edit ? 'edit' : 'read', grantedBy };
    const readable = this.allAccess || grantedBy.some((c) => c.fieldPermissions.get(key)!.readable);
    if (!readable) return { access: 'hidden', grantedBy };
    const editable = this.allAccess || grantedBy.some((c) => c.fieldPermissions.get(key)!.editable);
    return { access: editable && writable && objectAccess.edit ? 'edit' : 'read', grantedBy };
  }

  recordTypeVisible(object: string, recordType: string): boolean {
    if (this.allAccess) return true;
    const key = `${object}.${recordType}`.toLowerCase();
    return this.containers.some((c) => c.recordTypeVisibilities.get(key)?.visible === true);
  }

  /** The profile's default record type for the object (only profiles name one). */
  defaultRecordType(object: string): string | undefined {
    return defaultRecordTypeOf(this.profile, object);
  }

  /**
   * The layout Lightning shows this persona for a record of the object with that record type (none given:
   * the assignment for the object's master layout). Undefined when the profile file assigns none, as for a
   * standard profile the project does not retrieve: the layout cannot be known from the project.
   */
  layoutFor(object: string, recordType?: string): string | undefined {
    return layoutOf(this.profile, object, recordType);
  }
}

export function findProfile(project: SfdxProject, profileName: string): PermissionContainer | undefined {
  const wanted = profileLabelOf(profileName).toLowerCase();
  for (const profile of project.profiles.values()) {
    if (profileLabelOf(profile.name).toLowerCase() === wanted) return profile;
  }
  return undefined;
}

/** The label a profile's metadata name stands for (`Admin` is `System Administrator`). */
export function profileLabelOf(name: string): string {
  return STANDARD_PROFILES[name] ?? name;
}

export function defaultRecordTypeOf(profile: PermissionContainer | undefined, object: string): string | undefined {
  const prefix = `${object}.`.toLowerCase();
  for (const [key, visibility] of profile?.recordTypeVisibilities ?? []) {
    if (key.startsWith(prefix) && visibility.isDefault) return key.slice(prefix.length);
  }
  return undefined;
}

export function layoutOf(profile: PermissionContainer | undefined, object: string, recordType?: string): string | undefined {
  const assignments = (profile?.layoutAssignments ?? []).filter((a) => a.layout.toLowerCase().startsWith(`${object}-`.toLowerCase()));
  const wanted = recordType ? `${object}.${recordType}`.toLowerCase() : undefined;
  return (
    (wanted ? assignments.find((a) => a.recordType?.toLowerCase() === wanted) : undefined)?.layout ?? assignments.find((a) => !a.recordType)?.layout
  );
}

/** Roll-up summaries, auto-numbers and formulas are computed; a master-detail is set once unless reparentable. */
export function isWritable(field: ProjectField): boolean {
  if (field.formula || NEVER_WRITTEN.has(field.type.toLowerCase())) return false;
  if (field.type === 'MasterDetail') return field.reparentable;
  return true;
}

/** Required and master-detail fields have no field-level security; configuration objects neither. */
export function isFlsGoverned(project: SfdxProject, field: ProjectField): boolean {
  if (field.required || field.type === 'MasterDetail') return false;
  return !project.objects.get(field.object.toLowerCase())?.configuration;
}

function mutedBy(set: PermissionContainer, muting: (PermissionContainer | undefined)[]): PermissionContainer {
  const mutes = muting.filter((m): m is PermissionContainer => m !== undefined);
  if (mutes.length === 0) return set;
  const fieldPermissions = new Map(set.fieldPermissions);
  for (const mute of mutes) {
    for (const [key, muted] of mute.fieldPermissions) {
      const grant = fieldPermissions.get(key);
      if (grant) fieldPermissions.set(key, { readable: grant.readable && !muted.readable, editable: grant.editable && !muted.editable });
    }
  }
  const objectPermissions = new Map(set.objectPermissions);
  for (const mute of mutes) {
    for (const [key, muted] of mute.objectPermissions) {
      const grant = objectPermissions.get(key);
      if (!grant) continue;
      objectPermissions.set(key, {
        read: grant.read && !muted.read,
        create: grant.create && !muted.create,
        edit: grant.edit && !muted.edit,
        delete: grant.delete && !muted.delete,
        viewAll: grant.viewAll && !muted.viewAll,
        modifyAll: grant.modifyAll && !muted.modifyAll,
      });
    }
  }
  return { ...set, fieldPermissions, objectPermissions };
}
