/** Every supported formula function, by upper-case name. Anything else is a load-time error. */
import { DATE_FUNCTIONS } from './dates.js';
import type { FunctionDef } from './function-def.js';
import { LOGICAL_FUNCTIONS } from './logical.js';
import { MATH_FUNCTIONS } from './math.js';
import { RECORD_CHANGE_FUNCTIONS } from './record-change.js';
import { TEXT_FUNCTIONS } from './text.js';

export const FORMULA_FUNCTIONS: ReadonlyMap<string, FunctionDef> = new Map(
  Object.entries({ ...LOGICAL_FUNCTIONS, ...TEXT_FUNCTIONS, ...MATH_FUNCTIONS, ...DATE_FUNCTIONS, ...RECORD_CHANGE_FUNCTIONS }),
);

export type { FunctionDef } from './function-def.js';
