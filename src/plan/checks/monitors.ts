/**
 * The plan's jobs and monitors are independent read-only queries (is the job still scheduled, did an Apex job
 * fail since the release, does a query that must find nothing find something, is there anything new since the
 * release). With batching on, the first monitor check of a worker asks all of them in one composite call and
 * every check reads its own answer from it; with batching off, each check sends its own query.
 */
import type { Connection } from '@jsforce/jsforce-node';
import { soqlString } from '../../actions/builtins/soql.js';
import { queryRequest, recordsOf, sendTogether, SubrequestError, type SubResult } from '../../salesforce/composite.js';
import type { ReleasePlan } from '../schema.js';
import { boundedSince, type ReleaseWindow } from '../since-release.js';

export interface MonitorQuery {
  /** `scheduled0`, `failedJobs`, `zeroRows0`, `since0`: the check that reads it. */
  ref: string;
  /** The query, or why it could not be built (a since-release monitor whose SOQL does not parse). */
  soql: string | Error;
}

export interface MonitorAnswer<T> {
  soql: string;
  records: T[];
  /** All the rows the query matched (`records` holds the first page of them). */
  totalSize: number;
}

export function scheduledJobQuery(name: string): string {
  return `SELECT State, NextFireTime, CronJobDetail.Name FROM CronTrigger WHERE CronJobDetail.Name = ${soqlString(name)}`;
}

export function failedApexJobsQuery(window: ReleaseWindow): string {
  return `SELECT ApexClass.Name, JobType, ExtendedStatus, CreatedDate FROM AsyncApexJob WHERE Status = 'Failed' AND CreatedDate >= ${window.since}`;
}

/** Every monitor query of the plan, named by the check that reads it. */
export function monitorQueries(plan: ReleasePlan, window: ReleaseWindow): MonitorQuery[] {
  return [
    ...plan.jobs.scheduled.map((name, i) => ({ ref: `scheduled${i}`, soql: scheduledJobQuery(name) })),
    { ref: 'failedJobs', soql: failedApexJobsQuery(window) },
    ...plan.jobs.zeroRowQueries.map((q, i) => ({ ref: `zeroRows${i}`, soql: q.soql })),
    ...plan.monitors.map((m, i) => ({ ref: `since${i}`, soql: sinceQuery(m.soql, m.since, window) })),
  ];
}

function sinceQuery(soql: string, field: string, window: ReleaseWindow): string | Error {
  try {
    return boundedSince(soql, field, window.since);
  } catch (error) {
    return error as Error;
  }
}

export class MonitorAnswers {
  private built: MonitorQuery[] | undefined;
  private readonly batches = new WeakMap<Connection, Promise<Record<string, SubResult>>>();

  constructor(
    private readonly plan: ReleasePlan,
    private readonly window: ReleaseWindow,
  ) {}

  /**
   * Built when a monitor first asks, not when the tests are declared: bounding a since-release query parses it,
   * and every worker declares the monitors while only the monitors' worker runs them (soql-parser.ts).
   */
  private get queries(): MonitorQuery[] {
    this.built ??= monitorQueries(this.plan, this.window);
    return this.built;
  }

  /** The records the monitor query `ref` found; throws the org's error when the query failed. */
  async records<T = Record<string, unknown>>(conn: Connection, ref: string, options: { batching: boolean }): Promise<T[]> {
    return (await this.answer<T>(conn, ref, options)).records;
  }

  /** The query `ref` as sent, what it found and how many rows it matched. */
  async answer<T = Record<string, unknown>>(conn: Connection, ref: string, options: { batching: boolean }): Promise<MonitorAnswer<T>> {
    const query = this.queries.find((q) => q.ref === ref);
    if (!query) throw new Error(`no monitor query named ${ref}`);
    if (query.soql instanceof Error) throw query.soql;
    const soql = query.soql;
    let result: SubResult | undefined;
    if (!options.batching) {
      result = (await sendTogether(conn, [queryRequest(ref, soql)], options))[ref];
    } else {
      let batch = this.batches.get(conn);
      if (!batch) {
        const sendable = this.queries.filter((q): q is { ref: string; soql: string } => typeof q.soql === 'string');
        batch = sendTogether(conn, sendable.map((q) => queryRequest(q.ref, q.soql)), options);
        this.batches.set(conn, batch);
        // A failed call is not kept: the next check asks again.
        batch.catch(() => this.batches.delete(conn));
      }
      result = (await batch)[ref];
    }
    const records = recordsOf<T>(result);
    const totalSize = (result?.body as { totalSize?: unknown } | null)?.totalSize;
    if (typeof totalSize !== 'number') throw new SubrequestError({ errorCode: 'NO_TOTAL_SIZE', message: `the org answered ${ref} without a totalSize` });
    return { soql, records, totalSize };
  }
}
