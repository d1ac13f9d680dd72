/**
 * What the org service needs from the rooms built beside it (store, SOQL, formula, flows), written as
 * narrow interfaces so that the service states its dependencies in one place. `Org.load` passes the real
 * implementations; TypeScript checks structurally that they fit.
 */
import type { QueryColumns, WireRecord, WireValue } from '../contracts.js';
import type { SoqlColumnsOptions } from '../soql/query-columns.js';
import type { SoqlOptions, SoqlResult } from '../soql/soql-types.js';

/** The store as the service uses it (emulator/store/store.ts). Records travel in wire format. */
export interface StorePort {
  insert(object: string, record: WireRecord): void;
  update(object: string, id: string, values: WireRecord): void;
  softDelete(object: string, id: string, when: Date): void;
  hardDelete(object: string, id: string): void;
  get(object: string, id: string, options?: { includeDeleted?: boolean }): WireRecord | null | undefined;
  findBy(object: string, field: string, value: WireValue): WireRecord[];
  transaction<T>(fn: () => T): T;
  allIds(object: string): string[];
  count(object: string): number;
  updatedBetween(object: string, start: Date, end: Date): string[];
  deletedBetween(object: string, start: Date, end: Date): { id: string; deletedDate: string }[];
  /** Grows whenever rows of `object` may have changed (a write, or its rollback): the key of row-derived caches. */
  changeCount(object: string): number;
}

// The SOQL room's own types: the service passes them through unchanged, so it does not declare its own copy.
export type { RowScope, SoqlAccess, SoqlOptions, SoqlResult } from '../soql/soql-types.js';

export type ExecuteSoql = (soql: string, options: SoqlOptions) => SoqlResult;
export type ExecuteSosl = (sosl: string, options: SoqlOptions) => WireRecord[];
export type DescribeSoqlColumns = (soql: string, options: SoqlColumnsOptions) => QueryColumns;

/** The flow runtime as the save pipeline calls it (emulator/flows/runtime.ts). */
export interface FlowRuntimePort {
  /** Returns the field changes before-save flows made (applied to the record being saved). */
  runBeforeSave(object: string, event: 'create' | 'update', record: WireRecord, prior: WireRecord | undefined): WireRecord;
  runAfterSave(object: string, event: 'create' | 'update', record: WireRecord, prior: WireRecord | undefined): void;
  runBeforeDelete(object: string, record: WireRecord): void;
  /**
   * Process Builder processes on `object` for a save. `evaluations` counts, per process and record, how
   * often the transaction in progress evaluated it (the save pipeline owns it and clears it at commit).
   */
  runProcesses(object: string, event: 'create' | 'update', record: WireRecord, prior: WireRecord | undefined, evaluations: Map<string, number>): void;
  setActiveVersion(apiName: string, versionNumber: number): void;
  activeVersionNumber(apiName: string): number;
  /** Returns how many scheduled paths ran. */
  runDueScheduledPaths(now: Date): number;
}

