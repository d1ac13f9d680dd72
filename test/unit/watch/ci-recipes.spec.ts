/**
 * The CI recipes in .github/workflows are not run by this repository's CI, so this checks what can be
 * checked here: each is valid YAML with the structure GitHub Actions expects, runs the README's commands
 * (npm scripts that exist), uploads the reports, and never splices a secret or an input into a shell script.
 * (`yaml` comes with the allure CLI, a devDependency.)
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test, expect } from '@playwright/test';
import { parse } from 'yaml';

const root = path.resolve(import.meta.dirname, '../../..');

interface Step {
  name?: string;
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
  env?: Record<string, string>;
}
interface Job {
  needs?: string | string[];
  if?: string;
  'runs-on': string;
  steps: Step[];
  strategy?: { matrix: Record<string, unknown>; 'max-parallel'?: unknown };
}
interface Workflow {
  name: string;
  on: Record<string, unknown>;
  jobs: Record<string, Job>;
}

function workflow(file: string): { text: string; parsed: Workflow } {
  const text = readFileSync(path.join(root, '.github', 'workflows', file), 'utf8');
  return { text, parsed: parse(text, { prettyErrors: true }) as Workflow };
}

const runs = (job: Job) => job.steps.map((s) => s.run ?? '').join('\n');
const uploads = (job: Job) => job.steps.filter((s) => s.uses?.startsWith('actions/upload-artifact@')).map((s) => String(s.with?.path ?? ''));

test.describe('CI recipes', () => {
  for (const file of ['postflight-after-deploy.yml', 'postflight-scheduled.yml', 'postflight-sharded-smoke.yml']) {
    test(`${file} keeps secrets and inputs out of shell scripts and uses npm scripts that exist`, () => {
      const { parsed } = workflow(file);
      const scripts = Object.keys((JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts);
      for (const [name, job] of Object.entries(parsed.jobs)) {
        expect(job['runs-on'], `${name} runs-on`).toBe('ubuntu-latest');
        for (const step of job.steps) {
          expect(step.run ?? '', `${name}: ${step.name ?? step.run}`).not.toMatch(/\$\{\{\s*(secrets|inputs|github\.event)\./);
          for (const script of (step.run ?? '').matchAll(/npm run ([\w:-]+)/g)) expect(scripts, `npm run ${script[1]}`).toContain(script[1]);
        }
      }
    });
  }

  test('after a deployment: deploy -> prod-smoke -> watch the hour, by hand with a release id, reports uploaded', () => {
    const { parsed } = workflow('postflight-after-deploy.yml');
    expect(parsed.on.workflow_dispatch).toMatchObject({ inputs: { release_id: { required: true, type: 'string' } } });
    expect(Object.keys(parsed.jobs)).toEqual(['deploy', 'prod-smoke', 'watch']);
    const { deploy, 'prod-smoke': smoke, watch } = parsed.jobs as Record<string, Job>;
    expect(deploy!.if).toBe("github.event_name != 'workflow_dispatch'");
    expect(smoke!.needs).toBe('deploy');
    expect(watch!.needs).toEqual(['deploy', 'prod-smoke']);
    expect(runs(smoke!)).toContain('npx playwright test --project=prod-smoke');
    expect(runs(watch!)).toContain('npm run watch -- --for "$WATCH_FOR" --every "$WATCH_EVERY" --project prod-smoke --release "$SF_RELEASE_ID"');
    expect(uploads(smoke!).join()).toContain('reports/allure-report');
    expect(uploads(watch!).join()).toContain('reports/watch');
  });

  test('scheduled: one watched run each time, resuming the window from the cache', () => {
    const { parsed } = workflow('postflight-scheduled.yml');
    expect(parsed.on.schedule).toEqual([{ cron: expect.stringMatching(/^\S+ \S+ \S+ \S+ \S+$/) }]);
    expect(parsed.on.workflow_dispatch).toBeDefined();
    const job = parsed.jobs['prod-smoke']!;
    expect(runs(job)).toContain('npm run watch -- --runs 1 --project prod-smoke --release "$SF_RELEASE_ID"');
    expect(job.steps.map((s) => s.uses?.split('@')[0]).filter(Boolean)).toEqual(
      expect.arrayContaining(['actions/cache/restore', 'actions/cache/save', 'actions/upload-artifact']),
    );
  });

  test('sharded: two shards, blob reports merged through the suite config', () => {
    const { parsed } = workflow('postflight-sharded-smoke.yml');
    expect(parsed.jobs.smoke!.strategy!.matrix).toEqual({ shard: [1, 2] });
    expect(runs(parsed.jobs.smoke!)).toContain('npx playwright test --project=prod-smoke --shard ${{ matrix.shard }}/2');
    expect(uploads(parsed.jobs.smoke!)).toEqual(['reports/blob-report']);
    expect(runs(parsed.jobs.merge!)).toContain('npx playwright merge-reports --config playwright.config.ts ./all-blob-reports');
  });
});
