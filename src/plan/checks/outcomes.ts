/**
 * Waiting for automation: the outcome of a flow may appear at once (after-save, in the same transaction) or
 * later (scheduled paths, platform events), so the check polls with backoff within the plan's time budget.
 */
export async function pollWithBackoff<T>(
  probe: () => Promise<T>,
  done: (value: T) => boolean,
  withinMs: number,
  firstDelayMs = 250,
): Promise<{ value: T; attempts: number; elapsedMs: number }> {
  const started = Date.now();
  let delay = firstDelayMs;
  let attempts = 0;
  for (;;) {
    attempts += 1;
    const value = await probe();
    const elapsedMs = Date.now() - started;
    if (done(value) || elapsedMs + delay > withinMs) return { value, attempts, elapsedMs };
    await new Promise((resolve) => setTimeout(resolve, delay));
    delay = Math.min(delay * 2, 5_000);
  }
}

/** Fills `{{trigger.Id}}`, `{{trigger.Name}}`, `{{trigger.<Field>}}` in a SOQL condition, quoting safely. */
export function fillTriggerReferences(where: string, trigger: Record<string, unknown>): string {
  return where.replace(/\{\{trigger\.(\w+)\}\}/g, (_, field: string) => {
    const key = Object.keys(trigger).find((k) => k.toLowerCase() === field.toLowerCase());
    const value = key ? trigger[key] : undefined;
    if (value === undefined || value === null) throw new Error(`the trigger record has no value for ${field}`);
    return String(value).replace(/\\/g, '\\\\').replace(/'/g, "\\'");
  });
}
