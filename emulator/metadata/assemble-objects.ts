/**
 * Builds the org's objects: the built-in standard, system and tooling objects, extended and joined by
 * the project's objects, fields, standard value sets, business processes, record types and validation
 * rules. Cross-object facts are settled here once everything is read: key prefixes, detail objects,
 * reference targets, roll-up types.
 */
import { applyBusinessProcess, BUSINESS_PROCESS_REPEATABLE, parseBusinessProcess } from './business-process.js';
import { applyStandardFieldFile, CUSTOM_FIELD_REPEATABLE, parseCustomField, type FieldParseContext } from './custom-field.js';
import { applyStandardObjectFile, buildCustomObject, CUSTOM_OBJECT_REPEATABLE, customKeyPrefix, type CustomObjectExtras } from './custom-object.js';
import { parseStandardValueSet, STANDARD_VALUE_SET_FIELDS, VALUE_SET_REPEATABLE } from './global-value-set.js';
import { MetadataError } from './metadata-error.js';
import { buildField, buildObject } from './object-table.js';
import { effectiveFiles, topFile, type FileStack, type ObjectFiles, type ProjectInventory } from './project-files.js';
import { parseRecordType, RECORD_TYPE_REPEATABLE } from './record-type.js';
import { STANDARD_OBJECTS } from './standard-objects.js';
import { SYSTEM_OBJECTS } from './system-objects.js';
import { TOOLING_OBJECTS } from './tooling-objects.js';
import type { BusinessProcessDef, FieldDef, FieldType, PicklistValueDef, SObjectDef } from './types.js';
import { parseValidationRule, VALIDATION_RULE_REPEATABLE } from './validation-rule.js';
import { readMetadataXml } from './xml.js';

export interface AssembledObjects {
  objects: Map<string, SObjectDef>;
  /** Standard fields a project customised that the emulator does not model, as `Object.Field`. */
  unknownStandardFields: string[];
}

export function builtInObjects(): Map<string, SObjectDef> {
  const objects = new Map<string, SObjectDef>();
  for (const row of [...STANDARD_OBJECTS, ...SYSTEM_OBJECTS, ...TOOLING_OBJECTS]) {
    objects.set(row.name.toLowerCase(), buildObject(row, 'standard'));
  }
  return objects;
}

export function assembleObjects(
  inventory: ProjectInventory,
  globalValueSet: (name: string) => PicklistValueDef[] | undefined,
): AssembledObjects {
  const objects = builtInObjects();
  const extras = new Map<string, CustomObjectExtras>();
  const unknownStandardFields: string[] = [];
  const projectObjects = [...inventory.objects.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));

  // Objects first, so that fields can be checked against every object afterwards.
  const live: [SObjectDef, ObjectFiles][] = [];
  for (const [key, files] of projectObjects) {
    const builtIn = objects.get(key);
    const objectFiles = effectiveFiles(files.objectFile);
    const deleted = files.objectFile.length > 0 && objectFiles.length === 0;
    if (deleted) {
      if (builtIn) throw new MetadataError(files.objectFile[files.objectFile.length - 1]?.shownAs ?? files.name, `standard object ${builtIn.name} cannot be deleted`);
      continue;
    }
    const top = objectFiles[objectFiles.length - 1];
    if (builtIn) {
      if (top) applyStandardObjectFile(builtIn, readMetadataXml(top.path, top.shownAs, 'CustomObject', CUSTOM_OBJECT_REPEATABLE), top.shownAs);
      live.push([builtIn, files]);
      continue;
    }
    if (!top) {
      const someFile = [...files.fields.values(), ...files.recordTypes.values(), ...files.validationRules.values(), ...files.businessProcesses.values()][0]?.files[0];
      throw new MetadataError(someFile?.shownAs ?? files.name, `object ${files.name} is not a standard object the emulator knows and has no ${files.name}.object-meta.xml`);
    }
    const built = buildCustomObject(files.name, readMetadataXml(top.path, top.shownAs, 'CustomObject', CUSTOM_OBJECT_REPEATABLE), top.shownAs);
    objects.set(key, built.object);
    extras.set(key, built.extras);
    live.push([built.object, files]);
  }

  for (const [object, files] of live) {
    addFields(object, files, globalValueSet, unknownStandardFields);
  }
  // Before business processes, which are checked against the values a standard value set gives.
  applyStandardValueSets(inventory, objects);
  assignKeyPrefixes(objects);
  settleDetailObjects(objects);
  checkReferences(objects);
  resolveRollups(objects);
  addActivityTargets(objects, extras);

  for (const [object, files] of live) {
    addBusinessProcesses(object, files);
    addRecordTypes(object, files);
    addValidationRules(object, files);
  }
  return { objects, unknownStandardFields };
}

function sortedEntries<T>(map: Map<string, T>): T[] {
  return [...map.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, v]) => v);
}

