/**
 * "The persona can create a record with this record type", proposed for a persona who sees the record type
 * and may create the object, with values the object's validation rules accept. An object that cannot be
 * created alone (a master-detail child) needs a hand-written check: the plan's record-type entry has no parents.
 */
import type { PersonaAccess } from '../persona-access.js';
import type { RecordTypeDef, SfdxProject } from '../project-model.js';
import { recordFor } from './flow-triggers.js';
import { personasWhoCreate } from './record-model.js';

export interface RecordTypeProposal {
  recordType: RecordTypeDef;
  persona: string;
  values: Record<string, string | number | boolean | null>;
  notes: string[];
  incomplete: boolean;
}

export function proposeRecordTypeCheck(recordType: RecordTypeDef, project: SfdxProject, personas: ReadonlyMap<string, PersonaAccess>): RecordTypeProposal | undefined {
  const persona = personasWhoCreate(personas, recordType.object).find((p) => p.recordTypeVisible(recordType.object, recordType.name));
  if (!persona) return undefined;
  const notes: string[] = [`${persona.persona} sees ${recordType.fullName} (${[persona.definition.profile, ...persona.definition.assigned].join(' + ')})`];
  const record = recordFor(project, recordType.object, persona, 1, notes);
  // The entry names its record type itself; a rule's record-type branch was tried as a value only.
  const { RecordTypeId: _chosen, ...values } = record.values;
  void _chosen;
  if (record.parents) notes.push(`${recordType.object} needs ${Object.keys(record.parents).join(', ')} set to a parent record, which a record-type entry cannot create: check it with a hand-written spec or an automation entry`);
  return { recordType, persona: persona.persona, values, notes, incomplete: record.parents !== undefined || JSON.stringify(values).includes('TODO:') || notes.length > 1 };
}
