/**
 * A record as formulas see it when the proposals look for values: which names a persona can set (with the
 * values worth trying for each), which are fixed for that persona (`$User.Department`, `$Permission.X`,
 * a roll-up on a new record), and which cannot be known without the org (formula fields, related records).
 * Values are kept as the API takes them (`10` for 10%, `{{today+7}}` for a date) and converted to what a
 * formula reads (`0.10`, a date) only to evaluate.
 */
import { VERIFYING_PERSONAS } from '../../config/personas.js';
import { isWritable, profileLabelOf, type PersonaAccess } from '../persona-access.js';
import { fieldOf, type ProjectField, type SfdxProject } from '../project-model.js';
import { Day, FormulaProblem, type EvaluationContext, type FormulaValue } from './formula.js';

/** A value the project cannot give (a parent record's id): written into the proposal as a TODO. */
export class Todo {
  constructor(readonly text: string) {}
}

export type ApiValue = string | number | boolean | null | Todo;

export interface Variable {
  /** The names formulas read it by (`Status`; `RecordType.DeveloperName` and `$RecordType.DeveloperName`). */
  names: string[];
  /** The field the plan entry sets (`Status`, `RecordTypeId`). */
  apiField: string;
  field?: ProjectField;
  candidates: ApiValue[];
  /** Percent fields hold 10 for 10% on the API; formulas read 0.10. */
  percent: boolean;
  /** A record type: formulas read its developer name. */
  recordType: boolean;
}

export interface RecordModel {
  object: string;
  variables: Variable[];
  fixed: Map<string, FormulaValue>;
  /** Names no value can be found for, with why. */
  unknown: Map<string, string>;
}

/**
 * Salesforce's default values of the standard picklists rules most often read (a project states standard
 * picklists only when it changes them).
 */
const STANDARD_PICKLISTS: Readonly<Record<string, string[]>> = {
  'case.status': ['New', 'Working', 'Escalated', 'Closed'],
  'case.origin': ['Phone', 'Email', 'Web'],
  'case.priority': ['High', 'Medium', 'Low'],
  'opportunity.stagename': ['Prospecting', 'Qualification', 'Needs Analysis', 'Value Proposition', 'Negotiation/Review', 'Closed Won', 'Closed Lost'],
  'lead.status': ['Open - Not Contacted', 'Working - Contacted', 'Closed - Converted', 'Closed - Not Converted'],
};

const DATE_OFFSETS = [7, 30, 0, -1];

export function dateToken(offset: number): string {
  return offset === 0 ? '{{today}}' : `{{today${offset > 0 ? '+' : ''}${offset}}}`;
}

function sampleText(name: string, type: string): string {
  if (type === 'Phone' || /phone/i.test(name)) return '+44 20 7946 0001';
  if (type === 'Email' || /email/i.test(name)) return 'postflight@example.com';
  if (type === 'Url' || /url|website/i.test(name)) return 'https://example.com';
  return 'Postflight check';
}

