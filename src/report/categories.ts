/**
 * The kinds of red a release manager must tell apart, shared by the Allure report's categories and by
 * `npm run watch`'s timeline and exit status, so both sort the same failure the same way:
 * - an environment problem (auth, limits, timeouts, an unreachable org): retry or fix access, not the release;
 * - a release regression: an assertion about the org failed (allure-playwright marks it `failed`);
 * - a broken check: the check itself errored (allure-playwright marks a timed-out test `broken`);
 * - a release coverage shortfall: what no verification checks (the `release coverage` check under
 *   SF_COVERAGE_MIN), or a check naming components the project does not have: not a regression of the org.
 * Allure applies the first category that matches, in this order; `categorize` does the same.
 */
export type FailureCategory = 'environment' | 'coverage' | 'regression' | 'broken';

/** Allure's status for a red test, as allure-playwright derives it (`timedOut` -> broken, else failed). */
export type AllureRedStatus = 'failed' | 'broken';

/**
 * `Environment problem:` starts every result the request path could not obtain (src/salesforce/request-path.ts:
 * retries used up, API budget spent, no answer in time, a write that may or may not have landed); the org's own
 * transient codes are here too for messages that quote the org's answer.
 */
export const ENVIRONMENT_PROBLEM_PATTERN =
  '(Environment problem:|INVALID_SESSION_ID|invalid_grant|invalid_client|REQUEST_LIMIT_EXCEEDED|UNABLE_TO_LOCK_ROW|SERVER_UNAVAILABLE|ECONNREFUSED|ECONNRESET|socket hang up|ETIMEDOUT|Timeout \\d+ms exceeded|Test timeout|No API session|Unable to refresh session)';

export const COVERAGE_SHORTFALL_PATTERN = '(is under SF_COVERAGE_MIN|naming components the project does not have)';

export const CATEGORY_NAMES: Record<FailureCategory, string> = {
  environment: 'Environment problems (auth, limits, timeouts, org unreachable)',
  coverage: 'Release coverage (what no verification checks, or checks naming components the release does not have)',
  regression: 'Release regressions (the org no longer does what the release needs)',
  broken: 'Broken checks (the check itself errored)',
};

/** The same, as a timeline or an alert says it about one check. */
export const CATEGORY_WORDS: Record<FailureCategory, string> = {
  regression: 'release regression',
  environment: 'environment problem',
  coverage: 'release coverage',
  broken: 'broken check',
};

/** allure-playwright's `categories` option (written to the results as categories.json). */
export function allureCategories(): { name: string; messageRegex?: string; matchedStatuses: AllureRedStatus[] }[] {
  return [
    { name: CATEGORY_NAMES.environment, messageRegex: `(?s).*${ENVIRONMENT_PROBLEM_PATTERN}.*`, matchedStatuses: ['broken', 'failed'] },
    { name: CATEGORY_NAMES.coverage, messageRegex: `(?s).*${COVERAGE_SHORTFALL_PATTERN}.*`, matchedStatuses: ['failed'] },
    { name: CATEGORY_NAMES.regression, matchedStatuses: ['failed'] },
    { name: CATEGORY_NAMES.broken, matchedStatuses: ['broken'] },
  ];
}

const environmentProblem = new RegExp(ENVIRONMENT_PROBLEM_PATTERN, 's');
const coverageShortfall = new RegExp(COVERAGE_SHORTFALL_PATTERN, 's');

export function categorize(status: AllureRedStatus, message: string): FailureCategory {
  if (environmentProblem.test(message)) return 'environment';
  if (status === 'failed' && coverageShortfall.test(message)) return 'coverage';
  return status === 'failed' ? 'regression' : 'broken';
}
