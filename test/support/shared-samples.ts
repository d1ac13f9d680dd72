/**
 * Where the public sample SFDX projects are: `shared/` beside the repository (as CI lays it out), or
 * `/work/shared` on a developer's machine of this workplace.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '../..');
const CANDIDATES = [path.resolve(ROOT, '..', 'shared'), '/work/shared'];

export const SHARED_DIR = CANDIDATES.find((dir) => existsSync(path.join(dir, 'samples'))) ?? CANDIDATES[0]!;

/** The public Technology Transfer Starter project (read-only). */
export const TECHNOLOGY_TRANSFER_STARTER = path.join(SHARED_DIR, 'samples', 'technology-transfer-starter');
