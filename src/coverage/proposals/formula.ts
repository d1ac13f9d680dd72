/**
 * A small reader and evaluator of Salesforce formulas, for proposing values a rule accepts and values it
 * refuses. Why not the `formulon` dependency: it cannot parse backslash escapes in strings (every
 * `REGEX(Phone, "\\d...")` rule) or a unary minus, and it has no ISNEW, ISCHANGED or PRIORVALUE; and the
 * emulator's engine is out of reach by design (the suite shares no code with it). This one only has to
 * answer "true or false for these values", so it reads a formula into calls, names and literals
 * (`AND(a > 1, b)` is `and(greaterThan(a, 1), b)`) and evaluates them with blanks as blanks.
 *
 * Flow entry formulas use merge fields: `{!$Record.Status}` reads as `Status`, `{!$Record__Prior.Status}`
 * as `PRIORVALUE(Status)`.
 */

export type FormulaNode =
  | { type: 'call'; name: string; args: FormulaNode[] }
  | { type: 'name'; name: string }
  | { type: 'literal'; value: string | number | boolean | null };

/** A date, as days from today (the plan writes dates as `{{today+N}}`). */
export class Day {
  constructor(readonly offset: number) {}
}

export type FormulaValue = string | number | boolean | null | Day;

export class FormulaProblem extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FormulaProblem';
  }
}

interface Token {
  kind: 'number' | 'string' | 'name' | 'op' | 'end';
  text: string;
}

function tokenize(formula: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < formula.length) {
    const c = formula[i]!;
    if (/\s/.test(c)) {
      i++;
    } else if (formula.startsWith('/*', i)) {
      const end = formula.indexOf('*/', i + 2);
      i = end < 0 ? formula.length : end + 2;
    } else if (c === '"' || c === "'") {
      let value = '';
      i++;
      while (i < formula.length && formula[i] !== c) {
        if (formula[i] === '\\' && i + 1 < formula.length) {
          const next = formula[i + 1]!;
          value += next === 'n' ? '\n' : next === 't' ? '\t' : next;
          i += 2;
        } else value += formula[i++];
      }
      if (i >= formula.length) throw new FormulaProblem('a string is not closed');
      i++;
      tokens.push({ kind: 'string', text: value });
    } else if (formula.startsWith('{!', i)) {
      const end = formula.indexOf('}', i);
      if (end < 0) throw new FormulaProblem('a merge field {!...} is not closed');
      tokens.push({ kind: 'name', text: formula.slice(i + 2, end).trim() });
      i = end + 1;
    } else if (/[0-9]/.test(c) || (c === '.' && /[0-9]/.test(formula[i + 1] ?? ''))) {
      const match = /^[0-9]*\.?[0-9]+(?:[eE][+-]?[0-9]+)?/.exec(formula.slice(i))!;
      tokens.push({ kind: 'number', text: match[0] });
      i += match[0].length;
    } else if (/[A-Za-z_$]/.test(c)) {
      const match = /^[A-Za-z_$][\w$.]*/.exec(formula.slice(i))!;
      tokens.push({ kind: 'name', text: match[0] });
      i += match[0].length;
    } else {
      const op = ['==', '!=', '<>', '<=', '>=', '&&', '||'].find((o) => formula.startsWith(o, i)) ?? c;
      if (!'+-*/^&=!<>(),|'.includes(op[0]!)) throw new FormulaProblem(`unexpected "${c}"`);
      tokens.push({ kind: 'op', text: op });
      i += op.length;
    }
  }
  tokens.push({ kind: 'end', text: '' });
  return tokens;
}

