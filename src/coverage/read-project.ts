/**
 * Reads an SFDX project (source format) into what release coverage needs: `sfdx-project.json` names the
 * package directories, and each metadata file is recognised by its suffix and folder, as the Salesforce CLI
 * does (`objects/<Object>/fields/<Field>.field-meta.xml`). A component in a later package directory replaces
 * one of the same name in an earlier one.
 *
 * @example
 * const project = readSfdxProject('org');
 * project.flows.get('closed_won_onboarding')?.start?.triggerType; // 'RecordAfterSave'
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { bool, child, list, ProjectReadError, readMetadataXml, text, texts, type XmlNode } from './metadata-xml.js';
import type {
  FieldGrant,
  FlowDef,
  FlowFilter,
  FlowStart,
  FlowValue,
  LayoutDef,
  ObjectAccess,
  PermissionContainer,
  PermissionSetGroupDef,
  ProjectField,
  ProjectObject,
  SfdxProject,
  ValidationRuleDef,
} from './project-model.js';

interface MetadataFile {
  full: string;
  /** Relative to the project root, for messages. */
  shown: string;
  base: string;
  /** The folder above the file's own folder: the object of a field, rule or record type. */
  owner: string;
}

export function readSfdxProject(root: string): SfdxProject {
  const projectFile = path.join(root, 'sfdx-project.json');
  if (!existsSync(projectFile)) throw new ProjectReadError(root, 'is not an SFDX project (no sfdx-project.json)');
  let packageDirectories: string[];
  try {
    const json = JSON.parse(readFileSync(projectFile, 'utf8')) as { packageDirectories?: { path?: unknown }[] };
    packageDirectories = (json.packageDirectories ?? []).map((d) => d.path).filter((p): p is string => typeof p === 'string');
  } catch (error) {
    throw new ProjectReadError(path.join(root, 'sfdx-project.json'), `is not valid JSON (${(error as Error).message})`);
  }
  if (packageDirectories.length === 0) throw new ProjectReadError(path.join(root, 'sfdx-project.json'), 'names no packageDirectories');

  const project: SfdxProject = {
    root,
    packageDirectories,
    objects: new Map(),
    validationRules: new Map(),
    flows: new Map(),
    permissionSets: new Map(),
    mutingPermissionSets: new Map(),
    permissionSetGroups: new Map(),
    profiles: new Map(),
    recordTypes: new Map(),
    layouts: new Map(),
  };
  const files: MetadataFile[] = [];
  for (const dir of packageDirectories) {
    const full = path.resolve(root, dir);
    if (!existsSync(full)) throw new ProjectReadError(path.join(root, 'sfdx-project.json'), `names the package directory ${dir}, which does not exist`);
    walk(full, root, files);
  }
  const globalValueSets = new Map<string, string[]>();
  for (const file of files.filter((f) => f.base.endsWith('.globalValueSet-meta.xml'))) {
    const node = readMetadataXml(file.full, file.shown, 'GlobalValueSet');
    globalValueSets.set(nameOf(file, '.globalValueSet-meta.xml').toLowerCase(), activeValues(list(node, 'customValue')));
  }
  const objectOf = (name: string): ProjectObject => {
    const key = name.toLowerCase();
    let object = project.objects.get(key);
    if (!object) project.objects.set(key, (object = { name, label: name, configuration: false, fields: new Map() }));
    return object;
  };

  for (const file of files) {
    const { base } = file;
    if (base.endsWith('.object-meta.xml')) {
      const node = readMetadataXml(file.full, file.shown, 'CustomObject');
      const object = objectOf(nameOf(file, '.object-meta.xml'));
      object.label = text(node, 'label') ?? object.name;
      object.configuration = text(node, 'customSettingsType') !== undefined || object.name.endsWith('__mdt');
      object.nameFieldType = text(child(node, 'nameField'), 'type');
      object.file = file.shown;
    } else if (base.endsWith('.field-meta.xml')) {
      const field = readField(file, globalValueSets);
      objectOf(field.object).fields.set(field.name.toLowerCase(), field);
    } else if (base.endsWith('.validationRule-meta.xml')) {
      const rule = readValidationRule(file);
      project.validationRules.set(rule.fullName.toLowerCase(), rule);
    } else if (base.endsWith('.recordType-meta.xml')) {
      const node = readMetadataXml(file.full, file.shown, 'RecordType');
      const name = nameOf(file, '.recordType-meta.xml');
      const fullName = `${file.owner}.${name}`;
      project.recordTypes.set(fullName.toLowerCase(), { object: file.owner, name, fullName, label: text(node, 'label') ?? name, active: bool(node, 'active'), file: file.shown });
    } else if (base.endsWith('.flow-meta.xml')) {
      const flow = readFlow(file);
      project.flows.set(flow.name.toLowerCase(), flow);
    } else if (base.endsWith('.permissionset-meta.xml')) {
      const set = readContainer(file, 'PermissionSet', '.permissionset-meta.xml');
      project.permissionSets.set(set.name.toLowerCase(), set);
    } else if (base.endsWith('.mutingpermissionset-meta.xml')) {
      const set = readContainer(file, 'MutingPermissionSet', '.mutingpermissionset-meta.xml');
      project.mutingPermissionSets.set(set.name.toLowerCase(), set);
    } else if (base.endsWith('.profile-meta.xml')) {
      const profile = readContainer(file, 'Profile', '.profile-meta.xml');
      project.profiles.set(profile.name.toLowerCase(), profile);
    } else if (base.endsWith('.permissionsetgroup-meta.xml')) {
      const node = readMetadataXml(file.full, file.shown, 'PermissionSetGroup');
      const name = nameOf(file, '.permissionsetgroup-meta.xml');
      const group: PermissionSetGroupDef = {
        name,
        label: text(node, 'label') ?? name,
        permissionSets: texts(node, 'permissionSets'),
        mutingPermissionSets: texts(node, 'mutingPermissionSets'),
        file: file.shown,
      };
      project.permissionSetGroups.set(name.toLowerCase(), group);
    } else if (base.endsWith('.layout-meta.xml')) {
      const layout = readLayout(file);
      project.layouts.set(layout.fullName.toLowerCase(), layout);
    }
  }
  return project;
}

