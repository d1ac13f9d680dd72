/**
 * The rows a real org has before anyone creates data: the Organization, users (from `sf org create user`
 * definition files), profiles and permission sets (each profile owns a permission set, as in Salesforce),
 * assignments, roles, record types, groups, custom permissions, FieldPermissions/ObjectPermissions and
 * SetupEntityAccess derived from the permission containers, tooling rows (FlowDefinition, Flow,
 * ValidationRule, EntityDefinition, FieldDefinition) and optionally seeded Apex jobs.
 */
import type { WireRecord } from '../contracts.js';
import { stableId, type IdMinter } from '../ids.js';
import { emptyContainer } from '../metadata/permission-container.js';
import type { OrgSchema, PermissionContainerDef, UserDef } from '../metadata/types.js';
import { formatDateTime } from './field-values.js';
import type { StorePort } from './ports.js';
import { readJsonFile } from '../metadata/json-file.js';
import { MetadataError } from '../metadata/metadata-error.js';

export interface SeedOptions {
  orgId: string;
  orgName: string;
  isSandbox: boolean;
  users: UserDef[];
  /** Path of a jobs JSON file (org/README.md "jobs.json"). */
  jobsFile?: string;
  now: Date;
  minter: IdMinter;
  /** Active version per flow API name (from the flow runtime). */
  activeFlowVersion(apiName: string): number;
}

export interface SeedResult {
  /** Username (lower-cased) -> user id. */
  userIds: Map<string, string>;
  /** User id -> password (passwords are not a User field). */
  passwords: Map<string, string>;
  /** Profile-owned permission set id -> profile. */
  profileOwnedPermissionSets: Map<string, PermissionContainerDef>;
  /** Profile id -> its owned permission set id. */
  profilePermissionSetIds: Map<string, string>;
  /**
   * The org's Automated Process user (scheduled paths run as it). It is in neither `userIds` nor
   * `passwords`: it cannot log in.
   */
  automatedProcessUserId: string;
  /** The hidden profile of the Automated Process user, for the security model (no Profile row is seeded). */
  automatedProcessProfile: PermissionContainerDef;
  counts: Record<string, number>;
}

/** The user created when no user definition files are given. */
export const DEFAULT_ADMIN: UserDef = {
  Username: 'admin@postflight.test',
  LastName: 'Admin',
  FirstName: 'Postflight',
  Email: 'admin@postflight.test',
  Alias: 'admin',
  profileName: 'System Administrator',
  permsets: [],
  password: 'postflight',
  extra: {},
  source: 'default',
};

export class SystemRecordSeeder {
  private readonly counts: Record<string, number> = {};
  private auditUserId = '';

  constructor(private readonly schema: OrgSchema, private readonly store: StorePort, private readonly options: SeedOptions) {}

  seed(): SeedResult {
    const result: SeedResult = {
      userIds: new Map(), passwords: new Map(), profileOwnedPermissionSets: new Map(), profilePermissionSetIds: new Map(),
      automatedProcessUserId: AUTOMATED_PROCESS_USER_ID, automatedProcessProfile: automatedProcessProfile(), counts: this.counts,
    };
    const users = this.options.users.length > 0 ? this.options.users : [DEFAULT_ADMIN];
    const userIds = users.map(() => this.options.minter.next('005'));
    this.auditUserId = userIds[0] ?? '';
    this.store.transaction(() => {
      this.seedOrganization();
      this.seedRoles();
      this.seedProfiles(result);
      this.seedPermissionSets();
      this.seedCustomPermissions();
      this.seedRecordTypes();
      this.seedCustomMetadataRecords();
      users.forEach((def, i) => this.seedUser(def, userIds[i]!, result));
      this.seedAutomatedProcessUser(result);
      this.seedGroups();
      this.seedPermissionRows(result);
      this.seedTooling();
      if (this.options.jobsFile) this.seedJobs(this.options.jobsFile, result);
    });
    return result;
  }

  // ------------------------------------------------------------------------------------------

