/**
 * Bulk API 2.0 job state (ingest and query) for the org. Rows travel through the org service, one record
 * at a time through the full save pipeline (validation rules, flows, security), in chunks of 200 per
 * transaction like Salesforce's internal batches. Processing is asynchronous and yields to the event loop
 * between slices, so a client polling the job sees `UploadComplete`/`InProgress` and then `JobComplete`.
 *
 * CSV text is the HTTP room's business: this module takes and gives rows of strings.
 */
import { randomBytes } from 'node:crypto';
import { SalesforceError } from '../contracts.js';
import type { OrgServiceApi, Session, WireRecord, WireValue } from '../contracts.js';
import { IdMinter, normalizeId } from '../ids.js';
import type { FieldType, OrgSchema } from '../metadata/types.js';

export type IngestOperation = 'insert' | 'update' | 'upsert' | 'delete';
export type JobState = 'Open' | 'UploadComplete' | 'InProgress' | 'JobComplete' | 'Failed' | 'Aborted';
export type LineEnding = 'LF' | 'CRLF';
export type ColumnDelimiter = 'COMMA' | 'TAB' | 'SEMICOLON' | 'PIPE' | 'CARET' | 'BACKQUOTE';

/** Salesforce's internal batch size for Bulk API 2.0 ingest [DOC: "processed in chunks of 200"]. */
export const BULK_CHUNK_SIZE = 200;
/** Bulk 2.0 treats `#N/A` as "set this field to null" [DOC]; an empty cell leaves the field unset. */
export const BULK_NULL = '#N/A';

export interface CsvTable {
  columns: string[];
  rows: string[][];
}

export interface ResultRow {
  /** `sf__Id` */
  id: string;
  /** `sf__Created` (successful) */
  created?: boolean;
  /** `sf__Error` (failed) */
  error?: string;
  values: string[];
}

interface JobBase {
  id: string;
  object: string;
  createdById: string;
  createdDate: string;
  systemModstamp: string;
  state: JobState;
  apiVersion: string;
  lineEnding: LineEnding;
  columnDelimiter: ColumnDelimiter;
  session: Session;
  errorMessage?: string;
  startedAt?: number;
  finishedAt?: number;
}

interface IngestJob extends JobBase {
  kind: 'ingest';
  operation: IngestOperation;
  externalIdFieldName?: string;
  upload?: CsvTable;
  next: number;
  successful: ResultRow[];
  failed: ResultRow[];
}

interface QueryJob extends JobBase {
  kind: 'query';
  operation: 'query' | 'queryAll';
  query: string;
  columns: string[];
  rows: string[][];
}

export interface BulkJobsOptions {
  /** Wall-clock budget of one processing slice before yielding to the event loop (ms). */
  sliceMs?: number;
}

const DELIMITERS: Record<ColumnDelimiter, string> = { COMMA: ',', TAB: '\t', SEMICOLON: ';', PIPE: '|', CARET: '^', BACKQUOTE: '`' };

export function delimiterChar(name: ColumnDelimiter): string {
  return DELIMITERS[name];
}

function wireDate(ms: number): string {
  return new Date(ms).toISOString().replace('Z', '+0000');
}

export class BulkJobs {
  private readonly jobs = new Map<string, IngestJob | QueryJob>();
  /** Bulk jobs are AsyncApexJob-like `750` ids. */
  private readonly ids = new IdMinter(Number.parseInt(randomBytes(2).toString('hex'), 16));
  private readonly sliceMs: number;

  constructor(
    private readonly service: OrgServiceApi,
    private readonly schema: OrgSchema,
    options: BulkJobsOptions = {},
  ) {
    this.sliceMs = options.sliceMs ?? 40;
  }

  // --- ingest ---------------------------------------------------------------------------------

