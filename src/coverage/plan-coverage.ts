/**
 * Which components each verification covers. Read from the entry where it is plain: a field-access entry
 * covers its field; any entry covers the fields it writes as the persona and the fields its outcome reads,
 * the record types it creates with, the flow or rule it names as its component, the rule whose message its
 * refused twin expects; a UI check covers the layout Lightning shows that persona; the persona's permission
 * sets (and groups) that grant what the entry exercises are covered with it. Anything else an entry
 * verifies it names in `covers`; hand-written specs name theirs in `@component:` tags.
 *
 * Each component gets the list of checks that cover it, titled as the report titles them, with how.
 */
import { PERSONAS, type PersonaName } from '../config/personas.js';
import type { ParentSpec, ReleasePlan } from '../plan/schema.js';
import { componentId, componentKey, parseComponentId, type ComponentId } from './components.js';
import { findProfile, defaultRecordTypeOf, type PersonaAccess } from './persona-access.js';
import { fieldOf, type SfdxProject } from './project-model.js';
import type { TaggedSpec } from './spec-tags.js';

export interface Coverer {
  /** The check as the report names it (`sales-rep can edit Opportunity.Discount__c`). */
  check: string;
  /** How it covers the component (`access checked (edit)`, `written`, `covers`). */
  how: string;
}

export interface StatedClaim {
  check: string;
  component: string;
}

export interface PlanCoverage {
  /** Keyed by the lower-cased component id. */
  byComponent: Map<string, { id: string; coverers: Coverer[] }>;
  /** Components named in `covers` or tags, to report those the project does not have (a typo, or a stale entry). */
  stated: StatedClaim[];
  /** Personas whose permission sets and layouts could not be derived (no user definition). */
  personasWithoutDefinition: PersonaName[];
}

type Values = Record<string, unknown>;

const ACCESS_WORDS = { hidden: 'cannot see', read: 'can read but not edit', edit: 'can edit' } as const;

