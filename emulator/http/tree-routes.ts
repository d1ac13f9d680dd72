/**
 * sObject Tree `POST /composite/tree/{Type}`: nested parent-child records created in one all-or-nothing
 * request, as `sf data import tree` sends them ([DOC] REST API guide, "sObject Tree" and its request and
 * response bodies). Children are keyed by their child relationship name (`Contacts: {records: [...]}`)
 * and get their parent's new id in the relationship's lookup field.
 *
 * Records are saved level by level (every root, then every second-level record, ...), and inside a level
 * one group per type, as the guide says triggers and flows fire per such group. Success answers 201 with
 * `{hasErrors: false, results: [{referenceId, id}]}` in save order; a failure rolls everything back and
 * answers 400 with `{hasErrors: true, results: [{referenceId, errors}]}` naming only the failing records.
 * The CLI parses that 400 body to print its "Tree import errors" table.
 */
import { SalesforceError } from '../contracts.js';
import type { SaveError, WireRecord } from '../contracts.js';
import { saveErrorsOf } from '../service/errors.js';
import { param } from './rest-router.js';
import type { RestContext, RestRequest, RestResult, Route } from './rest-types.js';

/** Limits of one request [DOC]: 200 records across all trees, five types, five levels. */
export const MAX_TREE_RECORDS = 200;
export const MAX_TREE_TYPES = 5;
export const MAX_TREE_LEVELS = 5;

/** Reference ids start with a letter or digit and hold only letters, digits and underscores [DOC]. */
const REFERENCE_ID = /^[A-Za-z0-9][A-Za-z0-9_]*$/;

export const treeRoutes: Route[] = [{ method: 'POST', pattern: '/composite/tree/:type', api: 'data', handler: createTrees }];

interface TreeNode {
  referenceId: string;
  type: string;
  /** 1 for roots. */
  level: number;
  /** The record's own field values (no attributes, no child relationships). */
  values: WireRecord;
  parent?: TreeNode;
  /** The child's lookup field that receives the parent's id. */
  parentField?: string;
  id?: string;
}

interface ChildRelationship {
  relationshipName: string;
  childSObject: string;
  field: string;
}

interface TreeFailure {
  referenceId: string;
  errors: SaveError[];
}

/** A request whose records the org refuses before saving any of them (400 with the hasErrors body). */
class TreeRefused extends Error {
  constructor(readonly failures: TreeFailure[]) {
    super('sObject tree refused');
  }
}

/** Thrown inside the transaction to roll every save back once a group has failed. */
class RollBack extends Error {}

function createTrees(ctx: RestContext, params: Record<string, string>, req: RestRequest): RestResult {
  const rootType = param(params, 'type');
  let nodes: TreeNode[];
  try {
    nodes = readTrees(ctx, rootType, req.body);
  } catch (err) {
    if (err instanceof TreeRefused) return refused(err.failures);
    throw err;
  }
  const saved: { referenceId: string; id: string }[] = [];
  let failures: TreeFailure[] = [];
  try {
    ctx.service.transaction(() => {
      for (const group of saveGroups(nodes)) {
        failures = group.flatMap((node) => saveNode(ctx, node, saved));
        if (failures.length > 0) throw new RollBack();
      }
    });
  } catch (err) {
    if (err instanceof RollBack) return refused(failures);
    throw err;
  }
  return { status: 201, body: { hasErrors: false, results: saved } };
}

function refused(failures: TreeFailure[]): RestResult {
  return { status: 400, body: { hasErrors: true, results: failures } };
}

/** Saves one record in its own savepoint, so that a refused record leaves nothing behind. */
function saveNode(ctx: RestContext, node: TreeNode, saved: { referenceId: string; id: string }[]): TreeFailure[] {
  const values: WireRecord = { ...node.values };
  if (node.parent && node.parentField) values[node.parentField] = node.parent.id ?? null;
  try {
    node.id = ctx.service.transaction(() => ctx.service.create(ctx.session, node.type, values));
    saved.push({ referenceId: node.referenceId, id: node.id });
    return [];
  } catch (err) {
    if (err instanceof SalesforceError) return [{ referenceId: node.referenceId, errors: saveErrorsOf(err) }];
    throw err;
  }
}

/** Level by level; inside a level, one group per type in the order the types first appear. */
function saveGroups(nodes: TreeNode[]): TreeNode[][] {
  const groups = new Map<string, TreeNode[]>();
  const sorted = [...nodes].sort((a, b) => a.level - b.level);
  for (const node of sorted) {
    const key = `${node.level}\u0000${node.type.toLowerCase()}`;
    const group = groups.get(key);
    if (group) group.push(node);
    else groups.set(key, [node]);
  }
  return [...groups.values()];
}

/**
 * Walks the request body into nodes, checking every record before anything is saved. Problems with a
 * record are collected (each duplicate reference id is reported once per use [DOC]); problems with the
 * request as a whole (its shape, its limits) are thrown as one error.
 */
