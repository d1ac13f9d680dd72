/**
 * Release coverage: for each of the release's components, the verifications that cover it; per kind and
 * overall, how many are covered; and whether that meets the minimum the configuration sets.
 */
import { COVERED_KINDS, KIND_LABELS, componentKey, type CoveredKind } from './components.js';
import type { LeftOut } from './inventory.js';
import type { PersonaAccess } from './persona-access.js';
import type { Coverer, PlanCoverage, StatedClaim } from './plan-coverage.js';
import type { ScopedInventory, ScopeSource } from './release-scope.js';

export interface ComponentCoverage {
  id: string;
  kind: CoveredKind;
  fullName: string;
  file: string;
  detail?: string;
  coveredBy: Coverer[];
}

export interface KindCoverage {
  kind: CoveredKind;
  label: string;
  covered: number;
  total: number;
  /** Rounded down to one decimal, so 99.96% never reads as 100%. */
  percent: number;
}

export interface CoverageReport {
  /** The SFDX project, as given. */
  source: string;
  plan: string;
  scope: ScopeSource;
  kinds: KindCoverage[];
  overall: { covered: number; total: number; percent: number };
  components: ComponentCoverage[];
  uncovered: ComponentCoverage[];
  /** Components of the counted kinds the report leaves out, with why (inactive, Draft, not record-triggered). */
  leftOut: LeftOut[];
  /** In the manifest or deploy report but not in the project: coverage cannot judge them. */
  notInProject: string[];
  unchanged: string[];
  deleted: string[];
  /** `covers` entries and `@component:` tags naming components the project does not have. */
  unknownClaims: StatedClaim[];
  personas: { persona: string; profile: string; assigned: string[]; source: string; unknownAssignments: string[] }[];
  personasWithoutDefinition: string[];
  /** The minimum overall percentage (SF_COVERAGE_MIN); 0 = report only. */
  min: number;
  meetsMin: boolean;
}

export interface CoverageInput {
  source: string;
  plan: string;
  scoped: ScopedInventory;
  coverage: PlanCoverage;
  personas: ReadonlyMap<string, PersonaAccess>;
  /** Every component of the project, whether in this release or not: claims on these are not typos. */
  projectComponentIds: readonly string[];
  min: number;
}

export function computeCoverage(input: CoverageInput): CoverageReport {
  const { scoped, coverage } = input;
  const components: ComponentCoverage[] = scoped.components.map((c) => ({
    id: c.id,
    kind: c.kind,
    fullName: c.fullName,
    file: c.file,
    detail: c.detail,
    coveredBy: coverage.byComponent.get(componentKey(c.id))?.coverers ?? [],
  }));
  const kinds: KindCoverage[] = COVERED_KINDS.map((kind) => {
    const ofKind = components.filter((c) => c.kind === kind);
    const covered = ofKind.filter((c) => c.coveredBy.length > 0).length;
    return { kind, label: KIND_LABELS[kind], covered, total: ofKind.length, percent: percentOf(covered, ofKind.length) };
  });
  const covered = components.filter((c) => c.coveredBy.length > 0).length;
  const known = new Set(input.projectComponentIds.map(componentKey));
  return {
    source: input.source,
    plan: input.plan,
    scope: scoped.source,
    kinds,
    overall: { covered, total: components.length, percent: percentOf(covered, components.length) },
    components,
    uncovered: components.filter((c) => c.coveredBy.length === 0),
    leftOut: scoped.leftOut,
    notInProject: scoped.notInProject,
    unchanged: scoped.unchanged,
    deleted: scoped.deleted,
    unknownClaims: coverage.stated.filter((claim) => !known.has(componentKey(claim.component))),
    personas: [...input.personas.values()].map((p) => ({
      persona: p.persona,
      profile: p.definition.profile,
      assigned: p.definition.assigned,
      source: p.definition.source,
      unknownAssignments: p.unknownAssignments,
    })),
    personasWithoutDefinition: coverage.personasWithoutDefinition,
    min: input.min,
    // Compared on the exact ratio: the rounded percentage is for reading only.
    meetsMin: components.length === 0 || (covered / components.length) * 100 >= input.min,
  };
}

function percentOf(covered: number, total: number): number {
  if (total === 0) return 100;
  return Math.floor((covered / total) * 1000) / 10;
}
