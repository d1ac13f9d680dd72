/**
 * The release plan: a typed, declarative list of what must hold after this release, per persona. Editors
 * complete it from these types; a bad entry fails at load with the entry named.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { pointAtCaller } from '../config/input-error.js';
import { PERSONA_NAMES } from '../config/personas.js';
import { COMPONENT_ID_PATTERN, COVERED_KINDS } from '../coverage/components.js';
import { checkSoql } from './soql-parser.js';

/**
 * Entries refuse keys they do not know: a misspelt `severty: 'blocker'` would otherwise be dropped without a
 * word and the entry run with the default. (TypeScript catches it in a plan literal; a plan built from data does not.)
 */
function entry<Shape extends z.core.$ZodLooseShape>(shape: Shape) {
  return z.strictObject(shape, {
    error: (issue) => {
      if (issue.code !== 'unrecognized_keys') return undefined;
      const keys = (issue as { keys?: string[] }).keys ?? [];
      return `unknown ${keys.length === 1 ? 'key' : 'keys'} ${keys.map((k) => `"${k}"`).join(', ')} (this entry takes ${Object.keys(shape).join(', ')})`;
    },
  });
}

const persona = z.enum(PERSONA_NAMES as [string, ...string[]], { error: (i) => `unknown persona "${String(i.input)}" (known: ${PERSONA_NAMES.join(', ')})` });
const objectField = z.string().regex(/^[A-Za-z]\w*\.[A-Za-z]\w*$/, 'must look like Object.Field (e.g. Opportunity.Discount__c)');
const apiName = z.string().regex(/^[A-Za-z]\w*$/, 'must be an API name (e.g. Opportunity)');
/** A read-only SOQL query, checked when the plan loads rather than when the monitor first runs against the org. */
const soqlQuery = z.string().superRefine((soql, ctx) => {
  const problem = soqlProblem(soql);
  if (problem) ctx.addIssue({ code: 'custom', message: `must be a SOQL query (SELECT <fields> FROM <object> [WHERE ...]): ${problem}` });
});
const values = z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()]));
const severity = z.enum(['blocker', 'critical', 'normal', 'minor', 'trivial']).default('normal');
/**
 * Components this entry verifies that cannot be read from the entry itself, as `Type:FullName`
 * (`CustomField:Release_Settings__c.Onboarding_Enabled__c`, `Layout:Case-Support Case Layout`). What an entry
 * names (its field, flow, rule, record type, the fields it writes) counts already; `npm run coverage` reads both.
 */
const covers = z
  .array(z.string().regex(COMPONENT_ID_PATTERN, `must name a component as Type:FullName with a type among ${COVERED_KINDS.join(', ')}`))
  .optional();

/**
 * Parent records a trigger needs (master-detail children cannot be created alone): lookup field -> the
 * parent to create first, as the same persona. `{{trigger.<lookup field>}}` then refers to the parent's id.
 * A parent may need parents of its own (a tenant contact's tenant needs its space), created before it.
 */
const lookupField = z.string().regex(/^[A-Za-z]\w*$/, 'must be a lookup field API name');
export interface ParentSpec {
  object: string;
  values: z.output<typeof values>;
  parents?: Record<string, ParentSpec>;
}
interface ParentInput {
  object: string;
  values?: z.input<typeof values>;
  parents?: Record<string, ParentInput>;
}
const parent: z.ZodType<ParentSpec, ParentInput> = entry({
  object: apiName,
  values: values.default({}),
  get parents() {
    return z.record(lookupField, parent).optional();
  },
});
const parents = z.record(lookupField, parent);

export const fieldAccessEntry = entry({
  persona,
  /** `Object.Field`, e.g. `Opportunity.Discount__c`. */
  field: objectField,
  /** What the persona must have: `hidden` (absent), `read` (visible, not editable), `edit`. */
  access: z.enum(['hidden', 'read', 'edit']),
  /** Also check the Lightning record page and edit modal (default: true for personas with a UI). */
  ui: z.boolean().optional(),
  /** Field values a record needs to be created for the UI check (the name field is set for you). */
  recordValues: values.optional(),
  /** Parents the admin creates first for the UI check's record (a master-detail child cannot exist alone). */
  parents: parents.optional(),
  covers,
  severity,
});

export const recordActionEntry = entry({
  name: z.string().min(3),
  persona,
  object: apiName,
  /** Values of a legitimate save (the name field gets the run id). `{{today+30}}` for dates. */
  values,
  /**
   * An update after the create, for rules that judge a change (`ISCHANGED`, `PRIORVALUE`): the legitimate
   * save is then the create and this update. API only.
   */
  update: values.optional(),
  /** Also perform the save through the New modal in Lightning (creates only). */
  ui: z.boolean().default(false),
  /**
   * The illegitimate twin, refused with this message: these values on top of `values` in a create, or, with
   * `update`, in a further update of the saved record.
   */
  refused: z
    .object({
      values,
      message: z.string().min(1),
      /** The field the message appears under (validation rule error location); absent = top of page. */
      field: z.string().optional(),
    })
    .optional(),
  component: z.string().optional(),
  covers,
  severity,
}).refine((entry) => !(entry.ui && entry.update), { message: 'ui: true checks a create in the New modal; an entry with update runs through the API only', path: ['ui'] });

