/**
 * Reads reference data for one object from a file: CSV with a header row (parsed by csv-parse, which is
 * installed as a dependency of jsforce) or the JSON that `sf data tree export` writes
 * (`{"records":[{"attributes":{"type":"Account","referenceId":"AccountRef1"},"Name":...}]}`).
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import type { FieldValue } from './field-values.js';
import { InvalidActionError } from '../../config/input-error.js';

export type ReferenceRow = Record<string, FieldValue>;

export function readReferenceData(file: string, object: string): ReferenceRow[] {
  const ext = path.extname(file).toLowerCase();
  if (ext !== '.csv' && ext !== '.json') throw new InvalidActionError(`${file}: reference data must be a .csv file or an sf data tree .json file`);
  const text = readActionFile(file, `${object} reference data`);
  try {
    return ext === '.csv' ? fromCsv(text, file) : fromTreeJson(text, file, object);
  } catch (error) {
    // The parsers' own errors (a ragged CSV row, malformed JSON) do not name the file.
    const message = (error as Error).message;
    throw new InvalidActionError(message.startsWith(`${file}:`) ? message : `${file}: not readable as ${ext === '.csv' ? 'CSV with a header row' : 'JSON'} (${message.split('\n')[0]})`);
  }
}

/**
 * A file an action file names (reference data, Apex), read when the release is declared; a missing one is
 * one line naming it and where relative paths start, instead of Node's ENOENT.
 */
export function readActionFile(file: string, what: string): string {
  if (!existsSync(file) || !statSync(file).isFile()) {
    throw new InvalidActionError(`${file}: no such ${what} file (relative paths start at ${process.cwd()}, where the run was started)`);
  }
  return readFileSync(file, 'utf8');
}

function fromCsv(text: string, file: string): ReferenceRow[] {
  const rows = parse(text, { columns: true, bom: true, skip_empty_lines: true, trim: true }) as Array<Record<string, string>>;
  for (const row of rows) {
    for (const column of Object.keys(row)) {
      // Relationship columns (Account.ERP_Id__c) would need a lookup by external id, which this action does not do.
      if (!/^\w+$/.test(column)) throw new InvalidActionError(`${file}: column "${column}" is not a field API name of the object (relationship columns are not supported)`);
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
  if (!Array.isArray(parsed.records)) throw new InvalidActionError(`${file}: not an sf data tree file (no "records" array)`);
  return parsed.records.map((record, index) => {
    const type = record.attributes?.type;
    if (type && type.toLowerCase() !== object.toLowerCase()) throw new InvalidActionError(`${file}: record ${index + 1} is a ${type}, not a ${object}`);
    const row: ReferenceRow = {};
    for (const [field, value] of Object.entries(record)) {
      if (field === 'attributes') continue;
      if (value !== null && typeof value === 'object') {
        // Child records (`"Contacts": {"records": [...]}`) are a data tree import plan, not reference data for one object.
        throw new InvalidActionError(`${file}: record ${index + 1} nests "${field}"; only flat records of ${object} are supported`);
      }
      row[field] = value as FieldValue;
    }
    return row;
  });
}