const BINARY: Record<string, { power: number; name: string }> = {
  '||': { power: 1, name: 'or' },
  '&&': { power: 2, name: 'and' },
  '=': { power: 3, name: 'equal' },
  '==': { power: 3, name: 'equal' },
  '!=': { power: 3, name: 'unequal' },
  '<>': { power: 3, name: 'unequal' },
  '<': { power: 3, name: 'lessThan' },
  '<=': { power: 3, name: 'lessThanOrEqual' },
  '>': { power: 3, name: 'greaterThan' },
  '>=': { power: 3, name: 'greaterThanOrEqual' },
  '&': { power: 4, name: 'concat' },
  '+': { power: 5, name: 'add' },
  '-': { power: 5, name: 'subtract' },
  '*': { power: 6, name: 'multiply' },
  '/': { power: 6, name: 'divide' },
  '^': { power: 7, name: 'power' },
};

/** Reads a formula; throws FormulaProblem naming what it cannot read. */
export function parseFormula(formula: string): FormulaNode {
  const tokens = tokenize(formula);
  let at = 0;
  const peek = () => tokens[at]!;
  const take = () => tokens[at++]!;
  const expect = (text: string) => {
    if (peek().text !== text) throw new FormulaProblem(`expected "${text}" but found "${peek().text || 'the end'}"`);
    take();
  };
  const expression = (minPower: number): FormulaNode => {
    let left = unary();
    for (;;) {
      const op = peek();
      const binary = op.kind === 'op' ? BINARY[op.text] : undefined;
      if (!binary || binary.power < minPower) return left;
      take();
      // `^` binds to the right; the others to the left.
      const right = expression(binary.name === 'power' ? binary.power : binary.power + 1);
      left = { type: 'call', name: binary.name, args: [left, right] };
    }
  };
  const unary = (): FormulaNode => {
    const token = peek();
    if (token.kind === 'op' && token.text === '-') {
      take();
      return { type: 'call', name: 'subtract', args: [{ type: 'literal', value: 0 }, unary()] };
    }
    if (token.kind === 'op' && token.text === '+') {
      take();
      return unary();
    }
    if (token.kind === 'op' && token.text === '!') {
      take();
      return { type: 'call', name: 'not', args: [unary()] };
    }
    return primary();
  };
  const primary = (): FormulaNode => {
    const token = take();
    if (token.kind === 'number') return { type: 'literal', value: Number(token.text) };
    if (token.kind === 'string') return { type: 'literal', value: token.text };
    if (token.kind === 'op' && token.text === '(') {
      const inner = expression(1);
      expect(')');
      return inner;
    }
    if (token.kind === 'name') {
      const upper = token.text.toUpperCase();
      if (peek().text === '(') {
        take();
        const args: FormulaNode[] = [];
        if (peek().text !== ')') {
          args.push(expression(1));
          while (peek().text === ',') {
            take();
            args.push(expression(1));
          }
        }
        expect(')');
        return { type: 'call', name: upper.toLowerCase(), args };
      }
      if (upper === 'TRUE') return { type: 'literal', value: true };
      if (upper === 'FALSE') return { type: 'literal', value: false };
      if (upper === 'NULL') return { type: 'literal', value: null };
      if (/^\$record__prior\./i.test(token.text)) return { type: 'call', name: 'priorvalue', args: [{ type: 'name', name: token.text.replace(/^\$record__prior\./i, '') }] };
      return { type: 'name', name: token.text.replace(/^\$record\./i, '') };
    }
    throw new FormulaProblem(`unexpected "${token.text || 'end of formula'}"`);
  };
  const root = expression(1);
  if (peek().kind !== 'end') throw new FormulaProblem(`unexpected "${peek().text}" after the formula`);
  return root;
}

/** Every name the formula reads (fields, relationship paths, `$User.Department`, ...), in order. */
export function namesIn(node: FormulaNode, out: string[] = []): string[] {
  if (node.type === 'name' && !out.includes(node.name)) out.push(node.name);
  if (node.type === 'call') for (const arg of node.args) namesIn(arg, out);
  return out;
}

/** Functions that judge a change: a rule using them fires on updates, not on creates. */
export function judgesChange(node: FormulaNode): boolean {
  if (node.type !== 'call') return false;
  if (node.name === 'ischanged' || node.name === 'priorvalue' || node.name === 'isnew') return true;
  return node.args.some(judgesChange);
}

