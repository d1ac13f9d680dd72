/**
 * `workflows/<Object>.workflow-meta.xml` -> WorkflowRuleDef[]: the object's workflow rules with the field
 * updates they run, checked against the schema so that a rule naming a field, action or criteria the
 * project does not have fails the load with the file and rule named, as a deploy would.
 *
 * The emulator runs immediate field updates on the rule's own object. Every other action is kept in the
 * rule's `actionsNotRun` for the load summary, never dropped silently: email alerts, tasks, outbound
 * messages, flow actions, knowledge publishing, `Send` actions, cross-object field updates (`<targetObject>`)
 * and every action of a time trigger (`<workflowTimeTriggers>`).
 */
import { MetadataError } from './metadata-error.js';
import type { SObjectDef, WorkflowFieldUpdateDef, WorkflowRuleDef, WorkflowTriggerType } from './types.js';
import { checkBooleanFilter, CriteriaProblem, parseCriterion } from './workflow-criteria.js';
import { bool, children, text, type XmlNode } from './xml.js';

export const WORKFLOW_REPEATABLE: ReadonlySet<string> = new Set([
  'alerts', 'fieldUpdates', 'flowActions', 'knowledgePublishes', 'outboundMessages', 'rules', 'send', 'tasks',
  'actions', 'criteriaItems', 'workflowTimeTriggers', 'recipients', 'ccEmails', 'fields', 'flowInputs',
]);

const TRIGGER_TYPES: ReadonlySet<string> = new Set<WorkflowTriggerType>(['onCreateOnly', 'onAllChanges', 'onCreateOrTriggeringUpdate']);
const OPERATIONS: ReadonlySet<string> = new Set<WorkflowFieldUpdateDef['operation']>(['Literal', 'Formula', 'Null', 'LookupValue', 'NextValue', 'PreviousValue']);

/** Action types (Metadata API `WorkflowActionType`) other than FieldUpdate, with the element that declares them. */
const OTHER_ACTIONS: Record<string, string> = {
  Alert: 'alerts', Task: 'tasks', OutboundMessage: 'outboundMessages', FlowAction: 'flowActions',
  KnowledgePublish: 'knowledgePublishes', Send: 'send',
};

/** A field update the emulator runs, or the reason it does not. */
type FieldUpdateEntry = WorkflowFieldUpdateDef | { notRun: string };

export function parseWorkflow(objectName: string, root: XmlNode, shownAs: string, objects: ReadonlyMap<string, SObjectDef>): WorkflowRuleDef[] {
  const ruleNodes = children(root, 'rules');
  const object = objects.get(objectName.toLowerCase());
  if (!object || object.tooling) {
    if (ruleNodes.length === 0) return [];
    if (/__c$/i.test(objectName)) throw new MetadataError(shownAs, `"${objectName}" is not an object in this org`);
    // A standard object the emulator does not model: its rules are listed, none is run.
    return ruleNodes.map((node) => ({
      fullName: `${objectName}.${text(node, 'fullName') ?? '?'}`, name: text(node, 'fullName') ?? '?', object: objectName,
      active: bool(node, 'active'), triggerType: 'onAllChanges', fieldUpdates: [], actionsNotRun: [],
      notRunReason: `${objectName} is not an object the emulator models`, source: shownAs,
    }));
  }
  const fieldUpdates = new Map<string, FieldUpdateEntry>();
  for (const node of children(root, 'fieldUpdates')) {
    const name = text(node, 'fullName');
    if (!name) throw new MetadataError(shownAs, 'a <fieldUpdates> has no <fullName>');
    fieldUpdates.set(name.toLowerCase(), parseFieldUpdate(name, node, object, shownAs));
  }
  const otherActions = new Map<string, Set<string>>();
  for (const [type, tag] of Object.entries(OTHER_ACTIONS)) {
    otherActions.set(type, new Set(children(root, tag).map((node) => (text(node, 'fullName') ?? '').toLowerCase())));
  }

  const rules: WorkflowRuleDef[] = [];
  for (const node of ruleNodes) {
    const name = text(node, 'fullName');
    if (!name) throw new MetadataError(shownAs, 'a <rules> has no <fullName>');
    try {
      rules.push(parseRule(name, node, object, objects, { fieldUpdates, otherActions }, shownAs));
    } catch (error) {
      if (error instanceof CriteriaProblem) throw new MetadataError(shownAs, `workflow rule ${object.name}.${name}: ${error.message}`);
      throw error;
    }
  }
  return rules;
}

interface Actions {
  fieldUpdates: Map<string, FieldUpdateEntry>;
  otherActions: Map<string, Set<string>>;
}

