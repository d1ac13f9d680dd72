/**
 * One SOQL execution: resolves the query against the schema and the user's security, pushes what
 * SQLite can run (filters and ordering on the object's own stored columns, row-level scope) into one
 * SQL statement, and evaluates the rest in JS (parent paths, formula fields, multi-select picklists),
 * then shapes records as the REST API returns them (reference §5.3, §6.2).
 */
import type {
  FieldType as SelectItem, FunctionExp, OrderByClause, Query, Subquery, ValueQueryCondition,
} from '@jetstreamapp/soql-parser-js';
import type { WireRecord, WireValue } from '../contracts.js';
import { compileSharingCriteria } from './sharing-criteria.js';
import type { FieldDef, OrgSchema, SObjectDef } from '../metadata/types.js';
import type { SqlValue } from '../store/column-codec.js';
import { quoteIdent } from '../store/sql-identifiers.js';
import type { Store } from '../store/store.js';
import { buildConditionTree, conjuncts, type ConditionTree, type LeafCondition } from './condition-tree.js';
import { applyDateFunction, isDateFunction } from './date-functions.js';
import { resolveChildRelationship, resolvePath, type PathContext, type ResolvedPath } from './field-paths.js';
import { comparable, compilePredicate, parseLiteral, type Literal } from './predicates.js';
import { RecordReader } from './record-reader.js';
import {
  badChildRelationship, invalidFieldAt, malformedQuery, locate, unknownObject,
} from './soql-errors.js';
import type { RowGrant, SoqlOptions, SoqlResult } from './soql-types.js';

/** A compiled condition over a row of the queried object. */
interface CompiledCondition {
  sql?: { text: string; params: SqlValue[] };
  test(row: WireRecord): boolean;
}

/** Everything that narrows the rows of one (sub)query, before shaping. */
export interface RowSelection {
  object: SObjectDef;
  /** Conditions SQLite runs (ANDed), with their parameters in order. */
  sql: string[];
  params: SqlValue[];
  /** Conditions only JS can evaluate (ANDed). */
  residual: ((row: WireRecord) => boolean)[];
}

/** An extra restriction a caller adds to a query (a subquery's parent id, SOSL's term match). */
export interface ExtraRestriction {
  sql?: { text: string; params: SqlValue[] };
  test?: (row: WireRecord) => boolean;
}

type Writer = (out: WireRecord, row: WireRecord) => void;

interface SortKey {
  sql?: string;
  value(row: WireRecord): WireValue;
  field: FieldDef | null;
  descending: boolean;
  nullsFirst: boolean;
}

const COUNT_FIELD: FieldDef = syntheticField('expr', 'int');

/** The row's `OwnerId` is one of `ownerIds` (one JSON parameter, however many owners). */
function ownedBy(ownerIds: readonly string[]): { text: string; params: SqlValue[] } {
  return { text: `${quoteIdent('OwnerId')} IN (SELECT value FROM json_each(?))`, params: [JSON.stringify(ownerIds)] };
}

export class QueryExecution {
  readonly reader: RecordReader;

  constructor(
    readonly store: Store,
    readonly schema: OrgSchema,
    readonly soql: string,
    readonly options: SoqlOptions,
  ) {
    this.reader = new RecordReader(store, schema, options);
  }

  // --- entry points ----------------------------------------------------------------------------

  run(query: Query): SoqlResult {
    const object = this.objectFor(query.sObject ?? '');
    // WITH SECURITY_ENFORCED needs no branch of its own: every field and object in the query is
    // already checked against the user's access, and an unreadable one fails the query.
    if (isAggregateQuery(query)) return this.runAggregate(query, object);
    const selection = this.selection(query, object);
    const writers = this.writers(query, object);
    const rows = this.matchingRows(query, selection);
    const records = rows.map((row) => this.shape(object, row, writers));
    return { records, totalSize: records.length, aggregate: false, objectName: object.name };
  }

  /** The object in FROM (case-insensitive), or INVALID_TYPE like a real org. */
  objectFor(name: string): SObjectDef {
    const object = this.schema.objects.get(name.toLowerCase());
    if (!object || (this.options.access && !this.options.access.canReadObject(object.name)) || !this.store.hasTable(object.name)) {
      throw unknownObject(this.soql, name);
    }
    return object;
  }

