/**
 * Salesforce record ids: 15-character case-sensitive base-62, plus a 3-character suffix that encodes the
 * case of the first 15 (protocol reference §9.2, checked against 27 real ids).
 */
import { SalesforceError } from './contracts.js';

const SUFFIX_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ012345';
const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
/** The emulator's "pod" characters (positions 4-5 of every id it mints). */
const POD = '5g';

export function checksumSuffix(id15: string): string {
  let suffix = '';
  for (let chunk = 0; chunk < 3; chunk++) {
    let bits = 0;
    for (let i = 0; i < 5; i++) {
      const ch = id15.charAt(chunk * 5 + i);
      if (ch >= 'A' && ch <= 'Z') bits |= 1 << i;
    }
    suffix += SUFFIX_ALPHABET.charAt(bits);
  }
  return suffix;
}

export function to18(id15: string): string {
  if (id15.length !== 15) throw new Error(`not a 15-character id: ${id15}`);
  return id15 + checksumSuffix(id15);
}

export function isIdShaped(value: string): boolean {
  return /^[a-zA-Z0-9]{15}(?:[a-zA-Z0-9]{3})?$/.test(value);
}

/** Returns the 18-character form of a 15- or 18-character id, or null when it is not a valid id. */
export function normalizeId(value: string): string | null {
  if (!isIdShaped(value)) return null;
  if (value.length === 15) return to18(value);
  return checksumSuffix(value.slice(0, 15)) === value.slice(15) ? value : null;
}

/**
 * Like normalizeId, but a bad id is `MALFORMED_ID` in Salesforce's words
 * (`{Label}: id value of incorrect type: {value}`, reference §8).
 */
export function requireId(value: unknown, label = 'Record ID', field = 'Id'): string {
  const id = typeof value === 'string' ? normalizeId(value) : null;
  if (!id) throw new SalesforceError('MALFORMED_ID', `${label}: id value of incorrect type: ${String(value)}`, [field]);
  return id;
}

/** The id every object's Master record type has in every org (describe's `recordTypeInfos`, the UI API). */
export const MASTER_RECORD_TYPE_ID = '012000000000000AAA';

export function keyPrefixOf(id: string): string {
  return id.slice(0, 3);
}

/** Mints ids in the real format: prefix(3) + pod(2) + base-62 counter(10) + checksum(3). */
export class IdMinter {
  private counters = new Map<string, number>();

  constructor(private readonly start = 1) {}

  next(prefix: string): string {
    if (!/^[a-zA-Z0-9]{3}$/.test(prefix)) throw new Error(`bad key prefix: ${prefix}`);
    const n = (this.counters.get(prefix) ?? this.start - 1) + 1;
    this.counters.set(prefix, n);
    return to18(prefix + POD + encodeBase62(n, 10));
  }

  /** Keeps minted ids unique after records were loaded from a persisted org. */
  observe(id: string): void {
    if (id.slice(3, 5) !== POD) return;
    const n = decodeBase62(id.slice(5, 15));
    const prefix = id.slice(0, 3);
    if (n > (this.counters.get(prefix) ?? 0)) this.counters.set(prefix, n);
  }
}

/** A stable id for a metadata component (record type, profile, flow...) derived from its name. */
export function stableId(prefix: string, name: string): string {
  let hash = 0n;
  for (const ch of name.toLowerCase()) hash = (hash * 131n + BigInt(ch.codePointAt(0) ?? 0)) % 62n ** 10n;
  // 'M' in the pod position keeps metadata ids apart from minted record ids.
  return to18(prefix + 'M' + POD.charAt(1) + encodeBase62(Number(hash % BigInt(Number.MAX_SAFE_INTEGER)), 10));
}

function encodeBase62(n: number, width: number): string {
  let out = '';
  let rest = n;
  while (rest > 0) {
    out = BASE62.charAt(rest % 62) + out;
    rest = Math.floor(rest / 62);
  }
  return out.padStart(width, '0').slice(-width);
}

function decodeBase62(s: string): number {
  let n = 0;
  for (const ch of s) n = n * 62 + BASE62.indexOf(ch);
  return n;
}
