/**
 * The project's components of the kinds coverage counts, and the ones of those kinds it leaves out with the
 * reason (an inactive rule, a flow in Draft, a flow nothing on a record starts): nothing is dropped silently.
 */
import { componentId, componentKey, type ComponentId, type CoveredKind } from './components.js';
import type { SfdxProject } from './project-model.js';

export interface ReleaseComponent {
  id: ComponentId;
  kind: CoveredKind;
  fullName: string;
  /** The project file, relative to the project. */
  file: string;
  /** A short description for the report (`after-save on Opportunity, create and update`). */
  detail?: string;
}

export interface LeftOut {
  id: string;
  file: string;
  reason: string;
}

export interface Inventory {
  counted: ReleaseComponent[];
  leftOut: LeftOut[];
}

const RECORD_TRIGGERS: Readonly<Record<string, string>> = {
  RecordAfterSave: 'after-save',
  RecordBeforeSave: 'before-save',
  RecordBeforeDelete: 'before-delete',
};

export function inventoryOf(project: SfdxProject): Inventory {
  const counted: ReleaseComponent[] = [];
  const leftOut: LeftOut[] = [];
  const add = (kind: CoveredKind, fullName: string, file: string, detail?: string) => counted.push({ id: componentId(kind, fullName), kind, fullName, file, detail });

  for (const object of project.objects.values()) {
    for (const field of object.fields.values()) {
      if (!field.name.endsWith('__c')) {
        leftOut.push({ id: componentId('CustomField', field.fullName), file: field.file, reason: 'a standard field (its settings only)' });
        continue;
      }
      add('CustomField', field.fullName, field.file, `${field.formula ? 'formula ' : ''}${field.type}${object.configuration ? ', configuration' : ''}`);
    }
  }
  for (const rule of project.validationRules.values()) {
    if (rule.active) add('ValidationRule', rule.fullName, rule.file);
    else leftOut.push({ id: componentId('ValidationRule', rule.fullName), file: rule.file, reason: 'inactive' });
  }
  for (const flow of project.flows.values()) {
    const trigger = flow.start?.triggerType ? RECORD_TRIGGERS[flow.start.triggerType] : undefined;
    const id = componentId('Flow', flow.name);
    if (!trigger) {
      const what = flow.start?.triggerType ? `${flow.start.triggerType.toLowerCase()}-triggered` : flow.processType === 'Flow' ? 'a screen flow' : 'started by other automation or people';
      leftOut.push({ id, file: flow.file, reason: `not record-triggered (${what})` });
    } else if (flow.status !== 'Active') leftOut.push({ id, file: flow.file, reason: `${flow.status} in the project (not active)` });
    else add('Flow', flow.name, flow.file, `${trigger} on ${flow.start!.object}, ${(flow.start!.recordTriggerType ?? '').replace('CreateAndUpdate', 'create and update').toLowerCase()}`);
  }
  for (const set of project.permissionSets.values()) add('PermissionSet', set.name, set.file);
  for (const group of project.permissionSetGroups.values()) add('PermissionSetGroup', group.name, group.file);
  for (const recordType of project.recordTypes.values()) {
    if (recordType.active) add('RecordType', recordType.fullName, recordType.file);
    else leftOut.push({ id: componentId('RecordType', recordType.fullName), file: recordType.file, reason: 'inactive' });
  }
  for (const layout of project.layouts.values()) add('Layout', layout.fullName, layout.file);

  const byId = (a: { id: string }, b: { id: string }) => a.id.localeCompare(b.id);
  return { counted: counted.sort(byId), leftOut: leftOut.sort(byId) };
}

export function indexById<T extends { id: string }>(items: readonly T[]): Map<string, T> {
  return new Map(items.map((item) => [componentKey(item.id), item]));
}
