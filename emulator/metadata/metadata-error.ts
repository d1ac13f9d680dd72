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
