/**
 * Finds the metadata files of an SFDX project (`sfdx-project.json` -> `packageDirectories[].path`)
 * and of the overlays layered on top of it, and groups them by component so that later layers can
 * replace, extend or delete what earlier layers declared.
 *
 * Overlay convention: a file in an overlay replaces the same component of the layers below it (for
 * profiles and permission sets, its entries merge over theirs). A file named like the component plus
 * `.deleted` (e.g. `objects/Opportunity/fields/Discount__c.field-meta.xml.deleted`, content ignored)
 * removes that component; for `<Obj>.object-meta.xml.deleted` the whole object goes, fields included.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { basename, join, relative, resolve } from 'node:path';
import { MetadataError } from './metadata-error.js';
import { readJsonFile } from './json-file.js';
import type { LoadReport } from './load-problems.js';

export interface ProjectFile {
  /** Absolute path. */
  path: string;
  /** Path shown in error messages. */
  shownAs: string;
  /** 0 for the project, 1.. for overlays in order. */
  layer: number;
  /** A `.deleted` marker rather than content. */
  deleted: boolean;
}

/** All the files that declared one component, lowest layer first. */
export type FileStack = ProjectFile[];

export interface ObjectFiles {
  /** Canonical API name as spelled by the folder. */
  name: string;
  objectFile: FileStack;
  fields: Map<string, { name: string; files: FileStack }>;
  recordTypes: Map<string, { name: string; files: FileStack }>;
  validationRules: Map<string, { name: string; files: FileStack }>;
  businessProcesses: Map<string, { name: string; files: FileStack }>;
}

export interface ProjectInventory {
  objects: Map<string, ObjectFiles>;
  /** Components outside objects, by kind -> lower-cased name -> files. */
  components: Map<ComponentKind, Map<string, { name: string; files: FileStack }>>;
  /** Metadata types the emulator does not run -> component keys seen. */
  unsupported: Map<string, Set<string>>;
}

/** Components outside `objects/` that the loader reads, by their file suffix (`Name.<suffix>-meta.xml`). */
export const COMPONENT_KINDS = [
  'layout', 'flow', 'profile', 'permissionset', 'permissionsetgroup', 'mutingpermissionset', 'customPermission', 'connectedApp',
  'globalValueSet', 'standardValueSet', 'role', 'group', 'sharingRules', 'workflow', 'md', 'labels', 'label',
] as const;
export type ComponentKind = (typeof COMPONENT_KINDS)[number];
const KIND_BY_SUFFIX = new Map<string, ComponentKind>(COMPONENT_KINDS.map((k) => [k, k]));

/** Object children the loader reads. */
const OBJECT_CHILDREN = new Map<string, 'fields' | 'recordTypes' | 'validationRules' | 'businessProcesses'>([
  ['field', 'fields'],
  ['recordType', 'recordTypes'],
  ['validationRule', 'validationRules'],
  ['businessProcess', 'businessProcesses'],
]);

/** Folders whose sub-folders are single components (a bundle counts once). */
const BUNDLE_FOLDERS = new Set(['lwc', 'aura', 'experiences', 'waveTemplates', 'staticresources']);

const META_SUFFIX = /^(.+)\.([A-Za-z]+)-meta\.xml(\.deleted)?$/;

/**
 * The package directories of an SFDX project (absolute). An overlay may instead be a plain folder laid
 * out like a package directory; then the folder itself is returned.
 */
export function packageDirectories(root: string, requireProject: boolean): string[] {
  const projectFile = join(root, 'sfdx-project.json');
  if (!existsSync(projectFile)) {
    if (requireProject) throw new MetadataError(root, 'no sfdx-project.json here: not an SFDX project');
    if (!existsSync(root) || !statSync(root).isDirectory()) throw new MetadataError(root, 'overlay folder does not exist (check --overlay / SF_EMULATOR_OVERLAYS)');
    return [resolve(root)];
  }
  const project = readJsonFile(projectFile, 'JSON file');
  const dirs = (project as { packageDirectories?: { path?: unknown }[] }).packageDirectories;
  if (!Array.isArray(dirs) || dirs.length === 0) throw new MetadataError(projectFile, 'has no packageDirectories');
  return dirs.map((entry, i) => {
    if (typeof entry.path !== 'string') throw new MetadataError(projectFile, `packageDirectories[${i}] has no path`);
    const dir = resolve(root, entry.path);
    if (!existsSync(dir)) throw new MetadataError(projectFile, `package directory "${entry.path}" does not exist`);
    return dir;
  });
}

