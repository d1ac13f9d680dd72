/**
 * Operators: `+ - * / ^ &`, comparisons `= == != <> < <= > >=`, `&& || !` and unary minus.
 *
 * Null semantics (Salesforce "treat blank fields as blanks"): arithmetic or a comparison with a blank
 * number, date or time is blank, and a blank condition does not fire a validation rule. So
 * `Share1__c + Share2__c != 1` does not fire when Share2__c is blank (a known trap, described e.g. at
 * sfdc-learn.blogspot.com/2022/01/a-few-thoughts-about-salesforce.html). Text is different: blank text
 * is the empty string, so `Name = ""` is true for a blank name.
 */
import type { FormulaRuntimeContext } from '../contracts.js';
import {
  isTrue, makeNode, picklistMisuse, textOf, blankToNull, type CompiledNode, type CompileScope,
} from './compiled-node.js';
import { isPicklistType, typeLabel, unifyTypes, type FormulaType } from './formula-types.js';
import { MS_PER_DAY, normaliseNumber, type FormulaValue } from './wire-values.js';

type Evaluate = (ctx: FormulaRuntimeContext) => FormulaValue;

function operatorTypeError(scope: CompileScope, operator: string, left: CompiledNode, right?: CompiledNode): never {
  const received = right ? `${typeLabel(left.type)} and ${typeLabel(right.type)}` : typeLabel(left.type);
  return scope.fail(`Incorrect parameter type for operator '${operator}'. Received ${received}`);
}

/** Evaluates both sides as numbers (ms for dates) and applies `apply`; blank if either is blank. */
function numeric(left: CompiledNode, right: CompiledNode, apply: (a: number, b: number) => number | null): Evaluate {
  return (ctx) => {
    const a = left.evaluate(ctx);
    const b = right.evaluate(ctx);
    if (typeof a !== 'number' || typeof b !== 'number') return null;
    const result = apply(a, b);
    return result === null || !Number.isFinite(result) ? null : result;
  };
}

const days = (n: number): number => n * MS_PER_DAY;

/**
 * The result type and evaluation of `+` and `-` for each pair of operand types (with NULL standing in
 * for the other side's type). Date + number adds days; date - date is a number of days; datetimes
 * add fractional days; time - time is milliseconds (Salesforce help, "Using Date, Date/Time, and Time
 * Values in Formulas"). A date plus a fractional number keeps whole days ([UNVERIFIED] truncation).
 */
function additive(operator: '+' | '-', left: CompiledNode, right: CompiledNode, scope: CompileScope): CompiledNode {
  const l = left.type === 'null' ? (right.type === 'text' || right.type === 'number' ? right.type : 'number') : left.type;
  const r = right.type === 'null' ? (l === 'text' ? 'text' : 'number') : right.type;
  const key = `${l}${operator}${r}`;
  const label = operator;
  switch (key) {
    case 'number+number':
      return makeNode('number', label, numeric(left, right, (a, b) => normaliseNumber(a + b)));
    case 'number-number':
      return makeNode('number', label, numeric(left, right, (a, b) => normaliseNumber(a - b)));
    case 'text+text':
      // `+` concatenates text like `&` (used widely in real orgs: `FirstName + " " + LastName`).
      return makeNode('text', label, (ctx) => blankToNull(textOf(left, ctx) + textOf(right, ctx)));
    case 'date+number':
      return makeNode('date', label, numeric(left, right, (a, b) => a + days(Math.trunc(b))));
    case 'number+date':
      return makeNode('date', label, numeric(left, right, (a, b) => b + days(Math.trunc(a))));
    case 'date-number':
      return makeNode('date', label, numeric(left, right, (a, b) => a - days(Math.trunc(b))));
    case 'date-date':
      return makeNode('number', label, numeric(left, right, (a, b) => Math.round((a - b) / MS_PER_DAY)));
    case 'datetime+number':
      return makeNode('datetime', label, numeric(left, right, (a, b) => Math.round(a + days(b))));
    case 'number+datetime':
      return makeNode('datetime', label, numeric(left, right, (a, b) => Math.round(b + days(a))));
    case 'datetime-number':
      return makeNode('datetime', label, numeric(left, right, (a, b) => Math.round(a - days(b))));
    case 'datetime-datetime':
      return makeNode('number', label, numeric(left, right, (a, b) => normaliseNumber((a - b) / MS_PER_DAY)));
    case 'time+number':
      return makeNode('time', label, numeric(left, right, (a, b) => wrapTime(a + b)));
    case 'number+time':
      return makeNode('time', label, numeric(left, right, (a, b) => wrapTime(a + b)));
    case 'time-number':
      return makeNode('time', label, numeric(left, right, (a, b) => wrapTime(a - b)));
    case 'time-time':
      return makeNode('number', label, numeric(left, right, (a, b) => a - b));
    default:
      return operatorTypeError(scope, operator, left, right);
  }
}

