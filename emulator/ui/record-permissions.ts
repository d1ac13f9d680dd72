/**
 * What the viewer may do with one record, asked the way a Lightning component asks it: a UserRecordAccess
 * query for the viewer and the record. That is the same record-level answer the API gives (ownership,
 * role hierarchy, organisation-wide default, View All / Modify All), so the page offers pencils and the
 * Edit/Delete actions only where a save or delete would be accepted. Lightning hides both on a record the
 * user may only read, even when the profile grants Edit on the object.
 */
import type { ResolvedLayoutSection } from '../contracts.js';
import { soqlString } from '../http/soql-literal.js';
import { UI_API_VERSION, type PageContext } from './page-context.js';
import type { ObjectInfo } from './object-info.js';

export interface RecordPermissions {
  canEdit: boolean;
  canDelete: boolean;
}

/** Record-level edit/delete access of the page's user, capped by the object's own updateable/deletable. */
export function recordPermissions(pc: PageContext, object: ObjectInfo, recordId: string): RecordPermissions {
  const page = pc.service.query(
    pc.session,
    `SELECT RecordId, HasEditAccess, HasDeleteAccess FROM UserRecordAccess WHERE UserId = ${soqlString(pc.user.id)} AND RecordId = ${soqlString(recordId)}`,
    { apiVersion: UI_API_VERSION },
  );
  const row = page.records[0];
  return {
    canEdit: object.updateable && row?.HasEditAccess === true,
    canDelete: object.deletable && row?.HasDeleteAccess === true,
  };
}

/** The layout with every item read-only: what a user without edit access to the record sees. */
export function readOnlyLayout(sections: ResolvedLayoutSection[]): ResolvedLayoutSection[] {
  return sections.map((s) => ({ ...s, rows: s.rows.map((row) => row.map((item) => ({ ...item, editable: false, required: false }))) }));
}
