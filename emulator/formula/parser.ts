/**
 * A Pratt parser for Salesforce formula syntax. Binding powers follow Salesforce's documented operator
 * precedence (Formula Operators and Functions, "Operator precedence"), loosest first:
 * `||`, `&&`, `= == != <>`, `< <= > >=`, `&`, `+ -`, `* /`, unary `- !`, `^`. So `-2^2` is `-(2^2)`.
 * `^` is left-associative like Excel's, which Salesforce formulas follow ([UNVERIFIED] no documented
 * example of `a^b^c`).
 */
import type { FormulaNode } from './ast.js';
import { FormulaSyntaxError, tokenize, type Token } from './tokenizer.js';

const BINARY_POWER: Record<string, number> = {
  '||': 10,
  '&&': 20,
  '=': 30, '==': 30, '!=': 30, '<>': 30,
  '<': 40, '<=': 40, '>': 40, '>=': 40,
  '&': 50,
  '+': 60, '-': 60,
  '*': 70, '/': 70,
  '^': 90,
};
const UNARY_POWER = 80;

const KEYWORDS: Record<string, (position: number) => FormulaNode> = {
  true: (position) => ({ kind: 'boolean', value: true, position }),
  false: (position) => ({ kind: 'boolean', value: false, position }),
  null: (position) => ({ kind: 'null', position }),
};

export function parseFormula(source: string): FormulaNode {
  const parser = new Parser(tokenize(source));
  if (parser.peek().kind === 'end') throw new FormulaSyntaxError('syntax error: the formula is empty');
  const node = parser.expression(0);
  const rest = parser.peek();
  if (rest.kind !== 'end') throw new FormulaSyntaxError(`syntax error: extra '${rest.value}' at position ${rest.position}`);
  return node;
}

class Parser {
  private index = 0;

  constructor(private readonly tokens: Token[]) {}

  peek(): Token {
    // The tokenizer always ends the list with an `end` token, and next() never moves past it.
    return this.tokens[this.index] ?? { kind: 'end', value: '', position: 0 };
  }

  private next(): Token {
    const token = this.peek();
    if (token.kind !== 'end') this.index++;
    return token;
  }

  private expect(kind: Token['kind'], what: string): Token {
    const token = this.next();
    if (token.kind !== kind) {
      const found = token.kind === 'end' ? 'end of formula' : `'${token.value}'`;
      throw new FormulaSyntaxError(`syntax error: missing ${what}, found ${found} at position ${token.position}`);
    }
    return token;
  }

  expression(minPower: number): FormulaNode {
    let left = this.prefix();
    for (;;) {
      const token = this.peek();
      if (token.kind !== 'operator') break;
      const power = BINARY_POWER[token.value];
      if (power === undefined || power <= minPower) break;
      this.next();
      const right = this.expression(power);
      left = { kind: 'binary', operator: token.value, left, right, position: token.position };
    }
    return left;
  }

  private prefix(): FormulaNode {
    const token = this.next();
    switch (token.kind) {
      case 'number':
        return { kind: 'number', value: Number(token.value), position: token.position };
      case 'text':
        return { kind: 'text', value: token.value, position: token.position };
      case 'lparen': {
        const inner = this.expression(0);
        this.expect('rparen', "')'");
        return inner;
      }
      case 'operator': {
        if (token.value === '-' || token.value === '+' || token.value === '!') {
          const operand = this.expression(UNARY_POWER);
          return { kind: 'unary', operator: token.value, operand, position: token.position };
        }
        throw new FormulaSyntaxError(`syntax error: unexpected '${token.value}' at position ${token.position}`);
      }
      case 'identifier':
        return this.identifier(token);
      case 'end':
        throw new FormulaSyntaxError('syntax error: the formula ends too early');
      default:
        throw new FormulaSyntaxError(`syntax error: unexpected '${token.value}' at position ${token.position}`);
    }
  }

  private identifier(token: Token): FormulaNode {
    const path = token.path ?? [token.value];
    if (this.peek().kind === 'lparen') {
      if (path.length !== 1) throw new FormulaSyntaxError(`syntax error: '${token.value}' is not a function name`);
      this.next();
      const args: FormulaNode[] = [];
      if (this.peek().kind !== 'rparen') {
        for (;;) {
          args.push(this.expression(0));
          if (this.peek().kind !== 'comma') break;
          this.next();
        }
      }
      this.expect('rparen', `')' after the arguments of ${token.value}`);
      return { kind: 'call', name: token.value, args, position: token.position };
    }
    const keyword = path.length === 1 ? KEYWORDS[token.value.toLowerCase()] : undefined;
    if (keyword) return keyword(token.position);
    return { kind: 'reference', path, position: token.position };
  }
}
