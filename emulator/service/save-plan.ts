/**
 * What the save pipeline needs to know about an object that does not change from one record to the
 * next: which fields are required, which get a value on create, which values must be checked, which
 * parents roll this object up, whether any record-triggered flow can run for it. Derived once per object
 * from the schema (fields do not change while the org runs), so that a bulk job of 100,000 rows does not
 * walk every field of every object for every row.
 *
 * Anything that can change while the org runs (validation rule activation, flow activation, security)
 * is NOT captured here; the pipeline still reads it for every save.
 */
import type { CompiledFormula } from '../contracts.js';
import type { FieldDef, FlowTriggerType, OrgSchema, RecordTypeDef, SObjectDef } from '../metadata/types.js';
import { LENGTH_CHECKED } from './field-values.js';
import type { FormulaRegistry } from './formulas.js';

/** How a field gets its value on create when the request does not set it. */
export type InitialValue =
  | { kind: 'autoNumber'; field: FieldDef }
  | { kind: 'checkbox'; field: FieldDef; value: boolean }
  | { kind: 'picklist'; field: FieldDef; value: string }
  | { kind: 'rollup'; field: FieldDef; value: number }
  | { kind: 'formula'; field: FieldDef; compiled: CompiledFormula };

export interface ObjectSavePlan {
  object: SObjectDef;
  /** Fields a save must give a value (createable, not nillable, not defaulted, not a checkbox). */
  requiredFields: FieldDef[];
  /** Fields that get a value on create when the request leaves them out, in field order. */
  initialValues: InitialValue[];
  /** Fields whose set value needs a check (length, restricted picklist, lookup, uniqueness). */
  checkedFields: FieldDef[];
  /** Active values of each restricted picklist, by field name. */
  restrictedValues: Map<string, Set<string>>;
  /** Roll-up summary fields on other objects that summarise this one. */
  rollupsOnParents: { parent: SObjectDef; field: FieldDef }[];
  /** Record types by id. */
  recordTypesById: Map<string, RecordTypeDef>;
  /** Formula fields (computed for flows and reads, never stored). */
  formulaFields: FieldDef[];
  /** Stored fields that the store keeps a column for, minus Id and formulas (compared after an update). */
  writableColumns: FieldDef[];
  /**
   * Trigger types for which some flow of the project names this object. When a type is absent, no flow
   * can run for it (whatever its activation), so the pipeline skips preparing the flow's records.
   */
  flowTriggers: Set<FlowTriggerType>;
  /** Whether some runnable Process Builder process of the project starts on this object (whatever its activation). */
  hasProcesses: boolean;
}

/**
 * A field every save must give a value (REQUIRED_FIELD_MISSING otherwise), and that a layout therefore
 * marks required: createable, not nillable, not defaulted on create, not a checkbox (never blank).
 */
export function requiredOnSave(field: FieldDef): boolean {
  return field.createable && !field.nillable && !field.defaultedOnCreate && field.type !== 'boolean';
}

export class SavePlans {
  private readonly plans = new Map<string, ObjectSavePlan>();

  constructor(private readonly schema: OrgSchema, private readonly formulas: FormulaRegistry) {}

  for(object: SObjectDef): ObjectSavePlan {
    const key = object.name.toLowerCase();
    let plan = this.plans.get(key);
    if (!plan) {
      plan = this.build(object);
      this.plans.set(key, plan);
    }
    return plan;
  }

  private build(object: SObjectDef): ObjectSavePlan {
    const requiredFields: FieldDef[] = [];
    const initialValues: InitialValue[] = [];
    const checkedFields: FieldDef[] = [];
    const restrictedValues = new Map<string, Set<string>>();
    const writableColumns: FieldDef[] = [];
    for (const field of object.fields.values()) {
      if (requiredOnSave(field)) requiredFields.push(field);
      const initial = this.initialValue(object, field);
      if (initial) initialValues.push(initial);
      const restricted = field.restrictedPicklist && (field.type === 'picklist' || field.type === 'multipicklist');
      if (restricted) restrictedValues.set(field.name, new Set((field.picklistValues ?? []).filter((v) => v.active).map((v) => v.value)));
      const lengthChecked = LENGTH_CHECKED.has(field.type) && field.length > 0;
      const uniqueChecked = field.unique && field.type !== 'reference' && field.type !== 'id';
      if (lengthChecked || restricted || field.type === 'reference' || uniqueChecked) checkedFields.push(field);
      if (field.name !== 'Id' && field.formula === undefined) writableColumns.push(field);
    }
    return {
      object,
      requiredFields,
      initialValues,
      checkedFields,
      restrictedValues,
      rollupsOnParents: this.rollupsOf(object),
      recordTypesById: new Map([...object.recordTypes.values()].map((rt) => [rt.id, rt])),
      formulaFields: [...object.fields.values()].filter((f) => f.formula !== undefined),
      writableColumns,
      flowTriggers: this.flowTriggersOf(object),
      hasProcesses: [...this.schema.flows.values()].some((flow) => flow.process?.runnable && flow.process.object.toLowerCase() === object.name.toLowerCase()),
    };
  }

  /** The pipeline's create defaults: auto-number, checkbox default, default picklist value, default formula. */
  private initialValue(object: SObjectDef, field: FieldDef): InitialValue | undefined {
    if (field.autoNumber) return { kind: 'autoNumber', field };
    // A new parent has no children: COUNT and SUM roll-ups read 0 (MIN and MAX of no rows stay blank).
    if (field.rollup && (field.rollup.operation === 'count' || field.rollup.operation === 'sum')) return { kind: 'rollup', field, value: 0 };
    if (field.type === 'boolean' && field.formula === undefined && field.rollup === undefined) {
      return { kind: 'checkbox', field, value: (field.defaultValueFormula ?? 'false').trim().toLowerCase() === 'true' };
    }
    const defaultPicklist = field.type === 'picklist' ? field.picklistValues?.find((v) => v.isDefault && v.active) : undefined;
    if (defaultPicklist) return { kind: 'picklist', field, value: defaultPicklist.value };
    const compiled = this.formulas.defaultValue(object.name, field.name);
    return compiled ? { kind: 'formula', field, compiled } : undefined;
  }

  private rollupsOf(child: SObjectDef): { parent: SObjectDef; field: FieldDef }[] {
    const result: { parent: SObjectDef; field: FieldDef }[] = [];
    for (const parent of this.schema.objects.values()) {
      for (const field of parent.fields.values()) {
        // A roll-up whose formula source the emulator does not evaluate keeps its initial value (rollup-sources.ts).
        if (field.rollup && field.rollupNotComputed === undefined && field.rollup.childObject.toLowerCase() === child.name.toLowerCase()) result.push({ parent, field });
      }
    }
    return result;
  }

  /**
   * The loader reads a flow's start object and trigger type from the same `<start>` element the flow
   * runtime matches on (a record-triggered type without an object fails the load), so a type missing here
   * is one the runtime would find no flow for.
   */
  private flowTriggersOf(object: SObjectDef): Set<FlowTriggerType> {
    const triggers = new Set<FlowTriggerType>();
    for (const flow of this.schema.flows.values()) {
      if (flow.object?.toLowerCase() === object.name.toLowerCase()) triggers.add(flow.triggerType);
    }
    return triggers;
  }
}
