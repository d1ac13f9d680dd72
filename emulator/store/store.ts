/**
 * The org's records in SQLite: one table per sObject, one column per stored field. This is the only
 * code that talks to the database; everything else reads records in wire format through this class
 * or through the SOQL executor (emulator/soql), which hands its translated SQL to `selectRecords`.
 *
 * @example
 *   const store = new Store(schema, { file: '.org/org.sqlite' });
 *   store.insert('Account', { Id: '001...', Name: 'Acme', OwnerId: '005...' });
 *   store.get('Account', '001...'); // { Id: '001...', Name: 'Acme', OwnerId: '005...', IsDeleted: false, ... }
 */
import Database from 'better-sqlite3';
import type { Database as SqliteDatabase, Statement } from 'better-sqlite3';
import type { FieldDef, OrgSchema, SObjectDef } from '../metadata/types.js';
import type { WireRecord } from '../contracts.js';
import { SalesforceError } from '../contracts.js';
import { to18 } from '../ids.js';
import {
  canonicalDateTime, columnDeclaration, decodeValue, encodeValue, formatDateTime, storedFields,
  type SqlValue,
} from './column-codec.js';
import { quoteIdent } from './sql-identifiers.js';

export type { SqlValue } from './column-codec.js';

export interface StoreOptions {
  /** SQLite file that keeps the org across restarts; without it the org lives in memory. */
  file?: string;
}

export interface ReadOptions {
  /** Also return records in the recycle bin (IsDeleted = true), as queryAll does. */
  includeDeleted?: boolean;
}

/**
 * A filtered read, for the SOQL executor only. `where` and `orderBy` are SQL over the object's own
 * table (columns named by their field API names, see `quoteIdent`); `params` bind its `?`s.
 */
export interface RowQuery extends ReadOptions {
  where?: string;
  params?: SqlValue[];
  orderBy?: string;
  limit?: number;
  offset?: number;
}

/** Columns the store keeps for itself, next to the fields. */
const DELETED_COLUMN = 'IsDeleted';
const DELETED_AT_COLUMN = '_deleted_at';
const MODSTAMP_COLUMN = '_modstamp';

/** How one object maps onto its table, computed once per schema. */
interface TableLayout {
  object: SObjectDef;
  table: string;
  /** Stored fields with the column that holds each. */
  columns: { field: FieldDef; column: string }[];
  byLowerName: Map<string, { field: FieldDef; column: string }>;
  /** SQL of the hot statements, built once per schema rather than on every call. */
  sql: { get: string; getIncludingDeleted: string; insert: string };
}

/** Prepared statements built from generated SQL are cached by text; this bounds the cache. */
const MAX_CACHED_STATEMENTS = 2000;

export class Store {
  private readonly db: SqliteDatabase;
  private layouts = new Map<string, TableLayout>();
  private statements = new Map<string, Statement>();
  /**
   * better-sqlite3 builds four wrapper functions per `db.transaction(fn)`; one runner that takes the
   * body as its argument is built once (nested calls still become savepoints).
   */
  private readonly runInTransaction: (fn: () => unknown) => unknown;
  /** Writes per lower-cased object, rolled-back writes counted again: what `changeCount` answers from. */
  private readonly writes = new Map<string, number>();
  /** Per open `transaction` (outermost first), the lower-cased objects written inside it so far. */
  private readonly writtenInScope: Set<string>[] = [];

  constructor(schema: OrgSchema, options: StoreOptions = {}) {
    this.db = new Database(options.file ?? ':memory:');
    if (options.file) {
      // WAL keeps readers fast while a write is in flight; NORMAL is durable enough for an emulator.
      this.db.pragma('journal_mode = WAL');
      this.db.pragma('synchronous = NORMAL');
    }
    this.runInTransaction = this.db.transaction((fn: () => unknown) => fn());
    this.ensureColumns(schema);
  }

  close(): void {
    this.db.close();
  }

  /**
   * Creates missing tables, columns and indexes for `schema`. Existing rows are kept, so a persisted
   * org opened with a newer project gains the new fields (as null) and keeps its data.
   */
  ensureColumns(schema: OrgSchema): void {
    this.statements.clear();
    const layouts = new Map<string, TableLayout>();
    this.db.transaction(() => {
      for (const object of schema.objects.values()) layouts.set(object.name.toLowerCase(), this.ensureTable(object));
    })();
    this.layouts = layouts;
  }