/** Time arithmetic wraps around midnight (Salesforce help: times are milliseconds within a day). */
function wrapTime(ms: number): number {
  return ((Math.round(ms) % MS_PER_DAY) + MS_PER_DAY) % MS_PER_DAY;
}

function requireTypes(
  scope: CompileScope,
  operator: string,
  allowed: readonly FormulaType[],
  ...operands: CompiledNode[]
): void {
  for (const operand of operands) {
    if (operand.type === 'null' || allowed.includes(operand.type)) continue;
    if (isPicklistType(operand.type)) picklistMisuse(scope, operand);
    operatorTypeError(scope, operator, operands[0]!, operands[1]);
  }
}

const COMPARABLE: readonly FormulaType[] = ['text', 'number', 'date', 'datetime', 'time', 'boolean'];
const ORDERED: readonly FormulaType[] = ['text', 'number', 'date', 'datetime', 'time'];

/** Equality and ordering. Text compares with blank as ''; other blanks make the comparison blank. */
function comparison(operator: string, left: CompiledNode, right: CompiledNode, scope: CompileScope): CompiledNode {
  const equality = ['=', '==', '!=', '<>'].includes(operator);
  requireTypes(scope, operator, equality ? COMPARABLE : ORDERED, left, right);
  const type = unifyTypes(left.type, right.type);
  if (type === null) operatorTypeError(scope, operator, left, right);
  const test = compareWith(operator);
  if (type === 'text') {
    // Salesforce compares text case-sensitively with `=` (use UPPER/LOWER for case-insensitive tests).
    return makeNode('boolean', operator, (ctx) => test(compareText(textOf(left, ctx), textOf(right, ctx))));
  }
  return makeNode('boolean', operator, (ctx) => {
    const a = left.evaluate(ctx);
    const b = right.evaluate(ctx);
    if (a === null || b === null) return null;
    return test(a === b ? 0 : a < b ? -1 : 1);
  });
}

function compareText(a: string, b: string): number {
  return a === b ? 0 : a < b ? -1 : 1;
}

function compareWith(operator: string): (order: number) => boolean {
  switch (operator) {
    case '=': case '==': return (order) => order === 0;
    case '!=': case '<>': return (order) => order !== 0;
    case '<': return (order) => order < 0;
    case '<=': return (order) => order <= 0;
    case '>': return (order) => order > 0;
    default: return (order) => order >= 0;
  }
}

export function compileBinary(operator: string, left: CompiledNode, right: CompiledNode, scope: CompileScope): CompiledNode {
  switch (operator) {
    case '+': case '-':
      if (isPicklistType(left.type)) picklistMisuse(scope, left);
      if (isPicklistType(right.type)) picklistMisuse(scope, right);
      return additive(operator, left, right, scope);
    case '*':
      requireTypes(scope, operator, ['number'], left, right);
      return makeNode('number', operator, numeric(left, right, (a, b) => normaliseNumber(a * b)));
    case '/':
      requireTypes(scope, operator, ['number'], left, right);
      // Division by zero is #Error! in Salesforce; through the API the value reads as blank ([UNVERIFIED]).
      return makeNode('number', operator, numeric(left, right, (a, b) => (b === 0 ? null : normaliseNumber(a / b))));
    case '^':
      requireTypes(scope, operator, ['number'], left, right);
      return makeNode('number', operator, numeric(left, right, (a, b) => normaliseNumber(a ** b)));
    case '&':
      requireTypes(scope, operator, ['text'], left, right);
      return makeNode('text', operator, (ctx) => blankToNull(textOf(left, ctx) + textOf(right, ctx)));
    case '&&':
      requireTypes(scope, operator, ['boolean'], left, right);
      return makeNode('boolean', operator, (ctx) => isTrue(left, ctx) && isTrue(right, ctx));
    case '||':
      requireTypes(scope, operator, ['boolean'], left, right);
      return makeNode('boolean', operator, (ctx) => isTrue(left, ctx) || isTrue(right, ctx));
    default:
      return comparison(operator, left, right, scope);
  }
}

export function compileUnary(operator: '-' | '+' | '!', operand: CompiledNode, scope: CompileScope): CompiledNode {
  if (operator === '!') {
    requireTypes(scope, operator, ['boolean'], operand);
    return makeNode('boolean', operator, (ctx) => !isTrue(operand, ctx));
  }
  requireTypes(scope, operator, ['number'], operand);
  if (operator === '+') return operand;
  return makeNode('number', operator, (ctx) => {
    const value = operand.evaluate(ctx);
    return typeof value === 'number' ? normaliseNumber(-value) : null;
  });
}
