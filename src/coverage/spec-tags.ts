/**
 * What the hand-written verifications beside the plan say they cover: the `@component:` tags they already
 * carry for the report (`tag: ['@support-agent', '@component:Layout:Case-Support Case Layout']`). The files
 * are read with the TypeScript parser, not run: only literal tags count (a tag built at runtime cannot be
 * seen without running the suite), and text in comments never does.
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

export interface TaggedSpec {
  /** The spec file, relative to the folder scanned. */
  file: string;
  /** The title of the test the tag belongs to, when the tag sits in a `test('title', { tag }, ...)` call. */
  title?: string;
  component: string;
}

const TAG = '@component:';

export function readSpecTags(dir: string): TaggedSpec[] {
  const found: TaggedSpec[] = [];
  for (const file of specFiles(dir)) {
    const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
    const visit = (node: ts.Node) => {
      if ((ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) && node.text.startsWith(TAG)) {
        found.push({ file: path.relative(dir, file), title: enclosingTestTitle(node), component: node.text.slice(TAG.length) });
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return found;
}

function specFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...specFiles(full));
    else if (/\.spec\.[cm]?tsx?$/.test(entry.name)) out.push(full);
  }
  return out;
}

/** `test('title', ...)`, `test.describe(...)` excluded: the nearest call whose callee is `test` or `test.<modifier>`. */
function enclosingTestTitle(node: ts.Node): string | undefined {
  for (let at: ts.Node | undefined = node.parent; at; at = at.parent) {
    if (!ts.isCallExpression(at)) continue;
    const callee = at.expression.getText();
    if (!/^test(\.(only|skip|fixme|fail|slow))?$/.test(callee)) continue;
    const first = at.arguments[0];
    if (first && (ts.isStringLiteral(first) || ts.isNoSubstitutionTemplateLiteral(first))) return first.text;
  }
  return undefined;
}
