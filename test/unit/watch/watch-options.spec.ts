import { test, expect } from '@playwright/test';
import { formatDuration, parseDuration, parseWatchOptions, plannedRuns, UsageError } from '../../../src/watch/options.js';

test.describe('npm run watch arguments', () => {
  test('defaults: an hour, every ten minutes, prod-smoke', () => {
    expect(parseWatchOptions([])).toEqual({
      forMs: 3_600_000,
      everyMs: 600_000,
      maxRuns: undefined,
      projects: ['prod-smoke'],
      releaseId: undefined,
      verbose: false,
      playwrightArgs: [],
      help: false,
    });
  });

  test('the README command, repeated projects and Playwright arguments after --', () => {
    const options = parseWatchOptions(['--for', '90m', '--every', '1h30m', '--project', 'sales-rep', '--project', 'monitors', '--release', '0Af5g00000ABCDE', '--runs', '2', '--', '--grep', '@critical']);
    expect(options).toMatchObject({ forMs: 5_400_000, everyMs: 5_400_000, maxRuns: 2, projects: ['sales-rep', 'monitors'], releaseId: '0Af5g00000ABCDE', playwrightArgs: ['--grep', '@critical'] });
  });

  const rejected: [string[], RegExp][] = [
    [['--for', '60'], /^--for: "60" is not a duration \(examples: 90s, 10m, 1h, 1h30m\)$/],
    [['--every', '10 minutes'], /^--every: "10 minutes" is not a duration/],
    [['--every', '0s'], /^--every: must be longer than 0$/],
    [['--runs', '0'], /^--runs: must be a whole number of runs, 1 or more \(got "0"\)$/],
    [['--project', 'prod smoke'], /^--project: "prod smoke" is not a project name$/],
    [['--release', ' '], /^--release: give a release id/],
    [['--forever'], /Unknown option '--forever'/],
  ];
  for (const [args, message] of rejected) {
    test(`rejects ${args.join(' ')} with one message naming the option`, () => {
      expect(() => parseWatchOptions(args)).toThrow(UsageError);
      expect(() => parseWatchOptions(args)).toThrow(message);
    });
  }

  test('durations read and print the way people write them', () => {
    expect(parseDuration('90s', '--for')).toBe(90_000);
    expect(parseDuration('1h30m', '--for')).toBe(5_400_000);
    expect(parseDuration('250ms', '--every')).toBe(250);
    expect([formatDuration(41_000), formatDuration(600_000), formatDuration(754_000), formatDuration(5_400_000)]).toEqual(['41s', '10m', '12m 34s', '1h 30m']);
  });

  test('planned runs: one at the start and one each interval until the end, capped by --runs', () => {
    expect(plannedRuns({ forMs: 3_600_000, everyMs: 600_000 })).toBe(7);
    expect(plannedRuns({ forMs: 3_600_000, everyMs: 1_000, maxRuns: 3 })).toBe(3);
    expect(plannedRuns({ forMs: 60_000, everyMs: 600_000 })).toBe(1);
  });
});
