/**
 * @jetstreamapp/soql-parser-js, required when first asked for rather than imported: it builds its grammar as it
 * loads (0.35 s of CPU, a quarter of the emulator's start). The command line announces the org ready first and
 * loads the parser right after (cli.ts), while its client is still getting going, so the first query finds it.
 */
import { createRequire } from 'node:module';

type SoqlParser = typeof import('@jetstreamapp/soql-parser-js');

let parser: SoqlParser | undefined;

export function soqlParser(): SoqlParser {
  parser ??= createRequire(import.meta.url)('@jetstreamapp/soql-parser-js') as SoqlParser;
  return parser;
}
