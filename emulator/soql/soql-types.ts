/**
 * The SOQL executor's public types: how the service calls it (`SoqlOptions`), how it asks about a
 * user's security (`SoqlAccess`), and what it returns (`SoqlResult`).
 */
import type { WireRecord, WireValue } from '../contracts.js';
import type { SharingCriteriaDef } from '../metadata/types.js';

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
  /** Rows owned by `ownerIds`, plus the rows each of `grants` reaches (sharing rules, implicit sharing). */
  | { kind: 'owners'; ownerIds: string[]; grants?: RowGrant[] }
  | { kind: 'parent'; field: string; parentObject: string };

/**
 * Rows a user reaches beyond ownership and the role hierarchy: those owned by some users (owner-based
 * sharing rules, a role's implicit access to its accounts' children), or matching a criteria sharing rule.
 * With `via`, the test applies to the parent record the row points at through `via.field` (an Account
 * rule's access to the account's cases). Exactly one of `ownerIds` and `criteria` is set.
 */
export interface RowGrant {
  ownerIds?: string[];
  criteria?: SharingCriteriaDef;
  via?: { field: string; parentObject: string };
}

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
