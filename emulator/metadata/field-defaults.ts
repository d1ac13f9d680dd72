/**
 * One place that knows what describe says about a field when nothing special applies, so that the
 * standard-object tables and the custom-field parser only state what differs.
 */
import type { FieldDef, FieldType } from './types.js';

/** Default `length` per describe type (0 where describe reports 0). */
export const DEFAULT_LENGTH: Partial<Record<FieldType, number>> = {
  id: 18,
  reference: 18,
  string: 255,
  textarea: 255,
  picklist: 255,
  // Describe reports 4099 for multi-select picklists [UNVERIFIED: commonly seen value].
  multipicklist: 4099,
  combobox: 255,
  email: 80,
  phone: 40,
  url: 255,
  encryptedstring: 175,
};

export function baseField(name: string, label: string, type: FieldType, source: string): FieldDef {
  const isBoolean = type === 'boolean';
  return {
    name,
    label,
    type,
    custom: name.endsWith('__c') || name.endsWith('__s'),
    length: DEFAULT_LENGTH[type] ?? 0,
    precision: 0,
    scale: 0,
    // Checkboxes are never null in Salesforce: describe reports nillable false, defaulted on create.
    nillable: !isBoolean,
    defaultedOnCreate: isBoolean,
    createable: true,
    updateable: true,
    permissionable: true,
    unique: false,
    externalId: false,
    caseSensitive: false,
    nameField: false,
    autoNumber: false,
    restrictedPicklist: false,
    cascadeDelete: false,
    formulaTreatBlanksAsZero: false,
    source,
  };
}