  private insert(object: string, record: WireRecord): void {
    const def = this.schema.objects.get(object.toLowerCase());
    if (!def) return;
    const row: WireRecord = {};
    const now = formatDateTime(this.options.now);
    const defaults: WireRecord = {
      CreatedDate: now, LastModifiedDate: now, SystemModstamp: now,
      CreatedById: this.auditUserId, LastModifiedById: this.auditUserId, OwnerId: this.auditUserId, IsDeleted: false,
    };
    for (const [name, value] of Object.entries({ ...defaults, ...record })) {
      const field = def.fields.get(name.toLowerCase());
      if (field || name === 'Id') row[field?.name ?? name] = value;
    }
    this.store.insert(def.name, row);
    this.counts[def.name] = (this.counts[def.name] ?? 0) + 1;
  }

  private seedOrganization(): void {
    this.insert('Organization', {
      Id: this.options.orgId, Name: this.options.orgName, IsSandbox: this.options.isSandbox,
      OrganizationType: 'Developer Edition', InstanceName: 'EMU1', TimeZoneSidKey: 'GMT',
      DefaultLocaleSidKey: 'en_US', LanguageLocaleKey: 'en_US', Country: 'US', FiscalYearStartMonth: 1,
      NamespacePrefix: null,
    });
  }

  private seedRoles(): void {
    for (const role of this.schema.roles.values()) {
      const parent = role.parentRole ? this.schema.roles.get(role.parentRole.toLowerCase()) : undefined;
      this.insert('UserRole', { Id: role.id, Name: role.label, DeveloperName: role.name, ParentRoleId: parent?.id ?? null });
    }
  }

  private seedProfiles(result: SeedResult): void {
    for (const profile of this.schema.profiles.values()) {
      // Profile.Name is what the UI shows ("System Administrator"), i.e. the metadata label.
      this.insert('Profile', { Id: profile.id, Name: profile.label, UserType: 'Standard', ...permissionColumns(profile) });
      const ownedId = stableId('0PS', `profile:${profile.name}`);
      result.profileOwnedPermissionSets.set(ownedId, profile);
      result.profilePermissionSetIds.set(profile.id, ownedId);
      // A profile's own permission set is named after the profile id with an X prefix, as in Salesforce.
      this.insert('PermissionSet', {
        Id: ownedId, Name: `X${profile.id.slice(0, 15)}`, Label: profile.label, IsOwnedByProfile: true, IsCustom: !profile.builtIn,
        ProfileId: profile.id, Type: 'Profile', ...permissionColumns(profile),
      });
    }
  }

  private seedPermissionSets(): void {
    for (const set of this.schema.permissionSets.values()) {
      if (set.kind === 'PermissionSetGroup') {
        // Always 'Updated': a real org shows 'Outdated' (then 'Updating') while it recalculates a group whose
        // members changed; a loaded project is one deploy, recalculated before the first request.
        this.insert('PermissionSetGroup', { Id: set.id, DeveloperName: set.name, MasterLabel: set.label, Status: 'Updated', Language: 'en_US' });
        // Every group has an aggregate permission set of type Group; its permission columns and its
        // ObjectPermissions/FieldPermissions rows show what the group grants after muting.
        this.insert('PermissionSet', {
          Id: groupPermissionSetId(set.name), Name: set.name, Label: set.label, IsOwnedByProfile: false, IsCustom: true,
          PermissionSetGroupId: set.id, Type: 'Group', ...permissionColumns(set),
        });
        continue;
      }
      this.insert('PermissionSet', {
        Id: set.id, Name: set.name, Label: set.label, IsOwnedByProfile: false, IsCustom: !set.builtIn,
        Type: set.builtIn ? 'Standard' : 'Regular', ...permissionColumns(set),
      });
    }
  }

  private seedCustomPermissions(): void {
    for (const permission of this.schema.customPermissions.values()) {
      this.insert('CustomPermission', { Id: permission.id, DeveloperName: permission.name, MasterLabel: permission.label, Language: 'en_US' });
    }
  }

  private seedRecordTypes(): void {
    for (const object of this.schema.objects.values()) {
      for (const rt of object.recordTypes.values()) {
        this.insert('RecordType', { Id: rt.id, Name: rt.label, DeveloperName: rt.developerName, SobjectType: object.name, IsActive: rt.active });
      }
    }
  }