  pathContext(query: Query | Subquery): PathContext {
    return { schema: this.schema, soql: this.soql, access: this.options.access, alias: query.sObjectAlias };
  }

  // --- row selection ---------------------------------------------------------------------------

  /** WHERE and row-level security, split between SQL and JS. */
  selection(query: Query | Subquery, object: SObjectDef, extra?: ExtraRestriction): RowSelection {
    const selection: RowSelection = { object, sql: [], params: [], residual: [] };
    const scope = this.scopeCondition(object, 0);
    if (scope) {
      selection.sql.push(scope.text);
      selection.params.push(...scope.params);
    }
    if (extra?.sql) {
      selection.sql.push(extra.sql.text);
      selection.params.push(...extra.sql.params);
    }
    if (extra?.test) selection.residual.push(extra.test);
    if (query.where) {
      for (const part of conjuncts(buildConditionTree(query.where))) {
        const compiled = this.compileCondition(part, object, this.pathContext(query));
        if (compiled.sql) {
          selection.sql.push(compiled.sql.text);
          selection.params.push(...compiled.sql.params);
        } else {
          selection.residual.push((row) => compiled.test(row));
        }
      }
    }
    return selection;
  }

  /** Rows after WHERE, ORDER BY, OFFSET and LIMIT: in SQL when it can, in JS otherwise. */
  matchingRows(query: Query | Subquery, selection: RowSelection, paged = true): WireRecord[] {
    const sortKeys = this.sortKeys(query, selection.object);
    const sqlOrder = sortKeys.every((key) => key.sql !== undefined);
    const where = selection.sql.length > 0 ? selection.sql.join(' AND ') : undefined;
    const base = { where, params: selection.params, includeDeleted: this.options.scanAll === true };
    const limit = paged ? query.limit : undefined;
    const offset = paged ? query.offset : undefined;
    if (selection.residual.length === 0 && sqlOrder) {
      return this.store.selectRecords(selection.object.name, {
        ...base, orderBy: sortKeys.map((key) => key.sql).join(', ') || undefined, limit, offset,
      });
    }
    let rows = this.store.selectRecords(selection.object.name, { ...base, orderBy: sqlOrder ? sortKeys.map((k) => k.sql).join(', ') || undefined : undefined });
    if (selection.residual.length > 0) rows = rows.filter((row) => selection.residual.every((test) => test(row)));
    if (!sqlOrder) rows = sortRows(rows, sortKeys);
    const start = offset ?? 0;
    return rows.slice(start, limit === undefined ? undefined : start + limit);
  }

  /** How many rows match, for `COUNT()`. */
  countRows(query: Query, selection: RowSelection): number {
    if (selection.residual.length === 0) {
      const count = this.store.countRecords(selection.object.name, {
        where: selection.sql.length > 0 ? selection.sql.join(' AND ') : undefined,
        params: selection.params,
        includeDeleted: this.options.scanAll === true,
      });
      const afterOffset = Math.max(0, count - (query.offset ?? 0));
      return query.limit === undefined ? afterOffset : Math.min(afterOffset, query.limit);
    }
    return this.matchingRows(query, selection).length;
  }

  /**
   * Row-level visibility as SQL: owners, or (ControlledByParent) a visible parent. A parent chain
   * deeper than a few levels is a schema loop and shows nothing.
   */
  private scopeCondition(object: SObjectDef, depth: number): { text: string; params: SqlValue[] } | null {
    const access = this.options.access;
    if (!access) return null;
    if (depth > 5) return { text: '0', params: [] };
    const scope = access.rowScope(object.name);
    if (scope.kind === 'all') return null;
    if (scope.kind === 'owners') {
      const owned = ownedBy(scope.ownerIds);
      const parts = [owned, ...(scope.grants ?? []).map((grant) => this.grantCondition(object, grant))];
      if (parts.length === 1) return owned;
      // Sharing only ever adds rows: each grant is OR'd with ownership.
      return { text: `(${parts.map((p) => p.text).join(' OR ')})`, params: parts.flatMap((p) => p.params) };
    }
    const parent = this.schema.objects.get(scope.parentObject.toLowerCase());
    if (!parent || !this.store.hasTable(parent.name)) return { text: '0', params: [] };
    return this.pointsAtLiveRow(scope.field, parent, this.scopeCondition(parent, depth + 1));
  }

