/**
 * The private JSON endpoints the Lightning client script calls (Lightning's own are `/aura` actions;
 * these are the emulator's equivalent). Every write goes through the org service as the cookie's user:
 * the same security, validation rules and flows as the REST API.
 *
 *   POST   /ui-api/records/:object        {fields, recordTypeId?} -> 201 {id, name, objectLabel}
 *   PATCH  /ui-api/records/:object/:id    {fields}                -> 200 {id, name, objectLabel}
 *   DELETE /ui-api/records/:object/:id                            -> 200 {id, name, objectLabel}
 *   GET    /ui-api/lookup/:object?q=term                          -> 200 [{id, name}]
 * Failures: 400 {pageErrors: string[], fieldErrors: {Field: message}}; 401 {error} without a session.
 */
import express, { type Request, type Response, type Router } from 'express';
import { SalesforceError, type OrgServiceApi, type Session, type WireRecord } from '../contracts.js';
import { Describer } from './object-info.js';
import { parseForm, type SubmittedValue } from './form-values.js';
import { viewerOf } from './formatting.js';
import { uiErrorsOf, type UiSaveErrors } from './save-errors.js';
import { uiSessionOf } from './ui-session.js';

/** How many matches the lookup dropdown lists (Lightning shows a short list, then "Show All Results"). */
const LOOKUP_LIMIT = 5;

function sessionOr401(req: Request, res: Response, service: OrgServiceApi): Session | null {
  const session = uiSessionOf(req, service);
  if (!session) res.status(401).json({ error: 'INVALID_SESSION_ID' });
  return session;
}

function submittedFields(body: unknown): Record<string, SubmittedValue> {
  const fields = (body as { fields?: unknown } | undefined)?.fields;
  if (typeof fields !== 'object' || fields === null) return {};
  const out: Record<string, SubmittedValue> = {};
  for (const [k, v] of Object.entries(fields)) {
    if (typeof v === 'string' || typeof v === 'boolean' || v === null) out[k] = v;
    else if (Array.isArray(v)) out[k] = v.filter((x): x is string => typeof x === 'string');
  }
  return out;
}

function fail(res: Response, errors: UiSaveErrors): void {
  res.status(400).json(errors);
}

/** Runs a write and answers its failure in popover terms; a session that died meanwhile is a 401. */
function answerFailure(res: Response, error: unknown): void {
  if (error instanceof SalesforceError && error.errorCode === 'INVALID_SESSION_ID') {
    res.status(401).json({ error: 'INVALID_SESSION_ID' });
    return;
  }
  fail(res, uiErrorsOf(error));
}

export function registerUiApiRoutes(router: Router, service: OrgServiceApi): void {
  const json = express.json({ limit: '1mb' });

  const parse = (session: Session, describer: Describer, object: string, body: unknown): { values: WireRecord; fieldErrors: Record<string, string> } => {
    const info = describer.object(object);
    return parseForm(submittedFields(body), info.fields, viewerOf(service.user(session.userId)));
  };

  router.post('/ui-api/records/:object', json, (req, res) => {
    const session = sessionOr401(req, res, service);
    if (!session) return;
    const describer = new Describer(service, session);
    try {
      const object = describer.object(String(req.params.object));
      const { values, fieldErrors } = parse(session, describer, object.name, req.body);
      if (Object.keys(fieldErrors).length) return fail(res, { pageErrors: [], fieldErrors });
      const recordTypeId = (req.body as { recordTypeId?: unknown }).recordTypeId;
      if (typeof recordTypeId === 'string' && recordTypeId !== '') values.RecordTypeId = recordTypeId;
      const id = service.create(session, object.name, values);
      res.status(201).json({ id, name: service.recordName(session, object.name, id), objectLabel: object.label });
    } catch (e) {
      answerFailure(res, e);
    }
  });

  router.patch('/ui-api/records/:object/:id', json, (req, res) => {
    const session = sessionOr401(req, res, service);
    if (!session) return;
    const describer = new Describer(service, session);
    try {
      const object = describer.object(String(req.params.object));
      const { values, fieldErrors } = parse(session, describer, object.name, req.body);
      if (Object.keys(fieldErrors).length) return fail(res, { pageErrors: [], fieldErrors });
      const id = String(req.params.id);
      if (Object.keys(values).length) service.update(session, object.name, id, values);
      res.status(200).json({ id, name: service.recordName(session, object.name, id), objectLabel: object.label });
    } catch (e) {
      answerFailure(res, e);
    }
  });

  router.delete('/ui-api/records/:object/:id', (req, res) => {
    const session = sessionOr401(req, res, service);
    if (!session) return;
    const describer = new Describer(service, session);
    try {
      const object = describer.object(String(req.params.object));
      const id = String(req.params.id);
      // The name is read before the delete: the toast quotes it and afterwards the record is gone.
      const name = service.recordName(session, object.name, id);
      service.delete(session, object.name, id);
      res.status(200).json({ id, name, objectLabel: object.label });
    } catch (e) {
      answerFailure(res, e);
    }
  });

  router.get('/ui-api/lookup/:object', (req, res) => {
    const session = sessionOr401(req, res, service);
    if (!session) return;
    const term = typeof req.query.q === 'string' ? req.query.q : '';
    try {
      res.status(200).json(service.lookupSearch(session, String(req.params.object), term, LOOKUP_LIMIT));
    } catch (e) {
      answerFailure(res, e);
    }
  });
}
