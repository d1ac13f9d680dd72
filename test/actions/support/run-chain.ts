/**
 * Runs release actions in order and stops at the first failure, as the actions project does
 * (fixtures/release-actions.ts skips every action after a failed one), so specs can assert what ran.
 */
import { step } from '../../../src/actions/builtins/index.js';
import { ActionError, type ActionContext, type ReleaseAction } from '../../../src/actions/model.js';
import { runAction, type ActionOutcome, type RunSettings } from '../../../src/actions/runner.js';

export interface ChainResult {
  outcomes: Array<{ id: string } & ActionOutcome>;
  failed?: { id: string; error: ActionError };
  notRun: string[];
}

export async function runChain(actions: ReleaseAction[], ctx: ActionContext, settings: RunSettings): Promise<ChainResult> {
  const result: ChainResult = { outcomes: [], notRun: [] };
  for (const action of actions) {
    if (result.failed) {
      result.notRun.push(action.id);
      continue;
    }
    try {
      result.outcomes.push({ id: action.id, ...(await runAction(action, ctx, settings)) });
    } catch (error) {
      if (!(error instanceof ActionError)) throw error;
      result.failed = { id: action.id, error };
    }
  }
  return result;
}

/**
 * A step to put after the action under test: when that action fails, the chain must stop before this one,
 * so `notRun` is `['after']`.
 */
export function stepAfter(): ReleaseAction {
  return step({ id: 'after', description: 'never runs', check: async () => ({ done: false, detail: '' }), apply: async () => 'ran' });
}
