/**
 * Where a run writes: its private state (sessions, storage states, the list of records it created) and its
 * results (Allure, the ledger, action output). Both come from the configuration so that two runs, such as
 * the regression-overlay rehearsals, can run side by side without sharing files.
 */
import path from 'node:path';
import { loadConfig } from '../config/env.js';

/** The folder under the results folder where release coverage (table, JSON, proposals) is written. */
export const COVERAGE_DIR = 'coverage';

export function stateDir(): string {
  return loadConfig().stateDir;
}

export function resultsDir(): string {
  return loadConfig().resultsDir;
}

export function allureResultsDir(): string {
  return path.join(resultsDir(), 'allure-results');
}

export function ledgerFile(): string {
  return path.join(resultsDir(), 'ledger', 'ledger.jsonl');
}
