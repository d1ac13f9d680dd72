/**
 * Builds the org's objects: the built-in standard, system and tooling objects, extended and joined by
 * the project's objects, fields, standard value sets, business processes, record types and validation
 * rules. Cross-object facts are settled here once everything is read: key prefixes, detail objects,
 * reference targets, roll-up types.
 */
import { applyBusinessProcess, BUSINESS_PROCESS_REPEATABLE, parseBusinessProcess } from './business-process.js';
import { applyStandardFieldFile, CUSTOM_FIELD_REPEATABLE, parseCustomField, UNMODELLED_FIELD_TYPES, type FieldParseContext } from './custom-field.js';
import { applyStandardObjectFile, buildCustomObject, CUSTOM_OBJECT_REPEATABLE, customKeyPrefix, type CustomObjectExtras } from './custom-object.js';
import { parseStandardValueSet, STANDARD_VALUE_SET_FIELDS, VALUE_SET_REPEATABLE } from './global-value-set.js';
import { LoadReport, mayExistOutsideProject } from './load-problems.js';
import { MetadataError } from './metadata-error.js';
import { buildField, buildObject } from './object-table.js';
import { effectiveFiles, topFile, type FileStack, type ObjectFiles, type ProjectInventory } from './project-files.js';
import { parseRecordType, RECORD_TYPE_REPEATABLE } from './record-type.js';
import { STANDARD_OBJECTS } from './standard-objects.js';
import { SYSTEM_OBJECTS } from './system-objects.js';
import { TOOLING_OBJECTS } from './tooling-objects.js';
import type { BusinessProcessDef, FieldDef, FieldType, PicklistValueDef, SObjectDef } from './types.js';
import { parseValidationRule, VALIDATION_RULE_REPEATABLE } from './validation-rule.js';
import { readMetadataXml, text } from './xml.js';

export interface AssembledObjects {
  objects: Map<string, SObjectDef>;
}

export function builtInObjects(): Map<string, SObjectDef> {
  const objects = new Map<string, SObjectDef>();
  for (const row of [...STANDARD_OBJECTS, ...SYSTEM_OBJECTS, ...TOOLING_OBJECTS]) {
    objects.set(row.name.toLowerCase(), buildObject(row, 'standard'));
  }
  return objects;
}

/**
 * Every problem is reported to `report` and its component left out (a reference to it is then not reported
 * again); what a real org has but the emulator does not model (a standard object or field it lacks, an
 * external object, a managed package's object) is listed as degraded, and so is whatever depends on it.
 */
export function assembleObjects(
  inventory: ProjectInventory,
  globalValueSet: (name: string) => PicklistValueDef[] | undefined,
  report: LoadReport,
): AssembledObjects {
  const objects = builtInObjects();
  const extras = new Map<string, CustomObjectExtras>();
  const projectObjects = [...inventory.objects.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));

  // Objects first, so that fields can be checked against every object afterwards.
  const live: [SObjectDef, ObjectFiles][] = [];
  let activityFields: ObjectFiles | undefined;
  for (const [key, files] of projectObjects) {
    const builtIn = objects.get(key);
    if (key === ACTIVITY && !builtIn) {
      activityFields = checkActivityFiles(files, report);
      continue;
    }
    const objectFiles = effectiveFiles(files.objectFile);
    const deleted = files.objectFile.length > 0 && objectFiles.length === 0;
    if (deleted) {
      if (builtIn) report.fail(new MetadataError(files.objectFile[files.objectFile.length - 1]?.shownAs ?? files.name, `standard object ${builtIn.name} cannot be deleted`));
      continue;
    }
    const top = objectFiles[objectFiles.length - 1];
    if (builtIn) {
      if (top) report.attempt(() => applyStandardObjectFile(builtIn, readMetadataXml(top.path, top.shownAs, 'CustomObject', CUSTOM_OBJECT_REPEATABLE), top.shownAs));
      live.push([builtIn, files]);
      continue;
    }
    const notModelled = objectNotModelled(files.name, top !== undefined);
    if (notModelled) {
      degradeObject(report, files, top?.shownAs, notModelled);
      continue;
    }
    if (!top) {
      const someFile = childFiles(files)[0];
      report.fail(new MetadataError(someFile?.shownAs ?? files.name, `object ${files.name} is not a standard object the emulator knows and has no ${files.name}.object-meta.xml`));
      report.broken.add(key);
      continue;
    }
    const built = report.attempt(() => buildCustomObject(files.name, readMetadataXml(top.path, top.shownAs, 'CustomObject', CUSTOM_OBJECT_REPEATABLE), top.shownAs), key);
    if (!built) continue;
    if (built.object.name.endsWith('__e')) {
      report.degrade({
        file: top.shownAs, component: `CustomObject ${built.object.name}`, unsupported: 'platform event delivery',
        fallback: 'publishing (create) stores the event like a record; no trigger or flow subscribed to it runs',
      });
    }
    objects.set(key, built.object);
    extras.set(key, built.extras);
    live.push([built.object, files]);
  }

  for (const [object, files] of live) {
    addFields(object, files, globalValueSet, report);
  }
  if (activityFields) addActivityFields(objects, activityFields, globalValueSet, report);
  // Before business processes, which are checked against the values a standard value set gives.
  applyStandardValueSets(inventory, objects, report);
  assignKeyPrefixes(objects);
  settleDetailObjects(objects);
  checkReferences(objects, report);
  resolveRollups(objects, report);
  addActivityTargets(objects, extras);

  for (const [object, files] of live) {
    addBusinessProcesses(object, files, report);
    addRecordTypes(object, files, report);
    addValidationRules(object, files, report);
  }
  return { objects };
}

