/**
 * SOQL text built from values the release author wrote (names, external ids): quoted the way Salesforce
 * requires, and split so that an `IN (...)` list never approaches the 100,000-character SOQL limit.
 */

/** A SOQL string literal: backslash and single quote are escaped with a backslash (SOQL reference, "Quoted String Escape Sequences"). */
export function soqlString(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

/** `('a', 'b')` for a WHERE ... IN clause. */
export function soqlList(values: readonly string[]): string {
  return `(${values.map(soqlString).join(', ')})`;
}

/**
 * Splits values into groups for `IN` lists. 300 quoted 18-character ids are about 6,600 characters, far
 * below the 100,000-character SOQL limit even with the rest of the statement.
 */
export function inGroups<T>(values: readonly T[], size = 300): T[][] {
  const groups: T[][] = [];
  for (let i = 0; i < values.length; i += size) groups.push(values.slice(i, i + size));
  return groups;
}

/** Splits records into the chunks of 200 that one sObject Collections request accepts (reference §5.1). */
export const COLLECTION_LIMIT = 200;

export function collectionChunks<T>(records: readonly T[]): T[][] {
  return inGroups(records, COLLECTION_LIMIT);
}

/** True for SOQL such as `SELECT Id FROM User WHERE ...`, false for a bare WHERE clause. */
export function isSelectStatement(text: string): boolean {
  return /^\s*select\s/i.test(text);
}