/** Candidate values for a field, given the literals formulas compare it with. */
export function candidatesFor(object: string, name: string, field: ProjectField | undefined, literals: readonly FormulaValue[]): { candidates: ApiValue[]; percent: boolean } {
  const type = field?.type ?? (STANDARD_PICKLISTS[`${object}.${name}`.toLowerCase()] ? 'Picklist' : guessType(literals));
  const unique = (values: ApiValue[]) => [...new Map(values.map((v) => [v instanceof Todo ? `todo:${v.text}` : JSON.stringify(v), v])).values()];
  const numbers = literals.filter((l): l is number => typeof l === 'number');
  const texts = literals.filter((l): l is string => typeof l === 'string');
  switch (type) {
    case 'Checkbox':
      return { candidates: [false, true], percent: false };
    case 'Picklist':
    case 'MultiselectPicklist': {
      const standard = field ? undefined : STANDARD_PICKLISTS[`${object}.${name}`.toLowerCase()];
      // A standard picklist such as Case Status is never blank: a new record takes its first value.
      if (standard) return { candidates: unique([...standard, ...texts]), percent: false };
      return { candidates: unique([null, ...(field?.picklistValues ?? []).slice(0, 6), ...texts]), percent: false };
    }
    case 'Number':
    case 'Currency':
    case 'Percent': {
      const scale = type === 'Percent' ? 100 : 1;
      const around = numbers.flatMap((n) => [n * scale - 1, n * scale, n * scale + 1]).map((n) => Math.round(n * 1e6) / 1e6);
      return { candidates: unique([null, 0, 1, ...around]), percent: type === 'Percent' };
    }
    case 'Date': {
      const offsets = [...DATE_OFFSETS, ...literals.filter((l): l is Day => l instanceof Day).flatMap((d) => [d.offset - 1, d.offset, d.offset + 1])];
      return { candidates: unique([null, ...offsets.map(dateToken)]), percent: false };
    }
    case 'DateTime':
      // The plan's tokens are dates; a date-time value is left to the team.
      return { candidates: [null], percent: false };
    case 'Lookup':
    case 'MasterDetail':
    case 'Hierarchy':
      return { candidates: [null, new Todo(`the id of an existing ${field?.referenceTo ?? 'parent'} record`)], percent: false };
    default:
      return { candidates: unique([null, ...texts, sampleText(name, type), 'Postflight check']), percent: false };
  }
}

function guessType(literals: readonly FormulaValue[]): string {
  if (literals.some((l) => typeof l === 'number')) return 'Number';
  if (literals.some((l) => typeof l === 'boolean')) return 'Checkbox';
  if (literals.some((l) => l instanceof Day)) return 'Date';
  return 'Text';
}

/** The model of `object`'s records for formulas reading `names`, as `persona` can save them. */
export function recordModel(
  project: SfdxProject,
  object: string,
  names: readonly string[],
  persona: PersonaAccess,
  literals: ReadonlyMap<string, FormulaValue[]>,
): RecordModel {
  const model: RecordModel = { object, variables: [], fixed: new Map(), unknown: new Map() };
  const literalsOf = (name: string) => literals.get(name) ?? [];
  for (const name of names) {
    const key = name.toLowerCase();
    if (model.fixed.has(key) || model.unknown.has(key) || model.variables.some((v) => v.names.some((n) => n.toLowerCase() === key))) continue;
    const [head = '', ...rest] = name.split('.');
    const tail = rest.join('.');
    if (/^\$user$/i.test(head)) {
      const value = Object.entries(persona.definition.user).find(([k]) => k.toLowerCase() === tail.toLowerCase())?.[1];
      if (value === undefined) model.unknown.set(key, `${name}: ${persona.persona}'s user definition has no ${tail}`);
      else model.fixed.set(key, value);
    } else if (/^\$profile$/i.test(head)) {
      model.fixed.set(key, tail.toLowerCase() === 'name' ? profileLabelOf(persona.definition.profile) : null);
    } else if (/^\$userrole$/i.test(head)) {
      const role = persona.definition.user.role ?? persona.definition.user.UserRoleName ?? null;
      model.fixed.set(key, role);
    } else if (/^\$permission$/i.test(head)) {
      model.fixed.set(key, persona.containers.some((c) => [...c.customPermissions].some((p) => p.toLowerCase() === tail.toLowerCase())));
    } else if (/^\$setup$/i.test(head)) {
      // No custom setting rows are known: the field's default, as a user without a row of their own reads it.
      const [setting = '', field = ''] = rest;
      const def = fieldOf(project, setting, field);
      model.fixed.set(key, def?.type === 'Checkbox' ? def.defaultValue === 'true' : (def?.defaultValue ?? null));
    } else if (/^\$?recordtype$/i.test(head)) {
      const existing = model.variables.find((v) => v.recordType);
      if (existing) existing.names.push(name);
      else {
        const types = [...project.recordTypes.values()].filter((rt) => rt.object.toLowerCase() === object.toLowerCase() && rt.active && persona.recordTypeVisible(object, rt.name));
        if (types.length === 0) model.fixed.set(key, null);
        else model.variables.push({ names: [name], apiField: 'RecordTypeId', candidates: types.map((rt) => rt.name), percent: false, recordType: true });
      }
    } else if (head.startsWith('$')) {
      model.unknown.set(key, `${name}: the global ${head} is not known before the org runs it`);
    } else if (rest.length > 0) {
      model.unknown.set(key, `${name}: a field of a related record`);
    } else {
      const field = fieldOf(project, object, name);
      if (field?.formula) model.unknown.set(key, `${name}: a formula field`);
      else if (field && field.type === 'Summary') model.fixed.set(key, 0); // a new record has no children yet
      else if (field && field.type === 'AutoNumber') model.unknown.set(key, `${name}: an auto-number`);
      else if (field && (!isWritable(field) || persona.fieldAccess(object, field.name).access !== 'edit')) {
        model.fixed.set(key, field.type === 'Checkbox' ? field.defaultValue === 'true' : null);
      } else {
        const { candidates, percent } = candidatesFor(object, field?.name ?? name, field, literalsOf(name));
        model.variables.push({ names: [name], apiField: field?.name ?? name, field, candidates, percent, recordType: false });
      }
    }
  }
  return model;
}

