/**
 * What the release must not have broken in the background: the nightly ERP sync is still scheduled, and no
 * Apex job failed since the release started. Run as the release manager (reading jobs needs View Setup).
 */
import { test, expect } from '../../fixtures/index.js';

test(
  'the nightly ERP sync is still scheduled with a next fire time',
  { tag: ['@monitors', '@smoke', '@area:jobs', '@component:CronTrigger:Nightly ERP Sync', '@severity:critical'] },
  async ({ sf }) => {
    const jobs = await sf.query<{ State: string; NextFireTime: string | null; CronJobDetail: { Name: string } }>(
      "SELECT State, NextFireTime, CronJobDetail.Name FROM CronTrigger WHERE CronJobDetail.Name = 'Nightly ERP Sync'",
    );
    expect(jobs.totalSize, 'the "Nightly ERP Sync" job is not scheduled').toBe(1);
    const job = jobs.records[0]!;
    expect(['WAITING', 'ACQUIRED', 'EXECUTING'], `job state is ${job.State}`).toContain(job.State);
    expect(job.NextFireTime, 'the job has no next fire time').not.toBeNull();
    expect(new Date(job.NextFireTime!).getTime(), 'the next fire time is in the past').toBeGreaterThan(Date.now() - 60_000);
  },
);

test(
  'no Apex job failed in the last 24 hours',
  { tag: ['@monitors', '@smoke', '@area:jobs', '@component:AsyncApexJob'] },
  async ({ sf }) => {
    const failed = await sf.query<{ ApexClass: { Name: string } | null; JobType: string; ExtendedStatus: string | null }>(
      "SELECT ApexClass.Name, JobType, ExtendedStatus FROM AsyncApexJob WHERE Status = 'Failed' AND CreatedDate = LAST_N_DAYS:1",
    );
    const described = failed.records.map((j) => `${j.ApexClass?.Name ?? j.JobType}: ${j.ExtendedStatus ?? 'no detail'}`);
    expect(described, 'failed Apex jobs').toEqual([]);
  },
);
