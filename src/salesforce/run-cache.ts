/**
 * What does not change during a run, kept per persona for the whole run so that each is asked of the org once:
 * describes as the persona sees them, and the org's active record type ids. In memory per worker, and on disk
 * in the run's state folder so that every worker of a persona shares it (the teardown removes the folder).
 *
 * Safe because nothing the suite does changes metadata: the release is deployed before the run, and the
 * release actions (which change assignments, and so what a persona sees) run before any persona project.
 *
 * With batching on, a describe that is not cached yet also fetches the other objects the release plan says
 * this persona will need, in the same composite call. With caching off (SF_CACHING=false, the benchmark's
 * naive baseline) nothing is kept: every describe and record type lookup is a request.
 *
 * @example
 * attachRunCache(conn, new RunCache(conn, { persona: 'sales-rep', dir, caching: true, batching: true }));
 * await describeAs(conn, 'Opportunity'); // record-values.ts consults the attached cache
 */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Connection, DescribeSObjectResult } from '@jsforce/jsforce-node';
import { soqlString } from '../actions/builtins/soql.js';
import { claimOrWait, releaseClaim } from '../run/claim.js';
import { describeRequest, errorOf, sendTogether, SubrequestError, MAX_SUBREQUESTS, type SubResult } from './composite.js';

export interface RunCacheOptions {
  /** The persona whose connection this is (describes differ per user). */
  persona: string;
  /** This persona's folder for this run, e.g. `.auth/runs/<runId>/cache/sales-rep`. */
  dir: string;
  caching: boolean;
  batching: boolean;
}

/** A describe, or the reason the persona cannot describe the object (it does not exist for them). */
type Cached = { describe: DescribeSObjectResult } | { absent: string };

/** Answers that mean "this user cannot see this object" rather than "something went wrong". */
const ABSENT_CODES = new Set(['NOT_FOUND', 'INSUFFICIENT_ACCESS', 'INVALID_TYPE']);

/** How long a worker waits for another one's describes before it fetches its own. */
const CLAIM_TIMEOUT_MS = 15_000;

const planned = new Map<string, Set<string>>();

/** The release plan declares which objects each persona's checks describe, so a miss can fetch them together. */
export function planDescribes(persona: string, objects: Iterable<string>): void {
  let set = planned.get(persona);
  if (!set) planned.set(persona, (set = new Set()));
  for (const object of objects) set.add(object);
}

const caches = new WeakMap<Connection, RunCache>();

export function attachRunCache(conn: Connection, cache: RunCache): void {
  caches.set(conn, cache);
}

export function runCacheOf(conn: Connection): RunCache | undefined {
  return caches.get(conn);
}

export class RunCache {
  private readonly describes = new Map<string, Promise<Cached>>();
  private recordTypes?: Promise<Map<string, string>>;

  constructor(
    private readonly conn: Connection,
    private readonly options: RunCacheOptions,
  ) {}

  /** The object as this persona sees it, or undefined when the persona cannot see it at all. */
  async describe(object: string): Promise<DescribeSObjectResult | undefined> {
    if (!this.options.caching) return answer(await this.fetchOne(object));
    const key = object.toLowerCase();
    let pending = this.describes.get(key);
    if (!pending) {
      pending = this.loadOrFetch(object);
      this.describes.set(key, pending);
      // A failure is not kept: the next check asks again.
      pending.catch(() => this.describes.delete(key));
    }
    return answer(await pending);
  }

  /** The id of an object's active record type by developer name (one query of every active record type per run). */
  async recordTypeId(object: string, developerName: string): Promise<string | undefined> {
    if (!this.options.caching) {
      const found = await this.conn.query<{ Id: string }>(
        `SELECT Id FROM RecordType WHERE SobjectType = ${soqlString(object)} AND DeveloperName = ${soqlString(developerName)} AND IsActive = true`,
      );
      return found.records[0]?.Id;
    }
    if (!this.recordTypes) {
      const loading = this.loadRecordTypes();
      this.recordTypes = loading;
      loading.catch(() => (this.recordTypes = undefined));
    }
    return (await this.recordTypes).get(`${object}.${developerName}`.toLowerCase());
  }

