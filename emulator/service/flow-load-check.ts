/**
 * Flows checked at org load against what the formula engine can compile and what the org evaluates, so
 * that the load summary names what a flow will not do before a save meets it: a flow formula the engine
 * cannot compile faults the flow when it is evaluated (as an unknown global does: a blank value could send
 * the flow down the wrong path silently, so the interview never guesses one), and a flow that reads a
 * formula field left unevaluated reads it as null. Both are listed as degraded. What the flow holds
 * is read by the flow room (emulator/flows/load-check.ts) and passed in, so that this room stays out of it.
 */
import { FormulaError } from '../formula/formula-error.js';
import { MetadataError } from '../metadata/metadata-error.js';
import type { FlowDef, LoadProblem, OrgSchema } from '../metadata/types.js';
import { compileContext, type CompileFormulaFn } from './formula-context.js';
import { fieldAtPath, trackingContext, triageFormulaFailure, type LoadGaps } from './formula-triage.js';

/** What the flow room reads out of a flow for this check. */
export interface FlowInspector {
  /** Formula-engine source of every formula the flow evaluates, by resource name (`Start` for the entry formula). */
  formulas(flow: FlowDef): { name: string; source: string }[];
  /** `$Record` field paths the flow reads (`Account.Name`). */
  recordFieldsRead(flow: FlowDef): string[];
}

export function checkFlows(
  schema: OrgSchema, inspector: FlowInspector, compile: CompileFormulaFn, gaps: LoadGaps,
): { degraded: LoadProblem[]; errors: MetadataError[] } {
  const degraded: LoadProblem[] = [];
  const errors: MetadataError[] = [];
  for (const flow of schema.flows.values()) {
    const component = `Flow ${flow.apiName}`;
    const unevaluated = new Set<string>();
    const readsUnevaluated = (path: string[]): void => {
      const field = flow.object ? fieldAtPath(schema, flow.object, path) : undefined;
      if (field?.formulaNotEvaluated !== undefined) unevaluated.add(`${flow.object ?? ''}.${path.join('.')}`);
    };
    for (const { name, source } of inspector.formulas(flow)) {
      const tracked = trackingContext(compileContext(schema, flow.object, `${component}.${name}`));
      try {
        for (const path of compile(source, tracked.ctx, {}).references) readsUnevaluated(path);
      } catch (error) {
        if (!(error instanceof FormulaError)) throw error;
        const verdict = triageFormulaFailure(schema, flow.object ?? '', error.problem, tracked.unknownPath(), gaps);
        if (verdict.kind === 'error') errors.push(new MetadataError(flow.source, `${component}.${name}: ${verdict.problem}`));
        if (verdict.kind === 'degraded') {
          degraded.push({
            file: flow.source, component, unsupported: `formula ${name}: ${verdict.unsupported}`,
            fallback: name === 'Start'
              ? 'the flow faults when it checks its entry formula (the triggering save fails)'
              : 'the flow faults when it evaluates the formula (a fault path runs if there is one, else the triggering save fails)',
          });
        }
      }
    }
    for (const path of inspector.recordFieldsRead(flow)) readsUnevaluated(path.split('.'));
    for (const field of unevaluated) {
      degraded.push({ file: flow.source, component, unsupported: `reads ${field}, which is not evaluated`, fallback: 'the flow reads it as null' });
    }
  }
  return { degraded, errors };
}
