/**
 * Functions that read other data than the record: VLOOKUP (a record of another object, by its name) and
 * CURRENCYRATE (the org's currency table).
 */
import { expectArgType, makeNode, textOf, type CompiledNode, type CompileScope } from '../compiled-node.js';
import { fromWire } from '../wire-values.js';
import type { FunctionTable } from './function-def.js';

/** `$ObjectType.Zip_Code__c.Fields.City__c` -> `{ object: 'Zip_Code__c', field: 'City__c' }`. */
function objectTypeField(scope: CompileScope, name: string, node: CompiledNode): { object: string; field: string } {
  const path = node.reference?.path ?? [];
  const [head, object, fields, field] = path;
  if (head?.toLowerCase() !== '$objecttype' || fields?.toLowerCase() !== 'fields' || !object || !field || path.length !== 4) {
    return scope.fail(`${name}() takes $ObjectType.Object__c.Fields.Field__c references, received ${node.label}`);
  }
  return { object, field };
}

export const LOOKUP_FUNCTIONS: FunctionTable = {
  VLOOKUP: {
    // VLOOKUP(field_to_return, field_on_lookup_object, lookup_value) (Salesforce help, "VLOOKUP"):
    // "The field_on_lookup_object must be the record name field on a custom object", and both fields
    // are on the same object. The match is exact ([UNVERIFIED] case sensitivity). Salesforce allows it in
    // validation rules only; the engine does not tell formula kinds apart, so it runs wherever it is.
    minArgs: 3, maxArgs: 3,
    compile([returnNode, matchNode, valueNode], scope, name) {
      const wanted = objectTypeField(scope, name, returnNode!);
      const match = objectTypeField(scope, name, matchNode!);
      if (wanted.object.toLowerCase() !== match.object.toLowerCase()) {
        scope.fail(`${name}() must return a field of the object it searches: ${wanted.object} is not ${match.object}`);
      }
      if (match.field.toLowerCase() !== 'name') scope.fail(`${name}() searches the Name field of ${match.object}, not ${match.field}`);
      expectArgType(scope, name, valueNode!, ['text']);
      const type = returnNode!.type;
      const percent = returnNode!.reference?.percent === true;
      return makeNode(type, name, (ctx) => {
        const value = textOf(valueNode!, ctx);
        if (value === '' || !ctx.vlookup) return null;
        const found = fromWire(ctx.vlookup(wanted.object, match.field, value, wanted.field), type);
        // A percent reads as a decimal in formulas, like any percent field (compiler.ts reader).
        return percent && typeof found === 'number' ? found / 100 : found;
      });
    },
  },
  CURRENCYRATE: {
    // "Returns the conversion rate to the corporate currency for the given currency ISO code. If the
    // currency is invalid, returns 1.0" (Salesforce help). The emulated org has one currency (no
    // multi-currency), so its own code converts at 1.0 and every other code is not an active
    // currency: 1.0 either way.
    minArgs: 1, maxArgs: 1,
    compile([code], scope, name) {
      expectArgType(scope, name, code!, ['text']);
      return makeNode('number', name, () => 1);
    },
  },
};