/** Literals compared with each name, to try as values (`Discount__c > 0.20` suggests 0.20). */
export function literalsByName(node: FormulaNode, out = new Map<string, FormulaValue[]>()): Map<string, FormulaValue[]> {
  if (node.type !== 'call') return out;
  // A REGEX pattern is not a value anyone saves.
  if (node.name === 'regex') return out;
  const [a, b] = node.args;
  const nameOf = (n: FormulaNode | undefined): string | undefined =>
    n?.type === 'name' ? n.name : n?.type === 'call' && ['text', 'priorvalue', 'value', 'datevalue'].includes(n.name) && n.args[0] ? nameOf(n.args[0]) : undefined;
  const literalOf = (n: FormulaNode | undefined): FormulaValue | undefined => (n?.type === 'literal' ? n.value : undefined);
  const pair = [[nameOf(a), literalOf(b)], [nameOf(b), literalOf(a)]] as const;
  for (const [name, literal] of pair) {
    if (name === undefined || literal === undefined) continue;
    const list = out.get(name) ?? [];
    if (!list.includes(literal)) list.push(literal);
    out.set(name, list);
  }
  for (const arg of node.args) literalsByName(arg, out);
  return out;
}

export interface EvaluationContext {
  /** The value a name has now. Throw FormulaProblem for a name with no known value. */
  value(name: string): FormulaValue;
  /** The value before this save (a create: the value now). */
  prior(name: string): FormulaValue;
  isNew: boolean;
}

const isBlank = (v: FormulaValue) => v === null || v === '';

function num(v: FormulaValue, fn: string): number | null {
  if (v === null || v === '') return null;
  if (typeof v === 'number') return v;
  if (v instanceof Day) return v.offset;
  if (typeof v === 'boolean') throw new FormulaProblem(`${fn} on a checkbox`);
  const n = Number(v);
  if (Number.isNaN(n)) throw new FormulaProblem(`${fn} on text "${v}"`);
  return n;
}

function str(v: FormulaValue): string {
  if (v === null) return '';
  if (v instanceof Day) return `{{today${v.offset >= 0 ? '+' : ''}${v.offset}}}`;
  return String(v);
}

function compare(a: FormulaValue, b: FormulaValue, fn: string): number | null {
  if (isBlank(a) || isBlank(b)) return null;
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  if (typeof a === 'boolean' || typeof b === 'boolean') return a === b ? 0 : 1;
  return num(a, fn)! - num(b, fn)!;
}

function equal(a: FormulaValue, b: FormulaValue): boolean {
  if (isBlank(a) || isBlank(b)) return isBlank(a) && isBlank(b);
  if (typeof a === 'boolean' || typeof b === 'boolean') return a === b;
  if (typeof a === 'string' && typeof b === 'string') return a === b;
  return compare(a, b, 'equal') === 0;
}

function truthy(v: FormulaValue): boolean {
  return v === true;
}

