/**
 * Lightning page routes (protocol reference §10.1): home, object list, New modal (with record type
 * chooser), record view, Edit modal. Each page is rendered from the org service as the cookie's user.
 */
import type { Request, Response, Router } from 'express';
import { SalesforceError, type OrgServiceApi, type WireRecord } from '../contracts.js';
import { soqlString } from '../http/soql-literal.js';
import { normalizeId } from '../ids.js';
import { html, type SafeHtml } from './html.js';
import { lightningShell } from './chrome.js';
import { homePage } from './home-page.js';
import { listPage, type ListColumn, type ListRow } from './list-page.js';
import { recordPage, type RelatedList } from './record-page.js';
import { recordFormModal, recordTypeChooser } from './record-modal.js';
import { errorPanel, PAGE_MISSING, RECORD_UNAVAILABLE } from './error-page.js';
import { layoutItems } from './record-layout.js';
import { pageContextOrLogin, renderContextFor, objectOfId, UI_API_VERSION, type PageContext } from './page-context.js';
import type { ObjectInfo, ObjectSummary } from './object-info.js';
import { formatCurrency, formatDateShort, formatDateTimeShort, formatNumber, formatPercent, viewerOf } from './formatting.js';
import { parseDefaultFieldValues } from './default-field-values.js';
import { readOnlyLayout, recordPermissions, type RecordPermissions } from './record-permissions.js';

function send(res: Response, pc: PageContext, title: string, active: string, body: SafeHtml, pageData: Record<string, unknown>): void {
  res.status(200).type('html').send(lightningShell({ title, userName: pc.user.name, locale: pc.user.locale, nav: pc.nav, active, body, pageData }).text);
}

function sendError(res: Response, pc: PageContext, kind: { heading: string; message: string }, detail?: string): void {
  send(res, pc, 'Error', 'home', errorPanel(kind, detail), { kind: 'error' });
}

/** Describe of a URL's object, or null when the user cannot see it (an unknown object looks the same). */
function objectFromUrl(pc: PageContext, name: string): ObjectInfo | null {
  const summary = pc.describer.find(name);
  if (!summary) return null;
  try {
    return pc.describer.object(summary.name);
  } catch (e) {
    if (e instanceof SalesforceError) return null;
    throw e;
  }
}

const LIST_COLUMN_TYPES = new Set(['string', 'picklist', 'currency', 'double', 'int', 'percent', 'date', 'datetime', 'email', 'phone', 'url', 'reference', 'boolean']);

function displayText(type: string, value: unknown, scale: number, pc: PageContext): string {
  if (value === null || value === undefined) return '';
  const viewer = viewerOf(pc.user);
  switch (type) {
    case 'currency': return formatCurrency(Number(value), scale, viewer);
    case 'percent': return formatPercent(Number(value), scale, viewer);
    case 'int': case 'double': return formatNumber(Number(value), scale, viewer);
    case 'date': return formatDateShort(String(value), viewer);
    case 'datetime': return formatDateTimeShort(String(value), viewer);
    case 'boolean': return value === true ? 'True' : 'False';
    default: return String(value);
  }
}

/**
 * The list view's rows. Salesforce's default is "Recently Viewed"; the emulator keeps no view history,
 * so it lists the most recently modified records the user can see, under that name.
 */