  /**
   * Custom metadata records are deployed with the project, so they are rows from the start: SOQL reads
   * them like any object's (`SELECT DeveloperName, Field__c FROM Type__mdt`), and the data API cannot
   * change them (the object is read-only).
   */
  private seedCustomMetadataRecords(): void {
    for (const record of this.schema.customMetadataRecords?.values() ?? []) {
      this.insert(record.type, {
        Id: record.id, DeveloperName: record.developerName, MasterLabel: record.label, Label: record.label,
        // No namespace in a project deployed as unmanaged metadata: the qualified name is the developer name.
        QualifiedApiName: record.developerName, NamespacePrefix: null, Language: 'en_US',
        ...Object.fromEntries(record.values),
      });
    }
  }

  private seedUser(def: UserDef, id: string, result: SeedResult): void {
    const profile = findProfile(this.schema, def.profileName);
    if (!profile) {
      const known = [...this.schema.profiles.values()].map((p) => p.label);
      throw new MetadataError(def.source, `user ${def.Username} names an unknown profile "${def.profileName}" in profileName (this org has ${choices(known)})`);
    }
    const role = def.role ? this.schema.roles.get(def.role.toLowerCase()) : undefined;
    if (def.role && !role) {
      const known = [...this.schema.roles.values()].map((r) => r.name);
      throw new MetadataError(def.source, `user ${def.Username} names an unknown role "${def.role}" (this org has ${choices(known)})`);
    }
    const alias = def.Alias ?? `${(def.FirstName ?? '').slice(0, 1)}${def.LastName}`.slice(0, 8).toLowerCase();
    this.insert('User', {
      TimeZoneSidKey: 'America/Los_Angeles', LocaleSidKey: 'en_US', EmailEncodingKey: 'UTF-8', LanguageLocaleKey: 'en_US',
      ...def.extra,
      Id: id, Username: def.Username, LastName: def.LastName, FirstName: def.FirstName ?? null,
      Name: [def.FirstName, def.LastName].filter(Boolean).join(' '), Email: def.Email, Alias: alias,
      CommunityNickname: def.Username.split('@')[0], IsActive: true, UserType: 'Standard',
      ProfileId: profile.id, UserRoleId: role?.id ?? null,
    });
    result.userIds.set(def.Username.toLowerCase(), id);
    result.passwords.set(id, def.password);
    // Each user is assigned the permission set their profile owns (visible in PermissionSetAssignment).
    const ownedId = result.profilePermissionSetIds.get(profile.id);
    if (ownedId) this.insert('PermissionSetAssignment', { Id: this.options.minter.next('0Pa'), AssigneeId: id, PermissionSetId: ownedId, IsActive: true });
    for (const name of def.permsets) {
      const set = this.schema.permissionSets.get(name.toLowerCase());
      if (!set) {
        const known = [...this.schema.permissionSets.values()].map((p) => p.name);
        throw new MetadataError(def.source, `user ${def.Username} names an unknown permission set "${name}" in permsets (this org has ${choices(known)})`);
      }
      const isGroup = set.kind === 'PermissionSetGroup';
      this.insert('PermissionSetAssignment', {
        Id: this.options.minter.next('0Pa'), AssigneeId: id, IsActive: true,
        PermissionSetId: isGroup ? groupPermissionSetId(set.name) : set.id,
        PermissionSetGroupId: isGroup ? set.id : null,
      });
    }
  }

  /**
   * Every org has an "Automated Process" user (UserType AutomatedProcess, Alias `autoproc`) that runs
   * scheduled paths, platform-event triggers and other work nobody started: what it creates has
   * CreatedById (and, unless set, OwnerId) = this user, and `$User` reads it. It is an internal user:
   * Setup does not list it and nobody can log in as it (it has no password; `OrgService.startSession`
   * refuses it for the grants that need none).
   *
   * What a real org shows, UNVERIFIED here: Username `autoproc@<org id, 18 characters, lower-cased>`,
   * LastName "Automated Process" with no FirstName (Email here is the username, also UNVERIFIED: Process
   * Automation Settings can point its email elsewhere), and a ProfileId whose Profile cannot be queried
   * (Salesforce knowledge article 000319488: such internal users "do not have normal profiles", so the
   * Profile name is null). The emulator seeds the same: no Profile row, so `$Profile.Name` is null too.
   */
  private seedAutomatedProcessUser(result: SeedResult): void {
    const username = `autoproc@${this.options.orgId.toLowerCase()}`;
    this.insert('User', {
      TimeZoneSidKey: 'GMT', LocaleSidKey: 'en_US', EmailEncodingKey: 'UTF-8', LanguageLocaleKey: 'en_US',
      Id: result.automatedProcessUserId, Username: username, LastName: 'Automated Process', FirstName: null,
      Name: 'Automated Process', Email: username, Alias: 'autoproc', CommunityNickname: 'autoproc', IsActive: true,
      UserType: 'AutomatedProcess', ProfileId: result.automatedProcessProfile.id, UserRoleId: null,
    });
  }