function childFiles(files: ObjectFiles): FileStack {
  return [...files.fields.values(), ...files.recordTypes.values(), ...files.validationRules.values(), ...files.businessProcesses.values()]
    .flatMap((c) => c.files);
}

/**
 * Why an object of the project is one a real org has but the emulator does not model, or undefined when
 * it is the emulator's to build (or a deploy would reject it). Objects a real deploy accepts that the
 * emulator lacks: standard objects missing from standard-objects.ts (`Campaign`, `Asset`, ...), a managed
 * package's objects that the project extends (`ns__Thing__c` without its object file), and the object
 * kinds below. Everything else unknown is an error, as in a deploy.
 */
function objectNotModelled(name: string, hasObjectFile: boolean): string | undefined {
  const kind = UNMODELLED_OBJECT_KINDS.find(([suffix]) => name.endsWith(suffix));
  if (kind) return `${kind[1]} the emulator does not model`;
  if (!/__[A-Za-z]+$/.test(name)) return 'a standard object the emulator does not model';
  if (!hasObjectFile && mayExistOutsideProject(name)) return `an object of the managed package "${name.split('__')[0] ?? ''}", not in the project`;
  return undefined;
}

/** Object name suffixes a deploy accepts but the emulator has no model for. */
const UNMODELLED_OBJECT_KINDS: readonly (readonly [string, string])[] = [
  ['__x', 'an external object (Salesforce Connect)'],
  ['__kav', 'a knowledge article type'],
  ['__dlm', 'a Data Cloud object'],
  ['__ChangeEvent', 'a change event'],
  ['__Share', 'a share object'],
  ['__History', 'a field history object'],
  ['__Feed', 'a feed object'],
];

/** One degraded entry for the object; what depends on it is degraded in turn (`report.notModelled`). */
function degradeObject(report: LoadReport, files: ObjectFiles, objectFile: string | undefined, why: string): void {
  const counted: [number, string, string][] = [
    [files.fields.size, 'field', 'fields'], [files.recordTypes.size, 'record type', 'record types'],
    [files.validationRules.size, 'validation rule', 'validation rules'], [files.businessProcesses.size, 'business process', 'business processes'],
  ];
  const parts = counted.filter(([n]) => n > 0).map(([n, one, many]) => `${n} ${n === 1 ? one : many}`);
  report.notModelled.add(files.name.toLowerCase());
  report.degrade({
    file: objectFile ?? childFiles(files)[0]?.shownAs ?? files.name,
    component: `CustomObject ${files.name}`,
    unsupported: why,
    fallback: `not loaded${parts.length > 0 ? `, nor its ${parts.join(', ')}` : ''}; the org answers for it as for an object it does not have (INVALID_TYPE, NOT_FOUND)`,
  });
}

/** `objects/Activity/`: the folder of custom activity fields. */
const ACTIVITY = 'activity';

/**
 * `objects/Activity/fields/*.field-meta.xml` declares custom activity fields: Salesforce adds each one to
 * both Task and Event ("Activity Custom Fields" in Setup; permission sets grant them as `Activity.Field__c`).
 * Record types, validation rules and business processes belong to Task or Event themselves, so a deploy of
 * them under Activity fails; they are refused here too. The Activity object file, if any, holds only
 * settings the emulator does not model (list views, search layouts), so it is not read.
 */
