/**
 * The formula engine: compiles Salesforce formulas (validation rules, formula fields, default values,
 * flow formulas and conditions) at org load and evaluates them on save.
 *
 * Why our own engine rather than the `formulon` package: formulon evaluates while it parses, with the
 * variable values already in hand, so it has no load-time compile step that could report an unknown
 * field or a type error before a record is saved; it has no ISNEW, ISCHANGED or PRIORVALUE (it answers
 * "Unknown function ISNEW"); it resolves only flat variables, not `$User.X`, `Account.Type` or
 * `$Setup.Obj__c.Field__c` paths through a schema; it has no multi-select picklist type; and
 * `NULL + 1` is a type error there, not a blank. So: tokenizer -> Pratt parser -> syntax tree ->
 * compiled closures (types checked once, at load) -> value.
 *
 * @example
 * const rule = compileFormula('AND(ISCHANGED(StageName), Amount > $User.Approval_Limit__c)', {
 *   object: 'Opportunity', where: 'ValidationRule Opportunity.Approval_Limit', typeOf: schemaTypeOf,
 * }, { returnType: 'boolean' });
 * rule.evaluate(runtime); // true when the rule fires
 */
import type { CompiledFormula, FormulaCompileContext, FormulaRuntimeContext, WireValue } from '../contracts.js';
import type { FieldType } from '../metadata/types.js';
import { picklistMisuse } from './compiled-node.js';
import { acceptedResultTypes, FormulaCompiler } from './compiler.js';
import { FormulaError } from './formula-error.js';
import { isPicklistType, typeLabel, type FormulaType } from './formula-types.js';
import { parseFormula } from './parser.js';
import { FormulaSyntaxError } from './tokenizer.js';
import { toWire } from './wire-values.js';

export { FormulaError } from './formula-error.js';
export type { FormulaType } from './formula-types.js';
export { describeFunctionCoverage, functionCoverage, FUNCTION_CATALOGUE } from './functions/catalogue.js';

export interface CompileFormulaOptions {
  /**
   * The type the result must have: `boolean` for validation rules and flow conditions, the field's
   * type for formula fields and default values. Omitted: whatever the formula produces.
   */
  returnType?: FieldType;
  /** Formula fields with `<formulaTreatBlanksAs>BlankAsZero</formulaTreatBlanksAs>`: blank numbers read as 0. */
  treatBlanksAsZero?: boolean;
}

/** A compiled formula plus the formula type of its result (handy for flows that infer types). */
export interface TypedCompiledFormula extends CompiledFormula {
  readonly resultType: FormulaType;
}

/**
 * Compiles a formula, or throws a FormulaError naming `ctx.where` and the problem
 * (`ValidationRule Opportunity.Discount_Limit: unsupported function GEOLOCATION`).
 * Results are in wire format: `YYYY-MM-DD` dates, `2024-05-01T12:34:56.000+0000` datetimes, a
 * boolean formula never returns null (a blank condition is false), a percent result is in percent
 * units (0.1 -> 10) like a percent field.
 */
export function compileFormula(
  source: string,
  ctx: FormulaCompileContext,
  options: CompileFormulaOptions = {},
): TypedCompiledFormula {
  let tree;
  try {
    tree = parseFormula(source);
  } catch (error) {
    if (error instanceof FormulaSyntaxError) throw new FormulaError(ctx.where, error.message);
    throw error;
  }
  const compiler = new FormulaCompiler(ctx, { treatBlanksAsZero: options.treatBlanksAsZero ?? false });
  const root = compiler.compile(tree);

  if (isPicklistType(root.type)) picklistMisuse(compiler, root);
  const accepted = options.returnType ? acceptedResultTypes(options.returnType) : null;
  if (accepted && root.type !== 'null' && !accepted.includes(root.type)) {
    throw new FormulaError(
      ctx.where,
      `Formula result is data type (${typeLabel(root.type)}), incompatible with expected data type (${typeLabel(accepted[0]!)})`,
    );
  }
  if (root.type === 'location') {
    throw new FormulaError(ctx.where, `${root.label} is a location: a formula can only use it in DISTANCE()`);
  }
  const resultType: FormulaType = root.type === 'null' && accepted ? accepted[0]! : root.type;
  const asPercent = options.returnType === 'percent';
  const references = compiler.references;
  const htmlFormatted = resultType === 'text' && (compiler.functions.has('IMAGE') || compiler.functions.has('HYPERLINK'));

  return {
    source,
    references,
    resultType,
    htmlFormatted,
    functions: [...compiler.functions],
    evaluate(runtime: FormulaRuntimeContext): WireValue {
      const value = root.evaluate(runtime);
      if (resultType === 'boolean') return value === true;
      if (asPercent && typeof value === 'number') return toWire(value * 100, 'number');
      return toWire(value, resultType);
    },
  };
}
