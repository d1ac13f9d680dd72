/**
 * Sets fields of a hierarchy custom setting for one level of the hierarchy: the org default (the row whose
 * SetupOwnerId is the org id), a profile or a user. Creates the row when the level has none.
 *
 * Custom metadata records (`__mdt`) are refused here on purpose: Salesforce allows no REST DML on them (they
 * are metadata, deployed with the release as `customMetadata/*.md-meta.xml` or through the Metadata API).
 *
 * @example
 * releaseActions(updateCustomSetting({
 *   setting: 'Release_Settings__c',
 *   values: { Onboarding_Enabled__c: true, Release_Id__c: 'R-2026-11' },
 * }));
 */
import { ActionError, defineAction, type ActionContext, type ReleaseAction } from '../model.js';
import { sameFieldValue, showValue, type FieldValue } from './field-values.js';
import { orgErrorOf } from './org-errors.js';
import { PerContext } from './per-context.js';
import { soqlString } from './soql.js';
import { defaultActionId } from './action-id.js';
import { InvalidActionError } from '../../config/input-error.js';

export interface UpdateCustomSettingOptions {
  /** The hierarchy custom setting's API name, e.g. `Release_Settings__c`. */
  setting: string;
  /** Field API name -> value; a function receives the run's context (for `ctx.releaseId`). */
  values: Record<string, FieldValue | ((ctx: ActionContext) => FieldValue)>;
  /** Which level: `'org'` (default, the org-wide default), a username (contains `@`) or a profile name. */
  owner?: string;
  id?: string;
  description?: string;
}

interface Level {
  ownerId: string;
  label: string;
  row?: Record<string, unknown> & { Id: string };
  wanted: Record<string, FieldValue>;
  differences: string[];
}

export function updateCustomSetting(options: UpdateCustomSettingOptions): ReleaseAction {
  const setting = options.setting.trim();
  if (/__mdt$/i.test(setting)) {
    throw new InvalidActionError(
      `updateCustomSetting(${setting}): custom metadata records cannot be changed through REST DML; Salesforce treats them as metadata. ` +
        'Deploy them with the release (customMetadata/<Type>.<Record>.md-meta.xml) or through the Metadata API, then verify them with a step() that queries the record.',
    );
  }
  if (!/^\w+__c$/i.test(setting)) throw new InvalidActionError(`updateCustomSetting: "${setting}" is not a custom setting API name (Name__c)`);
  const fields = Object.keys(options.values);
  if (fields.length === 0) throw new InvalidActionError(`updateCustomSetting(${setting}): name at least one field to set`);
  for (const f of fields) if (!/^\w+$/.test(f)) throw new InvalidActionError(`updateCustomSetting(${setting}): "${f}" is not a field API name`);
  const owner = options.owner?.trim() || 'org';
  const id = options.id ?? defaultActionId('custom-setting', setting, owner);
  const seen = new PerContext<Level>();

  const read = async (ctx: ActionContext): Promise<Level> => {
    const { ownerId, label } = await resolveOwner(ctx, id, owner);
    const rows = await ctx.conn.query<Record<string, unknown> & { Id: string }>(
      `SELECT Id, ${fields.join(', ')} FROM ${setting} WHERE SetupOwnerId = ${soqlString(ownerId)}`,
    );
    const row = rows.records[0];
    const wanted: Record<string, FieldValue> = {};
    for (const [field, value] of Object.entries(options.values)) wanted[field] = typeof value === 'function' ? value(ctx) : value;
    const differences = Object.entries(wanted)
      .filter(([field, value]) => !row || !sameFieldValue(row[field], value))
      .map(([field, value]) => `${field}: ${showValue(row?.[field])} -> ${showValue(value)}`);
    return { ownerId, label, row, wanted, differences };
  };

  return defineAction({
    id,
    description: options.description ?? `${setting} (${owner === 'org' ? 'org default' : owner}): ${fields.join(', ')} set for the release`,
    check: async (ctx) => {
      const level = seen.keep(ctx, await read(ctx));
      return {
        done: level.row !== undefined && level.differences.length === 0,
        detail: level.row ? `${setting} row for ${level.label}: ${level.differences.length ? level.differences.join(', ') : 'every value as wanted'}` : `no ${setting} row for ${level.label}`,
        pending: level.row ? `update ${level.differences.join(', ')}` : `create the ${setting} row for ${level.label} with ${level.differences.join(', ')}`,
      };
    },
    apply: async (ctx) => {
      const level = seen.take(ctx) ?? (await read(ctx));
      try {
        if (level.row) {
          await ctx.conn.sobject(setting).update({ Id: level.row.Id, ...level.wanted });
        } else {
          await ctx.conn.sobject(setting).create({ SetupOwnerId: level.ownerId, ...level.wanted });
        }
      } catch (error) {
        throw new ActionError(id, `the org refused to ${level.row ? 'update' : 'create'} the ${setting} row for ${level.label}`, orgErrorOf(error) ?? { message: (error as Error).message });
      }
      const summary = `${level.row ? 'updated' : 'created'} ${setting} for ${level.label}: ${level.differences.join(', ')}`;
      ctx.log(summary);
      return summary;
    },
  });
}

/** The SetupOwnerId of the hierarchy level: the org's id (known to the run, or one read), a user's id or a profile's id (one read). */
async function resolveOwner(ctx: ActionContext, actionId: string, owner: string): Promise<{ ownerId: string; label: string }> {
  const conn = ctx.conn;
  if (owner === 'org') {
    if (ctx.orgId) return { ownerId: ctx.orgId, label: 'the org default' };
    const org = await conn.query<{ Id: string }>('SELECT Id FROM Organization LIMIT 1');
    const row = org.records[0];
    if (!row) throw new ActionError(actionId, 'the org returned no Organization row');
    return { ownerId: row.Id, label: 'the org default' };
  }
  if (owner.includes('@')) {
    const users = await conn.query<{ Id: string }>(`SELECT Id FROM User WHERE Username = ${soqlString(owner)}`);
    const row = users.records[0];
    if (!row) throw new ActionError(actionId, `no user with username ${owner}`);
    return { ownerId: row.Id, label: `user ${owner}` };
  }
  const profiles = await conn.query<{ Id: string }>(`SELECT Id FROM Profile WHERE Name = ${soqlString(owner)}`);
  const row = profiles.records[0];
  if (!row) throw new ActionError(actionId, `no profile named "${owner}" (owner is 'org', a username or a profile name)`);
  return { ownerId: row.Id, label: `profile ${owner}` };
}
