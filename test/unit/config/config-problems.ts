/** Shared by the configuration specs: parses an env as the suite does and returns every problem it names. */
import path from 'node:path';
import { ConfigError, parseConfig } from '../../../src/config/env.js';

export const root = path.resolve(import.meta.dirname, '../../..');

export function problemsOf(env: Record<string, string>): string[] {
  try {
    parseConfig(env, root);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}
