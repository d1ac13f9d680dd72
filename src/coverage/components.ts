/**
 * The components release coverage counts, named as a deployment names them: `Type:FullName` with the
 * Metadata API type and the member name `package.xml` and `sf project deploy report` use
 * (`CustomField:Opportunity.Discount__c`, `Flow:Closed_Won_Onboarding`, `Layout:Case-Support Case Layout`).
 * Plan entries already name automation and rules this way (`component: 'Flow:Closed_Won_Onboarding'`).
 */

/** The kinds that decide at runtime whether people can work, in the order the report lists them. */
export const COVERED_KINDS = ['CustomField', 'ValidationRule', 'Flow', 'PermissionSet', 'PermissionSetGroup', 'RecordType', 'Layout'] as const;
export type CoveredKind = (typeof COVERED_KINDS)[number];

export const KIND_LABELS: Record<CoveredKind, string> = {
  CustomField: 'custom fields',
  ValidationRule: 'validation rules',
  Flow: 'record-triggered flows',
  PermissionSet: 'permission sets',
  PermissionSetGroup: 'permission set groups',
  RecordType: 'record types',
  Layout: 'layouts',
};

/** `Type:FullName`, e.g. `ValidationRule:Opportunity.Discount_Limit`. */
export type ComponentId = `${CoveredKind}:${string}`;

export const COMPONENT_ID_PATTERN = new RegExp(`^(${COVERED_KINDS.join('|')}):(\\S.*)$`);

export function componentId(kind: CoveredKind, fullName: string): ComponentId {
  return `${kind}:${fullName}`;
}

export function isCoveredKind(type: string): type is CoveredKind {
  return (COVERED_KINDS as readonly string[]).includes(type);
}

/** Splits `Type:FullName`; undefined for another type or a name without one. */
export function parseComponentId(text: string): { kind: CoveredKind; fullName: string } | undefined {
  const match = COMPONENT_ID_PATTERN.exec(text.trim());
  if (!match) return undefined;
  return { kind: match[1] as CoveredKind, fullName: match[2]! };
}

/**
 * Salesforce matches API names case-insensitively; the report keeps the project's spelling, lookups use
 * this key.
 */
export function componentKey(id: string): string {
  return id.toLowerCase();
}
