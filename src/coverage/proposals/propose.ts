/**
 * Plan entries for the components no verification covers, derived from the metadata: field access per
 * persona, "flow is active and its entry criteria are reachable" per record-triggered flow, a legitimate /
 * refused save pair per validation rule, and "can create with this record type". Entries derived
 * completely are `ready`; entries with TODO values or a persona that cannot yet do what they need are
 * `needsWork`, each with the reason. Kinds with no proposal say what would cover them.
 */
import type { ComponentCoverage } from '../compute.js';
import { componentKey } from '../components.js';
import type { PersonaAccess } from '../persona-access.js';
import type { SfdxProject } from '../project-model.js';
import { proposeFieldAccess } from './field-access.js';
import { proposeFlowCheck, type ParentProposal } from './flow-triggers.js';
import { proposeRecordTypeCheck } from './record-types.js';
import { proposeValidationPair } from './validation-pairs.js';

export type PlanLiteral = Record<string, unknown>;

export interface ProposedEntry {
  /** The component it covers (`Flow:TTS_Mentoring_Set_Chosen_Mentor_on_Opportunity`). */
  component: string;
  entry: PlanLiteral;
  /** Why these values, what to fill: written above the entry. */
  notes: string[];
}

export type ProposalSection = 'fieldAccess' | 'flows' | 'recordActions' | 'recordTypes';

export interface Proposals {
  ready: Record<ProposalSection, ProposedEntry[]>;
  needsWork: Record<ProposalSection, ProposedEntry[]>;
  /** Uncovered components with no proposal, and what would cover them. */
  none: { component: string; reason: string }[];
}

const empty = (): Record<ProposalSection, ProposedEntry[]> => ({ fieldAccess: [], flows: [], recordActions: [], recordTypes: [] });

export function proposeChecks(uncovered: readonly ComponentCoverage[], project: SfdxProject, personas: ReadonlyMap<string, PersonaAccess>): Proposals {
  const proposals: Proposals = { ready: empty(), needsWork: empty(), none: [] };
  if (personas.size === 0) {
    for (const c of uncovered) proposals.none.push({ component: c.id, reason: 'no persona has a user definition, so nothing can be derived for a persona' });
    return proposals;
  }
  for (const component of uncovered) {
    const key = componentKey(component.fullName);
    switch (component.kind) {
      case 'CustomField': {
        const field = [...project.objects.values()].flatMap((o) => [...o.fields.values()]).find((f) => componentKey(f.fullName) === key)!;
        const proposal = proposeFieldAccess(field, project, personas);
        if (proposal.entries.length === 0) proposals.none.push({ component: component.id, reason: proposal.notes.join('; ') });
        proposal.entries.forEach((e, i) =>
          proposals.ready.fieldAccess.push({
            component: component.id,
            entry: { persona: e.persona, field: field.fullName, access: e.access, ui: false },
            notes: [e.basis, ...(i === 0 ? proposal.notes : [])],
          }),
        );
        break;
      }
      case 'Flow': {
        const proposal = proposeFlowCheck(project.flows.get(key)!, project, personas);
        const entry: PlanLiteral = {
          persona: proposal.persona,
          flow: proposal.flow.name,
          trigger: {
            object: proposal.trigger.object,
            create: proposal.trigger.create,
            ...(proposal.trigger.update ? { update: proposal.trigger.update } : {}),
            ...(Object.keys(proposal.trigger.parents).length > 0 ? { parents: parentsLiteral(proposal.trigger.parents) } : {}),
          },
          ...(proposal.criteria ? { criteria: proposal.criteria } : {}),
        };
        (proposal.incomplete ? proposals.needsWork : proposals.ready).flows.push({ component: component.id, entry, notes: proposal.notes });
        break;
      }
      case 'ValidationRule': {
        const proposal = proposeValidationPair(project.validationRules.get(key)!, project, personas);
        const rule = proposal.rule;
        const entry: PlanLiteral = {
          name: proposal.refused ? `${rule.name} lets a legitimate save through and refuses a breaking one` : `${rule.name} lets a legitimate save through`,
          persona: proposal.persona,
          object: rule.object,
          values: proposal.values,
          ...(proposal.update ? { update: proposal.update } : {}),
          ...(proposal.refused
            ? { refused: { values: proposal.refused, message: rule.errorMessage, ...(rule.errorDisplayField ? { field: rule.errorDisplayField } : {}) } }
            : {}),
          component: component.id,
        };
        (proposal.incomplete ? proposals.needsWork : proposals.ready).recordActions.push({ component: component.id, entry, notes: proposal.notes });
        break;
      }
      case 'RecordType': {
        const proposal = proposeRecordTypeCheck(project.recordTypes.get(key)!, project, personas);
        if (!proposal) {
          proposals.none.push({ component: component.id, reason: 'no persona sees this record type: make it visible to one (profile or permission set), or check it by hand' });
          break;
        }
        const entry: PlanLiteral = { persona: proposal.persona, object: proposal.recordType.object, recordType: proposal.recordType.name, ...(Object.keys(proposal.values).length ? { values: proposal.values } : {}) };
        (proposal.incomplete ? proposals.needsWork : proposals.ready).recordTypes.push({ component: component.id, entry, notes: proposal.notes });
        break;
      }
      case 'PermissionSet':
      case 'PermissionSetGroup': {
        const holders = [...personas.values()].filter((p) => p.definition.assigned.some((a) => componentKey(a) === key));
        proposals.none.push({
          component: component.id,
          reason:
            holders.length > 0
              ? `held by ${holders.map((p) => p.persona).join(', ')}: a fieldAccess or recordTypes entry for what it grants covers it (the field proposals above include them)`
              : 'no persona holds it, so what it grants is not checked: assign it to a persona (user definition, or the release action that assigns it: --assign) or name it in `covers` on a check that proves it',
        });
        break;
      }
      case 'Layout':
        proposals.none.push({
          component: component.id,
          reason: 'a check in Lightning covers it: a fieldAccess entry with the UI on, as a persona whose profile is assigned this layout (or a spec tagged @component)',
        });
        break;
    }
  }
  return proposals;
}

function parentsLiteral(parents: Record<string, ParentProposal>): PlanLiteral {
  return Object.fromEntries(
    Object.entries(parents).map(([field, parent]) => [
      field,
      { object: parent.object, ...(Object.keys(parent.values).length ? { values: parent.values } : {}), ...(parent.parents ? { parents: parentsLiteral(parent.parents) } : {}) },
    ]),
  );
}

export function countProposals(proposals: Proposals): { ready: number; needsWork: number } {
  const count = (s: Record<ProposalSection, ProposedEntry[]>) => Object.values(s).reduce((n, list) => n + list.length, 0);
  return { ready: count(proposals.ready), needsWork: count(proposals.needsWork) };
}