  /** Runs `fn` atomically; nested calls become savepoints (better-sqlite3 semantics). */
  transaction<T>(fn: () => T): T {
    const written = new Set<string>();
    this.writtenInScope.push(written);
    try {
      const result = this.runInTransaction(fn) as T;
      // Now part of the enclosing transaction: should that one roll back, these writes go with it.
      const enclosing = this.writtenInScope[this.writtenInScope.length - 2];
      for (const key of written) enclosing?.add(key);
      return result;
    } catch (error) {
      // Rolled back: the rows written inside are gone, so caches of those objects must recompute (one may
      // have been filled from the uncommitted rows). Objects not written here keep their count, so a bulk
      // job whose rows fail validation does not drop every user's cached access on each failed row.
      for (const key of written) this.countWrite(key);
      throw error;
    } finally {
      this.writtenInScope.pop();
    }
  }

  /**
   * A number that grows whenever rows of `object` may have changed (a write to its table, or the rollback
   * of one). Caches derived from rows (a user's effective permissions from their assignments) compare
   * it instead of re-reading the rows on every call.
   */
  changeCount(object: string): number {
    return this.writes.get(object.toLowerCase()) ?? 0;
  }

  insert(object: string, record: WireRecord): void {
    const layout = this.layout(object);
    this.noteWrite(layout);
    this.prepare(layout.sql.insert).run(this.insertParams(layout, record, formatDateTime(new Date())));
  }

  /** Inserts many records with one prepared statement in one transaction. */
  bulkInsert(object: string, records: WireRecord[]): void {
    const layout = this.layout(object);
    const statement = this.prepare(layout.sql.insert);
    const now = formatDateTime(new Date());
    this.noteWrite(layout);
    this.transaction(() => {
      for (const record of records) statement.run(this.insertParams(layout, record, now));
    });
  }

  /** Writes `changes` (wire values by field name) onto a record; false when no such record exists. */
  update(object: string, id: string, changes: WireRecord): boolean {
    const layout = this.layout(object);
    this.noteWrite(layout);
    const entries = Object.entries(changes).filter(([name]) => name !== 'attributes' && name.toLowerCase() !== 'id');
    const assignments: string[] = [];
    const params: SqlValue[] = [];
    for (const [name, value] of entries) {
      const column = this.column(layout, name);
      assignments.push(`${quoteIdent(column.column)} = ?`);
      params.push(encodeValue(column.field, value));
    }
    assignments.push(`${quoteIdent(MODSTAMP_COLUMN)} = ?`);
    params.push(modstampOf(changes, formatDateTime(new Date())));
    const sql = `UPDATE ${layout.table} SET ${assignments.join(', ')} WHERE "Id" = ?`;
    return this.prepare(sql).run(...params, normalize(id)).changes > 0;
  }

  /** Moves a record to the recycle bin: hidden from query, visible to queryAll and `deleted()`. */
  softDelete(object: string, id: string, when: Date): boolean {
    const layout = this.layout(object);
    this.noteWrite(layout);
    const sql = `UPDATE ${layout.table} SET ${quoteIdent(DELETED_COLUMN)} = 1, ${quoteIdent(DELETED_AT_COLUMN)} = ? WHERE "Id" = ? AND ${quoteIdent(DELETED_COLUMN)} = 0`;
    return this.prepare(sql).run(formatDateTime(when), normalize(id)).changes > 0;
  }

  /** Restores a record from the recycle bin. */
  undelete(object: string, id: string): boolean {
    const layout = this.layout(object);
    this.noteWrite(layout);
    const sql = `UPDATE ${layout.table} SET ${quoteIdent(DELETED_COLUMN)} = 0, ${quoteIdent(DELETED_AT_COLUMN)} = NULL WHERE "Id" = ? AND ${quoteIdent(DELETED_COLUMN)} = 1`;
    return this.prepare(sql).run(normalize(id)).changes > 0;
  }

  hardDelete(object: string, id: string): boolean {
    const layout = this.layout(object);
    this.noteWrite(layout);
    return this.prepare(`DELETE FROM ${layout.table} WHERE "Id" = ?`).run(normalize(id)).changes > 0;
  }

