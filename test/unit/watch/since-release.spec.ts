import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test, expect } from '@playwright/test';
import { ConfigError, parseConfig } from '../../../src/config/env.js';
import { boundedSince, releaseWindow } from '../../../src/plan/since-release.js';
import { definePlan, PlanError } from '../../../src/plan/schema.js';
import { checkSoql } from '../../../src/plan/soql-parser.js';
import { openWindow, windowFolderName } from '../../../src/watch/window.js';

const root = path.resolve(import.meta.dirname, '../../..');

test.describe('since-release monitors', () => {
  const since = '2026-11-27T10:00:00Z';
  const cases: [string, string][] = [
    ['SELECT Id FROM Account', `SELECT Id FROM Account WHERE CreatedDate >= ${since}`],
    ["SELECT Id FROM Case WHERE Origin = 'ERP' OR Status = 'New'", `SELECT Id FROM Case WHERE CreatedDate >= ${since} AND (Origin = 'ERP' OR Status = 'New')`],
    [
      'SELECT Id FROM Account WHERE ERP_Id__c != null AND (Customer_Tier__c = null OR Phone = null) ORDER BY Name LIMIT 5',
      `SELECT Id FROM Account WHERE CreatedDate >= ${since} AND (ERP_Id__c != NULL AND (Customer_Tier__c = NULL OR Phone = NULL)) ORDER BY Name LIMIT 5`,
    ],
    ["SELECT Id FROM Case WHERE NOT Origin = 'ERP'", `SELECT Id FROM Case WHERE CreatedDate >= ${since} AND (NOT Origin = 'ERP')`],
    ['SELECT Id FROM Case WHERE Id NOT IN (SELECT WhatId FROM Task)', `SELECT Id FROM Case WHERE CreatedDate >= ${since} AND (Id NOT IN (SELECT WhatId FROM Task))`],
  ];
  for (const [soql, bounded] of cases) {
    test(`bounds ${soql}`, () => expect(boundedSince(soql, 'CreatedDate', since)).toBe(bounded));
  }

  test('the window starts at the release start when known, else the plan look-back, and says which', () => {
    expect(releaseWindow('2026-11-27T10:00:00.123Z', 24)).toEqual({ since, described: `since the release started (${since})`, fromReleaseStart: true });
    const fallback = releaseWindow(undefined, 24, new Date('2026-11-28T10:00:00.500Z'));
    expect(fallback).toMatchObject({ since, fromReleaseStart: false });
    expect(fallback.described).toContain('in the last 24 hours');
  });

  test('a plan monitor needs a SOQL query and a field name; bad entries are named at load', () => {
    const plan = definePlan({ release: 'Spring', monitors: [{ name: 'no ERP errors', soql: "SELECT Id FROM Case WHERE Origin = 'ERP'" }] });
    expect(plan.monitors).toEqual([{ name: 'no ERP errors', soql: "SELECT Id FROM Case WHERE Origin = 'ERP'", since: 'CreatedDate', severity: 'normal' }]);
    let problems: string[] = [];
    try {
      definePlan({ release: 'Spring', monitors: [{ name: 'bad one', soql: 'SELEKT Id FROM Case', since: 'Created Date' }] });
    } catch (error) {
      problems = (error as PlanError).problems;
    }
    expect(problems).toEqual([
      'monitors[0] (bad one) soql: must be a SOQL query (SELECT <fields> FROM <object> [WHERE ...]): expected SELECT, found "SELEKT"',
      'monitors[0] (bad one) since: must be a date-time field such as CreatedDate',
    ]);
  });

  test('a query that parsed is recorded for the processes this one starts; one that does not is refused every time', () => {
    const before = process.env.POSTFLIGHT_PARSED_SOQL;
    const recordedNow = () => process.env.POSTFLIGHT_PARSED_SOQL;
    try {
      delete process.env.POSTFLIGHT_PARSED_SOQL;
      checkSoql("SELECT Id FROM Case WHERE Origin = 'Web'");
      const recorded = recordedNow();
      expect(recorded).toMatch(/^[0-9a-f]{16}$/);
      checkSoql("SELECT Id FROM Case WHERE Origin = 'Web'");
      expect(recordedNow()).toBe(recorded);
      for (let i = 0; i < 2; i++) expect(() => checkSoql('SELEKT Id FROM Case')).toThrow(/SELEKT/);
      expect(recordedNow()).toBe(recorded);
      checkSoql('SELECT Id FROM Account');
      expect(recordedNow()?.split(',')).toHaveLength(2);
    } finally {
      if (before === undefined) delete process.env.POSTFLIGHT_PARSED_SOQL;
      else process.env.POSTFLIGHT_PARSED_SOQL = before;
    }
  });

  test('SF_RELEASE_STARTED_AT, SF_ALERT_WEBHOOK_URL and SF_REPORT_URL: validated, and the webhook is a secret', () => {
    const config = parseConfig({ SF_RELEASE_STARTED_AT: '2026-11-27T11:00:00+01:00', SF_ALERT_WEBHOOK_URL: 'https://hooks.slack.com/services/T0/B0/abcdefsecret', SF_REPORT_URL: 'https://ci.example.test/run/1' }, root);
    expect(config.releaseStartedAt).toBe('2026-11-27T10:00:00.000Z');
    expect(config.alertWebhookUrl?.reveal()).toBe('https://hooks.slack.com/services/T0/B0/abcdefsecret');
    expect(JSON.stringify(config)).not.toContain('abcdefsecret');
    let problems: string[] = [];
    try {
      parseConfig({ SF_RELEASE_STARTED_AT: 'yesterday', SF_ALERT_WEBHOOK_URL: 'hooks.slack.com/services/abcdefsecret', SF_REPORT_URL: 'ftp://x' }, root);
    } catch (error) {
      problems = (error as ConfigError).problems;
    }
    expect(problems).toEqual([
      'SF_RELEASE_STARTED_AT: must be an ISO 8601 date-time such as 2026-11-27T10:00:00Z',
      'SF_ALERT_WEBHOOK_URL: must be an http(s) URL (a Slack or Teams incoming webhook)',
      'SF_REPORT_URL: must be an http(s) URL (where people open the report, e.g. the CI run page)',
    ]);
  });

  test('the window keeps its release start across watches of the same release; a configured start wins', () => {
    const results = mkdtempSync(path.join(tmpdir(), 'pf-window-'));
    const first = openWindow(results, 'v2.4.0 (spring)', undefined, new Date('2026-11-27T10:00:00Z'));
    expect(path.basename(first.dir)).toBe(windowFolderName('v2.4.0 (spring)'));
    expect(windowFolderName('v2.4.0 (spring)')).toBe('v2.4.0-spring-');
    expect(first.state).toMatchObject({ releaseStartedAt: '2026-11-27T10:00:00.000Z', releaseStartSource: 'the first run of this watch' });
    const again = openWindow(results, 'v2.4.0 (spring)', undefined, new Date('2026-11-27T10:30:00Z'));
    expect(again.state.releaseStartedAt).toBe('2026-11-27T10:00:00.000Z');
    const configured = openWindow(results, 'v2.4.0 (spring)', '2026-11-27T09:55:00.000Z');
    expect(configured.state).toMatchObject({ releaseStartedAt: '2026-11-27T09:55:00.000Z', releaseStartSource: 'SF_RELEASE_STARTED_AT' });
  });
});
