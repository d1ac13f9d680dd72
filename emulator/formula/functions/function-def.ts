import type { CompiledNode, CompileScope } from '../compiled-node.js';

/**
 * One formula function: its arity (checked before `compile` runs) and a compile step that checks the
 * argument types and returns the compiled call.
 */
export interface FunctionDef {
  readonly minArgs: number;
  /** `Infinity` for AND, OR, MAX, MIN, CASE. */
  readonly maxArgs: number;
  /** `args` are compiled but not evaluated, so IF, AND, OR and CASE can evaluate lazily like Salesforce. */
  compile(args: CompiledNode[], scope: CompileScope, name: string): CompiledNode;
}

/** Upper-case function name -> definition. */
export type FunctionTable = Readonly<Record<string, FunctionDef>>;
