/**
 * The saves a check makes before it can judge anything (parents, each after its own parents, then the record,
 * then its update), as one chain: each later save names an earlier one's id as `@{ref.id}`, and the chain goes
 * to the org in one `/composite` call with batching on (one request instead of one per save), or one save at a
 * time with SF_BATCHING=false (sendTogether resolves the references itself). The org runs them in order, each
 * in its own transaction (allOrNone false), as it runs separate requests, so automation sees the same saves.
 *
 * Every record the chain saved is handed to `adopt` before any failure is reported, so the teardown removes it
 * whatever happened after. A failure is reported as the first save that failed, in the check's own words;
 * the saves after it that needed it are not run (PROCESSING_HALTED) and are not reported over it.
 *
 * @example
 * const chain = new SaveChain({ persona: 'support-agent', component: 'Flow:X', conn, adminSf, adopt, tagged });
 * const parents = await chain.addParents(trigger.parents, 'closing a case');
 * const record = chain.create('Case', { Subject: 'x', ...parents }, 'could not create the Case that starts it');
 * chain.update('Case', record, { Status: 'Closed' }, 'could not update the Case');
 * await chain.send({ batching: true });
 * chain.idOf(record); // '500...'
 */
import type { Connection } from '@jsforce/jsforce-node';
import { createRequest, errorOf, queryRequest, sendTogether, updateRequest, type Subrequest, type SubResult } from '../../salesforce/composite.js';
import { completeValues, describeAs, resolveRecordType, type Values } from '../record-values.js';
import type { ParentSpec } from '../schema.js';

export interface SaveChainContext {
  /** Who saves (failure messages name them). */
  persona: string;
  /** What the check is about, leading its failure messages (`Flow:Case_Onboarding_Steps`). */
  component: string;
  /** The connection the chain is saved through (the persona's own, or the release manager's). */
  conn: Connection;
  /** The release manager's connection: record type names are resolved with it. */
  adminSf: Connection;
  /** Registers a saved record for removal. */
  adopt(object: string, id: string): void;
  /** A record name tagged with the run id. */
  tagged(label: string): string;
}

interface PlannedSave {
  ref: string;
  object: string;
  /** Set for creates: their id is adopted. */
  creates: boolean;
  /** What failed, in the check's words, without the org's (they are added). */
  failure: string;
}

/** A reference to a create's id, as a later save of the chain writes it. */
export type SavedRef = `@{${string}.id}`;

export class SaveChain {
  private readonly saves: PlannedSave[] = [];
  private readonly requests: Subrequest[] = [];
  private results: Record<string, SubResult> | undefined;

  constructor(private readonly ctx: SaveChainContext) {}

  /**
   * Plans the parents (each after its own parents) as `ctx.persona`, filled from their describes; returns
   * lookup field -> the parent's future id, for the record's values.
   */
  async addParents(parents: Record<string, ParentSpec>, checkName: string): Promise<Record<string, SavedRef>> {
    const { persona, component, conn, adminSf } = this.ctx;
    const refs: Record<string, SavedRef> = {};
    for (const [field, parent] of Object.entries(parents)) {
      const grandparents = await this.addParents(parent.parents ?? {}, checkName);
      const describe = await describeAs(conn, parent.object);
      if (!describe) throw new Error(`${component}: ${persona} cannot access ${parent.object}, the parent it needs`);
      const values = await resolveRecordType(adminSf, parent.object, completeValues(describe, { ...parent.values, ...grandparents }, this.ctx.tagged(`${parent.object} for ${checkName}`)));
      refs[field] = this.create(parent.object, values, `could not create the ${parent.object} it needs`);
    }
    return refs;
  }

  /** Plans a create; `failure` completes "<component>: <persona> ..." when it fails. */
  create(object: string, values: Values, failure: string): SavedRef {
    const ref = this.plan(object, true, failure);
    this.requests.push(createRequest(ref, object, values));
    return `@{${ref}.id}`;
  }

  /** Plans an update of a record saved earlier in the chain. */
  update(object: string, record: SavedRef, values: Values, failure: string): void {
    const ref = this.plan(object, false, failure);
    this.requests.push(updateRequest(ref, object, record, values));
  }

  /**
   * Plans a query after the saves planned so far (it may name their ids as `@{ref.id}`); its answer is read with
   * `answer` and never fails the chain: the check decides what a refused or empty answer means.
   */
  read(soql: string): string {
    const ref = `read${this.requests.length}`;
    this.requests.push(queryRequest(ref, soql));
    return ref;
  }

  /** What a planned read answered, once the chain is sent (undefined when it was not run). */
  answer(ref: string): SubResult | undefined {
    return this.results?.[ref];
  }

  /** Sends the chain; adopts every record it saved, then throws the first failure in the check's words. */
  async send(options: { batching: boolean }): Promise<void> {
    if (this.results) throw new Error('SaveChain: a chain is sent once');
    const results = await sendTogether(this.ctx.conn, this.requests, options);
    this.results = results;
    for (const save of this.saves) {
      const id = save.creates && results[save.ref]?.ok ? (results[save.ref]?.body as { id?: unknown } | null)?.id : undefined;
      if (typeof id === 'string') this.ctx.adopt(save.object, id);
    }
    for (const save of this.saves) {
      const error = errorOf(results[save.ref]);
      if (error) throw new Error(`${this.ctx.component}: ${this.ctx.persona} ${save.failure}: ${error.errorCode}: ${error.message}`);
    }
  }

  /** The id a create of the sent chain saved. */
  idOf(record: SavedRef): string {
    const ref = /^@\{(\w+)\.id\}$/.exec(record)?.[1] ?? '';
    const id = (this.results?.[ref]?.body as { id?: unknown } | null | undefined)?.id;
    if (typeof id !== 'string') throw new Error(`SaveChain: ${record} was not saved (is the chain sent?)`);
    return id;
  }

  /** Values with every `@{ref.id}` of the sent chain replaced by the id it stands for. */
  withIds(values: Values): Values {
    return Object.fromEntries(Object.entries(values).map(([k, v]) => [k, typeof v === 'string' && /^@\{\w+\.id\}$/.test(v) ? this.idOf(v as SavedRef) : v]));
  }

  private plan(object: string, creates: boolean, failure: string): string {
    const ref = `save${this.saves.length}`;
    this.saves.push({ ref, object, creates, failure });
    return ref;
  }
}
