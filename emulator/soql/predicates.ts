/**
 * One WHERE comparison (`field op literal`) compiled twice with the same meaning: as SQL over the
 * field's column (when the field is a stored column of the queried object) and as a JS test over a
 * wire value (for parent paths, formula fields, multi-select picklists and everything else).
 *
 * SOQL semantics kept by both forms:
 * - text compares case-insensitively; ids compare exactly (a 15-char id literal is widened to 18);
 * - `= null` / `!= null` test for a blank value, and `!= 'x'` / `NOT IN` also match blanks
 *   (Salesforce treats null as a value there, unlike SQL);
 * - `<`, `>`, `LIKE`, `IN` never match a blank value;
 * - every SQL form is two-valued (never NULL), so NOT and OR compose like in SOQL.
 */
import type { LiteralType } from '@jetstreamapp/soql-parser-js';
import type { WireValue } from '../contracts.js';
import type { FieldDef } from '../metadata/types.js';
import { normalizeId } from '../ids.js';
import { canonicalDateTime, encodeValue, isCaseInsensitiveText, type SqlValue } from '../store/column-codec.js';
import { dateLiteralRange } from './date-literals.js';

export type Literal =
  | { kind: 'value'; value: WireValue }
  | { kind: 'list'; values: WireValue[] }
  /** A date literal (`THIS_MONTH`) as bounds in the field's own format: start inclusive, end exclusive. */
  | { kind: 'range'; start: string; end: string };

export interface CompiledPredicate {
  /** SQL over `column`, present when the comparison can run in SQLite. */
  sql?: { text: string; params: SqlValue[] };
  test(value: WireValue): boolean;
}

/** Removes the quotes of a SOQL string literal and resolves its escapes (`\'`, `\\`, `\n`...). */
export function unquote(raw: string, keepLikeEscapes: boolean): string {
  const body = raw.startsWith("'") && raw.endsWith("'") && raw.length >= 2 ? raw.slice(1, -1) : raw;
  return body.replace(/\\(.)/gs, (_match, ch: string) => {
    switch (ch) {
      case 'n': return '\n';
      case 't': return '\t';
      case 'r': return '\r';
      case 'b': return '\b';
      case 'f': return '\f';
      case '%':
      case '_': return keepLikeEscapes ? `\\${ch}` : ch;
      default: return ch;
    }
  });
}

/** A literal from the parser (raw text plus its literal type), typed for `field`. */
export function parseLiteral(
  field: FieldDef, raw: string, literalType: LiteralType | undefined, now: Date, n: number | undefined, forLike: boolean,
): Literal {
  if (literalType === 'DATE_LITERAL' || literalType === 'DATE_N_LITERAL') {
    const days = dateLiteralRange(raw, now, n ?? Number(raw.split(':')[1] ?? 0));
    if (days) {
      if (field.type === 'datetime') return { kind: 'range', start: `${days.start}T00:00:00.000+0000`, end: `${days.end}T00:00:00.000+0000` };
      return { kind: 'range', start: days.start, end: days.end };
    }
  }
  return { kind: 'value', value: typedValue(field, raw, literalType, forLike) };
}

function typedValue(field: FieldDef, raw: string, literalType: LiteralType | undefined, forLike: boolean): WireValue {
  if (literalType === 'NULL' || raw.toUpperCase() === 'NULL') return null;
  const text = literalType === 'STRING' ? unquote(raw, forLike) : raw;
  switch (field.type) {
    case 'id':
    case 'reference':
      return forLike ? text : (normalizeId(text) ?? text);
    case 'boolean':
      return text.toLowerCase() === 'true';
    case 'int':
    case 'double':
    case 'currency':
    case 'percent': {
      const number = Number(text.replace(/^[A-Z]{3}/, ''));
      return Number.isFinite(number) ? number : text;
    }
    case 'datetime':
      return canonicalDateTime(text) ?? text;
    case 'date':
      return /^\d{4}-\d{2}-\d{2}/.test(text) ? text.slice(0, 10) : text;
    default:
      return text;
  }
}

/** The JS value that orders and equals like the column does (case folded for text). */
export function comparable(field: FieldDef, value: WireValue): string | number | boolean | null {
  if (value === null) return null;
  if (typeof value === 'string' && isCaseInsensitiveText(field)) return value.toLowerCase();
  return value;
}

function likeRegex(pattern: string): RegExp {
  let source = '';
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern.charAt(i);
    if (ch === '\\' && i + 1 < pattern.length) source += escapeRegex(pattern.charAt(++i));
    else if (ch === '%') source += '.*';
    else if (ch === '_') source += '.';
    else source += escapeRegex(ch);
  }
  return new RegExp(`^${source}$`, 'is');
}

