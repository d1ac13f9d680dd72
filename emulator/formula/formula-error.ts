/**
 * A formula that cannot be compiled: unknown function or field, picklist misuse, wrong arity, syntax.
 * The message starts with the compile context's `where`, e.g.
 * `ValidationRule Opportunity.Discount_Limit: unsupported function GEOLOCATION`, so that an org load
 * failure names the metadata that needs fixing.
 */
export class FormulaError extends Error {
  constructor(
    /** The `where` of the compile context (`ValidationRule Opportunity.Discount_Limit`). */
    readonly where: string,
    /** The problem alone, without the `where` prefix. */
    readonly problem: string,
  ) {
    super(`${where}: ${problem}`);
    this.name = 'FormulaError';
  }
}