  createIngest(session: Session, body: Record<string, unknown>, apiVersion: string): Record<string, unknown> {
    const operation = String(body['operation'] ?? '');
    const object = String(body['object'] ?? '');
    if (!['insert', 'update', 'upsert', 'delete', 'hardDelete'].includes(operation)) {
      throw new SalesforceError('INVALIDJOB', `InvalidJob : Invalid operation: ${operation || '(none)'}`);
    }
    if (operation === 'hardDelete') {
      // The emulator keeps a recycle bin only; hard delete has no equivalent in the org service.
      throw new SalesforceError('FEATURENOTENABLED', 'hardDelete is not supported by the org emulator; use delete');
    }
    const def = this.schema.objects.get(object.toLowerCase());
    if (!def || def.tooling) throw new SalesforceError('INVALIDJOB', `InvalidJob : Unable to find object: ${object}`);
    const externalIdFieldName = body['externalIdFieldName'] === undefined ? undefined : String(body['externalIdFieldName']);
    if (operation === 'upsert' && !externalIdFieldName) {
      throw new SalesforceError('INVALIDJOB', 'InvalidJob : External ID was blank for upsert operation');
    }
    if (body['contentType'] !== undefined && body['contentType'] !== 'CSV') {
      throw new SalesforceError('INVALIDJOB', `InvalidJob : Invalid content type: ${String(body['contentType'])}`);
    }
    const now = Date.now();
    const job: IngestJob = {
      kind: 'ingest',
      id: this.ids.next('750'),
      operation: operation as IngestOperation,
      object: def.name,
      externalIdFieldName,
      createdById: session.userId,
      createdDate: wireDate(now),
      systemModstamp: wireDate(now),
      state: 'Open',
      apiVersion,
      lineEnding: readLineEnding(body['lineEnding']),
      columnDelimiter: readDelimiter(body['columnDelimiter']),
      session,
      next: 0,
      successful: [],
      failed: [],
    };
    this.jobs.set(job.id, job);
    return { ...this.ingestInfo(job.id), contentUrl: `services/data/v${apiVersion}/jobs/ingest/${job.id}/batches` };
  }

  /** Settings a CSV upload must be parsed with. */
  uploadFormat(jobId: string): { lineEnding: LineEnding; columnDelimiter: ColumnDelimiter } {
    const job = this.ingest(jobId);
    return { lineEnding: job.lineEnding, columnDelimiter: job.columnDelimiter };
  }

  upload(jobId: string, table: CsvTable): void {
    const job = this.ingest(jobId);
    if (job.state !== 'Open') {
      // [UNVERIFIED] code; Salesforce refuses data for a job that is no longer Open.
      throw new SalesforceError('INVALIDJOBSTATE', `Job ${jobId} is not in Open state (state: ${job.state})`, [], 409);
    }
    if (!job.upload) {
      job.upload = { columns: table.columns, rows: [...table.rows] };
      return;
    }
    if (job.upload.columns.join('\u0000') !== table.columns.join('\u0000')) {
      throw new SalesforceError('INVALIDBATCH', 'InvalidBatch : all uploads to a job must have the same columns');
    }
    for (const row of table.rows) job.upload.rows.push(row);
  }

  /** PATCH `{state}`: `UploadComplete` starts processing, `Aborted` stops it. */
  setIngestState(jobId: string, state: unknown): Record<string, unknown> {
    const job = this.ingest(jobId);
    if (state === 'UploadComplete') {
      if (job.state !== 'Open') throw new SalesforceError('INVALIDJOBSTATE', `Job ${jobId} is not in Open state (state: ${job.state})`, [], 409);
      job.state = 'UploadComplete';
      job.systemModstamp = wireDate(Date.now());
      setImmediate(() => this.processIngest(job));
    } else if (state === 'Aborted') {
      if (job.state === 'JobComplete' || job.state === 'Failed' || job.state === 'Aborted') {
        throw new SalesforceError('INVALIDJOBSTATE', `Job ${jobId} is already ${job.state} and cannot be aborted`, [], 409);
      }
      job.state = 'Aborted';
      job.systemModstamp = wireDate(Date.now());
    } else {
      throw new SalesforceError('INVALIDJOBSTATE', `Invalid state: ${String(state)}`);
    }
    return this.ingestInfo(jobId);
  }

