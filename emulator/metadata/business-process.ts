/**
 * `objects/<Obj>/businessProcesses/<Name>.businessProcess-meta.xml` -> BusinessProcessDef, and how a
 * record type's `<businessProcess>` narrows the object's process field.
 *
 * Salesforce takes the values a Case record type offers for Status from its Support Process, not from
 * the record type's `<picklistValues>`; likewise Opportunity.StageName (Sales Process), Lead.Status
 * (Lead Process) and Solution.Status (Solution Process) (Metadata API, BusinessProcess). A record type
 * of those objects without a process offers every value of the field (the master values).
 */
import { MetadataError } from './metadata-error.js';
import { decodePicklistValue } from './record-type.js';
import type { BusinessProcessDef, RecordTypeDef, SObjectDef } from './types.js';
import { bool, children, text, type XmlNode } from './xml.js';

export const BUSINESS_PROCESS_REPEATABLE: ReadonlySet<string> = new Set(['values']);

/** The picklist each kind of business process narrows, by lower-cased object name. */
const PROCESS_FIELDS: ReadonlyMap<string, string> = new Map([
  ['case', 'Status'],
  ['opportunity', 'StageName'],
  ['lead', 'Status'],
  ['solution', 'Status'],
]);

/**
 * Parses one process file. Every value must be a value of the object's process picklist as the org has
 * it (after any standard value set; a deploy names the value it does not know), and at most one may be
 * the default.
 */
export function parseBusinessProcess(object: SObjectDef, name: string, root: XmlNode, shownAs: string): BusinessProcessDef {
  const fieldName = PROCESS_FIELDS.get(object.name.toLowerCase());
  const field = fieldName ? object.fields.get(fieldName.toLowerCase()) : undefined;
  if (!field) throw new MetadataError(shownAs, `${object.name} has no business processes; only Case, Lead, Opportunity and Solution do`);
  const masterValues = field.picklistValues ?? [];
  const values: string[] = [];
  const defaults: string[] = [];
  for (const entry of children(root, 'values')) {
    const raw = decodePicklistValue(text(entry, 'fullName') ?? '');
    // Picklist values match case-insensitively in Salesforce; keep the field's own spelling.
    const known = masterValues.find((v) => v.value === raw) ?? masterValues.find((v) => v.value.toLowerCase() === raw.toLowerCase());
    if (!known) throw new MetadataError(shownAs, `value "${raw}" is not a value of ${object.name}.${field.name}`);
    if (values.includes(known.value)) throw new MetadataError(shownAs, `value "${raw}" is listed twice`);
    values.push(known.value);
    if (bool(entry, 'default')) defaults.push(known.value);
  }
  if (values.length === 0) throw new MetadataError(shownAs, `business process has no <values>; it must offer at least one ${field.name}`);
  // The Setup page makes the admin pick exactly one default; a file naming two cannot mean one value.
  if (defaults.length > 1) throw new MetadataError(shownAs, `more than one default value (${defaults.join(', ')})`);
  const process: BusinessProcessDef = {
    fullName: `${object.name}.${name}`,
    name,
    field: field.name,
    active: bool(root, 'isActive', true),
    values,
    source: shownAs,
  };
  if (defaults[0] !== undefined) process.defaultValue = defaults[0];
  return process;
}

/**
 * Applies a record type's `<businessProcess>`: the process's values become the record type's values
 * for the process field, and its default the record type's default. The process wins over any
 * `<picklistValues>` the record type lists for that field, as Salesforce ignores those for a field a
 * business process controls. The name must be a process of the same object.
 *
 * This narrows what the UI offers only: the API accepts any active value of the field whatever the
 * record type (Salesforce enforces record type picklist values in the UI, not in the API). An inactive
 * process still serves the record types that name it [UNVERIFIED: Setup only stops offering it for new
 * record types].
 */
export function applyBusinessProcess(object: SObjectDef, recordType: RecordTypeDef): void {
  const name = recordType.businessProcess;
  if (name === undefined) return;
  const process = object.businessProcesses?.get(name.toLowerCase());
  if (!process) {
    const known = [...(object.businessProcesses?.values() ?? [])].map((p) => `"${p.name}"`);
    const hint = known.length > 0 ? ` (its processes: ${known.join(', ')})` : '';
    throw new MetadataError(recordType.source, `<businessProcess> "${name}" is not a business process of ${object.name}${hint}`);
  }
  recordType.businessProcess = process.name;
  const key = process.field.toLowerCase();
  recordType.picklistValues.set(key, [...process.values]);
  const defaults = recordType.picklistDefaults ?? new Map<string, string>();
  if (process.defaultValue !== undefined) defaults.set(key, process.defaultValue);
  else defaults.delete(key);
  recordType.picklistDefaults = defaults;
}
