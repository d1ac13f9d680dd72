/**
 * What a formula that does not compile at load means for the org. A real project was deployed, so its
 * formulas compiled in Salesforce: a function, syntax or type rule the formula engine lacks is the
 * emulator's gap, and the formula is degraded (it reads null, or its rule is not enforced), not fatal.
 * Only a reference to a custom field or relationship that the project does not declare is an error that
 * a deploy would also reject; a reference to what a real org has but the emulator does not model (a
 * standard field missing from its tables, a managed package's field, a global variable it lacks) degrades.
 */
import type { FormulaCompileContext } from '../contracts.js';
import { mayExistOutsideProject } from '../metadata/load-problems.js';
import type { FieldDef, OrgSchema, SObjectDef } from '../metadata/types.js';
import { relationshipField } from './formula-context.js';

/** What the metadata load left out, by lower-cased `object` and `object.field` keys (LoadReport). */
export interface LoadGaps {
  /** Components whose own file failed (already reported as errors). */
  broken: ReadonlySet<string>;
  /** What a real org has and the emulator does not model (already listed as degraded). */
  notModelled: ReadonlySet<string>;
}

export const NO_GAPS: LoadGaps = { broken: new Set(), notModelled: new Set() };

export type FormulaVerdict =
  /** Load the org without it; `unsupported` says what the emulator cannot run. */
  | { kind: 'degraded'; unsupported: string }
  /** A deploy would reject it too. */
  | { kind: 'error'; problem: string }
  /** It reads a component whose own file failed: that error is reported, this one would only repeat it. */
  | { kind: 'consequence' };

/** Global variables whose fields the org resolves (formula-context.ts); any other `$Name` is one the emulator lacks. */
const RESOLVED_GLOBALS: Record<string, string | null> = {
  $user: 'User', $organization: 'Organization', $profile: 'Profile', $userrole: 'UserRole', $recordtype: 'RecordType',
  $permission: null, $setup: null,
};

/**
 * A compile context that remembers the last reference path it could not type: the compiler stops at the
 * first unknown reference, so after a failure that path is the one at fault.
 */
export function trackingContext(ctx: FormulaCompileContext): { ctx: FormulaCompileContext; unknownPath(): string[] | undefined } {
  let unknown: string[] | undefined;
  return {
    ctx: {
      ...ctx,
      typeOf: (path) => {
        const type = ctx.typeOf(path);
        if (type === null) unknown = [...path];
        return type;
      },
    },
    unknownPath: () => unknown,
  };
}

/**
 * Sorts out a compile failure. `unknownPath` is the reference the compiler could not type, when that is
 * what failed (the FormulaError's problem then reads `unknown field ...`).
 */
export function triageFormulaFailure(schema: OrgSchema, objectName: string, problem: string, unknownPath: string[] | undefined, gaps: LoadGaps): FormulaVerdict {
  if (!unknownPath || !problem.startsWith('unknown field')) return { kind: 'degraded', unsupported: problem };
  const [head = ''] = unknownPath;
  if (head.startsWith('$')) {
    const globalObject = RESOLVED_GLOBALS[head.toLowerCase()];
    if (globalObject === undefined) return { kind: 'degraded', unsupported: `global variable ${head} (${unknownPath.join('.')})` };
    // $Permission and $Setup name the project's own custom permissions and settings (or a managed package's,
    // `ns__Setting__c`, which the project may reference by its namespace); $User.X etc. name fields.
    if (globalObject === null) {
      const name = unknownPath[1] ?? '';
      if (isNamespaced(name)) return { kind: 'degraded', unsupported: `reads ${unknownPath.join('.')}, a namespaced component the emulator does not resolve` };
      return { kind: 'error', problem };
    }
    return missingAlong(schema, globalObject, unknownPath.slice(1), problem, gaps);
  }
  return missingAlong(schema, objectName, unknownPath, problem, gaps);
}

/** `ns__Name__c`, `ns__Name` (a custom permission): a managed package's component, or the project's own by its namespace. */
function isNamespaced(name: string): boolean {
  return /^[A-Za-z][A-Za-z0-9]*__[A-Za-z]/.test(name);
}

/** Walks the path to the first part the org lacks and decides from what that part is. */
function missingAlong(schema: OrgSchema, objectName: string, path: string[], problem: string, gaps: LoadGaps): FormulaVerdict {
  let current: SObjectDef | undefined = schema.objects.get(objectName.toLowerCase());
  for (let i = 0; i < path.length && current; i++) {
    const part = path[i]!;
    const last = i === path.length - 1;
    if (last && current.fields.has(part.toLowerCase())) break;
    const reference = last ? undefined : relationshipField(current, part);
    if (!reference) {
      // A relationship `Parent__r` stands for its field `Parent__c`; a standard one (`Account`) for `AccountId`.
      const fieldName = last ? part : part.replace(/__r$/i, '__c');
      const key = `${current.name}.${fieldName}`.toLowerCase();
      const alternative = last ? key : `${current.name}.${part}id`.toLowerCase();
      if (gaps.broken.has(key) || gaps.broken.has(alternative)) return { kind: 'consequence' };
      if (gaps.notModelled.has(key) || gaps.notModelled.has(alternative) || mayExistOutsideProject(part)) {
        return { kind: 'degraded', unsupported: `reads ${current.name}.${part}, which the emulator does not model` };
      }
      return { kind: 'error', problem };
    }
    const target = reference.referenceTo?.[0];
    current = target ? schema.objects.get(target.toLowerCase()) : undefined;
    if (!current && target) {
      if (gaps.broken.has(target.toLowerCase())) return { kind: 'consequence' };
      return { kind: 'degraded', unsupported: `reads ${target}, an object the emulator does not model` };
    }
  }
  // The path resolves, yet the compiler called it unknown (a kind of path the engine does not read).
  return { kind: 'degraded', unsupported: problem };
}

/**
 * The field a reference path ends at (`['Account', 'Rating__c']` from Contact; `$User.Region__c`;
 * `$Setup.Settings__c.Limit__c`), or undefined when it ends elsewhere. Used to find formulas that read a
 * field the emulator does not evaluate.
 */
export function fieldAtPath(schema: OrgSchema, objectName: string, path: readonly string[]): FieldDef | undefined {
  const [head = '', ...rest] = path;
  if (head.startsWith('$')) {
    const lower = head.toLowerCase();
    if (lower === '$setup') {
      const [setting = '', field = ''] = rest;
      return schema.objects.get(setting.toLowerCase())?.fields.get(field.toLowerCase());
    }
    const globalObject = RESOLVED_GLOBALS[lower];
    return globalObject ? fieldAlong(schema, globalObject, rest) : undefined;
  }
  return fieldAlong(schema, objectName, path);
}

function fieldAlong(schema: OrgSchema, objectName: string, path: readonly string[]): FieldDef | undefined {
  let current = schema.objects.get(objectName.toLowerCase());
  for (let i = 0; i < path.length && current; i++) {
    const part = path[i]!;
    if (i === path.length - 1) return current.fields.get(part.toLowerCase());
    const target = relationshipField(current, part)?.referenceTo?.[0];
    current = target ? schema.objects.get(target.toLowerCase()) : undefined;
  }
  return undefined;
}