  /** `field` holds the id of a live `target` row that meets `condition` (any live row without one). */
  private pointsAtLiveRow(field: string, target: SObjectDef, condition: { text: string; params: SqlValue[] } | null): { text: string; params: SqlValue[] } {
    const where = `${this.store.liveRowCondition()}${condition ? ` AND ${condition.text}` : ''}`;
    return {
      text: `${quoteIdent(field)} IN (SELECT ${quoteIdent('Id')} FROM ${this.store.tableName(target.name)} WHERE ${where})`,
      params: condition?.params ?? [],
    };
  }

  /** One sharing grant as SQL over the queried object's row (or, with `via`, over the parent it points at). */
  private grantCondition(object: SObjectDef, grant: RowGrant): { text: string; params: SqlValue[] } {
    const target = grant.via ? this.schema.objects.get(grant.via.parentObject.toLowerCase()) : object;
    if (!target || !this.store.hasTable(target.name)) return { text: '0', params: [] };
    const test = grant.criteria ? compileSharingCriteria(target, grant.criteria).sql : ownedBy(grant.ownerIds ?? []);
    return grant.via ? this.pointsAtLiveRow(grant.via.field, target, test) : test;
  }

  // --- conditions ------------------------------------------------------------------------------

  compileCondition(tree: ConditionTree, object: SObjectDef, ctx: PathContext): CompiledCondition {
    switch (tree.kind) {
      case 'leaf':
        return this.compileLeaf(tree.condition, object, ctx);
      case 'not': {
        const inner = this.compileCondition(tree.item, object, ctx);
        return {
          sql: inner.sql ? { text: `NOT (${inner.sql.text})`, params: inner.sql.params } : undefined,
          test: (row) => !inner.test(row),
        };
      }
      case 'and':
      case 'or': {
        const items = tree.items.map((item) => this.compileCondition(item, object, ctx));
        const joiner = tree.kind === 'and' ? ' AND ' : ' OR ';
        const allSql = items.every((item) => item.sql);
        return {
          sql: allSql ? {
            text: `(${items.map((item) => item.sql!.text).join(joiner)})`,
            params: items.flatMap((item) => item.sql!.params),
          } : undefined,
          test: tree.kind === 'and' ? (row) => items.every((item) => item.test(row)) : (row) => items.some((item) => item.test(row)),
        };
      }
    }
  }

  private compileLeaf(condition: LeafCondition, object: SObjectDef, ctx: PathContext): CompiledCondition {
    if ('fn' in condition) return this.compileFunctionLeaf(condition.fn, condition.operator, condition.value, condition.literalType, object, ctx);
    const path = resolvePath(ctx, object, condition.field);
    const column = path.direct ? quoteIdent(path.field.name) : null;
    const literal = 'valueQuery' in condition
      ? this.semiJoinLiteral(condition)
      : this.literalFor(path.field, condition.operator, condition.value, condition.literalType, 'dateLiteralVariable' in condition ? condition.dateLiteralVariable : undefined);
    const predicate = compilePredicate(path.field, column, condition.operator, literal);
    return {
      sql: predicate.sql,
      test: (row) => predicate.test(this.reader.scalar(object, row, path)),
    };
  }

  /** `CALENDAR_YEAR(CloseDate) = 2024` in WHERE: evaluated in JS. */
  private compileFunctionLeaf(
    fn: FunctionExp, operator: string, value: string | string[], literalType: unknown, object: SObjectDef, ctx: PathContext,
  ): CompiledCondition {
    const name = fn.functionName ?? '';
    const argument = fn.parameters?.[0];
    if (!isDateFunction(name) || typeof argument !== 'string') {
      throw malformedQuery(this.soql, locate(this.soql, name), `unexpected token: '${name}'`);
    }
    const path = resolvePath(ctx, object, argument);
    const resultField = syntheticField(name, name.toUpperCase() === 'DAY_ONLY' ? 'date' : 'int');
    const predicate = compilePredicate(resultField, null, operator, this.literalFor(resultField, operator, value, literalType as never, undefined));
    return { test: (row) => predicate.test(applyDateFunction(name, this.reader.scalar(object, row, path))) };
  }

