/**
 * The Technology Transfer Starter's access comes from its permission sets, so the release runbook makes sure
 * every persona holds the ones its team works with:
 * - licensing manager (sales-rep) and the disclosure portal integration: the TTO staff set;
 * - incubator manager (support-agent): mentoring and space management, plus Visa Management, which this
 *   release gives the incubator team for international founders (their user definition does not have it, so
 *   the plan's visa-field checks prove this action ran).
 * Users are selected by the usernames the configuration names for the personas, so the same file serves the
 * emulator and a real org.
 */
import { assignPermissionSets } from '../../../src/actions/builtins/index.js';
import { soqlString } from '../../../src/actions/builtins/soql.js';
import { loadConfig } from '../../../src/config/env.js';
import { PERSONAS, type PersonaName } from '../../../src/config/personas.js';
import { releaseActions } from '../../../fixtures/release-actions.js';

const config = loadConfig();

function usersOf(persona: PersonaName): string {
  const username = config.personas[persona].username;
  // A persona authenticated by token or auth URL may have no username configured; the assignment needs one.
  if (!username) throw new Error(`set ${PERSONAS[persona].envPrefix}_USERNAME so that ${persona}'s permission sets can be assigned`);
  return `Username = ${soqlString(username)}`;
}

releaseActions(
  assignPermissionSets({
    id: 'tts-assign-licensing-manager',
    permissionSets: ['Technology_Transfer_Starter_Permission'],
    users: usersOf('sales-rep'),
  }),
  assignPermissionSets({
    id: 'tts-assign-incubator-manager',
    permissionSets: [
      'Technology_Transfer_Starter_Mentoring_Manager',
      'Technology_Transfer_Starter_Space_Manager',
      'Technology_Transfer_Starter_Visa_Management',
    ],
    users: usersOf('support-agent'),
  }),
  assignPermissionSets({
    id: 'tts-assign-disclosure-integration',
    permissionSets: ['Technology_Transfer_Starter_Permission'],
    users: usersOf('integration-user'),
  }),
);
