/**
 * Open opportunities created before the release have no Discount__c: set it to 0 so that reports and the
 * discount rules see a number. Closed ones keep their history untouched.
 */
import { backfill } from '../src/actions/builtins/index.js';
import { releaseActions } from '../fixtures/release-actions.js';

releaseActions(
  backfill({
    id: 'backfill-open-opportunity-discount',
    object: 'Opportunity',
    where: 'IsClosed = false AND Discount__c = null',
    set: { Discount__c: 0 },
  }),
);