function parseRule(name: string, node: XmlNode, object: SObjectDef, objects: ReadonlyMap<string, SObjectDef>, actions: Actions, shownAs: string): WorkflowRuleDef {
  const triggerType = text(node, 'triggerType') ?? '';
  if (!TRIGGER_TYPES.has(triggerType)) {
    throw new CriteriaProblem(`<triggerType> "${triggerType}" is not onCreateOnly, onAllChanges or onCreateOrTriggeringUpdate`);
  }
  const rule: WorkflowRuleDef = {
    fullName: `${object.name}.${name}`, name, object: object.name, active: bool(node, 'active'),
    triggerType: triggerType as WorkflowTriggerType, fieldUpdates: [], actionsNotRun: [], source: shownAs,
  };
  const formula = text(node, 'formula');
  const items = children(node, 'criteriaItems');
  if (formula !== undefined && formula.trim() !== '') {
    rule.formula = formula;
  } else if (items.length > 0) {
    const parsed = [];
    for (const item of items) {
      const criterion = parseCriterion(item, object, objects);
      if ('notRun' in criterion) {
        rule.notRunReason ??= criterion.notRun;
        continue;
      }
      parsed.push(criterion);
    }
    const booleanFilter = text(node, 'booleanFilter')?.trim() || undefined;
    if (booleanFilter) checkBooleanFilter(booleanFilter, items.length);
    if (rule.notRunReason === undefined) rule.criteria = booleanFilter ? { items: parsed, booleanFilter } : { items: parsed };
  }
  // [UNVERIFIED] A rule with neither a formula nor criteria items (Setup always asks for one) is read as
  // "no criteria": it fires whenever its trigger type does.

  for (const action of children(node, 'actions')) {
    const entry = actionOf(action, actions);
    if (typeof entry === 'string') rule.actionsNotRun.push(entry);
    else rule.fieldUpdates.push(entry);
  }
  for (const trigger of children(node, 'workflowTimeTriggers')) {
    const when = timeTriggerLabel(trigger);
    for (const action of children(trigger, 'actions')) {
      // Checked like an immediate action (it must exist), then listed: time-dependent actions are not run.
      const entry = actionOf(action, actions);
      rule.actionsNotRun.push(`time trigger ${when}: ${typeof entry === 'string' ? entry : `FieldUpdate ${entry.name}`}`);
    }
  }
  return rule;
}

/** The field update an action runs, or how the action is listed as not run. */
function actionOf(action: XmlNode, actions: Actions): WorkflowFieldUpdateDef | string {
  const name = text(action, 'name') ?? '';
  const type = text(action, 'type') ?? '';
  if (type === 'FieldUpdate') {
    const update = actions.fieldUpdates.get(name.toLowerCase());
    if (!update) throw new CriteriaProblem(`<actions> FieldUpdate "${name}" is not a <fieldUpdates> of this file`);
    return 'notRun' in update ? `FieldUpdate ${name} (${update.notRun})` : update;
  }
  const declared = actions.otherActions.get(type);
  if (!declared) throw new CriteriaProblem(`<actions> "${name}" has the unknown type "${type}"`);
  if (!declared.has(name.toLowerCase())) throw new CriteriaProblem(`<actions> ${type} "${name}" is not declared in this file (<${OTHER_ACTIONS[type]}>)`);
  return `${type} ${name}`;
}

function timeTriggerLabel(trigger: XmlNode): string {
  const length = text(trigger, 'timeLength') ?? '?';
  const unit = text(trigger, 'workflowTimeTriggerUnit') ?? '';
  const from = text(trigger, 'offsetFromField');
  return `${length} ${unit}${from ? ` from ${from}` : ''}`;
}

function parseFieldUpdate(name: string, node: XmlNode, object: SObjectDef, shownAs: string): FieldUpdateEntry {
  const operation = text(node, 'operation') ?? '';
  if (!OPERATIONS.has(operation)) throw new MetadataError(shownAs, `field update ${name}: <operation> "${operation}" is not Literal, Formula, Null, LookupValue, NextValue or PreviousValue`);
  const targetObject = text(node, 'targetObject');
  if (targetObject) return { notRun: `cross-object, on ${targetObject}` };
  const fieldName = text(node, 'field') ?? '';
  const field = object.fields.get(fieldName.toLowerCase());
  if (!field) {
    if (/__c$/i.test(fieldName) || object.custom) throw new MetadataError(shownAs, `field update ${name}: <field> "${fieldName}" is not a field of ${object.name}`);
    return { notRun: `${object.name}.${fieldName} is not a field the emulator models` };
  }
  if (field.formula !== undefined || field.rollup !== undefined || field.autoNumber) {
    throw new MetadataError(shownAs, `field update ${name}: ${object.name}.${field.name} is calculated and cannot be updated`);
  }
  // A field the emulator holds read-only (an audit field, a createable-only lookup) is left out, not fatal.
  if (!field.updateable) return { notRun: `${object.name}.${field.name} is not updateable in the emulator` };
  const update: WorkflowFieldUpdateDef = {
    name, field: field.name, operation: operation as WorkflowFieldUpdateDef['operation'], reevaluateOnChange: bool(node, 'reevaluateOnChange'),
  };
  switch (update.operation) {
    case 'Literal':
      update.literalValue = text(node, 'literalValue') ?? '';
      break;
    case 'Formula': {
      const formula = text(node, 'formula');
      if (formula === undefined || formula.trim() === '') throw new MetadataError(shownAs, `field update ${name}: operation Formula needs a <formula>`);
      update.formula = formula;
      break;
    }
    case 'LookupValue': {
      update.lookupValue = text(node, 'lookupValue') ?? '';
      update.lookupValueType = text(node, 'lookupValueType') ?? 'User';
      if (field.type !== 'reference') throw new MetadataError(shownAs, `field update ${name}: LookupValue needs a lookup field, not ${field.name} (${field.type})`);
      break;
    }
    case 'NextValue':
    case 'PreviousValue':
      if (field.type !== 'picklist') throw new MetadataError(shownAs, `field update ${name}: ${update.operation} needs a picklist field, not ${field.name} (${field.type})`);
      break;
    case 'Null':
      if (!field.nillable && field.type !== 'boolean') throw new MetadataError(shownAs, `field update ${name}: ${field.name} is required and cannot be set to null`);
      break;
  }
  return update;
}
