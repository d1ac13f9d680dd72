/**
 * Everything a Lightning page needs about the person looking at it, gathered once per request: the
 * live session (or a redirect to the login page with `startURL`), the user, their describes and their
 * navigation tabs. All of it comes from the org service as that user.
 */
import type { Request, Response } from 'express';
import type { OrgServiceApi, ResolvedLayoutItem, Session, UserSummary } from '../contracts.js';
import { keyPrefixOf } from '../ids.js';
import { Describer, navigationObjects, type ObjectSummary } from './object-info.js';
import { viewerOf } from './formatting.js';
import type { RenderContext } from './field-output.js';
import { loginUrlFor, uiSessionOf } from './ui-session.js';

/** The API version the UI's own queries run at (any supported version answers the same for these). */
export const UI_API_VERSION = '62.0';

export interface PageContext {
  service: OrgServiceApi;
  session: Session;
  user: UserSummary;
  describer: Describer;
  nav: ObjectSummary[];
}

/** The page context, or null after answering with a redirect to the login page (no or expired session). */
export function pageContextOrLogin(req: Request, res: Response, service: OrgServiceApi): PageContext | null {
  const session = uiSessionOf(req, service);
  if (!session) {
    res.redirect(302, loginUrlFor(req.originalUrl));
    return null;
  }
  const user = service.user(session.userId);
  const describer = new Describer(service, session);
  return { service, session, user, describer, nav: navigationObjects(describer) };
}

/**
 * A render context for one object's layout: resolves the display names of the referenced records the
 * layout shows (through `service.recordName`, so the user's visibility applies) and the plural labels
 * that lookup placeholders need (`Search Accounts...`).
 */
export function renderContextFor(pc: PageContext, object: string, items: ResolvedLayoutItem[], values: Record<string, unknown>): RenderContext {
  const referenceNames = new Map<string, string>();
  for (const item of items) {
    const value = values[item.field];
    if (item.type !== 'reference' || typeof value !== 'string' || value === '' || item.field === 'RecordTypeId') continue;
    const target = pc.describer.byKeyPrefix(value)?.name ?? item.referenceTo?.[0];
    if (!target) continue;
    try {
      referenceNames.set(value, pc.service.recordName(pc.session, target, value));
    } catch {
      // A record the user cannot see keeps its id as text, rather than failing the whole page.
    }
  }
  const pluralLabels = new Map(pc.describer.all().map((o) => [o.name.toLowerCase(), o.labelPlural]));
  let recordTypeLabels = new Map<string, string>();
  try {
    recordTypeLabels = new Map(pc.service.recordTypeChoices(pc.session, object).map((c) => [c.id, c.label]));
  } catch {
    // recordTypeChoices answers for creation; a user who may not create this object still sees the
    // page, with record type ids shown as they are.
  }
  return { viewer: viewerOf(pc.user), object, referenceNames, pluralLabels, recordTypeLabels };
}

/** The object a record id belongs to, by its key prefix, among the objects this user can see. */
export function objectOfId(pc: PageContext, id: string): ObjectSummary | null {
  return pc.describer.all().find((o) => o.keyPrefix === keyPrefixOf(id)) ?? null;
}