  /** The record with every stored field (formula fields are not stored: the service computes them). */
  get(object: string, id: string, options: ReadOptions = {}): WireRecord | null {
    const layout = this.layout(object);
    const row = this.prepare(options.includeDeleted ? layout.sql.getIncludingDeleted : layout.sql.get).get(normalize(id)) as Record<string, unknown> | undefined;
    return row ? decodeRow(layout, row) : null;
  }

  /** Records whose `field` equals `value` (case-insensitive for text fields, as in SOQL). */
  findBy(object: string, field: string, value: unknown, options: ReadOptions = {}): WireRecord[] {
    const layout = this.layout(object);
    const column = this.column(layout, field);
    const encoded = column.field.type === 'id' || column.field.type === 'reference'
      ? normalize(String(value)) : encodeValue(column.field, value);
    const sql = `SELECT * FROM ${layout.table} WHERE ${quoteIdent(column.column)} IS ?${options.includeDeleted ? '' : notDeleted()}`;
    return (this.prepare(sql).all(encoded) as Record<string, unknown>[]).map((row) => decodeRow(layout, row));
  }

  allIds(object: string, options: ReadOptions = {}): string[] {
    const layout = this.layout(object);
    const sql = `SELECT "Id" FROM ${layout.table}${options.includeDeleted ? '' : ` WHERE ${quoteIdent(DELETED_COLUMN)} = 0`} ORDER BY rowid`;
    return this.prepare(sql).pluck().all() as string[];
  }

  /** Records not in the recycle bin. */
  count(object: string): number {
    const layout = this.layout(object);
    return this.prepare(`SELECT COUNT(*) FROM ${layout.table} WHERE ${quoteIdent(DELETED_COLUMN)} = 0`).pluck().get() as number;
  }

  /** Ids of live records created or modified in [start, end] (SystemModstamp, as `getUpdated` uses). */
  updatedBetween(object: string, start: Date, end: Date): string[] {
    const layout = this.layout(object);
    const sql = `SELECT "Id" FROM ${layout.table} WHERE ${quoteIdent(MODSTAMP_COLUMN)} >= ? AND ${quoteIdent(MODSTAMP_COLUMN)} <= ?${notDeleted()} ORDER BY ${quoteIdent(MODSTAMP_COLUMN)}, rowid`;
    return this.prepare(sql).pluck().all(formatDateTime(start), formatDateTime(end)) as string[];
  }

  /** Records moved to the recycle bin in [start, end]. */
  deletedBetween(object: string, start: Date, end: Date): { id: string; deletedDate: string }[] {
    const layout = this.layout(object);
    const sql = `SELECT "Id" AS id, ${quoteIdent(DELETED_AT_COLUMN)} AS deletedDate FROM ${layout.table} WHERE ${quoteIdent(DELETED_COLUMN)} = 1 AND ${quoteIdent(DELETED_AT_COLUMN)} >= ? AND ${quoteIdent(DELETED_AT_COLUMN)} <= ? ORDER BY ${quoteIdent(DELETED_AT_COLUMN)}, rowid`;
    return this.prepare(sql).all(formatDateTime(start), formatDateTime(end)) as { id: string; deletedDate: string }[];
  }

  /** For the SOQL executor: records matching a translated WHERE, in wire format. */
  selectRecords(object: string, query: RowQuery = {}): WireRecord[] {
    const layout = this.layout(object);
    const rows = this.prepare(selectSql(layout, 'SELECT *', query)).all(...(query.params ?? []), ...pagingParams(query));
    return (rows as Record<string, unknown>[]).map((row) => decodeRow(layout, row));
  }

  /** For the SOQL executor: how many records match a translated WHERE. */
  countRecords(object: string, query: RowQuery = {}): number {
    const layout = this.layout(object);
    const sql = selectSql(layout, 'SELECT COUNT(*)', { ...query, orderBy: undefined, limit: undefined, offset: undefined });
    return this.prepare(sql).pluck().get(...(query.params ?? [])) as number;
  }

  /** The quoted table name of an object, for SQL the SOQL executor nests (row scope by parent). */
  tableName(object: string): string {
    return this.layout(object).table;
  }

  /** The SQL condition that hides recycle-bin rows, for nested SQL. */
  liveRowCondition(): string {
    return `${quoteIdent(DELETED_COLUMN)} = 0`;
  }

  hasTable(object: string): boolean {
    return this.layouts.has(object.toLowerCase());
  }

