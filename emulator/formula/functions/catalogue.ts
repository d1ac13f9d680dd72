/**
 * The whole list of Salesforce formula functions, as Salesforce help's "Formula Operators and Functions
 * by Context" gives it (Date and Time, Logical, Math, Text, Summary and Advanced functions; the same
 * list is in "Examples of Advanced Formula Fields", salesforce_useful_formula_fields.pdf), and for each
 * whether the engine runs it. The load summary counts it, so that a team sees up front which functions
 * of its project the emulator cannot run, and a formula that uses one fails naming the reason.
 *
 * What is not implemented only makes sense outside a record's formula: in a report, a Visualforce page,
 * an s-control, a custom button, or with an Einstein model.
 *
 * @example
 * functionCoverage() // { total: 104, implemented: 93, missing: [{ name: 'GETRECORDIDS', ... }, ...] }
 */
import { FORMULA_FUNCTIONS } from './index.js';

export type FunctionCategory = 'Date and Time' | 'Logical' | 'Math' | 'Text' | 'Summary' | 'Advanced';

export interface CatalogueEntry {
  readonly name: string;
  readonly category: FunctionCategory;
  /** Why the emulator does not run it; absent for the functions it runs. */
  readonly notImplemented?: string;
}

const REPORT = 'a report summary formula function; reports are not emulated';
const BUTTON = 'a custom button and link function; no button runs in the emulator';
const PAGE = 'a Visualforce page and s-control function; no page runs in the emulator';

const LIST: Record<FunctionCategory, (string | [string, string])[]> = {
  'Date and Time': [
    'ADDMONTHS', 'DATE', 'DATEVALUE', 'DATETIMEVALUE', 'DAY', 'DAYOFYEAR', 'FORMATDURATION', 'HOUR', 'ISOWEEK',
    'ISOYEAR', 'MILLISECOND', 'MINUTE', 'MONTH', 'NOW', 'SECOND', 'TIMENOW', 'TIMEVALUE', 'TODAY', 'UNIXTIMESTAMP',
    'WEEKDAY', 'YEAR',
  ],
  Logical: [
    'AND', 'BLANKVALUE', 'CASE', 'IF', 'ISBLANK', 'ISCLONE', 'ISNEW', 'ISNULL', 'ISNUMBER', 'NOT', 'NULLVALUE', 'OR',
    'PRIORVALUE',
  ],
  Math: [
    'ABS', 'ACOS', 'ASIN', 'ATAN', 'ATAN2', 'CEILING', 'CHR', 'COS', 'DISTANCE', 'EXP', 'FLOOR', 'FROMUNIXTIME',
    'GEOLOCATION', 'LN', 'LOG', 'MAX', 'MCEILING', 'MFLOOR', 'MIN', 'MOD', 'PI', 'PICKLISTCOUNT', 'ROUND', 'SIN',
    'SQRT', 'TAN', 'TRUNC',
  ],
  Text: [
    'ASCII', 'BEGINS', 'BR', 'CASESAFEID', 'CONTAINS', 'FIND',
    ['GETSESSIONID', 'the session id of the user viewing a page; a record formula has no page session, and a session id in a field value would leak into test reports'],
    'HTMLENCODE', 'HYPERLINK', 'IMAGE', 'INCLUDES', 'INITCAP', 'ISPICKVAL', 'JSENCODE', 'JSINHTMLENCODE', 'LEFT',
    'LEN', 'LOWER', 'LPAD', 'MID', 'REVERSE', 'RIGHT', 'RPAD', 'SUBSTITUTE', 'TEXT', 'TRIM', 'UPPER', 'URLENCODE',
    'VALUE',
  ],
  Summary: [['PARENTGROUPVAL', REPORT], ['PREVGROUPVAL', REPORT]],
  Advanced: [
    'CURRENCYRATE',
    ['GETRECORDIDS', `${BUTTON} (the records selected in a list view)`],
    ['IMAGEPROXYURL', PAGE],
    ['INCLUDE', PAGE],
    'ISCHANGED',
    ['JUNCTIONIDLIST', BUTTON],
    ['LINKTO', PAGE],
    ['PREDICT', 'an Einstein Discovery prediction; it needs a deployed model, which the emulator has not'],
    'REGEX',
    ['REQUIRESCRIPT', BUTTON],
    ['URLFOR', PAGE],
    'VLOOKUP',
  ],
};

export const FUNCTION_CATALOGUE: readonly CatalogueEntry[] = (Object.entries(LIST) as [FunctionCategory, (string | [string, string])[]][])
  .flatMap(([category, names]) => names.map((entry) => (typeof entry === 'string'
    ? { name: entry, category }
    : { name: entry[0], category, notImplemented: entry[1] })));

const BY_NAME = new Map(FUNCTION_CATALOGUE.map((entry) => [entry.name, entry]));

/** The catalogue entry of a function (upper-case name), or undefined for a name Salesforce does not have. */
export function catalogueEntry(name: string): CatalogueEntry | undefined {
  return BY_NAME.get(name.toUpperCase());
}

export interface FunctionCoverage {
  total: number;
  implemented: number;
  /** In catalogue order. */
  missing: CatalogueEntry[];
}

/** How much of the catalogue the engine runs: what the load summary prints. */
export function functionCoverage(): FunctionCoverage {
  const missing = FUNCTION_CATALOGUE.filter((entry) => !FORMULA_FUNCTIONS.has(entry.name));
  return { total: FUNCTION_CATALOGUE.length, implemented: FUNCTION_CATALOGUE.length - missing.length, missing };
}

/**
 * The load summary's line:
 * `formula functions: 93 of 104 implemented; not implemented (no record context): GETSESSIONID, ...`.
 */
export function describeFunctionCoverage(): string {
  const { total, implemented, missing } = functionCoverage();
  const tail = missing.length === 0 ? '' : `; not implemented (page, report, button or model only): ${missing.map((m) => m.name).join(', ')}`;
  return `formula functions: ${implemented} of ${total} implemented${tail}`;
}
