/**
 * The seams between the emulator's rooms. Each room (metadata, formula, store/soql, flows, service,
 * http, ui) is built against these signatures so that the rooms can grow independently.
 *
 *   metadata loader ──> OrgSchema ──┬──> Store (SQL only here) <── SOQL translator
 *                                   ├──> formula engine (validation rules, formula fields, defaults)
 *                                   ├──> flow runtime (through FlowHost, system context)
 *                                   └──> OrgService (security, order of execution, sessions)
 *                                             ^               ^
 *                                        http routes        Lightning UI
 *
 * Only the store touches SQL; routes and UI call the OrgService only.
 */
import type { FieldType } from './metadata/types.js';

/** A failure in Salesforce's own words: becomes `[{message, errorCode, fields}]` on the wire. */
export class SalesforceError extends Error {
  constructor(
    readonly errorCode: string,
    message: string,
    readonly fields: string[] = [],
    /** HTTP status for single-resource REST calls. Never 5xx/429 for a client error (jsforce retries those). */
    readonly status: number = 400,
  ) {
    super(message);
    this.name = errorCode;
  }
}

/** A field value as it travels on the wire (JSON): strings, numbers, booleans, null; dates as ISO strings. */
export type WireValue = string | number | boolean | null;
export type WireRecord = Record<string, unknown>;

// ---------------------------------------------------------------------------------------------
// Formula engine (emulator/formula)
// ---------------------------------------------------------------------------------------------

/** What the formula compiler needs to type-check references at load time. */
export interface FormulaCompileContext {
  /** e.g. `Opportunity` for a rule or formula field on Opportunity. */
  object: string;
  /** Names the rule/field/flow in error messages: `ValidationRule Opportunity.Discount_Limit`. */
  where: string;
  /**
   * Type of a reference path, or null if it does not exist. Paths are split on dots:
   * `['Amount']`, `['Account', 'Type']`, `['$User', 'Department']`, `['$Permission', 'Discount_Exempt']`,
   * `['$Setup', 'Release_Settings__c', 'Enabled__c']`, `['$RecordType', 'DeveloperName']`.
   */
  typeOf(path: string[]): FieldType | null;
}

/** What the formula needs at run time. */
export interface FormulaRuntimeContext {
  /** Current value of a reference path (same path forms as `typeOf`), in wire format. */
  get(path: string[]): WireValue | undefined;
  /** Value before this save (for PRIORVALUE / ISCHANGED); undefined on insert. */
  prior(path: string[]): WireValue | undefined;
  isNew: boolean;
  /** The emulator's clock (tests can advance it). */
  now(): Date;
  /** The org's user time zone for TODAY()/date conversions; UTC is acceptable. */
  timeZone?: string;
}

export interface CompiledFormula {
  readonly source: string;
  /** Every reference path the formula reads (for cross-object loading and ISCHANGED tracking). */
  readonly references: string[][];
  evaluate(ctx: FormulaRuntimeContext): WireValue;
}

// ---------------------------------------------------------------------------------------------
// Flow runtime (emulator/flows) talks to the org only through this host, in system context.
// ---------------------------------------------------------------------------------------------

export interface FlowHost {
  /** Runs a SOQL query in system context and returns plain records (no `attributes`). */
  query(soql: string): WireRecord[];
  /** Creates a record through the full save pipeline (validation rules, other flows) in system context. */
  create(object: string, values: WireRecord): string;
  update(object: string, id: string, values: WireRecord): void;
  delete(object: string, id: string): void;
  compileFormula(source: string, object: string | undefined, where: string): CompiledFormula;
  now(): Date;
}

/** Thrown by the flow runtime when a flow faults without a fault connector. */
export class FlowFaultError extends Error {
  constructor(
    readonly flowApiName: string,
    readonly flowLabel: string,
    /** The inner error, e.g. the SalesforceError of a failed Create Records element. */
    readonly inner: Error,
  ) {
    super(`${flowLabel}: ${inner.message}`);
  }
}
