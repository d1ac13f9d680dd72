/** Logical functions: AND OR NOT IF CASE ISBLANK ISNULL BLANKVALUE NULLVALUE ISNUMBER. */
import {
  expectArgType, isTrue, makeNode, picklistMisuse, type CompiledNode, type CompileScope,
} from '../compiled-node.js';
import { isPicklistType, typeLabel, unifyTypes, type FormulaType } from '../formula-types.js';
import type { FunctionTable } from './function-def.js';

/** The common type of result branches; a picklist can never be a result (it must go through TEXT). */
export function unifyResults(scope: CompileScope, name: string, nodes: readonly CompiledNode[]): FormulaType {
  let type: FormulaType = 'null';
  for (const node of nodes) {
    if (isPicklistType(node.type)) picklistMisuse(scope, node);
    const unified = unifyTypes(type, node.type);
    if (unified === null) {
      scope.fail(`Incorrect parameter type for function '${name}()'. Expected ${typeLabel(type)}, received ${typeLabel(node.type)}`);
    }
    type = unified;
  }
  return type;
}

/** Types CASE can switch on. */
const CASE_SUBJECT_TYPES: readonly FormulaType[] = ['text', 'number', 'boolean', 'date', 'datetime', 'time', 'picklist'];

export const LOGICAL_FUNCTIONS: FunctionTable = {
  AND: {
    minArgs: 1, maxArgs: Infinity,
    compile(args, scope, name) {
      for (const arg of args) expectArgType(scope, name, arg, ['boolean']);
      return makeNode('boolean', name, (ctx) => args.every((arg) => isTrue(arg, ctx)));
    },
  },
  OR: {
    minArgs: 1, maxArgs: Infinity,
    compile(args, scope, name) {
      for (const arg of args) expectArgType(scope, name, arg, ['boolean']);
      return makeNode('boolean', name, (ctx) => args.some((arg) => isTrue(arg, ctx)));
    },
  },
  NOT: {
    minArgs: 1, maxArgs: 1,
    compile([arg], scope, name) {
      expectArgType(scope, name, arg!, ['boolean']);
      return makeNode('boolean', name, (ctx) => !isTrue(arg!, ctx));
    },
  },
  IF: {
    minArgs: 3, maxArgs: 3,
    compile([condition, whenTrue, whenFalse], scope, name) {
      expectArgType(scope, name, condition!, ['boolean']);
      const type = unifyResults(scope, name, [whenTrue!, whenFalse!]);
      return makeNode(type, name, (ctx) => (isTrue(condition!, ctx) ? whenTrue! : whenFalse!).evaluate(ctx));
    },
  },
  CASE: {
    // CASE(expression, value1, result1, ..., else_result): an even count of at least 4.
    minArgs: 4, maxArgs: Infinity,
    compile(args, scope, name) {
      if (args.length % 2 !== 0) {
        scope.fail(`Incorrect number of parameters for function '${name}()'. Expected an even number, received ${args.length}`);
      }
      const [subject, ...rest] = args;
      expectArgType(scope, name, subject!, CASE_SUBJECT_TYPES);
      // A picklist subject is matched against its API value as text, like ISPICKVAL.
      const valueType: FormulaType = subject!.type === 'picklist' ? 'text' : subject!.type;
      const whens: { value: CompiledNode; result: CompiledNode }[] = [];
      for (let i = 0; i + 1 < rest.length; i += 2) {
        const value = rest[i]!;
        if (value.type !== 'null' && valueType !== 'null' && value.type !== valueType) {
          scope.fail(`Incorrect parameter type for function '${name}()'. Expected ${typeLabel(valueType)}, received ${typeLabel(value.type)}`);
        }
        whens.push({ value, result: rest[i + 1]! });
      }
      const otherwise = rest[rest.length - 1]!;
      const type = unifyResults(scope, name, [...whens.map((w) => w.result), otherwise]);
      return makeNode(type, name, (ctx) => {
        const actual = subject!.evaluate(ctx);
        const match = whens.find((w) => w.value.evaluate(ctx) === actual);
        return (match ? match.result : otherwise).evaluate(ctx);
      });
    },
  },
  ISBLANK: {
    minArgs: 1, maxArgs: 1,
    // Accepts every type, picklists included. Blank text is the empty string (already null here).
    compile([arg], _scope, name) {
      return makeNode('boolean', name, (ctx) => arg!.evaluate(ctx) === null);
    },
  },
  ISNULL: {
    minArgs: 1, maxArgs: 1,
    compile([arg], scope, name) {
      if (isPicklistType(arg!.type)) picklistMisuse(scope, arg!);
      // Salesforce help (ISNULL): "Text fields are never null, so using ISNULL() with a text field
      // always returns false", which is why ISBLANK is recommended.
      if (arg!.type === 'text') return makeNode('boolean', name, () => false);
      return makeNode('boolean', name, (ctx) => arg!.evaluate(ctx) === null);
    },
  },
  BLANKVALUE: {
    minArgs: 2, maxArgs: 2,
    compile([value, substitute], scope, name) {
      const type = unifyResults(scope, name, [value!, substitute!]);
      return makeNode(type, name, (ctx) => value!.evaluate(ctx) ?? substitute!.evaluate(ctx));
    },
  },
  NULLVALUE: {
    minArgs: 2, maxArgs: 2,
    // Same as BLANKVALUE here: the evaluator holds blank text as null, so an empty text is also null.
    compile([value, substitute], scope, name) {
      const type = unifyResults(scope, name, [value!, substitute!]);
      return makeNode(type, name, (ctx) => value!.evaluate(ctx) ?? substitute!.evaluate(ctx));
    },
  },
  ISNUMBER: {
    minArgs: 1, maxArgs: 1,
    compile([arg], scope, name) {
      expectArgType(scope, name, arg!, ['text']);
      return makeNode('boolean', name, (ctx) => {
        const value = arg!.evaluate(ctx);
        return typeof value === 'string' && /^\s*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?\s*$/.test(value);
      });
    },
  },
};
