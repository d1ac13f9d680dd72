/**
 * The progress line of a long-running Bulk API 2.0 job: records done / total, rate and ETA, so a release
 * manager watching a 100,000-record backfill knows whether to wait or to act.
 */

export interface ProgressSample {
  processed: number;
  failed: number;
  total: number;
  /** Milliseconds since the upload completed. */
  elapsedMs: number;
}

export function progressLine(sample: ProgressSample): string {
  const { processed, failed, total, elapsedMs } = sample;
  const percent = total > 0 ? Math.floor((processed / total) * 100) : 100;
  const seconds = elapsedMs / 1000;
  const rate = seconds > 0 ? processed / seconds : 0;
  const remaining = Math.max(total - processed, 0);
  const eta = processed >= total ? 'done' : rate > 0 ? `ETA ${formatDuration((remaining / rate) * 1000)}` : 'ETA unknown';
  const failures = failed > 0 ? `, ${failed.toLocaleString('en-US')} failed` : '';
  return `${processed.toLocaleString('en-US')}/${total.toLocaleString('en-US')} records (${percent}%)${failures}, ${Math.round(rate).toLocaleString('en-US')} records/s, ${eta}`;
}

export function formatDuration(ms: number): string {
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min ${s % 60} s`;
  return `${Math.floor(m / 60)} h ${m % 60} min`;
}