  ingestInfo(jobId: string): Record<string, unknown> {
    const job = this.ingest(jobId);
    const processing = (job.finishedAt ?? Date.now()) - (job.startedAt ?? Date.now());
    const info: Record<string, unknown> = {
      id: job.id,
      operation: job.operation,
      object: job.object,
      createdById: job.createdById,
      createdDate: job.createdDate,
      systemModstamp: job.systemModstamp,
      state: job.state,
      externalIdFieldName: job.externalIdFieldName ?? null,
      concurrencyMode: 'Parallel',
      contentType: 'CSV',
      apiVersion: Number(job.apiVersion),
      jobType: 'V2Ingest',
      lineEnding: job.lineEnding,
      columnDelimiter: job.columnDelimiter,
      numberRecordsProcessed: job.successful.length + job.failed.length,
      numberRecordsFailed: job.failed.length,
      retries: 0,
      totalProcessingTime: job.startedAt ? processing : 0,
      apiActiveProcessingTime: job.startedAt ? processing : 0,
      apexProcessingTime: 0,
    };
    if (job.errorMessage) info['errorMessage'] = job.errorMessage;
    return info;
  }

  results(jobId: string, which: 'successful' | 'failed' | 'unprocessed'): { columns: string[]; rows: ResultRow[] | string[][] } {
    const job = this.ingest(jobId);
    const columns = job.upload?.columns ?? [];
    if (which === 'successful') return { columns, rows: job.successful };
    if (which === 'failed') return { columns, rows: job.failed };
    // Unprocessed: rows never attempted because the job was aborted or failed.
    const rows = job.upload && (job.state === 'Aborted' || job.state === 'Failed') ? job.upload.rows.slice(job.next) : [];
    return { columns, rows };
  }

  // --- query ----------------------------------------------------------------------------------

  createQuery(session: Session, body: Record<string, unknown>, apiVersion: string, columnsOf: (soql: string) => string[]): Record<string, unknown> {
    const operation = body['operation'] === 'queryAll' ? 'queryAll' : body['operation'] === 'query' || body['operation'] === undefined ? 'query' : null;
    if (!operation) throw new SalesforceError('INVALIDJOB', `InvalidJob : Invalid operation: ${String(body['operation'])}`);
    const soql = String(body['query'] ?? '');
    // The query is validated and run at creation, through the service (so security applies); the
    // results are held as a snapshot, as Salesforce does before handing out result pages.
    const records: WireRecord[] = [];
    let page = this.service.query(session, soql, { scanAll: operation === 'queryAll', apiVersion });
    records.push(...page.records);
    while (!page.done && page.nextLocator) {
      page = this.service.queryMore(session, page.nextLocator, apiVersion);
      records.push(...page.records);
    }
    const first = records[0]?.['attributes'] as { type?: string } | undefined;
    const columns = columnsOf(soql);
    const now = Date.now();
    const job: QueryJob = {
      kind: 'query',
      id: this.ids.next('750'),
      operation,
      query: soql,
      object: first?.type ?? (/\bFROM\s+(\w+)/i.exec(soql)?.[1] ?? ''),
      createdById: session.userId,
      createdDate: wireDate(now),
      systemModstamp: wireDate(now),
      state: 'UploadComplete',
      apiVersion,
      lineEnding: readLineEnding(body['lineEnding']),
      columnDelimiter: readDelimiter(body['columnDelimiter']),
      session,
      columns,
      rows: records.map((r) => columns.map((c) => cellOf(r, c))),
      startedAt: now,
    };
    this.jobs.set(job.id, job);
    setImmediate(() => {
      if (job.state !== 'UploadComplete') return;
      job.state = 'JobComplete';
      job.finishedAt = Date.now();
      job.systemModstamp = wireDate(job.finishedAt);
    });
    return this.queryInfo(job.id);
  }

