/**
 * The coverage report as a release manager reads it before signing off: per kind covered/total and %, the
 * components no verification covers, what was left out and why, and what the numbers rest on (which
 * release, which personas).
 */
import type { CoverageReport } from './compute.js';

export interface TableOptions {
  /** Also list every covered component with the checks that cover it. */
  verbose?: boolean;
}

export function renderCoverage(report: CoverageReport, options: TableOptions = {}): string {
  const lines: string[] = [];
  lines.push(`Release coverage of ${describeScope(report)}`);
  lines.push(`verified by ${report.plan}`);
  lines.push('');
  const rows = [
    ['kind', 'covered', 'total', '%'],
    ...report.kinds.map((k) => [k.label, String(k.covered), String(k.total), k.total === 0 ? '-' : k.percent.toFixed(1)]),
    ['overall', String(report.overall.covered), String(report.overall.total), report.overall.percent.toFixed(1)],
  ];
  const widths = [0, 1, 2, 3].map((i) => Math.max(...rows.map((r) => r[i]!.length)));
  rows.forEach((row, index) => {
    if (index === rows.length - 1) lines.push(widths.map((w) => '-'.repeat(w)).join('  '));
    lines.push(row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  '));
  });
  lines.push('');
  lines.push(
    report.min > 0
      ? `${report.meetsMin ? 'meets' : 'BELOW'} the minimum of ${report.min}% (SF_COVERAGE_MIN)`
      : 'no minimum set (SF_COVERAGE_MIN): report only',
  );

  lines.push('');
  if (report.uncovered.length === 0) lines.push('Every component of the release is covered by a verification.');
  else {
    lines.push(`Not covered by any verification (${report.uncovered.length}):`);
    const width = Math.max(...report.uncovered.map((c) => c.id.length));
    for (const c of report.uncovered) lines.push(`  ${c.id.padEnd(width)}  ${[c.detail, c.file].filter(Boolean).join(' · ')}`);
  }
  if (options.verbose) {
    lines.push('', 'Covered:');
    for (const c of report.components.filter((x) => x.coveredBy.length > 0)) {
      lines.push(`  ${c.id}`);
      for (const by of c.coveredBy) lines.push(`      ${by.check}: ${by.how}`);
    }
  }
  if (report.notInProject.length > 0) {
    lines.push('', `In the release but not in the project, so not judged (${report.notInProject.length}):`);
    for (const id of report.notInProject) lines.push(`  ${id}`);
  }
  if (report.unknownClaims.length > 0) {
    lines.push('', 'Covers and @component tags naming components the project does not have (a typo, or a stale entry?):');
    for (const claim of report.unknownClaims) lines.push(`  ${claim.component}  (${claim.check})`);
  }
  if (report.leftOut.length > 0) {
    lines.push('', `Left out of the count (${report.leftOut.length}):`);
    const width = Math.max(...report.leftOut.map((c) => c.id.length));
    for (const c of report.leftOut) lines.push(`  ${c.id.padEnd(width)}  ${c.reason}`);
  }
  if (report.scope.kind === 'deploy-report') {
    lines.push('', `The deployment also sent ${report.unchanged.length} unchanged and deleted ${report.deleted.length} component(s); neither is counted.`);
  }
  lines.push('', 'Personas (permission sets and layouts are derived from these):');
  for (const p of report.personas) {
    const unknown = p.unknownAssignments.length > 0 ? `; not in the project: ${p.unknownAssignments.join(', ')}` : '';
    lines.push(`  ${p.persona}: ${[p.profile, ...p.assigned].join(' + ')}  (${p.source}${unknown})`);
  }
  for (const persona of report.personasWithoutDefinition) {
    lines.push(`  ${persona}: no user definition found, so its permission sets and layouts are not derived`);
  }
  return lines.join('\n');
}

export function describeScope(report: CoverageReport): string {
  const scope = report.scope;
  if (scope.kind === 'project') return `${report.source} (the whole project)`;
  if (scope.kind === 'manifest') return `${report.source}, the components of ${scope.file}`;
  const flags = [scope.deployId, scope.status, scope.checkOnly ? 'validation only' : undefined].filter(Boolean).join(', ');
  return `${report.source}, what the deployment ${scope.file}${flags ? ` (${flags})` : ''} created or changed`;
}

/** One line for the report's environment panel. */
export function coverageSummary(report: CoverageReport): string {
  const kinds = report.kinds.filter((k) => k.total > 0).map((k) => `${k.label} ${k.covered}/${k.total}`);
  return `${report.overall.percent.toFixed(1)}% (${report.overall.covered}/${report.overall.total}): ${kinds.join(', ')}`;
}
