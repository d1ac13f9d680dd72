/**
 * Which of the project's components the release contains. With no manifest, the whole project is the
 * release. With a `package.xml`, its members (`*` for every component of a type; a CustomObject member
 * brings its fields, rules, record types). With `sf project deploy report --json`, only what the deployment
 * created or changed: `result.details.componentSuccesses[]` rows (`componentType`, `fullName`, `created`,
 * `changed`, `deleted`, flags as booleans or the strings "true"/"false"; one row may come as an object, not
 * a list), falling back on the CLI's `result.files[]` (`type`, `fullName`, `state`). Rows repeat for one
 * component and a `package.xml` pseudo-row is not a component, so rows are merged by type and name.
 */
import { readFileSync } from 'node:fs';
import { componentKey, isCoveredKind } from './components.js';
import { indexById, type Inventory, type LeftOut, type ReleaseComponent } from './inventory.js';
import { ProjectReadError, readMetadataXml, list, text, texts } from './metadata-xml.js';

export type ScopeSource = { kind: 'project' } | { kind: 'manifest'; file: string } | { kind: 'deploy-report'; file: string; deployId?: string; checkOnly: boolean; status?: string };

export interface ReleaseScope {
  source: ScopeSource;
  /** `Type:FullName` of each component the manifest or report names, with what happened to it. */
  members: Map<string, { id: string; state: 'listed' | 'created' | 'changed' }>;
  /** Types named with `*` in a manifest. */
  wildcards: Set<string>;
  /** CustomObject members of a manifest (lower-cased): their fields, rules and record types are in the release too. */
  objects: Set<string>;
  /** Components the deployment sent but the org already held as they were. */
  unchanged: string[];
  deleted: string[];
}

export interface ScopedInventory {
  source: ScopeSource;
  components: ReleaseComponent[];
  leftOut: LeftOut[];
  /** Counted kinds the manifest or report names that the project does not have. */
  notInProject: string[];
  unchanged: string[];
  deleted: string[];
}

export const WHOLE_PROJECT: ReleaseScope = { source: { kind: 'project' }, members: new Map(), wildcards: new Set(), objects: new Set(), unchanged: [], deleted: [] };

export function readManifest(file: string): ReleaseScope {
  const pkg = readMetadataXml(file, file, 'Package');
  const scope: ReleaseScope = { source: { kind: 'manifest', file }, members: new Map(), wildcards: new Set(), objects: new Set(), unchanged: [], deleted: [] };
  for (const type of list(pkg, 'types')) {
    const name = text(type, 'name');
    if (!name) throw new ProjectReadError(file, 'has a <types> element without a <name>');
    for (const member of texts(type, 'members')) {
      const id = memberId(name, member);
      if (member === '*') scope.wildcards.add(name);
      else if (name === 'CustomObject') scope.objects.add(id.slice(name.length + 1).toLowerCase());
      else scope.members.set(componentKey(id), { id, state: 'listed' });
    }
  }
  return scope;
}

interface DeployRow {
  componentType?: unknown;
  type?: unknown;
  fullName?: unknown;
  created?: unknown;
  changed?: unknown;
  deleted?: unknown;
  state?: unknown;
  success?: unknown;
}