  queryInfo(jobId: string): Record<string, unknown> {
    const job = this.query(jobId);
    return {
      id: job.id,
      operation: job.operation,
      object: job.object,
      createdById: job.createdById,
      createdDate: job.createdDate,
      systemModstamp: job.systemModstamp,
      state: job.state,
      concurrencyMode: 'Parallel',
      contentType: 'CSV',
      apiVersion: Number(job.apiVersion),
      jobType: 'V2Query',
      lineEnding: job.lineEnding,
      columnDelimiter: job.columnDelimiter,
      numberRecordsProcessed: job.state === 'JobComplete' ? job.rows.length : 0,
      retries: 0,
      totalProcessingTime: (job.finishedAt ?? Date.now()) - (job.startedAt ?? Date.now()),
    };
  }

  abortQuery(jobId: string): Record<string, unknown> {
    const job = this.query(jobId);
    if (job.state === 'JobComplete' || job.state === 'Aborted' || job.state === 'Failed') {
      throw new SalesforceError('INVALIDJOBSTATE', `Job ${jobId} is already ${job.state} and cannot be aborted`, [], 409);
    }
    job.state = 'Aborted';
    return this.queryInfo(jobId);
  }

  /**
   * One page of query results. The locator is opaque to clients (Salesforce's look like base64 of
   * the offset); the last page answers `null` so jsforce stops (it loops `while (locator !== 'null')`).
   */
  queryResults(jobId: string, locator: string | null, maxRecords: number | null): { columns: string[]; rows: string[][]; nextLocator: string } {
    const job = this.query(jobId);
    if (job.state !== 'JobComplete') throw new SalesforceError('INVALIDJOBSTATE', `Job ${jobId} is not complete (state: ${job.state})`, [], 409);
    let offset = 0;
    if (locator) {
      offset = Number(Buffer.from(locator, 'base64url').toString('utf8'));
      if (!Number.isInteger(offset) || offset < 0 || offset > job.rows.length) throw new SalesforceError('INVALID_LOCATOR', `Invalid locator: ${locator}`);
    }
    const size = maxRecords && maxRecords > 0 ? maxRecords : 50_000;
    const rows = job.rows.slice(offset, offset + size);
    const end = offset + rows.length;
    return { columns: job.columns, rows, nextLocator: end < job.rows.length ? Buffer.from(String(end)).toString('base64url') : 'null' };
  }

  // --- both -------------------------------------------------------------------------------------

  list(kind: 'ingest' | 'query', session: Session): Record<string, unknown>[] {
    return [...this.jobs.values()].filter((j) => j.kind === kind && j.createdById === session.userId).map((j) => (j.kind === 'ingest' ? this.ingestInfo(j.id) : this.queryInfo(j.id)));
  }

  delete(kind: 'ingest' | 'query', jobId: string): void {
    const job = kind === 'ingest' ? this.ingest(jobId) : this.query(jobId);
    if (job.state === 'InProgress' || (job.kind === 'ingest' && job.state === 'UploadComplete')) {
      throw new SalesforceError('INVALIDJOBSTATE', `Job ${jobId} is still being processed and cannot be deleted`, [], 409);
    }
    this.jobs.delete(jobId);
  }

  /**
   * A job is its creator's: another user's job id answers NOT_FOUND, as if it did not exist, so its results
   * (records read under the creator's sharing and field access) never reach a user who could not read them.
   * [UNVERIFIED] whether Salesforce lets users with Manage Data Integrations reach others' jobs over the API;
   * the emulator does not.
   */
  requireOwner(session: Session, jobId: string): void {
    const job = this.jobs.get(normalizeId(jobId) ?? jobId);
    if (!job || job.createdById !== session.userId) throw new SalesforceError('NOT_FOUND', 'The requested resource does not exist', [], 404);
  }

