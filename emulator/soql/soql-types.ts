/**
 * The SOQL executor's public types: how the service calls it (`SoqlOptions`), how it asks about a
 * user's security (`SoqlAccess`), and what it returns (`SoqlResult`).
 */
import type { WireRecord, WireValue } from '../contracts.js';

export interface SoqlOptions {
  /** queryAll: include records in the recycle bin (IsDeleted = true). */
  scanAll?: boolean;
  /** For `attributes.url`: `/services/data/v{apiVersion}/sobjects/T/Id` (the version of the request path). */
  apiVersion: string;
  /** The emulator's clock, for date literals (TODAY, LAST_N_DAYS:n, THIS_MONTH, ...). UTC. */
  now: Date;
  /** The running user's security; absent means system context (sees everything). */
  access?: SoqlAccess;
  /** Computes a formula field on read from the record's stored fields (wire format). */
  formula?: (object: string, field: string, record: WireRecord) => WireValue;
}

export type RowScope =
  | { kind: 'all' }
  | { kind: 'owners'; ownerIds: string[] }
  | { kind: 'parent'; field: string; parentObject: string };

export interface SoqlAccess {
  /** false -> INVALID_TYPE, as if the object did not exist (that is what a real org answers). */
  canReadObject(object: string): boolean;
  /** false -> INVALID_FIELD "No such column", as a real org answers for a field hidden by FLS. */
  canReadField(object: string, field: string): boolean;
  /**
   * Row-level visibility: 'all', or the owner ids whose records are visible. ControlledByParent
   * objects (e.g. Contact under Account) are visible when their parent is; the executor resolves it.
   */
  rowScope(object: string): RowScope;
}

export interface SoqlResult {
  records: WireRecord[];
  totalSize: number;
  aggregate: boolean;
  /** The object in FROM, with its canonical spelling. */
  objectName: string;
}
