/**
 * Activates a flow version (by default the latest), as a release manager would in Setup > Flows after a
 * deploy left the new version inactive.
 *
 * @example
 * releaseActions(activateFlow({ flow: 'Closed_Won_Onboarding' }));
 */
import { defineAction, type ReleaseAction } from '../model.js';
import { describeActivation, readFlowActivation, setActiveFlowVersion, type FlowActivationState } from './flow-definition.js';
import { PerContext } from './per-context.js';
import { defaultActionId } from './action-id.js';
import { InvalidActionError } from '../../config/input-error.js';

export interface ActivateFlowOptions {
  /** The flow's API name (FlowDefinition.DeveloperName). */
  flow: string;
  /** The version to activate; default: the latest version at the time the action runs. */
  version?: number;
  id?: string;
  description?: string;
}

export function activateFlow(options: ActivateFlowOptions): ReleaseAction {
  if (options.version !== undefined && (!Number.isInteger(options.version) || options.version < 1)) {
    throw new InvalidActionError(`activateFlow(${options.flow}): version must be a whole number from 1 (use deactivateFlow to deactivate)`);
  }
  const id = options.id ?? defaultActionId('activate-flow', options.flow);
  const seen = new PerContext<{ state: FlowActivationState; target: number }>();

  const targetOf = (state: FlowActivationState): number => {
    const latest = state.latestVersion;
    if (latest === null) throw new Error(`flow ${state.developerName} has no version to activate`);
    const target = options.version ?? latest;
    // Version numbers run 1..latest; a higher one was never deployed to this org.
    if (target > latest) throw new Error(`flow ${state.developerName} has versions 1 to ${latest}; version ${target} does not exist in this org`);
    return target;
  };

  return defineAction({
    id,
    description: options.description ?? `Flow ${options.flow}: version ${options.version ?? '(latest)'} is active`,
    check: async (ctx) => {
      const state = await readFlowActivation(ctx.conn, id, options.flow);
      const target = targetOf(state);
      seen.keep(ctx, { state, target });
      return {
        done: state.activeVersion === target,
        detail: describeActivation(state),
        pending: `activate version ${target} of ${state.developerName}`,
      };
    },
    apply: async (ctx) => {
      const known = seen.take(ctx);
      const state = known?.state ?? (await readFlowActivation(ctx.conn, id, options.flow));
      const target = known?.target ?? targetOf(state);
      await setActiveFlowVersion(ctx.conn, id, state, target);
      const before = state.activeVersion === null ? 'none was active' : `version ${state.activeVersion} was active`;
      ctx.log(`${state.developerName}: activated version ${target} (${before})`);
      return `activated version ${target} of ${state.developerName} (${before})`;
    },
  });
}