  // ------------------------------------------------------------------------------------------

  private ensureTable(object: SObjectDef): TableLayout {
    const table = quoteIdent(object.name);
    const fields = storedFields(object);
    const idField = fields.find((f) => f.name.toLowerCase() === 'id');
    const declarations = fields
      .filter((f) => f !== idField && f.name.toLowerCase() !== DELETED_COLUMN.toLowerCase())
      .map((f) => `${quoteIdent(f.name)} ${columnDeclaration(f)}`);
    this.db.exec(`CREATE TABLE IF NOT EXISTS ${table} ("Id" TEXT PRIMARY KEY NOT NULL, ${quoteIdent(DELETED_COLUMN)} INTEGER NOT NULL DEFAULT 0, ${quoteIdent(DELETED_AT_COLUMN)} TEXT, ${quoteIdent(MODSTAMP_COLUMN)} TEXT${declarations.map((d) => `, ${d}`).join('')})`);

    const existing = new Map<string, string>();
    for (const info of this.db.pragma(`table_info(${table})`) as { name: string }[]) existing.set(info.name.toLowerCase(), info.name);
    const columns: TableLayout['columns'] = [];
    for (const field of fields) {
      let column = existing.get(field.name.toLowerCase());
      if (!column) {
        this.db.exec(`ALTER TABLE ${table} ADD COLUMN ${quoteIdent(field.name)} ${columnDeclaration(field)}`);
        column = field.name;
      }
      columns.push({ field, column });
    }

    for (const field of fields) if (needsIndex(object, field)) this.ensureIndex(object, field.name);
    this.ensureIndex(object, MODSTAMP_COLUMN);
    // Only recycle-bin rows have a deletion date: a partial index costs live rows nothing.
    this.ensureIndex(object, DELETED_AT_COLUMN, `${quoteIdent(DELETED_COLUMN)} = 1`);

    const insertNames = ['Id', DELETED_COLUMN, MODSTAMP_COLUMN, ...columns.filter((c) => !isIdOrDeleted(c.column)).map((c) => c.column)];
    return {
      object,
      table,
      columns,
      byLowerName: new Map(columns.map((c) => [c.field.name.toLowerCase(), c])),
      sql: {
        get: `SELECT * FROM ${table} WHERE "Id" = ?${notDeleted()}`,
        getIncludingDeleted: `SELECT * FROM ${table} WHERE "Id" = ?`,
        insert: `INSERT INTO ${table} (${insertNames.map(quoteIdent).join(', ')}) VALUES (${insertNames.map(() => '?').join(', ')})`,
      },
    };
  }

  private noteWrite(layout: TableLayout): void {
    const key = layout.object.name.toLowerCase();
    this.countWrite(key);
    this.writtenInScope[this.writtenInScope.length - 1]?.add(key);
  }

  private countWrite(key: string): void {
    this.writes.set(key, (this.writes.get(key) ?? 0) + 1);
  }

  private ensureIndex(object: SObjectDef, column: string, partial?: string): void {
    const name = quoteIdent(`ix_${object.name}_${column}`);
    this.db.exec(`CREATE INDEX IF NOT EXISTS ${name} ON ${quoteIdent(object.name)} (${quoteIdent(column)})${partial ? ` WHERE ${partial}` : ''}`);
  }

  private layout(object: string): TableLayout {
    const layout = this.layouts.get(object.toLowerCase());
    if (!layout) throw new SalesforceError('INVALID_TYPE', `sObject type '${object}' is not supported.`);
    return layout;
  }

  private column(layout: TableLayout, name: string): { field: FieldDef; column: string } {
    const column = layout.byLowerName.get(name.toLowerCase());
    if (!column) throw new SalesforceError('INVALID_FIELD', `No such column '${name}' on sobject of type ${layout.object.name}`, [name]);
    return column;
  }

