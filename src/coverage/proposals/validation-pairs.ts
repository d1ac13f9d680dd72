/**
 * A legitimate / illegitimate save pair for a validation rule, found by trying values: the fields the rule
 * reads get the values worth trying (its literals and their neighbours, the picklist's values, blanks), and
 * the proposal keeps a legitimate record every active rule of the object lets through, plus the smallest
 * change to it that this rule (and no other) refuses. A rule that judges a change (ISCHANGED, PRIORVALUE,
 * NOT(ISNEW())) gets a create, a legitimate update and a refused further update instead. What cannot be
 * derived (a related record's field, a formula field, a parent's id) is left as a TODO value with the reason.
 */
import type { PersonaAccess } from '../persona-access.js';
import type { SfdxProject, ValidationRuleDef } from '../project-model.js';
import { evaluate, FormulaProblem, judgesChange, literalsByName, namesIn, parseFormula, type FormulaNode, type FormulaValue } from './formula.js';
import { combinations, contextOf, personasWhoCreate, planValue, recordModel, Todo, type ApiValue, type RecordModel } from './record-model.js';

export interface ValidationProposal {
  rule: ValidationRuleDef;
  persona: string;
  values: Record<string, string | number | boolean | null>;
  update?: Record<string, string | number | boolean | null>;
  refused?: Record<string, string | number | boolean | null>;
  /** What the rule reads, and what a reviewer must fill or know. */
  notes: string[];
  /** True when values still hold TODO text or the refused twin is missing. */
  incomplete: boolean;
}

interface CompiledRule {
  rule: ValidationRuleDef;
  node?: FormulaNode;
  problem?: string;
}

export function proposeValidationPair(rule: ValidationRuleDef, project: SfdxProject, personas: ReadonlyMap<string, PersonaAccess>): ValidationProposal {
  const compiled = compile(rule);
  const others = [...project.validationRules.values()].filter((r) => r.active && r !== rule && r.object.toLowerCase() === rule.object.toLowerCase()).map(compile);
  const reads = compiled.node ? namesIn(compiled.node) : [];
  const baseNotes = [`reads ${reads.join(', ') || 'nothing it could name'}`];
  const candidates = personasWhoCreate(personas, rule.object);
  if (!compiled.node) {
    return todoProposal(rule, candidates[0]?.persona ?? 'sales-rep', [...baseNotes, `its formula could not be read (${compiled.problem}): fill values and refused.values`]);
  }
  if (candidates.length === 0) {
    return todoProposal(rule, [...personas.keys()][0] ?? 'sales-rep', [...baseNotes, `no persona can create ${rule.object}: choose one and fill the values`]);
  }
  let fallback: ValidationProposal | undefined;
  for (const persona of candidates) {
    const found = solveFor(compiled as Required<Pick<CompiledRule, 'node'>> & CompiledRule, others, project, persona, baseNotes);
    if (found && found.refused && !found.incomplete) return found;
    fallback ??= found;
  }
  return fallback ?? todoProposal(rule, candidates[0]!.persona, [...baseNotes, 'no values the rule lets through were found: fill values and refused.values']);
}

function compile(rule: ValidationRuleDef): CompiledRule {
  try {
    return { rule, node: parseFormula(rule.formula) };
  } catch (error) {
    return { rule, problem: (error as Error).message };
  }
}

function todoProposal(rule: ValidationRuleDef, persona: string, notes: string[]): ValidationProposal {
  return { rule, persona, values: { TODO__c: 'TODO: values of a legitimate save' }, refused: { TODO__c: 'TODO: the values this rule refuses' }, notes, incomplete: true };
}

