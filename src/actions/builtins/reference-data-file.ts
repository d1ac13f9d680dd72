/**
 * Reads reference data for one object from a file: CSV with a header row (parsed by csv-parse, which is
 * installed as a dependency of jsforce) or the JSON that `sf data tree export` writes
 * (`{"records":[{"attributes":{"type":"Account","referenceId":"AccountRef1"},"Name":...}]}`).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import type { FieldValue } from './field-values.js';

export type ReferenceRow = Record<string, FieldValue>;

export function readReferenceData(file: string, object: string): ReferenceRow[] {
  const text = readFileSync(file, 'utf8');
  const ext = path.extname(file).toLowerCase();
  if (ext === '.csv') return fromCsv(text, file);
  if (ext === '.json') return fromTreeJson(text, file, object);
  throw new Error(`${file}: reference data must be a .csv file or an sf data tree .json file`);
}

function fromCsv(text: string, file: string): ReferenceRow[] {
  const rows = parse(text, { columns: true, bom: true, skip_empty_lines: true, trim: true }) as Array<Record<string, string>>;
  for (const row of rows) {
    for (const column of Object.keys(row)) {
      // Relationship columns (Account.ERP_Id__c) would need a lookup by external id, which this action does not do.
      if (!/^\w+$/.test(column)) throw new Error(`${file}: column "${column}" is not a field API name of the object (relationship columns are not supported)`);
    }
  }
  // An empty cell means "blank" (null), as in Data Loader with "Insert null values" on.
  return rows.map((row) => Object.fromEntries(Object.entries(row).map(([k, v]) => [k, v === '' ? null : v])));
}

interface TreeRecord {
  attributes?: { type?: string; referenceId?: string };
  [field: string]: unknown;
}

function fromTreeJson(text: string, file: string, object: string): ReferenceRow[] {
  const parsed = JSON.parse(text) as { records?: TreeRecord[] };
  if (!Array.isArray(parsed.records)) throw new Error(`${file}: not an sf data tree file (no "records" array)`);
  return parsed.records.map((record, index) => {
    const type = record.attributes?.type;
    if (type && type.toLowerCase() !== object.toLowerCase()) throw new Error(`${file}: record ${index + 1} is a ${type}, not a ${object}`);
    const row: ReferenceRow = {};
    for (const [field, value] of Object.entries(record)) {
      if (field === 'attributes') continue;
      if (value !== null && typeof value === 'object') {
        // Child records (`"Contacts": {"records": [...]}`) are a data tree import plan, not reference data for one object.
        throw new Error(`${file}: record ${index + 1} nests "${field}"; only flat records of ${object} are supported`);
      }
      row[field] = value as FieldValue;
    }
    return row;
  });
}
