/**
 * Every formula of the org compiled once at load: validation rules, formula fields and default values.
 *
 * A formula the engine cannot compile does not stop the load (formula-triage.ts): a formula field then
 * reads null, a validation rule is not enforced, a default value is not applied, and each is listed in
 * `degraded` (and marked on its def, so that describe can say so). So is every formula that reads a field
 * left unevaluated, since its value would be computed from a null that is not the org's. A reference to a
 * custom field the project does not declare is in `errors`: a deploy would reject it too.
 */
import type { CompiledFormula } from '../contracts.js';
import { FormulaError } from '../formula/formula-error.js';
import { MetadataError } from '../metadata/metadata-error.js';
import type { FieldDef, LoadProblem, OrgSchema, SObjectDef, ValidationRuleDef } from '../metadata/types.js';
import { compileContext, type CompileFormulaFn } from './formula-context.js';
import { fieldAtPath, NO_GAPS, trackingContext, triageFormulaFailure, type LoadGaps } from './formula-triage.js';
import { rollupSourceFields, rollupSourceVerdict } from './rollup-sources.js';

/** What the emulator does instead, by kind of formula (the load summary's words). */
const FALLBACK = {
  formulaField: 'reads null',
  validationRule: 'not enforced',
  defaultValue: 'not applied: new records get no default',
  rollup: 'not recalculated: keeps its initial value (0 for COUNT and SUM, blank for MIN and MAX)',
  rollupAsUser: 'recalculated as the user whose save of a detail record triggers it',
} as const;

type FormulaKind = 'formulaField' | 'validationRule' | 'defaultValue';

export class FormulaRegistry {
  /** Components degraded by their formulas, in load order. */
  readonly degraded: LoadProblem[] = [];
  /** References a deploy would reject too (a custom field the project does not declare). */
  readonly errors: MetadataError[] = [];

  private readonly validationRules = new Map<string, CompiledFormula>();
  private readonly formulaFields = new Map<string, CompiledFormula>();
  private readonly defaults = new Map<string, CompiledFormula>();

