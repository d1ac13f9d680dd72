/**
 * Reading metadata XML. Entities are decoded as XML defines them (`&amp;` and numeric references such
 * as `&#39;`, which Salesforce writes for quotes in formulas). Every value stays a string (`parseTagValue: false`): Salesforce metadata
 * spells booleans `true`/`false` and numbers as text, and a picklist value such as `007` or `1e3` must
 * never turn into a number. Elements that can repeat are always arrays, so callers never have to ask
 * "one or many?".
 */
import { readFileSync } from 'node:fs';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { MetadataError } from './metadata-error.js';

/** A parsed element: child elements by tag name; leaf values are strings. */
export type XmlNode = { [tag: string]: XmlValue };
export type XmlValue = string | XmlNode | XmlValue[];

/**
 * XML's entities: the five predefined ones and numeric character references (`&#39;`, `&#x27;`), decoded in
 * one pass so that `&amp;#39;` stays the text `&#39;`. Salesforce writes quotes in formulas as `&#39;`;
 * fast-xml-parser's default decoder leaves numeric references as text (a formula `Type__c & &#39; - &#39;`
 * then fails to parse). Hand-written because the library decodes them only with its deprecated
 * `htmlEntities` flag, which also loads HTML's named-entity table and measured twice the parse time of the
 * whole metadata load (test/bench/metadata-load.bench.ts: 370 -> 700 ms of CPU).
 */
const PREDEFINED: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const ENTITY = /&(?:#(\d+)|#x([0-9a-fA-F]+)|(amp|lt|gt|quot|apos));/g;
const XML_ENTITIES = {
  decode: (value: string): string => (value.includes('&') ? value.replace(ENTITY, decodeEntity) : value),
  // Metadata files declare no DTD entities; nothing to keep between documents.
  setExternalEntities: (): void => undefined,
  addInputEntities: (): void => undefined,
  reset: (): void => undefined,
  setXmlVersion: (): void => undefined,
};

function decodeEntity(match: string, decimal: string | undefined, hex: string | undefined, named: string | undefined): string {
  if (named !== undefined) return PREDEFINED[named] ?? match;
  const code = decimal !== undefined ? Number.parseInt(decimal, 10) : Number.parseInt(hex ?? '', 16);
  // Not a Unicode code point: left as written rather than guessed at.
  return Number.isInteger(code) && code >= 0 && code <= 0x10ffff ? String.fromCodePoint(code) : match;
}

const parsers = new Map<string, XMLParser>();

function parserFor(repeatable: ReadonlySet<string>): XMLParser {
  const key = [...repeatable].sort().join(',');
  let parser = parsers.get(key);
  if (!parser) {
    parser = new XMLParser({
      ignoreAttributes: true,
      ignoreDeclaration: true,
      parseTagValue: false,
      trimValues: true,
      entityDecoder: XML_ENTITIES,
      isArray: (tagName) => repeatable.has(tagName),
    });
    parsers.set(key, parser);
  }
  return parser;
}

/**
 * Parses one metadata file and returns its root element (`<CustomField>`, `<Flow>`, ...).
 * @param shownAs the path used in error messages (relative to the project)
 * @param rootTag the expected root element
 * @param repeatable tag names that are always arrays wherever they appear
 */
export function readMetadataXml(path: string, shownAs: string, rootTag: string, repeatable: ReadonlySet<string>): XmlNode {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new MetadataError(shownAs, `cannot be read (${(error as Error).message})`);
  }
  return parseMetadataXml(text, shownAs, rootTag, repeatable);
}

export function parseMetadataXml(text: string, shownAs: string, rootTag: string, repeatable: ReadonlySet<string>): XmlNode {
  const verdict = XMLValidator.validate(text);
  if (verdict !== true) {
    throw new MetadataError(shownAs, `malformed XML at line ${verdict.err.line}, column ${verdict.err.col}: ${verdict.err.msg}`);
  }
  const doc = parserFor(repeatable).parse(text) as XmlNode;
  const root = doc[rootTag];
  if (root === undefined) {
    const found = Object.keys(doc).find((k) => !k.startsWith('?')) ?? 'nothing';
    throw new MetadataError(shownAs, `expected a <${rootTag}> root element, found <${found}>`);
  }
  // An empty root (`<Profile/>`) parses as ''.
  return typeof root === 'string' || Array.isArray(root) ? {} : root;
}

/** The text of a child element, or undefined when absent or not a leaf. */
export function text(node: XmlNode | undefined, tag: string): string | undefined {
  const value = node?.[tag];
  if (typeof value === 'string') return value;
  if (Array.isArray(value) && typeof value[0] === 'string') return value[0];
  return undefined;
}

/** Metadata booleans are the words `true`/`false`; anything else (or absence) is `fallback`. */
export function bool(node: XmlNode | undefined, tag: string, fallback = false): boolean {
  const value = text(node, tag);
  if (value === 'true') return true;
  if (value === 'false') return false;
  return fallback;
}

export function int(node: XmlNode | undefined, tag: string, fallback: number): number {
  const value = text(node, tag);
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  return Number.isFinite(n) ? n : fallback;
}

/** A child element that holds other elements (not a leaf). */
export function child(node: XmlNode | undefined, tag: string): XmlNode | undefined {
  const value = node?.[tag];
  if (Array.isArray(value)) return asNode(value[0]);
  return asNode(value);
}

/** Every occurrence of a repeatable child element (works whether or not the tag was declared repeatable). */
export function children(node: XmlNode | undefined, tag: string): XmlNode[] {
  const value = node?.[tag];
  if (value === undefined) return [];
  const list = Array.isArray(value) ? value : [value];
  return list.map((v) => asNode(v)).filter((v): v is XmlNode => v !== undefined);
}

/** Every text value of a repeatable leaf element. */
export function texts(node: XmlNode | undefined, tag: string): string[] {
  const value = node?.[tag];
  if (value === undefined) return [];
  const list = Array.isArray(value) ? value : [value];
  return list.filter((v): v is string => typeof v === 'string');
}

function asNode(value: XmlValue | undefined): XmlNode | undefined {
  if (value === undefined || typeof value === 'string' || Array.isArray(value)) {
    // `<valueSet></valueSet>` parses as ''; treat as an empty element.
    return value === '' ? {} : undefined;
  }
  return value;
}