  literalFor(field: FieldDef, operator: string, value: string | string[], literalType: unknown, n: number | number[] | undefined): Literal {
    const types = Array.isArray(literalType) ? literalType : [literalType];
    const forLike = operator.toUpperCase() === 'LIKE';
    if (Array.isArray(value) || ['IN', 'NOT IN', 'INCLUDES', 'EXCLUDES'].includes(operator.toUpperCase())) {
      const values = Array.isArray(value) ? value : [value];
      const ns = Array.isArray(n) ? n : [n];
      const parsed = values.map((raw, i) => parseLiteral(field, raw, types[i] ?? types[0], this.options.now, ns[i], false));
      return { kind: 'list', values: parsed.map((p) => (p.kind === 'value' ? p.value : null)) };
    }
    return parseLiteral(field, value, types[0] as never, this.options.now, Array.isArray(n) ? n[0] : n, forLike);
  }

  /** `Id IN (SELECT AccountId FROM Contact ...)`: the inner query runs first (same user, same rules). */
  private semiJoinLiteral(condition: ValueQueryCondition): Literal {
    const inner = condition.valueQuery;
    const object = this.objectFor(inner.sObject ?? '');
    const item = inner.fields?.[0];
    const innerPath = item && (item.type === 'Field' || item.type === 'FieldRelationship')
      ? resolvePath(this.pathContext(inner), object, fieldPath(item))
      : null;
    if (!innerPath) throw malformedQuery(this.soql, locate(this.soql, inner.sObject ?? ''), 'semi join sub-selects must select exactly one id field');
    const rows = this.matchingRows(inner, this.selection(inner, object));
    const values = new Set<WireValue>();
    for (const row of rows) {
      const value = this.reader.scalar(object, row, innerPath);
      if (value !== null) values.add(value);
    }
    return { kind: 'list', values: [...values] };
  }

  // --- ordering --------------------------------------------------------------------------------

  private sortKeys(query: Query | Subquery, object: SObjectDef): SortKey[] {
    const clauses = query.orderBy === undefined ? [] : Array.isArray(query.orderBy) ? query.orderBy : [query.orderBy];
    return clauses.map((clause) => this.sortKey(clause, object, this.pathContext(query)));
  }

  private sortKey(clause: OrderByClause, object: SObjectDef, ctx: PathContext): SortKey {
    const descending = clause.order === 'DESC';
    // Nulls sort first ascending and last descending unless told otherwise (SOQL reference, ORDER BY).
    const nullsFirst = clause.nulls ? clause.nulls === 'FIRST' : !descending;
    if (!('field' in clause)) {
      throw malformedQuery(this.soql, locate(this.soql, clause.fn.functionName ?? ''), `unexpected token: '${clause.fn.functionName ?? ''}'`);
    }
    const path = resolvePath(ctx, object, clause.field);
    return {
      sql: path.direct ? `${quoteIdent(path.field.name)} ${descending ? 'DESC' : 'ASC'} NULLS ${nullsFirst ? 'FIRST' : 'LAST'}` : undefined,
      value: (row) => this.reader.scalar(object, row, path),
      field: path.field,
      descending,
      nullsFirst,
    };
  }

  // --- shaping ---------------------------------------------------------------------------------

  recordUrl(object: string, id: unknown): string {
    return `/services/data/v${this.options.apiVersion}/sobjects/${object}/${String(id)}`;
  }

  shape(object: SObjectDef, row: WireRecord, writers: Writer[]): WireRecord {
    const out: WireRecord = { attributes: { type: object.name, url: this.recordUrl(object.name, row['Id']) } };
    for (const write of writers) write(out, row);
    return out;
  }

  /** One writer per SELECT item, in order, so that keys come out in the order of the query. */
  writers(query: Query | Subquery, object: SObjectDef): Writer[] {
    const ctx = this.pathContext(query);
    return (query.fields ?? []).flatMap((item) => {
      if (item.type === 'FieldFunctionExpression' && item.functionName.toUpperCase() === 'FIELDS') {
        return this.fieldsWriters(String(item.parameters[0] ?? 'ALL'), object, ctx);
      }
      return [this.writer(item, object, ctx)];
    });
  }

  /** `FIELDS(ALL | STANDARD | CUSTOM)`: every such field the user can read, in describe order. */
  private fieldsWriters(which: string, object: SObjectDef, ctx: PathContext): Writer[] {
    const kind = which.toUpperCase();
    return [...object.fields.values()]
      .filter((field) => (kind === 'ALL' || (kind === 'CUSTOM') === field.custom))
      .filter((field) => !this.options.access || this.options.access.canReadField(object.name, field.name))
      .map((field) => this.pathWriter(resolvePath(ctx, object, field.name), object));
  }

