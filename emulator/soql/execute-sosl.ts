/**
 * SOSL: `FIND {term} [IN ALL|NAME|EMAIL|PHONE FIELDS] RETURNING Account(Id, Name WHERE ... LIMIT n), Contact`.
 * Each RETURNING object runs as a SOQL query (same security, same record shapes) with an extra
 * condition: the search term matches the object's searchable fields.
 *
 * Matching is word-based and case-insensitive, with `*` (any suffix) and `?` (one character)
 * wildcards; terms separated by spaces must all match (SOSL's implicit AND), `OR` between terms
 * means either. A real org's search index also stems words and ranks by relevance: the emulator
 * does neither and keeps each object's records in query order.
 *
 * @example
 *   executeSosl(store, schema, 'FIND {Acme} IN NAME FIELDS RETURNING Account(Id, Name), Contact(Name)', options)
 *   // { searchRecords: [{ attributes: { type: 'Account', url: ... }, Id: '001...', Name: 'Acme' }, ...] }
 */
import { SalesforceError, type WireRecord } from '../contracts.js';
import type { FieldDef, FieldType, OrgSchema, SObjectDef } from '../metadata/types.js';
import type { Store } from '../store/store.js';
import { parseSoql } from './parse-soql.js';
import { QueryExecution } from './query-execution.js';
import type { SoqlOptions } from './soql-types.js';

export interface SoslResult {
  searchRecords: WireRecord[];
}

type SearchGroup = 'ALL' | 'NAME' | 'EMAIL' | 'PHONE' | 'SIDEBAR';

const TEXT_TYPES: ReadonlySet<FieldType> = new Set<FieldType>(['string', 'textarea', 'email', 'phone', 'url', 'combobox', 'picklist']);

/** SOSL's default overall limit when the search has no LIMIT clause. */
const DEFAULT_LIMIT = 2000;

export function executeSosl(store: Store, schema: OrgSchema, sosl: string, options: SoqlOptions): SoslResult {
  const parsed = parseSosl(sosl);
  const matcher = termMatcher(parsed.term);
  const searchRecords: WireRecord[] = [];
  const specs = parsed.returning.length > 0
    ? parsed.returning
    : [...schema.objects.values()].filter((o) => !o.tooling && store.hasTable(o.name)).map((o) => ({ object: o.name, body: '' }));

  for (const spec of specs) {
    // `Account(Name WHERE Industry = 'Tech' LIMIT 5)` is, to SOQL, `SELECT Name FROM Account WHERE ...`.
    const soql = spec.body.trim() === '' ? `SELECT Id FROM ${spec.object}` : splitReturningBody(spec.object, spec.body);
    const query = parseSoql(soql);
    const execution = new QueryExecution(store, schema, soql, options);
    const object = execution.objectFor(spec.object);
    if (parsed.returning.length === 0 && options.access && !options.access.canReadObject(object.name)) continue;
    const fields = searchableFields(object, parsed.group);
    if (fields.length === 0) continue;
    const selection = execution.selection(query, object, {
      test: (row) => matcher(fields.map((field) => row[field.name]).filter((v) => typeof v === 'string').join('\n')),
    });
    const writers = execution.writers(query, object);
    for (const row of execution.matchingRows(query, selection)) {
      if (searchRecords.length >= parsed.limit) return { searchRecords };
      searchRecords.push(execution.shape(object, row, writers));
    }
  }
  return { searchRecords };
}

/** Puts `FROM object` between the field list and the first WHERE/ORDER BY/LIMIT/OFFSET of a RETURNING body. */
function splitReturningBody(object: string, body: string): string {
  const clause = /\s(WHERE|ORDER\s+BY|LIMIT|OFFSET)\s/i.exec(` ${body} `);
  const fields = clause ? body.slice(0, clause.index).trim() : body.trim();
  const tail = clause ? body.slice(clause.index) : '';
  return `SELECT ${fields === '' ? 'Id' : fields} FROM ${object}${tail ? ` ${tail.trim()}` : ''}`;
}

interface ParsedSosl {
  term: string;
  group: SearchGroup;
  returning: { object: string; body: string }[];
  limit: number;
}

function malformedSearch(message: string): SalesforceError {
  return new SalesforceError('MALFORMED_SEARCH', message);
}

