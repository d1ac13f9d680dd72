/**
 * `flows/<Name>.flow-meta.xml` -> FlowDef. The element graph stays close to the XML so that the flow
 * runtime owns its meaning; the loader only normalises repeatable elements to arrays and pulls out what
 * the rest of the emulator needs without reading the graph (trigger, object, status, ids).
 */
import { ALL_ELEMENT_TYPES, SUPPORTED_ELEMENT_TYPES } from '../flows/interview.js';
import { stableId } from '../ids.js';
import { MetadataError } from './metadata-error.js';
import type { FlowDef, FlowRecordTriggerType, FlowTriggerType, ProcessDef } from './types.js';
import { child, children, text, type XmlNode } from './xml.js';

/** Elements that may occur more than once wherever they appear in a flow (Metadata API `Flow` type). */
export const FLOW_REPEATABLE: ReadonlySet<string> = new Set([
  // top-level element lists
  'actionCalls', 'apexPluginCalls', 'assignments', 'choices', 'collectionProcessors', 'constants', 'customErrors',
  'decisions', 'dynamicChoiceSets', 'environments', 'formulas', 'loops', 'orchestratedStages', 'processMetadataValues',
  'recordCreates', 'recordDeletes', 'recordLookups', 'recordRollbacks', 'recordUpdates', 'screens', 'stages', 'steps',
  'subflows', 'textTemplates', 'transforms', 'variables', 'waits',
  // nested lists
  'assignmentItems', 'conditions', 'rules', 'inputAssignments', 'outputAssignments', 'inputParameters',
  'outputParameters', 'filters', 'queriedFields', 'scheduledPaths', 'fields', 'choiceReferences', 'waitEvents',
  'stageSteps', 'customErrorMessages', 'transformValues', 'transformValueActions', 'sortOptions', 'dataTypeMappings',
  'conditionalElements', 'exitActionInputParameters', 'entryActionInputParameters', 'entryConditions', 'exitConditions',
  'mapItems', 'assignees', 'capabilityTypes',
]);

const TRIGGER_TYPES: ReadonlySet<string> = new Set(['RecordBeforeSave', 'RecordAfterSave', 'RecordBeforeDelete', 'Scheduled']);
const RECORD_TRIGGER_TYPES: ReadonlySet<string> = new Set(['Create', 'Update', 'CreateAndUpdate', 'Delete']);

/**
 * Element kinds the loader reports as not run: they need a user on screen (screens), Apex
 * (actionCalls of type apex, apexPluginCalls), or machinery the emulator does not model (waits,
 * orchestration, external services). The flow runtime may support a subset of actionCalls
 * (`emailSimple`, `chatterPost`, ...); it refines this list, the loader only flags the obvious.
 */
const UNSUPPORTED_KINDS = ['screens', 'waits', 'apexPluginCalls', 'orchestratedStages', 'steps'] as const;
const UNSUPPORTED_ACTION_TYPES: ReadonlySet<string> = new Set(['apex', 'externalService', 'quickAction', 'component']);

