/**
 * One coverage run, shared by `npm run coverage` and the report's coverage check: read the project and the
 * release's scope, derive what the plan (and the specs' tags) cover, compute the figures, propose checks for
 * what is uncovered, and write them under the results folder.
 *
 * @example
 * const analysis = analyseRelease({ source: 'org', plan, planLabel: 'verifications/release-plan.ts', userFiles: ['org/users'], min: 0 });
 * console.log(renderCoverage(analysis.report));
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { PersonaName } from '../config/personas.js';
import type { ReleasePlan } from '../plan/schema.js';
import { computeCoverage, type CoverageReport } from './compute.js';
import { inventoryOf } from './inventory.js';
import { ProjectReadError } from './metadata-xml.js';
import { parseAssignments, PersonaAccess, readPersonaDefinitions, userDefinitionFiles } from './persona-access.js';
import { planCoverage } from './plan-coverage.js';
import { countProposals, proposeChecks, type Proposals } from './proposals/propose.js';
import { renderProposalFile } from './proposals/write-plan.js';
import { readSfdxProject } from './read-project.js';
import { readDeployReport, readManifest, scopeInventory, WHOLE_PROJECT } from './release-scope.js';
import { readSpecTags } from './spec-tags.js';
import { describeScope, renderCoverage } from './table.js';

export interface AnalyseOptions {
  /** The SFDX project. */
  source: string;
  /** A `package.xml`: only its components are the release. */
  manifest?: string;
  /** `sf project deploy report --json` output: only what the deployment created or changed is the release. */
  deployReport?: string;
  plan: ReleasePlan;
  /** How the report names the plan (its file). */
  planLabel: string;
  /** The folder of hand-written specs whose `@component:` tags count. */
  specsDir?: string;
  /** User definition files or folders: who the personas are. */
  userFiles: readonly string[];
  usernames?: Partial<Record<PersonaName, string | undefined>>;
  /** `persona:PermissionSet` assignments the release actions make. */
  assignments?: readonly string[];
  min: number;
}

export interface Analysis {
  report: CoverageReport;
  proposals: Proposals;
}

export function analyseRelease(options: AnalyseOptions): Analysis {
  if (options.manifest && options.deployReport) throw new ProjectReadError(options.manifest, 'give a manifest or a deploy report, not both');
  const project = readSfdxProject(options.source);
  const inventory = inventoryOf(project);
  const scope = options.manifest ? readManifest(options.manifest) : options.deployReport ? readDeployReport(options.deployReport) : WHOLE_PROJECT;
  const scoped = scopeInventory(inventory, scope);
  const definitions = readPersonaDefinitions(
    userDefinitionFiles(options.userFiles),
    options.usernames ?? {},
    parseAssignments(options.assignments ?? [], 'SF_COVERAGE_ASSIGN / --assign'),
  );
  const personas = new Map([...definitions].map(([name, definition]) => [name, new PersonaAccess(definition, project)]));
  const specs = options.specsDir ? readSpecTags(options.specsDir) : [];
  const coverage = planCoverage(options.plan, project, personas, specs);
  const report = computeCoverage({
    source: options.source,
    plan: options.planLabel,
    scoped,
    coverage,
    personas,
    projectComponentIds: [...inventory.counted, ...inventory.leftOut].map((c) => c.id),
    min: options.min,
  });
  return { report, proposals: proposeChecks(report.uncovered, project, personas) };
}

export interface WrittenFiles {
  json: string;
  table: string;
  proposals: string;
}

export interface WriteOptions {
  /** Extra top-level fields for `coverage.json` (the run id, a summary line). */
  extra?: Record<string, unknown>;
  /**
   * Also write `proposed-plan.ts` (default true). A suite run leaves it out: its results folder may sit inside
   * the project (the e2e runs' test/.suite-runs), where a generated module would be type-checked and linted.
   */
  proposalsFile?: boolean;
}

/** Writes `coverage.json`, `coverage.txt` and `proposed-plan.ts` into `dir`; returns their paths. */
export function writeCoverageOutputs(analysis: Analysis, dir: string, options: WriteOptions = {}): WrittenFiles {
  mkdirSync(dir, { recursive: true });
  const files = { json: path.join(dir, 'coverage.json'), table: path.join(dir, 'coverage.txt'), proposals: path.join(dir, 'proposed-plan.ts') };
  const counts = countProposals(analysis.proposals);
  const json = { ...options.extra, ...analysis.report, proposals: { ...counts, file: options.proposalsFile === false ? undefined : files.proposals, entries: analysis.proposals } };
  writeFileSync(files.json, `${JSON.stringify(json, null, 2)}\n`);
  writeFileSync(files.table, `${renderCoverage(analysis.report)}\n`);
  if (options.proposalsFile !== false) writeFileSync(files.proposals, proposalsModule(analysis, files.proposals));
  return files;
}

/** The proposals as the module `proposed-plan.ts` at `file` would hold them. */
export function proposalsModule(analysis: Analysis, file: string): string {
  return renderProposalFile(analysis.proposals, { file, scope: describeScope(analysis.report) });
}
