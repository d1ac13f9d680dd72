/**
 * The parser returns WHERE/HAVING as a right-leaning chain with parenthesis counts on each condition
 * (`{left, operator, right}` plus `openParen`/`closeParen`). This rebuilds a proper tree with SOQL's
 * precedence: NOT binds tightest, then AND, then OR.
 *
 * [UNVERIFIED] A real org rejects `A OR B AND C` without parentheses; the emulator accepts it with the
 * usual precedence rather than invent the error text.
 */
import type {
  HavingClause, ValueCondition, ValueFunctionCondition, ValueQueryCondition, ValueWithDateLiteralCondition,
  ValueWithDateNLiteralCondition, WhereClause,
} from '@jetstreamapp/soql-parser-js';

export type LeafCondition =
  | ValueCondition | ValueWithDateLiteralCondition | ValueWithDateNLiteralCondition | ValueFunctionCondition | ValueQueryCondition;

export type ConditionTree =
  | { kind: 'leaf'; condition: LeafCondition }
  | { kind: 'and' | 'or'; items: ConditionTree[] }
  | { kind: 'not'; item: ConditionTree };

type Token = '(' | ')' | 'AND' | 'OR' | 'NOT' | { leaf: LeafCondition };

function isLeaf(condition: object): condition is LeafCondition {
  return 'field' in condition || 'fn' in condition;
}

function tokenize(clause: WhereClause | HavingClause): Token[] {
  const tokens: Token[] = [];
  let node: WhereClause | HavingClause | undefined = clause;
  while (node) {
    const left = node.left as (object & { openParen?: number; closeParen?: number }) | null;
    if (left) {
      for (let i = 0; i < (left.openParen ?? 0); i++) tokens.push('(');
      if (isLeaf(left)) {
        tokens.push({ leaf: left });
        for (let i = 0; i < (left.closeParen ?? 0); i++) tokens.push(')');
      }
    }
    const operator = 'operator' in node ? node.operator : undefined;
    if (operator === 'AND' || operator === 'OR' || operator === 'NOT') tokens.push(operator);
    node = 'right' in node ? node.right : undefined;
  }
  return tokens;
}

export function buildConditionTree(clause: WhereClause | HavingClause): ConditionTree {
  const tokens = tokenize(clause);
  let position = 0;

  const parseOr = (): ConditionTree => {
    const items = [parseAnd()];
    while (tokens[position] === 'OR') {
      position++;
      items.push(parseAnd());
    }
    return items.length === 1 ? items[0]! : { kind: 'or', items };
  };
  const parseAnd = (): ConditionTree => {
    const items = [parseUnary()];
    while (tokens[position] === 'AND') {
      position++;
      items.push(parseUnary());
    }
    return items.length === 1 ? items[0]! : { kind: 'and', items };
  };
  const parseUnary = (): ConditionTree => {
    const token = tokens[position++];
    if (token === 'NOT') return { kind: 'not', item: parseUnary() };
    if (token === '(') {
      const inner = parseOr();
      if (tokens[position] === ')') position++;
      return inner;
    }
    if (token !== undefined && typeof token === 'object') return { kind: 'leaf', condition: token.leaf };
    throw new Error(`unexpected ${String(token)} in condition`);
  };

  return parseOr();
}

/** The top-level conjuncts of a tree (the tree itself when it is not an AND). */
export function conjuncts(tree: ConditionTree): ConditionTree[] {
  return tree.kind === 'and' ? tree.items : [tree];
}