  private writer(item: SelectItem, object: SObjectDef, ctx: PathContext): Writer {
    switch (item.type) {
      case 'Field':
      case 'FieldRelationship':
        return this.pathWriter(resolvePath(ctx, object, fieldPath(item)), object);
      case 'FieldFunctionExpression': {
        // toLabel(), FORMAT() and convertCurrency() return the field under its own name.
        const argument = item.parameters[0];
        if (item.isAggregateFn || typeof argument !== 'string') {
          throw malformedQuery(this.soql, locate(this.soql, item.functionName), `unexpected token: '${item.functionName}'`);
        }
        const path = resolvePath(ctx, object, argument);
        const write = this.pathWriter(path, object);
        if (item.functionName.toLowerCase() !== 'tolabel') return write;
        return (out, row) => {
          write(out, row);
          relabel(out, path);
        };
      }
      case 'FieldSubquery':
        return this.subqueryWriter(item.subquery, object);
      case 'FieldTypeof':
        return this.typeofWriter(item.field, item.conditions, object, ctx);
    }
  }

  private pathWriter(path: ResolvedPath, object: SObjectDef): Writer {
    return (out, row) => {
      let target = out;
      let current = row;
      let currentObject = object;
      for (const hop of path.hops) {
        const key = hop.relationshipName;
        if (target[key] === null) return;
        const parent = this.reader.follow(current, hop);
        if (!parent) {
          if (!(key in target)) target[key] = null;
          return;
        }
        if (!(key in target)) {
          // Polymorphic lookups report the `Name` entity, with a url to the real type (reference §5.3).
          target[key] = { attributes: { type: hop.polymorphic ? 'Name' : parent.object.name, url: this.recordUrl(parent.object.name, parent.record['Id']) } };
        }
        target = target[key] as WireRecord;
        current = parent.record;
        currentObject = parent.object;
      }
      const field = currentObject === path.owner ? path.field : currentObject.fields.get(path.field.name.toLowerCase());
      target[field?.name ?? path.field.name] = field ? this.reader.fieldValue(currentObject, current, field) : null;
    };
  }

  /** `(SELECT Id FROM Contacts)`: `{totalSize, done, records}` per parent, or null without children (§6.2). */
  private subqueryWriter(subquery: Subquery, parent: SObjectDef): Writer {
    const relationship = resolveChildRelationship(this.schema, parent, subquery.relationshipName);
    if (!relationship || (this.options.access && !this.options.access.canReadObject(relationship.child.name))) {
      throw badChildRelationship(this.soql, subquery.relationshipName);
    }
    const { child, field } = relationship;
    const writers = this.writers(subquery, child);
    const key = relationship.relationshipName;
    // Resolve WHERE/ORDER BY once (errors surface before any row is read).
    this.selection(subquery, child);
    this.sortKeys(subquery, child);
    return (out, row) => {
      const selection = this.selection(subquery, child, { sql: { text: `${quoteIdent(field.name)} = ?`, params: [String(row['Id'])] } });
      const children = this.matchingRows(subquery, selection);
      out[key] = children.length === 0 ? null : {
        totalSize: children.length,
        done: true,
        records: children.map((childRow) => this.shape(child, childRow, writers)),
      };
    };
  }

  /** `TYPEOF What WHEN Account THEN Phone ELSE Name END`: fields chosen by the record's real type. */
  private typeofWriter(relationship: string, conditions: { type: string; objectType?: string; fieldList: string[] }[], object: SObjectDef, ctx: PathContext): Writer {
    const path = resolvePath(ctx, object, `${relationship}.Id`);
    const hop = path.hops[0];
    if (!hop) throw invalidFieldAt(this.soql, relationship, `Didn't understand relationship '${relationship}' in field path.`);
    return (out, row) => {
      const parent = this.reader.follow(row, hop);
      if (!parent) {
        out[hop.relationshipName] = null;
        return;
      }
      const branch = conditions.find((c) => c.type === 'WHEN' && c.objectType?.toLowerCase() === parent.object.name.toLowerCase())
        ?? conditions.find((c) => c.type === 'ELSE');
      const nested: WireRecord = { attributes: { type: parent.object.name, url: this.recordUrl(parent.object.name, parent.record['Id']) } };
      for (const name of branch?.fieldList ?? []) {
        const field = parent.object.fields.get(name.toLowerCase());
        if (field) nested[field.name] = this.reader.fieldValue(parent.object, parent.record, field);
      }
      out[hop.relationshipName] = nested;
    };
  }

