/**
 * What a flow holds that this runtime cannot run, read at org load for the load summary: the elements it
 * does not execute, the formulas it will evaluate (for a compile check), and the `$Record` fields it reads.
 *
 * @example
 * elementsNotRun(flow)   // ['screens:Ask', 'actionCalls:emailSimple Notify']
 * flowFormulas(flow)     // [{ name: 'Discounted', source: 'Amount * 0.9' }]
 */
import type { FlowDef } from '../metadata/types.js';
import { child, children, isNode, text } from './flow-xml.js';
import { ALL_ELEMENT_TYPES, isFlowAction, SUPPORTED_ELEMENT_TYPES } from './interview.js';
import { mergeFieldReferences, translateFlowFormula } from './merge-fields.js';
import type { FlowValue } from './values.js';

/**
 * The loader's list (`unsupportedElements`: trigger kinds, process types, Apex actions, screens) plus every
 * element whose type the interview does not execute (an `emailSimple` action, a transform, ...): the
 * interview faults with UNSUPPORTED_FLOW_ELEMENT when it reaches one, so each is named at load.
 */
export function elementsNotRun(flow: FlowDef, flowExists: (apiName: string) => boolean = () => true): string[] {
  const listed = new Set(flow.unsupportedElements);
  const supported: ReadonlySet<string> = new Set(SUPPORTED_ELEMENT_TYPES);
  for (const type of ALL_ELEMENT_TYPES) {
    if (supported.has(type)) continue;
    for (const node of children(flow.body, type)) {
      const name = text(node, 'name') ?? '?';
      // A flow action runs as a subflow, when the flow it launches is the project's (not a managed package's).
      if (type === 'actionCalls' && isFlowAction(node) && flowExists(text(node, 'actionName') ?? '')) continue;
      listed.add(type === 'actionCalls' ? `actionCalls:${text(node, 'actionType') ?? '?'} ${name}` : `${type}:${name}`);
    }
  }
  return [...listed];
}

/**
 * The formulas the interview evaluates, as formula-engine source: formula resources, the start element's
 * entry formula and `formulaExpression` values. Other resources have values only in a running interview,
 * so each is read as a sample of its declared data type (a Date variable as a date, and so on), which
 * types the formula as it will be typed when it runs; a resource of unknown type reads as NULL.
 */
export function flowFormulas(flow: FlowDef): { name: string; source: string }[] {
  const types = resourceTypes(flow.body);
  const translate = (source: string): string => translateFlowFormula(source, (reference) => sampleValue(types.get(reference.toLowerCase())));
  const formulas = children(flow.body, 'formulas').map((node) => ({ name: text(node, 'name') ?? '?', source: translate(text(node, 'expression') ?? '') }));
  const entry = text(child(flow.body, 'start'), 'filterFormula');
  if (entry !== undefined && entry.trim() !== '') formulas.push({ name: 'Start', source: translate(entry) });
  for (const expression of formulaExpressions(flow.body)) formulas.push({ name: 'value', source: translate(expression) });
  return formulas.filter((f) => f.source.trim() !== '');
}

/** The `$Record` field paths a flow reads anywhere (`{!$Record.Account.Name}` -> `Account.Name`) and in its start filters. */
export function recordFieldsRead(flow: FlowDef): string[] {
  const paths = new Set<string>();
  for (const value of strings(flow.body)) {
    for (const reference of mergeFieldReferences(value.includes('{!') ? value : `{!${value}}`)) {
      if (reference.toLowerCase().startsWith('$record.')) paths.add(reference.slice('$Record.'.length));
    }
  }
  for (const filter of children(child(flow.body, 'start'), 'filters')) {
    const field = text(filter, 'field');
    if (field) paths.add(field);
  }
  return [...paths];
}

/** Lower-cased resource name -> declared `<dataType>`, for every named element that declares one (variables, formulas, screen fields, ...). */
function resourceTypes(value: unknown, out = new Map<string, string>()): Map<string, string> {
  if (Array.isArray(value)) for (const item of value) resourceTypes(item, out);
  else if (isNode(value)) {
    const name = text(value, 'name');
    const dataType = text(value, 'dataType');
    if (name && dataType) out.set(name.toLowerCase(), dataType);
    for (const item of Object.values(value)) if (typeof item !== 'string') resourceTypes(item, out);
  }
  return out;
}

/** A value of the flow data type, written as the interview would substitute it. */
function sampleValue(dataType: string | undefined): FlowValue {
  switch (dataType) {
    case 'Date': return '2000-01-01';
    case 'DateTime': return '2000-01-01T00:00:00.000Z';
    case 'Number': case 'Currency': return 0;
    case 'Boolean': return false;
    case 'String': case 'Picklist': case 'Multipicklist': return 'sample';
    default: return null;
  }
}

function formulaExpressions(value: unknown, out: string[] = []): string[] {
  if (Array.isArray(value)) for (const item of value) formulaExpressions(item, out);
  else if (isNode(value)) {
    for (const [key, item] of Object.entries(value)) {
      if (key === 'formulaExpression' && typeof item === 'string' && item.trim() !== '') out.push(item);
      else formulaExpressions(item, out);
    }
  }
  return out;
}

function strings(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) for (const item of value) strings(item, out);
  else if (isNode(value)) for (const item of Object.values(value)) strings(item, out);
  return out;
}
