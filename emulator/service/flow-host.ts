/**
 * The org as the flow runtime sees it: system context (no CRUD, FLS or sharing checks), every DML through
 * the full save pipeline (validation rules and other flows run), and SOQL without security.
 */
import type { CompiledFormula, FlowHost, WireRecord, WireValue } from '../contracts.js';
import type { OrgSchema } from '../metadata/types.js';
import { compileContext, globalValue, type CompileFormulaFn } from './formula-context.js';
import type { ExecuteSoql } from './ports.js';
import type { Actor, SavePipeline } from './save.js';

export interface FlowHostDeps {
  schema: OrgSchema;
  pipeline: SavePipeline;
  executeSoql: ExecuteSoql;
  compile: CompileFormulaFn;
  now(): Date;
  /** Who acts when no save is running (scheduled paths): the org's Automated Process user, as in Salesforce. */
  fallbackActor(): Actor;
  /** Computes formula fields for records the flow reads. */
  formula(object: string, field: string, record: WireRecord): ReturnType<CompiledFormula['evaluate']>;
}

export class PipelineFlowHost implements FlowHost {
  constructor(private readonly deps: FlowHostDeps) {}

  query(soql: string): WireRecord[] {
    const result = this.deps.executeSoql(soql, {
      apiVersion: '50.0',
      now: this.deps.now(),
      formula: (object, field, record) => this.deps.formula(object, field, record),
    });
    return result.records.map(stripAttributes);
  }

  create(object: string, values: WireRecord): string {
    return this.deps.pipeline.create(this.systemActor(), object, values);
  }

  update(object: string, id: string, values: WireRecord): void {
    this.deps.pipeline.update(this.systemActor(), object, id, values);
  }

  delete(object: string, id: string): void {
    this.deps.pipeline.delete(this.systemActor(), object, id);
  }

  compileFormula(source: string, object: string | undefined, where: string): CompiledFormula {
    return this.deps.compile(source, compileContext(this.deps.schema, object, where), {});
  }

  now(): Date {
    return this.deps.now();
  }

  allOrNone<T>(saves: () => T): T {
    return this.deps.pipeline.allOrNone(saves);
  }

  referenceTarget(object: string, field: string): string | undefined {
    return this.deps.schema.objects.get(object.toLowerCase())?.fields.get(field.toLowerCase())?.referenceTo?.[0];
  }

  /**
   * `$User`, `$Profile`, `$UserRole`, `$Permission`, `$Setup`, `$Organization` through the same
   * resolution as validation rules and formula fields (formula-context.ts `globalValue`), for the user the
   * flow runs as (see `systemActor`).
   */
  globalValue(path: readonly string[]): WireValue | undefined {
    const actor = this.systemActor();
    return globalValue(this.deps.pipeline.formulaHost(actor), path);
  }

  /**
   * Flows run in system context but as the user whose save triggered them (CreatedById, $User). A
   * scheduled path runs after that save has ended: Salesforce runs it as the Automated Process user
   * (org/README.md, "Facts"), which `fallbackActor` gives. So what the path creates is created by and,
   * unless the flow sets OwnerId, owned by that user, and `$User` reads its row (Alias `autoproc`;
   * `$Profile.Name` is null, its profile being hidden: UNVERIFIED beyond Salesforce's note that such
   * internal users have no normal profile). A flow that needs the record's owner reads `$Record.Owner`.
   */
  private systemActor(): Actor {
    const current = this.deps.pipeline.currentActor ?? this.deps.fallbackActor();
    return { access: current.access, systemMode: true };
  }
}

/** Plain records for flows: no `attributes`, nested parents and child lists stripped the same way. */
function stripAttributes(record: WireRecord): WireRecord {
  const out: WireRecord = {};
  for (const [key, value] of Object.entries(record)) {
    if (key === 'attributes') continue;
    if (value && typeof value === 'object' && !Array.isArray(value)) {
      const nested = value as Record<string, unknown>;
      out[key] = Array.isArray(nested.records) ? (nested.records as WireRecord[]).map(stripAttributes) : stripAttributes(nested);
    } else {
      out[key] = value;
    }
  }
  return out;
}
