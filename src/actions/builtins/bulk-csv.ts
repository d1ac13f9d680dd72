/**
 * CSV for Bulk API 2.0 uploads and for the failures file. Values are written explicitly rather than left to
 * csv-stringify's defaults, which write `false` as an empty cell: Bulk API 2.0 ignores an empty cell (the
 * field keeps its value) and clears a field only for `#N/A` (Bulk API 2.0 guide, "Prepare CSV Files").
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { stringify } from 'csv-stringify/sync';
import type { FieldValue } from './field-values.js';

export function bulkCell(value: FieldValue | Date): string {
  if (value === null) return '#N/A';
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  return String(value);
}

export function bulkUploadCsv(columns: string[], rows: Array<Record<string, FieldValue | Date>>): string {
  return stringify(
    rows.map((row) => columns.map((c) => bulkCell(row[c] ?? null))),
    { header: true, columns, record_delimiter: '\n' },
  );
}

/** Writes failed records (as Bulk API 2.0 returns them: sf__Id, sf__Error, then the uploaded columns). */
export function writeFailuresFile(file: string, rows: Array<Record<string, unknown>>): string {
  mkdirSync(path.dirname(file), { recursive: true });
  const columns = [...new Set(['sf__Id', 'sf__Error', ...rows.flatMap((r) => Object.keys(r))])];
  writeFileSync(file, stringify(rows.map((r) => columns.map((c) => (r[c] === undefined || r[c] === null ? '' : String(r[c])))), { header: true, columns }));
  return file;
}
