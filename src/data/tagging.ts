/**
 * Test records carry the run id at the start of their name field, so that a person can see in a list view
 * that a record is Postflight's, and the teardown and the sweeper can find them with one selective query.
 */
import { RUN_ID_PATTERN } from '../run/run-id.js';

export function tagged(runId: string, label: string): string {
  return `${runId} ${label}`;
}

export function runIdOf(value: unknown): string | undefined {
  return typeof value === 'string' ? RUN_ID_PATTERN.exec(value)?.[0] : undefined;
}

/**
 * Where test data is named, per object, in the order the sweeper deletes (children before parents).
 * Records created by automation (a flow's onboarding Case) inherit the tag through their subject.
 */
export const TAGGED_FIELDS: readonly { object: string; field: string }[] = [
  { object: 'Task', field: 'Subject' },
  { object: 'Case', field: 'Subject' },
  { object: 'Opportunity', field: 'Name' },
  { object: 'Contact', field: 'LastName' },
  { object: 'Lead', field: 'LastName' },
  { object: 'Account', field: 'Name' },
];