  constructor(private readonly schema: OrgSchema, private readonly compile: CompileFormulaFn, private readonly gaps: LoadGaps = NO_GAPS) {
    for (const object of schema.objects.values()) {
      for (const rule of object.validationRules) {
        const compiled = this.tryCompile('validationRule', object, rule.source, `ValidationRule ${rule.fullName}`, rule.errorConditionFormula, { returnType: 'boolean' },
          (why) => { rule.notEnforced = why; });
        if (compiled) this.validationRules.set(rule.fullName.toLowerCase(), compiled);
      }
      for (const field of object.fields.values()) {
        const key = `${object.name}.${field.name}`.toLowerCase();
        if (field.formula !== undefined) {
          const compiled = this.tryCompile('formulaField', object, field.source, `CustomField ${object.name}.${field.name}`, field.formula,
            { returnType: field.type, treatBlanksAsZero: field.formulaTreatBlanksAsZero }, (why) => { field.formulaNotEvaluated = why; });
          if (compiled) {
            this.formulaFields.set(key, compiled);
            // Markup from IMAGE or HYPERLINK: describe and the record page need to know (describe.ts, ui.ts).
            if (compiled.htmlFormatted) field.htmlFormatted = true;
          }
        }
        // Checkbox defaults are plain true/false; other defaults are formulas evaluated on create.
        if (field.defaultValueFormula !== undefined && field.type !== 'boolean' && field.formula === undefined) {
          const compiled = this.tryCompile('defaultValue', object, field.source, `CustomField ${object.name}.${field.name} (default value)`, field.defaultValueFormula,
            { returnType: field.type }, (why) => { field.defaultNotApplied = why; });
          if (compiled) this.defaults.set(key, compiled);
        }
      }
    }
    this.checkRollupSources();
    this.degradeDependents();
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

  /** Compiles one formula; a failure is degraded (`mark` records why on the def) or an error, never thrown. */
  private tryCompile(
    kind: FormulaKind, object: SObjectDef, file: string, component: string, source: string,
    options: Parameters<CompileFormulaFn>[2], mark: (why: string) => void,
  ): CompiledFormula | undefined {
    const tracked = trackingContext(compileContext(this.schema, object.name, component));
    try {
      return this.compile(source, tracked.ctx, options);
    } catch (error) {
      if (!(error instanceof FormulaError)) throw error;
      const verdict = triageFormulaFailure(this.schema, object.name, error.problem, tracked.unknownPath(), this.gaps);
      if (verdict.kind === 'error') this.errors.push(new MetadataError(file, `${component}: ${verdict.problem}`));
      if (verdict.kind === 'degraded') {
        mark(verdict.unsupported);
        this.degraded.push({ file, component, unsupported: verdict.unsupported, fallback: FALLBACK[kind] });
      }
      return undefined;
    }
  }

  /**
   * A formula that reads a field left unevaluated would compute from a null that is not the org's value,
   * so it is degraded too; formula fields reading formula fields chain, so this runs until nothing changes.
   */
  private degradeDependents(): void {
    const unevaluatedRead = (object: SObjectDef, compiled: CompiledFormula): string | undefined => {
      for (const path of compiled.references) {
        const field = fieldAtPath(this.schema, object.name, path);
        if (field?.formulaNotEvaluated !== undefined) return `reads ${qualified(object, path)}, which is not evaluated`;
        if (field?.rollupNotComputed !== undefined) return `reads ${qualified(object, path)}, which is not recalculated`;
      }
      return undefined;
    };
    const formulaFieldsOf = (object: SObjectDef): FieldDef[] => [...object.fields.values()].filter((f) => this.formulaFields.has(`${object.name}.${f.name}`.toLowerCase()));
    let changed = true;
    while (changed) {
      changed = false;
      for (const object of this.schema.objects.values()) {
        for (const field of formulaFieldsOf(object)) {
          const key = `${object.name}.${field.name}`.toLowerCase();
          const why = unevaluatedRead(object, this.formulaFields.get(key)!);
          if (!why) continue;
          this.formulaFields.delete(key);
          field.formulaNotEvaluated = why;
          this.degraded.push({ file: field.source, component: `CustomField ${object.name}.${field.name}`, unsupported: why, fallback: FALLBACK.formulaField });
          changed = true;
        }
        // A roll-up of a formula left unevaluated cannot be recalculated, and what reads that roll-up is degraded in turn.
        for (const field of object.fields.values()) {
          if (!field.rollup || field.rollupNotComputed !== undefined) continue;
          const why = this.unevaluatedRollupSource(field);
          if (!why) continue;
          field.rollupNotComputed = why;
          this.degraded.push({ file: field.source, component: `CustomField ${object.name}.${field.name}`, unsupported: why, fallback: FALLBACK.rollup });
          changed = true;
        }
      }
    }
    for (const object of this.schema.objects.values()) {
      for (const rule of object.validationRules) this.degradeRuleIfReadsUnevaluated(object, rule, unevaluatedRead);
      for (const field of object.fields.values()) {
        const key = `${object.name}.${field.name}`.toLowerCase();
        const compiled = this.defaults.get(key);
        const why = compiled && unevaluatedRead(object, compiled);
        if (!why) continue;
        this.defaults.delete(key);
        field.defaultNotApplied = why;
        this.degraded.push({ file: field.source, component: `CustomField ${object.name}.${field.name} (default value)`, unsupported: why, fallback: FALLBACK.defaultValue });
      }
    }
  }

  /**
   * Roll-ups of formula fields (rollup-sources.ts): one a real deploy refuses (the formula reads another
   * record, or NOW/TODAY/TIMENOW) is an error; one whose formula reads a global variable is loaded, computed
   * as the saving user, and listed as degraded.
   */
  private checkRollupSources(): void {
    for (const object of this.schema.objects.values()) {
      for (const field of object.fields.values()) {
        const sources = field.rollup ? rollupSourceFields(this.schema, field) : undefined;
        if (!sources) continue;
        const component = `CustomField ${object.name}.${field.name}`;
        for (const source of sources.fields) {
          const verdict = rollupSourceVerdict(sources.child, source, (o, f) => this.formulaField(o, f));
          if (verdict.kind === 'refused') {
            this.errors.push(new MetadataError(field.source, `${component}: a roll-up summary cannot summarize or filter on ${sources.child.name}.${source.name}: ${verdict.problem}`));
            break;
          }
          if (verdict.kind === 'unsure') {
            this.degraded.push({
              file: field.source, component,
              unsupported: `summarizes a formula field: ${verdict.reads} ([UNVERIFIED] whether a real deploy accepts a roll-up of it)`,
              fallback: FALLBACK.rollupAsUser,
            });
            break;
          }
        }
      }
    }
  }

  /** Why a roll-up cannot be recalculated: a formula field it reads is not evaluated (undefined when it can). */
  private unevaluatedRollupSource(field: FieldDef): string | undefined {
    const sources = rollupSourceFields(this.schema, field);
    for (const source of sources?.fields ?? []) {
      const verdict = rollupSourceVerdict(sources!.child, source, (o, f) => this.formulaField(o, f));
      if (verdict.kind === 'notEvaluated') return `summarizes ${sources!.child.name}.${source.name}: ${verdict.why}`;
    }
    return undefined;
  }

  private degradeRuleIfReadsUnevaluated(object: SObjectDef, rule: ValidationRuleDef, unevaluatedRead: (o: SObjectDef, c: CompiledFormula) => string | undefined): void {
    const key = rule.fullName.toLowerCase();
    const compiled = this.validationRules.get(key);
    const why = compiled && unevaluatedRead(object, compiled);
    if (!why) return;
    this.validationRules.delete(key);
    rule.notEnforced = why;
    this.degraded.push({ file: rule.source, component: `ValidationRule ${rule.fullName}`, unsupported: why, fallback: FALLBACK.validationRule });
  }
}

/** `Project__c.End_Date__c` for a path on the formula's own object; a `$User.X` path as written. */
function qualified(object: SObjectDef, path: readonly string[]): string {
  return (path[0] ?? '').startsWith('$') ? path.join('.') : `${object.name}.${path.join('.')}`;
}