function walk(dir: string, root: string, out: MetadataFile[]): void {
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) walk(full, root, out);
    else if (entry.name.endsWith('-meta.xml')) {
      out.push({ full, shown: path.relative(root, full) || full, base: entry.name, owner: path.basename(path.dirname(path.dirname(full))) });
    }
  }
}

/** File names are the member name, URL-encoded where the name has characters a file name cannot. */
function nameOf(file: MetadataFile, suffix: string): string {
  const raw = file.base.slice(0, -suffix.length);
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}

function activeValues(values: XmlNode[]): string[] {
  const active = values.filter((v) => text(v, 'isActive') !== 'false');
  const defaults = active.filter((v) => bool(v, 'default'));
  return [...defaults, ...active.filter((v) => !bool(v, 'default'))].map((v) => text(v, 'fullName') ?? '').filter(Boolean);
}

function readField(file: MetadataFile, globalValueSets: ReadonlyMap<string, string[]>): ProjectField {
  const node = readMetadataXml(file.full, file.shown, 'CustomField');
  const name = nameOf(file, '.field-meta.xml');
  const type = text(node, 'type') ?? 'Text';
  const valueSet = child(node, 'valueSet');
  const valueSetName = text(valueSet, 'valueSetName');
  const picklistValues = valueSetName
    ? (globalValueSets.get(valueSetName.toLowerCase()) ?? [])
    : activeValues(list(child(valueSet, 'valueSetDefinition'), 'value'));
  const length = text(node, 'length');
  return {
    object: file.owner,
    name,
    fullName: `${file.owner}.${name}`,
    label: text(node, 'label') ?? name,
    type,
    formula: text(node, 'formula') !== undefined,
    required: bool(node, 'required'),
    externalId: bool(node, 'externalId'),
    unique: bool(node, 'unique'),
    length: length === undefined ? undefined : Number(length),
    referenceTo: text(node, 'referenceTo'),
    reparentable: bool(node, 'reparentableMasterDetail'),
    picklistValues,
    defaultValue: text(node, 'defaultValue'),
    file: file.shown,
  };
}

function readValidationRule(file: MetadataFile): ValidationRuleDef {
  const node = readMetadataXml(file.full, file.shown, 'ValidationRule');
  const name = nameOf(file, '.validationRule-meta.xml');
  const display = text(node, 'errorDisplayField');
  return {
    object: file.owner,
    name,
    fullName: `${file.owner}.${name}`,
    active: bool(node, 'active'),
    formula: text(node, 'errorConditionFormula') ?? '',
    errorMessage: text(node, 'errorMessage') ?? '',
    errorDisplayField: display && display !== 'None' ? display : undefined,
    file: file.shown,
  };
}

