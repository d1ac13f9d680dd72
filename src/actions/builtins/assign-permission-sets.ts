/**
 * Assigns permission sets (and permission set groups) to the users a query selects, the way CumulusCI's
 * `assign_permission_sets` does (field notes): read the existing PermissionSetAssignments, skip those present,
 * insert the rest through sObject Collections in chunks of 200 with `allOrNone: false`, so one inactive or
 * unlicensed user does not block everybody else. Every user's result goes to the log; any failure fails the
 * action with each failing user's error. The permission sets, groups and users are read together in one
 * composite call (one request each without batching), then the existing assignments.
 *
 * @example
 * releaseActions(assignPermissionSets({
 *   permissionSets: ['Sales_Rep'],
 *   users: "Username IN ('sales.rep@postflight.test', 'sales.manager@postflight.test')",
 * }));
 */
import type { Connection } from '@jsforce/jsforce-node';
import { ActionError, defineAction, type ActionContext, type ReleaseAction } from '../model.js';
import { collectionErrors, formatOrgError, type CollectionSaveResult } from './org-errors.js';
import { PerContext } from './per-context.js';
import { allRecordsOf, queryRequest, recordsOf, sendTogether } from '../../salesforce/composite.js';
import { collectionChunks, inGroups, isSelectStatement, soqlList } from './soql.js';
import { defaultActionId } from './action-id.js';
import { InvalidActionError } from '../../config/input-error.js';

export interface AssignPermissionSetsOptions {
  /** Permission set API names (PermissionSet.Name) or permission set group API names (PermissionSetGroup.DeveloperName). */
  permissionSets: string[];
  /** A WHERE clause on User (`Username IN (...)`, `Profile.Name = 'Standard User' AND IsActive = true`) or a whole query selecting User Ids. */
  users: string;
  id?: string;
  description?: string;
}

interface Grant {
  /** The API name the release author wrote. */
  name: string;
  id: string;
  /** Permission set groups are assigned through PermissionSetAssignment.PermissionSetGroupId. */
  kind: 'permissionSet' | 'group';
}

interface SelectedUser {
  id: string;
  label: string;
}

interface Plan {
  users: SelectedUser[];
  missing: Array<{ user: SelectedUser; grant: Grant }>;
  present: number;
}

export function assignPermissionSets(options: AssignPermissionSetsOptions): ReleaseAction {
  const names = [...new Set(options.permissionSets.map((n) => n.trim()).filter(Boolean))];
  if (names.length === 0) throw new InvalidActionError('assignPermissionSets: name at least one permission set');
  if (!options.users.trim()) throw new InvalidActionError('assignPermissionSets: users must be a WHERE clause on User or a query selecting User Ids');
  const id = options.id ?? defaultActionId('assign-permission-sets', names.join('.'));
  const seen = new PerContext<Plan>();

  const plan = async (ctx: ActionContext): Promise<Plan> => {
    const { grants, users } = await readGrantsAndUsers(ctx, id, names, options.users);
    const existing = await existingAssignments(ctx.conn, users, grants);
    const missing: Plan['missing'] = [];
    for (const user of users) {
      for (const grant of grants) if (!existing.has(`${user.id}:${grant.id}`)) missing.push({ user, grant });
    }
    return { users, missing, present: users.length * grants.length - missing.length };
  };

  return defineAction({
    id,
    description: options.description ?? `Permission sets ${names.join(', ')} are assigned to users where ${options.users}`,
    check: async (ctx) => {
      const p = seen.keep(ctx, await plan(ctx));
      const lacking = new Set(p.missing.map((m) => m.user.label));
      return {
        // No user selected is not "done": a query that matches nobody is almost always a mistake in production.
        done: p.users.length > 0 && p.missing.length === 0,
        detail:
          p.users.length === 0
            ? `no user matches: ${options.users}`
            : `${p.users.length} users selected, ${p.present} assignments present, ${p.missing.length} missing${lacking.size ? ` (${[...lacking].join(', ')})` : ''}`,
        pending: `insert ${p.missing.length} permission set assignments for ${lacking.size} users`,
      };
    },
    apply: async (ctx) => {
      const p = seen.take(ctx) ?? (await plan(ctx));
      if (p.users.length === 0) throw new ActionError(id, `no user matches "${options.users}"; nothing to assign`);
      return insertAssignments(ctx, id, p);
    },
  });
}

