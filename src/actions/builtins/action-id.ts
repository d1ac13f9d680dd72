/**
 * Default ids for built-in actions, derived from what they change (`activate-flow:Closed_Won_Onboarding`).
 * The ledger keys on the id, so it must be stable across runs and use only the characters defineAction
 * accepts; anything else (spaces in a profile name, `@` in a username) becomes `_`.
 */
export function defaultActionId(kind: string, ...parts: string[]): string {
  return `${kind}:${parts.map((p) => p.replace(/[^\w.:-]+/g, '_')).join(':')}`;
}
