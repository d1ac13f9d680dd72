/**
 * "The flow is active and its entry criteria are reachable", proposed from the flow's start element: the
 * object and trigger type decide the saves (a create; a create then an update for update triggers, "is
 * changed" filters and "only when updated to meet the criteria"); the filters (or the entry formula) decide
 * the values, found by trying values until the criteria hold and every active validation rule of the object
 * lets the saves through. Parents come from the object's master-detail and required lookups (and lookups the
 * criteria or rules need filled), each with the parents it needs in turn.
 */
import { soqlString } from '../../actions/builtins/soql.js';
import { PersonaAccess } from '../persona-access.js';
import type { FlowDef, FlowFilter, ProjectField, SfdxProject } from '../project-model.js';
import { evaluate, FormulaProblem, literalsByName, namesIn, parseFormula, type FormulaNode, type FormulaValue } from './formula.js';
import { combinations, contextOf, personasWhoCreate, planValue, recordModel, Todo, type ApiValue, type RecordModel } from './record-model.js';

type PlanValues = Record<string, string | number | boolean | null>;

export interface ParentProposal {
  object: string;
  values: PlanValues;
  parents?: Record<string, ParentProposal>;
}

export interface FlowProposal {
  flow: FlowDef;
  persona: string;
  trigger: { object: string; create: PlanValues; update?: PlanValues; parents: Record<string, ParentProposal> };
  criteria?: string;
  notes: string[];
  incomplete: boolean;
}

/** The flow's entry criteria as one formula (filters and their logic included); undefined = none. */
export function entryCriteria(flow: FlowDef): FormulaNode | undefined {
  const start = flow.start;
  if (!start) return undefined;
  if (start.filterFormula) return parseFormula(start.filterFormula);
  if (start.filters.length === 0) return undefined;
  const nodes = start.filters.map(filterNode);
  const logic = (start.filterLogic ?? 'and').trim();
  if (/^and$/i.test(logic)) return { type: 'call', name: 'and', args: nodes };
  if (/^or$/i.test(logic)) return { type: 'call', name: 'or', args: nodes };
  // Custom logic such as `(1 OR 2) AND 3`: read as a formula over placeholders, then put the filters in.
  const placeholder = parseFormula(logic.replace(/\bAND\b/gi, '&&').replace(/\bOR\b/gi, '||').replace(/\bNOT\b/gi, '!').replace(/\b(\d+)\b/g, 'filter_$1'));
  const fill = (node: FormulaNode): FormulaNode => {
    if (node.type === 'name' && /^filter_\d+$/.test(node.name)) {
      const filter = nodes[Number(node.name.slice(7)) - 1];
      if (!filter) throw new FormulaProblem(`the filter logic "${logic}" names a filter the flow does not have`);
      return filter;
    }
    return node.type === 'call' ? { ...node, args: node.args.map(fill) } : node;
  };
  return fill(placeholder);
}

function filterNode(filter: FlowFilter): FormulaNode {
  const field: FormulaNode = { type: 'name', name: filter.field };
  const value = filter.value;
  const literal = (): FormulaNode => {
    if (!value) throw new FormulaProblem(`the filter on ${filter.field} has no value`);
    if (value.kind === 'string') return { type: 'literal', value: value.value };
    if (value.kind === 'boolean') return { type: 'literal', value: value.value === 'true' };
    if (value.kind === 'number') return { type: 'literal', value: Number(value.value) };
    throw new FormulaProblem(`the filter on ${filter.field} compares with a ${value.kind} value (${value.value})`);
  };
  const is = value?.kind === 'boolean' ? value.value === 'true' : true;
  const call = (name: string, args: FormulaNode[]): FormulaNode => ({ type: 'call', name, args });
  switch (filter.operator) {
    case 'EqualTo':
      return call('equal', [field, literal()]);
    case 'NotEqualTo':
      return call('unequal', [field, literal()]);
    case 'GreaterThan':
      return call('greaterThan', [field, literal()]);
    case 'GreaterThanOrEqualTo':
      return call('greaterThanOrEqual', [field, literal()]);
    case 'LessThan':
      return call('lessThan', [field, literal()]);
    case 'LessThanOrEqualTo':
      return call('lessThanOrEqual', [field, literal()]);
    case 'StartsWith':
      return call('begins', [field, literal()]);
    case 'Contains':
      return call('contains', [field, literal()]);
    case 'IsNull':
      return is ? call('isblank', [field]) : call('not', [call('isblank', [field])]);
    case 'IsChanged':
      return is ? call('ischanged', [field]) : call('not', [call('ischanged', [field])]);
    default:
      throw new FormulaProblem(`the filter operator ${filter.operator} (on ${filter.field}) is not understood here`);
  }
}

