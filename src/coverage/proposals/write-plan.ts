/**
 * Writes the proposals as a TypeScript module a team reviews and merges by copying entries into its plan:
 * the entries are plan entries as a person writes them, each under a comment saying what it covers and why
 * these values. Loading the module validates both lists with the plan's own schema (`definePlan`), so a
 * proposal that would not load as a plan entry fails at once, named.
 */
import path from 'node:path';
import type { ProposalSection, Proposals, ProposedEntry } from './propose.js';

const SECTIONS: ProposalSection[] = ['fieldAccess', 'flows', 'recordActions', 'recordTypes'];
const ROOT = path.resolve(import.meta.dirname, '../../..');

export interface ProposalFileOptions {
  /** Where the file goes: the import of the plan schema is relative to it. */
  file: string;
  /** What was analysed, for the header (`org (the whole project)`). */
  scope: string;
}

export function renderProposalFile(proposals: Proposals, options: ProposalFileOptions): string {
  const schema = toImport(path.relative(path.dirname(path.resolve(options.file)), path.join(ROOT, 'src', 'plan', 'schema.js')));
  const shownAs = path.relative(process.cwd(), path.resolve(options.file)) || options.file;
  const lines: string[] = [
    '/**',
    ` * Checks proposed by \`npm run coverage\` for what no verification covers in ${options.scope}.`,
    ' * Review them, then copy the entries you keep into your release plan (verifications/release-plan.ts);',
    ' * nothing here runs until you do. Regenerated on every run: edit the plan, not this file.',
    ' *',
    ' * `ready`: derived completely from the metadata. `needsWork`: TODO values to fill, or a persona that cannot',
    ' * yet do what the check needs (each entry says why). Field access is checked through the API (`ui: false`):',
    ' * drop it where the field is on the persona\'s page layout to check Lightning too.',
    ' */',
    `import { definePlan, type ReleasePlanInput } from '${schema}';`,
    '',
    ...section('ready', proposals.ready),
    '',
    ...section('needsWork', proposals.needsWork),
    '',
    '/** Both lists as plans: loading this file validates every proposal with the plan\'s own schema. */',
    `export const readyPlan = definePlan({ release: 'Proposed checks (ready)', ...ready }, '${shownAs} ready');`,
    `export const needsWorkPlan = definePlan({ release: 'Proposed checks (need work)', ...needsWork }, '${shownAs} needsWork');`,
    'export default readyPlan;',
    '',
  ];
  if (proposals.none.length > 0) {
    lines.push('/*', ' * No proposal (what would cover them):');
    for (const none of proposals.none) lines.push(` * - ${none.component}: ${none.reason}`);
    lines.push(' */', '');
  }
  return lines.join('\n');
}

function section(name: string, entries: Record<ProposalSection, ProposedEntry[]>): string[] {
  const lines = [`export const ${name} = {`];
  // Every list is written, empty or not, so that code merging them can name any of them.
  for (const kind of SECTIONS) {
    if (entries[kind].length === 0) {
      lines.push(`  ${kind}: [],`);
      continue;
    }
    lines.push(`  ${kind}: [`);
    let last = '';
    for (const proposed of entries[kind]) {
      if (proposed.component !== last) lines.push(`    // ${proposed.component}`);
      last = proposed.component;
      for (const note of proposed.notes) lines.push(`    //   ${note.replace(/\*\//g, '* /')}`);
      lines.push(...literal(proposed.entry, 4).split('\n').map((l, i) => (i === 0 ? `    ${l}` : l)).map((l, i, all) => (i === all.length - 1 ? `${l},` : l)));
    }
    lines.push('  ],');
  }
  lines.push('} satisfies Partial<ReleasePlanInput>;');
  return lines;
}

function toImport(relative: string): string {
  const posix = relative.split(path.sep).join('/');
  return posix.startsWith('.') ? posix : `./${posix}`;
}

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/** A value as a person would write it: single quotes, bare keys, one line when it fits. */
export function literal(value: unknown, indent = 0): string {
  if (value === null) return 'null';
  if (typeof value === 'string') return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n')}'`;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return `[${value.map((v) => literal(v, indent)).join(', ')}]`;
  const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
  if (entries.length === 0) return '{}';
  const key = (k: string) => (IDENTIFIER.test(k) ? k : literal(k));
  const oneLine = `{ ${entries.map(([k, v]) => `${key(k)}: ${literal(v, indent)}`).join(', ')} }`;
  if (oneLine.length + indent <= 120 && !oneLine.includes('\n')) return oneLine;
  const pad = ' '.repeat(indent + 2);
  return `{\n${entries.map(([k, v]) => `${pad}${key(k)}: ${literal(v, indent + 2)},`).join('\n')}\n${' '.repeat(indent)}}`;
}
