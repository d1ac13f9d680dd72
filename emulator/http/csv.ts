/**
 * RFC 4180 CSV as Bulk API 2.0 speaks it: quoted fields with doubled quotes, a configurable delimiter
 * and line ending, the first line a header.
 */
import type { CsvTable } from '../service/bulk.js';

export function parseCsv(text: string, delimiter = ','): CsvTable {
  const records: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let i = 0;
  const n = text.length;
  // A leading byte-order mark is not part of the first column name.
  if (text.charCodeAt(0) === 0xfeff) i = 1;
  let rowHasContent = false;
  while (i < n) {
    const ch = text[i] as string;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
        i++;
        continue;
      }
      field += ch;
      i++;
      continue;
    }
    if (ch === '"' && field === '') {
      quoted = true;
      rowHasContent = true;
      i++;
    } else if (ch === delimiter) {
      row.push(field);
      field = '';
      rowHasContent = true;
      i++;
    } else if (ch === '\r' || ch === '\n') {
      if (rowHasContent || field !== '') {
        row.push(field);
        records.push(row);
      }
      row = [];
      field = '';
      rowHasContent = false;
      i += ch === '\r' && text[i + 1] === '\n' ? 2 : 1;
    } else {
      field += ch;
      rowHasContent = true;
      i++;
    }
  }
  if (rowHasContent || field !== '') {
    row.push(field);
    records.push(row);
  }
  const [columns = [], ...rows] = records;
  return { columns: columns.map((c) => c.trim()), rows };
}

function quote(value: string): string {
  return `"${value.replace(/"/g, '""')}"`;
}

/** Serialises rows with every cell quoted, as Salesforce's result files are. */
export function toCsv(columns: string[], rows: string[][], delimiter = ',', lineEnding = '\n'): string {
  const lines = [columns.map(quote).join(delimiter)];
  for (const row of rows) lines.push(row.map(quote).join(delimiter));
  return lines.join(lineEnding) + lineEnding;
}