  private seedGroups(): void {
    // Every org has the "All Internal Users" group, and one group per role for role-based sharing.
    this.insert('Group', { Id: stableId('00G', 'AllInternalUsers'), Name: 'All Internal Users', DeveloperName: 'AllInternalUsers', Type: 'Organization', OwnerId: this.options.orgId });
    for (const role of this.schema.roles.values()) {
      this.insert('Group', { Id: stableId('00G', `role:${role.name}`), Name: role.label, DeveloperName: role.name, Type: 'Role', RelatedId: role.id, OwnerId: this.options.orgId });
      this.insert('Group', { Id: stableId('00G', `roleandsub:${role.name}`), Name: role.label, DeveloperName: role.name, Type: 'RoleAndSubordinates', RelatedId: role.id, OwnerId: this.options.orgId });
    }
    // Public groups deployed as metadata (`groups/*.group-meta.xml`) exist with no members: membership is
    // data (GroupMember rows), added by an admin or a release action.
    for (const group of this.schema.publicGroups?.values() ?? []) {
      this.insert('Group', { Id: stableId('00G', `group:${group.name}`), Name: group.label, DeveloperName: group.name, Type: 'Regular', DoesIncludeBosses: group.doesIncludeBosses, OwnerId: this.options.orgId });
    }
  }

  /** FieldPermissions/ObjectPermissions/SetupEntityAccess rows per permission set (profiles via their owned set). */
  private seedPermissionRows(result: SeedResult): void {
    const parents: [string, PermissionContainerDef][] = [];
    for (const [ownedId, profile] of result.profileOwnedPermissionSets) parents.push([ownedId, profile]);
    for (const set of this.schema.permissionSets.values()) {
      parents.push([set.kind === 'PermissionSetGroup' ? groupPermissionSetId(set.name) : set.id, set]);
    }
    for (const [parentId, def] of parents) {
      for (const [key, perms] of def.objectPermissions) {
        const object = this.schema.objects.get(key)?.name ?? key;
        this.insert('ObjectPermissions', {
          Id: this.options.minter.next('110'), ParentId: parentId, SobjectType: object,
          PermissionsCreate: perms.allowCreate, PermissionsRead: perms.allowRead, PermissionsEdit: perms.allowEdit,
          PermissionsDelete: perms.allowDelete, PermissionsViewAllRecords: perms.viewAllRecords, PermissionsModifyAllRecords: perms.modifyAllRecords,
        });
      }
      for (const [key, perms] of def.fieldPermissions) {
        const [objectKey = '', fieldKey = ''] = key.split('.');
        const object = this.schema.objects.get(objectKey);
        const field = object?.fields.get(fieldKey);
        this.insert('FieldPermissions', {
          Id: this.options.minter.next('01k'), ParentId: parentId, SobjectType: object?.name ?? objectKey,
          Field: `${object?.name ?? objectKey}.${field?.name ?? fieldKey}`, PermissionsRead: perms.readable || perms.editable, PermissionsEdit: perms.editable,
        });
      }
      for (const name of def.customPermissions) {
        const permission = this.schema.customPermissions.get(name.toLowerCase());
        if (!permission) continue;
        this.insert('SetupEntityAccess', { Id: this.options.minter.next('0J0'), ParentId: parentId, SetupEntityId: permission.id, SetupEntityType: 'CustomPermission' });
      }
    }
  }

