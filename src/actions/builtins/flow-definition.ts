/**
 * A flow's activation state as the Tooling API shows it, and the one write that changes it. This is how
 * CumulusCI's `activate_flow` works (field notes: query FlowDefinition, then PATCH
 * `tooling/sobjects/FlowDefinition/{Id}` with `{"Metadata":{"activeVersionNumber":N}}`, 0 deactivates).
 */
import type { Connection } from '@jsforce/jsforce-node';
import { ActionError } from '../model.js';
import { orgErrorOf } from './org-errors.js';
import { soqlString } from './soql.js';

export interface FlowActivationState {
  id: string;
  developerName: string;
  /** Null when no version is active. */
  activeVersion: number | null;
  /** Null only for a definition with no version at all. */
  latestVersion: number | null;
}

interface FlowDefinitionRow {
  Id: string;
  DeveloperName: string;
  ActiveVersion: { VersionNumber: number } | null;
  LatestVersion: { VersionNumber: number } | null;
}

/** One Tooling query. Throws when the org has no flow of that name (a typo or an undeployed flow). */
export async function readFlowActivation(conn: Connection, actionId: string, flow: string): Promise<FlowActivationState> {
  const result = await conn.tooling.query<FlowDefinitionRow>(
    `SELECT Id, DeveloperName, ActiveVersion.VersionNumber, LatestVersion.VersionNumber FROM FlowDefinition WHERE DeveloperName = ${soqlString(flow)}`,
  );
  const row = result.records[0];
  if (!row) throw new ActionError(actionId, `the org has no flow named "${flow}" (Tooling FlowDefinition.DeveloperName); was it deployed?`);
  return {
    id: row.Id,
    developerName: row.DeveloperName,
    activeVersion: row.ActiveVersion?.VersionNumber ?? null,
    latestVersion: row.LatestVersion?.VersionNumber ?? null,
  };
}

/** One Tooling PATCH; `version` 0 deactivates. The org's refusal is rethrown with its own error code. */
export async function setActiveFlowVersion(conn: Connection, actionId: string, state: FlowActivationState, version: number): Promise<void> {
  try {
    const result = await conn.tooling.update('FlowDefinition', { Id: state.id, Metadata: { activeVersionNumber: version } });
    if (!result.success) {
      throw new ActionError(actionId, `the org refused to set the active version of ${state.developerName} to ${version}`, {
        errorCode: 'UPDATE_FAILED',
        message: JSON.stringify(result.errors),
      });
    }
  } catch (error) {
    if (error instanceof ActionError) throw error;
    const orgError = orgErrorOf(error);
    const what = version === 0 ? `deactivate ${state.developerName}` : `activate version ${version} of ${state.developerName}`;
    throw new ActionError(actionId, `the org refused to ${what}`, orgError ?? { message: (error as Error).message });
  }
}

export function describeActivation(state: FlowActivationState): string {
  const active = state.activeVersion === null ? 'no active version' : `version ${state.activeVersion} active`;
  return `${state.developerName}: ${active}, latest version ${state.latestVersion ?? 'none'}`;
}