function permissionSetsQuery(names: string[]): string {
  // Profiles own a hidden permission set each; IsOwnedByProfile = false keeps to real permission sets.
  return `SELECT Id, Name FROM PermissionSet WHERE IsOwnedByProfile = false AND Name IN ${soqlList(names)}`;
}

function groupsQuery(names: string[]): string {
  return `SELECT Id, DeveloperName FROM PermissionSetGroup WHERE DeveloperName IN ${soqlList(names)}`;
}

function usersQuery(users: string): string {
  return isSelectStatement(users) ? users : `SELECT Id, Username FROM User WHERE ${users}`;
}

/** The grants and the users do not depend on each other: with batching, one composite call reads them all. */
async function readGrantsAndUsers(ctx: ActionContext, actionId: string, names: string[], users: string): Promise<{ grants: Grant[]; users: SelectedUser[] }> {
  if (ctx.batching === false) {
    const grants = await findGrants(ctx.conn, actionId, names);
    const rows = (await ctx.conn.query<Record<string, unknown>>(usersQuery(users), { autoFetch: true, maxFetch: 50_000 })).records;
    return { grants, users: selectedUsers(rows) };
  }
  // Every name is also looked up as a group here: in the same request, it costs nothing more.
  const answers = await sendTogether(
    ctx.conn,
    [queryRequest('sets', permissionSetsQuery(names)), queryRequest('groups', groupsQuery(names)), queryRequest('users', usersQuery(users))],
    { batching: true },
  );
  return {
    grants: grantsNamed(actionId, names, recordsOf<{ Id: string; Name: string }>(answers.sets), recordsOf<{ Id: string; DeveloperName: string }>(answers.groups)),
    users: selectedUsers(await allRecordsOf<Record<string, unknown>>(ctx.conn, answers.users)),
  };
}

async function findGrants(conn: Connection, actionId: string, names: string[]): Promise<Grant[]> {
  const sets = await conn.query<{ Id: string; Name: string }>(permissionSetsQuery(names));
  const rest = names.filter((n) => !sets.records.some((row) => row.Name.toLowerCase() === n.toLowerCase()));
  // Only names that are not permission sets are looked up as groups: one read fewer in the usual case.
  const groups = rest.length > 0 ? (await conn.query<{ Id: string; DeveloperName: string }>(groupsQuery(rest))).records : [];
  return grantsNamed(actionId, names, sets.records, groups);
}

function grantsNamed(actionId: string, names: string[], sets: { Id: string; Name: string }[], groups: { Id: string; DeveloperName: string }[]): Grant[] {
  const found = new Map<string, Grant>();
  // A permission set wins over a group of the same name, as the lookup order always had it.
  for (const row of groups) found.set(row.DeveloperName.toLowerCase(), { name: row.DeveloperName, id: row.Id, kind: 'group' });
  for (const row of sets) found.set(row.Name.toLowerCase(), { name: row.Name, id: row.Id, kind: 'permissionSet' });
  const unknown = names.filter((n) => !found.has(n.toLowerCase()));
  if (unknown.length > 0) throw new ActionError(actionId, `the org has no permission set or permission set group named ${unknown.join(', ')}`);
  return names.map((n) => found.get(n.toLowerCase()) as Grant);
}

