/**
 * Text functions: LEN LEFT RIGHT MID UPPER LOWER TRIM CONTAINS BEGINS SUBSTITUTE FIND TEXT VALUE LPAD
 * RPAD BR REGEX INITCAP REVERSE ASCII CHR CASESAFEID, and the ways into picklists, ISPICKVAL, INCLUDES
 * and PICKLISTCOUNT. A blank text argument reads as the empty string; a blank text result is null.
 */
import type { FormulaRuntimeContext } from '../../contracts.js';
import { checksumSuffix } from '../../ids.js';
import {
  blankToNull, CONSTANT_CONTEXT, expectArgType, makeNode, textOf, type CompiledNode, type CompileScope,
} from '../compiled-node.js';
import type { FormulaType } from '../formula-types.js';
import { formatDate, formatTime, normaliseNumber, type FormulaValue } from '../wire-values.js';
import type { FunctionDef, FunctionTable } from './function-def.js';

/** A function of text arguments (and optionally trailing numbers) that returns `type`. */
function textFunction(
  minArgs: number,
  maxArgs: number,
  argTypes: readonly FormulaType[],
  type: FormulaType,
  apply: (args: FormulaValue[]) => FormulaValue,
): FunctionDef {
  return {
    minArgs, maxArgs,
    compile(args, scope, name) {
      args.forEach((arg, i) => expectArgType(scope, name, arg, [argTypes[i] ?? 'text']));
      return makeNode(type, name, (ctx) => apply(args.map((arg) => arg.evaluate(ctx))));
    },
  };
}

const asText = (value: FormulaValue | undefined): string => (value === null || value === undefined ? '' : String(value));

/** Number arguments of text functions: a blank count makes the result blank. */
const asCount = (value: FormulaValue | undefined): number | null => (typeof value === 'number' ? Math.trunc(value) : null);

/** Salesforce pads on the left or right up to `length`, and truncates text longer than `length` to its left part. */
function pad(side: 'left' | 'right'): FunctionDef {
  return textFunction(2, 3, ['text', 'number', 'text'], 'text', ([text, length, padding]) => {
    const count = asCount(length);
    if (count === null) return null;
    const value = asText(text);
    if (count <= value.length) return blankToNull(value.slice(0, Math.max(count, 0)));
    const fill = padding === undefined ? ' ' : asText(padding);
    if (fill === '') return blankToNull(value);
    return side === 'left' ? value.padStart(count, fill) : value.padEnd(count, fill);
  });
}

/** TEXT() of each type: the API value of a picklist, ISO dates, datetimes in GMT (`2024-05-01 12:34:56Z`). */
function textOfValue(node: CompiledNode, ctx: FormulaRuntimeContext): string | null {
  const value = node.evaluate(ctx);
  if (value === null) return null;
  switch (node.type) {
    case 'number': return numberToText(value as number);
    case 'date': return formatDate(value as number);
    case 'datetime': {
      // Salesforce help (TEXT): a Date/Time becomes `YYYY-MM-DD HH:MM:SSZ`, always in GMT.
      const d = new Date(value as number);
      return `${formatDate(value as number)} ${d.toISOString().slice(11, 19)}Z`;
    }
    // [UNVERIFIED] TEXT(time) shape; the API's `HH:MM:SS.MMM` without the zone letter is likeliest.
    case 'time': return formatTime(value as number).slice(0, -1);
    default: return String(value);
  }
}

/** Numbers as Salesforce prints them in TEXT(): no grouping, no exponent, no binary noise. */
export function numberToText(n: number): string {
  const normal = normaliseNumber(n);
  if (Math.abs(normal) >= 1e21 || (Math.abs(normal) < 1e-6 && normal !== 0)) {
    return normal.toFixed(20).replace(/\.?0+$/, '');
  }
  return String(normal);
}