function parseSosl(sosl: string): ParsedSosl {
  const find = /^\s*FIND\s+(?:\{((?:\\.|[^}\\])*)\}|'((?:\\.|[^'\\])*)')\s*/is.exec(sosl);
  if (!find) throw malformedSearch(`unexpected token: '${sosl.trim().split(/\s+/)[0] ?? ''}'`);
  const term = (find[1] ?? find[2] ?? '').replace(/\\(.)/g, '$1');
  let rest = sosl.slice(find[0].length);

  let group: SearchGroup = 'ALL';
  const inClause = /^IN\s+(ALL|NAME|EMAIL|PHONE|SIDEBAR)\s+FIELDS\s*/i.exec(rest);
  if (inClause) {
    group = inClause[1]!.toUpperCase() as SearchGroup;
    rest = rest.slice(inClause[0].length);
  }

  const returning: { object: string; body: string }[] = [];
  const returningClause = /^RETURNING\s+/i.exec(rest);
  if (returningClause) {
    rest = rest.slice(returningClause[0].length);
    for (;;) {
      const name = /^([A-Za-z][\w]*)\s*/.exec(rest);
      if (!name) throw malformedSearch(`unexpected token: '${rest.trim().split(/\s+/)[0] ?? '<EOF>'}'`);
      rest = rest.slice(name[0].length);
      let body = '';
      if (rest.startsWith('(')) {
        const end = closingParen(rest);
        if (end === -1) throw malformedSearch("unexpected token: '<EOF>'");
        body = rest.slice(1, end);
        rest = rest.slice(end + 1).trimStart();
      }
      returning.push({ object: name[1]!, body });
      if (!rest.startsWith(',')) break;
      rest = rest.slice(1).trimStart();
    }
  }

  // WITH clauses (DIVISION, NETWORK, SNIPPET...) do not narrow an emulated org; they are skipped.
  rest = rest.replace(/^WITH\s+.*?(?=\bLIMIT\b|$)/is, '');
  let limit = DEFAULT_LIMIT;
  const limitClause = /^LIMIT\s+(\d+)\s*/i.exec(rest);
  if (limitClause) {
    limit = Number(limitClause[1]);
    rest = rest.slice(limitClause[0].length);
  }
  if (rest.trim() !== '') throw malformedSearch(`unexpected token: '${rest.trim().split(/\s+/)[0]!}'`);
  if (term.replace(/[*?"\s]/g, '').length < 2) {
    // [UNVERIFIED] wording; real orgs refuse one-character searches with MALFORMED_SEARCH.
    throw malformedSearch('search term must be longer than one character');
  }
  return { term, group, returning, limit };
}

function closingParen(text: string): number {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charAt(i);
    if (inString) {
      if (ch === '\\') i++;
      else if (ch === "'") inString = false;
    } else if (ch === "'") inString = true;
    else if (ch === '(') depth++;
    else if (ch === ')' && --depth === 0) return i;
  }
  return -1;
}

function searchableFields(object: SObjectDef, group: SearchGroup): FieldDef[] {
  const fields = [...object.fields.values()].filter((f) => f.formula === undefined);
  switch (group) {
    case 'NAME':
      return fields.filter((f) => f.nameField || f.name.toLowerCase() === object.nameField.toLowerCase()
        || f.compoundFieldName?.toLowerCase() === object.nameField.toLowerCase());
    case 'EMAIL':
      return fields.filter((f) => f.type === 'email');
    case 'PHONE':
      return fields.filter((f) => f.type === 'phone');
    default:
      return fields.filter((f) => TEXT_TYPES.has(f.type));
  }
}

/** `Acme Corp` = both words; `Acme OR Globex` = either; `"Acme Corp"` = the phrase; `Acm*` = prefix. */
function termMatcher(term: string): (text: string) => boolean {
  const alternatives = term.split(/\s+OR\s+/i).map((alternative) => {
    const words = [...alternative.matchAll(/"([^"]*)"|(\S+)/g)]
      .map((m) => (m[1] ?? m[2] ?? '').trim())
      .filter((w) => w !== '' && w.toUpperCase() !== 'AND');
    return words.map((word) => new RegExp(`(^|[^\\p{L}\\p{N}])${wordPattern(word)}($|[^\\p{L}\\p{N}])`, 'iu'));
  });
  return (text) => alternatives.some((regexes) => regexes.length > 0 && regexes.every((regex) => regex.test(text)));
}

function wordPattern(word: string): string {
  return word.split('').map((ch) => {
    if (ch === '*') return '[\\p{L}\\p{N}]*';
    if (ch === '?') return '[\\p{L}\\p{N}]';
    if (/\s/.test(ch)) return '\\s+';
    return ch.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
  }).join('');
}