  private ingest(jobId: string): IngestJob {
    const job = this.jobs.get(normalizeId(jobId) ?? jobId);
    if (!job || job.kind !== 'ingest') throw new SalesforceError('NOT_FOUND', 'The requested resource does not exist', [], 404);
    return job;
  }

  private query(jobId: string): QueryJob {
    const job = this.jobs.get(normalizeId(jobId) ?? jobId);
    if (!job || job.kind !== 'query') throw new SalesforceError('NOT_FOUND', 'The requested resource does not exist', [], 404);
    return job;
  }

  // --- processing -------------------------------------------------------------------------------

  private processIngest(job: IngestJob): void {
    if (job.state !== 'UploadComplete') return;
    job.state = 'InProgress';
    job.startedAt = Date.now();
    job.systemModstamp = wireDate(job.startedAt);
    const table = job.upload ?? { columns: [], rows: [] };
    const problem = this.checkColumns(job, table.columns);
    if (problem) {
      this.finish(job, 'Failed', problem);
      return;
    }
    const slice = (): void => {
      if (job.state !== 'InProgress') return;
      const deadline = Date.now() + this.sliceMs;
      try {
        while (job.next < table.rows.length && Date.now() < deadline) {
          const chunk = table.rows.slice(job.next, job.next + BULK_CHUNK_SIZE);
          this.service.transaction(() => {
            for (const row of chunk) this.processRow(job, table.columns, row);
          });
          job.next += chunk.length;
        }
      } catch (err) {
        this.finish(job, 'Failed', `InternalServerError : ${(err as Error).message}`);
        return;
      }
      if (job.next >= table.rows.length) this.finish(job, 'JobComplete');
      else setImmediate(slice);
    };
    slice();
  }

  private finish(job: IngestJob, state: JobState, errorMessage?: string): void {
    job.state = state;
    job.finishedAt = Date.now();
    job.systemModstamp = wireDate(job.finishedAt);
    if (errorMessage) job.errorMessage = errorMessage;
  }

  /** A column that is not a field fails the whole job, as Salesforce does before processing rows. */
  private checkColumns(job: IngestJob, columns: string[]): string | undefined {
    const def = this.schema.objects.get(job.object.toLowerCase());
    if (!def) return `InvalidBatch : Unable to find object: ${job.object}`;
    if (columns.length === 0) return 'InvalidBatch : Failed to parse CSV header';
    for (const column of columns) {
      if (column.includes('.')) return `InvalidBatch : Relationship columns are not supported by the org emulator: ${column}`;
      if (!def.fields.has(column.toLowerCase())) return `InvalidBatch : Field name not found : ${column}`;
    }
    if ((job.operation === 'update' || job.operation === 'delete') && !columns.some((c) => c.toLowerCase() === 'id')) {
      return 'InvalidBatch : Field name not found : Id';
    }
    return undefined;
  }