  // --- aggregates ------------------------------------------------------------------------------

  private runAggregate(query: Query, object: SObjectDef): SoqlResult {
    const selection = this.selection(query, object);
    const fields = query.fields ?? [];
    const onlyCount = fields.length === 1 && fields[0]?.type === 'FieldFunctionExpression'
      && fields[0].functionName.toUpperCase() === 'COUNT' && fields[0].parameters.length === 0;
    if (onlyCount && !query.groupBy) {
      // `SELECT COUNT() FROM T` answers with totalSize only and no records (§6.2).
      return { records: [], totalSize: this.countRows(query, selection), aggregate: false, objectName: object.name };
    }
    const rows = this.matchingRows({ ...query, orderBy: undefined, limit: undefined, offset: undefined }, selection, false);
    const ctx = this.pathContext(query);
    const groupExprs = (query.groupBy === undefined ? [] : Array.isArray(query.groupBy) ? query.groupBy : [query.groupBy])
      .map((clause) => this.groupExpression('field' in clause ? clause.field : clause.fn, object, ctx));

    // Bucket rows by their group key (text compares without case, as SOQL does).
    const groups = new Map<string, WireRecord[]>();
    for (const row of rows) {
      const key = JSON.stringify(groupExprs.map((expr) => comparable(expr.field, expr.value(row))));
      let bucket = groups.get(key);
      if (!bucket) groups.set(key, (bucket = []));
      bucket.push(row);
    }
    if (groupExprs.length === 0 && groups.size === 0) groups.set('[]', []);

    let expressionIndex = 0;
    const columns = fields.map((item) => {
      if (item.type === 'FieldFunctionExpression') {
        const name = item.alias ?? `expr${expressionIndex++}`;
        const compute = this.groupFunction(item, object, ctx, groupExprs);
        return { name, compute };
      }
      if (item.type === 'Field' || item.type === 'FieldRelationship') {
        const path = resolvePath(ctx, object, fieldPath(item));
        const grouped = groupExprs.find((expr) => expr.path !== null && samePath(expr.path, path));
        if (!grouped) throw malformedQuery(this.soql, locate(this.soql, path.raw), `Field must be grouped or aggregated: ${path.field.name}`);
        return { name: ('alias' in item && item.alias) || path.field.name, compute: (bucket: WireRecord[]) => (bucket[0] ? grouped.value(bucket[0]) : null) };
      }
      throw malformedQuery(this.soql, 0, 'Subqueries are not supported with aggregate functions');
    });

    let buckets = [...groups.values()];
    if (query.having) {
      const having = this.compileHaving(buildConditionTree(query.having), object, ctx, groupExprs);
      buckets = buckets.filter(having);
    }
    const orderClauses = query.orderBy === undefined ? [] : Array.isArray(query.orderBy) ? query.orderBy : [query.orderBy];
    if (orderClauses.length > 0) {
      const keys = orderClauses.map((clause) => {
        const descending = clause.order === 'DESC';
        const compute = 'field' in clause
          ? this.groupFunction({ type: 'FieldFunctionExpression', functionName: 'GROUPED', parameters: [clause.field] }, object, ctx, groupExprs)
          : this.groupFunction({ type: 'FieldFunctionExpression', functionName: clause.fn.functionName ?? '', parameters: (clause.fn.parameters ?? []).filter((p): p is string => typeof p === 'string'), isAggregateFn: true }, object, ctx, groupExprs);
        return { descending, nullsFirst: clause.nulls ? clause.nulls === 'FIRST' : !descending, compute };
      });
      buckets = sortBy(buckets, keys.map((key) => ({ ...key, value: key.compute })));
    }
    const start = query.offset ?? 0;
    buckets = buckets.slice(start, query.limit === undefined ? undefined : start + query.limit);

    const records = buckets.map((bucket) => {
      // Aggregate results carry no url ([UNVERIFIED], reference §6.2).
      const out: WireRecord = { attributes: { type: 'AggregateResult' } };
      for (const column of columns) out[column.name] = column.compute(bucket);
      return out;
    });
    return { records, totalSize: records.length, aggregate: true, objectName: object.name };
  }

