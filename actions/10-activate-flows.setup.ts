/**
 * The release's record-triggered flows must be active: closing a deal opens an onboarding case, which gets
 * its kick-off task. A deploy that leaves a flow in Draft (org/overlays/flow-inactive) breaks both silently.
 */
import { activateFlow } from '../src/actions/builtins/index.js';
import { releaseActions } from '../fixtures/release-actions.js';

releaseActions(
  activateFlow({ id: 'activate-closed-won-onboarding', flow: 'Closed_Won_Onboarding' }),
  activateFlow({ id: 'activate-case-onboarding-task', flow: 'Case_Onboarding_Task' }),
);
