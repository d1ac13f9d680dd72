/**
 * The Technology Transfer Starter project under test, and the readers of what it declares in its own XML
 * (test/support/sfdx-project-metadata.ts), so that the spec's tables can be checked against the project.
 *
 * @example
 *   const rules = activeValidationRules(TTS_PROJECT);   // [{ object: 'TTS_Technology__c', name: ..., errorMessage: ... }, ...]
 *   const flows = activeRecordTriggeredFlows(TTS_PROJECT); // [{ name: 'TTS_Auto_Update_PI_on_Technology', object: 'TTS_Inventor__c', ... }]
 */
import { TECHNOLOGY_TRANSFER_STARTER } from '../../support/shared-samples.js';

export {
  activeRecordTriggeredFlows,
  activeValidationRules,
  flowLabel,
  ruleMessage,
  validationRules,
  type ProjectRecordTriggeredFlow,
  type ProjectValidationRule,
} from '../../support/sfdx-project-metadata.js';

/** The public SFDX project under test (read-only), beside the repository as the README's worked example says. */
export const TTS_PROJECT = `${TECHNOLOGY_TRANSFER_STARTER}/`;
