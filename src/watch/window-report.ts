/**
 * One Allure report for the whole watch window, rebuilt after each run: the run's results plus Allure 3's
 * history file (`historyPath`), to which each build appends the run, so the report shows every check's
 * history across the window and the window's trend. Built with the project's own allurerc.mjs (grouping,
 * plugins), only the name, output and history path differ; Allure takes these from a config file only, so the
 * watch writes a small one beside the report that extends the project's.
 */
import { spawn } from 'node:child_process';
import { createWriteStream, existsSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { WatchWindow } from './window.js';

export async function buildWindowReport(window: WatchWindow, resultsDirs: string[], name: string, projectRoot = process.cwd()): Promise<{ ok: boolean; detail: string }> {
  const base = path.join(projectRoot, 'allurerc.mjs');
  const configFile = path.join(window.dir, 'allurerc.mjs');
  writeFileSync(
    configFile,
    [
      '// Written by `npm run watch` for this window: the project allurerc.mjs with the window report name, output and history.',
      existsSync(base) ? `import base from ${JSON.stringify(pathToFileURL(base).href)};` : 'const base = {};',
      `export default { ...base, name: ${JSON.stringify(name)}, output: ${JSON.stringify(window.reportDir)}, historyPath: ${JSON.stringify(window.historyFile)} };`,
      '',
    ].join('\n'),
  );
  const log = createWriteStream(path.join(window.dir, 'allure.log'), { flags: 'a' });
  const existing = resultsDirs.filter((dir) => existsSync(dir));
  if (existing.length === 0) return { ok: false, detail: 'report not rebuilt: the run wrote no Allure results' };
  // Into an empty folder: given one that holds an earlier build, Allure 3.18 writes the new report into a
  // plugin subfolder (allure-report/awesome/) and leaves the old one at the top, where people open it.
  rmSync(window.reportDir, { recursive: true, force: true });
  const code = await new Promise<number | null>((resolve) => {
    const child = spawn('npx', ['allure', 'generate', ...existing, '--config', configFile], { cwd: projectRoot, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.pipe(log, { end: false });
    child.stderr.pipe(log, { end: false });
    child.on('error', () => resolve(null));
    child.on('close', resolve);
  });
  log.end();
  return code === 0
    ? { ok: true, detail: `report ${path.join(window.reportDir, 'index.html')}` }
    : { ok: false, detail: `report NOT rebuilt: allure generate exited ${code} (see ${path.join(window.dir, 'allure.log')})` };
}
