/**
 * The columns of a SOQL statement, as `GET /query?q=...&columns=true` answers without running it. The
 * Salesforce CLI asks for them after every `sf data query` that returns rows, to lay out its table and
 * its `--json` result, so a query the emulator runs must also be described here.
 *
 * The shape follows the recorded answers in the CLI's own tests (salesforcecli/plugin-data,
 * `test/test-files/queryFields.exemplars.ts`): one column per SELECT item, a parent path as the
 * relationship column with the field in `joinColumns`, a subquery as an `aggregate` column named after
 * the relationship, an aggregate function as `expr0`, `expr1`... unless aliased. Names and paths resolve
 * with the same rules and the same errors as the query itself (field-paths.ts), so a field the user cannot
 * read fails here as it would there.
 *
 * @example
 *   soqlColumns(schema, 'SELECT Name, Owner.Name FROM Account', {}).columnMetadata
 *   // [{columnName: 'Name', ...}, {columnName: 'Owner', foreignKeyName: 'OwnerId', joinColumns: [{columnName: 'Name', ...}]}]
 */
import type { FieldType as SelectItem, Query, Subquery } from '@jetstreamapp/soql-parser-js';
import type { QueryColumn, QueryColumns } from '../contracts.js';
import type { FieldDef, OrgSchema, SObjectDef } from '../metadata/types.js';
import { resolveChildRelationship, resolvePath, type PathContext, type ResolvedPath } from './field-paths.js';
import { parseSoql } from './parse-soql.js';
import { badChildRelationship, invalidFieldAt, unknownObject } from './soql-errors.js';
import type { SoqlAccess } from './soql-types.js';

export interface SoqlColumnsOptions {
  /** The running user's security; absent means system context. */
  access?: SoqlAccess;
}

/** Aggregate functions whose result is a number whatever the field (MIN and MAX keep the field's type). */
const NUMERIC_AGGREGATES = new Set(['count', 'count_distinct', 'sum', 'avg']);

export function soqlColumns(schema: OrgSchema, soql: string, options: SoqlColumnsOptions): QueryColumns {
  const query = parseSoql(soql);
  const object = objectFor(schema, soql, query.sObject ?? '', options.access);
  const aggregate = query.groupBy !== undefined || (query.fields ?? []).some((f) => f.type === 'FieldFunctionExpression' && f.isAggregateFn === true);
  const describer = new ColumnDescriber(schema, soql, options.access);
  const columnMetadata = describer.columns(query, object, aggregate);
  return {
    columnMetadata,
    entityName: object.name,
    groupBy: query.groupBy !== undefined,
    idSelected: columnMetadata.some((c) => c.columnName === 'Id' && c.joinColumns.length === 0),
    keyPrefix: object.keyPrefix || null,
  };
}

function objectFor(schema: OrgSchema, soql: string, name: string, access: SoqlAccess | undefined): SObjectDef {
  const object = schema.objects.get(name.toLowerCase());
  if (!object || (access && !access.canReadObject(object.name))) throw unknownObject(soql, name);
  return object;
}

class ColumnDescriber {
  constructor(private readonly schema: OrgSchema, private readonly soql: string, private readonly access: SoqlAccess | undefined) {}

  columns(query: Query | Subquery, object: SObjectDef, aggregate: boolean): QueryColumn[] {
    const ctx: PathContext = { schema: this.schema, soql: this.soql, access: this.access, alias: query.sObjectAlias };
    let expressionIndex = 0;
    return (query.fields ?? []).flatMap((item): QueryColumn[] => {
      if (item.type === 'FieldFunctionExpression' && item.functionName.toUpperCase() === 'FIELDS') {
        return this.fieldsColumns(String(item.parameters[0] ?? 'ALL'), object);
      }
      if (item.type === 'FieldFunctionExpression' && (aggregate || item.isAggregateFn === true)) {
        const name = item.alias ?? `expr${expressionIndex++}`;
        return [this.expressionColumn(item, name, object, ctx)];
      }
      if (aggregate && (item.type === 'Field' || item.type === 'FieldRelationship')) {
        // An aggregate row carries a grouped field flat, under its alias or its own name (`Name` for
        // `GROUP BY Owner.Name`), so its column is flat too.
        const path = resolvePath(ctx, object, fieldPath(item));
        return [fieldColumn(path.field, ('alias' in item && typeof item.alias === 'string' ? item.alias : undefined) ?? path.field.name)];
      }
      return [this.itemColumn(item, object, ctx)];
    });
  }

  private itemColumn(item: SelectItem, object: SObjectDef, ctx: PathContext): QueryColumn {
    switch (item.type) {
      case 'Field':
      case 'FieldRelationship':
        return pathColumn(resolvePath(ctx, object, fieldPath(item)), 'alias' in item && typeof item.alias === 'string' ? item.alias : undefined);
      case 'FieldFunctionExpression': {
        // toLabel(), FORMAT() and convertCurrency() answer the field under its own name (or the alias).
        const argument = item.parameters[0];
        if (typeof argument !== 'string') throw invalidFieldAt(this.soql, item.functionName, `Invalid use of ${item.functionName}.`);
        return pathColumn(resolvePath(ctx, object, argument), item.alias);
      }
      case 'FieldSubquery':
        return this.subqueryColumn(item.subquery, object);
      case 'FieldTypeof':
        return this.typeofColumn(item.field, item.conditions, object, ctx);
    }
  }

