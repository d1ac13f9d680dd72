/**
 * Whether a value the org returns already equals the value a release wants, across the ways the same value
 * is spelled: JSON types from REST, text from a CSV file, dates with or without milliseconds and offset.
 */

export type FieldValue = string | number | boolean | null;

export function sameFieldValue(orgValue: unknown, wanted: unknown): boolean {
  const org = orgValue === undefined || orgValue === '' ? null : orgValue;
  const want = wanted === undefined || wanted === '' ? null : wanted;
  if (org === null || want === null) return org === want;
  if (typeof org === 'boolean') return String(want).trim().toLowerCase() === String(org);
  if (typeof org === 'number') {
    const n = typeof want === 'number' ? want : Number(String(want).trim());
    return Number.isFinite(n) && n === org;
  }
  const orgText = String(org);
  const wantText = String(want);
  if (orgText === wantText) return true;
  // Date-times come back as 2026-11-27T10:00:00.000+0000; a file or a release may write 2026-11-27T10:00:00Z.
  if (/^\d{4}-\d{2}-\d{2}T/.test(orgText) && /^\d{4}-\d{2}-\d{2}T/.test(wantText)) {
    const a = Date.parse(orgText.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
    const b = Date.parse(wantText.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
    return Number.isFinite(a) && a === b;
  }
  return false;
}

export function showValue(value: unknown): string {
  return value === undefined || value === null || value === '' ? 'blank' : JSON.stringify(value);
}
