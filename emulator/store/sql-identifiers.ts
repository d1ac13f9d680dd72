/**
 * Quoting for SQLite identifiers. Tables are named after sObjects and columns after fields (their API
 * names), so generated SQL reads like the SOQL it came from.
 */
export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}
