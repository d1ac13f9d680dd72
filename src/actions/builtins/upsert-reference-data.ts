/**
 * Upserts reference data (price tiers, regions, product codes...) from a file on an external id, writing
 * only the rows that differ from the org: when every row already matches, nothing is written.
 *
 * @example
 * releaseActions(upsertReferenceData({ object: 'Account', file: 'data/erp-accounts.csv', externalId: 'ERP_Id__c' }));
 */
import path from 'node:path';
import { ActionError, defineAction, type ActionContext, type ReleaseAction } from '../model.js';
import { sameFieldValue, showValue } from './field-values.js';
import { collectionErrors, formatOrgError, type CollectionSaveResult } from './org-errors.js';
import { PerContext } from './per-context.js';
import { readReferenceData, type ReferenceRow } from './reference-data-file.js';
import { collectionChunks, inGroups, soqlList } from './soql.js';
import { defaultActionId } from './action-id.js';
import { InvalidActionError } from '../../config/input-error.js';

export interface UpsertReferenceDataOptions {
  object: string;
  /** A `.csv` file with a header row of field API names, or an `sf data tree` `.json` file. */
  file: string;
  /** The external id field every row carries (e.g. `ERP_Id__c`). */
  externalId: string;
  id?: string;
  description?: string;
}

interface Difference {
  row: ReferenceRow;
  key: string;
  change: 'insert' | 'update';
  fields: string[];
}

export function upsertReferenceData(options: UpsertReferenceDataOptions): ReleaseAction {
  const { object, externalId } = options;
  // Read and validated when the release is declared, so a broken file stops the run before anything is written.
  const rows = readReferenceData(options.file, object);
  if (rows.length === 0) throw new InvalidActionError(`upsertReferenceData: ${options.file} has no rows`);
  const fields = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  if (!fields.includes(externalId)) throw new InvalidActionError(`upsertReferenceData: ${options.file} has no ${externalId} column`);
  const keys = new Set<string>();
  rows.forEach((row, i) => {
    const key = row[externalId];
    if (key === null || key === undefined || key === '') throw new InvalidActionError(`upsertReferenceData: ${options.file} row ${i + 1} has no ${externalId}`);
    // Text external ids match case-insensitively unless the field is marked case-sensitive (Salesforce field docs).
    const norm = String(key).toLowerCase();
    if (keys.has(norm)) throw new InvalidActionError(`upsertReferenceData: ${options.file} has ${externalId} "${String(key)}" twice`);
    keys.add(norm);
  });
  const id = options.id ?? defaultActionId('reference-data', object, path.basename(options.file));
  const seen = new PerContext<Difference[]>();

  const compare = async (ctx: ActionContext): Promise<Difference[]> => {
    const inOrg = new Map<string, Record<string, unknown>>();
    for (const group of inGroups([...keys])) {
      const result = await ctx.conn.query<Record<string, unknown>>(`SELECT Id, ${fields.join(', ')} FROM ${object} WHERE ${externalId} IN ${soqlList(group)}`, {
        autoFetch: true,
        maxFetch: 100_000,
      });
      for (const record of result.records) inOrg.set(String(record[externalId]).toLowerCase(), record);
    }
    const differences: Difference[] = [];
    for (const row of rows) {
      const key = String(row[externalId]);
      const existing = inOrg.get(key.toLowerCase());
      if (!existing) {
        differences.push({ row, key, change: 'insert', fields: Object.keys(row) });
        continue;
      }
      const changed = Object.keys(row).filter((f) => f !== externalId && !sameFieldValue(existing[f], row[f]));
      if (changed.length) differences.push({ row, key, change: 'update', fields: changed.map((f) => `${f} ${showValue(existing[f])} -> ${showValue(row[f])}`) });
    }
    return differences;
  };

  return defineAction({
    id,
    description: options.description ?? `${object} reference data from ${path.basename(options.file)} (${rows.length} rows on ${externalId})`,
    check: async (ctx) => {
      const differences = seen.keep(ctx, await compare(ctx));
      const inserts = differences.filter((d) => d.change === 'insert').length;
      return {
        done: differences.length === 0,
        detail: `${rows.length - differences.length} of ${rows.length} rows already match`,
        pending: `upsert ${differences.length} ${object} rows on ${externalId} (${inserts} new, ${differences.length - inserts} changed)`,
      };
    },
    apply: async (ctx) => {
      const differences = seen.take(ctx) ?? (await compare(ctx));
      // CSV cells are text; the org's JSON wants booleans and numbers typed, so read the field types once.
      const typed = options.file.toLowerCase().endsWith('.csv') ? await csvTyping(ctx, object) : (row: ReferenceRow) => row;
      const failures: string[] = [];
      let created = 0;
      let updated = 0;
      for (const chunk of collectionChunks(differences)) {
        // Only the rows that differ are sent; allOrNone false so one bad row does not hold back the others.
        const results = (await ctx.conn.sobject(object).upsert(
          chunk.map((d) => typed(d.row)),
          externalId,
          { allOrNone: false },
        )) as Array<CollectionSaveResult & { created?: boolean }>;
        chunk.forEach((d, i) => {
          const result = results[i];
          if (result?.success) {
            if (result.created) created++;
            else updated++;
            ctx.log(`${externalId} ${d.key}: ${result.created ? 'inserted' : `updated ${d.fields.join(', ')}`}`);
          } else {
            const why = result ? collectionErrors(result).map(formatOrgError).join('; ') : 'no result returned';
            ctx.log(`${externalId} ${d.key}: FAILED ${why}`);
            failures.push(`${externalId} ${d.key}: ${why}`);
          }
        });
      }
      const summary = `${created} inserted, ${updated} updated, ${rows.length - differences.length} unchanged`;
      if (failures.length) throw new ActionError(id, `${failures.length} of ${differences.length} rows were refused (${summary}):\n  ${failures.join('\n  ')}`);
      return summary;
    },
  });
}

const NUMERIC_TYPES = new Set(['int', 'double', 'currency', 'percent', 'long']);

/** Converts CSV text to the JSON types of the object's fields (one describe request). */
async function csvTyping(ctx: ActionContext, object: string): Promise<(row: ReferenceRow) => ReferenceRow> {
  const describe = await ctx.conn.describe(object);
  const types = new Map(describe.fields.map((f) => [f.name.toLowerCase(), f.type as string]));
  return (row) =>
    Object.fromEntries(
      Object.entries(row).map(([field, value]) => {
        if (typeof value !== 'string') return [field, value];
        const type = types.get(field.toLowerCase());
        if (type === 'boolean') return [field, /^(true|1|yes)$/i.test(value.trim())];
        if (type && NUMERIC_TYPES.has(type) && value.trim() !== '' && Number.isFinite(Number(value))) return [field, Number(value)];
        return [field, value];
      }),
    );
}