  private async loadOrFetch(object: string): Promise<Cached> {
    const file = describeFile(object);
    const onDisk = this.read<Cached>(file);
    if (onDisk) return onDisk;
    if (!this.options.batching) {
      const cached = await this.fetchOne(object);
      this.write(file, cached);
      return cached;
    }
    // Workers of one persona start together: one fetches the persona's describes, the others wait for its files.
    const lock = this.file(path.join('describe', '.fetching'));
    const claim = await claimOrWait(lock, this.file(file), CLAIM_TIMEOUT_MS);
    if (claim === 'done') return this.read<Cached>(file) ?? this.fetchTogether(object);
    if (claim === 'gone') return this.fetchTogether(object);
    try {
      return await this.fetchTogether(object);
    } finally {
      releaseClaim(lock);
    }
  }

  /** This object and every other planned one not cached yet, in one composite call. */
  private async fetchTogether(object: string): Promise<Cached> {
    const others = [...(planned.get(this.options.persona) ?? [])].filter(
      (o) => o.toLowerCase() !== object.toLowerCase() && !this.describes.has(o.toLowerCase()) && !existsSync(this.file(describeFile(o))),
    );
    const wanted = [object, ...others].slice(0, MAX_SUBREQUESTS);
    const results = await sendTogether(this.conn, wanted.map((o, i) => describeRequest(`d${i}`, o)), { batching: true });
    let mine: Cached | undefined;
    wanted.forEach((o, i) => {
      const cached = fromResult(results[`d${i}`]);
      if (!cached) return;
      this.write(describeFile(o), cached);
      if (i === 0) mine = cached;
      // Later checks in this worker find them in memory.
      else if (!this.describes.has(o.toLowerCase())) this.describes.set(o.toLowerCase(), Promise.resolve(cached));
    });
    if (mine) return mine;
    throw new SubrequestError(errorOf(results.d0) ?? { errorCode: 'NO_RESULT', message: `no describe of ${object}` });
  }

  private async fetchOne(object: string): Promise<Cached> {
    try {
      return { describe: await this.conn.describe(object) };
    } catch (error) {
      const code = (error as { errorCode?: string }).errorCode;
      if (code && ABSENT_CODES.has(code)) return { absent: code };
      throw error;
    }
  }

  private async loadRecordTypes(): Promise<Map<string, string>> {
    const onDisk = this.read<Record<string, string>>('record-types.json');
    if (onDisk) return new Map(Object.entries(onDisk));
    const result = await this.conn.query<{ Id: string; SobjectType: string; DeveloperName: string }>(
      'SELECT Id, SobjectType, DeveloperName FROM RecordType WHERE IsActive = true',
      { autoFetch: true, maxFetch: 50_000 },
    );
    const ids = Object.fromEntries(result.records.map((r) => [`${r.SobjectType}.${r.DeveloperName}`.toLowerCase(), r.Id]));
    this.write('record-types.json', ids);
    return new Map(Object.entries(ids));
  }

  private file(name: string): string {
    return path.join(this.options.dir, name);
  }

  private read<T>(name: string): T | undefined {
    const file = this.file(name);
    if (!existsSync(file)) return undefined;
    return JSON.parse(readFileSync(file, 'utf8')) as T;
  }

  /** Written under a temporary name and renamed, so another worker never reads half a file. */
  private write(name: string, value: unknown): void {
    const file = this.file(name);
    mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    const temporary = `${file}.${process.pid}.tmp`;
    writeFileSync(temporary, JSON.stringify(value), { mode: 0o600 });
    renameSync(temporary, file);
  }
}

function describeFile(object: string): string {
  if (!/^\w+$/.test(object)) throw new Error(`"${object}" is not an object API name`);
  return path.join('describe', `${object.toLowerCase()}.json`);
}

function fromResult(result: SubResult | undefined): Cached | undefined {
  const error = errorOf(result);
  if (!error) return { describe: result?.body as DescribeSObjectResult };
  return ABSENT_CODES.has(error.errorCode) ? { absent: error.errorCode } : undefined;
}

function answer(cached: Cached): DescribeSObjectResult | undefined {
  return 'describe' in cached ? cached.describe : undefined;
}
