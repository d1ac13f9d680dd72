/**
 * The labels Lightning shows. For custom fields they are the describe label; for some standard fields
 * Lightning (and Setup's field list) shows a different label than describe does: lookups read as the
 * parent's name ("Account Name", not describe's "Account ID"), owners as "<Object> Owner", and a few
 * fields have their own ("Opportunity Name", "Related To", "Due Date"). Pages and page objects that locate
 * fields by what a user sees depend on these. [UNVERIFIED] against a live org's UI API objectInfo for the
 * less common objects; the Account/Contact/Opportunity/Case/Task ones are seen in real-org UI tests.
 */
import type { FieldDef, SObjectDef } from './types.js';

const EXPLICIT: Record<string, string> = {
  'opportunity.name': 'Opportunity Name',
  'opportunity.type': 'Type',
  'case.type': 'Type',
  'case.contactid': 'Contact Name',
  'account.parentid': 'Parent Account',
  'case.parentid': 'Parent Case',
  'contact.reportstoid': 'Reports To',
  'task.whatid': 'Related To',
  'task.whoid': 'Name',
  'task.ownerid': 'Assigned To',
  'task.activitydate': 'Due Date',
  'event.whatid': 'Related To',
  'event.whoid': 'Name',
  'event.ownerid': 'Assigned To',
};

/**
 * The audit lookups on every object: Lightning's System Information section labels them "Created By" and
 * "Last Modified By" (describe says "Created By ID"), and shows the user's name with the date and time.
 */
const AUDIT_USER_FIELDS: Record<string, string> = {
  createdbyid: 'Created By',
  lastmodifiedbyid: 'Last Modified By',
};

export function lightningLabel(object: SObjectDef, field: FieldDef, objectLabelOf: (name: string) => string | undefined): string {
  const explicit = EXPLICIT[`${object.name}.${field.name}`.toLowerCase()] ?? AUDIT_USER_FIELDS[field.name.toLowerCase()];
  if (explicit) return explicit;
  if (field.custom || field.type !== 'reference') return field.label;
  if (field.name === 'OwnerId') return `${object.label} Owner`;
  const target = field.referenceTo?.length === 1 ? field.referenceTo[0] : undefined;
  const targetLabel = target ? objectLabelOf(target) : undefined;
  if (targetLabel && / ID$/.test(field.label)) return `${targetLabel} Name`;
  return field.label.replace(/ ID$/, '');
}