  private groupExpression(expr: string | FunctionExp, object: SObjectDef, ctx: PathContext): { path: ResolvedPath | null; field: FieldDef; fn?: string; value(row: WireRecord): WireValue } {
    if (typeof expr === 'string') {
      const path = resolvePath(ctx, object, expr);
      return { path, field: path.field, value: (row) => this.reader.scalar(object, row, path) };
    }
    const name = expr.functionName ?? '';
    const argument = expr.parameters?.[0];
    if (!isDateFunction(name) || typeof argument !== 'string') throw malformedQuery(this.soql, locate(this.soql, name), `unexpected token: '${name}'`);
    const path = resolvePath(ctx, object, argument);
    return { path: null, fn: name.toUpperCase(), field: syntheticField(name, 'int'), value: (row) => applyDateFunction(name, this.reader.scalar(object, row, path)) };
  }

  /** A function of a group: an aggregate over its rows, a date function it is grouped by, or a grouped field. */
  private groupFunction(
    item: { type: 'FieldFunctionExpression'; functionName: string; parameters: (string | { functionName: string })[]; isAggregateFn?: boolean },
    object: SObjectDef, ctx: PathContext, groupExprs: ReturnType<QueryExecution['groupExpression']>[],
  ): (bucket: WireRecord[]) => WireValue {
    const name = item.functionName.toUpperCase();
    const argument = item.parameters[0];
    if (name === 'GROUPED' && typeof argument === 'string') {
      const path = resolvePath(ctx, object, argument);
      const grouped = groupExprs.find((expr) => expr.path !== null && samePath(expr.path, path));
      return (bucket) => (bucket[0] && grouped ? grouped.value(bucket[0]) : bucket[0] ? this.reader.scalar(object, bucket[0], path) : null);
    }
    if (isDateFunction(name)) {
      const grouped = groupExprs.find((expr) => expr.fn === name);
      if (!grouped) throw malformedQuery(this.soql, locate(this.soql, item.functionName), `Field must be grouped or aggregated: ${item.functionName}`);
      return (bucket) => (bucket[0] ? grouped.value(bucket[0]) : null);
    }
    if (name === 'COUNT' && argument === undefined) return (bucket) => bucket.length;
    if (typeof argument !== 'string') throw malformedQuery(this.soql, locate(this.soql, item.functionName), `unexpected token: '${item.functionName}'`);
    const path = resolvePath(ctx, object, argument);
    const values = (bucket: WireRecord[]) => bucket.map((row) => this.reader.scalar(object, row, path)).filter((v) => v !== null);
    switch (name) {
      case 'COUNT':
        return (bucket) => values(bucket).length;
      case 'COUNT_DISTINCT':
        return (bucket) => new Set(values(bucket).map((v) => comparable(path.field, v))).size;
      case 'SUM':
        return (bucket) => {
          const numbers = values(bucket).map(Number);
          return numbers.length === 0 ? null : numbers.reduce((a, b) => a + b, 0);
        };
      case 'AVG':
        return (bucket) => {
          const numbers = values(bucket).map(Number);
          return numbers.length === 0 ? null : numbers.reduce((a, b) => a + b, 0) / numbers.length;
        };
      case 'MIN':
      case 'MAX':
        return (bucket) => {
          let best: WireValue = null;
          for (const value of values(bucket)) {
            if (best === null) best = value;
            else {
              const a = comparable(path.field, value)!;
              const b = comparable(path.field, best)!;
              if (name === 'MIN' ? a < b : a > b) best = value;
            }
          }
          return best;
        };
      default:
        throw malformedQuery(this.soql, locate(this.soql, item.functionName), `unexpected token: '${item.functionName}'`);
    }
  }

