/**
 * `npm run coverage -- --source <sfdx dir> [--manifest package.xml | --deploy-report <json>]`
 *
 * Which of the release's components no verification covers: prints coverage per kind and overall with the
 * uncovered components, writes `coverage.json`, `coverage.txt` and the proposed checks (`proposed-plan.ts`)
 * under reports/coverage/, and exits 1 when coverage is under SF_COVERAGE_MIN (2 for bad input).
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '../config/env.js';
import { PERSONAS, VERIFYING_PERSONAS } from '../config/personas.js';
import { PlanError, releasePlanSchema, type ReleasePlan } from '../plan/schema.js';
import { COVERAGE_DIR } from '../run/paths.js';
import { analyseRelease, writeCoverageOutputs } from './analyse.js';
import { ProjectReadError } from './metadata-xml.js';
import { countProposals } from './proposals/propose.js';
import { renderCoverage } from './table.js';

const USAGE = `Usage: npm run coverage -- [options]

  --source <dir>          the SFDX project of the release (default: SF_COVERAGE_SOURCE, else SF_EMULATOR_SOURCE, else org)
  --manifest <file>       package.xml: the release is its components (default: SF_COVERAGE_MANIFEST)
  --deploy-report <file>  \`sf project deploy report --json\` output: the release is what it created or changed
                          (default: SF_COVERAGE_DEPLOY_REPORT)
  --plan <file>           the release plan (default: <SF_VERIFICATIONS_DIR>/release-plan.ts); the
                          @component: tags of the specs in its folder count too
  --users <file|dir>      persona user definitions, repeatable (default: SF_EMULATOR_USERS, else <source>/users)
  --assign <persona:Set>  a permission set the release actions assign, repeatable (adds to SF_COVERAGE_ASSIGN)
  --min <percent>         the minimum overall coverage (default: SF_COVERAGE_MIN, else 0 = report only)
  --out <dir>             where to write (default: <SF_RESULTS_DIR>/coverage)
  --verbose               also list every covered component with the checks that cover it
`;

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      source: { type: 'string' },
      manifest: { type: 'string' },
      'deploy-report': { type: 'string' },
      plan: { type: 'string' },
      users: { type: 'string', multiple: true },
      assign: { type: 'string', multiple: true },
      min: { type: 'string' },
      out: { type: 'string' },
      verbose: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
    strict: true,
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const config = loadConfig();
  const source = path.resolve(values.source ?? config.coverage.source);
  const given = (file: string | undefined) => (file === undefined ? undefined : shown(path.resolve(file)));
  const manifest = given(values.manifest ?? (values['deploy-report'] ? undefined : config.coverage.manifest));
  const deployReport = given(values['deploy-report'] ?? (values.manifest ? undefined : config.coverage.deployReport));
  const planFile = path.resolve(values.plan ?? path.join(config.verificationsDir, 'release-plan.ts'));
  const min = values.min === undefined ? config.coverage.min : Number(values.min);
  if (!Number.isFinite(min) || min < 0 || min > 100) throw new ProjectReadError('--min', `"${values.min}" must be a percentage from 0 to 100`);
  // Without --source, the personas are the emulator's users; with another project, its own users folder.
  const defaultUsers = values.source ? [path.join(source, 'users')].filter((dir) => existsSync(dir)) : config.emulator.users;
  const userFiles = values.users ?? defaultUsers;
  const usernames = Object.fromEntries(VERIFYING_PERSONAS.map((p) => [p, config.personas[p].username ?? PERSONAS[p].emulatorUsername]));

  const plan = await loadPlan(planFile);
  const analysis = analyseRelease({
    source,
    manifest,
    deployReport,
    plan,
    planLabel: shown(planFile),
    specsDir: path.dirname(planFile),
    userFiles,
    usernames,
    assignments: [...config.coverage.assignments, ...(values.assign ?? [])],
    min,
  });
  const files = writeCoverageOutputs(analysis, path.resolve(values.out ?? path.join(config.resultsDir, COVERAGE_DIR)));
  console.log(renderCoverage({ ...analysis.report, source: shown(source) }, { verbose: values.verbose }));
  const counts = countProposals(analysis.proposals);
  console.log('');
  console.log(`Wrote ${shown(files.table)} and ${shown(files.json)}.`);
  if (counts.ready + counts.needsWork + analysis.proposals.none.length > 0) {
    console.log(
      `Proposed checks for what is not covered: ${shown(files.proposals)} (${counts.ready} ready, ${counts.needsWork} to complete). Review them and copy what you keep into the plan.`,
    );
  }
  return analysis.report.meetsMin ? 0 : 1;
}

/** The plan module's default export, validated again so a module exporting something else is named. */
async function loadPlan(file: string): Promise<ReleasePlan> {
  if (!existsSync(file)) throw new ProjectReadError(shown(file), 'no such release plan (give --plan, or set SF_VERIFICATIONS_DIR)');
  const module = (await import(pathToFileURL(file).href)) as { default?: unknown };
  const parsed = releasePlanSchema.safeParse(module.default);
  if (!parsed.success) throw new ProjectReadError(shown(file), 'does not export a release plan as its default (export default definePlan({...}))');
  return parsed.data;
}

/**
 * Bad input, named by its class or, failing that, its name: a plan file outside an ES-module package is loaded as
 * CommonJS, with its own copy of the plan schema, so its PlanError is not an instance of this one.
 */
function isRefusal(error: unknown): boolean {
  const refusals = [ConfigError, PlanError, ProjectReadError];
  return refusals.some((refusal) => error instanceof refusal || (error instanceof Error && error.name === refusal.name));
}

function shown(file: string): string {
  return path.relative(process.cwd(), file) || file;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    // Bad input is one line naming the variable, file or entry; anything else is a bug, with its stack.
    if (isRefusal(error) || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      console.error(`coverage: ${(error as Error).message}`);
      if ((error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) console.error(USAGE);
    } else console.error(error);
    process.exit(2);
  },
);
