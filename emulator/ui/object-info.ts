/**
 * Typed reading of the org service's describe answers (which travel as plain wire records), limited to
 * what the Lightning pages need. Everything here comes from describes made with the user's own session,
 * so objects and fields the user cannot see are simply absent.
 */
import type { OrgServiceApi, Session, WireRecord } from '../contracts.js';

export interface ObjectSummary {
  name: string;
  label: string;
  labelPlural: string;
  keyPrefix: string | null;
  custom: boolean;
  queryable: boolean;
  createable: boolean;
  layoutable: boolean;
  customSetting: boolean;
}

export interface FieldInfo {
  name: string;
  label: string;
  type: string;
  nameField: boolean;
  createable: boolean;
  updateable: boolean;
  defaultValue: unknown;
  picklistValues: { value: string; label: string; active: boolean; defaultValue: boolean }[];
  referenceTo: string[];
}

export interface ChildRelationshipInfo {
  childSObject: string;
  field: string;
  relationshipName: string;
}

export interface ObjectInfo extends ObjectSummary {
  updateable: boolean;
  deletable: boolean;
  fields: FieldInfo[];
  childRelationships: ChildRelationshipInfo[];
  nameField: string;
}

const str = (v: unknown, fallback = ''): string => (typeof v === 'string' ? v : fallback);
const bool = (v: unknown, fallback = false): boolean => (typeof v === 'boolean' ? v : fallback);
const list = (v: unknown): WireRecord[] => (Array.isArray(v) ? v.filter((x): x is WireRecord => typeof x === 'object' && x !== null) : []);

function summaryOf(r: WireRecord): ObjectSummary {
  const name = str(r.name);
  return {
    name,
    label: str(r.label, name),
    labelPlural: str(r.labelPlural, str(r.label, name)),
    keyPrefix: typeof r.keyPrefix === 'string' ? r.keyPrefix : null,
    custom: bool(r.custom),
    queryable: bool(r.queryable, true),
    createable: bool(r.createable),
    layoutable: bool(r.layoutable, true),
    customSetting: bool(r.customSetting),
  };
}

function fieldOf(r: WireRecord): FieldInfo {
  const name = str(r.name);
  return {
    name,
    label: str(r.label, name),
    type: str(r.type, 'string'),
    nameField: bool(r.nameField),
    createable: bool(r.createable),
    updateable: bool(r.updateable),
    defaultValue: r.defaultValue ?? null,
    picklistValues: list(r.picklistValues).map((p) => ({
      value: str(p.value),
      label: str(p.label, str(p.value)),
      active: bool(p.active, true),
      defaultValue: bool(p.defaultValue),
    })),
    referenceTo: Array.isArray(r.referenceTo) ? r.referenceTo.filter((x): x is string => typeof x === 'string') : [],
  };
}

/**
 * Per-request cache of describes: a page asks for the same object several times (header, layout,
 * lookups) and each describe runs the user's security checks.
 */
export class Describer {
  private global: ObjectSummary[] | null = null;
  private readonly objects = new Map<string, ObjectInfo>();

  constructor(
    private readonly service: OrgServiceApi,
    private readonly session: Session,
  ) {}

  all(): ObjectSummary[] {
    this.global ??= this.service.describeGlobal(this.session).map(summaryOf);
    return this.global;
  }

  /** The canonical summary for a name typed in a URL (names are case-insensitive in Salesforce), or null. */
  find(name: string): ObjectSummary | null {
    const lower = name.toLowerCase();
    return this.all().find((o) => o.name.toLowerCase() === lower) ?? null;
  }

  byKeyPrefix(id: string): ObjectSummary | null {
    const prefix = id.slice(0, 3);
    return this.all().find((o) => o.keyPrefix === prefix) ?? null;
  }

  /** Full describe; throws the service's SalesforceError (NOT_FOUND) for an object the user cannot see. */
  object(name: string): ObjectInfo {
    const key = name.toLowerCase();
    const cached = this.objects.get(key);
    if (cached) return cached;
    const r = this.service.describe(this.session, name);
    const fields = list(r.fields).map(fieldOf);
    const info: ObjectInfo = {
      ...summaryOf(r),
      updateable: bool(r.updateable),
      deletable: bool(r.deletable),
      fields,
      childRelationships: list(r.childRelationships)
        .filter((c) => typeof c.relationshipName === 'string' && c.relationshipName !== '')
        .map((c) => ({ childSObject: str(c.childSObject), field: str(c.field), relationshipName: str(c.relationshipName) })),
      nameField: fields.find((f) => f.nameField)?.name ?? 'Name',
    };
    this.objects.set(key, info);
    return info;
  }

  field(object: string, field: string): FieldInfo | undefined {
    const lower = field.toLowerCase();
    return this.object(object).fields.find((f) => f.name.toLowerCase() === lower);
  }
}

/**
 * Standard objects that have a tab in the standard Sales/Service apps. The emulator does not load
 * CustomApplication metadata, so the nav bar shows these (when the user can read them) plus every
 * readable custom object — a stand-in for "the app's navigation items".
 */
const STANDARD_TAB_OBJECTS = ['Account', 'Contact', 'Opportunity', 'Lead', 'Case', 'Campaign', 'Contract', 'Product2', 'Task', 'Event'];

export function navigationObjects(describer: Describer): ObjectSummary[] {
  const all = describer.all();
  const standard = STANDARD_TAB_OBJECTS.map((n) => all.find((o) => o.name === n)).filter((o): o is ObjectSummary => !!o);
  const custom = all.filter(
    (o) => o.custom && o.queryable && o.layoutable && !o.customSetting && o.name.endsWith('__c'),
  );
  return [...standard.filter((o) => o.queryable), ...custom.sort((a, b) => a.label.localeCompare(b.label))];
}
