/**
 * Runs a SOQL query against the store, as the user described by `options.access` (or in system
 * context without it), and returns records in REST wire format.
 *
 * @example
 *   const { records, totalSize } = executeSoql(store, schema,
 *     "SELECT Id, Name, Account.Name FROM Contact WHERE LastName LIKE 'Sm%' ORDER BY Name LIMIT 10",
 *     { apiVersion: '60.0', now: new Date() });
 */
import type { OrgSchema } from '../metadata/types.js';
import type { Store } from '../store/store.js';
import { parseSoql } from './parse-soql.js';
import { QueryExecution } from './query-execution.js';
import type { SoqlOptions, SoqlResult } from './soql-types.js';

export type { SoqlAccess, SoqlOptions, SoqlResult, RowScope } from './soql-types.js';

export function executeSoql(store: Store, schema: OrgSchema, soql: string, options: SoqlOptions): SoqlResult {
  const query = parseSoql(soql);
  return new QueryExecution(store, schema, soql, options).run(query);
}
