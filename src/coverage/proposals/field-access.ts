/**
 * Field access per persona, proposed from what the persona's profile and permission sets grant: an entry
 * for each persona that can read or edit the field, and `hidden` entries for the others who can open the
 * object when someone can see it (the boundary is what a release breaks). A field no persona can see gets one `hidden` entry with
 * a note: a new field without field-level security is the classic "deployed, but nobody can use it".
 *
 * The entries check the API (`ui: false`): permissions decide what describe shows, while Lightning also
 * depends on the page layout, which the proposal cannot promise for every field.
 */
import type { PersonaAccess } from '../persona-access.js';
import type { ProjectField, SfdxProject } from '../project-model.js';

export interface FieldAccessProposal {
  field: ProjectField;
  entries: { persona: string; access: 'hidden' | 'read' | 'edit'; basis: string }[];
  notes: string[];
}

export function proposeFieldAccess(field: ProjectField, project: SfdxProject, personas: ReadonlyMap<string, PersonaAccess>): FieldAccessProposal {
  if (project.objects.get(field.object.toLowerCase())?.configuration) {
    return {
      field,
      entries: [],
      notes: ['a custom setting or custom metadata field: configuration, not user data; name it in `covers` on the check that depends on it'],
    };
  }
  // A persona that cannot open the object at all proves nothing about the field: only those who can count.
  const seen = [...personas.values()]
    .filter((persona) => persona.objectAccess(field.object).read)
    .map((persona) => {
      const { access, grantedBy } = persona.fieldAccess(field.object, field.name);
      return { persona: persona.persona, access, basis: basisOf(persona, field, access, grantedBy.map((c) => c.name)) };
    });
  if (seen.length === 0) {
    return { field, entries: [], notes: [`no persona can open ${field.object}, so no persona's access to the field can be checked: give a persona access, or check it by hand`] };
  }
  if (seen.some((s) => s.access !== 'hidden')) return { field, entries: seen, notes: [] };
  return {
    field,
    entries: [seen[0]!],
    notes: ['no persona can see this field: if people should work with it, a permission set is missing its field access (then change this entry)'],
  };
}

function basisOf(persona: PersonaAccess, field: ProjectField, access: string, grantedBy: string[]): string {
  const who = [persona.definition.profile, ...persona.definition.assigned].join(' + ');
  if (access === 'hidden') return `${who}: nothing grants it`;
  const how = grantedBy.length > 0 ? `from ${grantedBy.join(', ')}` : 'no field-level security on this field';
  return `${who}: ${access} (${how})`;
}
