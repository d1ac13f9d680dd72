/**
 * Every formula of the org compiled once at load: validation rules, formula fields and default values.
 * A formula that does not compile fails the load and names the rule or field (the formula engine's
 * `FormulaError` message starts with the `where` given here).
 */
import type { CompiledFormula } from '../contracts.js';
import type { OrgSchema } from '../metadata/types.js';
import { compileContext, type CompileFormulaFn } from './formula-context.js';

export class FormulaRegistry {
  private readonly validationRules = new Map<string, CompiledFormula>();
  private readonly formulaFields = new Map<string, CompiledFormula>();
  private readonly defaults = new Map<string, CompiledFormula>();

  constructor(private readonly schema: OrgSchema, private readonly compile: CompileFormulaFn) {
    for (const object of schema.objects.values()) {
      for (const rule of object.validationRules) {
        const where = `ValidationRule ${rule.fullName}`;
        this.validationRules.set(rule.fullName.toLowerCase(), compile(rule.errorConditionFormula, compileContext(schema, object.name, where), { returnType: 'boolean' }));
      }
      for (const field of object.fields.values()) {
        const key = `${object.name}.${field.name}`.toLowerCase();
        if (field.formula !== undefined) {
          const where = `CustomField ${object.name}.${field.name}`;
          const compiled = compile(field.formula, compileContext(schema, object.name, where), {
            returnType: field.type, treatBlanksAsZero: field.formulaTreatBlanksAsZero,
          });
          this.formulaFields.set(key, compiled);
          // Markup from IMAGE or HYPERLINK: describe and the record page need to know (describe.ts, ui.ts).
          if (compiled.htmlFormatted) field.htmlFormatted = true;
        }
        // Checkbox defaults are plain true/false; other defaults are formulas evaluated on create.
        if (field.defaultValueFormula !== undefined && field.type !== 'boolean' && field.formula === undefined) {
          const where = `CustomField ${object.name}.${field.name} (default value)`;
          this.defaults.set(key, compile(field.defaultValueFormula, compileContext(schema, object.name, where), { returnType: field.type }));
        }
      }
    }
  }

  validationRule(fullName: string): CompiledFormula | undefined {
    return this.validationRules.get(fullName.toLowerCase());
  }

  formulaField(object: string, field: string): CompiledFormula | undefined {
    return this.formulaFields.get(`${object}.${field}`.toLowerCase());
  }

  defaultValue(object: string, field: string): CompiledFormula | undefined {
    return this.defaults.get(`${object}.${field}`.toLowerCase());
  }

  /** How many formulas were compiled, for the load summary. */
  get counts(): { validationRules: number; formulaFields: number; defaults: number } {
    return { validationRules: this.validationRules.size, formulaFields: this.formulaFields.size, defaults: this.defaults.size };
  }
}
