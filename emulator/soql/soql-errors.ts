/**
 * SOQL errors in a real org's words (reference §6.4): the query line is echoed, a caret marks the
 * failing column, then `ERROR at Row:r:Column:c` and the message. Always HTTP 400.
 *
 *   \nSELECT Id, Foo FROM Opportunity\n           ^\nERROR at Row:1:Column:12\nNo such column 'Foo' ...
 */
import { SalesforceError } from '../contracts.js';

const CUSTOM_FIELD_HINT = "If you are attempting to use a custom field, be sure to append the '__c' after the custom field name. Please reference your WSDL or the describe call for the appropriate names.";
const CUSTOM_OBJECT_HINT = "If you are attempting to use a custom object, be sure to append the '__c' after the entity name. Please reference your WSDL or the describe call for the appropriate names.";
const CUSTOM_RELATIONSHIP_HINT = "If you are attempting to use a custom relationship, be sure to append the '__r' after the custom relationship name. Please reference your WSDL or the describe call for the appropriate names.";

/**
 * Builds the caret block for the character at `offset` of `soql`. For a multi-line query only the
 * failing line is echoed ([UNVERIFIED]: real orgs number rows the same way; the echo of other lines
 * is not documented).
 */
export function caretMessage(soql: string, offset: number, message: string): string {
  const safeOffset = Math.max(0, Math.min(offset, soql.length));
  const before = soql.slice(0, safeOffset);
  const row = before.split('\n').length;
  const lineStart = before.lastIndexOf('\n') + 1;
  const lineEnd = soql.indexOf('\n', lineStart);
  const line = soql.slice(lineStart, lineEnd === -1 ? undefined : lineEnd);
  const column = safeOffset - lineStart + 1;
  return `\n${line}\n${' '.repeat(column - 1)}^\nERROR at Row:${row}:Column:${column}\n${message}`;
}

/**
 * Offset of the first occurrence of `token` in `soql` as a whole identifier (case-insensitive,
 * outside string literals), at or after `from`; 0 when it cannot be found. The parser gives no
 * positions for fields, so errors about a field point at its first mention, like a real org.
 */
export function locate(soql: string, token: string, from = 0): number {
  const wanted = token.toLowerCase();
  const lower = soql.toLowerCase();
  let inString = false;
  for (let i = 0; i < soql.length; i++) {
    const ch = soql.charAt(i);
    if (inString) {
      if (ch === '\\') i++;
      else if (ch === "'") inString = false;
      continue;
    }
    if (ch === "'") {
      inString = true;
      continue;
    }
    if (i < from || !lower.startsWith(wanted, i)) continue;
    const prev = i > 0 ? soql.charAt(i - 1) : ' ';
    const next = soql.charAt(i + wanted.length);
    if (!/[\w.]/.test(prev) && !/[\w]/.test(next)) return i;
  }
  return 0;
}

export function noSuchColumn(soql: string, rawPath: string, field: string, entity: string): SalesforceError {
  return new SalesforceError('INVALID_FIELD', caretMessage(soql, locate(soql, rawPath),
    `No such column '${field}' on entity '${entity}'. ${CUSTOM_FIELD_HINT}`));
}

export function badRelationship(soql: string, rawPath: string, relationship: string): SalesforceError {
  return new SalesforceError('INVALID_FIELD', caretMessage(soql, locate(soql, rawPath),
    `Didn't understand relationship '${relationship}' in field path. ${CUSTOM_RELATIONSHIP_HINT}`));
}

/** A child relationship name in a subquery's FROM that does not exist ([UNVERIFIED] errorCode). */
export function badChildRelationship(soql: string, relationship: string): SalesforceError {
  return new SalesforceError('INVALID_TYPE', caretMessage(soql, locate(soql, relationship),
    `Didn't understand relationship '${relationship}' in FROM part of query call. ${CUSTOM_RELATIONSHIP_HINT}`));
}

export function unknownObject(soql: string, object: string): SalesforceError {
  return new SalesforceError('INVALID_TYPE', caretMessage(soql, locate(soql, object),
    `sObject type '${object}' is not supported. ${CUSTOM_OBJECT_HINT}`));
}

export function malformedQuery(soql: string, offset: number, message: string): SalesforceError {
  return new SalesforceError('MALFORMED_QUERY', caretMessage(soql, offset, message));
}

/** Semantic errors that a real org reports as INVALID_FIELD at a token (aggregates, grouping, ...). */
export function invalidFieldAt(soql: string, token: string, message: string): SalesforceError {
  return new SalesforceError('INVALID_FIELD', caretMessage(soql, locate(soql, token), message));
}