/** The formula's view of an API value. */
export function formulaValueOf(variable: Variable, value: ApiValue): FormulaValue {
  if (value instanceof Todo) return '<a record id>';
  if (typeof value === 'string') {
    const token = /^\{\{today([+-]\d+)?\}\}$/.exec(value);
    if (token) return new Day(Number(token[1] ?? 0));
  }
  if (variable.percent && typeof value === 'number') return value / 100;
  if (variable.field?.type === 'Checkbox' && value === null) return false;
  return value;
}

/** An evaluation context over one state of the record (and the state before the save, for updates). */
export function contextOf(model: RecordModel, now: readonly ApiValue[], before: readonly ApiValue[] | undefined): EvaluationContext {
  const lookup = (name: string, state: readonly ApiValue[]): FormulaValue => {
    const key = name.toLowerCase();
    const index = model.variables.findIndex((v) => v.names.some((n) => n.toLowerCase() === key));
    if (index >= 0) return formulaValueOf(model.variables[index]!, state[index] ?? null);
    if (model.fixed.has(key)) return model.fixed.get(key)!;
    throw new FormulaProblem(model.unknown.get(key) ?? `${name}: not known`);
  };
  return { value: (name) => lookup(name, now), prior: (name) => lookup(name, before ?? now), isNew: before === undefined };
}

/** Every combination of the variables' candidates, fewest changes from the first candidate first, up to `cap`. */
export function* combinations(variables: readonly Variable[], cap = 20_000): Generator<ApiValue[]> {
  const sizes = variables.map((v) => v.candidates.length);
  const total = sizes.reduce((a, b) => a * b, 1);
  const limit = Math.min(total, cap);
  const indexes = sizes.map(() => 0);
  for (let n = 0; n < limit; n++) {
    yield indexes.map((i, v) => variables[v]!.candidates[i]!);
    for (let v = indexes.length - 1; v >= 0; v--) {
      indexes[v]! += 1;
      if (indexes[v]! < sizes[v]!) break;
      indexes[v] = 0;
    }
  }
}

/** The personas in the order proposals try them: those who can create the object first. */
export function personasWhoCreate(personas: ReadonlyMap<string, PersonaAccess>, object: string): PersonaAccess[] {
  return VERIFYING_PERSONAS.map((p) => personas.get(p)).filter((p): p is PersonaAccess => p !== undefined && p.objectAccess(object).create);
}

/** Writes an API value into a plan entry (TODO text for what the project cannot give). */
export function planValue(value: ApiValue): string | number | boolean | null {
  return value instanceof Todo ? `TODO: ${value.text}` : value;
}
