/**
 * Which objects each persona's checks describe, read from the release plan, so that the run cache can fetch a
 * persona's describes together (src/salesforce/run-cache.ts) instead of one request each. The release
 * manager's (`admin`) describes are those of the records it prepares for UI and sharing checks.
 */
import { PERSONAS } from '../config/personas.js';
import type { ReleasePlan } from './schema.js';

export function describedObjects(plan: ReleasePlan): Map<string, Set<string>> {
  const objects = new Map<string, Set<string>>();
  const add = (persona: string, object: string) => {
    let set = objects.get(persona);
    if (!set) objects.set(persona, (set = new Set()));
    set.add(object);
  };
  for (const entry of plan.fieldAccess) {
    const object = entry.field.split('.')[0] ?? '';
    add(entry.persona, object);
    const ui = entry.ui ?? (PERSONAS as Record<string, { ui: boolean }>)[entry.persona]?.ui ?? false;
    if (ui) add('admin', object);
  }
  for (const entry of plan.recordActions) {
    add(entry.persona, entry.object);
    if (entry.ui) add('admin', entry.object);
  }
  for (const entry of plan.automation) {
    add(entry.persona, entry.trigger.object);
    for (const parent of Object.values(entry.trigger.parents)) add(entry.persona, parent.object);
  }
  for (const entry of plan.recordTypes) add(entry.persona, entry.object);
  for (const entry of plan.sharing) add('admin', entry.object);
  for (const entry of plan.integration) {
    add(entry.persona, entry.object);
    for (const forbidden of entry.mustNotTouch) add(entry.persona, forbidden.object);
  }
  return objects;
}