  private seedTooling(): void {
    for (const flow of this.schema.flows.values()) {
      const active = this.options.activeFlowVersion(flow.apiName);
      this.insert('FlowDefinition', {
        Id: flow.definitionId, DeveloperName: flow.apiName, MasterLabel: flow.label, FullName: flow.apiName,
        ActiveVersionId: active > 0 ? flow.versionId : null, LatestVersionId: flow.versionId, ManageableState: 'unmanaged',
        Metadata: JSON.stringify({ activeVersionNumber: active > 0 ? active : null, description: null, masterLabel: flow.label }),
      });
      this.insert('Flow', {
        Id: flow.versionId, DefinitionId: flow.definitionId, MasterLabel: flow.label, VersionNumber: 1,
        Status: active > 0 ? 'Active' : flow.status === 'Active' ? 'Obsolete' : flow.status, ProcessType: flow.processType,
        FullName: `${flow.apiName}-1`, ManageableState: 'unmanaged', RunInMode: 'DefaultMode',
      });
    }
    for (const object of this.schema.objects.values()) {
      if (object.tooling) continue;
      this.insert('EntityDefinition', {
        Id: object.name, DurableId: object.name, QualifiedApiName: object.name, DeveloperName: object.name.replace(/__c$/, ''),
        MasterLabel: object.label, Label: object.label, PluralLabel: object.labelPlural, KeyPrefix: object.keyPrefix || null,
        IsCustomSetting: object.customSetting, IsQueryable: true, IsCustomizable: true,
        InternalSharingModel: object.sharingModel, ExternalSharingModel: object.externalSharingModel ?? object.sharingModel,
      });
      for (const field of object.fields.values()) {
        this.insert('FieldDefinition', {
          Id: `${object.name}.${field.name}`, DurableId: `${object.name}.${field.name}`, QualifiedApiName: field.name,
          EntityDefinitionId: object.name, DeveloperName: field.name.replace(/__c$/, ''), Label: field.label, DataType: field.type,
          Length: field.length, Precision: field.precision, Scale: field.scale, IsNillable: field.nillable,
          IsCalculated: field.formula !== undefined || field.rollup !== undefined, IsCompound: field.type === 'address' || field.type === 'location',
          RelationshipName: field.relationshipName ?? null,
        });
      }
      for (const rule of object.validationRules) {
        this.insert('ValidationRule', {
          Id: rule.id, ValidationName: rule.name, Active: rule.active, Description: rule.description ?? null,
          EntityDefinitionId: object.name, ErrorDisplayField: rule.errorDisplayField ?? null, ErrorMessage: rule.errorMessage,
          ManageableState: 'unmanaged', FullName: rule.fullName,
          Metadata: JSON.stringify({ active: rule.active, errorConditionFormula: rule.errorConditionFormula, errorMessage: rule.errorMessage, errorDisplayField: rule.errorDisplayField ?? null }),
        });
      }
    }
  }

  /** Seeds CronTrigger/CronJobDetail/AsyncApexJob (and the Apex classes they name) from a jobs file. */
  private seedJobs(file: string, result: SeedResult): void {
    const data = readJsonFile(file, 'JSON jobs file') as Record<string, Record<string, unknown>[] | undefined>;
    const userId = (username: unknown): string => {
      const id = typeof username === 'string' ? result.userIds.get(username.toLowerCase()) : undefined;
      if (!id) throw new MetadataError(file, `unknown user "${String(username)}"`);
      return id;
    };
    const classIds = new Map<string, string>();
    const apexClass = (name: string): string => {
      let id = classIds.get(name);
      if (!id) {
        id = this.options.minter.next('01p');
        classIds.set(name, id);
        this.insert('ApexClass', { Id: id, Name: name, ApiVersion: 62, Status: 'Active', IsValid: true });
      }
      return id;
    };
    const cronByName = new Map<string, string>();
    for (const entry of data.CronTrigger ?? []) {
      const { CronJobDetail, Owner, ...fields } = entry;
      const detail = (CronJobDetail ?? {}) as Record<string, unknown>;
      const detailId = this.options.minter.next('08a');
      this.insert('CronJobDetail', { Id: detailId, Name: detail.Name, JobType: detail.JobType });
      const id = this.options.minter.next('08e');
      this.insert('CronTrigger', { ...this.resolveDates(fields, file), Id: id, CronJobDetailId: detailId, OwnerId: userId(Owner), CreatedById: userId(Owner) });
      if (typeof detail.Name === 'string') cronByName.set(detail.Name, id);
    }
    for (const entry of data.AsyncApexJob ?? []) {
      const { ApexClassName, CreatedBy, CronTrigger, ...fields } = entry;
      const row: WireRecord = { ...this.resolveDates(fields, file), Id: this.options.minter.next('707') };
      if (typeof ApexClassName === 'string') row.ApexClassId = apexClass(ApexClassName);
      if (CreatedBy !== undefined) row.CreatedById = userId(CreatedBy);
      if (typeof CronTrigger === 'string') {
        const cronId = cronByName.get(CronTrigger);
        if (!cronId) throw new MetadataError(file, `AsyncApexJob names an unknown CronTrigger "${CronTrigger}"`);
        row.CronTriggerId = cronId;
      }
      this.insert('AsyncApexJob', row);
    }
  }

