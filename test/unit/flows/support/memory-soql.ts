/**
 * The test org double's query engine: enough SOQL over an in-memory map for what flows ask
 * (field lists with parent paths, WHERE with AND/OR/NOT and parentheses, =, !=, <, >, LIKE, IN,
 * ORDER BY, LIMIT), parsed with the same SOQL parser the emulator uses.
 */
import { parseQuery, type Condition, type WhereClause } from '@jetstreamapp/soql-parser-js';
import type { WireRecord } from '../../../../emulator/contracts.js';

export interface StoredRecord {
  object: string;
  fields: WireRecord;
}

type Token = '(' | ')' | 'AND' | 'OR' | 'NOT' | { condition: Condition };

export function runQuery(soql: string, records: Map<string, StoredRecord>): WireRecord[] {
  const query = parseQuery(soql);
  const object = (query.sObject ?? '').toLowerCase();
  const lookup = (id: unknown): StoredRecord | undefined => (typeof id === 'string' ? records.get(id) : undefined);
  let rows = [...records.values()].filter((r) => r.object.toLowerCase() === object);
  if (query.where) {
    const tokens = tokenize(query.where, []);
    rows = rows.filter((row) => new WhereEvaluator(tokens, (field) => readPath(row.fields, field.split('.'), lookup)).evaluate());
  }
  for (const order of [...(query.orderBy ? (Array.isArray(query.orderBy) ? query.orderBy : [query.orderBy]) : [])].reverse()) {
    const field = 'field' in order && order.field ? order.field : 'Id';
    const direction = order.order === 'DESC' ? -1 : 1;
    rows.sort((a, b) => direction * compare(readPath(a.fields, field.split('.'), lookup), readPath(b.fields, field.split('.'), lookup)));
  }
  if (typeof query.limit === 'number') rows = rows.slice(0, query.limit);
  return rows.map((row) => {
    const out: WireRecord = {};
    for (const field of query.fields ?? []) {
      if (field.type === 'Field') out[field.field] = readPath(row.fields, [field.field], lookup) ?? null;
      else if (field.type === 'FieldRelationship') setNested(out, row.fields, [...field.relationships, field.field], lookup);
    }
    return out;
  });
}

function setNested(out: WireRecord, source: WireRecord, path: string[], lookup: (id: unknown) => StoredRecord | undefined): void {
  const [relationship = '', ...rest] = path;
  const parent = lookup(getCaseInsensitive(source, foreignKeyOf(relationship)));
  if (!parent) {
    out[relationship] = null;
    return;
  }
  const nested = (out[relationship] as WireRecord | null | undefined) ?? {};
  out[relationship] = nested;
  if (rest.length === 1) nested[rest[0] ?? ''] = getCaseInsensitive(parent.fields, rest[0] ?? '') ?? null;
  else setNested(nested, parent.fields, rest, lookup);
}

function foreignKeyOf(relationship: string): string {
  return relationship.toLowerCase().endsWith('__r') ? `${relationship.slice(0, -3)}__c` : `${relationship}Id`;
}

function getCaseInsensitive(record: WireRecord, field: string): unknown {
  const key = Object.keys(record).find((k) => k.toLowerCase() === field.toLowerCase());
  return key === undefined ? undefined : record[key];
}

function readPath(record: WireRecord, path: string[], lookup: (id: unknown) => StoredRecord | undefined): unknown {
  const [first = '', ...rest] = path;
  if (rest.length === 0) return getCaseInsensitive(record, first);
  const parent = lookup(getCaseInsensitive(record, foreignKeyOf(first)));
  return parent ? readPath(parent.fields, rest, lookup) : null;
}

function tokenize(clause: WhereClause, out: Token[]): Token[] {
  // The parser links conditions as left/operator/right with parentheses counted on each condition.
  const where = clause as { left?: unknown; operator?: string; right?: WhereClause };
  const left = where.left as Partial<Condition> & { openParen?: number; closeParen?: number } | undefined;
  if (left) {
    for (let i = 0; i < (left.openParen ?? 0); i++) out.push('(');
    if ('field' in left && left.field !== undefined) out.push({ condition: left as Condition });
    for (let i = 0; i < (left.closeParen ?? 0); i++) out.push(')');
  }
  if (where.operator) out.push(where.operator as 'AND' | 'OR' | 'NOT');
  if (where.right) tokenize(where.right, out);
  return out;
}