function selectedUsers(rows: Record<string, unknown>[]): SelectedUser[] {
  const selected = new Map<string, SelectedUser>();
  for (const row of rows) {
    // A custom query may select the user id under another name (`SELECT AssigneeId FROM ...`): take Id, else the first id-like value.
    const userId = typeof row['Id'] === 'string' ? row['Id'] : Object.values(row).find((v): v is string => typeof v === 'string' && /^005[A-Za-z0-9]{12}(?:[A-Za-z0-9]{3})?$/.test(v));
    if (!userId) throw new Error(`the users query must select User Ids; this row has none: ${JSON.stringify(row)}`);
    selected.set(userId, { id: userId, label: typeof row['Username'] === 'string' ? row['Username'] : userId });
  }
  return [...selected.values()];
}

async function existingAssignments(conn: Connection, users: SelectedUser[], grants: Grant[]): Promise<Set<string>> {
  const present = new Set<string>();
  if (users.length === 0) return present;
  const setIds = grants.filter((g) => g.kind === 'permissionSet').map((g) => g.id);
  const groupIds = grants.filter((g) => g.kind === 'group').map((g) => g.id);
  const grantFilter = [
    setIds.length ? `PermissionSetId IN ${soqlList(setIds)}` : undefined,
    groupIds.length ? `PermissionSetGroupId IN ${soqlList(groupIds)}` : undefined,
  ].filter(Boolean);
  const fields = groupIds.length ? 'AssigneeId, PermissionSetId, PermissionSetGroupId' : 'AssigneeId, PermissionSetId';
  for (const group of inGroups(users.map((u) => u.id))) {
    const result = await conn.query<{ AssigneeId: string; PermissionSetId: string; PermissionSetGroupId?: string | null }>(
      `SELECT ${fields} FROM PermissionSetAssignment WHERE AssigneeId IN ${soqlList(group)} AND (${grantFilter.join(' OR ')})`,
      { autoFetch: true, maxFetch: 1_000_000 },
    );
    for (const row of result.records) {
      present.add(`${row.AssigneeId}:${row.PermissionSetId}`);
      if (row.PermissionSetGroupId) present.add(`${row.AssigneeId}:${row.PermissionSetGroupId}`);
    }
  }
  return present;
}

async function insertAssignments(ctx: ActionContext, actionId: string, p: Plan): Promise<string> {
  const perUser = new Map<string, { assigned: string[]; failed: string[] }>();
  const resultOf = (user: SelectedUser) => {
    let entry = perUser.get(user.label);
    if (!entry) perUser.set(user.label, (entry = { assigned: [], failed: [] }));
    return entry;
  };
  for (const chunk of collectionChunks(p.missing)) {
    const records = chunk.map(({ user, grant }) => ({
      AssigneeId: user.id,
      ...(grant.kind === 'group' ? { PermissionSetGroupId: grant.id } : { PermissionSetId: grant.id }),
    }));
    // allOrNone false: one user's refusal (inactive, missing licence) must not undo everybody else's assignment.
    const results = (await ctx.conn.sobject('PermissionSetAssignment').create(records, { allOrNone: false })) as CollectionSaveResult[];
    chunk.forEach(({ user, grant }, i) => {
      const result = results[i];
      if (result?.success) resultOf(user).assigned.push(grant.name);
      else resultOf(user).failed.push(`${grant.name} (${result ? collectionErrors(result).map(formatOrgError).join('; ') : 'no result returned'})`);
    });
  }
  const failures: string[] = [];
  let assigned = 0;
  for (const [label, r] of perUser) {
    assigned += r.assigned.length;
    const line = [r.assigned.length ? `assigned ${r.assigned.join(', ')}` : '', r.failed.length ? `FAILED ${r.failed.join(', ')}` : ''].filter(Boolean).join('; ');
    ctx.log(`${label}: ${line}`);
    if (r.failed.length) failures.push(`${label}: ${r.failed.join(', ')}`);
  }
  const summary = `${assigned} assignments inserted for ${[...perUser.values()].filter((r) => r.assigned.length).length} users, ${p.present} already present`;
  if (failures.length > 0) {
    throw new ActionError(actionId, `${failures.length} of ${perUser.size} users could not be given their permission sets (${summary}):\n  ${failures.join('\n  ')}`);
  }
  return summary;
}