export function readDeployReport(file: string): ReleaseScope {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new ProjectReadError(file, `is not a JSON deploy report (${(error as Error).message})`);
  }
  const root = json as { result?: Record<string, unknown> } & Record<string, unknown>;
  const result = (root.result ?? root) as { id?: unknown; checkOnly?: unknown; status?: unknown; details?: { componentSuccesses?: unknown }; files?: unknown };
  const successes = result.details?.componentSuccesses;
  let rows: { type: string; fullName: string; created: boolean; changed: boolean; deleted: boolean }[];
  if (successes !== undefined) {
    rows = (Array.isArray(successes) ? successes : [successes]).map((row: DeployRow) => ({
      type: String(row.componentType ?? ''),
      fullName: String(row.fullName ?? ''),
      created: flag(row.created),
      changed: flag(row.changed),
      deleted: flag(row.deleted),
    }));
  } else if (Array.isArray(result.files)) {
    rows = (result.files as DeployRow[])
      .filter((f) => f.state !== 'Failed')
      .map((f) => ({ type: String(f.type ?? ''), fullName: String(f.fullName ?? ''), created: f.state === 'Created', changed: f.state === 'Changed', deleted: f.state === 'Deleted' }));
  } else {
    throw new ProjectReadError(file, 'has neither result.details.componentSuccesses nor result.files: is it the output of `sf project deploy report --json`?');
  }
  const merged = new Map<string, { id: string; created: boolean; changed: boolean; deleted: boolean }>();
  for (const row of rows) {
    if (!row.type || !row.fullName || row.fullName === 'package.xml') continue;
    const id = memberId(row.type, row.fullName);
    const known = merged.get(componentKey(id));
    if (known) {
      known.created ||= row.created;
      known.changed ||= row.changed;
      known.deleted ||= row.deleted;
    } else merged.set(componentKey(id), { id, created: row.created, changed: row.changed, deleted: row.deleted });
  }
  const scope: ReleaseScope = {
    source: {
      kind: 'deploy-report',
      file,
      deployId: typeof result.id === 'string' ? result.id : undefined,
      checkOnly: flag(result.checkOnly),
      status: typeof result.status === 'string' ? result.status : undefined,
    },
    members: new Map(),
    wildcards: new Set(),
    objects: new Set(),
    unchanged: [],
    deleted: [],
  };
  for (const [key, row] of merged) {
    if (row.deleted) scope.deleted.push(row.id);
    else if (row.created || row.changed) scope.members.set(key, { id: row.id, state: row.created ? 'created' : 'changed' });
    else scope.unchanged.push(row.id);
  }
  return scope;
}

/** The project's components the release contains; the left-out list keeps only those in the release. */
export function scopeInventory(inventory: Inventory, scope: ReleaseScope): ScopedInventory {
  const base = { source: scope.source, unchanged: scope.unchanged.sort(), deleted: scope.deleted.sort() };
  if (scope.source.kind === 'project') return { ...base, components: inventory.counted, leftOut: inventory.leftOut, notInProject: [] };
  const inRelease = (item: { id: string }) => {
    const [type = '', fullName = ''] = splitId(item.id);
    if (scope.wildcards.has(type)) return true;
    if (scope.members.has(componentKey(item.id))) return true;
    // A custom object's children (fields, rules, record types) travel with it; its layouts are components of their own.
    const object = ['CustomField', 'ValidationRule', 'RecordType'].includes(type) ? fullName.split('.')[0] : undefined;
    return object !== undefined && scope.objects.has(object.toLowerCase());
  };
  const known = new Set([...indexById(inventory.counted).keys(), ...indexById(inventory.leftOut).keys()]);
  const notInProject = [...scope.members.values()]
    .map((m) => m.id)
    .filter((id) => isCoveredKind(splitId(id)[0]) && !known.has(componentKey(id)))
    .sort();
  return {
    ...base,
    components: inventory.counted.filter(inRelease),
    leftOut: inventory.leftOut.filter(inRelease),
    notInProject,
  };
}

function splitId(id: string): [string, string] {
  const at = id.indexOf(':');
  return [id.slice(0, at), id.slice(at + 1)];
}

function flag(value: unknown): boolean {
  return value === true || value === 'true';
}

/**
 * Member names are URL-encoded where a file name could not hold them; flow names from older API versions
 * carry the version (`Closed_Won_Onboarding-3`), which a flow's API name (no hyphens) never does.
 */
function memberId(type: string, member: string): string {
  let name = member;
  try {
    name = decodeURIComponent(member);
  } catch {
    // Not encoded after all: keep it as written.
  }
  return `${type}:${type === 'Flow' ? name.replace(/-\d+$/, '') : name}`;
}
