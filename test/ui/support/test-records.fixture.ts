/**
 * Records a spec needs, created over the API before the browser opens, and deleted after the test in
 * reverse order, also when it failed (the org is shared by every test of the worker). Records that the UI
 * or a flow creates are registered with `track` so they go too.
 */
import type { Connection } from '@jsforce/jsforce-node';
import { Connection as JsforceConnection } from '@jsforce/jsforce-node';
import { API_VERSION, UI_USERNAMES, passwordOf, personasTest } from './personas.fixture.js';

export interface TestRecords {
  /** The release manager's API session (admin@postflight.test): setup, read-back and cleanup. */
  admin: Connection;
  /** Creates a record through the API as `as` (default the admin) and schedules its deletion. */
  create(object: string, values: Record<string, unknown>, as?: Connection): Promise<string>;
  /** Schedules the deletion of a record created some other way (through the UI, by a flow). */
  track(object: string, id: string): void;
  /** A record name unique to this test and worker, e.g. `Northwind w0-3f2a1c 1`. */
  uniqueName(prefix: string): string;
}

/** Errors that mean the record is already gone (a cascade delete got there first). */
const ALREADY_GONE = /ENTITY_IS_DELETED|NOT_FOUND|INVALID_CROSS_REFERENCE_KEY/;

export const testRecordsTest = personasTest.extend<{ records: TestRecords }>({
  records: async ({ sampleOrg }, use, testInfo) => {
    const admin = new JsforceConnection({ loginUrl: sampleOrg.url, version: API_VERSION });
    await admin.login(UI_USERNAMES.admin, passwordOf(UI_USERNAMES.admin));
    const created: Array<{ object: string; id: string }> = [];
    let counter = 0;
    await use({
      admin,
      create: async (object, values, as = admin) => {
        const result = await as.sobject(object).create(values);
        if (!result.success || !result.id) throw new Error(`could not create ${object}: ${JSON.stringify(result)}`);
        created.push({ object, id: result.id });
        return result.id;
      },
      track: (object, id) => {
        created.push({ object, id });
      },
      uniqueName: (prefix) => `${prefix} w${testInfo.workerIndex}-${testInfo.testId.slice(0, 6)} ${++counter}`,
    });
    const failures: string[] = [];
    for (const { object, id } of created.reverse()) {
      try {
        await admin.sobject(object).destroy(id);
      } catch (error) {
        const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
        if (!ALREADY_GONE.test(message)) failures.push(`${object} ${id}: ${message}`);
      }
    }
    if (failures.length > 0) throw new Error(`cleanup failed:\n${failures.join('\n')}`);
  },
});