  /** `FIELDS(ALL | STANDARD | CUSTOM)`: every such field the user can read, in describe order. */
  private fieldsColumns(which: string, object: SObjectDef): QueryColumn[] {
    const kind = which.toUpperCase();
    return [...object.fields.values()]
      .filter((field) => kind === 'ALL' || (kind === 'CUSTOM') === field.custom)
      .filter((field) => !this.access || this.access.canReadField(object.name, field.name))
      .map((field) => fieldColumn(field, field.name));
  }

  private expressionColumn(item: Extract<SelectItem, { type: 'FieldFunctionExpression' }>, name: string, object: SObjectDef, ctx: PathContext): QueryColumn {
    const argument = item.parameters[0];
    // Resolving the argument gives the query's own error for an unknown or hidden field.
    const path = typeof argument === 'string' ? resolvePath(ctx, object, argument) : undefined;
    const fn = item.functionName.toLowerCase();
    const numeric = NUMERIC_AGGREGATES.has(fn) || (path !== undefined && isNumeric(path.field));
    return {
      ...column(name),
      aggregate: true,
      displayName: item.rawValue ?? `${item.functionName}(${typeof argument === 'string' ? argument : ''})`,
      numberType: numeric,
    };
  }

  /** `(SELECT LastName FROM Contacts)`: an aggregate column named after the relationship. */
  private subqueryColumn(subquery: Subquery, parent: SObjectDef): QueryColumn {
    const relationship = resolveChildRelationship(this.schema, parent, subquery.relationshipName);
    if (!relationship || (this.access && !this.access.canReadObject(relationship.child.name))) {
      throw badChildRelationship(this.soql, subquery.relationshipName);
    }
    return {
      ...column(relationship.relationshipName),
      aggregate: true,
      joinColumns: this.columns(subquery, relationship.child, false),
    };
  }

  /** `TYPEOF What WHEN Account THEN Phone ELSE Name END`: the relationship with every field any branch names. */
  private typeofColumn(relationship: string, conditions: { fieldList: string[] }[], object: SObjectDef, ctx: PathContext): QueryColumn {
    const hop = resolvePath(ctx, object, `${relationship}.Id`).hops[0];
    if (!hop) throw invalidFieldAt(this.soql, relationship, `Didn't understand relationship '${relationship}' in field path.`);
    const names = [...new Set(conditions.flatMap((c) => c.fieldList.map((name) => name.toLowerCase())))];
    const joinColumns = names.flatMap((name) => {
      const field = hop.targets.map((target) => target.fields.get(name)).find((f) => f !== undefined);
      return field ? [fieldColumn(field, field.name)] : [];
    });
    return { ...column(hop.relationshipName), foreignKeyName: hop.field.name, joinColumns };
  }
}

function fieldPath(item: { type: 'Field' | 'FieldRelationship'; field: string; relationships?: string[] }): string {
  return item.type === 'FieldRelationship' && item.relationships ? [...item.relationships, item.field].join('.') : item.field;
}

/** A field reached through parent relationships nests one column per hop. */
function pathColumn(path: ResolvedPath, alias: string | undefined): QueryColumn {
  let inner = fieldColumn(path.field, path.hops.length === 0 && alias ? alias : path.field.name);
  for (const hop of [...path.hops].reverse()) {
    inner = { ...column(hop.relationshipName), foreignKeyName: hop.field.name, joinColumns: [inner] };
  }
  return inner;
}

function fieldColumn(field: FieldDef, name: string): QueryColumn {
  const apexType = apexTypeOf(field);
  return {
    ...column(name),
    apexType,
    booleanType: apexType === 'Boolean',
    custom: field.custom,
    // [UNVERIFIED] insertable/updatable: the recorded answers disagree with describe for some name fields;
    // the field's own createable/updateable is the likeliest source.
    insertable: field.createable,
    numberType: isNumeric(field),
    textType: apexType === 'String',
    updatable: field.updateable,
  };
}

function column(name: string): QueryColumn {
  return {
    aggregate: false, apexType: null, booleanType: false, columnName: name, custom: false, displayName: name,
    foreignKeyName: null, insertable: false, joinColumns: [], numberType: false, textType: false, updatable: false,
  };
}

function isNumeric(field: FieldDef): boolean {
  return field.type === 'int' || field.type === 'double' || field.type === 'currency' || field.type === 'percent';
}

/** The Apex type of a field's value (Apex Developer Guide, "Primitive Data Types"). */
function apexTypeOf(field: FieldDef): string | null {
  switch (field.type) {
    case 'id':
    case 'reference':
      return 'Id';
    case 'boolean':
      return 'Boolean';
    case 'int':
      return 'Integer';
    case 'double':
    case 'currency':
    case 'percent':
      return 'Decimal';
    case 'date':
      return 'Date';
    case 'datetime':
      return 'Datetime';
    case 'time':
      return 'Time';
    case 'base64':
      return 'Blob';
    case 'address':
      return 'Address';
    case 'location':
      return 'Location';
    case 'anyType':
      return 'Object';
    default:
      return 'String';
  }
}
