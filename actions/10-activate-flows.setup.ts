/**
 * This release adds the Case_Onboarding_Task flow; the runbook activates it after the deploy (teams deploy
 * new flows inactive so nothing fires half-way through the deployment). Closed_Won_Onboarding is an existing
 * flow that the deploy must leave active: it is not activated here, so a deploy that leaves it in Draft
 * (org/overlays/flow-inactive) is caught by the plan's automation check instead of being papered over.
 */
import { activateFlow } from '../src/actions/builtins/index.js';
import { releaseActions } from '../fixtures/release-actions.js';

releaseActions(activateFlow({ id: 'activate-case-onboarding-task', flow: 'Case_Onboarding_Task' }));
