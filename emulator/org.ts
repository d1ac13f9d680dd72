/**
 * An emulated org: the project's metadata loaded into a schema, a store for its records, every formula
 * compiled, the flow runtime, the seeded system rows, and the org service over all of it.
 *
 * @example
 *   const org = Org.load({ source: 'org', users: ['org/users/admin.json'], jobs: 'org/jobs.json' });
 *   const session = org.service.loginWithPassword('admin@postflight.test', 'postflight-admin-1', 'soap');
 *   console.log(org.summary);
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { compileFormula, describeFunctionCoverage } from './formula/index.js';
import { elementsNotRun, flowFormulas, recordFieldsRead } from './flows/load-check.js';
import { FlowRuntime } from './flows/runtime.js';
import { to18 } from './ids.js';
import { describeLoad } from './metadata/describe-load.js';
import { degradedComponents, DegradedLoadError, describeDegraded, LoadReport } from './metadata/load-problems.js';
import { loadOrgSchema } from './metadata/load-project.js';
import type { OrgSchema } from './metadata/types.js';
import { loadUserDefinitions } from './metadata/users.js';
import { importDataTree } from './service/data-import.js';
import { checkCustomMetadataRecords } from './service/custom-metadata-rules.js';
import { checkFlows } from './service/flow-load-check.js';
import type { CompileFormulaFn } from './service/formula-context.js';
import { FormulaRegistry } from './service/formulas.js';
import { OrgService } from './service/org-service.js';
import { executeSoql } from './soql/execute-soql.js';
import { executeSosl } from './soql/execute-sosl.js';
import { soqlColumns } from './soql/query-columns.js';
import { Store } from './store/store.js';
import { readJsonFile } from './metadata/json-file.js';

export interface OrgOptions {
  /** The SFDX project folder (with `sfdx-project.json`). */
  source: string;
  /** Overlay folders layered over the project, in order. */
  overlays?: string[];
  /** User definition files (`sf org create user` format plus `password`); default: one System Administrator. */
  users?: string[];
  /** An `sf data tree` plan or tree file to import after seeding, as the first admin. */
  data?: string;
  /** Jobs JSON file (AsyncApexJob / CronTrigger seed, org/README.md). */
  jobs?: string;
  /** Access token lifetime; Salesforce's default session timeout is 2 hours. */
  sessionSeconds?: number;
  /** Organization.IsSandbox and the SOAP login `sandbox` flag. */
  isSandbox?: boolean;
  /** The DailyApiRequests allocation (default 15,000, a Developer Edition's); `--faults limit=N` lowers it. */
  dailyApiRequests?: number;
  /** The emulator's clock; `advanceClock` moves it forward. */
  clock?: () => Date;
  /** Keeps the records in this SQLite file across restarts (in memory when absent). */
  file?: string;
  /**
   * Refuse to load a project with components the emulator cannot run as written (a formula field it
   * cannot evaluate, a validation rule it cannot enforce, a flow element it does not run, ...), naming
   * every one in a single DegradedLoadError. Without it they are degraded and listed in `summary`.
   */
  strict?: boolean;
}

/** The emulator's org id: fixed, so that tokens and identity URLs stay stable between runs. */
const ORG_ID = to18('00D5g00000EMU01');

export class Org {
  private constructor(
    readonly schema: OrgSchema,
    readonly service: OrgService,
    readonly summary: string,
    private readonly store: Store,
    private readonly offset: { ms: number },
  ) {}

