/**
 * The UI specs' test object: the sample org per worker, persona sign-in through frontdoor, and test
 * records that clean up after themselves (each concern in its own fixture file, chained in that order).
 */
export { testRecordsTest as test } from './test-records.fixture.js';
export { expect } from '@playwright/test';
export type { PersonaSession, UiPersona } from './personas.fixture.js';
export type { TestRecords } from './test-records.fixture.js';