export function proposeFlowCheck(flow: FlowDef, project: SfdxProject, personas: ReadonlyMap<string, PersonaAccess>): FlowProposal {
  const start = flow.start!;
  const object = start.object;
  const notes: string[] = [`${start.triggerType} on ${object} (${start.recordTriggerType ?? 'Create'})${start.requireChange ? ', only when a record is updated to meet the criteria' : ''}`];
  let criteria: FormulaNode | undefined;
  try {
    criteria = entryCriteria(flow);
  } catch (error) {
    notes.push(`its entry criteria could not be read (${(error as Error).message}): fill create/update so a record meets them`);
  }
  const candidates = personasWhoCreate(personas, object);
  if (candidates.length === 0) {
    // Still derive the saves, as someone who may do everything, so that granting access is all that is left.
    const first = [...personas.values()][0];
    const note = `no persona can create ${object} (none of their permission sets grants it): grant one of them access, or this check fails`;
    if (!first) return incomplete(flow, 'sales-rep', [...notes, note]);
    const anyone = new PersonaAccess({ ...first.definition, profile: 'System Administrator', assigned: [] }, project);
    const found = solveTrigger(flow, criteria, project, anyone, [...notes, note]);
    return found ? { ...found, persona: first.persona, incomplete: true } : incomplete(flow, first.persona, [...notes, note]);
  }
  let fallback: FlowProposal | undefined;
  for (const persona of candidates) {
    const found = solveTrigger(flow, criteria, project, persona, notes);
    if (found && !found.incomplete) return found;
    fallback ??= found;
  }
  return fallback ?? incomplete(flow, candidates[0]!.persona, [...notes, 'no saves that reach its entry criteria were found: fill create/update']);
}

function incomplete(flow: FlowDef, persona: string, notes: string[]): FlowProposal {
  return { flow, persona, trigger: { object: flow.start!.object, create: { TODO__c: 'TODO: values that meet the entry criteria' }, parents: {} }, notes, incomplete: true };
}

interface Rules {
  nodes: FormulaNode[];
  names: string[];
}

function activeRules(project: SfdxProject, object: string): Rules {
  const nodes: FormulaNode[] = [];
  for (const rule of project.validationRules.values()) {
    if (!rule.active || rule.object.toLowerCase() !== object.toLowerCase()) continue;
    try {
      nodes.push(parseFormula(rule.formula));
    } catch {
      // A rule whose formula cannot be read cannot be planned around; the check will show if it fires.
    }
  }
  return { nodes, names: [...new Set(nodes.flatMap((n) => namesIn(n)))] };
}