  private compileHaving(tree: ConditionTree, object: SObjectDef, ctx: PathContext, groupExprs: ReturnType<QueryExecution['groupExpression']>[]): (bucket: WireRecord[]) => boolean {
    switch (tree.kind) {
      case 'not': {
        const inner = this.compileHaving(tree.item, object, ctx, groupExprs);
        return (bucket) => !inner(bucket);
      }
      case 'and':
      case 'or': {
        const items = tree.items.map((item) => this.compileHaving(item, object, ctx, groupExprs));
        return tree.kind === 'and' ? (bucket) => items.every((i) => i(bucket)) : (bucket) => items.some((i) => i(bucket));
      }
      case 'leaf': {
        const condition = tree.condition;
        if ('valueQuery' in condition) throw malformedQuery(this.soql, 0, 'semi join sub-selects are not allowed in HAVING');
        let compute: (bucket: WireRecord[]) => WireValue;
        let field: FieldDef;
        if ('fn' in condition) {
          const fn = condition.fn;
          const parameters = (fn.parameters ?? []).filter((p): p is string => typeof p === 'string');
          compute = this.groupFunction({ type: 'FieldFunctionExpression', functionName: fn.functionName ?? '', parameters, isAggregateFn: true }, object, ctx, groupExprs);
          const name = (fn.functionName ?? '').toUpperCase();
          field = name === 'COUNT' || name === 'COUNT_DISTINCT' || !parameters[0] ? COUNT_FIELD : resolvePath(ctx, object, parameters[0]).field;
          if (name === 'AVG' || name === 'SUM') field = syntheticField('expr', 'double');
        } else {
          compute = this.groupFunction({ type: 'FieldFunctionExpression', functionName: 'GROUPED', parameters: [condition.field] }, object, ctx, groupExprs);
          field = resolvePath(ctx, object, condition.field).field;
        }
        const literal = this.literalFor(field, condition.operator, condition.value, condition.literalType, undefined);
        const predicate = compilePredicate(field, null, condition.operator, literal);
        return (bucket) => predicate.test(compute(bucket));
      }
    }
  }
}

// --- helpers ---------------------------------------------------------------------------------

function isAggregateQuery(query: Query): boolean {
  if (query.groupBy !== undefined) return true;
  return (query.fields ?? []).some((item) => item.type === 'FieldFunctionExpression' && item.isAggregateFn === true);
}

function fieldPath(item: { type: 'Field' | 'FieldRelationship'; field: string; relationships?: string[] }): string {
  return item.type === 'FieldRelationship' && item.relationships ? [...item.relationships, item.field].join('.') : item.field;
}

function samePath(a: ResolvedPath, b: ResolvedPath): boolean {
  return a.field === b.field && a.hops.length === b.hops.length && a.hops.every((hop, i) => hop.field === b.hops[i]?.field);
}

function syntheticField(name: string, type: FieldDef['type']): FieldDef {
  return {
    name, label: name, type, custom: false, length: 0, precision: 18, scale: 0, nillable: true, defaultedOnCreate: false,
    createable: false, updateable: false, permissionable: false, unique: false, externalId: false, caseSensitive: false,
    nameField: false, autoNumber: false, restrictedPicklist: false, cascadeDelete: false, formulaTreatBlanksAsZero: false,
    source: 'soql',
  };
}

/** toLabel(): replaces a picklist value with its label where the field defines one. */
function relabel(out: WireRecord, path: ResolvedPath): void {
  let target: WireRecord | null = out;
  for (const hop of path.hops) target = (target?.[hop.relationshipName] as WireRecord | null | undefined) ?? null;
  if (!target) return;
  const value = target[path.field.name];
  const label = path.field.picklistValues?.find((v) => v.value === value)?.label;
  if (label !== undefined) target[path.field.name] = label;
}

function compareValues(a: WireValue, b: WireValue, field: FieldDef | null): number {
  const x = field ? comparable(field, a) : a;
  const y = field ? comparable(field, b) : b;
  if (x === y) return 0;
  return (x as string | number) < (y as string | number) ? -1 : 1;
}

function sortRows(rows: WireRecord[], keys: SortKey[]): WireRecord[] {
  return sortBy(rows, keys);
}

function sortBy<T>(items: T[], keys: { value(item: T): WireValue; field?: FieldDef | null; descending: boolean; nullsFirst: boolean }[]): T[] {
  const decorated = items.map((item, index) => ({ item, index, values: keys.map((key) => key.value(item)) }));
  decorated.sort((a, b) => {
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i]!;
      const x = a.values[i] ?? null;
      const y = b.values[i] ?? null;
      if (x === null || y === null) {
        if (x === y) continue;
        return (x === null) === key.nullsFirst ? -1 : 1;
      }
      const order = compareValues(x, y, key.field ?? null);
      if (order !== 0) return key.descending ? -order : order;
    }
    return a.index - b.index;
  });
  return decorated.map((d) => d.item);
}

