/**
 * Mass update of the records a SOQL condition selects, through Bulk API 2.0: one ingest job, progress
 * (records done/total, rate, ETA) logged at every poll, per-record failures saved to a CSV file under the
 * run's output folder, and a record cap that refuses before the first write.
 *
 * `where` must select exactly the records that still need the change (for example
 * `IsClosed = false AND Discount__c = null`): the check counts them, and the backfill is done when none is
 * left. That is what makes a rerun after a partial failure update only what is still missing.
 *
 * @example
 * releaseActions(backfill({
 *   object: 'Opportunity',
 *   where: 'IsClosed = false AND Discount__c = null',
 *   set: { Discount__c: 0 },
 * }));
 */
import path from 'node:path';
import type { Connection } from '@jsforce/jsforce-node';
import { ActionError, defineAction, type ActionContext, type ReleaseAction } from '../model.js';
import { bulkUploadCsv, writeFailuresFile } from './bulk-csv.js';
import { formatDuration, progressLine } from './bulk-progress.js';
import type { FieldValue } from './field-values.js';
import { orgErrorOf } from './org-errors.js';
import { PerContext } from './per-context.js';
import { defaultActionId } from './action-id.js';
import { InvalidActionError } from '../../config/input-error.js';

type SelectedRecord = Record<string, unknown> & { Id: string };

export interface BackfillOptions {
  object: string;
  /** SOQL condition selecting the records that still need the change. */
  where: string;
  /** Field -> value, or a function computing the value from the selected record (list what it reads in `read`). */
  set: Record<string, FieldValue | ((record: SelectedRecord) => FieldValue)>;
  /** Fields the `set` functions read; selected with the records. */
  read?: string[];
  /**
   * This action's own cap. It can only lower the run's cap (`ctx.backfillMaxRecords`, SF_BACKFILL_MAX_RECORDS):
   * raising how many records a release may touch is the decision of the person running it, not of the file.
   */
  maxRecords?: number;
  /** First interval between job status polls (default 1000 ms); it grows by half each poll up to 10 s. */
  pollIntervalMs?: number;
  /** How long to wait for the job (default 1 hour); the job keeps running in the org after that. */
  timeoutMs?: number;
  id?: string;
  description?: string;
}

/**
 * One REST query page holds up to 2,000 records; above that a Bulk API 2.0 query needs fewer requests. Computed
 * values always read through REST, whose JSON keeps field types (Bulk query results are all text).
 */
const REST_PAGE = 2000;

export function backfill(options: BackfillOptions): ReleaseAction {
  const { object } = options;
  const fields = Object.keys(options.set);
  if (fields.length === 0) throw new InvalidActionError(`backfill(${object}): name at least one field to set`);
  if (!options.where.trim()) throw new InvalidActionError(`backfill(${object}): where must select the records that still need the change`);
  for (const f of [...fields, ...(options.read ?? [])]) if (!/^\w+$/.test(f)) throw new InvalidActionError(`backfill(${object}): "${f}" is not a field API name`);
  if (options.maxRecords !== undefined && (!Number.isInteger(options.maxRecords) || options.maxRecords < 1)) {
    throw new InvalidActionError(`backfill(${object}): maxRecords must be a whole number from 1`);
  }
  const computed = fields.some((f) => typeof options.set[f] === 'function');
  const id = options.id ?? defaultActionId('backfill', object, fields.join('.'));
  const seen = new PerContext<number>();

  const countPending = async (conn: Connection): Promise<number> => (await conn.query(`SELECT COUNT() FROM ${object} WHERE ${options.where}`)).totalSize;
  const capOf = (ctx: ActionContext): number => Math.min(ctx.backfillMaxRecords, options.maxRecords ?? Number.POSITIVE_INFINITY);
  const setText = fields.map((f) => `${f} = ${typeof options.set[f] === 'function' ? '(computed)' : JSON.stringify(options.set[f])}`).join(', ');

  return defineAction({
    id,
    description: options.description ?? `${object}: ${setText} where ${options.where}`,
    check: async (ctx) => {
      const pending = seen.keep(ctx, await countPending(ctx.conn));
      const cap = capOf(ctx);
      return {
        done: pending === 0,
        detail: `${pending.toLocaleString('en-US')} ${object} records still match ${options.where}`,
        pending:
          pending > cap
            ? `refuse: ${pending.toLocaleString('en-US')} records exceed the cap of ${cap.toLocaleString('en-US')} (raise SF_BACKFILL_MAX_RECORDS)`
            : `set ${setText} on ${pending.toLocaleString('en-US')} ${object} records through Bulk API 2.0`,
      };
    },
    apply: async (ctx) => {
      const pending = seen.take(ctx) ?? (await countPending(ctx.conn));
      const cap = capOf(ctx);
      const refuse = (n: number) =>
        new ActionError(
          id,
          `${n.toLocaleString('en-US')} ${object} records match, more than the cap of ${cap.toLocaleString('en-US')}; nothing was changed. ` +
            `If that many is right, run again with SF_BACKFILL_MAX_RECORDS=${n}${options.maxRecords !== undefined && options.maxRecords < ctx.backfillMaxRecords ? ` and raise this action's maxRecords` : ''}.`,
        );
      if (pending > cap) throw refuse(pending);

      const records = await selectRecords(ctx, options, computed || pending <= REST_PAGE ? 'rest' : 'bulk', cap);
      // Records may have appeared since the count: the cap holds for what would really be written.
      if (records.length > cap) throw refuse(records.length);
      if (records.length === 0) return 'no record needed the change any more';
      const rows = records.map((record) => {
        const row: Record<string, FieldValue> = { Id: record.Id };
        for (const f of fields) {
          const value = options.set[f];
          row[f] = typeof value === 'function' ? value(record) : (value ?? null);
        }
        return row;
      });
      return runIngestJob(ctx, id, object, ['Id', ...fields], rows, options);
    },
  });
}