function readTrees(ctx: RestContext, rootType: string, body: unknown): TreeNode[] {
  const roots = recordsOf(body, 'The request body must be an object with a records array.');
  const nodes: TreeNode[] = [];
  const failures: TreeFailure[] = [];
  const relationshipCache = new Map<string, ChildRelationship[]>();
  const walk = (records: unknown[], expectedType: string, level: number, parent?: TreeNode, parentField?: string): void => {
    if (level > MAX_TREE_LEVELS) {
      // [UNVERIFIED] code and wording for a tree deeper than the documented five levels.
      throw new SalesforceError('INVALID_INPUT', `sObject trees can be at most ${MAX_TREE_LEVELS} levels deep.`);
    }
    for (const raw of records) {
      if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
        throw new SalesforceError('JSON_PARSER_ERROR', 'Each record must be a JSON object.');
      }
      const record = raw as WireRecord;
      const attributes = (record['attributes'] ?? {}) as { type?: unknown; referenceId?: unknown };
      const referenceId = typeof attributes.referenceId === 'string' ? attributes.referenceId : '';
      const type = typeof attributes.type === 'string' ? attributes.type : '';
      const refuse = (message: string): void => void failures.push({ referenceId, errors: [{ statusCode: 'INVALID_INPUT', message, fields: [] }] });
      // [UNVERIFIED] wording of these INVALID_INPUT messages; the code is the one the CLI's users report.
      if (!REFERENCE_ID.test(referenceId)) {
        refuse(`Invalid referenceId '${referenceId}': a reference id must start with a letter or digit and contain only letters, digits and underscores.`);
      }
      if (type.toLowerCase() !== expectedType.toLowerCase()) {
        refuse(type === '' ? 'The attributes of every record must name its type.' : `Invalid entity type provided in the request: ${type} (expected ${expectedType}).`);
      }
      const node: TreeNode = { referenceId, type: expectedType, level, values: {} };
      if (parent) node.parent = parent;
      if (parentField) node.parentField = parentField;
      nodes.push(node);
      const relationships = childRelationships(ctx, expectedType, relationshipCache);
      for (const [key, value] of Object.entries(record)) {
        if (key === 'attributes') continue;
        const relationship = isChildCollection(value) ? relationships.find((r) => r.relationshipName.toLowerCase() === key.toLowerCase()) : undefined;
        if (!relationship) {
          // Anything else is a field value; an unknown name is refused by the save itself (INVALID_FIELD).
          node.values[key] = value;
          continue;
        }
        walk(recordsOf(value, `${key} must be an object with a records array.`), relationship.childSObject, level + 1, node, relationship.field);
      }
    }
  };
  walk(roots, rootType, 1);
  if (nodes.length > MAX_TREE_RECORDS) {
    // [UNVERIFIED] code and wording; the CLI never sends more (it splits files at 200 records).
    throw new SalesforceError('INVALID_INPUT', `An sObject tree request can contain at most ${MAX_TREE_RECORDS} records; this one has ${nodes.length}.`);
  }
  const types = new Set(nodes.map((n) => n.type.toLowerCase()));
  if (types.size > MAX_TREE_TYPES) {
    throw new SalesforceError('INVALID_INPUT', `An sObject tree request can contain records of at most ${MAX_TREE_TYPES} types; this one has ${types.size}.`);
  }
  const uses = new Map<string, number>();
  for (const node of nodes) uses.set(node.referenceId, (uses.get(node.referenceId) ?? 0) + 1);
  for (const node of nodes) {
    if (node.referenceId !== '' && (uses.get(node.referenceId) ?? 0) > 1) {
      failures.push({ referenceId: node.referenceId, errors: [{ statusCode: 'INVALID_INPUT', message: `Duplicate ReferenceId provided in the request: ${node.referenceId}`, fields: [] }] });
    }
  }
  if (failures.length > 0) throw new TreeRefused(failures);
  return nodes;
}

function recordsOf(value: unknown, message: string): unknown[] {
  const records = isChildCollection(value) ? value.records : undefined;
  if (!records) throw new SalesforceError('JSON_PARSER_ERROR', message);
  return records;
}

function isChildCollection(value: unknown): value is { records: unknown[] } {
  return value !== null && typeof value === 'object' && !Array.isArray(value) && Array.isArray((value as { records?: unknown }).records);
}

/** The object's child relationships as its describe lists them (the user's own view of the schema). */
function childRelationships(ctx: RestContext, type: string, cache: Map<string, ChildRelationship[]>): ChildRelationship[] {
  const key = type.toLowerCase();
  const cached = cache.get(key);
  if (cached) return cached;
  const describe = ctx.service.describe(ctx.session, type);
  const raw = Array.isArray(describe['childRelationships']) ? (describe['childRelationships'] as unknown[]) : [];
  const relationships = raw.flatMap((r) => {
    const rel = r as { relationshipName?: unknown; childSObject?: unknown; field?: unknown };
    return typeof rel.relationshipName === 'string' && typeof rel.childSObject === 'string' && typeof rel.field === 'string'
      ? [{ relationshipName: rel.relationshipName, childSObject: rel.childSObject, field: rel.field }]
      : [];
  });
  cache.set(key, relationships);
  return relationships;
}
