/**
 * Postflight's built-in release actions: thin, composable steps through jsforce, each safe to rerun (the
 * check reads only; nothing is written when the check passes).
 */
export { activateFlow, type ActivateFlowOptions } from './activate-flow.js';
export { deactivateFlow, type DeactivateFlowOptions } from './deactivate-flow.js';
export { assignPermissionSets, type AssignPermissionSetsOptions } from './assign-permission-sets.js';
export { updateCustomSetting, type UpdateCustomSettingOptions } from './update-custom-setting.js';
export { upsertReferenceData, type UpsertReferenceDataOptions } from './upsert-reference-data.js';
export { backfill, type BackfillOptions } from './backfill.js';
export { anonymousApex, type AnonymousApexOptions } from './anonymous-apex.js';
export { step } from './step.js';
