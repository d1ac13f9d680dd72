/** The sample org's release coverage as the tests compute it: the project, its users, the plan and its specs. */
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { analyseRelease, type AnalyseOptions, type Analysis } from '../../../src/coverage/analyse.js';
import type { ReleasePlan } from '../../../src/plan/schema.js';
import samplePlan from '../../../verifications/release-plan.js';

export const ROOT = path.resolve(import.meta.dirname, '../../..');
export const SAMPLE_ORG = path.join(ROOT, 'org');
export const SAMPLE_USERS = path.join(ROOT, 'org', 'users');
export const SAMPLE_SPECS = path.join(ROOT, 'verifications');
export const FIXTURES = path.join(import.meta.dirname, 'fixtures');

/** A fresh copy of the sample plan to cut verifications from. */
export function samplePlanCopy(): ReleasePlan {
  return structuredClone(samplePlan);
}

export function analyseSample(options: Partial<AnalyseOptions> = {}): Analysis {
  return analyseRelease({
    source: SAMPLE_ORG,
    plan: samplePlanCopy(),
    planLabel: 'verifications/release-plan.ts',
    specsDir: SAMPLE_SPECS,
    userFiles: [SAMPLE_USERS],
    min: 0,
    ...options,
  });
}

/** The sample's hand-written specs copied without some of them (the plan file stays out: only tags are read). */
export function specsWithout(...relativeFiles: string[]): { dir: string; dispose: () => void } {
  const dir = mkdtempSync(path.join(tmpdir(), 'postflight-specs-'));
  cpSync(SAMPLE_SPECS, dir, { recursive: true, filter: (source) => !relativeFiles.some((f) => source === path.join(SAMPLE_SPECS, f)) });
  return { dir, dispose: () => rmSync(dir, { recursive: true, force: true }) };
}

export function kindRow(analysis: Analysis, kind: string): string {
  const row = analysis.report.kinds.find((k) => k.kind === kind)!;
  return `${row.covered}/${row.total}`;
}
