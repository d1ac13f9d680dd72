/**
 * A blob report (sharded runs) is a zip that holds the run's traces, themselves zips: the secret scrubber
 * must clean inside both levels, since the blob reporter packs the traces before the scrubber runs.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test, expect } from '@playwright/test';
import JSZip from 'jszip';
import { scrubTree } from '../../../src/report/secret-scrubber.js';

test('secrets are removed from traces inside a blob report, and from its event log', async () => {
  const token = '00D5g000004Emu!AQ4AQNestedTraceTokenValue987';
  const trace = new JSZip();
  trace.file('trace.network', `{"headers":[{"name":"Authorization","value":"Bearer ${token}"}]}`);
  const blob = new JSZip();
  blob.file('resources/abc.zip', await trace.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }));
  blob.file('report.jsonl', `{"method":"onStdOut","params":{"text":"session ${token}"}}\n`);
  blob.file('resources/shot.png', Buffer.from([0x89, 0x50, 0x4e, 0x47]));
  const dir = mkdtempSync(path.join(tmpdir(), 'pf-blob-'));
  const file = path.join(dir, 'report-prod-smoke-1.zip');
  writeFileSync(file, await blob.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }));

  expect(await scrubTree(dir, [token])).toBe(1);

  const scrubbed = await JSZip.loadAsync(readFileSync(file));
  expect(await scrubbed.file('report.jsonl')!.async('string')).toBe('{"method":"onStdOut","params":{"text":"session [redacted]"}}\n');
  const inner = await JSZip.loadAsync(await scrubbed.file('resources/abc.zip')!.async('nodebuffer'));
  expect(await inner.file('trace.network')!.async('string')).toBe('{"headers":[{"name":"Authorization","value":"Bearer [redacted]"}]}');
  expect([...(await scrubbed.file('resources/shot.png')!.async('nodebuffer'))]).toEqual([0x89, 0x50, 0x4e, 0x47]);
});
