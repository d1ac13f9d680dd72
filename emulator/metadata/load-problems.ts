/**
 * What a load found wrong with a project, collected instead of thrown at the first problem: the
 * MetadataErrors a real deploy would also reject (reported together at the end of the load), and the
 * components the emulator loads but cannot run as written (degraded: the org starts, and the load summary
 * says what each does instead). A strict load refuses the degraded ones too, all named in one message.
 *
 * @example
 * const report = new LoadReport();
 * const field = report.attempt(() => parseCustomField(name, root, ctx)); // undefined when the file is at fault
 * report.degrade({ file, component: 'ValidationRule Invoice__c.Check', unsupported: 'unsupported function GETSESSIONID', fallback: 'not enforced' });
 * report.throwErrors(); // MetadataError (one) or MetadataErrors (several)
 */
import { MetadataError, throwMetadataErrors } from './metadata-error.js';
import type { LoadProblem, OrgSchema } from './types.js';

export class LoadReport {
  readonly errors: MetadataError[] = [];
  readonly degraded: LoadProblem[] = [];
  /**
   * Lower-cased `object` and `object.field` keys of components whose own file failed: references to them
   * are consequences of that one error, not errors of their own, so they are not reported again.
   */
  readonly broken = new Set<string>();
  /**
   * Lower-cased `object` and `object.field` keys of what a real org has but the emulator does not model
   * (each listed once in `degraded`): what reads them is degraded too, not an error.
   */
  readonly notModelled = new Set<string>();

  /** Runs one component's load; a MetadataError is recorded and the component is skipped (undefined). */
  attempt<T>(load: () => T, brokenKey?: string): T | undefined {
    try {
      return load();
    } catch (error) {
      if (!(error instanceof MetadataError)) throw error;
      this.errors.push(error);
      if (brokenKey) this.broken.add(brokenKey.toLowerCase());
      return undefined;
    }
  }

  fail(error: MetadataError): void {
    this.errors.push(error);
  }

  degrade(problem: LoadProblem): void {
    this.degraded.push(problem);
  }

  /** Throws the errors collected so far, if any, all in one. */
  throwErrors(): void {
    throwMetadataErrors(this.errors);
  }
}

/**
 * Whether an object or field that the org lacks may still exist in a real org the project deploys to, so
 * that a reference to it is degraded rather than refused: a standard name (no `__c`/`__r`-style suffix; the
 * emulator models only part of Salesforce's standard objects and fields), or a managed package's
 * (`ns__Name__c`: the package is installed in the org, not part of the project). A plain custom name
 * (`Name__c`) that the project does not declare is an error, as in a deploy to a fresh org.
 * UNVERIFIED: a heuristic; a misspelt standard name is degraded here where a deploy would reject it.
 */
export function mayExistOutsideProject(apiName: string): boolean {
  const parts = apiName.split('__');
  if (parts.length < 2) return true;
  return parts.length >= 3 && (parts[0] ?? '') !== '';
}

/**
 * Every degraded component of a loaded schema: the ones recorded at load, and every flow with elements
 * the flow runtime does not run (kept on the flow, which the runtime refines once it is built).
 */
export function degradedComponents(schema: OrgSchema): LoadProblem[] {
  const flows = [...schema.flows.values()].filter((f) => f.unsupportedElements.length > 0).map((flow): LoadProblem => ({
    file: flow.source,
    component: `Flow ${flow.apiName}`,
    unsupported: `${flow.unsupportedElements.length === 1 ? 'element' : 'elements'} ${flow.unsupportedElements.join(', ')}`,
    fallback: flowFallback(flow.processType, flow.triggerType),
  }));
  return [...(schema.degraded ?? []), ...flows, ...workflowProblems(schema)];
}

/**
 * Workflow rules the emulator does not run (a criterion or formula it cannot evaluate), and the actions of
 * the rules it does run other than their immediate field updates (alerts, tasks, outbound messages,
 * time triggers…).
 */
function workflowProblems(schema: OrgSchema): LoadProblem[] {
  return (schema.workflowRules ?? []).flatMap((rule): LoadProblem[] => {
    const component = `WorkflowRule ${rule.fullName}`;
    if (rule.notRunReason !== undefined) return [{ file: rule.source, component, unsupported: rule.notRunReason, fallback: 'not run' }];
    if (rule.actionsNotRun.length === 0) return [];
    return [{
      file: rule.source,
      component,
      unsupported: `${rule.actionsNotRun.length === 1 ? 'action' : 'actions'} ${rule.actionsNotRun.join(', ')}`,
      fallback: rule.fieldUpdates.length > 0 ? 'its field updates run; these actions are not run' : 'not run',
    }];
  });
}

/**
 * What happens to a flow with elements the runtime does not have: a screen flow is never started by the
 * emulator (it needs a user on screen); any other flow runs, and faults with UNSUPPORTED_FLOW_ELEMENT when
 * it reaches one of them (which fails the save that triggered it, as a fault does in Salesforce).
 */
function flowFallback(processType: string, triggerType: string): string {
  if (processType === 'Flow' && triggerType === 'None') return 'screen flow: not run';
  if (processType === 'Workflow' || processType === 'CustomEvent' || processType === 'InvocableProcess') return 'not run';
  return 'the flow runs and faults (UNSUPPORTED_FLOW_ELEMENT) if it reaches one of them';
}

/**
 * The load summary's degraded section: a count line, then one line per component (file first, so that an
 * editor can jump to it; in file order), problems of the same component joined.
 *
 * @example
 * // degraded: 2 components the emulator does not run as written (a strict load refuses them)
 * //   force-app/.../Portal_Link__c.field-meta.xml: CustomField Invoice__c.Portal_Link__c: unsupported function GETSESSIONID -> reads null
 * //   force-app/.../Check.validationRule-meta.xml: ValidationRule Invoice__c.Check: reads Invoice__c.Portal_Link__c, not evaluated -> not enforced
 */
export function describeDegraded(problems: readonly LoadProblem[]): string[] {
  const lines = componentLines(problems);
  if (lines.length === 0) return [];
  return [`degraded: ${countOf(lines.length)} the emulator does not run as written (a strict load refuses ${lines.length === 1 ? 'it' : 'them'})`, ...lines.map((l) => `  ${l}`)];
}

/** A strict load's refusal: every degraded component, named at once. */
export class DegradedLoadError extends Error {
  constructor(readonly problems: readonly LoadProblem[]) {
    const lines = componentLines(problems);
    super(`strict load refused: ${countOf(lines.length)} the emulator cannot run as written:\n${lines.map((l) => `  ${l}`).join('\n')}\n`
      + 'Without --strict (SF_EMULATOR_STRICT) the org loads with these degraded as described.');
    this.name = 'DegradedLoadError';
  }
}

function countOf(n: number): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? 'component' : 'components'}`;
}

function componentLines(problems: readonly LoadProblem[]): string[] {
  const byComponent = new Map<string, { file: string; component: string; parts: string[] }>();
  for (const p of problems) {
    const key = `${p.file}\u0000${p.component}`;
    const entry = byComponent.get(key) ?? { file: p.file, component: p.component, parts: [] };
    entry.parts.push(`${p.unsupported} -> ${p.fallback}`);
    byComponent.set(key, entry);
  }
  // In file order, so that a folder's components read together (objects/Invoice__c/fields/..., then its rules).
  return [...byComponent.values()].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0))
    .map((e) => `${e.file}: ${e.component}: ${e.parts.join('; ')}`);
}
