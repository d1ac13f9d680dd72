/**
 * A reporter that removes every known secret (access tokens, passwords, private keys, session cookies) from
 * what the run wrote: test-results (traces are zip files), the Allure results and the HTML report.
 * Listed last among reporters so that it runs after the others have written their files.
 *
 * Playwright's traces record request headers and cookies verbatim and have no redaction hook, so scrubbing
 * the written files is the only way to keep tokens out of them while keeping traces for failed UI steps.
 */
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { FullConfig, Reporter } from '@playwright/test/reporter';
import JSZip from 'jszip';
import { Secret } from '../config/secret.js';
import { resultsDir, stateDir } from '../run/paths.js';

const SCRUBBED_DIRS = ['test-results', 'playwright-report'];
const REDACTED = '[redacted]';

export default class SecretScrubber implements Reporter {
  private outputDirs: string[] = [];

  printsToStdio(): boolean {
    return false;
  }

  onBegin(config: FullConfig): void {
    // Each project's outputDir (test-results, or what --output says).
    this.outputDirs = [...new Set(config.projects.map((p) => p.outputDir))];
  }

  async onEnd(): Promise<void> {
    const secrets = knownSecrets();
    if (secrets.length === 0) return;
    // Resolved and deduplicated: `test-results` is also every project's default outputDir, and reading each
    // trace zip twice doubles the slowest part of the scrub.
    const dirs = new Set([...SCRUBBED_DIRS, resultsDir(), ...this.outputDirs].map((dir) => path.resolve(dir)));
    for (const dir of dirs) if (existsSync(dir)) await scrubTree(dir, secrets);
  }
}

/** Secrets from config (this process) plus every token and session cookie the workers stored in the state folder. */
export function knownSecrets(): string[] {
  const found = new Set(Secret.known());
  if (existsSync(stateDir())) {
    for (const file of walk(stateDir())) {
      if (!file.endsWith('.json') && !file.endsWith('.secrets')) continue;
      const text = readFileSync(file, 'utf8');
      if (file.endsWith('.secrets')) text.split('\n').filter((s) => s.length >= 6).forEach((s) => found.add(s));
      else collectSecretValues(JSON.parse(text) as unknown, found);
    }
  }
  // Longest first, so a secret that contains another is replaced whole.
  return [...found].sort((a, b) => b.length - a.length);
}

function collectSecretValues(value: unknown, into: Set<string>, key = ''): void {
  if (typeof value === 'string') {
    if (/^(accessToken|refreshToken|value)$/.test(key) && value.length >= 20) into.add(value);
    return;
  }
  if (Array.isArray(value)) value.forEach((v) => collectSecretValues(v, into, key));
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) collectSecretValues(v, into, k);
}

export async function scrubTree(dir: string, secrets: string[]): Promise<number> {
  let changed = 0;
  for (const file of walk(dir)) if (await scrubFile(file, secrets)) changed += 1;
  return changed;
}

async function scrubFile(file: string, secrets: string[]): Promise<boolean> {
  const bytes = readFileSync(file);
  const cleaned = file.endsWith('.zip') ? await scrubZip(bytes, secrets) : replaceAll(bytes, secrets);
  if (cleaned) writeFileSync(file, cleaned);
  return cleaned !== undefined;
}

/** A trace is a zip; a blob report is a zip holding traces: zips inside zips are opened too. */
async function scrubZip(bytes: Buffer, secrets: string[]): Promise<Buffer | undefined> {
  const zip = await JSZip.loadAsync(bytes);
  let dirty = false;
  for (const entry of Object.values(zip.files)) {
    if (entry.dir) continue;
    const content = await entry.async('nodebuffer');
    const cleaned = entry.name.endsWith('.zip') ? await scrubZip(content, secrets) : replaceAll(content, secrets);
    if (cleaned) {
      zip.file(entry.name, cleaned);
      dirty = true;
    }
  }
  return dirty ? zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }) : undefined;
}

/** Returns the cleaned buffer, or undefined when no secret occurs (binary files are left byte-identical). */
function replaceAll(content: Buffer, secrets: string[]): Buffer | undefined {
  if (!secrets.some((s) => content.includes(s) || content.includes(encodeURIComponent(s)))) return undefined;
  let text = content.toString('latin1');
  for (const secret of secrets) {
    for (const form of new Set([secret, encodeURIComponent(secret), Buffer.from(secret, 'utf8').toString('latin1')])) {
      text = text.split(form).join(REDACTED);
    }
  }
  return Buffer.from(text, 'latin1');
}

function* walk(dir: string): Generator<string> {
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) yield* walk(full);
    else yield full;
  }
}
