/**
 * Deactivates a flow (no version active), for example a flow the release retires, or one that must be off
 * while data is loaded (CumulusCI#3320, #3413).
 *
 * @example
 * releaseActions(deactivateFlow({ flow: 'Legacy_Lead_Routing' }));
 */
import { defineAction, type ReleaseAction } from '../model.js';
import { describeActivation, readFlowActivation, setActiveFlowVersion, type FlowActivationState } from './flow-definition.js';
import { PerContext } from './per-context.js';
import { defaultActionId } from './action-id.js';

export interface DeactivateFlowOptions {
  /** The flow's API name (FlowDefinition.DeveloperName). */
  flow: string;
  id?: string;
  description?: string;
}

export function deactivateFlow(options: DeactivateFlowOptions): ReleaseAction {
  const id = options.id ?? defaultActionId('deactivate-flow', options.flow);
  const seen = new PerContext<FlowActivationState>();
  return defineAction({
    id,
    description: options.description ?? `Flow ${options.flow}: no version is active`,
    check: async (ctx) => {
      const state = seen.keep(ctx, await readFlowActivation(ctx.conn, id, options.flow));
      return {
        done: state.activeVersion === null,
        detail: describeActivation(state),
        pending: `deactivate ${state.developerName} (version ${state.activeVersion ?? '?'} is active)`,
      };
    },
    apply: async (ctx) => {
      const state = seen.take(ctx) ?? (await readFlowActivation(ctx.conn, id, options.flow));
      // activeVersionNumber 0 (or null) deactivates (reference §7; CumulusCI's deactivate_flow).
      await setActiveFlowVersion(ctx.conn, id, state, 0);
      ctx.log(`${state.developerName}: deactivated (version ${state.activeVersion ?? '?'} was active)`);
      return `deactivated ${state.developerName} (version ${state.activeVersion ?? '?'} was active)`;
    },
  });
}