function solveTrigger(flow: FlowDef, criteria: FormulaNode | undefined, project: SfdxProject, persona: PersonaAccess, baseNotes: string[]): FlowProposal | undefined {
  const start = flow.start!;
  const object = start.object;
  const rules = activeRules(project, object);
  const names = [...new Set([...(criteria ? namesIn(criteria) : []), ...rules.names])];
  const literals = new Map<string, FormulaValue[]>();
  for (const node of [...(criteria ? [criteria] : []), ...rules.nodes]) for (const [name, list] of literalsByName(node)) literals.set(name, [...(literals.get(name) ?? []), ...list]);
  const model = withoutBlankRequired(recordModel(project, object, names, persona, literals));
  const notes = [...baseNotes];
  const unknown = criteria ? namesIn(criteria).map((n) => model.unknown.get(n.toLowerCase())).filter((w): w is string => w !== undefined) : [];
  for (const why of unknown) notes.push(`cannot be derived: ${why}`);
  const holds = (node: FormulaNode, now: readonly ApiValue[], before?: readonly ApiValue[]) => {
    try {
      return evaluate(node, contextOf(model, now, before)) === true;
    } catch (error) {
      if (error instanceof FormulaProblem) return undefined;
      throw error;
    }
  };
  const rulesPass = (now: readonly ApiValue[], before?: readonly ApiValue[]) => rules.nodes.every((n) => holds(n, now, before) === false);
  const meets = (now: readonly ApiValue[], before?: readonly ApiValue[]) => (criteria ? holds(criteria, now, before) === true : true);
  const cost = (state: readonly ApiValue[]) => state.reduce<number>((n, v) => n + (v instanceof Todo ? 10 : v === null ? 0 : 1), 0);

  const type = start.recordTriggerType ?? 'Create';
  const createFires = type === 'Create' || type === 'CreateAndUpdate' || type === 'Delete';
  let create: ApiValue[] | undefined;
  let updated: ApiValue[] | undefined;
  if (createFires) {
    for (const state of combinations(model.variables)) {
      if (rulesPass(state) && meets(state) && (!create || cost(state) < cost(create))) create = state;
    }
  }
  if (!create && type !== 'Create' && type !== 'Delete') {
    // Update triggers: a record the rules accept (not yet meeting the criteria when the flow asks for the
    // record to be updated to meet them), then one change (two if one is not enough) that meets them.
    const changes = (from: readonly ApiValue[], depth: number): ApiValue[][] => {
      const single = model.variables.flatMap((v, i) => v.candidates.filter((c) => !sameValue(c, from[i]!)).map((c) => from.map((x, j) => (j === i ? c : x))));
      return depth <= 1 ? single : [...single, ...single.flatMap((s) => changes(s, depth - 1))];
    };
    search: for (const depth of [1, 2]) {
      for (const before of combinations(model.variables, 300)) {
        if (!rulesPass(before) || (start.requireChange && meets(before))) continue;
        for (const after of changes(before, depth)) {
          if (rulesPass(after, before) && meets(after, before)) {
            [create, updated] = [before, after];
            break search;
          }
        }
      }
    }
  }
  if (!create) return undefined;

  const parents: Record<string, ParentProposal> = {};
  const createValues: PlanValues = {};
  const incompleteNotes: string[] = [];
  model.variables.forEach((v, i) => {
    const value = create![i]!;
    if (value instanceof Todo && v.field) parents[v.field.name] = parentFor(project, v.field, persona, 1, incompleteNotes);
    else if (value !== null) createValues[v.apiField] = planValue(value);
  });
  for (const field of requiredParents(project, object)) {
    if (!parents[field.name] && createValues[field.name] === undefined) parents[field.name] = parentFor(project, field, persona, 1, incompleteNotes);
  }
  let update: PlanValues | undefined;
  if (updated) {
    update = {};
    model.variables.forEach((v, i) => {
      if (!sameValue(create![i]!, updated![i]!)) update![v.apiField] = planValue(updated![i]!);
    });
  }
  const text = JSON.stringify([createValues, update, parents]);
  const allNotes = [...notes, ...incompleteNotes];
  return {
    flow,
    persona: persona.persona,
    trigger: { object, create: createValues, ...(update ? { update } : {}), parents },
    criteria: criteria ? criteriaSoql(criteria, model, updated ?? create) : undefined,
    notes: allNotes,
    incomplete: unknown.length > 0 || text.includes('TODO:') || incompleteNotes.length > 0,
  };
}

/** Required fields cannot be saved blank: their blank candidate goes. */
function withoutBlankRequired(model: RecordModel): RecordModel {
  return { ...model, variables: model.variables.map((v) => (v.field?.required && v.candidates.length > 1 ? { ...v, candidates: v.candidates.filter((c) => c !== null) } : v)) };
}

function requiredParents(project: SfdxProject, object: string): ProjectField[] {
  const fields = [...(project.objects.get(object.toLowerCase())?.fields.values() ?? [])];
  return fields.filter((f) => f.referenceTo && (f.type === 'MasterDetail' || (f.type === 'Lookup' && f.required)));
}

/** A parent the persona creates first: values its rules accept, and the parents it needs in turn. */
function parentFor(project: SfdxProject, field: ProjectField, persona: PersonaAccess, depth: number, notes: string[]): ParentProposal {
  const object = field.referenceTo!;
  if (!persona.objectAccess(object).create) notes.push(`${persona.persona} cannot create ${object}, the parent ${field.name} needs`);
  if (depth > 3) {
    notes.push(`${object} for ${field.name}: parents nested deeper than three are left to the team`);
    return { object, values: { TODO__c: 'TODO: a parent record' } };
  }
  return recordFor(project, object, persona, depth, notes);
}