export function planCoverage(
  plan: ReleasePlan,
  project: SfdxProject,
  personas: ReadonlyMap<PersonaName, PersonaAccess>,
  specs: readonly TaggedSpec[] = [],
): PlanCoverage {
  const byComponent = new Map<string, { id: string; coverers: Coverer[] }>();
  const stated: StatedClaim[] = [];
  const missing = new Set<PersonaName>();
  const add = (id: string, check: string, how: string) => {
    const key = componentKey(id);
    let entry = byComponent.get(key);
    if (!entry) byComponent.set(key, (entry = { id, coverers: [] }));
    if (!entry.coverers.some((c) => c.check === check && c.how === how)) entry.coverers.push({ check, how });
  };
  const personaOf = (name: string): PersonaAccess | undefined => {
    const access = personas.get(name as PersonaName);
    if (!access && name in PERSONAS && name !== 'admin') missing.add(name as PersonaName);
    return access;
  };
  const statedCovers = (check: string, covers: readonly string[] | undefined) => {
    for (const component of covers ?? []) {
      stated.push({ check, component });
      add(component, check, 'stated in covers');
    }
  };

  /** A field of the project, as its component id; undefined for standard fields and unknown names. */
  const fieldId = (object: string, field: string): ComponentId | undefined => {
    const found = fieldOf(project, object, field);
    return found && found.name.endsWith('__c') ? componentId('CustomField', found.fullName) : undefined;
  };
  const recordTypeId = (object: string, value: unknown): ComponentId | undefined => {
    if (typeof value !== 'string' || /^012[a-zA-Z0-9]{12,15}$/.test(value)) return undefined;
    const found = project.recordTypes.get(`${object}.${value}`.toLowerCase());
    return found ? componentId('RecordType', found.fullName) : undefined;
  };

  /** Permission sets (and the groups holding them) through which the persona holds what a check exercises. */
  const grantsOf = (check: string, persona: PersonaAccess | undefined, what: { fields?: [string, string][]; creates?: string[]; recordTypes?: [string, string][] }) => {
    if (!persona) return;
    for (const set of persona.permissionSets) {
      const reasons: string[] = [];
      for (const [object, field] of what.fields ?? []) if (set.fieldPermissions.has(`${object}.${field}`.toLowerCase())) reasons.push(`${object}.${field}`);
      for (const object of what.creates ?? []) if (set.objectPermissions.get(object.toLowerCase())?.create) reasons.push(`create ${object}`);
      for (const [object, rt] of what.recordTypes ?? []) if (set.recordTypeVisibilities.get(`${object}.${rt}`.toLowerCase())?.visible) reasons.push(`record type ${object}.${rt}`);
      if (reasons.length === 0) continue;
      const how = `grants ${persona.persona} ${[...new Set(reasons)].join(', ')}`;
      add(componentId('PermissionSet', set.name), check, how);
      for (const group of persona.permissionSetGroups) {
        if (project.permissionSetGroups.get(group.toLowerCase())?.permissionSets.some((m) => m.toLowerCase() === set.name.toLowerCase())) {
          add(componentId('PermissionSetGroup', project.permissionSetGroups.get(group.toLowerCase())!.name), check, `holds ${set.name}: ${how}`);
        }
      }
    }
  };
  const written = (check: string, object: string, values: Values | undefined, how: string): [string, string][] => {
    const fields: [string, string][] = [];
    for (const [key, value] of Object.entries(values ?? {})) {
      const id = fieldId(object, key);
      if (id) add(id, check, how);
      const rt = key.toLowerCase() === 'recordtypeid' ? recordTypeId(object, value) : undefined;
      if (rt) add(rt, check, `${how.replace(/^written/, 'created with')}`);
      fields.push([object, key]);
    }
    return fields;
  };
  const recordTypesIn = (object: string, values: Values | undefined): [string, string][] => {
    const value = Object.entries(values ?? {}).find(([k]) => k.toLowerCase() === 'recordtypeid')?.[1];
    return typeof value === 'string' && recordTypeId(object, value) ? [[object, value]] : [];
  };
  const namedComponent = (check: string, component: string | undefined, how: string) => {
    const parsed = component ? parseComponentId(component) : undefined;
    if (parsed) add(componentId(parsed.kind, parsed.fullName), check, how);
  };
  const layoutSeen = (check: string, persona: PersonaAccess | undefined, object: string, recordType: string | undefined, how: string) => {
    const layout = persona?.layoutFor(object, recordType);
    if (layout) add(componentId('Layout', layout), check, how);
  };
  const adminProfile = findProfile(project, 'System Administrator');

  for (const entry of plan.recordActions) {
    const check = `${entry.persona}: ${entry.name}`;
    const persona = personaOf(entry.persona);
    const fields = [
      ...written(check, entry.object, entry.values, `written by ${entry.persona}`),
      ...written(check, entry.object, entry.update, `updated by ${entry.persona}`),
      ...written(check, entry.object, entry.refused?.values, 'its refused value checked'),
    ];
    if (entry.refused?.field) {
      const id = fieldId(entry.object, entry.refused.field);
      if (id) add(id, check, 'the refusal shows under it');
    }
    namedComponent(check, entry.component, entry.refused ? 'legitimate save and refused twin' : 'legitimate save');
    if (entry.refused) {
      for (const rule of project.validationRules.values()) {
        if (rule.object.toLowerCase() === entry.object.toLowerCase() && rule.errorMessage.trim() === entry.refused.message.trim()) {
          add(componentId('ValidationRule', rule.fullName), check, 'refused with its message');
        }
      }
    }
    grantsOf(check, persona, { fields, creates: [entry.object], recordTypes: recordTypesIn(entry.object, entry.values) });
    if (entry.ui) layoutSeen(check, persona, entry.object, recordTypesIn(entry.object, entry.values)[0]?.[1] ?? persona?.defaultRecordType(entry.object), `New modal as ${entry.persona}`);
    statedCovers(check, entry.covers);
  }

  /** The lookups a check fills with the parents it creates, and what it writes on them (parents' parents too). */
  const parentsOf = (check: string, object: string, parents: Record<string, ParentSpec> | undefined, fields: [string, string][], creates: string[]) => {
    for (const [lookup, parent] of Object.entries(parents ?? {})) {
      const id = fieldId(object, lookup);
      if (id) add(id, check, 'set to the parent it creates');
      fields.push([object, lookup], ...written(check, parent.object, parent.values, 'written on the parent it creates'));
      creates.push(parent.object);
      parentsOf(check, parent.object, parent.parents, fields, creates);
    }
  };
  const trigger = (check: string, persona: PersonaAccess | undefined, t: ReleasePlan['automation'][number]['trigger']) => {
    const fields = [...written(check, t.object, t.create, `written by ${persona?.persona ?? 'the persona'}`), ...written(check, t.object, t.update, `updated by ${persona?.persona ?? 'the persona'}`)];
    const creates = [t.object];
    parentsOf(check, t.object, t.parents, fields, creates);
    grantsOf(check, persona, { fields, creates, recordTypes: recordTypesIn(t.object, t.create) });
  };

  for (const entry of plan.fieldAccess) {
    const check = `${entry.persona} ${ACCESS_WORDS[entry.access]} ${entry.field}`;
    const [object = '', field = ''] = entry.field.split('.');
    const persona = personaOf(entry.persona);
    const id = fieldId(object, field);
    if (id) add(id, check, `access checked (${entry.access})`);
    // The admin creates the record it opens (and its parents): what they write proves nothing about the persona.
    grantsOf(check, persona, { fields: [[object, field]], recordTypes: recordTypesIn(object, entry.recordValues) });
    if (entry.ui ?? PERSONAS[entry.persona as PersonaName].ui) {
      // The admin creates the record the persona opens: with the entry's record type, else the admin's default.
      const rt = recordTypesIn(object, entry.recordValues)[0]?.[1] ?? defaultRecordTypeOf(adminProfile, object);
      layoutSeen(check, persona, object, rt, `record page and Edit modal as ${entry.persona}`);
    }
    statedCovers(check, entry.covers);
  }

  for (const entry of plan.automation) {
    const check = `${entry.persona}: ${entry.name}`;
    trigger(check, personaOf(entry.persona), entry.trigger);
    namedComponent(check, entry.component, 'its outcome awaited');
    for (const key of Object.keys(entry.expect.fields ?? {})) {
      const id = fieldId(entry.expect.object, key);
      if (id) add(id, check, 'outcome value checked');
    }
    statedCovers(check, entry.covers);
  }

  for (const entry of plan.flows) {
    const check = `${entry.persona}: ${entry.flow} is active and its entry criteria are reachable`;
    trigger(check, personaOf(entry.persona), entry.trigger);
    const flow = project.flows.get(entry.flow.toLowerCase());
    add(componentId('Flow', flow?.name ?? entry.flow), check, 'active, entry criteria reached');
    statedCovers(check, entry.covers);
  }

  for (const entry of plan.recordTypes) {
    const check = `${entry.persona} can create a ${entry.object} with record type ${entry.recordType}`;
    const persona = personaOf(entry.persona);
    const rt = recordTypeId(entry.object, entry.recordType);
    if (rt) add(rt, check, `${entry.persona} creates with it`);
    const fields = written(check, entry.object, entry.values, `written by ${entry.persona}`);
    grantsOf(check, persona, { fields, creates: [entry.object], recordTypes: [[entry.object, entry.recordType]] });
    statedCovers(check, entry.covers);
  }

  for (const entry of plan.sharing) statedCovers(`${entry.persona}: ${entry.name}`, entry.covers);

  for (const entry of plan.integration) {
    const check = `${entry.persona}: ${entry.name}`;
    const persona = personaOf(entry.persona);
    const fields: [string, string][] = [[entry.object, entry.externalId]];
    const id = fieldId(entry.object, entry.externalId);
    if (id) add(id, check, 'upserted by as the external id');
    for (const record of entry.records) fields.push(...written(check, entry.object, record, `written by ${entry.persona}`));
    for (const forbidden of entry.mustNotTouch) {
      for (const field of forbidden.fields ?? []) {
        const forbiddenId = fieldId(forbidden.object, field);
        if (forbiddenId) add(forbiddenId, check, `${entry.persona} must not read it`);
        fields.push([forbidden.object, field]);
      }
    }
    grantsOf(check, persona, { fields, creates: [entry.object] });
    statedCovers(check, entry.covers);
  }

  for (const query of plan.jobs.zeroRowQueries) statedCovers(`no rows: ${query.name}`, query.covers);

  for (const spec of specs) {
    const check = spec.title ? `${spec.title} (${spec.file})` : spec.file;
    const parsed = parseComponentId(spec.component);
    const component = parsed ? componentId(parsed.kind, parsed.fullName) : /^[A-Za-z]\w*\.\w+__c$/.test(spec.component) ? componentId('CustomField', spec.component) : undefined;
    if (!component) continue;
    stated.push({ check, component });
    add(component, check, 'tagged @component');
  }

  return { byComponent, stated, personasWithoutDefinition: [...missing].sort() };
}