/** A file at fault (a child file outside its object folder, a duplicate) is reported to `report` and left out; without a report it throws. */
export function collectProjectFiles(source: string, overlays: readonly string[], report?: LoadReport): ProjectInventory {
  const inventory: ProjectInventory = {
    objects: new Map(),
    components: new Map(COMPONENT_KINDS.map((k) => [k, new Map()])),
    unsupported: new Map(),
  };
  const layers = [{ root: source, project: true }, ...overlays.map((root) => ({ root, project: false }))];
  layers.forEach(({ root, project }, layer) => {
    const label = layer === 0 ? '' : `${basename(resolve(root))}/`;
    let metadataFiles = 0;
    for (const dir of packageDirectories(root, project)) {
      walk(dir, (path) => {
        if (META_SUFFIX.test(basename(path))) metadataFiles += 1;
        const shownAs = layer === 0 ? relative(resolve(source), path) : label + relative(resolve(root), path);
        if (report) report.attempt(() => classify(inventory, path, shownAs, layer));
        else classify(inventory, path, shownAs, layer);
      });
    }
    // An overlay that changes nothing is a wrong path (its parent folder, a typo'd subfolder), not a regression
    // rehearsal: a run with it would pass and prove nothing.
    if (!project && metadataFiles === 0 && !existsSync(join(root, 'jobs.json'))) {
      const problem = new MetadataError(root, 'overlay holds no metadata files (*-meta.xml laid out like a package directory, e.g. objects/Account/fields/X__c.field-meta.xml) and no jobs.json, so it would change nothing; point at the overlay folder itself');
      if (report) report.fail(problem);
      else throw problem;
    }
  });
  return inventory;
}

function walk(dir: string, visit: (path: string) => void): void {
  const entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) walk(path, visit);
    else if (entry.isFile()) visit(path);
  }
}

function classify(inventory: ProjectInventory, path: string, shownAs: string, layer: number): void {
  const segments = shownAs.split(/[\\/]/);
  const bundleAt = segments.findIndex((s) => BUNDLE_FOLDERS.has(s));
  if (bundleAt >= 0 && bundleAt < segments.length - 2) {
    // lwc/myButton/myButton.js etc.: one component per folder.
    countUnsupported(inventory, segments[bundleAt] ?? 'bundle', segments[bundleAt + 1] ?? '');
    return;
  }
  const fileName = segments[segments.length - 1] ?? '';
  const match = META_SUFFIX.exec(fileName);
  if (!match) return; // .cls, .js, .json, README: their -meta.xml (if any) stands for them.
  const rawName = match[1] ?? '';
  const suffix = match[2] ?? '';
  const file: ProjectFile = { path, shownAs, layer, deleted: match[3] !== undefined };
  // File names URL-encode characters that file systems dislike (`Custom%3A Sales Profile`).
  const name = decodeName(rawName);

  if (suffix === 'object') {
    objectFiles(inventory, name).objectFile.push(checkLayer(file, objectFiles(inventory, name).objectFile));
    return;
  }
  const childKind = OBJECT_CHILDREN.get(suffix);
  if (childKind) {
    const objectName = segments[segments.length - 3];
    if (!objectName || segments[segments.length - 4] !== 'objects') {
      throw new MetadataError(shownAs, `a ${suffix} file must be in objects/<Object>/${childKind}/`);
    }
    const bucket = objectFiles(inventory, objectName)[childKind];
    const key = name.toLowerCase();
    const entry = bucket.get(key) ?? { name, files: [] };
    entry.files.push(checkLayer(file, entry.files));
    bucket.set(key, entry);
    return;
  }
  const kind = KIND_BY_SUFFIX.get(suffix);
  if (kind) {
    const bucket = inventory.components.get(kind);
    if (!bucket) return;
    // Every package directory may have its own CustomLabels file; a deploy merges them label by label.
    const key = kind === 'labels' ? shownAs.toLowerCase() : name.toLowerCase();
    const entry = bucket.get(key) ?? { name, files: [] };
    entry.files.push(checkLayer(file, entry.files));
    bucket.set(key, entry);
    return;
  }
  countUnsupported(inventory, suffix, segments.slice(0, -1).join('/') + '/' + name);
}

/** Two package directories of the same project declaring one component is a deploy error in Salesforce too. */
function checkLayer(file: ProjectFile, stack: FileStack): ProjectFile {
  const clash = stack.find((f) => f.layer === file.layer && f.deleted === file.deleted);
  if (clash) throw new MetadataError(file.shownAs, `declares the same component as ${clash.shownAs}`);
  return file;
}

function objectFiles(inventory: ProjectInventory, name: string): ObjectFiles {
  const key = name.toLowerCase();
  let entry = inventory.objects.get(key);
  if (!entry) {
    entry = { name, objectFile: [], fields: new Map(), recordTypes: new Map(), validationRules: new Map(), businessProcesses: new Map() };
    inventory.objects.set(key, entry);
  }
  return entry;
}

function countUnsupported(inventory: ProjectInventory, type: string, key: string): void {
  const seen = inventory.unsupported.get(type) ?? new Set<string>();
  seen.add(key.toLowerCase());
  inventory.unsupported.set(type, seen);
}

function decodeName(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}

/**
 * The files that still count after deletions: everything above the highest `.deleted` marker.
 * Empty when the top layer deleted the component.
 */
export function effectiveFiles(stack: FileStack): ProjectFile[] {
  const sorted = [...stack].sort((a, b) => a.layer - b.layer || Number(a.deleted) - Number(b.deleted));
  let start = 0;
  sorted.forEach((f, i) => {
    if (f.deleted) start = i + 1;
  });
  return sorted.slice(start);
}

/** The one file that defines a replace-style component (fields, flows, layouts, ...), if any. */
export function topFile(stack: FileStack): ProjectFile | undefined {
  const files = effectiveFiles(stack);
  return files[files.length - 1];
}
