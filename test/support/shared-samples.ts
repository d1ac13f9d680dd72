/**
 * Where the public sample SFDX projects are: `shared/` beside the repository (as CI lays it out), or
 * `/work/shared` on a developer's machine of this workplace. None of them is committed here: they are
 * other people's code, read in place.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '../..');
const CANDIDATES = [path.resolve(ROOT, '..', 'shared'), '/work/shared'];

export const SHARED_DIR = CANDIDATES.find((dir) => existsSync(path.join(dir, 'samples'))) ?? CANDIDATES[0]!;

/** The public Technology Transfer Starter project (read-only). */
export const TECHNOLOGY_TRANSFER_STARTER = path.join(SHARED_DIR, 'samples', 'technology-transfer-starter');

/** The environment variable that points at a checkout of SalesforceLabs/ProjectManagementTool. */
export const PMT_SOURCE_VARIABLE = 'POSTFLIGHT_PMT_SOURCE';

/** Where a CI layout puts the Project Management Tool when the variable is not set. */
export const PMT_SHARED_LOCATION = path.join(SHARED_DIR, 'samples', 'project-management-tool');

/** Where the public Project Management Tool project was found, or why it is not there. */
export type SampleLookup = { found: true; dir: string } | { found: false; reason: string };

/**
 * The public Project Management Tool project (SalesforceLabs/ProjectManagementTool, read-only):
 * `$POSTFLIGHT_PMT_SOURCE` when set, else `<shared>/samples/project-management-tool`. A checkout is
 * recognised by its `sfdx-project.json`. Not being there at all is a reason to skip; a variable that
 * names something else is a mistake, and throws naming the variable (a typo must not pass as a skip).
 *
 * @example
 *   const pmt = projectManagementTool();
 *   test.skip(!pmt.found, pmt.found ? '' : pmt.reason);
 */
export function projectManagementTool(env: NodeJS.ProcessEnv = process.env, sharedLocation: string = PMT_SHARED_LOCATION): SampleLookup {
  const isProject = (dir: string): boolean => existsSync(path.join(dir, 'sfdx-project.json'));
  const fromEnv = env[PMT_SOURCE_VARIABLE]?.trim();
  if (fromEnv) {
    const dir = path.resolve(fromEnv);
    if (!isProject(dir)) throw new Error(`${PMT_SOURCE_VARIABLE}=${fromEnv}: no sfdx-project.json there; point it at a checkout of https://github.com/SalesforceLabs/ProjectManagementTool`);
    return { found: true, dir };
  }
  if (isProject(sharedLocation)) return { found: true, dir: sharedLocation };
  return {
    found: false,
    reason: `the Project Management Tool is not available: clone https://github.com/SalesforceLabs/ProjectManagementTool `
      + `into ${sharedLocation}, or set ${PMT_SOURCE_VARIABLE} to a checkout of it`,
  };
}
