/**
 * The live timeline a release manager keeps open during the first hour: one line when a run starts, one
 * when it ends with its counts, then what changed since the previous run (newly failing, recovered) with
 * each check's persona and the first line of what it saw. Times are UTC, as in CI logs and the ledger.
 */
import { CATEGORY_WORDS } from '../report/categories.js';
import type { CheckOutcome } from './run-results.js';
import { formatDuration } from './options.js';
import { isGreen, verdictOf, type RunSummary } from './run-summary.js';


export function clock(iso: string): string {
  return `${iso.slice(11, 19)}Z`;
}

export function runStartedLine(number: number, planned: number, startedAt: Date, runId: string): string {
  return `run ${number}/${planned}  ${clock(startedAt.toISOString())}  started  ${runId}`;
}

export function runFinishedLines(run: RunSummary, planned: number): string[] {
  const c = run.counts;
  const took = formatDuration(Date.parse(run.finishedAt) - Date.parse(run.startedAt));
  const verdict = verdictOf(run);
  const lines = [
    `run ${run.number}/${planned}  ${clock(run.startedAt)}  ${verdict.padEnd(7)} ${c.passed} passed, ${c.failed} failed, ${c.flaky} flaky, ` +
      `${c.environment} environment problem${c.environment === 1 ? '' : 's'}${c.broken ? `, ${c.broken} broken` : ''}` +
      `${c.interrupted ? `, ${c.interrupted} interrupted` : ''}${c.skipped ? `, ${c.skipped} skipped` : ''}  (${took})`,
  ];
  if (run.problem) lines.push(`        ${run.problem}`);
  for (const check of run.newlyFailing) lines.push(...checkLines('newly failing', check));
  for (const check of run.recovered) lines.push(...checkLines('recovered', check));
  const stillRed = run.checks.filter((c) => c.status === 'failed' && !run.newlyFailing.includes(c));
  if (stillRed.length > 0) lines.push(`        still failing  ${stillRed.length}: ${stillRed.map((c) => c.title).join('; ')}`);
  return lines;
}

function checkLines(label: string, check: CheckOutcome): string[] {
  const lines = [`        ${label.padEnd(14)} ${check.title}  (persona ${check.persona})`];
  if (check.status === 'failed' && check.category) {
    const firstLine = (check.message ?? '').split('\n')[0] ?? '';
    lines.push(`        ${''.padEnd(14)} ${CATEGORY_WORDS[check.category]}: ${firstLine.slice(0, 300)}`);
  }
  return lines;
}

/** The closing lines: how the window went and where to look. */
export function windowEndLines(runs: RunSummary[], report: string, exitCode: number): string[] {
  const red = runs.filter((r) => r.counts.failed > 0).map((r) => r.number);
  const amber = runs.filter((r) => r.counts.failed === 0 && !isGreen(r)).map((r) => r.number);
  const last = runs.at(-1);
  return [
    `window over: ${runs.length} run${runs.length === 1 ? '' : 's'}; ` +
      (red.length ? `release regression in run ${red.join(', ')}` : 'no release regression') +
      (amber.length ? `; environment problems or broken checks in run ${amber.join(', ')}` : '') +
      (last ? `; last run ${verdictOf(last)}` : ''),
    `report: ${report}`,
    `exit status ${exitCode}`,
  ];
}
