/**
 * A project that cannot be loaded. The message always starts with the file (relative to the project
 * when possible) so that a developer can jump straight to it, e.g.
 * `force-app/main/default/objects/Opportunity/fields/Discount__c.field-meta.xml: <type> "Foo" is not a field type`.
 */
export class MetadataError extends Error {
  constructor(
    /** The file at fault, as shown in the message. */
    readonly file: string,
    /** What is wrong with it. */
    readonly problem: string,
  ) {
    super(`${file}: ${problem}`);
    this.name = 'MetadataError';
  }
}

/**
 * Several problems of one project that a deploy would also reject, reported together, so that a developer
 * fixes them in one pass instead of one restart each. Loaders throw a lone problem as the MetadataError
 * itself; this one's message lists every problem, one line each, file first:
 * ```
 * 2 problems in the project (a deploy would reject them too):
 *   force-app/main/default/objects/Thing__c/fields/Size__c.field-meta.xml: malformed XML at line 6, column 3: ...
 *   force-app/main/default/objects/Thing__c/fields/Parent__c.field-meta.xml: <referenceTo> "Nowhere__c" is not an object in this org
 * ```
 */
export class MetadataErrors extends MetadataError {
  constructor(readonly errors: readonly MetadataError[]) {
    const first = errors[0];
    super(first?.file ?? '', first?.problem ?? '');
    this.name = 'MetadataError';
    this.message = `${errors.length} problems in the project (a deploy would reject them too):\n${errors.map((e) => `  ${e.message}`).join('\n')}`;
  }
}

/** Throws what `errors` holds: nothing, the lone MetadataError, or all of them together. */
export function throwMetadataErrors(errors: readonly MetadataError[]): void {
  if (errors.length === 1) throw errors[0]!;
  if (errors.length > 1) throw new MetadataErrors(errors);
}