  /** `$NOW`, `$TODAY`, `$TODAY+1d 02:00` relative to the emulator clock (org/README.md grammar). */
  private resolveDates(fields: Record<string, unknown>, file: string): WireRecord {
    const out: WireRecord = {};
    for (const [name, value] of Object.entries(fields)) {
      if (typeof value !== 'string' || !value.startsWith('$')) {
        out[name] = value;
        continue;
      }
      const match = /^\$(NOW|TODAY)([+-]\d+[dhm])?( \d{2}:\d{2})?$/.exec(value);
      if (!match) throw new MetadataError(file, `${name} has an unreadable relative date "${value}"`);
      const [, anchor, offset, time] = match;
      const base = new Date(this.options.now.getTime());
      if (anchor === 'TODAY') base.setUTCHours(0, 0, 0, 0);
      if (offset) {
        const amount = Number(offset.slice(0, -1));
        const unit = offset.slice(-1);
        base.setTime(base.getTime() + amount * (unit === 'd' ? 86_400_000 : unit === 'h' ? 3_600_000 : 60_000));
      }
      if (time) {
        const [hh = '0', mm = '0'] = time.trim().split(':');
        base.setUTCHours(Number(hh), Number(mm), 0, 0);
      }
      out[name] = formatDateTime(base);
    }
    return out;
  }
}

/** The Automated Process user's id: the same in every emulated org, like the metadata ids. */
const AUTOMATED_PROCESS_USER_ID = stableId('005', 'internal:AutomatedProcess');

/**
 * The Automated Process user's hidden profile. The security model needs a profile for every user; this
 * one grants nothing, because the user only ever acts in system context (flows skip CRUD, FLS and
 * sharing), and a real org's version is not in Setup's profile list either. It sets no default record
 * type, so a record it creates without a RecordTypeId gets none (Master), as in a real org until an
 * admin assigns record types to that profile (Salesforce Help, "Assign Record Types to the Automated
 * Process User's Profile"). Its id cannot collide with a project profile's (those hash the file name).
 */
function automatedProcessProfile(): PermissionContainerDef {
  return { ...emptyContainer('Profile', 'AutomatedProcess', 'Automated Process', 'built-in', true), id: stableId('00e', 'internal:AutomatedProcess') };
}

/** The aggregate permission set (type Group) every permission set group has. */
export function groupPermissionSetId(groupName: string): string {
  return stableId('0PS', `group:${groupName}`);
}

/** A profile by API name or label (`Admin` or `System Administrator`), case-insensitive. */
export function findProfile(schema: OrgSchema, name: string): PermissionContainerDef | undefined {
  const wanted = name.toLowerCase();
  return schema.profiles.get(wanted) ?? [...schema.profiles.values()].find((p) => p.label.toLowerCase() === wanted);
}

/** `PermissionsModifyAllData` and friends, for the permission columns of Profile and PermissionSet rows. */
function permissionColumns(def: PermissionContainerDef): WireRecord {
  const out: WireRecord = {};
  for (const permission of def.userPermissions) out[`Permissions${permission}`] = true;
  return out;
}

/** The fix in a user-definition message: the names the org does have (sorted, so the message is stable). */
function choices(names: readonly string[]): string {
  if (names.length === 0) return 'none';
  return [...new Set(names)].sort((a, b) => a.localeCompare(b)).join(', ');
}