  /**
   * Throws a MetadataError (or MetadataErrors, listing every one) for what a deploy would also reject,
   * with the project's formula and flow problems in the same message as its files' problems; with
   * `strict`, a DegradedLoadError naming every degraded component.
   */
  static load(o: OrgOptions): Org {
    const { schema, formulas } = checkedSchema(o);
    const users = loadUserDefinitions(o.users ?? []);
    const offset = { ms: 0 };
    const baseClock = o.clock ?? (() => new Date());
    const now = (): Date => new Date(baseClock().getTime() + offset.ms);
    const store = new Store(schema, o.file ? { file: o.file } : {});
    const jobs = overlayJobs(o.overlays ?? []) ?? o.jobs;
    const service = new OrgService({
      schema,
      store,
      orgId: ORG_ID,
      orgName: orgNameOf(o.source),
      isSandbox: o.isSandbox === true,
      users,
      ...(jobs ? { jobsFile: jobs } : {}),
      sessionSeconds: o.sessionSeconds ?? 7200,
      ...(o.dailyApiRequests !== undefined ? { dailyApiRequests: o.dailyApiRequests } : {}),
      now,
      compileFormula: compile,
      formulas,
      executeSoql: (soql, options) => executeSoql(store, schema, soql, options),
      executeSosl: (sosl, options) => executeSosl(store, schema, sosl, options).searchRecords,
      describeSoqlColumns: (soql, options) => soqlColumns(schema, soql, options),
      createFlowRuntime: (host) => new FlowRuntime([...schema.flows.values()], host),
    });
    let imported = '';
    if (o.data) {
      const admin = { access: service.security.accessFor(service.automationUserId()), systemMode: false };
      const count = importDataTree(schema, o.data, (object, values) => service.pipeline.create(admin, object, values), (fn) => service.transaction(fn));
      imported = `\ndata: ${count} record(s) imported from ${o.data}`;
    }
    const counts = service.formulas.counts;
    const seeded = Object.entries(service.seed.counts).filter(([name]) => ['User', 'Profile', 'PermissionSet', 'RecordType', 'AsyncApexJob', 'CronTrigger'].includes(name))
      .map(([name, n]) => `${n} ${name}`).join(', ');
    const summary = [
      `${describeLoad(schema)}\nformulas compiled: ${counts.validationRules} validation rule(s), ${counts.formulaFields} formula field(s), ${counts.defaults} default value(s)\n${describeFunctionCoverage()}\nseeded: ${seeded}${imported}`,
      ...describeDegraded(degradedComponents(schema)),
    ].join('\n');
    return new Org(schema, service, summary, store, offset);
  }

  /** Moves the emulator clock forward (session expiry, date literals, scheduled paths), then runs due scheduled paths. */
  advanceClock(ms: number): void {
    this.offset.ms += ms;
    this.service.runDueScheduledPaths();
  }

  close(): void {
    this.store.close();
  }
}

const compile: CompileFormulaFn = (source, ctx, options) => compileFormula(source, ctx, options);

/**
 * The project's schema with every formula compiled and every flow checked, or one error naming every
 * problem: the metadata's, the formulas' and the flows' together, so that a developer fixes them in one pass.
 */
function checkedSchema(o: OrgOptions): { schema: OrgSchema; formulas: FormulaRegistry } {
  const report = new LoadReport();
  const schema = loadOrgSchema({ source: o.source, overlays: o.overlays ?? [], report });
  // The loader names the elements it knows the runtime lacks; the runtime knows every one.
  const flowExists = (apiName: string): boolean => schema.flows.has(apiName.toLowerCase());
  for (const flow of schema.flows.values()) {
    flow.unsupportedElements = elementsNotRun(flow, flowExists);
    // A process whose flow action launches a flow the project lacks is not run at all, like any other gap.
    if (flow.process) flow.process.runnable = flow.unsupportedElements.length === 0;
  }
  const gaps = { broken: report.broken, notModelled: report.notModelled };
  const formulas = new FormulaRegistry(schema, compile, gaps);
  const flows = checkFlows(schema, { formulas: flowFormulas, recordFieldsRead }, compile, gaps);
  // A deploy saves custom metadata records through their type's validation rules.
  const records = checkCustomMetadataRecords(schema, formulas, (o.clock ?? (() => new Date()))());
  for (const error of [...formulas.errors, ...flows.errors, ...records.errors]) report.fail(error);
  for (const problem of [...formulas.degraded, ...flows.degraded, ...records.degraded]) report.degrade(problem);
  report.throwErrors();
  if (o.strict) {
    const degraded = degradedComponents(schema);
    if (degraded.length > 0) throw new DegradedLoadError(degraded);
  }
  return { schema, formulas };
}

/** The org name: the scratch definition's `orgName`, else the project name. */
function orgNameOf(source: string): string {
  const scratchDef = join(source, 'config', 'project-scratch-def.json');
  if (existsSync(scratchDef)) {
    const def = readJsonFile(scratchDef, 'scratch org definition (JSON)') as { orgName?: unknown };
    if (typeof def.orgName === 'string' && def.orgName.trim() !== '') return def.orgName;
  }
  const project = join(source, 'sfdx-project.json');
  if (existsSync(project)) {
    const def = readJsonFile(project, 'JSON file') as { name?: unknown };
    if (typeof def.name === 'string' && def.name.trim() !== '') return def.name;
  }
  return 'Postflight Emulated Org';
}

/** An overlay's `jobs.json` replaces the project's job seed as a whole (org/README.md); the last one wins. */
function overlayJobs(overlays: string[]): string | undefined {
  let found: string | undefined;
  for (const overlay of overlays) {
    const file = join(overlay, 'jobs.json');
    if (existsSync(file)) found = file;
  }
  return found;
}
