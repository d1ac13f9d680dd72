/**
 * Field access as a persona experiences it: through the API (a describe made with the persona's own token:
 * only visible fields are listed, `updateable` reflects field-level security), and in Lightning (the field
 * on the record page, with or without its pencil, and in the Edit modal). The two are compared, so a
 * layout that hides a field the API allows (or the reverse) is reported, not averaged away.
 */
import type { Connection } from '@jsforce/jsforce-node';
import type { RecordForm, RecordPage } from '../../pages/index.js';
import { describeAs } from '../record-values.js';

export type Access = 'hidden' | 'read' | 'edit';

export async function apiFieldAccess(conn: Connection, object: string, field: string): Promise<Access> {
  const describe = await describeAs(conn, object);
  const found = describe?.fields.find((f) => f.name.toLowerCase() === field.toLowerCase());
  if (!found) return 'hidden';
  return found.updateable ? 'edit' : 'read';
}

/** On the record page: absent = hidden; shown with its pencil `Edit {Label}` = edit; shown without = read. */
export async function recordPageAccess(page: RecordPage, field: string): Promise<Access> {
  const label = await page.labelOf(field);
  if (label === undefined) return 'hidden';
  return (await page.isEditable(label)) ? 'edit' : 'read';
}

/** In the Edit modal a read-only field is shown as text, not as an input; a hidden one is absent. */
export async function editModalAccess(form: RecordForm, object: string, field: string): Promise<Access> {
  const label = await form.findLabel(object, field);
  if (label === undefined) return 'hidden';
  return (await form.isEditable(label)) ? 'edit' : 'read';
}

export interface UiAccessSeen {
  /** Field API name (lower case) -> access on the record page. */
  page: Record<string, Access>;
  /** The same in the Edit modal; absent when the record offers no Edit. */
  modal?: Record<string, Access>;
  screenshot: Buffer;
}

/**
 * Opens a record page (and its Edit modal) once and reads the access of every field asked: the checks of one
 * persona on one object need the same two page loads, whatever field each is about.
 */
export async function observeUiAccess(page: RecordPage, recordId: string, object: string, fields: readonly string[]): Promise<UiAccessSeen> {
  await page.goto(recordId);
  const seen: UiAccessSeen = { page: {}, screenshot: Buffer.alloc(0) };
  for (const field of fields) seen.page[field.toLowerCase()] = await recordPageAccess(page, field);
  seen.screenshot = await page.page.screenshot({ fullPage: true });
  if (await page.page.getByRole('button', { name: 'Edit', exact: true }).count()) {
    const form = await page.edit();
    seen.modal = {};
    for (const field of fields) seen.modal[field.toLowerCase()] = await editModalAccess(form, object, field);
    // No Cancel: the test ends with the modal unsaved and its page closes (Cancel would be one more page load).
  }
  return seen;
}

/**
 * What Lightning showed, kept per persona, object and record values for the worker's life (SF_CACHING): the
 * first check observes every planned field at once, the others read its answer. A failed observation is not
 * kept, so the next check tries again for itself.
 */
export class UiAccessObservations {
  private readonly seen = new Map<string, Promise<UiAccessSeen>>();

  get(key: string, observe: () => Promise<UiAccessSeen>): Promise<UiAccessSeen> {
    let pending = this.seen.get(key);
    if (!pending) {
      pending = observe();
      this.seen.set(key, pending);
      pending.catch(() => this.seen.delete(key));
    }
    return pending;
  }
}

export function describeMismatch(persona: string, objectField: string, expected: Access, seen: Record<string, Access>): string | undefined {
  const wrong = Object.entries(seen).filter(([, access]) => access !== expected);
  if (wrong.length === 0) return undefined;
  const words: Record<Access, string> = { hidden: 'cannot see', read: 'can see but not edit', edit: 'can edit' };
  return `${persona} should ${expected === 'hidden' ? 'not see' : expected === 'read' ? 'see but not edit' : 'be able to edit'} ${objectField}, but ${wrong
    .map(([where, access]) => `${words[access]} it in ${where}`)
    .join(' and ')}`;
}
