/**
 * The SOQL parser, loaded the first time a query is parsed, and queries already known to parse.
 *
 * `@jetstreamapp/soql-parser-js` builds its grammar when it is loaded: 0.3 to 0.8 s of CPU in each Playwright
 * worker's profile, on the cores the browsers need. Every worker loads the release plan, and the plan checks its
 * monitors' SOQL when it loads (schema.ts); only the monitors' worker parses a query at run time
 * (since-release.ts). So the parser is required on first use rather than imported, and a query this process, or
 * the one that started it, already parsed is not parsed again: Playwright's runner loads every test file (so the
 * plan) before it starts its workers, and they inherit its environment. A query that does not parse is never
 * recorded, so a bad one is refused wherever the plan loads.
 */
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';

type SoqlParser = typeof import('@jetstreamapp/soql-parser-js');

/** Hashes of the queries that parsed, comma separated; read and extended by every process that loads a plan. */
const PARSED_QUERIES = 'POSTFLIGHT_PARSED_SOQL';

let parser: SoqlParser | undefined;

export function soqlParser(): SoqlParser {
  parser ??= createRequire(import.meta.url)('@jetstreamapp/soql-parser-js') as SoqlParser;
  return parser;
}

/** Parses a query unless it is known to parse; throws the parser's error for one that does not. */
export function checkSoql(soql: string): void {
  const key = queryKey(soql);
  const known = process.env[PARSED_QUERIES]?.split(',') ?? [];
  if (known.includes(key)) return;
  soqlParser().parseQuery(soql);
  process.env[PARSED_QUERIES] = [...known, key].join(',');
}

function queryKey(soql: string): string {
  return createHash('sha256').update(soql).digest('hex').slice(0, 16);
}