export function parseFlow(apiName: string, root: XmlNode, shownAs: string): FlowDef {
  const label = text(root, 'label');
  if (!label) throw new MetadataError(shownAs, 'flow has no <label>');
  const processType = text(root, 'processType') ?? 'AutoLaunchedFlow';
  const start = child(root, 'start');
  const unsupportedElements: string[] = [];

  const rawTrigger = text(start, 'triggerType');
  let triggerType: FlowTriggerType = 'None';
  if (rawTrigger !== undefined) {
    if (TRIGGER_TYPES.has(rawTrigger)) triggerType = rawTrigger as FlowTriggerType;
    else unsupportedElements.push(`start:${rawTrigger}`);
  }
  const rawRecordTrigger = text(start, 'recordTriggerType');
  let recordTriggerType: FlowRecordTriggerType | undefined;
  if (rawRecordTrigger !== undefined) {
    if (!RECORD_TRIGGER_TYPES.has(rawRecordTrigger)) {
      throw new MetadataError(shownAs, `<recordTriggerType> "${rawRecordTrigger}" is not Create, Update, CreateAndUpdate or Delete`);
    }
    recordTriggerType = rawRecordTrigger as FlowRecordTriggerType;
  }
  const object = text(start, 'object');
  if ((triggerType === 'RecordBeforeSave' || triggerType === 'RecordAfterSave' || triggerType === 'RecordBeforeDelete') && !object) {
    throw new MetadataError(shownAs, `a ${triggerType} flow needs <start><object>`);
  }
  // Process Builder processes are flows of type Workflow (record-triggered, see `parseProcess`); processes
  // started by platform events or invoked by other processes are not run.
  if (processType === 'CustomEvent' || processType === 'InvocableProcess') {
    unsupportedElements.push(`processType:${processType}`);
  }
  const process = processType === 'Workflow' ? parseProcess(root, unsupportedElements) : undefined;
  if (!process) {
    for (const kind of UNSUPPORTED_KINDS) {
      for (const element of children(root, kind)) unsupportedElements.push(`${kind}:${text(element, 'name') ?? '?'}`);
    }
    for (const action of children(root, 'actionCalls')) {
      const actionType = text(action, 'actionType') ?? '?';
      if (UNSUPPORTED_ACTION_TYPES.has(actionType)) unsupportedElements.push(`actionCalls:${actionType} ${text(action, 'name') ?? '?'}`);
    }
  }

  return {
    apiName,
    label,
    processType,
    status: text(root, 'status') ?? 'Draft',
    triggerType,
    recordTriggerType,
    object,
    body: root,
    unsupportedElements,
    ...(process ? { process } : {}),
    definitionId: stableId('300', apiName),
    versionId: stableId('301', apiName),
    source: shownAs,
  };
}

/**
 * A Process Builder process: its object and trigger come from the flow's own `processMetadataValues`
 * (`ObjectType`, `TriggerType` onCreateOnly / onAllChanges, `ObjectVariable` / `OldObjectVariable` naming
 * the input variables that receive the record and its prior values, `RecursiveCountVariable` when
 * "evaluate a record multiple times in a single transaction" is on). The runtime runs a process only when
 * every element it holds is one the flow runtime executes (decisions, assignments, record lookups, creates,
 * updates, deletes, loops, subflows, actions that launch a flow); otherwise the elements it cannot run are listed and the whole process
 * is not run, since running half a process would leave records in a state no real org produces.
 */
function parseProcess(root: XmlNode, unsupportedElements: string[]): ProcessDef {
  const meta = new Map<string, string>();
  for (const value of children(root, 'processMetadataValues')) {
    const name = text(value, 'name');
    const holder = child(value, 'value');
    const content = text(holder, 'stringValue') ?? text(holder, 'elementReference');
    if (name && content !== undefined) meta.set(name, content);
  }
  const object = meta.get('ObjectType') ?? '';
  const trigger = meta.get('TriggerType') ?? '';
  if (object === '') unsupportedElements.push('processType:Workflow without an ObjectType');
  if (trigger !== 'onCreateOnly' && trigger !== 'onAllChanges') unsupportedElements.push(`processType:Workflow TriggerType ${trigger || '(none)'}`);
  const supported: readonly string[] = SUPPORTED_ELEMENT_TYPES;
  for (const kind of ALL_ELEMENT_TYPES) {
    if (supported.includes(kind)) continue;
    for (const element of children(root, kind)) {
      const name = text(element, 'name') ?? '?';
      // A "Flows" action launches an autolaunched flow: the runtime runs it as a subflow (the org load
      // lists it again when the flow is not the project's).
      if (kind === 'actionCalls' && text(element, 'actionType') === 'flow') continue;
      unsupportedElements.push(kind === 'actionCalls' ? `actionCalls:${text(element, 'actionType') ?? '?'} ${name}` : `${kind}:${name}`);
    }
  }
  return {
    object,
    triggerType: trigger === 'onCreateOnly' ? 'onCreateOnly' : 'onAllChanges',
    currentVariable: meta.get('ObjectVariable') ?? 'myVariable_current',
    ...(meta.has('OldObjectVariable') ? { oldVariable: meta.get('OldObjectVariable') } : {}),
    recursive: meta.has('RecursiveCountVariable'),
    runnable: unsupportedElements.length === 0,
  };
}
