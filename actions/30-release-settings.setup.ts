/** The org default of Release_Settings__c switches onboarding on and records which release is live. */
import { updateCustomSetting } from '../src/actions/builtins/index.js';
import { releaseActions } from '../fixtures/release-actions.js';

releaseActions(
  updateCustomSetting({
    id: 'release-settings-org-default',
    setting: 'Release_Settings__c',
    owner: 'org',
    values: { Onboarding_Enabled__c: true, Release_Id__c: (ctx) => ctx.releaseId },
  }),
);