function listContent(pc: PageContext, object: ObjectInfo): { columns: ListColumn[]; rows: ListRow[] } {
  const layout = pc.service.layout(pc.session, object.name, null, 'view');
  const extra = layoutItems(layout)
    .filter((i) => i.field !== object.nameField && LIST_COLUMN_TYPES.has(i.type) && i.field !== 'RecordTypeId')
    .slice(0, 4);
  const columns: ListColumn[] = [
    { field: object.nameField, label: object.fields.find((f) => f.name === object.nameField)?.label ?? 'Name' },
    ...extra.map((i) => ({ field: i.field, label: i.label, ...(i.htmlFormatted ? { htmlFormatted: true } : {}) })),
  ];
  const fields = ['Id', ...new Set(columns.map((c) => c.field))];
  const page = pc.service.query(pc.session, `SELECT ${fields.join(', ')} FROM ${object.name} ORDER BY LastModifiedDate DESC LIMIT 50`, { apiVersion: UI_API_VERSION });
  const rows = page.records.map((r): ListRow => {
    const id = String(r.Id);
    const cells: Record<string, string> = {};
    const links: Record<string, string> = {};
    for (const item of extra) {
      const value = r[item.field];
      if (item.type === 'reference' && typeof value === 'string') {
        const target = objectOfId(pc, value);
        try {
          cells[item.field] = target ? pc.service.recordName(pc.session, target.name, value) : value;
          links[item.field] = value;
        } catch {
          cells[item.field] = value;
        }
      } else if (item.htmlFormatted) {
        // The markup itself: the list page renders it (rich-text.ts), never as text.
        cells[item.field] = typeof value === 'string' ? value : '';
      } else {
        cells[item.field] = displayText(item.type, value, item.scale, pc);
      }
    }
    return { id, name: String(r[object.nameField] ?? id), cells, links };
  });
  return { columns, rows };
}

/**
 * Related lists from the object's child relationships, limited to child objects that have a tab for
 * this user: the emulator's service does not expose the layout's related-list section, and history,
 * share and feed children would only add noise.
 */
function relatedLists(pc: PageContext, object: ObjectInfo, id: string): RelatedList[] {
  const tabbed = new Map(pc.nav.map((o) => [o.name.toLowerCase(), o]));
  const lists: RelatedList[] = [];
  for (const rel of object.childRelationships) {
    const child = tabbed.get(rel.childSObject.toLowerCase());
    if (!child) continue;
    const childInfo = pc.describer.object(child.name);
    // A lookup the user cannot read (field-level security) cannot list the children: the related list is left
    // out rather than the page failing on the query. [UNVERIFIED] that Lightning hides it the same way.
    if (!childInfo.fields.some((f) => f.name.toLowerCase() === rel.field.toLowerCase())) continue;
    const page = pc.service.query(
      pc.session,
      `SELECT Id, ${childInfo.nameField} FROM ${child.name} WHERE ${rel.field} = ${soqlString(id)} ORDER BY CreatedDate DESC LIMIT 7`,
      { apiVersion: UI_API_VERSION },
    );
    lists.push({
      relationshipName: rel.relationshipName,
      label: child.labelPlural,
      childObject: child.name,
      rows: page.records.slice(0, 6).map((r) => ({ id: String(r.Id), name: String(r[childInfo.nameField] ?? r.Id) })),
      more: page.records.length > 6,
    });
  }
  return lists;
}

interface LoadedRecord {
  object: ObjectInfo;
  id: string;
  record: WireRecord;
  name: string;
  permissions: RecordPermissions;
}

/** The record as the user may see it, or null (unknown object, malformed id, not found, not shared). */
function loadRecord(pc: PageContext, objectName: string | null, rawId: string): LoadedRecord | 'no-object' | 'no-record' {
  const id = normalizeId(rawId);
  const summary: ObjectSummary | null = objectName ? pc.describer.find(objectName) : id ? objectOfId(pc, id) : null;
  if (!summary) return objectName ? 'no-object' : 'no-record';
  const object = objectFromUrl(pc, summary.name);
  if (!object) return 'no-object';
  if (!id || id.slice(0, 3) !== object.keyPrefix) return 'no-record';
  try {
    const record = pc.service.retrieve(pc.session, object.name, id);
    return { object, id, record, name: pc.service.recordName(pc.session, object.name, id), permissions: recordPermissions(pc, object, id) };
  } catch (e) {
    if (e instanceof SalesforceError) return 'no-record';
    throw e;
  }
}

