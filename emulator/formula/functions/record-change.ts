/**
 * Functions about the save in progress: ISNEW, ISCLONE, ISCHANGED, PRIORVALUE. They only make sense in
 * validation rules, workflow-style criteria and flows; the caller supplies `isNew`, `isClone` and `prior`.
 */
import type { CompiledNode, CompileScope } from '../compiled-node.js';
import { makeNode } from '../compiled-node.js';
import type { FunctionTable } from './function-def.js';

/** ISCHANGED and PRIORVALUE take a field of the record itself, as in Salesforce. */
function requireField(scope: CompileScope, name: string, node: CompiledNode): { path: string[] } {
  if (!node.reference) scope.fail(`${name}() needs a field reference, received ${node.label}`);
  if (node.reference.path[0]?.startsWith('$')) scope.fail(`${name}() cannot read ${node.label}: only fields of the record can change`);
  return node.reference;
}

export const RECORD_CHANGE_FUNCTIONS: FunctionTable = {
  ISNEW: {
    minArgs: 0, maxArgs: 0,
    compile(_args, _scope, name) {
      return makeNode('boolean', name, (ctx) => ctx.isNew);
    },
  },
  ISCLONE: {
    minArgs: 0, maxArgs: 0,
    // True while saving a record made by Clone (the UI's Clone button, Apex `clone()`). The emulator has
    // neither, so a caller sets `isClone` only if it ever clones; every API create is not a clone.
    compile(_args, _scope, name) {
      return makeNode('boolean', name, (ctx) => ctx.isClone === true);
    },
  },
  ISCHANGED: {
    minArgs: 1, maxArgs: 1,
    compile([field], scope, name) {
      requireField(scope, name, field!);
      const priorValue = scope.priorValueOf(field!);
      // Salesforce help (ISCHANGED): always FALSE when a record is being created.
      return makeNode('boolean', name, (ctx) => !ctx.isNew && field!.evaluate(ctx) !== priorValue(ctx));
    },
  },
  PRIORVALUE: {
    minArgs: 1, maxArgs: 1,
    compile([field], scope, name) {
      requireField(scope, name, field!);
      const priorValue = scope.priorValueOf(field!);
      // On insert `prior` has nothing, so PRIORVALUE reads blank ([UNVERIFIED]: Salesforce may return the
      // field's default; blank is what a rule author can test with ISBLANK either way).
      return { type: field!.type, label: `${name}(${field!.label})`, evaluate: priorValue };
    },
  },
};
