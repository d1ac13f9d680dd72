/**
 * Each persona gets the permission set this release gives its team (org/README.md, "Who can do what").
 * Users are selected by the usernames the configuration names for the personas, so the same file serves the
 * emulator and a real org.
 */
import { assignPermissionSets } from '../src/actions/builtins/index.js';
import { soqlString } from '../src/actions/builtins/soql.js';
import { loadConfig } from '../src/config/env.js';
import type { PersonaName } from '../src/config/personas.js';
import { releaseActions } from '../fixtures/release-actions.js';

const config = loadConfig();

function usernameOf(persona: PersonaName): string {
  const username = config.personas[persona].username;
  // A persona authenticated by token or auth URL may have no username configured; the assignment needs one.
  if (!username) throw new Error(`set ${persona.toUpperCase().replace(/-/g, '_')} username (SF_..._USERNAME) so its permission set can be assigned`);
  return username;
}

releaseActions(
  assignPermissionSets({ id: 'assign-sales-rep', permissionSets: ['Sales_Rep'], users: `Username = ${soqlString(usernameOf('sales-rep'))}` }),
  assignPermissionSets({ id: 'assign-support-agent', permissionSets: ['Support_Agent'], users: `Username = ${soqlString(usernameOf('support-agent'))}` }),
  assignPermissionSets({
    id: 'assign-integration-user',
    permissionSets: ['Integration_User'],
    users: `Username = ${soqlString(usernameOf('integration-user'))}`,
  }),
);
