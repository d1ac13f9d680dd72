/**
 * Alerts during the watch: a message to a Slack or Teams incoming webhook on the window's first failure, on
 * each new failure after it, and on each recovery, naming the checks, their personas and where the report
 * is. Every message goes through the secret redaction first; a webhook that fails is logged and the watch
 * goes on (an alert is a courtesy; the timeline and the report are the record).
 *
 * The body is `{ text, blocks }`: Slack incoming webhooks show the blocks (and use `text` for notifications);
 * Teams workflows ("Post to a channel when a webhook request is received") and the older Teams connectors read
 * `text`. UNVERIFIED: whether a Teams workflow built from Microsoft's default template accepts a body without
 * an Adaptive Card attachment; the brief's premise is that `{"text": ...}` works for both.
 */
import { CATEGORY_WORDS } from '../report/categories.js';
import { redactText } from '../report/redact.js';
import type { CheckOutcome } from './run-results.js';
import { verdictOf, type RunSummary } from './run-summary.js';

export type AlertReason = 'first failure' | 'new failure' | 'recovery';

export interface Alert {
  reasons: AlertReason[];
  text: string;
  blocks: unknown[];
}

/** What this run should announce, given whether an earlier run in the window was already red. */
export function alertFor(run: RunSummary, context: { releaseId: string; earlierRed: boolean; report: string; planned: number }): Alert | undefined {
  const red = run.checks.filter((c) => c.status === 'failed');
  const reasons: AlertReason[] = [];
  const firstFailure = !context.earlierRed && (red.length > 0 || run.problem !== undefined);
  if (firstFailure) reasons.push('first failure');
  else if (run.newlyFailing.length > 0) reasons.push('new failure');
  const failing = firstFailure ? red : run.newlyFailing;
  if (run.recovered.length > 0) reasons.push('recovery');
  if (reasons.length === 0) return undefined;

  const state = verdictOf(run);
  const headline = `Postflight ${reasons.join(' + ')}: release ${context.releaseId}, run ${run.number}/${context.planned} is ${state} ` +
    `(${run.counts.passed} passed, ${run.counts.failed} failed, ${run.counts.environment} environment problems)`;
  const sections: string[] = [];
  if (reasons.includes('first failure') || reasons.includes('new failure')) {
    const lines = failing.map(describe);
    if (run.problem) lines.push(`• ${run.problem}`);
    sections.push(`${reasons.includes('first failure') ? 'Failing' : 'Newly failing'}:\n${lines.join('\n')}`);
  }
  if (reasons.includes('recovery')) sections.push(`Recovered:\n${run.recovered.map((c) => `• ${c.title} (persona ${c.persona})`).join('\n')}`);
  sections.push(`Report: ${context.report}`);
  const text = redactText([headline, ...sections].join('\n\n'));
  const blocks = [
    { type: 'header', text: { type: 'plain_text', text: truncate(redactText(`Postflight: release ${context.releaseId}, run ${run.number} ${state}`), 150) } },
    ...[headline, ...sections].map((section) => ({ type: 'section', text: { type: 'mrkdwn', text: truncate(redactText(section), 2900) } })),
  ];
  return { reasons, text, blocks };
}

function describe(check: CheckOutcome): string {
  const kind = check.category ? CATEGORY_WORDS[check.category] : 'failed';
  const said = (check.message ?? '').split('\n')[0]?.slice(0, 300) ?? '';
  return `• ${check.title} (persona ${check.persona}), ${kind}: ${said}`;
}

function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** Posts the alert; never throws. Returns a line for the timeline. */
export async function sendAlert(url: string, alert: Alert, timeoutMs = 10_000): Promise<{ delivered: boolean; detail: string }> {
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ text: alert.text, blocks: alert.blocks }),
      signal: AbortSignal.timeout(timeoutMs),
    });
    if (response.ok) return { delivered: true, detail: `alert sent (${alert.reasons.join(', ')})` };
    const body = (await response.text().catch(() => '')).slice(0, 200);
    return { delivered: false, detail: `alert NOT delivered (${alert.reasons.join(', ')}): the webhook answered HTTP ${response.status}${body ? ` ${redactText(body)}` : ''}` };
  } catch (error) {
    // The URL is a credential: the message names the failure, never the address.
    const cause = (error as { cause?: { code?: string } }).cause?.code ?? (error as Error).name;
    return { delivered: false, detail: `alert NOT delivered (${alert.reasons.join(', ')}): ${cause}` };
  }
}