function solveFor(target: CompiledRule & { node: FormulaNode }, others: CompiledRule[], project: SfdxProject, persona: PersonaAccess, baseNotes: string[]): ValidationProposal | undefined {
  const nodes = [target.node, ...others.flatMap((o) => (o.node ? [o.node] : []))];
  const names = [...new Set(nodes.flatMap((n) => namesIn(n)))];
  const literals = new Map<string, FormulaValue[]>();
  for (const node of nodes) for (const [name, values] of literalsByName(node)) literals.set(name, [...(literals.get(name) ?? []), ...values]);
  const model = recordModel(project, target.rule.object, names, persona, literals);
  const fires = (node: FormulaNode, now: readonly ApiValue[], before?: readonly ApiValue[]): boolean | undefined => {
    try {
      return evaluate(node, contextOf(model, now, before)) === true;
    } catch (error) {
      if (error instanceof FormulaProblem) return undefined;
      throw error;
    }
  };
  const othersPass = (now: readonly ApiValue[], before?: readonly ApiValue[]) => others.every((o) => !o.node || fires(o.node, now, before) === false);
  const unknownNotes = [...model.unknown.values()].filter((why) => namesIn(target.node).some((n) => why.startsWith(`${n}:`)));
  const notes = [...baseNotes, ...unknownNotes.map((why) => `cannot be derived: ${why}`)];
  const readsByTarget = new Set(namesIn(target.node).map((n) => n.toLowerCase()));
  const meaningful = (state: readonly ApiValue[]) =>
    model.variables.reduce((n, v, i) => n + (v.names.some((name) => readsByTarget.has(name.toLowerCase())) && state[i] !== null && !(state[i] instanceof Todo) ? 1 : 0), 0);
  const todos = (state: readonly ApiValue[]) => state.filter((v) => v instanceof Todo).length;

  if (!judgesChange(target.node)) {
    const legitStates: ApiValue[][] = [];
    const refusedStates: ApiValue[][] = [];
    for (const state of combinations(model.variables)) {
      const verdict = fires(target.node, state);
      if (verdict === undefined || !othersPass(state)) continue;
      (verdict ? refusedStates : legitStates).push(state);
    }
    // The pair a reviewer reads at a glance: the refused record is the legitimate one with the fewest
    // changes (none to blank where a value will do), the legitimate one sets as much of what the rule reads
    // as it can, and neither needs a TODO where another would not.
    let best: { legit: ApiValue[]; refused?: ApiValue[]; score: number } | undefined;
    for (const legit of legitStates.slice(0, 3000)) {
      const base = todos(legit) * 1000 - meaningful(legit);
      if (refusedStates.length === 0) {
        if (!best || base < best.score) best = { legit, score: base };
        continue;
      }
      for (const refused of refusedStates.slice(0, 3000)) {
        const changes = refused.reduce<number>((n, v, i) => n + changeCost(legit[i]!, v), 0);
        const score = changes * 100 + todos(refused) * 1000 + base;
        if (!best || score < best.score) best = { legit, refused, score };
      }
    }
    if (!best) return undefined;
    return proposal(target.rule, persona, model, best.legit, undefined, best.refused, notes);
  }

  // A rule on changes: create a record every rule accepts, update it legitimately, then try the refused change.
  // Changes to a value come before changes to blank: a blank is rarely what a person saves.
  const singleChanges = (from: readonly ApiValue[]): ApiValue[][] =>
    model.variables.flatMap((v, i) =>
      [...v.candidates.filter((c) => c !== null), null].filter((c) => !same(c, from[i]!)).map((c) => from.map((x, j) => (j === i ? c : x))),
    );
  let fallback: { create: ApiValue[]; update: ApiValue[] } | undefined;
  let checked = 0;
  for (const create of combinations(model.variables, 400)) {
    if (todos(create) > 0 || fires(target.node, create) !== false || !othersPass(create)) continue;
    for (const updated of singleChanges(create)) {
      if (++checked > 50_000) break;
      if (fires(target.node, updated, create) !== false || !othersPass(updated, create)) continue;
      fallback ??= { create, update: updated };
      const refused = singleChanges(updated).find((next) => fires(target.node, next, updated) === true && othersPass(next, updated));
      if (refused) return proposal(target.rule, persona, model, create, updated, refused, notes);
    }
  }
  if (!fallback) return undefined;
  return proposal(target.rule, persona, model, fallback.create, fallback.update, undefined, notes);
}

/** A change to a value costs less than a change to blank; between numbers, a small step less than a big one. */
function changeCost(from: ApiValue, to: ApiValue): number {
  if (same(from, to)) return 0;
  if (to === null) return 3;
  if (from === null) return 2.95;
  if (typeof from === 'number' && typeof to === 'number') return 2 + Math.abs(to - from) / (Math.abs(to - from) + 1);
  return 2;
}

function same(a: ApiValue, b: ApiValue): boolean {
  if (a instanceof Todo || b instanceof Todo) return a instanceof Todo && b instanceof Todo;
  return a === b;
}

function proposal(
  rule: ValidationRuleDef,
  persona: PersonaAccess,
  model: RecordModel,
  create: readonly ApiValue[],
  updated: readonly ApiValue[] | undefined,
  refused: readonly ApiValue[] | undefined,
  notes: string[],
): ValidationProposal {
  const values: ValidationProposal['values'] = {};
  model.variables.forEach((v, i) => {
    if (create[i] !== null && create[i] !== undefined) values[v.apiField] = planValue(create[i]!);
  });
  const diff = (from: readonly ApiValue[], to: readonly ApiValue[]) => {
    const out: Record<string, string | number | boolean | null> = {};
    model.variables.forEach((v, i) => {
      if (!same(from[i] ?? null, to[i] ?? null)) out[v.apiField] = planValue(to[i] ?? null);
    });
    return out;
  };
  const update = updated ? diff(create, updated) : undefined;
  const refusedValues = refused ? diff(updated ?? create, refused) : undefined;
  const allNotes = [...notes];
  if (!refused) {
    const fixed = namesIn(parseFormula(rule.formula)).filter((name) => model.fixed.has(name.toLowerCase()) && !name.startsWith('$'));
    allNotes.push(
      `no save ${persona.persona} can make fires this rule${fixed.length ? ` (it depends on ${fixed.join(', ')}, which ${persona.persona} cannot set on this record)` : ''}: the refused twin is left out`,
    );
  }
  const text = JSON.stringify([values, update, refusedValues]);
  return {
    rule,
    persona: persona.persona,
    values,
    update,
    refused: refusedValues,
    notes: allNotes,
    incomplete: !refused || text.includes('TODO:'),
  };
}
