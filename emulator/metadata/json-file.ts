/** The JSON files a load reads (sfdx-project.json, scratch definitions, user, jobs and data files). */
import { readFileSync } from 'node:fs';
import { MetadataError } from './metadata-error.js';

/**
 * Parses a JSON file; a missing, unreadable or malformed file is a MetadataError naming it, so the
 * developer gets one line to act on rather than a stack.
 */
export function readJsonFile(file: string, what = 'JSON file'): unknown {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as unknown;
  } catch (error) {
    throw new MetadataError(file, `is not a readable ${what} (${(error as Error).message})`);
  }
}
