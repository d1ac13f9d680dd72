/**
 * `?defaultFieldValues=Name=Acme,Phone=555-1234` on `/lightning/o/{Object}/new`. Lightning builds it
 * with `encodeDefaultFieldValues`, which URI-encodes each value and joins `field=value` pairs with commas
 * (syntax UNVERIFIED against a real org, protocol reference §12), so commas inside values arrive as `%2C`.
 */
export function parseDefaultFieldValues(raw: string | null): Record<string, string> {
  const out: Record<string, string> = {};
  if (!raw) return out;
  for (const pair of raw.split(',')) {
    const eq = pair.indexOf('=');
    if (eq <= 0) continue;
    const field = pair.slice(0, eq).trim();
    let value = pair.slice(eq + 1);
    try {
      value = decodeURIComponent(value);
    } catch {
      // A bare `%` that is not an escape is kept as typed.
    }
    out[field] = value;
  }
  return out;
}
