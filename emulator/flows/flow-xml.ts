/**
 * Reading the parsed `<Flow>` element. The metadata loader parses flow XML with fast-xml-parser
 * (`parseTagValue: false`), so every leaf is a string and repeatable elements are arrays; these helpers
 * also accept a lone object where an array was expected, so the runtime does not depend on the exact
 * `isArray` list the loader uses.
 */

/** A parsed XML element: child elements by tag name. */
export type XmlNode = Record<string, unknown>;

export function isNode(value: unknown): value is XmlNode {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The children named `key` as a list (absent -> [], single -> [it]). */
export function children(node: XmlNode | undefined, key: string): XmlNode[] {
  const value = node?.[key];
  if (value === undefined || value === null || value === '') return [];
  const list = Array.isArray(value) ? value : [value];
  return list.filter(isNode);
}

/** The single child element `key`, if present. */
export function child(node: XmlNode | undefined, key: string): XmlNode | undefined {
  const value = node?.[key];
  if (Array.isArray(value)) return value.find(isNode);
  return isNode(value) ? value : undefined;
}

/** Text content of leaf `key` (`<x></x>` reads as ''), or undefined when absent. */
export function text(node: XmlNode | undefined, key: string): string | undefined {
  const value = node?.[key];
  const first: unknown = Array.isArray(value) ? value[0] : value;
  if (first === undefined || first === null) return undefined;
  if (typeof first === 'string') return first;
  if (typeof first === 'number' || typeof first === 'boolean') return String(first);
  // An element carrying attributes but no children reads as `{ '#text': ... }` or `{}`.
  if (isNode(first)) {
    const inner = first['#text'];
    return typeof inner === 'string' || typeof inner === 'number' ? String(inner) : '';
  }
  return undefined;
}

/** Texts of every repeated leaf `key` (e.g. `queriedFields`). */
export function texts(node: XmlNode | undefined, key: string): string[] {
  const value = node?.[key];
  if (value === undefined || value === null) return [];
  const list: unknown[] = Array.isArray(value) ? value : [value];
  return list.filter((v): v is string | number => typeof v === 'string' || typeof v === 'number').map(String);
}

export function flag(node: XmlNode | undefined, key: string): boolean {
  return text(node, key)?.trim().toLowerCase() === 'true';
}

/** `<connector><targetReference>X</targetReference></connector>` -> `X`. */
export function target(node: XmlNode | undefined, connectorKey: string): string | undefined {
  const ref = text(child(node, connectorKey), 'targetReference');
  return ref === undefined || ref === '' ? undefined : ref;
}
