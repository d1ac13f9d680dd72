/**
 * `globalValueSets/<Name>.globalValueSet-meta.xml` -> GlobalValueSetDef, and
 * `standardValueSets/<Name>.standardValueSet-meta.xml`, which replace the values of standard picklists
 * (OpportunityStage -> Opportunity.StageName, ...).
 */
import { picklistValues } from './custom-field.js';
import type { GlobalValueSetDef } from './types.js';
import { children, type XmlNode } from './xml.js';

export const VALUE_SET_REPEATABLE: ReadonlySet<string> = new Set(['customValue', 'standardValue', 'groupingStringEnum']);

export function parseGlobalValueSet(name: string, root: XmlNode, shownAs: string): GlobalValueSetDef {
  return { name, values: picklistValues(children(root, 'customValue')), source: shownAs };
}

export function parseStandardValueSet(name: string, root: XmlNode, shownAs: string): GlobalValueSetDef {
  return { name, values: picklistValues(children(root, 'standardValue')), source: shownAs };
}

/**
 * Which standard picklists a standard value set feeds (Metadata API "StandardValueSet Names and
 * Standard Picklist Fields"). Only the sets whose fields the emulator models are listed.
 */
export const STANDARD_VALUE_SET_FIELDS: Readonly<Record<string, readonly string[]>> = {
  AccountType: ['Account.Type'],
  AccountRating: ['Account.Rating'],
  AccountOwnership: ['Account.Ownership'],
  Industry: ['Account.Industry', 'Lead.Industry'],
  LeadSource: ['Account.AccountSource', 'Contact.LeadSource', 'Lead.LeadSource', 'Opportunity.LeadSource'],
  LeadStatus: ['Lead.Status'],
  OpportunityStage: ['Opportunity.StageName'],
  OpportunityType: ['Opportunity.Type'],
  CaseStatus: ['Case.Status'],
  CaseOrigin: ['Case.Origin'],
  CasePriority: ['Case.Priority'],
  CaseReason: ['Case.Reason'],
  CaseType: ['Case.Type'],
  TaskStatus: ['Task.Status'],
  TaskPriority: ['Task.Priority'],
  EventType: ['Event.Type'],
  CampaignType: ['Campaign.Type'],
  CampaignStatus: ['Campaign.Status'],
  ContractStatus: ['Contract.Status'],
  Product2Family: ['Product2.Family'],
  Salutation: ['Contact.Salutation', 'Lead.Salutation'],
};
