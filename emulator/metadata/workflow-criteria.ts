/**
 * A workflow rule's `<criteriaItems>`, resolved against the schema at load: which record, parent or user
 * field each item reads, its operation and its values, checked against the field's type.
 *
 * Field names are written `Object.Field`: the rule's own object (`Case.Status`), a parent the object looks
 * up (`Account.Industry` on a Contact rule, by relationship or by object name), or `User.Field` for the user
 * whose save runs the rule (on any object but User, where `User.X` is the record itself). [UNVERIFIED] the
 * `User.` reading: it is Setup's "Current User" group, the likeliest meaning of the prefix in metadata.
 *
 * A problem a real deploy would also reject (an unknown custom field, an operation the field cannot take) is
 * a `CriteriaProblem`, which the loader turns into a MetadataError naming the file and rule. What the
 * emulator cannot evaluate (a standard field it does not model, a relative date literal) comes back as a
 * `NotRun` reason, so that the rule is listed as not run instead of failing the load.
 */
import { SalesforceError } from '../contracts.js';
import { parseConditionLogic } from '../flows/filter-logic.js';
import { splitValues } from './sharing-rule.js';
import type { FieldDef, FieldType, SObjectDef, WorkflowCriterionDef, WorkflowOperation } from './types.js';
import { text, type XmlNode } from './xml.js';

/** A criteria problem a deploy would reject too; the loader names the file and the rule. */
export class CriteriaProblem extends Error {}

/** Why the emulator cannot evaluate a criterion (the rule is then listed as not run). */
export interface NotRun {
  notRun: string;
}

const OPERATIONS: ReadonlySet<string> = new Set<WorkflowOperation>([
  'equals', 'notEqual', 'lessThan', 'greaterThan', 'lessOrEqual', 'greaterOrEqual',
  'contains', 'notContain', 'startsWith', 'includes', 'excludes',
]);

const TEXT_OPERATIONS: ReadonlySet<string> = new Set(['contains', 'notContain', 'startsWith']);
const ORDER_OPERATIONS: ReadonlySet<string> = new Set(['lessThan', 'greaterThan', 'lessOrEqual', 'greaterOrEqual']);

/**
 * Date criteria values the emulator reads: ISO dates (`2025-06-30`) and the relative literals TODAY,
 * YESTERDAY and TOMORROW. Setup also accepts `NEXT 3 DAYS`-style literals; a rule using one is not run.
 */
export const RELATIVE_DATES: ReadonlySet<string> = new Set(['TODAY', 'YESTERDAY', 'TOMORROW']);

export function parseCriterion(item: XmlNode, object: SObjectDef, objects: ReadonlyMap<string, SObjectDef>): WorkflowCriterionDef | NotRun {
  const written = (text(item, 'field') ?? '').trim();
  const operation = (text(item, 'operation') ?? '').trim();
  const resolved = resolveField(written, object, objects);
  if ('notRun' in resolved) return resolved;
  const { path, field, namePath } = resolved;
  if (operation === 'within') return { notRun: `criteria ${written} within (a geolocation distance)` };
  if (!OPERATIONS.has(operation)) throw new CriteriaProblem(`<criteriaItems> ${written}: <operation> "${operation}" is not a filter operation`);
  checkOperation(written, field, operation);
  const criterion: WorkflowCriterionDef = { field: written, path, type: field.type, operation: operation as WorkflowOperation, values: [] };
  if (namePath) criterion.namePath = namePath;
  const valueField = text(item, 'valueField')?.trim();
  if (valueField) {
    const other = resolveField(valueField, object, objects);
    if ('notRun' in other) return other;
    criterion.valuePath = other.path;
    return criterion;
  }
  criterion.values = splitValues(text(item, 'value') ?? '');
  for (const value of criterion.values) {
    const problem = valueProblem(value, field);
    if (problem) return { notRun: `criteria ${written}: ${problem}` };
  }
  return criterion;
}

/** Checks `<booleanFilter>` against the number of items (a deploy rejects a filter naming item 4 of 3). */
export function checkBooleanFilter(booleanFilter: string, count: number): void {
  try {
    parseConditionLogic(booleanFilter, count);
  } catch (error) {
    if (error instanceof SalesforceError) throw new CriteriaProblem(`<booleanFilter> "${booleanFilter}": ${error.message}`);
    throw error;
  }
}

interface ResolvedField {
  path: string[];
  field: FieldDef;
  namePath?: string[];
}

