/**
 * Roll-up summaries of formula fields: which formula fields of a detail object a roll-up may summarize
 * (or filter on), and what the load does with one a real org would refuse.
 *
 * A formula field is computed when it is read, so a roll-up of one is computed from each detail row's
 * formula value (save.ts `rollupValue`). Salesforce only allows that for a formula whose value changes
 * when the detail record itself is saved, since the master is recalculated on the detail's saves only:
 * the formula must not reference another object's fields, nor derive its value on the fly with NOW(),
 * TODAY() or TIMENOW() (Salesforce Help, "Roll-Up Summary Field", implementation tips: roll-ups cannot
 * use "cross-object formula fields" in their filters; Salesforce Certified Platform App Builder material:
 * a NOW() function or a cross-object field reference in a formula field keeps a roll-up from referencing
 * it). A project declaring such a roll-up could not have been deployed, so it fails the load like any
 * reference a deploy rejects (MetadataError). [UNVERIFIED] the deploy's wording: the message here says
 * what the formula reads.
 *
 * A formula that reads global variables (`$User`, `$Setup`, `$CustomMetadata`, ...) is not documented
 * either way; it is loaded, computed as the user whose save recalculates the master, and listed as
 * degraded so that a strict load refuses it. A summarized formula the emulator does not evaluate leaves
 * the roll-up not recalculated (degraded too).
 */
import type { CompiledFormula } from '../contracts.js';
import type { FieldDef, OrgSchema, SObjectDef } from '../metadata/types.js';

/** Functions whose value changes without a save: a roll-up of a formula that calls one is refused. */
const ON_THE_FLY_FUNCTIONS = new Set(['NOW', 'TODAY', 'TIMENOW']);

export type RollupSourceVerdict =
  /** Summarizable: the formula depends on the detail record alone. */
  | { kind: 'ok' }
  /** A real deploy refuses the roll-up; `problem` says what the formula reads. */
  | { kind: 'refused'; problem: string }
  /** Not documented either way (a global variable): computed as the saving user, listed as degraded. */
  | { kind: 'unsure'; reads: string }
  /** The emulator does not evaluate the formula (or one it reads): the roll-up is not recalculated. */
  | { kind: 'notEvaluated'; why: string };

/** The child fields a roll-up reads: the summarized field and every filter field, as defined on the child. */
export function rollupSourceFields(schema: OrgSchema, field: FieldDef): { child: SObjectDef; fields: FieldDef[] } | undefined {
  const rollup = field.rollup;
  const child = rollup ? schema.objects.get(rollup.childObject.toLowerCase()) : undefined;
  if (!rollup || !child) return undefined;
  const names = [rollup.summarizedField, ...rollup.filters.map((f) => (f.field.includes('.') ? f.field.slice(f.field.indexOf('.') + 1) : f.field))];
  const fields: FieldDef[] = [];
  for (const name of names) {
    const def = name ? child.fields.get(name.toLowerCase()) : undefined;
    if (def && !fields.includes(def)) fields.push(def);
  }
  return { child, fields };
}

/**
 * Whether a roll-up may summarize the formula field `field` of `child`, following the formula fields it
 * reads on the same record. `formulaOf` gives a formula field's compiled formula (undefined when it was
 * not compiled: not evaluated).
 */
export function rollupSourceVerdict(
  child: SObjectDef,
  field: FieldDef,
  formulaOf: (object: string, field: string) => CompiledFormula | undefined,
): RollupSourceVerdict {
  let unsure: string | undefined;
  const seen = new Set<string>();
  const visit = (current: FieldDef): RollupSourceVerdict | undefined => {
    const key = current.name.toLowerCase();
    if (seen.has(key)) return undefined;
    seen.add(key);
    if (current.rollupNotComputed !== undefined) return { kind: 'notEvaluated', why: `reads ${child.name}.${current.name}, which is not recalculated` };
    if (current.formula === undefined) return undefined;
    const compiled = formulaOf(child.name, current.name);
    const qualified = `${child.name}.${current.name}`;
    if (!compiled || current.formulaNotEvaluated !== undefined) return { kind: 'notEvaluated', why: `${qualified} is not evaluated` };
    const onTheFly = (compiled.functions ?? []).find((fn) => ON_THE_FLY_FUNCTIONS.has(fn));
    if (onTheFly) return { kind: 'refused', problem: `${qualified} calls ${onTheFly}(), whose value changes without a save of the record` };
    for (const path of compiled.references) {
      const [head = ''] = path;
      if (head.startsWith('$')) {
        unsure ??= `${qualified} reads ${path.join('.')}`;
        continue;
      }
      if (path.length > 1) return { kind: 'refused', problem: `${qualified} reads ${path.join('.')}, a field of another record` };
      const read = child.fields.get(head.toLowerCase());
      const verdict = read ? visit(read) : undefined;
      if (verdict) return verdict;
    }
    return undefined;
  };
  const verdict = visit(field);
  if (verdict) return verdict;
  return unsure ? { kind: 'unsure', reads: unsure } : { kind: 'ok' };
}
