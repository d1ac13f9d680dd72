import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { test, expect } from '@playwright/test';
import { Secret } from '../../../src/config/secret.js';
import { alertFor, sendAlert } from '../../../src/watch/alerts.js';
import type { CheckOutcome } from '../../../src/watch/run-results.js';
import { summarizeRun, type RunSummary } from '../../../src/watch/run-summary.js';

const red = (name: string, persona: string, message: string): CheckOutcome => ({ key: name, title: `[${persona}] ${name}`, persona, status: 'failed', category: 'regression', message });
const green = (name: string, persona: string): CheckOutcome => ({ key: name, title: `[${persona}] ${name}`, persona, status: 'passed' });

function run(number: number, checks: CheckOutcome[], previous?: CheckOutcome[]): RunSummary {
  return summarizeRun({ number, runId: 'PF-x', startedAt: new Date(0), finishedAt: new Date(0), exitCode: 0, interrupted: false, results: { checks, errors: [] }, previous, dir: '/tmp' });
}

const context = { releaseId: 'REL-1', report: 'https://ci.example.test/runs/42', planned: 7 };

test.describe('watch alerts', () => {
  test('the first failure names every failing check, its persona and the report', () => {
    const first = run(2, [red('closing a deal opens a case', 'sales-rep', 'Flow:Closed_Won_Onboarding: expected 1 Case'), green('upsert', 'integration-user')], [green('closing a deal opens a case', 'sales-rep')]);
    const alert = alertFor(first, { ...context, earlierRed: false })!;
    expect(alert.reasons).toEqual(['first failure']);
    expect(alert.text).toBe(
      [
        'Postflight first failure: release REL-1, run 2/7 is RED (1 passed, 1 failed, 0 environment problems)',
        'Failing:\n• [sales-rep] closing a deal opens a case (persona sales-rep), release regression: Flow:Closed_Won_Onboarding: expected 1 Case',
        'Report: https://ci.example.test/runs/42',
      ].join('\n\n'),
    );
    expect(alert.blocks[0]).toEqual({ type: 'header', text: { type: 'plain_text', text: 'Postflight: release REL-1, run 2 RED' } });
  });

  test('later: a new failure and a recovery in one message; a green run after green, or the same red again, says nothing', () => {
    const before = [red('a', 'sales-rep', 'a broke'), green('b', 'support-agent')];
    const after = run(3, [green('a', 'sales-rep'), red('b', 'support-agent', 'b broke')], before);
    const alert = alertFor(after, { ...context, earlierRed: true })!;
    expect(alert.reasons).toEqual(['new failure', 'recovery']);
    expect(alert.text).toContain('Newly failing:\n• [support-agent] b (persona support-agent), release regression: b broke');
    expect(alert.text).toContain('Recovered:\n• [sales-rep] a (persona sales-rep)');
    expect(alertFor(run(4, [green('a', 'sales-rep')], [green('a', 'sales-rep')]), { ...context, earlierRed: true })).toBeUndefined();
    expect(alertFor(run(4, [red('a', 'sales-rep', 'x')], [red('a', 'sales-rep', 'x')]), { ...context, earlierRed: true })).toBeUndefined();
  });

  test('secrets in a failure message never reach the alert', () => {
    const token = new Secret('00D5g000004Emu!AQ4AQFakeAccessTokenValue123').reveal();
    const alert = alertFor(run(1, [red('upsert', 'integration-user', `INVALID_FIELD with session ${token}`)]), { ...context, earlierRed: false })!;
    expect(JSON.stringify(alert)).not.toContain(token);
    expect(alert.text).toContain('INVALID_FIELD with session [redacted]');
  });

  test('a failing or unreachable webhook is reported, never thrown, and its address is not printed', async () => {
    const alert = alertFor(run(1, [red('a', 'sales-rep', 'broke')]), { ...context, earlierRed: false })!;
    const bodies: unknown[] = [];
    const server = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString()));
      request.on('end', () => {
        bodies.push(JSON.parse(body));
        response.writeHead(500).end('no_service');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    try {
      const failing = await sendAlert(`http://127.0.0.1:${port}/services/T000/B000/secretpart`, alert);
      expect(failing).toEqual({ delivered: false, detail: 'alert NOT delivered (first failure): the webhook answered HTTP 500 no_service' });
      expect(bodies).toEqual([{ text: alert.text, blocks: alert.blocks }]);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
    const unreachable = await sendAlert(`http://127.0.0.1:${port}/services/T000/B000/secretpart`, alert, 2_000);
    expect(unreachable).toEqual({ delivered: false, detail: 'alert NOT delivered (first failure): ECONNREFUSED' });
  });
});
