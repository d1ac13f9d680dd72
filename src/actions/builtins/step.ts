/**
 * The generic escape hatch: any release step written by hand, held to the same contract as the built-ins
 * (a read-only check, an apply that changes only what the check found missing, a verify that proves it).
 *
 * @example
 * releaseActions(step({
 *   id: 'retire-legacy-queue',
 *   description: 'The Legacy Support queue has no members',
 *   check: async ({ conn }) => { ... return { done, detail, pending }; },
 *   apply: async ({ conn }) => { ...; return 'removed 3 members'; },
 * }));
 */
import { defineAction, type ActionDefinition, type ReleaseAction } from '../model.js';
import { InvalidActionError } from '../../config/input-error.js';

export function step(definition: ActionDefinition): ReleaseAction {
  const problems: string[] = [];
  const where = `step(${JSON.stringify(definition?.id ?? '')})`;
  if (typeof definition?.id !== 'string' || !definition.id.trim()) problems.push('id is required (the ledger keys on it)');
  if (typeof definition?.description !== 'string' || !definition.description.trim()) problems.push('description is required (the report shows it)');
  if (typeof definition?.check !== 'function') problems.push('check must be a function that only reads');
  if (typeof definition?.apply !== 'function') problems.push('apply must be a function');
  if (definition?.verify !== undefined && typeof definition.verify !== 'function') problems.push('verify must be a function when given');
  if (definition?.revert !== undefined && typeof definition.revert !== 'function') problems.push('revert must be a function when given');
  if (definition?.mutating !== undefined && typeof definition.mutating !== 'boolean') problems.push('mutating must be true or false when given');
  if (problems.length) throw new InvalidActionError(`${where}: ${problems.join('; ')}`);
  return defineAction(definition);
}