function resolveField(written: string, object: SObjectDef, objects: ReadonlyMap<string, SObjectDef>): ResolvedField | NotRun {
  const [head = '', ...rest] = written.split('.');
  if (rest.length === 0) throw new CriteriaProblem(`<criteriaItems><field> "${written}" is not written Object.Field`);
  let start: SObjectDef;
  let prefix: string[];
  if (head.toLowerCase() === object.name.toLowerCase()) {
    start = object;
    prefix = [];
  } else if (head.toLowerCase() === 'user') {
    start = objects.get('user')!;
    prefix = ['$User'];
  } else {
    const reference = parentReference(object, head, objects);
    if (!reference) {
      if (isCustomName(head)) throw new CriteriaProblem(`<criteriaItems><field> "${written}": ${head} is neither ${object.name} nor an object it looks up`);
      return { notRun: `criteria on ${written} (${head} is not an object the emulator relates to ${object.name})` };
    }
    start = objects.get((reference.referenceTo?.[0] ?? '').toLowerCase())!;
    prefix = [reference.relationshipName!];
  }
  // Walk any further relationships (`Account.Owner.Department`), then the field itself.
  let current = start;
  const path = [...prefix];
  for (let i = 0; i < rest.length - 1; i++) {
    const segment = rest[i]!;
    const reference = [...current.fields.values()].find((f) => f.type === 'reference' && f.relationshipName?.toLowerCase() === segment.toLowerCase());
    const target = reference ? objects.get((reference.referenceTo?.[0] ?? '').toLowerCase()) : undefined;
    if (!reference || !target) return unknownField(written, segment, current);
    path.push(reference.relationshipName!);
    current = target;
  }
  const last = rest[rest.length - 1]!;
  const field = current.fields.get(last.toLowerCase());
  if (!field) return unknownField(written, last, current);
  path.push(field.name);
  const resolved: ResolvedField = { path, field };
  const target = field.type === 'reference' && field.relationshipName ? objects.get((field.referenceTo?.[0] ?? '').toLowerCase()) : undefined;
  if (target) resolved.namePath = [...path.slice(0, -1), field.relationshipName!, target.nameField];
  return resolved;
}

/** A lookup of `object` named by relationship (`Account`) or by the object it points to (`Parent__c`). */
function parentReference(object: SObjectDef, head: string, objects: ReadonlyMap<string, SObjectDef>): FieldDef | undefined {
  const lower = head.toLowerCase();
  const references = [...object.fields.values()].filter((f) => f.type === 'reference' && f.relationshipName && objects.has((f.referenceTo?.[0] ?? '').toLowerCase()));
  const byRelationship = references.find((f) => f.relationshipName!.toLowerCase() === lower);
  if (byRelationship) return byRelationship;
  const byObject = references.filter((f) => (f.referenceTo?.[0] ?? '').toLowerCase() === lower);
  return byObject.length === 1 ? byObject[0] : undefined;
}

function unknownField(written: string, name: string, object: SObjectDef): NotRun {
  if (isCustomName(name) || object.custom) throw new CriteriaProblem(`<criteriaItems><field> "${written}": ${name} is not a field of ${object.name}`);
  return { notRun: `criteria on ${written} (${object.name}.${name} is not a field the emulator models)` };
}

function isCustomName(name: string): boolean {
  return /__(c|r|mdt|e|x|b)$/i.test(name);
}

function checkOperation(written: string, field: FieldDef, operation: string): void {
  const multi = field.type === 'multipicklist';
  const text = ['string', 'textarea', 'picklist', 'email', 'phone', 'url', 'combobox', 'encryptedstring', 'reference', 'id'].includes(field.type);
  const ordered = !['boolean', 'multipicklist', 'picklist', 'reference', 'id'].includes(field.type);
  const allowed = (operation === 'includes' || operation === 'excludes') ? multi
    : TEXT_OPERATIONS.has(operation) ? text
      : ORDER_OPERATIONS.has(operation) ? ordered
        : true;
  if (!allowed) throw new CriteriaProblem(`<criteriaItems> ${written}: <operation> "${operation}" is not available on a ${field.type} field`);
}

/** What is wrong with a criteria value for this field's type, if anything (blank is always allowed). */
function valueProblem(value: string, field: FieldDef): string | undefined {
  if (value === '') return undefined;
  const type: FieldType = field.type;
  switch (type) {
    case 'boolean':
      return /^(true|false)$/i.test(value) ? undefined : `"${value}" is not True or False`;
    case 'int':
    case 'double':
    case 'currency':
    case 'percent':
      return Number.isFinite(Number(value)) ? undefined : `"${value}" is not a number`;
    case 'date':
    case 'datetime':
      if (/^\d{4}-\d{2}-\d{2}/.test(value) || RELATIVE_DATES.has(value.toUpperCase())) return undefined;
      // [UNVERIFIED] Setup stores criteria dates in the admin's locale format (`6/30/2025`); ISO is what
      // the emulator can read without knowing that locale.
      return `the date value "${value}" is not an ISO date or TODAY/YESTERDAY/TOMORROW`;
    default:
      return undefined;
  }
}
