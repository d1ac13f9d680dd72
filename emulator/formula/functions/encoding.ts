/**
 * Encoding functions: HTMLENCODE JSENCODE JSINHTMLENCODE URLENCODE. Custom buttons and links use them
 * most, but they are formula functions like any other and formula fields use them to build URLs
 * (`HYPERLINK("/apex/Page?name=" & URLENCODE(Name), "Open")`).
 */
import { blankToNull, expectArgType, makeNode, textOf } from '../compiled-node.js';
import type { FunctionDef, FunctionTable } from './function-def.js';

/**
 * HTMLENCODE: "replacing characters that are reserved in HTML, such as the greater-than sign (>), with
 * HTML entity equivalents, such as &gt;" (Salesforce help). The five reserved characters; the
 * apostrophe as `&#39;` ([UNVERIFIED] entity form).
 */
export function htmlEncode(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/**
 * JSENCODE: "inserting escape characters, such as a backslash (\), before unsafe JavaScript characters,
 * such as the apostrophe (')" (Salesforce help). Backslash, both quotes and line breaks are escaped,
 * and `<`/`>` become `\u003C`/`\u003E` so that the value cannot close a `<script>` ([UNVERIFIED] the
 * exact set; this is what Visualforce's JSENCODE output shows in the Secure Coding Guide examples).
 */
export function jsEncode(text: string): string {
  return text
    .replace(/\\/g, '\\\\')
    .replace(/'/g, "\\'")
    .replace(/"/g, '\\"')
    .replace(/\r/g, '\\r')
    .replace(/\n/g, '\\n')
    .replace(/</g, '\\u003C')
    .replace(/>/g, '\\u003E');
}

/**
 * URLENCODE: "replacing characters that are illegal in URLs, such as blank spaces, with the code that
 * represent those characters as defined in RFC 3986. For example, blank spaces are replaced with %20,
 * and exclamation points are replaced with %21" (Salesforce help). encodeURIComponent keeps
 * `! ' ( ) *`, which RFC 3986 reserves, so those are encoded too; UTF-8 as the RFC recommends.
 */
export function urlEncode(text: string): string {
  return encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

function encoder(encode: (text: string) => string): FunctionDef {
  return {
    minArgs: 1, maxArgs: 1,
    compile([arg], scope, name) {
      expectArgType(scope, name, arg!, ['text']);
      return makeNode('text', name, (ctx) => blankToNull(encode(textOf(arg!, ctx))));
    },
  };
}

export const ENCODING_FUNCTIONS: FunctionTable = {
  HTMLENCODE: encoder(htmlEncode),
  JSENCODE: encoder(jsEncode),
  // Salesforce help: "JSINHTMLENCODE(someValue) is equivalent to JSENCODE(HTMLENCODE(someValue))".
  JSINHTMLENCODE: encoder((text) => jsEncode(htmlEncode(text))),
  URLENCODE: encoder(urlEncode),
};