/** Evaluates a formula; unknown functions and unknown names throw FormulaProblem. */
export function evaluate(node: FormulaNode, ctx: EvaluationContext): FormulaValue {
  if (node.type === 'literal') return node.value;
  if (node.type === 'name') return ctx.value(node.name);
  const arg = (i: number) => {
    const a = node.args[i];
    if (!a) throw new FormulaProblem(`${node.name.toUpperCase()} needs argument ${i + 1}`);
    return evaluate(a, ctx);
  };
  const nameArg = (i: number): string => {
    const a = node.args[i];
    if (a?.type !== 'name') throw new FormulaProblem(`${node.name.toUpperCase()} needs a field`);
    return a.name;
  };
  switch (node.name) {
    case 'and':
    case 'or': {
      // An unknown argument decides nothing when another already does (`OR(unknown, TRUE)` is TRUE).
      const decisive = node.name === 'or';
      let unknown: FormulaProblem | undefined;
      for (let i = 0; i < node.args.length; i++) {
        try {
          if (truthy(arg(i)) === decisive) return decisive;
        } catch (error) {
          if (!(error instanceof FormulaProblem)) throw error;
          unknown ??= error;
        }
      }
      if (unknown) throw unknown;
      return !decisive;
    }
    case 'not':
      return !truthy(arg(0));
    case 'if':
      return truthy(arg(0)) ? arg(1) : arg(2);
    case 'case': {
      const value = arg(0);
      for (let i = 1; i + 1 < node.args.length; i += 2) if (equal(value, arg(i))) return arg(i + 1);
      return node.args.length % 2 === 0 ? arg(node.args.length - 1) : null;
    }
    case 'equal':
      return equal(arg(0), arg(1));
    case 'unequal':
      return !equal(arg(0), arg(1));
    case 'lessThan':
    case 'lessThanOrEqual':
    case 'greaterThan':
    case 'greaterThanOrEqual': {
      const c = compare(arg(0), arg(1), node.name);
      if (c === null) return false;
      return node.name === 'lessThan' ? c < 0 : node.name === 'lessThanOrEqual' ? c <= 0 : node.name === 'greaterThan' ? c > 0 : c >= 0;
    }
    case 'add':
    case 'subtract': {
      const a = arg(0);
      const b = arg(1);
      if (typeof a === 'string' && node.name === 'add') return a + str(b);
      const x = num(a, node.name);
      const y = num(b, node.name);
      if (x === null || y === null) return null;
      const result = node.name === 'add' ? x + y : x - y;
      // Date + number is a date; date - date is a number of days.
      return a instanceof Day && !(b instanceof Day) ? new Day(result) : result;
    }
    case 'multiply':
    case 'divide':
    case 'power': {
      const x = num(arg(0), node.name);
      const y = num(arg(1), node.name);
      if (x === null || y === null) return null;
      if (node.name === 'divide' && y === 0) throw new FormulaProblem('division by zero');
      return node.name === 'multiply' ? x * y : node.name === 'divide' ? x / y : x ** y;
    }
    case 'concat':
      return str(arg(0)) + str(arg(1));
    case 'isblank':
    case 'isnull':
      return isBlank(arg(0));
    case 'ispickval':
      return equal(arg(0), arg(1));
    case 'text':
      return str(arg(0));
    case 'value':
      return num(arg(0), 'VALUE');
    case 'blankvalue':
    case 'nullvalue': {
      const v = arg(0);
      return isBlank(v) ? arg(1) : v;
    }
    case 'isnew':
      return ctx.isNew;
    case 'ischanged': {
      const name = nameArg(0);
      return !ctx.isNew && !equal(ctx.value(name), ctx.prior(name));
    }
    case 'priorvalue':
      return ctx.prior(nameArg(0));
    case 'begins':
      return str(arg(0)).startsWith(str(arg(1)));
    case 'contains':
      return str(arg(0)).includes(str(arg(1)));
    case 'includes':
      return str(arg(0)).split(';').includes(str(arg(1)));
    case 'len':
      return str(arg(0)).length;
    case 'lower':
      return str(arg(0)).toLowerCase();
    case 'upper':
      return str(arg(0)).toUpperCase();
    case 'trim':
      return str(arg(0)).trim();
    case 'regex':
      // Salesforce's REGEX matches the whole text, like Java's String.matches.
      return new RegExp(`^(?:${str(arg(1))})$`, 's').test(str(arg(0)));
    case 'today':
      return new Day(0);
    case 'abs': {
      const x = num(arg(0), 'ABS');
      return x === null ? null : Math.abs(x);
    }
    case 'max':
    case 'min': {
      const values = node.args.map((_, i) => num(arg(i), node.name)).filter((v): v is number => v !== null);
      return values.length === 0 ? null : node.name === 'max' ? Math.max(...values) : Math.min(...values);
    }
    default:
      throw new FormulaProblem(`the function ${node.name.toUpperCase()} is not understood here`);
  }
}
