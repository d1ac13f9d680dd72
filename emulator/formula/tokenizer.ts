/**
 * Splits formula source into tokens. Salesforce formula syntax: numbers, `"text"` or `'text'` with
 * backslash escapes, identifiers that may be dotted paths (`Account.Owner.Name`,
 * `$Setup.Release_Settings__c.Enabled__c`), polymorphic relationship segments that name the target
 * object after a colon (`Owner:User.FirstName`, `Project__r.Owner:Queue.QueueName`), flow merge fields
 * (`{!$Record.Amount}`), operators and `/* block comments *\/` (the only comment form Salesforce
 * formulas allow).
 */

export type TokenKind = 'number' | 'text' | 'identifier' | 'operator' | 'lparen' | 'rparen' | 'comma' | 'end';

export interface Token {
  kind: TokenKind;
  /** The operator or identifier as written; the decoded literal for text; digits for number. */
  value: string;
  /** Identifier split on dots (`['Account', 'Type']`). */
  path?: string[];
  /** Offset in the source, for syntax error messages. */
  position: number;
}

/** A syntax problem; the compiler prefixes it with the compile context's `where`. */
export class FormulaSyntaxError extends Error {}

// Longest first, so that `<=` is not read as `<` then `=`.
const OPERATORS = ['==', '!=', '<>', '<=', '>=', '&&', '||', '+', '-', '*', '/', '^', '&', '=', '<', '>', '!'];

const IDENTIFIER_START = /[A-Za-z_$]/;
const IDENTIFIER_PART = /[A-Za-z0-9_]/;
const DIGIT = /[0-9]/;

const ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', '"': '"', "'": "'", '\\': '\\' };

export function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const at = (offset = 0): string => source.charAt(i + offset);

  while (i < source.length) {
    const c = at();
    if (/\s/.test(c)) { i++; continue; }
    if (c === '/' && at(1) === '*') {
      const close = source.indexOf('*/', i + 2);
      if (close < 0) throw new FormulaSyntaxError(`syntax error: unterminated comment at position ${i}`);
      i = close + 2;
      continue;
    }
    const start = i;
    if (c === '"' || c === "'") {
      i++;
      let text = '';
      while (i < source.length && at() !== c) {
        if (at() === '\\') {
          const escaped = at(1);
          text += ESCAPES[escaped] ?? escaped;
          i += 2;
        } else {
          text += at();
          i++;
        }
      }
      if (i >= source.length) throw new FormulaSyntaxError(`syntax error: unterminated text literal at position ${start}`);
      i++;
      tokens.push({ kind: 'text', value: text, position: start });
      continue;
    }
    if (DIGIT.test(c) || (c === '.' && DIGIT.test(at(1)))) {
      while (DIGIT.test(at())) i++;
      if (at() === '.' && DIGIT.test(at(1))) {
        i++;
        while (DIGIT.test(at())) i++;
      }
      tokens.push({ kind: 'number', value: source.slice(start, i), position: start });
      continue;
    }
    if (c === '{' && at(1) === '!') {
      // Flow and email-template merge field syntax: `{!$Record.Amount}` is the reference `$Record.Amount`.
      const close = source.indexOf('}', i);
      if (close < 0) throw new FormulaSyntaxError(`syntax error: unterminated merge field at position ${i}`);
      const name = source.slice(i + 2, close).trim();
      if (!/^[A-Za-z_$][A-Za-z0-9_]*(:[A-Za-z_][A-Za-z0-9_]*)?(\.[A-Za-z_$][A-Za-z0-9_]*(:[A-Za-z_][A-Za-z0-9_]*)?)*$/.test(name)) {
        throw new FormulaSyntaxError(`syntax error: bad merge field {!${name}}`);
      }
      tokens.push({ kind: 'identifier', value: name, path: name.split('.'), position: start });
      i = close + 1;
      continue;
    }
    if (IDENTIFIER_START.test(c)) {
      const path: string[] = [];
      for (;;) {
        const segmentStart = i;
        i++;
        while (IDENTIFIER_PART.test(at())) i++;
        // `Owner:User`: the segment keeps its target object; the context resolves it.
        if (at() === ':' && /[A-Za-z_]/.test(at(1))) {
          i++;
          while (IDENTIFIER_PART.test(at())) i++;
        }
        path.push(source.slice(segmentStart, i));
        if (at() === '.' && IDENTIFIER_START.test(at(1))) { i++; continue; }
        break;
      }
      tokens.push({ kind: 'identifier', value: path.join('.'), path, position: start });
      continue;
    }
    if (c === '(') { tokens.push({ kind: 'lparen', value: c, position: start }); i++; continue; }
    if (c === ')') { tokens.push({ kind: 'rparen', value: c, position: start }); i++; continue; }
    if (c === ',') { tokens.push({ kind: 'comma', value: c, position: start }); i++; continue; }
    const operator = OPERATORS.find((op) => source.startsWith(op, i));
    if (operator) {
      tokens.push({ kind: 'operator', value: operator, position: start });
      i += operator.length;
      continue;
    }
    throw new FormulaSyntaxError(`syntax error: unexpected character '${c}' at position ${i}`);
  }
  tokens.push({ kind: 'end', value: '', position: source.length });
  return tokens;
}