/** The saves that start automation: a create as the persona, optionally an update, parents first. */
const trigger = entry({
  object: apiName,
  /** Values the triggering record is created with (the name field gets the run id). */
  create: values,
  /** Optional update afterwards (e.g. `StageName: 'Closed Won'`), for update-triggered automation. */
  update: values.optional(),
  parents: parents.default({}),
});

export const automationEntry = entry({
  name: z.string().min(3),
  persona,
  /** What the automation is, for the report: `Flow:Closed_Won_Onboarding`. */
  component: z.string(),
  trigger,
  expect: entry({
    object: apiName,
    /**
     * SOQL condition the outcome record must match. `{{trigger.Id}}`, `{{trigger.Name}}` and
     * `{{trigger.<Field>}}` refer to the triggering record.
     */
    where: z.string().min(3),
    /** Field values the outcome must have (compared after the record appears). */
    fields: values.optional(),
    /** How many records must match (default 1). */
    count: z.number().int().min(0).default(1),
  }),
  /** How long the outcome may take to appear (default 30 s); polled with backoff. */
  withinSeconds: z.number().positive().default(30),
  covers,
  severity,
});

/**
 * A record-triggered flow is active and its entry criteria are reachable: the org has an active version, and
 * the persona's saves (a create, optionally an update) bring a record to the criteria, which the flow then
 * runs on within that save (a fault rolls the save back, so the saves succeeding means it did not fail).
 */
export const flowEntry = entry({
  persona,
  /** The flow's API name (`Closed_Won_Onboarding`). */
  flow: apiName,
  trigger,
  /**
   * The entry criteria as a SOQL condition the triggering record must meet after the saves
   * (`{{trigger.<Field>}}` allowed); criteria such as "is changed" are met by the update itself.
   */
  criteria: z.string().min(3).optional(),
  covers,
  severity,
});

export const recordTypeEntry = entry({
  persona,
  object: apiName,
  recordType: z.string().min(1),
  values: values.default({}),
  covers,
  severity,
});

export const sharingEntry = entry({
  name: z.string().min(3),
  persona,
  object: apiName,
  /** Who owns the record: another persona. */
  ownedBy: persona,
  values: values.default({}),
  access: z.enum(['none', 'read', 'edit']),
  covers,
  severity,
});

export const integrationEntry = entry({
  name: z.string().min(3),
  persona,
  object: apiName,
  externalId: z.string(),
  /** Records to upsert (the external id gets the run id appended; the name field is tagged). */
  records: z.array(values).min(1),
  /** Things the integration must NOT be able to do. */
  mustNotTouch: z
    .array(entry({ object: apiName, operation: z.enum(['read', 'create']), fields: z.array(z.string()).optional() }))
    .default([]),
  covers,
  severity,
});

export const jobsEntry = entry({
  /** CronJobDetail.Name values that must be scheduled with a next fire time. */
  scheduled: z.array(z.string()).default([]),
  /** No AsyncApexJob may have failed in this many hours before the run (default 24). */
  noFailedApexJobsWithinHours: z.number().positive().default(24),
  /** SOQL queries that must return zero rows (an integration error log, stuck records). */
  zeroRowQueries: z.array(entry({ name: z.string().min(3), soql: soqlQuery, covers, severity })).default([]),
});

/**
 * A team's own zero-row check, counted since the release: `soql` must return no rows whose `since` field
 * (a date-time such as CreatedDate) is at or after the release start, so each rerun reports only what is new.
 */
export const monitorEntry = entry({
  name: z.string().min(3),
  /** The rows that must not exist (`SELECT Id FROM Integration_Log__c WHERE Status__c = 'Error'`); its own WHERE is kept. */
  soql: soqlQuery,
  /** The date-time field bounded by the release start (default CreatedDate). */
  since: z.string().regex(/^[A-Za-z]\w*(\.[A-Za-z]\w*)*$/, 'must be a date-time field such as CreatedDate').default('CreatedDate'),
  severity,
});

export const releasePlanSchema = entry({
  release: z.string().min(1),
  fieldAccess: z.array(fieldAccessEntry).default([]),
  recordActions: z.array(recordActionEntry).default([]),
  automation: z.array(automationEntry).default([]),
  flows: z.array(flowEntry).default([]),
  recordTypes: z.array(recordTypeEntry).default([]),
  sharing: z.array(sharingEntry).default([]),
  integration: z.array(integrationEntry).default([]),
  jobs: jobsEntry.default({ scheduled: [], noFailedApexJobsWithinHours: 24, zeroRowQueries: [] }),
  monitors: z.array(monitorEntry).default([]),
});

