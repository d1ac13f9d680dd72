/**
 * Parsing with @jetstreamapp/soql-parser-js, with its errors turned into MALFORMED_QUERY in a real
 * org's shape. The parser's exceptions carry no position, so the failing token is located by
 * re-parsing prefixes of the query (only on the error path).
 */
import type { Query } from '@jetstreamapp/soql-parser-js';
import { malformedQuery } from './soql-errors.js';
import { soqlParser } from './soql-parser.js';

export function parseSoql(soql: string): Query {
  if (soql.trim() === '') throw malformedQuery(soql, 0, 'unexpected token: <EOF>');
  try {
    return soqlParser().parseQuery(soql);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const { offset, token } = errorPosition(soql, message);
    // [UNVERIFIED] exact wording (reference §6.4): real orgs say `unexpected token: 'FORM'`; at the end
    // of input they say `unexpected token: <EOF>`.
    throw malformedQuery(soql, offset, token === '' ? 'unexpected token: <EOF>' : `unexpected token: '${token}'`);
  }
}

function errorPosition(soql: string, message: string): { offset: number; token: string } {
  const lexing = /^unexpected character: ->(.)<- at offset: (\d+)/.exec(message);
  if (lexing) return { offset: Number(lexing[2]), token: lexing[1] ?? '' };
  const found = /but found:? (?:--> )?'(.*?)'(?: <--)?\s*$/s.exec(message);
  const token = found?.[1] ?? '';
  if (token === '') return { offset: soql.trimEnd().length, token };
  return { offset: offsetOfFailingToken(soql, token), token };
}

/**
 * The parser fails at the first occurrence of `token` whose prefix (up to and including it) fails on
 * that token rather than at end of input; earlier occurrences were accepted.
 */
function offsetOfFailingToken(soql: string, token: string): number {
  const lower = soql.toLowerCase();
  const wanted = token.toLowerCase();
  for (let at = lower.indexOf(wanted); at !== -1; at = lower.indexOf(wanted, at + 1)) {
    try {
      soqlParser().parseQuery(soql.slice(0, at + wanted.length));
    } catch (error) {
      const message = error instanceof Error ? error.message : '';
      if (!/but found:? (?:--> )?''/.test(message)) return at;
    }
  }
  return Math.max(0, lower.indexOf(wanted));
}
