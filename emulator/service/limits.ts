/**
 * Org limits as `/limits` reports them (reference §3). DailyApiRequests counts the real requests the
 * HTTP layer reports and resets every 24 hours of the emulator's clock; the other limits carry the
 * values of a Developer/Enterprise edition org, with storage derived from the records in the store.
 */
import { SalesforceError } from '../contracts.js';

export interface LimitsOptions {
  dailyApiRequests: number;
  now: () => Date;
  /** Records in the store (each counts 2 KB of data storage, as Salesforce counts most records). */
  recordCount: () => number;
}

const DAY_MS = 86_400_000;

export class OrgLimits {
  private used = 0;
  private windowStart: number;

  constructor(private readonly options: LimitsOptions) {
    this.windowStart = options.now().getTime();
  }

  /** Counts one request; beyond the maximum the API answers 403 REQUEST_LIMIT_EXCEEDED. */
  countApiRequest(): [number, number] {
    this.roll();
    const max = this.options.dailyApiRequests;
    if (this.used >= max) throw new SalesforceError('REQUEST_LIMIT_EXCEEDED', 'TotalRequests Limit exceeded.', [], 403);
    this.used++;
    return [this.used, max];
  }

  limits(): Record<string, { Max: number; Remaining: number }> {
    this.roll();
    const dataUsedMb = Math.ceil((this.options.recordCount() * 2) / 1024);
    const fixed = (max: number): { Max: number; Remaining: number } => ({ Max: max, Remaining: max });
    return {
      ActiveScratchOrgs: fixed(3),
      AnalyticsExternalDataSizeMB: fixed(40960),
      ConcurrentAsyncGetReportInstances: fixed(200),
      ConcurrentSyncReportRuns: fixed(20),
      DailyAnalyticsDataflowJobExecutions: fixed(60),
      DailyApiRequests: { Max: this.options.dailyApiRequests, Remaining: Math.max(0, this.options.dailyApiRequests - this.used) },
      DailyAsyncApexExecutions: fixed(250000),
      DailyAsyncApexTests: fixed(500),
      DailyBulkApiBatches: fixed(15000),
      DailyBulkV2QueryFileStorageMB: fixed(976562),
      DailyBulkV2QueryJobs: fixed(10000),
      DailyDurableGenericStreamingApiEvents: fixed(10000),
      DailyDurableStreamingApiEvents: fixed(10000),
      DailyGenericStreamingApiEvents: fixed(10000),
      DailyScratchOrgs: fixed(6),
      DailyStandardVolumePlatformEvents: fixed(10000),
      DailyStreamingApiEvents: fixed(10000),
      DailyWorkflowEmails: fixed(2000),
      DataStorageMB: { Max: 5, Remaining: Math.max(0, 5 - dataUsedMb) },
      DurableStreamingApiConcurrentClients: fixed(20),
      FileStorageMB: fixed(20),
      HourlyAsyncReportRuns: fixed(1200),
      HourlyDashboardRefreshes: fixed(200),
      HourlyDashboardResults: fixed(5000),
      HourlyDashboardStatuses: fixed(999999999),
      HourlyLongTermIdMapping: fixed(100000),
      HourlyODataCallout: fixed(10000),
      HourlyPublishedPlatformEvents: fixed(50000),
      HourlyPublishedStandardVolumePlatformEvents: fixed(50000),
      HourlyShortTermIdMapping: fixed(100000),
      HourlySyncReportRuns: fixed(500),
      HourlyTimeBasedWorkflow: fixed(50),
      MassEmail: fixed(10),
      MonthlyPlatformEventsUsageEntitlement: fixed(300000),
      Package2VersionCreates: fixed(6),
      Package2VersionCreatesWithoutValidation: fixed(500),
      PermissionSets: fixed(1500),
      PrivateConnectOutboundCalloutHourlyLimitMB: fixed(0),
      SingleEmail: fixed(15),
      StreamingApiConcurrentClients: fixed(20),
    };
  }

  /** A new 24-hour window starts when the last one ran out (Salesforce's is rolling; this is close enough). */
  private roll(): void {
    const now = this.options.now().getTime();
    if (now - this.windowStart >= DAY_MS) {
      this.windowStart = now;
      this.used = 0;
    }
  }
}
