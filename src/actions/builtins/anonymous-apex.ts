/**
 * Runs anonymous Apex from a file, guarded by a required check query so that it runs once: when the query
 * already shows the desired state, the Apex is not sent. Compile problems and runtime exceptions fail the
 * action with their line and column (the failure `sf apex run` long reported with exit code 0,
 * forcedotcom/cli#77).
 *
 * @example
 * releaseActions(anonymousApex({
 *   file: 'actions/apex/recalculate-tiers.apex',
 *   check: { soql: "SELECT Id FROM Account WHERE Customer_Tier__c = null LIMIT 1", expect: 'no-rows' },
 * }));
 */
import path from 'node:path';
import { readActionFile } from './reference-data-file.js';
import { ActionError, defineAction, type ReleaseAction } from '../model.js';
import { orgErrorOf } from './org-errors.js';
import { defaultActionId } from './action-id.js';
import { InvalidActionError } from '../../config/input-error.js';

export interface AnonymousApexOptions {
  /** A file holding the Apex block. */
  file: string;
  /** Done when the query returns rows (`expect: 'rows'`) or returns none (`'no-rows'`). COUNT() queries count too. */
  check: { soql: string; expect: 'rows' | 'no-rows' };
  id?: string;
  description?: string;
}

interface ExecuteAnonymousResult {
  compiled: boolean;
  success: boolean;
  line: number;
  column: number;
  compileProblem: string | null;
  exceptionMessage: string | null;
  exceptionStackTrace: string | null;
}

export function anonymousApex(options: AnonymousApexOptions): ReleaseAction {
  if (!options.check?.soql?.trim()) throw new InvalidActionError(`anonymousApex(${options.file}): a check query is required, so that the Apex runs only once`);
  if (options.check.expect !== 'rows' && options.check.expect !== 'no-rows') throw new InvalidActionError(`anonymousApex(${options.file}): check.expect must be 'rows' or 'no-rows'`);
  // Read when the release is declared: a missing file stops the run before anything is written.
  const apex = readActionFile(options.file, 'anonymous Apex');
  if (!apex.trim()) throw new InvalidActionError(`anonymousApex: ${options.file} is empty`);
  const name = path.basename(options.file);
  const id = options.id ?? defaultActionId('apex', name);
  const { soql, expect } = options.check;

  return defineAction({
    id,
    description: options.description ?? `Anonymous Apex ${name} (done when ${expect === 'rows' ? 'rows exist' : 'no row remains'} for: ${soql})`,
    check: async (ctx) => {
      const result = await ctx.conn.query(soql);
      // totalSize, not records.length: a COUNT() query returns its count there and no records.
      const rows = result.totalSize;
      return {
        done: expect === 'rows' ? rows > 0 : rows === 0,
        detail: `the check query returned ${rows} row${rows === 1 ? '' : 's'} (done when ${expect === 'rows' ? 'at least one' : 'none'})`,
        pending: `run ${name} (${apex.split('\n').length} lines of anonymous Apex)`,
      };
    },
    apply: async (ctx) => {
      let result: ExecuteAnonymousResult;
      try {
        result = (await ctx.conn.tooling.executeAnonymous(apex)) as ExecuteAnonymousResult;
      } catch (error) {
        throw new ActionError(id, `the org refused to run ${name}`, orgErrorOf(error) ?? { message: (error as Error).message });
      }
      // Apex lines count from 1 in the file as sent; the org reports -1 when it has no position.
      const at = (line: number, column: number) => (line > 0 ? `${name} line ${line}, column ${column}` : name);
      if (!result.compiled) {
        throw new ActionError(id, `compile problem at ${at(result.line, result.column)}: ${result.compileProblem || 'no detail given'}; nothing was run`);
      }
      if (!result.success) {
        const trace = result.exceptionStackTrace ? ` (${result.exceptionStackTrace.replace(/\s+/g, ' ').trim()})` : '';
        // A runtime exception rolls back the whole anonymous block's DML (Apex transaction semantics).
        throw new ActionError(id, `runtime exception at ${at(result.line, result.column)}: ${result.exceptionMessage || 'no message'}${trace}; its changes were rolled back`);
      }
      ctx.log(`${name}: compiled and ran without exception`);
      return `ran ${name}`;
    },
  });
}