  private processRow(job: IngestJob, columns: string[], row: string[]): void {
    const values: WireRecord = {};
    let id: string | undefined;
    let externalValue: string | undefined;
    columns.forEach((column, i) => {
      const cell = row[i] ?? '';
      if (column.toLowerCase() === 'id') {
        id = cell;
        return;
      }
      if (job.externalIdFieldName && column.toLowerCase() === job.externalIdFieldName.toLowerCase()) externalValue = cell;
      if (cell === '') return;
      values[column] = cell === BULK_NULL ? null : this.coerce(job.object, column, cell);
    });
    try {
      // Every service save runs in its own (nested) store transaction, so a failed row leaves nothing
      // behind; the chunk's outer transaction only batches the commits.
      switch (job.operation) {
        case 'insert': {
          const newId = this.service.create(job.session, job.object, values);
          job.successful.push({ id: newId, created: true, values: row });
          break;
        }
        case 'update': {
          const recordId = this.requireRowId(job, id);
          this.service.update(job.session, job.object, recordId, values);
          job.successful.push({ id: recordId, created: false, values: row });
          break;
        }
        case 'upsert': {
          const field = job.externalIdFieldName as string;
          if (field.toLowerCase() === 'id') {
            const recordId = id ? this.requireRowId(job, id) : undefined;
            if (recordId) {
              this.service.update(job.session, job.object, recordId, values);
              job.successful.push({ id: recordId, created: false, values: row });
            } else {
              job.successful.push({ id: this.service.create(job.session, job.object, values), created: true, values: row });
            }
            break;
          }
          if (!externalValue) throw new SalesforceError('MISSING_ARGUMENT', `${field} not specified`, [field]);
          const { [Object.keys(values).find((k) => k.toLowerCase() === field.toLowerCase()) ?? field]: _ext, ...rest } = values;
          const result = this.service.upsert(job.session, job.object, field, externalValue, rest);
          job.successful.push({ id: result.id, created: result.created, values: row });
          break;
        }
        case 'delete': {
          const recordId = this.requireRowId(job, id);
          this.service.delete(job.session, job.object, recordId);
          job.successful.push({ id: recordId, created: false, values: row });
          break;
        }
      }
    } catch (err) {
      if (!(err instanceof SalesforceError)) throw err;
      job.failed.push({ id: id && normalizeId(id) ? (normalizeId(id) as string) : '', error: bulkErrorText(err), values: row });
    }
  }

  private requireRowId(job: IngestJob, raw: string | undefined): string {
    const id = raw ? normalizeId(raw) : null;
    if (!id) {
      const label = this.schema.objects.get(job.object.toLowerCase())?.label ?? job.object;
      throw new SalesforceError('MALFORMED_ID', `${label} ID: id value of incorrect type: ${raw ?? ''}`, ['Id']);
    }
    return id;
  }

  /** CSV cells are text; the service takes wire values, so numbers and booleans are converted by type. */
  private coerce(object: string, field: string, cell: string): WireValue {
    const type: FieldType | undefined = this.schema.objects.get(object.toLowerCase())?.fields.get(field.toLowerCase())?.type;
    switch (type) {
      case 'boolean': {
        const lower = cell.toLowerCase();
        if (lower === 'true' || lower === '1' || lower === 'yes') return true;
        if (lower === 'false' || lower === '0' || lower === 'no') return false;
        return cell;
      }
      case 'int':
      case 'double':
      case 'currency':
      case 'percent': {
        const n = Number(cell);
        return cell.trim() !== '' && Number.isFinite(n) ? n : cell;
      }
      default:
        return cell;
    }
  }
}

/** `sf__Error` text: `CODE:message:fields --` ([UNVERIFIED] exact punctuation, the widely seen shape). */
export function bulkErrorText(err: SalesforceError): string {
  return `${err.errorCode}:${err.message}:${err.fields.join(',')} --`;
}

function readLineEnding(value: unknown): LineEnding {
  if (value === undefined || value === null) return 'LF';
  if (value === 'LF' || value === 'CRLF') return value;
  throw new SalesforceError('INVALIDJOB', `InvalidJob : Invalid lineEnding: ${String(value)}`);
}

function readDelimiter(value: unknown): ColumnDelimiter {
  if (value === undefined || value === null) return 'COMMA';
  if (typeof value === 'string' && value in DELIMITERS) return value as ColumnDelimiter;
  throw new SalesforceError('INVALIDJOB', `InvalidJob : Invalid columnDelimiter: ${String(value)}`);
}

/** A query column (`Name`, `Account.Name`) read from a nested query record; null becomes an empty cell. */
function cellOf(record: WireRecord, column: string): string {
  let current: unknown = record;
  for (const part of column.split('.')) {
    if (current === null || typeof current !== 'object') return '';
    const obj = current as Record<string, unknown>;
    const key = Object.keys(obj).find((k) => k.toLowerCase() === part.toLowerCase());
    current = key === undefined ? undefined : obj[key];
  }
  if (current === null || current === undefined) return '';
  if (typeof current === 'object') return JSON.stringify(current);
  return String(current);
}