function escapeRegex(ch: string): string {
  return ch.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

function multiSelectValues(value: WireValue): Set<string> {
  return new Set(typeof value === 'string' ? value.split(';').map((v) => v.trim().toLowerCase()).filter((v) => v !== '') : []);
}

/** IN lists longer than this are bound as one JSON array instead of one parameter each. */
const MAX_INLINE_LIST = 200;

/**
 * Compiles `field operator literal`. `column` is the quoted column to compare in SQL, or null when the
 * value only exists in JS (the result then has no `sql`).
 */
export function compilePredicate(field: FieldDef, column: string | null, operator: string, literal: Literal): CompiledPredicate {
  const op = operator.toUpperCase();
  if (field.type === 'multipicklist') return multiSelectPredicate(op, literal);
  const sqlParam = (value: WireValue): SqlValue => encodeValue(field, value);
  const key = (value: WireValue) => comparable(field, value);

  if (literal.kind === 'range') {
    const { start, end } = literal;
    const inside = (v: WireValue) => typeof v === 'string' && v >= start && v < end;
    const before = (v: WireValue) => typeof v === 'string' && v < start;
    const after = (v: WireValue) => typeof v === 'string' && v >= end;
    const cases: Record<string, [string, SqlValue[], (v: WireValue) => boolean]> = {
      '=': ['(c >= ? AND c < ?)', [start, end], inside],
      '!=': ['(c IS NULL OR c < ? OR c >= ?)', [start, end], (v) => !inside(v)],
      '<': ['(c < ? AND c IS NOT NULL)', [start], before],
      '<=': ['(c < ? AND c IS NOT NULL)', [end], (v) => before(v) || inside(v)],
      '>': ['(c >= ? AND c IS NOT NULL)', [end], after],
      '>=': ['(c >= ? AND c IS NOT NULL)', [start], (v) => after(v) || inside(v)],
    };
    const chosen = cases[op] ?? cases['=']!;
    return withSql(column, chosen[0], chosen[1], chosen[2]);
  }

  if (literal.kind === 'list') {
    const values = literal.values;
    const keys = new Set(values.map(key));
    const hasNull = values.includes(null);
    const nonNull = values.filter((v) => v !== null).map(sqlParam);
    const inSql = nonNull.length === 0 ? '0'
      : nonNull.length <= MAX_INLINE_LIST ? `c IN (${nonNull.map(() => '?').join(', ')})`
        : 'c IN (SELECT value FROM json_each(?))';
    const inParams = nonNull.length > MAX_INLINE_LIST ? [JSON.stringify(nonNull)] : nonNull.length === 0 ? [] : nonNull;
    const matches = (v: WireValue) => keys.has(key(v));
    if (op === 'NOT IN') {
      return withSql(column, hasNull ? `(c IS NOT NULL AND NOT (${inSql}))` : `(c IS NULL OR NOT (${inSql}))`, inParams, (v) => !matches(v));
    }
    return withSql(column, hasNull ? `(c IS NULL OR (${inSql} AND c IS NOT NULL))` : `(${inSql} AND c IS NOT NULL)`, inParams, matches);
  }

  const value = literal.value;
  const wanted = key(value);
  switch (op) {
    case '=':
      return value === null ? withSql(column, 'c IS NULL', [], (v) => v === null) : withSql(column, 'c IS ?', [sqlParam(value)], (v) => key(v) === wanted);
    case '!=':
      return value === null ? withSql(column, 'c IS NOT NULL', [], (v) => v !== null) : withSql(column, 'c IS NOT ?', [sqlParam(value)], (v) => key(v) !== wanted);
    case '<':
    case '<=':
    case '>':
    case '>=': {
      if (value === null || wanted === null) return withSql(column, '0', [], () => false);
      const compare = (v: WireValue) => {
        const k = key(v);
        if (k === null) return false;
        return op === '<' ? k < wanted : op === '<=' ? k <= wanted : op === '>' ? k > wanted : k >= wanted;
      };
      return withSql(column, `(c ${op} ? AND c IS NOT NULL)`, [sqlParam(value)], compare);
    }
    case 'LIKE': {
      const pattern = value === null ? '' : String(value);
      const regex = likeRegex(pattern);
      return withSql(column, "(c LIKE ? ESCAPE '\\' AND c IS NOT NULL)", [pattern], (v) => v !== null && regex.test(String(v)));
    }
    default:
      // INCLUDES/EXCLUDES only apply to multi-select picklists; a real org rejects them elsewhere.
      return { test: () => false };
  }
}

/** INCLUDES/EXCLUDES/=/!= on a multi-select picklist: `'a;b'` in a list means "a and b". */
function multiSelectPredicate(op: string, literal: Literal): CompiledPredicate {
  const groups = (literal.kind === 'list' ? literal.values : literal.kind === 'value' ? [literal.value] : [])
    .map(multiSelectValues);
  const containsGroup = (selected: Set<string>, group: Set<string>) => [...group].every((v) => selected.has(v));
  const sameSet = (selected: Set<string>, group: Set<string>) => selected.size === group.size && containsGroup(selected, group);
  switch (op) {
    case 'INCLUDES':
      return { test: (v) => groups.some((g) => containsGroup(multiSelectValues(v), g)) };
    case 'EXCLUDES':
      return { test: (v) => !groups.some((g) => containsGroup(multiSelectValues(v), g)) };
    case '=':
    case 'IN':
      return { test: (v) => groups.some((g) => sameSet(multiSelectValues(v), g)) };
    case '!=':
    case 'NOT IN':
      return { test: (v) => !groups.some((g) => sameSet(multiSelectValues(v), g)) };
    default:
      return { test: () => false };
  }
}

function withSql(column: string | null, template: string, params: SqlValue[], test: (v: WireValue) => boolean): CompiledPredicate {
  if (column === null) return { test };
  // Templates name the column `c`; it is substituted as a whole word only.
  return { sql: { text: template.replace(/\bc\b/g, () => column), params }, test };
}
