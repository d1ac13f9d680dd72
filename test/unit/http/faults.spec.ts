/**
 * The emulator's fault spec and its decisions: every key read or refused with a message naming it, the suite's
 * own check of SF_EMULATOR_FAULTS agreeing with the emulator's on every row, and decisions that are the same for
 * the same seed and request sequence, at the rate asked, and only of the kinds that fit the request.
 */
import { test, expect } from '@playwright/test';
import { draw, formatFaults, parseFaults, transientFaultFor, type TransientFault } from '../../../emulator/http/faults.js';
import { faultSpecProblem, parseConfig } from '../../../src/config/env.js';

const ACCEPTED: { spec: string; reads: Record<string, unknown> }[] = [
  { spec: 'transient=0.05,expire-after=25,expire-max=1,seed=7', reads: { transient: 0.05, expireAfter: 25, expireMax: 1, seed: 7 } },
  { spec: 'lock=0.1,unavailable=0.02,drop=.01', reads: { lock: 0.1, unavailable: 0.02, drop: 0.01, transient: 0 } },
  { spec: 'lost=1', reads: { lost: 1 } },
  { spec: 'slow=0.5,slow-ms=1500', reads: { slow: 0.5, slowMs: 1500 } },
  { spec: 'limit=100', reads: { limit: 100, seed: 1 } },
  { spec: 'expire-after=3', reads: { expireAfter: 3, transient: 0 } },
];

const REFUSED: { spec: string; says: RegExp }[] = [
  { spec: 'transient=5%', says: /'transient' is a rate from 0 to 1 \(e\.g\. transient=0\.05\), got '5%'/ },
  { spec: 'transient=1.5', says: /'transient' is a rate from 0 to 1/ },
  { spec: 'lock=0.1,lock=0.2', says: /'lock' is given twice/ },
  { spec: 'jitter=0.1', says: /unknown fault 'jitter' \(known: transient, lock/ },
  { spec: 'expire-after=0', says: /'expire-after' is a whole number from 1 to/ },
  { spec: 'expire-max=1', says: /'expire-max' needs 'expire-after'/ },
  { spec: 'seed=-1', says: /'seed' is a whole number from 0/ },
  { spec: 'slow-ms=99999', says: /'slow-ms' is a whole number from 1 to 60000/ },
  { spec: 'transient', says: /'transient' is not key=value/ },
  { spec: 'transient=0.05,drop=0.01', says: /either 'transient' .* or the separate rates/ },
  { spec: ' , ', says: /no faults given/ },
];

test.describe('fault spec', () => {
  for (const row of ACCEPTED) {
    test(`reads ${row.spec}`, () => {
      const plan = parseFaults(row.spec);
      expect(plan).toMatchObject(row.reads);
      // What the emulator prints reads back as the same plan.
      expect(parseFaults(formatFaults(plan))).toEqual(plan);
      expect(faultSpecProblem(row.spec)).toBeUndefined();
    });
  }
  for (const row of REFUSED) {
    test(`refuses ${JSON.stringify(row.spec)}`, () => {
      expect(() => parseFaults(row.spec)).toThrow(row.says);
      // The suite refuses the same value before starting the emulator.
      expect(faultSpecProblem(row.spec.replace(/\s+/g, ''))).toBeDefined();
    });
  }

  test('SF_EMULATOR_FAULTS: a bad value stops the configuration with one message naming the variable', () => {
    expect(() => parseConfig({ SF_EMULATOR_FAULTS: 'transient=5%' }, process.cwd())).toThrow(/SF_EMULATOR_FAULTS: "transient" is a rate from 0 to 1 \(e\.g\. transient=0\.05\), got "5%"/);
    expect(parseConfig({ SF_EMULATOR_FAULTS: 'transient=0.05, seed=3' }, process.cwd()).emulator.faults).toBe('transient=0.05,seed=3');
    expect(() => parseConfig({ SF_API_BUDGET: 'lots' }, process.cwd())).toThrow(/SF_API_BUDGET: must be a whole number of API requests/);
  });
});

test.describe('fault decisions', () => {
  const sequence = (seed: number): (TransientFault | undefined)[] => {
    const plan = parseFaults(`transient=0.05,seed=${seed}`);
    return Array.from({ length: 2000 }, (_, i) => transientFaultFor(plan, i % 3 === 0 ? 'PATCH' : 'GET', i % 3 === 0 ? '/services/data/v62.0/sobjects/Account/001000000000001AAA' : '/services/data/v62.0/query', 'user-a', i + 1));
  };

  test('the same seed gives the same faults to the same requests; another seed gives others', () => {
    expect(sequence(7)).toEqual(sequence(7));
    expect(sequence(8)).not.toEqual(sequence(7));
    // Per user: another user's requests do not shift this user's decisions.
    expect(draw(7, 'transient', 'user-a', 5)).toBe(draw(7, 'transient', 'user-a', 5));
    expect(draw(7, 'transient', 'user-a', 5)).not.toBe(draw(7, 'transient', 'user-b', 5));
  });

  test('transient=0.05 fails about one request in twenty, with every kind that fits', () => {
    const faults = sequence(7).filter((f) => f !== undefined);
    // 2000 requests at 5 %: 100 expected; a binomial's 4 standard deviations is about 39.
    expect(faults.length).toBeGreaterThan(61);
    expect(faults.length).toBeLessThan(139);
    expect(new Set(faults)).toEqual(new Set(['lock', 'unavailable', 'drop']));
  });

  test('UNABLE_TO_LOCK_ROW only for single-record writes; lost answers only when asked for', () => {
    const plan = parseFaults('lock=1,seed=1');
    expect(transientFaultFor(plan, 'POST', '/services/data/v62.0/sobjects/Case', 'u', 1)).toBe('lock');
    expect(transientFaultFor(plan, 'PATCH', '/services/data/v62.0/sobjects/Account/ERP_Id__c/E-1', 'u', 2)).toBe('lock');
    expect(transientFaultFor(plan, 'GET', '/services/data/v62.0/sobjects/Case/describe', 'u', 3)).toBeUndefined();
    expect(transientFaultFor(plan, 'POST', '/services/data/v62.0/composite', 'u', 4)).toBeUndefined();
    expect(transientFaultFor(plan, 'GET', '/services/data/v62.0/query', 'u', 5)).toBeUndefined();
    const mixed = parseFaults('transient=1,seed=1');
    const readKinds = new Set(Array.from({ length: 200 }, (_, i) => transientFaultFor(mixed, 'GET', '/services/data/v62.0/query', 'u', i)));
    expect(readKinds).toEqual(new Set(['unavailable', 'drop']));
  });
});