  /**
   * Parameters for the insert statement, in column order. Hot path for bulk loads: canonical field
   * names are read directly; only a record with other spellings pays for a case-insensitive lookup.
   */
  private insertParams(layout: TableLayout, record: WireRecord, now: string, canonical = false): SqlValue[] {
    let canonicalKeys = 0;
    const params: SqlValue[] = [null, 0, null];
    for (const { field, column } of layout.columns) {
      const value = record[field.name];
      if (value !== undefined) canonicalKeys++;
      if (isIdOrDeleted(column)) continue;
      params.push(encodeValue(field, value));
    }
    const keys = Object.keys(record);
    const extraKeys = keys.length - canonicalKeys - ('attributes' in record ? 1 : 0) - (layout.byLowerName.has('id') ? 0 : 1);
    if (extraKeys > 0 && !canonical) return this.insertParamsCaseInsensitive(layout, record, now);
    const id = record['Id'];
    if (typeof id !== 'string') throw new SalesforceError('MISSING_ARGUMENT', `Id not specified in an insert into ${layout.object.name}`);
    params[0] = normalize(id);
    params[1] = record['IsDeleted'] === true ? 1 : 0;
    params[2] = modstampOf(record, now);
    return params;
  }

  private insertParamsCaseInsensitive(layout: TableLayout, record: WireRecord, now: string): SqlValue[] {
    const byLower: WireRecord = {};
    for (const [name, value] of Object.entries(record)) {
      const lower = name.toLowerCase();
      if (lower !== 'attributes' && lower !== 'id' && lower !== 'isdeleted' && !layout.byLowerName.has(lower)) this.column(layout, name);
      if (lower === 'attributes') continue;
      const canonical = lower === 'id' ? 'Id' : lower === 'isdeleted' ? 'IsDeleted' : layout.byLowerName.get(lower)!.field.name;
      byLower[canonical] = value;
    }
    return this.insertParams(layout, byLower, now, true);
  }

  private prepare(sql: string): Statement {
    let statement = this.statements.get(sql);
    if (!statement) {
      if (this.statements.size >= MAX_CACHED_STATEMENTS) this.statements.clear();
      statement = this.db.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }
}

function isIdOrDeleted(column: string): boolean {
  const lower = column.toLowerCase();
  return lower === 'id' || lower === DELETED_COLUMN.toLowerCase();
}

/** Indexes on the name field, OwnerId, every reference, unique and external-id fields. */
function needsIndex(object: SObjectDef, field: FieldDef): boolean {
  const lower = field.name.toLowerCase();
  if (lower === 'id' || lower === DELETED_COLUMN.toLowerCase()) return false;
  return field.nameField || lower === object.nameField.toLowerCase() || lower === 'ownerid'
    || field.type === 'reference' || field.unique || field.externalId;
}

function decodeRow(layout: TableLayout, row: Record<string, unknown>): WireRecord {
  const out: WireRecord = {};
  for (const { field, column } of layout.columns) {
    out[field.name] = field.name.toLowerCase() === 'isdeleted' ? row[DELETED_COLUMN] === 1 : decodeValue(field, row[column]);
  }
  if (out['Id'] === undefined) out['Id'] = row['Id'];
  return out;
}

function notDeleted(): string {
  return ` AND ${quoteIdent(DELETED_COLUMN)} = 0`;
}

function selectSql(layout: TableLayout, head: string, query: RowQuery): string {
  const conditions: string[] = [];
  if (!query.includeDeleted) conditions.push(`${quoteIdent(DELETED_COLUMN)} = 0`);
  if (query.where) conditions.push(`(${query.where})`);
  let sql = `${head} FROM ${layout.table}`;
  if (conditions.length > 0) sql += ` WHERE ${conditions.join(' AND ')}`;
  // Without ORDER BY a real org returns records in no promised order; creation order is the natural one.
  sql += ` ORDER BY ${query.orderBy ? `${query.orderBy}, ` : ''}rowid`;
  if (query.limit !== undefined || query.offset !== undefined) sql += ' LIMIT ? OFFSET ?';
  return sql;
}

function pagingParams(query: RowQuery): number[] {
  if (query.limit === undefined && query.offset === undefined) return [];
  return [query.limit ?? -1, query.offset ?? 0];
}

/** The audit stamp `getUpdated` compares against: SystemModstamp, else LastModifiedDate, else CreatedDate, else now. */
function modstampOf(record: WireRecord, now: string): string {
  for (const name of ['SystemModstamp', 'LastModifiedDate', 'CreatedDate']) {
    const value = record[name];
    if (value !== undefined && value !== null) {
      const stamp = canonicalDateTime(value);
      if (stamp) return stamp;
    }
  }
  return now;
}

function normalize(id: string): string {
  return id.length === 15 ? to18(id) : id;
}
