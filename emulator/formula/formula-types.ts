import type { FieldType } from '../metadata/types.js';

/**
 * The data types a formula expression can have. Salesforce formulas know fewer types than fields:
 * every text-like field (email, phone, url, id, lookup...) is Text, and every numeric field
 * (int, double, currency, percent) is Number. `null` is the type of the `NULL` literal, which fits
 * anywhere. `location` (a geolocation field or `GEOLOCATION()`) only goes into DISTANCE and ISBLANK,
 * as in Salesforce; no formula can return it.
 */
export type FormulaType =
  | 'text' | 'number' | 'boolean' | 'date' | 'datetime' | 'time' | 'picklist' | 'multipicklist' | 'location' | 'null';

/** Field type -> formula type, or null for types formulas cannot read (address, location, base64). */
export function formulaTypeOfField(type: FieldType): FormulaType | null {
  switch (type) {
    case 'id': case 'reference': case 'string': case 'textarea': case 'email': case 'phone': case 'url':
    case 'combobox': case 'encryptedstring':
      return 'text';
    case 'int': case 'double': case 'currency': case 'percent':
      return 'number';
    case 'boolean': return 'boolean';
    case 'date': return 'date';
    case 'datetime': return 'datetime';
    case 'time': return 'time';
    case 'picklist': return 'picklist';
    case 'multipicklist': return 'multipicklist';
    case 'location': return 'location';
    case 'address': case 'base64': case 'anyType':
      return null;
  }
}

/** The names Salesforce uses for types in formula error messages ("Expected Number, received Text"). */
export function typeLabel(type: FormulaType): string {
  switch (type) {
    case 'text': return 'Text';
    case 'number': return 'Number';
    case 'boolean': return 'Boolean';
    case 'date': return 'Date';
    case 'datetime': return 'Date/Time';
    case 'time': return 'Time';
    case 'picklist': return 'Picklist';
    case 'multipicklist': return 'Multi-Select Picklist';
    case 'location': return 'Location';
    case 'null': return 'Null';
  }
}

/** Picklists can only be read through a few functions (ISPICKVAL, TEXT, CASE, ISBLANK...), as in Salesforce. */
export function isPicklistType(type: FormulaType): boolean {
  return type === 'picklist' || type === 'multipicklist';
}

/**
 * The common type of two branches (IF, CASE, BLANKVALUE...), or null when they do not fit together.
 * `NULL` fits any type.
 */
export function unifyTypes(a: FormulaType, b: FormulaType): FormulaType | null {
  if (a === b) return a;
  if (a === 'null') return b;
  if (b === 'null') return a;
  return null;
}