class WhereEvaluator {
  private position = 0;
  constructor(private readonly tokens: Token[], private readonly read: (field: string) => unknown) {}

  evaluate(): boolean {
    return this.or();
  }

  private or(): boolean {
    let value = this.and();
    while (this.tokens[this.position] === 'OR') {
      this.position++;
      const right = this.and();
      value = value || right;
    }
    return value;
  }

  private and(): boolean {
    let value = this.unary();
    while (this.tokens[this.position] === 'AND') {
      this.position++;
      const right = this.unary();
      value = value && right;
    }
    return value;
  }

  private unary(): boolean {
    const token = this.tokens[this.position++];
    if (token === 'NOT') return !this.unary();
    if (token === '(') {
      const value = this.or();
      this.position++; // ')'
      return value;
    }
    if (token && typeof token === 'object') return this.condition(token.condition);
    throw new Error(`unexpected token in WHERE: ${JSON.stringify(token)}`);
  }

  private condition(condition: Condition): boolean {
    const c = condition as Condition & { field: string; operator: string; value: string | string[]; literalType?: string | string[] };
    const actual = this.read(c.field);
    const literalType = Array.isArray(c.literalType) ? c.literalType[0] : c.literalType;
    const expected = Array.isArray(c.value) ? c.value.map((v) => literal(v, literalType)) : literal(c.value, literalType);
    switch (c.operator.toUpperCase()) {
      case '=': return equals(actual, expected);
      case '!=': return !equals(actual, expected);
      case '<': return actual !== null && actual !== undefined && compare(actual, expected) < 0;
      case '>': return actual !== null && actual !== undefined && compare(actual, expected) > 0;
      case '<=': return actual !== null && actual !== undefined && compare(actual, expected) <= 0;
      case '>=': return actual !== null && actual !== undefined && compare(actual, expected) >= 0;
      case 'LIKE': return typeof actual === 'string' && likePattern(String(expected)).test(actual);
      case 'IN': return Array.isArray(expected) && expected.some((e) => equals(actual, e));
      case 'NOT IN': return !(Array.isArray(expected) && expected.some((e) => equals(actual, e)));
      default: throw new Error(`operator ${c.operator} not supported by the test org`);
    }
  }
}

function literal(raw: string, literalType: string | undefined): unknown {
  if (literalType === 'NULL') return null;
  if (literalType === 'BOOLEAN') return raw.toLowerCase() === 'true';
  if (literalType === 'INTEGER' || literalType === 'DECIMAL') return Number(raw);
  if (literalType === 'STRING') return raw.slice(1, -1).replace(/\\(.)/g, '$1');
  return raw;
}

function equals(actual: unknown, expected: unknown): boolean {
  if (expected === null) return actual === null || actual === undefined || actual === '';
  if (actual === null || actual === undefined) return false;
  if (typeof actual === 'string' && typeof expected === 'string') {
    // SOQL compares text case-insensitively; ids compare on their first 15 characters.
    const idLike = /^[a-zA-Z0-9]{15}([a-zA-Z0-9]{3})?$/;
    if (idLike.test(actual) && idLike.test(expected) && actual.length !== expected.length) return actual.slice(0, 15) === expected.slice(0, 15);
    return actual.toLowerCase() === expected.toLowerCase();
  }
  return actual === expected;
}

function compare(a: unknown, b: unknown): number {
  if (a === b) return 0;
  if (a === null || a === undefined) return -1;
  if (b === null || b === undefined) return 1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return String(a).localeCompare(String(b));
}

function likePattern(pattern: string): RegExp {
  let source = '';
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern.charAt(i);
    if (ch === '\\' && i + 1 < pattern.length) source += escapeRegExp(pattern.charAt(++i));
    else if (ch === '%') source += '.*';
    else if (ch === '_') source += '.';
    else source += escapeRegExp(ch);
  }
  return new RegExp(`^${source}$`, 'is');
}

function escapeRegExp(value: string): string {
  return value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
