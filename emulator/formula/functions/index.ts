/** Every supported formula function, by upper-case name. Anything else is a load-time error. */
import { DATE_FUNCTIONS } from './dates.js';
import { ENCODING_FUNCTIONS } from './encoding.js';
import type { FunctionDef } from './function-def.js';
import { GEOLOCATION_FUNCTIONS } from './geolocation.js';
import { HTML_FUNCTIONS } from './html.js';
import { LOGICAL_FUNCTIONS } from './logical.js';
import { LOOKUP_FUNCTIONS } from './lookup.js';
import { MATH_FUNCTIONS } from './math.js';
import { RECORD_CHANGE_FUNCTIONS } from './record-change.js';
import { TEXT_FUNCTIONS } from './text.js';
import { TIME_FUNCTIONS } from './times.js';

export const FORMULA_FUNCTIONS: ReadonlyMap<string, FunctionDef> = new Map(
  Object.entries({
    ...LOGICAL_FUNCTIONS, ...TEXT_FUNCTIONS, ...HTML_FUNCTIONS, ...ENCODING_FUNCTIONS, ...MATH_FUNCTIONS, ...GEOLOCATION_FUNCTIONS,
    ...DATE_FUNCTIONS, ...TIME_FUNCTIONS, ...RECORD_CHANGE_FUNCTIONS, ...LOOKUP_FUNCTIONS,
  }),
);

export type { FunctionDef } from './function-def.js';
