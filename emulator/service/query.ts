/**
 * Query paging: the executor returns every matching row; the service hands them out in pages of 2000
 * (or the client's `batchSize`) behind query locators `01g…-<offset>` kept in memory (reference §6.2),
 * which `queryMore` follows.
 */
import { SalesforceError, type QueryPage, type WireRecord } from '../contracts.js';
import type { IdMinter } from '../ids.js';

export const DEFAULT_PAGE_SIZE = 2000;

interface Cursor {
  records: WireRecord[];
  totalSize: number;
  pageSize: number;
  userId: string;
  /** When a page of it was last handed out (the emulator's clock). */
  usedAt: number;
}

/** Salesforce keeps a query cursor for 15 minutes of inactivity; the emulator keeps at most this many. */
const MAX_OPEN_CURSORS = 200;
const CURSOR_IDLE_MS = 15 * 60_000;

export class QueryCursors {
  private readonly cursors = new Map<string, Cursor>();

  constructor(private readonly minter: IdMinter, private readonly now: () => Date) {}

  /** The first page of a result; registers a locator when there is more. */
  firstPage(records: WireRecord[], totalSize: number, userId: string, batchSize?: number): QueryPage {
    // Salesforce accepts batch sizes from 200 to 2000 (Sforce-Query-Options); out-of-range values are clamped.
    const pageSize = batchSize === undefined ? DEFAULT_PAGE_SIZE : Math.min(DEFAULT_PAGE_SIZE, Math.max(200, Math.floor(batchSize)));
    if (records.length <= pageSize) return { totalSize, done: true, records };
    const key = this.minter.next('01g');
    this.cursors.set(key, { records, totalSize, pageSize, userId, usedAt: this.now().getTime() });
    this.trim();
    return { totalSize, done: false, nextLocator: `${key}-${pageSize}`, records: records.slice(0, pageSize) };
  }

  /** The page at a locator; an unknown or foreign locator is `INVALID_QUERY_LOCATOR` (reference §6.4, UNVERIFIED code). */
  nextPage(locator: string, userId: string): QueryPage {
    const match = /^(01g[a-zA-Z0-9]{15})-(\d+)$/.exec(locator.trim());
    const now = this.now().getTime();
    this.dropIdle(now);
    const cursor = match ? this.cursors.get(match[1]!) : undefined;
    if (!match || !cursor || cursor.userId !== userId) throw new SalesforceError('INVALID_QUERY_LOCATOR', 'invalid query locator', [], 400);
    const offset = Number(match[2]);
    const end = offset + cursor.pageSize;
    const records = cursor.records.slice(offset, end);
    cursor.usedAt = now;
    // The cursor outlives its last page until it idles out: a client whose answer was lost on the way asks for
    // the same page again (a read is safe to repeat), and gets it. UNVERIFIED whether a real org frees a cursor
    // at its last batch; its documented lifetime is the idle timeout, so the emulator keeps it until then.
    if (end >= cursor.records.length) return { totalSize: cursor.totalSize, done: true, records };
    return { totalSize: cursor.totalSize, done: false, nextLocator: `${match[1]!}-${end}`, records };
  }

  private dropIdle(now: number): void {
    for (const [key, cursor] of this.cursors) if (now - cursor.usedAt > CURSOR_IDLE_MS) this.cursors.delete(key);
  }

  private trim(): void {
    this.dropIdle(this.now().getTime());
    while (this.cursors.size > MAX_OPEN_CURSORS) {
      const oldest = this.cursors.keys().next().value;
      if (oldest === undefined) return;
      this.cursors.delete(oldest);
    }
  }
}