function recordView(pc: PageContext, loaded: LoadedRecord): { body: SafeHtml; ctxData: Record<string, unknown> } {
  const { object, id, record, name, permissions } = loaded;
  const recordTypeId = typeof record.RecordTypeId === 'string' ? record.RecordTypeId : null;
  const layout = pc.service.layout(pc.session, object.name, recordTypeId, 'view');
  // Field-level security decides which fields have pencils; record access decides whether any do.
  const sections = permissions.canEdit ? layout : readOnlyLayout(layout);
  const ctx = renderContextFor(pc, object.name, layoutItems(sections), record);
  const body = recordPage({ object, recordId: id, recordName: name, record, sections, related: relatedLists(pc, object, id), ctx, permissions });
  return { body, ctxData: { object: object.name, objectLabel: object.label, recordId: id, recordName: name } };
}

export function registerLightningRoutes(router: Router, service: OrgServiceApi): void {
  router.get(['/lightning', '/lightning/'], (_req, res) => res.redirect(302, '/lightning/page/home'));

  router.get('/lightning/page/home', (req, res) => {
    const pc = pageContextOrLogin(req, res, service);
    if (!pc) return;
    send(res, pc, 'Home', 'home', homePage({ userName: pc.user.name, orgName: service.orgName, nav: pc.nav }), { kind: 'home' });
  });

  router.get('/lightning/o/:object/home', (req, res) => {
    res.redirect(302, `/lightning/o/${encodeURIComponent(req.params.object)}/list?filterName=Recent`);
  });

  const renderList = (req: Request, res: Response, modal?: (pc: PageContext, object: ObjectInfo) => { modal: SafeHtml; data: Record<string, unknown> } | null): void => {
    const pc = pageContextOrLogin(req, res, service);
    if (!pc) return;
    const object = objectFromUrl(pc, String(req.params.object));
    if (!object) return sendError(res, pc, PAGE_MISSING);
    const { columns, rows } = listContent(pc, object);
    const list = listPage({ object, canCreate: object.createable, columns, rows, listName: 'Recently Viewed' });
    const extra = modal?.(pc, object);
    const body = extra ? html`${list}${extra.modal}` : list;
    send(res, pc, object.labelPlural, object.name, body, { kind: extra ? 'new' : 'list', object: object.name, objectLabel: object.label, ...(extra?.data ?? {}) });
  };

  router.get('/lightning/o/:object/list', (req, res) => renderList(req, res));

  router.get('/lightning/o/:object/new', (req, res) =>
    renderList(req, res, (pc, object) => {
      const cancelHref = `/lightning/o/${object.name}/list?filterName=Recent`;
      if (!object.createable) return null;
      const rawDefaults = typeof req.query.defaultFieldValues === 'string' ? req.query.defaultFieldValues : null;
      const choices = service.recordTypeChoices(pc.session, object.name);
      let recordTypeId = typeof req.query.recordTypeId === 'string' ? normalizeId(req.query.recordTypeId) : null;
      if (!recordTypeId && choices.length > 1) {
        return { modal: recordTypeChooser({ objectName: object.name, objectLabel: object.label, choices, defaultFieldValues: rawDefaults, cancelHref }), data: { step: 'recordType' } };
      }
      recordTypeId ??= choices[0]?.id ?? null;
      const sections = service.layout(pc.session, object.name, recordTypeId, 'create');
      const items = layoutItems(sections);
      const urlDefaults = parseDefaultFieldValues(rawDefaults);
      const values = initialValues(object, urlDefaults);
      // A picklist starts at the layout item's default: the record type's own (its business process's for
      // Status / StageName), or the field's where the record type does not narrow it. A record type that
      // lists the field without a default starts at --None--. The URL's defaultFieldValues win over both.
      const chosenByUrl = new Set(Object.keys(urlDefaults).map((f) => f.toLowerCase()));
      for (const item of items) {
        if ((item.type !== 'picklist' && item.type !== 'multipicklist') || chosenByUrl.has(item.field.toLowerCase())) continue;
        if (item.defaultValue !== undefined) values[item.field] = item.defaultValue;
        else delete values[item.field];
      }
      // The New modal shows the owner read-only: the person creating the record. [UNVERIFIED] whether every
      // Lightning object's create form shows the Owner item; Account, Opportunity and Case forms do.
      if (object.fields.some((f) => f.name === 'OwnerId')) values.OwnerId = pc.user.id;
      // The object-wide picklist default may not be allowed for the chosen record type: start at --None--.
      for (const item of items) {
        const v = values[item.field];
        if (item.type === 'picklist' && typeof v === 'string' && !(item.picklistValues ?? []).some((p) => p.value === v)) delete values[item.field];
      }
      const onForm = new Set(items.map((i) => i.field.toLowerCase()));
      // Defaults for fields the layout does not show are still saved, as Lightning passes them along.
      const hiddenDefaults = Object.fromEntries(Object.entries(urlDefaults).filter(([f]) => !onForm.has(f.toLowerCase())));
      const ctx = renderContextFor(pc, object.name, items, values);
      return {
        modal: recordFormModal({ mode: 'create', heading: `New ${object.label}`, sections, values, ctx, cancelHref }),
        data: { step: 'form', recordTypeId, hiddenDefaults, listUrl: cancelHref },
      };
    }),
  );

  const renderRecord = (req: Request, res: Response, objectName: string | null, withEditModal: boolean): void => {
    const pc = pageContextOrLogin(req, res, service);
    if (!pc) return;
    const loaded = loadRecord(pc, objectName, String(req.params.id));
    if (loaded === 'no-object') return sendError(res, pc, PAGE_MISSING);
    if (loaded === 'no-record') return sendError(res, pc, RECORD_UNAVAILABLE, 'It may have been deleted, or you might not have permission to view it.');
    const view = recordView(pc, loaded);
    let body = view.body;
    const viewUrl = `/lightning/r/${loaded.object.name}/${loaded.id}/view`;
    // Lightning opens no edit form on a record the user may only read; the record page stays.
    if (withEditModal && loaded.permissions.canEdit) {
      const recordTypeId = typeof loaded.record.RecordTypeId === 'string' ? loaded.record.RecordTypeId : null;
      const sections = service.layout(pc.session, loaded.object.name, recordTypeId, 'edit');
      const ctx = renderContextFor(pc, loaded.object.name, layoutItems(sections), loaded.record);
      const modal = recordFormModal({ mode: 'edit', heading: `Edit ${loaded.name}`, sections, values: loaded.record, ctx, cancelHref: viewUrl });
      body = html`${body}${modal}`;
    }
    send(res, pc, `${loaded.name} | ${loaded.object.label}`, loaded.object.name, body, {
      kind: withEditModal ? 'edit' : 'record',
      viewUrl,
      listUrl: `/lightning/o/${loaded.object.name}/list?filterName=Recent`,
      ...view.ctxData,
    });
  };

  router.get('/lightning/r/:object/:id/view', (req, res) => renderRecord(req, res, String(req.params.object), false));
  router.get('/lightning/r/:id/view', (req, res) => renderRecord(req, res, null, false));
  router.get('/lightning/r/:object/:id/edit', (req, res) => renderRecord(req, res, String(req.params.object), true));

  // Any other Lightning URL: the page does not exist (signed-in users only, like every Lightning page).
  router.get('/lightning/{*rest}', (req, res) => {
    const pc = pageContextOrLogin(req, res, service);
    if (pc) sendError(res, pc, PAGE_MISSING);
  });
}

/** A new record's starting values: picklist and checkbox defaults from describe, then the URL's defaults. */
function initialValues(object: ObjectInfo, urlDefaults: Record<string, string>): WireRecord {
  const values: WireRecord = {};
  for (const f of object.fields) {
    if (!f.createable) continue;
    const pick = f.picklistValues.find((p) => p.defaultValue && p.active);
    if ((f.type === 'picklist' || f.type === 'multipicklist') && pick) values[f.name] = pick.value;
    else if (f.type === 'boolean' && f.defaultValue === true) values[f.name] = true;
  }
  for (const [field, value] of Object.entries(urlDefaults)) {
    const def = object.fields.find((f) => f.name.toLowerCase() === field.toLowerCase());
    const name = def?.name ?? field;
    values[name] = def?.type === 'boolean' ? value === 'true' : value;
  }
  return values;
}