/** Values of a new `object` its validation rules accept, with the parents it needs (each created first). */
export function recordFor(project: SfdxProject, object: string, persona: PersonaAccess, depth: number, notes: string[]): ParentProposal {
  const rules = activeRules(project, object);
  const model = withoutBlankRequired(recordModel(project, object, rules.names, persona, new Map()));
  const passes = (state: readonly ApiValue[]) =>
    rules.nodes.every((node) => {
      try {
        return evaluate(node, contextOf(model, state, undefined)) === false;
      } catch {
        return false;
      }
    });
  let chosen: ApiValue[] | undefined;
  for (const state of combinations(model.variables)) {
    const todos = state.filter((v) => v instanceof Todo).length;
    if (passes(state) && (!chosen || todos < chosen.filter((v) => v instanceof Todo).length)) chosen = state;
  }
  if (!chosen) notes.push(`no values of ${object} pass its validation rules`);
  const values: PlanValues = {};
  const parents: Record<string, ParentProposal> = {};
  model.variables.forEach((v, i) => {
    const value = chosen?.[i] ?? null;
    if (value instanceof Todo && v.field) parents[v.field.name] = parentFor(project, v.field, persona, depth + 1, notes);
    else if (value !== null) values[v.apiField] = planValue(value);
  });
  for (const required of requiredParents(project, object)) {
    if (!parents[required.name]) parents[required.name] = parentFor(project, required, persona, depth + 1, notes);
  }
  return Object.keys(parents).length > 0 ? { object, values, parents } : { object, values };
}

function sameValue(a: ApiValue, b: ApiValue): boolean {
  if (a instanceof Todo || b instanceof Todo) return a instanceof Todo && b instanceof Todo;
  return a === b;
}

/**
 * The part of the criteria SOQL can state about the saved record: the top-level conditions that hold for it
 * (the chosen branch of an OR), where each is a plain comparison of a field with a value. "Is changed" has
 * no SOQL form; the update itself meets it.
 */
function criteriaSoql(criteria: FormulaNode, model: RecordModel, state: readonly ApiValue[]): string | undefined {
  const conjuncts = criteria.type === 'call' && criteria.name === 'and' ? criteria.args : [criteria];
  const holds = (node: FormulaNode) => {
    try {
      return evaluate(node, contextOf(model, state, undefined)) === true;
    } catch {
      return false;
    }
  };
  const parts: string[] = [];
  for (const conjunct of conjuncts) {
    const options = conjunct.type === 'call' && conjunct.name === 'or' ? conjunct.args : [conjunct];
    for (const option of options) {
      const soql = soqlOf(option);
      if (soql && holds(option)) {
        parts.push(soql);
        break;
      }
    }
  }
  return parts.length > 0 ? parts.join(' AND ') : undefined;
}

const SOQL_OPERATORS: Record<string, string> = {
  equal: '=',
  unequal: '!=',
  greaterThan: '>',
  greaterThanOrEqual: '>=',
  lessThan: '<',
  lessThanOrEqual: '<=',
  ispickval: '=',
};

function soqlOf(node: FormulaNode): string | undefined {
  const field = (n: FormulaNode | undefined) => (n?.type === 'name' && !n.name.startsWith('$') ? n.name : undefined);
  const literal = (n: FormulaNode | undefined): string | undefined => {
    if (n?.type !== 'literal') return undefined;
    if (typeof n.value === 'string') return soqlString(n.value);
    if (typeof n.value === 'number' || typeof n.value === 'boolean') return String(n.value);
    return undefined;
  };
  if (node.type === 'name') return field(node) ? `${node.name} = true` : undefined;
  if (node.type !== 'call') return undefined;
  if (node.name === 'not' && node.args[0]?.type === 'name') return field(node.args[0]) ? `${node.args[0].name} = false` : undefined;
  if (node.name === 'not' && node.args[0]?.type === 'call' && node.args[0].name === 'isblank') {
    const name = field(node.args[0].args[0]);
    return name ? `${name} != null` : undefined;
  }
  if (node.name === 'isblank') {
    const name = field(node.args[0]);
    return name ? `${name} = null` : undefined;
  }
  const operator = SOQL_OPERATORS[node.name];
  const name = field(node.args[0]);
  const value = literal(node.args[1]);
  return operator && name && value !== undefined ? `${name} ${operator} ${value}` : undefined;
}
