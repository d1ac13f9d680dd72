/**
 * What the compiler turns each syntax node into: a type, known at load time, and a closure that
 * computes the value at run time. Type errors therefore surface when the org loads, never as a
 * silent false while saving a record.
 */
import type { FormulaRuntimeContext } from '../contracts.js';
import { isPicklistType, typeLabel, type FormulaType } from './formula-types.js';
import type { FormulaValue } from './wire-values.js';

export interface CompiledNode {
  readonly type: FormulaType;
  /** How the node reads in error messages: the reference as written, or `FN()`. */
  readonly label: string;
  /** Set when the node is a plain field reference: ISCHANGED and PRIORVALUE need one. */
  readonly reference?: { path: string[]; percent: boolean };
  /** Set for literals: CASE values must be literals, as in Salesforce. */
  readonly literal?: boolean;
  evaluate(ctx: FormulaRuntimeContext): FormulaValue;
}

/** What a function or operator needs while compiling. */
export interface CompileScope {
  readonly where: string;
  /** Raises a FormulaError naming `where`. */
  fail(problem: string): never;
  /**
   * Compiles a read of a reference path from the record as it was before the save (PRIORVALUE):
   * same typing as the current value, read through `ctx.prior`.
   */
  priorValueOf(node: CompiledNode): (ctx: FormulaRuntimeContext) => FormulaValue;
}

export function makeNode(
  type: FormulaType,
  label: string,
  evaluate: (ctx: FormulaRuntimeContext) => FormulaValue,
): CompiledNode {
  return { type, label, evaluate };
}

/** Salesforce's own words for a picklist used where only ISPICKVAL, TEXT, CASE... may read it. */
export function picklistMisuse(scope: CompileScope, node: CompiledNode): never {
  const noun = node.type === 'multipicklist' ? 'multi-select picklist' : 'picklist';
  return scope.fail(
    `Field ${node.label} is a ${noun} field. ${noun === 'picklist' ? 'Picklist' : 'Multi-select picklist'} fields are only supported in certain functions.`,
  );
}

/**
 * Checks one argument against the types a function accepts (`NULL` fits any), in the wording of
 * Salesforce's formula editor: `Incorrect parameter type for function 'LEN()'. Expected Text, received Number`.
 */
export function expectArgType(
  scope: CompileScope,
  functionName: string,
  node: CompiledNode,
  allowed: readonly FormulaType[],
): void {
  if (node.type === 'null' || allowed.includes(node.type)) return;
  if (isPicklistType(node.type)) picklistMisuse(scope, node);
  scope.fail(
    `Incorrect parameter type for function '${functionName}()'. Expected ${allowed.map(typeLabel).join(', ')}, received ${typeLabel(node.type)}`,
  );
}

/** Evaluates number arguments; null when any is null (Salesforce: arithmetic with a blank is blank). */
export function numbersOf(nodes: readonly CompiledNode[], ctx: FormulaRuntimeContext): number[] | null {
  const values: number[] = [];
  for (const node of nodes) {
    const value = node.evaluate(ctx);
    if (typeof value !== 'number') return null;
    values.push(value);
  }
  return values;
}

/** Evaluates a text argument with Salesforce's rule that blank text is the empty string. */
export function textOf(node: CompiledNode, ctx: FormulaRuntimeContext): string {
  const value = node.evaluate(ctx);
  return value === null ? '' : String(value);
}

/** Conditions: a blank boolean counts as false (a validation rule whose formula is blank does not fire). */
export function isTrue(node: CompiledNode, ctx: FormulaRuntimeContext): boolean {
  return node.evaluate(ctx) === true;
}

/** Text results: the evaluator represents blank text as null, like Salesforce does. */
export function blankToNull(text: string): string | null {
  return text === '' ? null : text;
}


/** Literals never read the context; this one lets a function evaluate them while compiling. */
export const CONSTANT_CONTEXT: FormulaRuntimeContext = {
  get: () => undefined,
  prior: () => undefined,
  isNew: false,
  now: () => new Date(0),
};