function toJsRegex(scope: CompileScope, pattern: string): RegExp {
  try {
    // Salesforce REGEX matches the whole text (Java `Matcher.matches`), not a substring.
    return new RegExp(`^(?:${pattern})$`, 'su');
  } catch (error) {
    return scope.fail(`REGEX(): invalid regular expression ${JSON.stringify(pattern)}: ${(error as Error).message}`);
  }
}

/**
 * CASESAFEID: the 18-character form of an id (protocol reference §9.2 for the suffix). An 18-character
 * id keeps its first 15 characters and gets its suffix recomputed; text that is not an id shape comes
 * back unchanged ([UNVERIFIED]: Salesforce's result for a malformed id is not documented).
 */
function caseSafeId(value: string): string {
  if (!/^[a-zA-Z0-9]{15}([a-zA-Z0-9]{3})?$/.test(value)) return value;
  const id15 = value.slice(0, 15);
  return id15 + checksumSuffix(id15);
}

/**
 * INITCAP: "the text as lowercase with the first character of each word in uppercase" (Salesforce
 * help). A word starts after any character that is not a letter or digit ([UNVERIFIED] delimiters;
 * Oracle's INITCAP, whose name Salesforce borrowed, uses the same rule).
 */
function initCap(text: string): string {
  return text.toLowerCase().replace(/(^|[^\p{L}\p{N}])(\p{L})/gu, (_match, before: string, letter: string) => before + letter.toUpperCase());
}

