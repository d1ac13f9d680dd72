/**
 * The plan's jobs and monitors are independent read-only queries (is the job still scheduled, did an Apex job
 * fail, does a query that must find nothing find something). With batching on, the first monitor check of a
 * worker asks all of them in one composite call and every check reads its own answer from it; with batching
 * off, each check sends its own query.
 */
import type { Connection } from '@jsforce/jsforce-node';
import { soqlString } from '../../actions/builtins/soql.js';
import { queryRequest, recordsOf, sendTogether, type SubResult } from '../../salesforce/composite.js';
import type { ReleasePlan } from '../schema.js';

export interface MonitorQuery {
  /** `scheduled0`, `failedJobs`, `zeroRows0`: the check that reads it. */
  ref: string;
  soql: string;
}

export function scheduledJobQuery(name: string): string {
  return `SELECT State, NextFireTime, CronJobDetail.Name FROM CronTrigger WHERE CronJobDetail.Name = ${soqlString(name)}`;
}

export function failedApexJobsQuery(hours: number, now = new Date()): string {
  const since = new Date(now.getTime() - hours * 3_600_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
  return `SELECT ApexClass.Name, JobType, ExtendedStatus FROM AsyncApexJob WHERE Status = 'Failed' AND CreatedDate >= ${since}`;
}

/** Every monitor query of the plan, named by the check that reads it. */
export function monitorQueries(plan: ReleasePlan, now = new Date()): MonitorQuery[] {
  return [
    ...plan.jobs.scheduled.map((name, i) => ({ ref: `scheduled${i}`, soql: scheduledJobQuery(name) })),
    { ref: 'failedJobs', soql: failedApexJobsQuery(plan.jobs.noFailedApexJobsWithinHours, now) },
    ...plan.jobs.zeroRowQueries.map((q, i) => ({ ref: `zeroRows${i}`, soql: q.soql })),
  ];
}

export class MonitorAnswers {
  private readonly batches = new WeakMap<Connection, Promise<Record<string, SubResult>>>();

  constructor(private readonly plan: ReleasePlan) {}

  /** The records the monitor query `ref` found; throws the org's error when the query failed. */
  async records<T = Record<string, unknown>>(conn: Connection, ref: string, options: { batching: boolean }): Promise<T[]> {
    const queries = monitorQueries(this.plan);
    if (!options.batching) {
      const query = queries.find((q) => q.ref === ref);
      if (!query) throw new Error(`no monitor query named ${ref}`);
      return recordsOf<T>((await sendTogether(conn, [queryRequest(ref, query.soql)], options))[ref]);
    }
    let batch = this.batches.get(conn);
    if (!batch) {
      batch = sendTogether(conn, queries.map((q) => queryRequest(q.ref, q.soql)), options);
      this.batches.set(conn, batch);
      // A failed call is not kept: the next check asks again.
      batch.catch(() => this.batches.delete(conn));
    }
    return recordsOf<T>((await batch)[ref]);
  }
}
