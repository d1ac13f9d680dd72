/**
 * The flow tests' own org double: a FlowHost over an in-memory map, with a small save pipeline
 * (before-save flows, required fields, after-save flows, before-delete flows) so that flows that update
 * records trigger other flows the way they would in an org. Formulas go through the real formula engine.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CompiledFormula, FlowHost, WireRecord } from '../../../../emulator/contracts.js';
import { SalesforceError } from '../../../../emulator/contracts.js';
import { FlowRuntime } from '../../../../emulator/flows/runtime.js';
import { compileFormula } from '../../../../emulator/formula/index.js';
import { to18 } from '../../../../emulator/ids.js';
import { FLOW_REPEATABLE, parseFlow } from '../../../../emulator/metadata/flow.js';
import type { FieldType, FlowDef } from '../../../../emulator/metadata/types.js';
import { parseMetadataXml } from '../../../../emulator/metadata/xml.js';
import { runQuery, type StoredRecord } from './memory-soql.js';

/** Field types by object, for the formula compiler and for lookups (`referenceTo`). */
export type TestSchema = Record<string, Record<string, { type: FieldType; referenceTo?: string }>>;

export class MemoryOrg implements FlowHost {
  readonly records = new Map<string, StoredRecord>();
  readonly dml: { op: 'create' | 'update' | 'delete'; object: string; id: string; values?: WireRecord }[] = [];
  runtime: FlowRuntime | undefined;
  clock = new Date('2025-03-03T09:00:00.000Z');
  private readonly required = new Map<string, string[]>();
  private readonly prefixes = new Map<string, string>();
  private sequence = 0;

  constructor(private readonly schema: TestSchema = {}) {}

  /** Loads flows and wires a FlowRuntime to this org's save pipeline. */
  useFlows(flows: FlowDef[]): FlowRuntime {
    this.runtime = new FlowRuntime(flows, this);
    return this.runtime;
  }

  /** Makes a field required on save (REQUIRED_FIELD_MISSING, as a required field would). */
  requireFields(object: string, fields: string[]): void {
    this.required.set(object.toLowerCase(), fields);
  }

  /** Inserts a record without running automation (test data setup). */
  seed(object: string, fields: WireRecord): string {
    const id = this.mintId(object);
    this.records.set(id, { object, fields: { ...fields, Id: id } });
    return id;
  }

  get(id: string): WireRecord {
    const record = this.records.get(id);
    if (!record) throw new Error(`no record ${id}`);
    return record.fields;
  }

  all(object: string): WireRecord[] {
    return [...this.records.values()].filter((r) => r.object.toLowerCase() === object.toLowerCase()).map((r) => r.fields);
  }

  // --- FlowHost ---------------------------------------------------------------------------

  query(soql: string): WireRecord[] {
    return runQuery(soql, this.records);
  }

  create(object: string, values: WireRecord): string {
    const changes = this.runtime?.runBeforeSave(object, 'create', { ...values }, undefined) ?? {};
    const fields = { ...values, ...changes };
    this.checkRequired(object, fields);
    const id = this.mintId(object);
    const saved = { ...fields, Id: id };
    this.records.set(id, { object, fields: saved });
    this.dml.push({ op: 'create', object, id, values });
    this.runtime?.runAfterSave(object, 'create', { ...saved }, undefined);
    return id;
  }

  update(object: string, id: string, values: WireRecord): void {
    const stored = this.records.get(id);
    if (!stored) throw new SalesforceError('ENTITY_IS_DELETED', 'entity is deleted', [], 404);
    const prior = { ...stored.fields };
    const merged = { ...prior, ...values, Id: id };
    const changes = this.runtime?.runBeforeSave(object, 'update', { ...merged }, prior) ?? {};
    const saved = { ...merged, ...changes };
    this.checkRequired(object, saved);
    stored.fields = saved;
    this.dml.push({ op: 'update', object, id, values });
    this.runtime?.runAfterSave(object, 'update', { ...saved }, prior);
  }

  delete(object: string, id: string): void {
    const stored = this.records.get(id);
    if (!stored) throw new SalesforceError('ENTITY_IS_DELETED', 'entity is deleted', [], 404);
    this.runtime?.runBeforeDelete(object, { ...stored.fields });
    this.records.delete(id);
    this.dml.push({ op: 'delete', object, id });
  }

  compileFormula(source: string, object: string | undefined, where: string): CompiledFormula {
    return compileFormula(source, { object: object ?? '', where, typeOf: (path) => this.typeOf(object, path) });
  }

  now(): Date {
    return new Date(this.clock);
  }

  referenceTarget(object: string, field: string): string | undefined {
    return this.fieldDef(object, field)?.referenceTo;
  }

  // ---------------------------------------------------------------------------------------

  private typeOf(object: string | undefined, path: string[]): FieldType | null {
    let current = object;
    for (let i = 0; i < path.length; i++) {
      const segment = path[i] ?? '';
      if (!current || segment.startsWith('$')) return null;
      if (i === path.length - 1) return this.fieldDef(current, segment)?.type ?? null;
      const foreignKey = segment.toLowerCase().endsWith('__r') ? `${segment.slice(0, -3)}__c` : `${segment}Id`;
      current = this.fieldDef(current, foreignKey)?.referenceTo;
    }
    return null;
  }

  private fieldDef(object: string, field: string): { type: FieldType; referenceTo?: string } | undefined {
    const objectKey = Object.keys(this.schema).find((k) => k.toLowerCase() === object.toLowerCase());
    const fields = objectKey ? this.schema[objectKey] : undefined;
    const fieldKey = fields ? Object.keys(fields).find((k) => k.toLowerCase() === field.toLowerCase()) : undefined;
    return fields && fieldKey ? fields[fieldKey] : undefined;
  }

  private checkRequired(object: string, fields: WireRecord): void {
    const missing = (this.required.get(object.toLowerCase()) ?? []).filter((f) => fields[f] === undefined || fields[f] === null || fields[f] === '');
    if (missing.length > 0) throw new SalesforceError('REQUIRED_FIELD_MISSING', `Required fields are missing: [${missing.join(', ')}]`, missing);
  }

  private mintId(object: string): string {
    let prefix = this.prefixes.get(object.toLowerCase());
    if (!prefix) {
      prefix = `a${String(this.prefixes.size).padStart(2, '0')}`;
      this.prefixes.set(object.toLowerCase(), prefix);
    }
    this.sequence++;
    return to18(`${prefix}5g${String(this.sequence).padStart(10, '0')}`);
  }
}

/** Parses a flow file with the metadata loader's own parser. */
export function loadFlowFile(path: string): FlowDef {
  const apiName = path.split('/').pop()?.replace(/\.flow-meta\.xml$/, '') ?? path;
  return parseFlow(apiName, parseMetadataXml(readFileSync(path, 'utf8'), path, 'Flow', FLOW_REPEATABLE), path);
}

export function loadFlowsIn(directory: string): FlowDef[] {
  return readdirSync(directory).filter((f) => f.endsWith('.flow-meta.xml')).sort().map((f) => loadFlowFile(join(directory, f)));
}
