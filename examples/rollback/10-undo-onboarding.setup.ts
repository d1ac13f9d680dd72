/**
 * Rolling back the sample release's actions (README, "After a release: the first hour", On red): the inverse
 * of actions/10-activate-flows and actions/30-release-settings, as actions of their own, since no built-in
 * action carries a `revert`. Run them as the actions project, which records them in the ledger:
 *
 *   SF_ACTIONS_DIR=examples/rollback npx playwright test --project=actions
 *
 * Stop `npm run watch` first: its next run would apply the release's actions again.
 */
import { deactivateFlow, updateCustomSetting } from '../../src/actions/builtins/index.js';
import { releaseActions } from '../../fixtures/release-actions.js';

releaseActions(
  deactivateFlow({ id: 'rollback-case-onboarding-task', flow: 'Case_Onboarding_Task' }),
  updateCustomSetting({ id: 'rollback-release-settings', setting: 'Release_Settings__c', owner: 'org', values: { Onboarding_Enabled__c: false } }),
);
