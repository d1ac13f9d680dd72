/**
 * Which objects each persona's checks describe, read from the release plan, so that the run cache can fetch a
 * persona's describes together (src/salesforce/run-cache.ts) instead of one request each. The release
 * manager's (`admin`) describes are those of the records it prepares for UI and sharing checks.
 */
import { PERSONAS } from '../config/personas.js';
import type { ParentSpec, ReleasePlan, TriggerSpec } from './schema.js';

export function describedObjects(plan: ReleasePlan): Map<string, Set<string>> {
  const objects = new Map<string, Set<string>>();
  const add = (persona: string, object: string) => {
    let set = objects.get(persona);
    if (!set) objects.set(persona, (set = new Set()));
    set.add(object);
  };
  const addParents = (persona: string, parents: Record<string, ParentSpec> | undefined) => {
    for (const parent of Object.values(parents ?? {})) {
      add(persona, parent.object);
      addParents(persona, parent.parents);
    }
  };
  const addTrigger = (persona: string, trigger: TriggerSpec) => {
    add(persona, trigger.object);
    addParents(persona, trigger.parents);
  };
  for (const entry of plan.fieldAccess) {
    const object = entry.field.split('.')[0] ?? '';
    add(entry.persona, object);
    const ui = entry.ui ?? (PERSONAS as Record<string, { ui: boolean }>)[entry.persona]?.ui ?? false;
    if (ui) {
      add('admin', object);
      addParents('admin', entry.parents);
    }
  }
  for (const entry of plan.recordActions) {
    add(entry.persona, entry.object);
    if (entry.ui) add('admin', entry.object);
  }
  for (const entry of plan.automation) addTrigger(entry.persona, entry.trigger);
  for (const entry of plan.flows) addTrigger(entry.persona, entry.trigger);
  for (const entry of plan.recordTypes) add(entry.persona, entry.object);
  for (const entry of plan.sharing) add('admin', entry.object);
  for (const entry of plan.integration) {
    add(entry.persona, entry.object);
    for (const forbidden of entry.mustNotTouch) add(entry.persona, forbidden.object);
  }
  return objects;
}