function checkActivityFiles(files: ObjectFiles, report: LoadReport): ObjectFiles {
  for (const misplaced of [...files.recordTypes.values(), ...files.validationRules.values(), ...files.businessProcesses.values()]) {
    const file = misplaced.files[0];
    if (file) report.fail(new MetadataError(file.shownAs, 'Activity holds only custom fields shared by Task and Event; record types, validation rules and business processes go under objects/Task or objects/Event'));
  }
  return files;
}

/** Each custom activity field becomes a field of Task and of Event (two defs, so that each object owns its own). */
function addActivityFields(
  objects: Map<string, SObjectDef>,
  files: ObjectFiles,
  globalValueSet: (name: string) => PicklistValueDef[] | undefined,
  report: LoadReport,
): void {
  const task = objects.get('task');
  if (!task) return;
  addFields(task, { ...files, name: task.name }, globalValueSet, report);
  // Event gets the same fields; a file at fault has been reported once already, for Task.
  const event = objects.get('event');
  if (!event) return;
  const muted = new LoadReport();
  addFields(event, { ...files, name: event.name }, globalValueSet, muted);
  for (const key of muted.broken) report.broken.add(key);
  for (const key of muted.notModelled) report.notModelled.add(key);
}

function sortedEntries<T>(map: Map<string, T>): T[] {
  return [...map.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, v]) => v);
}

function addFields(
  object: SObjectDef,
  files: ObjectFiles,
  globalValueSet: (name: string) => PicklistValueDef[] | undefined,
  report: LoadReport,
): void {
  for (const { name, files: stack } of sortedEntries(files.fields)) {
    const top = topFile(stack);
    if (!top) continue; // deleted by an overlay
    report.attempt(() => addField(object, name, top.path, top.shownAs, globalValueSet, report), `${object.name}.${name}`);
  }
}

function addField(
  object: SObjectDef,
  name: string,
  path: string,
  shownAs: string,
  globalValueSet: (name: string) => PicklistValueDef[] | undefined,
  report: LoadReport,
): void {
  const ctx: FieldParseContext = { object: object.name, shownAs, globalValueSet };
  const root = readMetadataXml(path, shownAs, 'CustomField', CUSTOM_FIELD_REPEATABLE);
  const isCustomName = /__c$/i.test(name);
  const existing = object.fields.get(name.toLowerCase());
  if (!isCustomName) {
    if (existing) object.fields.set(name.toLowerCase(), applyStandardFieldFile(existing, root, ctx));
    else if (object.custom) throw new MetadataError(shownAs, `${name} is not a field of ${object.name}; custom field names end in __c`);
    else {
      // A standard field the emulator's tables lack (a real org has it): the file only adjusts it there.
      report.notModelled.add(`${object.name}.${name}`.toLowerCase());
      report.degrade({
        file: shownAs, component: `CustomField ${object.name}.${name}`, unsupported: 'a standard field the emulator does not model',
        fallback: 'not loaded; describe omits it and queries naming it fail (INVALID_FIELD)',
      });
    }
    return;
  }
  const metadataType = text(root, 'type');
  if (metadataType !== undefined && UNMODELLED_FIELD_TYPES.has(metadataType) && text(root, 'formula') === undefined) {
    report.notModelled.add(`${object.name}.${name}`.toLowerCase());
    report.degrade({ file: shownAs, component: `CustomField ${object.name}.${name}`, unsupported: `a ${metadataType} field, which the emulator does not model`, fallback: 'not loaded' });
    return;
  }
  for (const field of parseCustomField(name, root, ctx)) object.fields.set(field.name.toLowerCase(), field);
}

/** Custom objects get `a00`, `a01`, ... and custom metadata types `m00`, ... in name order, so ids stay stable between runs. */
function assignKeyPrefixes(objects: Map<string, SObjectDef>): void {
  const custom = sortedEntries(objects).filter((o) => o.custom);
  custom.filter((o) => !o.customMetadata).forEach((o, i) => {
    o.keyPrefix = customKeyPrefix('a', i);
  });
  custom.filter((o) => o.customMetadata).forEach((o, i) => {
    o.keyPrefix = customKeyPrefix('m', i);
  });
}

/** A custom object with a master-detail field is a detail: no owner, sharing controlled by its master. */
function settleDetailObjects(objects: Map<string, SObjectDef>): void {
  for (const object of objects.values()) {
    if (!object.custom) continue;
    const isDetail = [...object.fields.values()].some((f) => f.custom && f.relationshipType === 'masterDetail');
    if (!isDetail) continue;
    object.fields.delete('ownerid');
    object.sharingModel = 'ControlledByParent';
  }
}

