/**
 * Turns a syntax tree into compiled nodes, resolving every reference through `typeOf` and every
 * function through the function table, so that anything the engine cannot run fails at org load.
 */
import type { FormulaCompileContext, FormulaRuntimeContext } from '../contracts.js';
import type { FieldType } from '../metadata/types.js';
import type { FormulaNode } from './ast.js';
import { makeNode, type CompiledNode, type CompileScope } from './compiled-node.js';
import { FormulaError } from './formula-error.js';
import { formulaTypeOfField, type FormulaType } from './formula-types.js';
import { catalogueEntry } from './functions/catalogue.js';
import { FORMULA_FUNCTIONS } from './functions/index.js';
import { compileBinary, compileUnary } from './operators.js';
import { fromWire, type FormulaValue } from './wire-values.js';

export interface CompileOptions {
  /** Formula fields with `formulaTreatBlanksAs` = `BlankAsZero`: blank number fields read as 0. */
  treatBlanksAsZero: boolean;
}

export class FormulaCompiler implements CompileScope {
  /** Every reference path read, first spelling kept, deduplicated case-insensitively. */
  readonly references: string[][] = [];
  /** Every function called (upper case): IMAGE or HYPERLINK make a text formula HTML-formatted. */
  readonly functions = new Set<string>();
  private readonly seen = new Set<string>();
  readonly where: string;

  constructor(
    private readonly context: FormulaCompileContext,
    private readonly options: CompileOptions,
  ) {
    this.where = context.where;
  }

  fail(problem: string): never {
    throw new FormulaError(this.where, problem);
  }

  compile(node: FormulaNode): CompiledNode {
    switch (node.kind) {
      case 'number':
        return literal('number', String(node.value), node.value);
      case 'text':
        return literal('text', JSON.stringify(node.value), node.value === '' ? null : node.value);
      case 'boolean':
        return literal('boolean', node.value ? 'TRUE' : 'FALSE', node.value);
      case 'null':
        return literal('null', 'NULL', null);
      case 'reference':
        return this.reference(node.path, false);
      case 'unary':
        return compileUnary(node.operator, this.compile(node.operand), this);
      case 'binary':
        return compileBinary(node.operator, this.compile(node.left), this.compile(node.right), this);
      case 'call':
        return this.call(node.name, node.args);
    }
  }

  priorValueOf(node: CompiledNode): (ctx: FormulaRuntimeContext) => FormulaValue {
    if (!node.reference) return this.fail(`${node.label} is not a field`);
    return this.reader(node.reference.path, node.type, node.reference.percent, 'prior');
  }

  private call(name: string, argNodes: FormulaNode[]): CompiledNode {
    const upper = name.toUpperCase();
    const def = FORMULA_FUNCTIONS.get(upper);
    if (!def) return this.fail(unsupportedFunction(upper));
    if (argNodes.length < def.minArgs || argNodes.length > def.maxArgs) {
      const expected = def.minArgs === def.maxArgs ? String(def.minArgs)
        : def.maxArgs === Infinity ? `at least ${def.minArgs}` : `${def.minArgs} to ${def.maxArgs}`;
      this.fail(`Incorrect number of parameters for function '${upper}()'. Expected ${expected}, received ${argNodes.length}`);
    }
    this.functions.add(upper);
    // `$ObjectType.Obj.Fields.Field` names a field rather than reading a value: only VLOOKUP takes it.
    const takesFieldNames = upper === 'VLOOKUP';
    return def.compile(argNodes.map((arg) => (arg.kind === 'reference' ? this.reference(arg.path, takesFieldNames) : this.compile(arg))), this, upper);
  }

  private reference(path: string[], fieldName: boolean): CompiledNode {
    const label = path.join('.');
    if (path[0]?.toLowerCase() === '$objecttype' && !fieldName) {
      return this.fail(`${label} names a field; only VLOOKUP() takes $ObjectType references`);
    }
    const fieldType = this.context.typeOf(path);
    if (fieldType === null) return this.fail(`unknown field ${label}`);
    const type = formulaTypeOfField(fieldType);
    if (type === null) return this.fail(`field ${label} of type ${fieldType} cannot be used in a formula`);
    this.remember(path);
    if (type === 'location') return this.locationReference(path, label);
    const percent = fieldType === 'percent';
    return {
      type,
      label,
      reference: { path, percent },
      evaluate: this.reader(path, type, percent, 'get'),
    };
  }

  /**
   * A geolocation field (`Where__c`) is the compound of `Where__Latitude__s` and `Where__Longitude__s`
   * (describe lists all three; the store holds the two parts). It reads as `lat,lon`, blank when either
   * part is blank, for DISTANCE and ISBLANK.
   */
  private locationReference(path: string[], label: string): CompiledNode {
    const last = path[path.length - 1] ?? '';
    const base = last.replace(/__c$/i, '');
    const part = (suffix: string): string[] => [...path.slice(0, -1), `${base}__${suffix}__s`];
    const latitude = this.reader(part('Latitude'), 'number', false, 'get');
    const longitude = this.reader(part('Longitude'), 'number', false, 'get');
    return {
      type: 'location',
      label,
      evaluate: (ctx) => {
        const lat = latitude(ctx);
        const lon = longitude(ctx);
        return typeof lat === 'number' && typeof lon === 'number' ? `${lat},${lon}` : null;
      },
    };
  }

  private reader(path: string[], type: FormulaType, percent: boolean, source: 'get' | 'prior') {
    const blankAsZero = this.options.treatBlanksAsZero && type === 'number';
    return (ctx: FormulaRuntimeContext): FormulaValue => {
      const value = fromWire(source === 'get' ? ctx.get(path) : ctx.prior(path), type);
      if (value === null) return blankAsZero ? 0 : null;
      // Salesforce help ("Tips for Working with Number Formula Fields"): a percent field reads as a
      // decimal in formulas, so 10% is 0.1 (`Probability = 1`, not `= 100`).
      return percent && typeof value === 'number' ? value / 100 : value;
    };
  }

  private remember(path: string[]): void {
    const key = path.join('.').toLowerCase();
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.references.push([...path]);
  }
}

/**
 * A function the engine does not run: those of the Salesforce reference that only make sense in a page,
 * a report or a button say so (functions/catalogue.ts); anything else is not a Salesforce function.
 */
function unsupportedFunction(name: string): string {
  const entry = catalogueEntry(name);
  if (!entry) return `unsupported function ${name}`;
  return `unsupported function ${name} (${entry.notImplemented ?? 'not emulated'})`;
}

function literal(type: FormulaType, label: string, value: FormulaValue): CompiledNode {
  return { ...makeNode(type, label, () => value), literal: true };
}

/** The formula result types each field type can hold (what `returnType` accepts). */
export function acceptedResultTypes(returnType: FieldType): readonly FormulaType[] | null {
  switch (returnType) {
    case 'boolean': return ['boolean'];
    case 'int': case 'double': case 'currency': case 'percent': return ['number'];
    case 'date': return ['date'];
    case 'datetime': return ['datetime'];
    case 'time': return ['time'];
    // Default values of picklist fields are text formulas (`"Prospecting"`).
    case 'id': case 'reference': case 'string': case 'textarea': case 'email': case 'phone': case 'url':
    case 'combobox': case 'encryptedstring': case 'picklist': case 'multipicklist':
      return ['text'];
    case 'address': case 'location': case 'base64': case 'anyType':
      return null;
  }
}