/** What a team writes (defaults optional). */
export type ReleasePlanInput = z.input<typeof releasePlanSchema>;
/** What the generator reads (defaults filled). */
export type ReleasePlan = z.output<typeof releasePlanSchema>;
export type FieldAccessEntry = z.output<typeof fieldAccessEntry>;
export type RecordActionEntry = z.output<typeof recordActionEntry>;
export type AutomationEntry = z.output<typeof automationEntry>;
export type FlowEntry = z.output<typeof flowEntry>;
export type TriggerSpec = z.output<typeof trigger>;
export type RecordTypeEntry = z.output<typeof recordTypeEntry>;
export type SharingEntry = z.output<typeof sharingEntry>;
export type IntegrationEntry = z.output<typeof integrationEntry>;
export type MonitorEntry = z.output<typeof monitorEntry>;

export class PlanError extends Error {
  constructor(readonly problems: string[], source: string) {
    super(`The release plan (${source}) has bad entries:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'PlanError';
    pointAtCaller(this);
  }
}

/**
 * Validates a plan; every problem names its entry (`fieldAccess[2] sales-rep Opportunity.Discount`).
 *
 * @example
 * export default definePlan({ release: 'Spring', fieldAccess: [{ persona: 'sales-rep', field: 'Opportunity.Discount__c', access: 'edit' }] });
 */
export function definePlan(input: ReleasePlanInput, source = callerFile() ?? 'verifications/release-plan.ts'): ReleasePlan {
  const parsed = releasePlanSchema.safeParse(input, {
    // zod's own words for a missing key ("expected string, received undefined") do not say it is simply missing.
    error: (issue) => {
      if (issue.input !== undefined) return undefined;
      if (issue.code === 'invalid_type') return `required (${issue.expected})`;
      if (issue.code === 'invalid_value') return `required (one of ${issue.values.map(String).join(', ')})`;
      return undefined;
    },
  });
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((issue) => describeProblem(input, issue.path, issue.message));
  throw new PlanError(problems, source);
}

/**
 * `fieldAccess[0] (sales-rep Opportunity.Discount) access: ...`: the path to the entry, what the entry is (its
 * name, persona and object, as a reader finds it in the file), then the key at fault within it.
 */
function describeProblem(input: ReleasePlanInput, issuePath: readonly PropertyKey[], message: string): string {
  // The innermost list entry on the path is the entry the reader looks for.
  const lastIndex = issuePath.findLastIndex((key) => typeof key === 'number');
  const entryPath = lastIndex === -1 ? issuePath : issuePath.slice(0, lastIndex + 1);
  const rest = lastIndex === -1 ? [] : issuePath.slice(lastIndex + 1);
  let node: unknown = input;
  for (const key of entryPath) node = node && typeof node === 'object' ? (node as Record<PropertyKey, unknown>)[key] : undefined;
  const entry = lastIndex === -1 ? '' : describeEntry(node);
  const where = entryPath.map((key, i) => (typeof key === 'number' ? `[${key}]` : `${i === 0 ? '' : '.'}${String(key)}`)).join('');
  return `${where}${entry ? ` (${entry})` : ''}${rest.length ? ` ${rest.map(String).join('.')}` : ''}: ${message}`;
}

function describeEntry(node: unknown): string {
  if (!node || typeof node !== 'object') return '';
  const entry = node as Record<string, unknown>;
  return [entry.name, entry.persona, entry.field ?? entry.flow ?? entry.object].filter((v) => typeof v === 'string').join(' ');
}

function soqlProblem(soql: string): string | undefined {
  try {
    checkSoql(soql);
    return undefined;
  } catch (error) {
    const text = (error as Error).message;
    const found = /but found:?\s*(?:-->\s*)?'([^']*)'/.exec(text)?.[1];
    const expected = /expecting token of type --> (\w+) <--/i.exec(text)?.[1];
    if (found !== undefined) return expected ? `expected ${expected}, found "${found}"` : `unexpected "${found}"`;
    return text.split('\n')[0] ?? text;
  }
}

/**
 * The file that called definePlan, so the message names the plan actually at fault (a team may keep several).
 * V8's structured call sites give the file without parsing stack text; undefined when unavailable.
 */
function callerFile(): string | undefined {
  const original = Error.prepareStackTrace;
  try {
    Error.prepareStackTrace = (_error, sites) => sites;
    const sites = new Error().stack as unknown as NodeJS.CallSite[];
    const here = sites[0]?.getFileName();
    const caller = sites.find((site) => site.getFileName() && site.getFileName() !== here)?.getFileName();
    if (!caller) return undefined;
    const file = caller.startsWith('file://') ? fileURLToPath(caller) : caller;
    return path.relative(process.cwd(), file) || file;
  } catch {
    return undefined;
  } finally {
    Error.prepareStackTrace = original;
  }
}