function checkReferences(objects: Map<string, SObjectDef>, report: LoadReport): void {
  for (const object of objects.values()) {
    for (const field of [...object.fields.values()]) {
      if (!field.custom || !field.referenceTo) continue;
      for (const target of field.referenceTo) {
        const parent = objects.get(target.toLowerCase());
        if (!parent) {
          dropField(report, object, field, target, `<referenceTo> "${target}" is not an object in this org`, `a lookup to ${target}`);
          break;
        }
        field.referenceTo = field.referenceTo.map((t) => (t.toLowerCase() === target.toLowerCase() ? parent.name : t));
      }
    }
  }
}

/**
 * Leaves out a field that needs `missing`, an object or field the org lacks. Missing because its own file
 * failed: already reported. Missing from the emulator but present in a real org (a standard object it does
 * not model, a managed package's): the field is degraded, and so is what reads it. Otherwise the reference
 * is wrong, and a deploy would reject it too.
 */
function dropField(report: LoadReport, object: SObjectDef, field: FieldDef, missing: string, problem: string, needs: string): void {
  object.fields.delete(field.name.toLowerCase());
  const key = `${object.name}.${field.name}`.toLowerCase();
  const missingKey = missing.toLowerCase();
  if (report.broken.has(missingKey)) {
    report.broken.add(key);
  } else if (report.notModelled.has(missingKey) || mayExistOutsideProject(missing.split('.').pop() ?? missing)) {
    report.notModelled.add(key);
    report.degrade({ file: field.source, component: `CustomField ${object.name}.${field.name}`, unsupported: `${needs}, which the emulator does not model`, fallback: 'not loaded' });
  } else {
    report.broken.add(key);
    report.fail(new MetadataError(field.source, problem));
  }
}

/** Roll-up types: COUNT is a number; SUM/MIN/MAX take the summarised field's type. */
function resolveRollups(objects: Map<string, SObjectDef>, report: LoadReport): void {
  for (const object of objects.values()) {
    for (const field of [...object.fields.values()]) {
      const rollup = field.rollup;
      if (!rollup) continue;
      const childObject = objects.get(rollup.childObject.toLowerCase());
      if (!childObject) {
        dropField(report, object, field, rollup.childObject, `<summaryForeignKey> object "${rollup.childObject}" is not an object in this org`, `a roll-up of ${rollup.childObject}`);
        continue;
      }
      rollup.childObject = childObject.name;
      const key = childObject.fields.get(rollup.foreignKey.toLowerCase());
      // Salesforce only allows roll-ups over master-detail relationships (and a few standard ones such as Opportunity.AccountId).
      if (!key || key.type !== 'reference' || !key.referenceTo?.some((t) => t.toLowerCase() === object.name.toLowerCase())) {
        dropField(report, object, field, `${childObject.name}.${rollup.foreignKey}`,
          `<summaryForeignKey> ${childObject.name}.${rollup.foreignKey} is not a relationship to ${object.name}`, `a roll-up over ${childObject.name}.${rollup.foreignKey}`);
        continue;
      }
      rollup.foreignKey = key.name;
      if (rollup.operation === 'count') {
        field.type = 'double';
        field.precision = 18;
        field.scale = 0;
        continue;
      }
      const summarized = childObject.fields.get((rollup.summarizedField ?? '').toLowerCase());
      if (!summarized) {
        const missing = `${childObject.name}.${rollup.summarizedField ?? ''}`;
        dropField(report, object, field, missing, `<summarizedField> ${missing} does not exist`, `a roll-up of ${missing}`);
        continue;
      }
      rollup.summarizedField = summarized.name;
      field.type = rollupType(summarized.type);
      field.precision = summarized.precision || 18;
      field.scale = summarized.scale;
    }
  }
}

function rollupType(type: FieldType): FieldType {
  return type === 'int' ? 'double' : type;
}

/** Custom objects with activities enabled can be the `What` of tasks and events. */
function addActivityTargets(objects: Map<string, SObjectDef>, extras: Map<string, CustomObjectExtras>): void {
  const targets = [...extras.entries()].filter(([, e]) => e.enableActivities).map(([key]) => objects.get(key)?.name).filter((n): n is string => !!n);
  if (targets.length === 0) return;
  for (const activity of ['task', 'event']) {
    const what = objects.get(activity)?.fields.get('whatid');
    if (what?.referenceTo) what.referenceTo = [...what.referenceTo, ...targets];
  }
}