function addFields(
  object: SObjectDef,
  files: ObjectFiles,
  globalValueSet: (name: string) => PicklistValueDef[] | undefined,
  unknownStandardFields: string[],
): void {
  for (const { name, files: stack } of sortedEntries(files.fields)) {
    const top = topFile(stack);
    if (!top) continue; // deleted by an overlay
    const ctx: FieldParseContext = { object: object.name, shownAs: top.shownAs, globalValueSet };
    const root = readMetadataXml(top.path, top.shownAs, 'CustomField', CUSTOM_FIELD_REPEATABLE);
    const isCustomName = /__c$/i.test(name);
    const existing = object.fields.get(name.toLowerCase());
    if (!isCustomName) {
      if (existing) object.fields.set(name.toLowerCase(), applyStandardFieldFile(existing, root, ctx));
      else if (object.custom) throw new MetadataError(top.shownAs, `${name} is not a field of ${object.name}; custom field names end in __c`);
      else unknownStandardFields.push(`${object.name}.${name}`);
      continue;
    }
    for (const field of parseCustomField(name, root, ctx)) object.fields.set(field.name.toLowerCase(), field);
  }
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

function checkReferences(objects: Map<string, SObjectDef>): void {
  for (const object of objects.values()) {
    for (const field of object.fields.values()) {
      if (!field.custom || !field.referenceTo) continue;
      for (const target of field.referenceTo) {
        const parent = objects.get(target.toLowerCase());
        if (!parent) throw new MetadataError(field.source, `<referenceTo> "${target}" is not an object in this org`);
        field.referenceTo = field.referenceTo.map((t) => (t.toLowerCase() === target.toLowerCase() ? parent.name : t));
      }
    }
  }
}

/** Roll-up types: COUNT is a number; SUM/MIN/MAX take the summarised field's type. */
function resolveRollups(objects: Map<string, SObjectDef>): void {
  for (const object of objects.values()) {
    for (const field of object.fields.values()) {
      const rollup = field.rollup;
      if (!rollup) continue;
      const childObject = objects.get(rollup.childObject.toLowerCase());
      if (!childObject) throw new MetadataError(field.source, `<summaryForeignKey> object "${rollup.childObject}" is not an object in this org`);
      rollup.childObject = childObject.name;
      const key = childObject.fields.get(rollup.foreignKey.toLowerCase());
      // Salesforce only allows roll-ups over master-detail relationships (and a few standard ones such as Opportunity.AccountId).
      if (!key || key.type !== 'reference' || !key.referenceTo?.some((t) => t.toLowerCase() === object.name.toLowerCase())) {
        throw new MetadataError(field.source, `<summaryForeignKey> ${childObject.name}.${rollup.foreignKey} is not a relationship to ${object.name}`);
      }
      rollup.foreignKey = key.name;
      if (rollup.operation === 'count') {
        field.type = 'double';
        field.precision = 18;
        field.scale = 0;
        continue;
      }
      const summarized = childObject.fields.get((rollup.summarizedField ?? '').toLowerCase());
      if (!summarized) throw new MetadataError(field.source, `<summarizedField> ${childObject.name}.${rollup.summarizedField ?? ''} does not exist`);
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

function addRecordTypes(object: SObjectDef, files: ObjectFiles): void {
  for (const { name, files: stack } of sortedEntries(files.recordTypes)) {
    const top = topFile(stack);
    if (!top) continue;
    const recordType = parseRecordType(object.name, name, readMetadataXml(top.path, top.shownAs, 'RecordType', RECORD_TYPE_REPEATABLE), top.shownAs);
    for (const field of recordType.picklistValues.keys()) {
      if (!object.fields.has(field)) throw new MetadataError(top.shownAs, `<picklist> ${field} is not a field of ${object.name}`);
    }
    applyBusinessProcess(object, recordType);
    object.recordTypes.set(name.toLowerCase(), recordType);
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
function addBusinessProcesses(object: SObjectDef, files: ObjectFiles): void {
  if (files.businessProcesses.size === 0) return;
  const processes = new Map<string, BusinessProcessDef>();
  for (const { name, files: stack } of sortedEntries(files.businessProcesses)) {
    const top = topFile(stack);
    if (!top) continue;
    const root = readMetadataXml(top.path, top.shownAs, 'BusinessProcess', BUSINESS_PROCESS_REPEATABLE);
    processes.set(name.toLowerCase(), parseBusinessProcess(object, name, root, top.shownAs));
  }
  object.businessProcesses = processes;
}

/** `standardValueSets/OpportunityStage...` replaces the values of Opportunity.StageName, and so on. */
function applyStandardValueSets(inventory: ProjectInventory, objects: Map<string, SObjectDef>): void {
  for (const { name, files } of sortedEntries(inventory.components.get('standardValueSet') ?? new Map<string, { name: string; files: FileStack }>())) {
    const top = topFile(files);
    if (!top) continue;
    const set = parseStandardValueSet(name, readMetadataXml(top.path, top.shownAs, 'StandardValueSet', VALUE_SET_REPEATABLE), top.shownAs);
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

function addValidationRules(object: SObjectDef, files: ObjectFiles): void {
  for (const { name, files: stack } of sortedEntries(files.validationRules)) {
    const top = topFile(stack);
    if (!top) continue;
    object.validationRules.push(parseValidationRule(object.name, name, readMetadataXml(top.path, top.shownAs, 'ValidationRule', VALIDATION_RULE_REPEATABLE), top.shownAs));
  }
}
