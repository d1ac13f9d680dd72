/**
 * Reading the SFDX project's metadata XML for coverage. The suite shares no code with the emulator, so this
 * is its own small reader on fast-xml-parser: every value stays a string (`007` must not become a number),
 * and `list()` answers "one or many?" wherever an element can repeat.
 */
import { readFileSync } from 'node:fs';
import { XMLParser, XMLValidator } from 'fast-xml-parser';

export type XmlNode = { [tag: string]: XmlValue };
export type XmlValue = string | XmlNode | XmlValue[];

/** A project file that cannot be read as the metadata it claims to be; the message names the file. */
export class ProjectReadError extends Error {
  constructor(
    readonly file: string,
    problem: string,
  ) {
    super(`${file}: ${problem}`);
    this.name = 'ProjectReadError';
  }
}

const parser = new XMLParser({ ignoreAttributes: true, ignoreDeclaration: true, parseTagValue: false, trimValues: true });

/** Parses a metadata file and returns its root element (`<CustomField>`, `<Flow>`, `<Package>`, ...). */
export function readMetadataXml(file: string, shownAs: string, rootTag: string): XmlNode {
  let content: string;
  try {
    content = readFileSync(file, 'utf8');
  } catch (error) {
    throw new ProjectReadError(shownAs, `cannot be read (${(error as Error).message})`);
  }
  return parseMetadataXml(content, shownAs, rootTag);
}

export function parseMetadataXml(content: string, shownAs: string, rootTag: string): XmlNode {
  const verdict = XMLValidator.validate(content);
  if (verdict !== true) throw new ProjectReadError(shownAs, `malformed XML at line ${verdict.err.line}: ${verdict.err.msg}`);
  const doc = parser.parse(content) as XmlNode;
  const root = doc[rootTag];
  if (root === undefined) {
    const found = Object.keys(doc).find((k) => !k.startsWith('?')) ?? 'nothing';
    throw new ProjectReadError(shownAs, `expected a <${rootTag}> root element, found <${found}>`);
  }
  return typeof root === 'string' || Array.isArray(root) ? {} : root;
}

/** The element's children named `tag`, always as a list of elements. */
export function list(node: XmlNode | undefined, tag: string): XmlNode[] {
  const value = node?.[tag];
  if (value === undefined) return [];
  const values = Array.isArray(value) ? value : [value];
  return values.filter((v): v is XmlNode => typeof v === 'object' && !Array.isArray(v));
}

/** The texts of the element's children named `tag` (`<members>` of a `<types>`). */
export function texts(node: XmlNode | undefined, tag: string): string[] {
  const value = node?.[tag];
  if (value === undefined) return [];
  return (Array.isArray(value) ? value : [value]).filter((v): v is string => typeof v === 'string');
}

export function text(node: XmlNode | undefined, tag: string): string | undefined {
  return texts(node, tag)[0];
}

export function child(node: XmlNode | undefined, tag: string): XmlNode | undefined {
  return list(node, tag)[0];
}

/** Metadata booleans are the words `true`/`false`; anything else (or absence) is `fallback`. */
export function bool(node: XmlNode | undefined, tag: string, fallback = false): boolean {
  const value = text(node, tag);
  return value === 'true' ? true : value === 'false' ? false : fallback;
}
