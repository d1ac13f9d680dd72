/**
 * What a check learned, kept for the apply of the same run so that apply does not repeat the check's reads
 * (every API call counts against the org's daily limit). The runner passes one context object through
 * check -> apply -> verify, so the context is the key; apply falls back to reading again when nothing is
 * kept (for example when a caller runs apply alone).
 */
import type { ActionContext } from '../model.js';

export class PerContext<T> {
  private readonly kept = new WeakMap<ActionContext, T>();

  keep(ctx: ActionContext, value: T): T {
    this.kept.set(ctx, value);
    return value;
  }

  /** The value the check of this run kept, consumed so that a later verify reads the org afresh. */
  take(ctx: ActionContext): T | undefined {
    const value = this.kept.get(ctx);
    this.kept.delete(ctx);
    return value;
  }
}