function addRecordTypes(object: SObjectDef, files: ObjectFiles, report: LoadReport): void {
  for (const { name, files: stack } of sortedEntries(files.recordTypes)) {
    const top = topFile(stack);
    if (!top) continue;
    report.attempt(() => {
      const recordType = parseRecordType(object.name, name, readMetadataXml(top.path, top.shownAs, 'RecordType', RECORD_TYPE_REPEATABLE), top.shownAs);
      for (const field of [...recordType.picklistValues.keys()]) {
        if (object.fields.has(field)) continue;
        const key = `${object.name}.${field}`.toLowerCase();
        // The values of a field the emulator left out (its file failed, or it does not model it) have nothing to narrow.
        if (report.broken.has(key) || report.notModelled.has(key) || (!object.custom && mayExistOutsideProject(field))) {
          recordType.picklistValues.delete(field);
          continue;
        }
        throw new MetadataError(top.shownAs, `<picklist> ${field} is not a field of ${object.name}`);
      }
      applyBusinessProcess(object, recordType);
      object.recordTypes.set(name.toLowerCase(), recordType);
    });
  }
  if (object.recordTypes.size > 0 && !object.fields.has('recordtypeid')) {
    const field: FieldDef = buildField(['RecordTypeId', 'ref', 'Record Type ID', { to: 'RecordType', rel: 'RecordType' }], object.source);
    // Salesforce fills in the user's default record type when none is given.
    field.defaultedOnCreate = true;
    insertAfter(object, 'isdeleted', field);
  }
}

/**
 * Business processes of Case, Opportunity, Lead and Solution, checked against the process field's values
 * as the org has them (after the project's standard value set, `standardValueSets/CaseStatus...`).
 */
function addBusinessProcesses(object: SObjectDef, files: ObjectFiles, report: LoadReport): void {
  if (files.businessProcesses.size === 0) return;
  const processes = new Map<string, BusinessProcessDef>();
  for (const { name, files: stack } of sortedEntries(files.businessProcesses)) {
    const top = topFile(stack);
    if (!top) continue;
    const process = report.attempt(() => parseBusinessProcess(object, name, readMetadataXml(top.path, top.shownAs, 'BusinessProcess', BUSINESS_PROCESS_REPEATABLE), top.shownAs));
    if (process) processes.set(name.toLowerCase(), process);
  }
  object.businessProcesses = processes;
}

/** `standardValueSets/OpportunityStage...` replaces the values of Opportunity.StageName, and so on. */
function applyStandardValueSets(inventory: ProjectInventory, objects: Map<string, SObjectDef>, report: LoadReport): void {
  for (const { name, files } of sortedEntries(inventory.components.get('standardValueSet') ?? new Map<string, { name: string; files: FileStack }>())) {
    const top = topFile(files);
    if (!top) continue;
    const set = report.attempt(() => parseStandardValueSet(name, readMetadataXml(top.path, top.shownAs, 'StandardValueSet', VALUE_SET_REPEATABLE), top.shownAs));
    if (!set) continue;
    for (const qualified of STANDARD_VALUE_SET_FIELDS[name] ?? []) {
      const [objectName = '', fieldName = ''] = qualified.split('.');
      const field = objects.get(objectName.toLowerCase())?.fields.get(fieldName.toLowerCase());
      if (!field) continue;
      field.picklistValues = set.values.map((v) => ({ ...v }));
      field.source = top.shownAs;
    }
  }
}

/** Keeps describe's order: RecordTypeId sits among the standard fields, not after the custom ones. */
function insertAfter(object: SObjectDef, afterKey: string, field: FieldDef): void {
  const entries = [...object.fields.entries()];
  const at = entries.findIndex(([k]) => k === afterKey);
  entries.splice(at < 0 ? 1 : at + 1, 0, [field.name.toLowerCase(), field]);
  object.fields = new Map(entries);
}

function addValidationRules(object: SObjectDef, files: ObjectFiles, report: LoadReport): void {
  for (const { name, files: stack } of sortedEntries(files.validationRules)) {
    const top = topFile(stack);
    if (!top) continue;
    const rule = report.attempt(() => parseValidationRule(object.name, name, readMetadataXml(top.path, top.shownAs, 'ValidationRule', VALIDATION_RULE_REPEATABLE), top.shownAs));
    if (rule) object.validationRules.push(rule);
  }
}