async function selectRecords(ctx: ActionContext, options: BackfillOptions, via: 'rest' | 'bulk', cap: number): Promise<SelectedRecord[]> {
  const columns = ['Id', ...new Set((options.read ?? []).filter((f) => f !== 'Id'))];
  const soql = `SELECT ${columns.join(', ')} FROM ${options.object} WHERE ${options.where}`;
  if (via === 'rest') {
    // maxFetch one above the cap, so that a growing selection is noticed rather than silently cut.
    const result = await ctx.conn.query<SelectedRecord>(soql, { autoFetch: true, maxFetch: cap + 1 });
    ctx.log(`selected ${result.records.length.toLocaleString('en-US')} ${options.object} records (REST query)`);
    return result.records;
  }
  const stream = await ctx.conn.bulk2.query(soql, { pollInterval: options.pollIntervalMs ?? 1000, pollTimeout: options.timeoutMs ?? 3_600_000 });
  const records = await new Promise<SelectedRecord[]>((resolve, reject) => {
    const out: SelectedRecord[] = [];
    // jsforce's Parsable starts parsing only once a 'record' (or 'readable') listener is attached.
    stream.on('record', (record: SelectedRecord) => {
      // Every results page is a CSV with its own header row, and jsforce 3.10 pipes all pages into one parser,
      // so each page after the first yields one row that repeats the header ({Id: 'Id'}): never a record.
      if (record.Id !== 'Id') out.push(record);
    });
    stream.on('end', () => resolve(out));
    stream.on('error', reject);
  });
  ctx.log(`selected ${records.length.toLocaleString('en-US')} ${options.object} records (Bulk API 2.0 query)`);
  return records;
}

async function runIngestJob(
  ctx: ActionContext,
  actionId: string,
  object: string,
  columns: string[],
  rows: Array<Record<string, FieldValue>>,
  options: BackfillOptions,
): Promise<string> {
  const job = ctx.conn.bulk2.createJob({ object, operation: 'update', lineEnding: 'LF' });
  // jsforce also emits failures as 'error' events; the awaited calls below reject with the same error.
  job.on('error', () => undefined);
  try {
    await job.open();
    await job.uploadData(bulkUploadCsv(columns, rows));
    await job.close();
  } catch (error) {
    throw new ActionError(actionId, `Bulk API 2.0 refused the update job for ${object}`, orgErrorOf(error) ?? { message: (error as Error).message });
  }
  ctx.log(`Bulk API 2.0 job ${job.id}: ${rows.length.toLocaleString('en-US')} ${object} records uploaded`);

  const started = Date.now();
  const deadline = started + (options.timeoutMs ?? 3_600_000);
  let interval = options.pollIntervalMs ?? 1000;
  let info = job.getInfo();
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, interval));
    info = await job.check();
    ctx.log(`job ${job.id} ${info.state}: ${progressLine({ processed: info.numberRecordsProcessed ?? 0, failed: info.numberRecordsFailed ?? 0, total: rows.length, elapsedMs: Date.now() - started })}`);
    if (info.state === 'JobComplete' || info.state === 'Failed' || info.state === 'Aborted') break;
    if (Date.now() > deadline) {
      throw new ActionError(
        actionId,
        `job ${job.id} is still ${info.state} after ${formatDuration(Date.now() - started)}; it keeps running in the org (Setup > Bulk Data Load Jobs). Run again later: the check counts what is left.`,
      );
    }
    // Each poll is an API call: poll often at first, then less as the job proves long.
    interval = Math.min(Math.round(interval * 1.5), 10_000);
  }

  const elapsed = formatDuration(Date.now() - started);
  if (info.state !== 'JobComplete') {
    throw new ActionError(actionId, `job ${job.id} ended ${info.state} after ${elapsed}`, { errorCode: `BULK_JOB_${info.state.toUpperCase()}`, message: info.errorMessage ?? 'no error message' });
  }
  const failed = info.numberRecordsFailed ?? 0;
  const succeeded = (info.numberRecordsProcessed ?? 0) - failed;
  if (failed > 0) {
    const failures = (await job.getFailedResults()) as Array<Record<string, unknown>>;
    const file = writeFailuresFile(path.join(ctx.outputDir, `${actionId.replace(/[^\w.-]+/g, '_')}-failures.csv`), failures);
    const first = failures[0];
    ctx.log(`${failed.toLocaleString('en-US')} records failed; each with its error in ${file}`);
    throw new ActionError(
      actionId,
      `${failed.toLocaleString('en-US')} of ${rows.length.toLocaleString('en-US')} ${object} records failed (${succeeded.toLocaleString('en-US')} updated, job ${job.id}); failures in ${file}` +
        (first ? `; first: ${String(first['sf__Id'])} ${String(first['sf__Error'])}` : ''),
    );
  }
  return `updated ${succeeded.toLocaleString('en-US')} ${object} records in ${elapsed} (Bulk API 2.0 job ${job.id})`;
}
