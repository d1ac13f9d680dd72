/**
 * Flow condition logic: `and`, `or`, or a custom expression over 1-based condition numbers such as
 * `1 AND (2 OR 3)` or `NOT 1 AND 2` (Flow Builder's "Custom Condition Logic Is Met"). One parser, two
 * uses: evaluating in memory (decisions, entry conditions) and rendering SOQL (Get/Update/Delete Records).
 */
import { SalesforceError } from '../contracts.js';

export type LogicNode =
  | { kind: 'ref'; index: number }
  | { kind: 'not'; operand: LogicNode }
  | { kind: 'and' | 'or'; operands: LogicNode[] };

/** Parses `logic` for `count` conditions. Absent/empty logic means AND, as Flow Builder saves it. */
export function parseConditionLogic(logic: string | undefined, count: number): LogicNode {
  const trimmed = (logic ?? '').trim().toLowerCase();
  const all = Array.from({ length: count }, (_, i): LogicNode => ({ kind: 'ref', index: i }));
  if (trimmed === '' || trimmed === 'and') return { kind: 'and', operands: all };
  if (trimmed === 'or') return { kind: 'or', operands: all };
  return new LogicParser(logic ?? '', count).parse();
}

export function evaluateLogic(node: LogicNode, value: (index: number) => boolean): boolean {
  switch (node.kind) {
    case 'ref': return value(node.index);
    case 'not': return !evaluateLogic(node.operand, value);
    case 'and': return node.operands.every((operand) => evaluateLogic(operand, value));
    case 'or': return node.operands.some((operand) => evaluateLogic(operand, value));
  }
}

/** Renders the logic as a SOQL boolean expression over already-rendered condition clauses. */
export function renderLogic(node: LogicNode, clause: (index: number) => string): string {
  switch (node.kind) {
    case 'ref': return clause(node.index);
    case 'not': return `(NOT ${renderLogic(node.operand, clause)})`;
    case 'and':
    case 'or':
      if (node.operands.length === 1 && node.operands[0]) return renderLogic(node.operands[0], clause);
      return `(${node.operands.map((operand) => renderLogic(operand, clause)).join(node.kind === 'and' ? ' AND ' : ' OR ')})`;
  }
}

class LogicParser {
  private readonly tokens: string[];
  private position = 0;

  constructor(private readonly source: string, private readonly count: number) {
    this.tokens = source.match(/\d+|\(|\)|[A-Za-z]+/g) ?? [];
  }

  parse(): LogicNode {
    const node = this.parseOr();
    if (this.position < this.tokens.length) this.fail();
    return node;
  }

  private parseOr(): LogicNode {
    const operands = [this.parseAnd()];
    while (this.peek() === 'OR') {
      this.position++;
      operands.push(this.parseAnd());
    }
    return operands.length === 1 && operands[0] ? operands[0] : { kind: 'or', operands };
  }

  private parseAnd(): LogicNode {
    const operands = [this.parseUnary()];
    while (this.peek() === 'AND') {
      this.position++;
      operands.push(this.parseUnary());
    }
    return operands.length === 1 && operands[0] ? operands[0] : { kind: 'and', operands };
  }

  private parseUnary(): LogicNode {
    const token = this.peek();
    if (token === 'NOT') {
      this.position++;
      return { kind: 'not', operand: this.parseUnary() };
    }
    if (token === '(') {
      this.position++;
      const inner = this.parseOr();
      if (this.peek() !== ')') this.fail();
      this.position++;
      return inner;
    }
    if (token !== undefined && /^\d+$/.test(token)) {
      this.position++;
      const index = Number(token) - 1;
      if (index < 0 || index >= this.count) this.fail();
      return { kind: 'ref', index };
    }
    return this.fail();
  }

  private peek(): string | undefined {
    return this.tokens[this.position]?.toUpperCase();
  }

  private fail(): never {
    throw new SalesforceError('INVALID_FIELD', `The condition logic "${this.source}" is not valid for ${this.count} conditions.`);
  }
}