const FLOW_VALUE_KINDS: Record<string, FlowValue['kind']> = {
  stringValue: 'string',
  booleanValue: 'boolean',
  numberValue: 'number',
  dateValue: 'date',
  dateTimeValue: 'dateTime',
  elementReference: 'reference',
};

function readFlow(file: MetadataFile): FlowDef {
  const node = readMetadataXml(file.full, file.shown, 'Flow');
  const name = nameOf(file, '.flow-meta.xml');
  const startNode = child(node, 'start');
  let start: FlowStart | undefined;
  const object = text(startNode, 'object');
  if (startNode && object) {
    const filters: FlowFilter[] = list(startNode, 'filters').map((f) => {
      const valueNode = child(f, 'value');
      const kind = Object.keys(FLOW_VALUE_KINDS).find((k) => text(valueNode, k) !== undefined);
      return {
        field: text(f, 'field') ?? '',
        operator: text(f, 'operator') ?? '',
        value: kind ? { kind: FLOW_VALUE_KINDS[kind]!, value: text(valueNode, kind)! } : undefined,
      };
    });
    start = {
      object,
      triggerType: text(startNode, 'triggerType'),
      recordTriggerType: text(startNode, 'recordTriggerType'),
      filterLogic: text(startNode, 'filterLogic'),
      filters,
      filterFormula: text(startNode, 'filterFormula'),
      requireChange: bool(startNode, 'doesRequireRecordChangedToMeetCriteria'),
    };
  }
  return {
    name,
    label: text(node, 'label') ?? name,
    status: text(node, 'status') ?? 'Active',
    processType: text(node, 'processType') ?? '',
    start,
    file: file.shown,
  };
}

function readContainer(file: MetadataFile, kind: PermissionContainer['kind'], suffix: string): PermissionContainer {
  const node = readMetadataXml(file.full, file.shown, kind);
  const name = nameOf(file, suffix);
  const fieldPermissions = new Map<string, FieldGrant>();
  for (const p of list(node, 'fieldPermissions')) {
    const field = text(p, 'field');
    if (field) fieldPermissions.set(field.toLowerCase(), { readable: bool(p, 'readable') || bool(p, 'editable'), editable: bool(p, 'editable') });
  }
  const objectPermissions = new Map<string, ObjectAccess>();
  for (const p of list(node, 'objectPermissions')) {
    const object = text(p, 'object');
    if (!object) continue;
    const modifyAll = bool(p, 'modifyAllRecords');
    const viewAll = bool(p, 'viewAllRecords') || modifyAll;
    const edit = bool(p, 'allowEdit') || modifyAll;
    objectPermissions.set(object.toLowerCase(), {
      read: bool(p, 'allowRead') || edit || viewAll || bool(p, 'allowCreate'),
      create: bool(p, 'allowCreate'),
      edit,
      delete: bool(p, 'allowDelete') || modifyAll,
      viewAll,
      modifyAll,
    });
  }
  const recordTypeVisibilities = new Map<string, { visible: boolean; isDefault: boolean }>();
  for (const v of list(node, 'recordTypeVisibilities')) {
    const recordType = text(v, 'recordType');
    if (recordType) recordTypeVisibilities.set(recordType.toLowerCase(), { visible: bool(v, 'visible'), isDefault: bool(v, 'default') });
  }
  return {
    kind,
    name,
    label: text(node, 'label') ?? name,
    fieldPermissions,
    objectPermissions,
    recordTypeVisibilities,
    layoutAssignments: list(node, 'layoutAssignments')
      .map((a) => ({ layout: text(a, 'layout') ?? '', recordType: text(a, 'recordType') }))
      .filter((a) => a.layout),
    userPermissions: new Set(list(node, 'userPermissions').filter((p) => bool(p, 'enabled')).map((p) => text(p, 'name') ?? '')),
    customPermissions: new Set(list(node, 'customPermissions').filter((p) => bool(p, 'enabled')).map((p) => text(p, 'name') ?? '')),
    file: file.shown,
  };
}

function readLayout(file: MetadataFile): LayoutDef {
  const node = readMetadataXml(file.full, file.shown, 'Layout');
  const fullName = nameOf(file, '.layout-meta.xml');
  const fields: LayoutDef['fields'] = [];
  for (const section of list(node, 'layoutSections')) {
    for (const column of list(section, 'layoutColumns')) {
      for (const item of list(column, 'layoutItems')) {
        const field = text(item, 'field');
        if (field) fields.push({ field, behavior: text(item, 'behavior') ?? 'Edit' });
      }
    }
  }
  return { fullName, object: fullName.split('-')[0] ?? fullName, fields, file: file.shown };
}
