/**
 * What the org service needs from the rooms built beside it (store, SOQL, formula, flows), written as
 * narrow interfaces so that the service states its dependencies in one place. `Org.load` passes the real
 * implementations; TypeScript checks structurally that they fit.
 */
import type { WireRecord, WireValue } from '../contracts.js';

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
  /** Grows whenever rows of `object` may have changed (a write, or any rollback): the key of row-derived caches. */
  changeCount(object: string): number;
}

/** Row-level visibility the SOQL executor applies (emulator/soql). */
export type RowScope =
  | { kind: 'all' }
  | { kind: 'owners'; ownerIds: string[] }
  | { kind: 'parent'; field: string; parentObject: string };

export interface SoqlAccess {
  canReadObject(object: string): boolean;
  canReadField(object: string, field: string): boolean;
  rowScope(object: string): RowScope;
}

export interface SoqlOptions {
  scanAll?: boolean;
  apiVersion: string;
  now: Date;
  access?: SoqlAccess;
  /** Computes formula fields for a record, so that SELECT and WHERE see their values. */
  formula?: (object: string, field: string, record: WireRecord) => WireValue;
}

export interface SoqlResult {
  records: WireRecord[];
  totalSize: number;
  aggregate: boolean;
  objectName: string;
}

export type ExecuteSoql = (soql: string, options: SoqlOptions) => SoqlResult;
export type ExecuteSosl = (sosl: string, options: SoqlOptions) => WireRecord[];

/** The flow runtime as the save pipeline calls it (emulator/flows/runtime.ts). */
export interface FlowRuntimePort {
  /** Returns the field changes before-save flows made (applied to the record being saved). */
  runBeforeSave(object: string, event: 'create' | 'update', record: WireRecord, prior: WireRecord | undefined): WireRecord;
  runAfterSave(object: string, event: 'create' | 'update', record: WireRecord, prior: WireRecord | undefined): void;
  runBeforeDelete(object: string, record: WireRecord): void;
  setActiveVersion(apiName: string, versionNumber: number): void;
  activeVersionNumber(apiName: string): number;
  /** Returns how many scheduled paths ran. */
  runDueScheduledPaths(now: Date): number;
}