export const TEXT_FUNCTIONS: FunctionTable = {
  LEN: textFunction(1, 1, ['text'], 'number', ([text]) => asText(text).length),
  LEFT: textFunction(2, 2, ['text', 'number'], 'text', ([text, count]) => {
    const n = asCount(count);
    return n === null ? null : blankToNull(asText(text).slice(0, Math.max(n, 0)));
  }),
  RIGHT: textFunction(2, 2, ['text', 'number'], 'text', ([text, count]) => {
    const n = asCount(count);
    const value = asText(text);
    return n === null ? null : blankToNull(n <= 0 ? '' : value.slice(Math.max(value.length - n, 0)));
  }),
  MID: textFunction(3, 3, ['text', 'number', 'number'], 'text', ([text, start, count]) => {
    const from = asCount(start);
    const n = asCount(count);
    if (from === null || n === null) return null;
    const begin = Math.max(from, 1) - 1;
    return blankToNull(asText(text).slice(begin, begin + Math.max(n, 0)));
  }),
  // The optional second argument is a locale (`UPPER(text, "tr")`).
  UPPER: textFunction(1, 2, ['text', 'text'], 'text', ([text, locale]) =>
    blankToNull(locale ? asText(text).toLocaleUpperCase(asText(locale)) : asText(text).toUpperCase())),
  LOWER: textFunction(1, 2, ['text', 'text'], 'text', ([text, locale]) =>
    blankToNull(locale ? asText(text).toLocaleLowerCase(asText(locale)) : asText(text).toLowerCase())),
  TRIM: textFunction(1, 1, ['text'], 'text', ([text]) => blankToNull(asText(text).trim())),
  CONTAINS: textFunction(2, 2, ['text', 'text'], 'boolean', ([text, part]) => asText(text).includes(asText(part))),
  BEGINS: textFunction(2, 2, ['text', 'text'], 'boolean', ([text, prefix]) => asText(text).startsWith(asText(prefix))),
  SUBSTITUTE: textFunction(3, 3, ['text', 'text', 'text'], 'text', ([text, old, replacement]) => {
    const value = asText(text);
    const search = asText(old);
    return blankToNull(search === '' ? value : value.split(search).join(asText(replacement)));
  }),
  // FIND(search, text[, start]): 1-based position, 0 when absent (Salesforce help, FIND).
  FIND: textFunction(2, 3, ['text', 'text', 'number'], 'number', ([search, text, start]) => {
    const from = start === undefined ? 1 : asCount(start);
    if (from === null || from < 1) return 0;
    const needle = asText(search);
    if (needle === '') return 0;
    return asText(text).indexOf(needle, from - 1) + 1;
  }),
  VALUE: textFunction(1, 1, ['text'], 'number', ([text]) => {
    const value = asText(text).trim();
    // A non-numeric text is #Error! in Salesforce; through the API the field reads as blank.
    return value !== '' && Number.isFinite(Number(value)) ? Number(value) : null;
  }),
  LPAD: pad('left'),
  RPAD: pad('right'),
  // BR() inserts a line break; in HTML output it renders as <br>, in text (the API, flows) as a newline.
  BR: textFunction(0, 0, [], 'text', () => '\n'),
  TEXT: {
    minArgs: 1, maxArgs: 1,
    compile([arg], scope, name) {
      expectArgType(scope, name, arg!, ['text', 'number', 'date', 'datetime', 'time', 'picklist']);
      return makeNode('text', name, (ctx) => textOfValue(arg!, ctx));
    },
  },
  REGEX: {
    minArgs: 2, maxArgs: 2,
    compile([text, pattern], scope, name) {
      expectArgType(scope, name, text!, ['text']);
      expectArgType(scope, name, pattern!, ['text']);
      // A literal pattern is checked at load time; a computed one at run time.
      const fixed = pattern!.literal ? toJsRegex(scope, textOf(pattern!, CONSTANT_CONTEXT)) : null;
      return makeNode('boolean', name, (ctx) => {
        const regex = fixed ?? toJsRegex(scope, textOf(pattern!, ctx));
        return regex.test(textOf(text!, ctx));
      });
    },
  },
  CASESAFEID: textFunction(1, 1, ['text'], 'text', ([id]) => blankToNull(caseSafeId(asText(id)))),
  INITCAP: textFunction(1, 1, ['text'], 'text', ([text]) => blankToNull(initCap(asText(text)))),
  // By code point, so that a character outside the basic plane stays whole.
  REVERSE: textFunction(1, 1, ['text'], 'text', ([text]) => blankToNull([...asText(text)].reverse().join(''))),
  // ASCII("A") = 65: the code point of the first character; blank text has none ([UNVERIFIED] blank result).
  ASCII: textFunction(1, 1, ['text'], 'number', ([text]) => asText(text).codePointAt(0) ?? null),
  // CHR(65) = "A"; a number that is no code point gives a blank ([UNVERIFIED] rather than #Error!).
  CHR: textFunction(1, 1, ['number'], 'text', ([code]) => {
    const n = asCount(code);
    return n === null || n < 1 || n > 0x10ffff ? null : String.fromCodePoint(n);
  }),
  ISPICKVAL: {
    minArgs: 2, maxArgs: 2,
    compile([picklist, value], scope, name) {
      expectArgType(scope, name, picklist!, ['picklist']);
      expectArgType(scope, name, value!, ['text']);
      return makeNode('boolean', name, (ctx) => textOf(picklist!, ctx) === textOf(value!, ctx));
    },
  },
  PICKLISTCOUNT: {
    minArgs: 1, maxArgs: 1,
    compile([multipicklist], scope, name) {
      expectArgType(scope, name, multipicklist!, ['multipicklist']);
      // Multi-select values travel as `A;B;C`; a blank field has none selected.
      return makeNode('number', name, (ctx) => {
        const value = textOf(multipicklist!, ctx);
        return value === '' ? 0 : value.split(';').length;
      });
    },
  },
  INCLUDES: {
    minArgs: 2, maxArgs: 2,
    compile([multipicklist, value], scope, name) {
      expectArgType(scope, name, multipicklist!, ['multipicklist']);
      expectArgType(scope, name, value!, ['text']);
      // Multi-select values travel as `A;B;C`.
      return makeNode('boolean', name, (ctx) => {
        const wanted = textOf(value!, ctx);
        return wanted !== '' && textOf(multipicklist!, ctx).split(';').includes(wanted);
      });
    },
  },
};

