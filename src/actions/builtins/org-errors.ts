/**
 * The org's own words for a refusal, from the two shapes Salesforce uses: REST errors (`errorCode`, as
 * jsforce throws them) and sObject Collections items (`statusCode`, reference §5.2).
 */

export interface OrgError {
  errorCode: string;
  message: string;
  fields?: string[];
}

interface CollectionError {
  statusCode?: string;
  errorCode?: string;
  message?: string;
  fields?: string[];
}

/** A per-record save result as jsforce returns it from sObject Collections. */
export interface CollectionSaveResult {
  id?: string | null;
  success: boolean;
  errors?: CollectionError[] | unknown[];
}

export function collectionErrors(result: CollectionSaveResult): OrgError[] {
  return (result.errors ?? []).map((raw) => {
    const e = raw as CollectionError;
    return { errorCode: e.statusCode ?? e.errorCode ?? 'UNKNOWN_ERROR', message: e.message ?? 'no message', ...(e.fields?.length ? { fields: e.fields } : {}) };
  });
}

export function formatOrgError(error: OrgError): string {
  const on = error.fields?.length ? ` [${error.fields.join(', ')}]` : '';
  return `${error.errorCode}: ${error.message}${on}`;
}

/** The org error carried by an exception jsforce threw (HttpApiError has `errorCode`), if any. */
export function orgErrorOf(error: unknown): OrgError | undefined {
  const e = error as { errorCode?: unknown; message?: unknown; data?: { fields?: unknown } };
  if (typeof e?.errorCode !== 'string') return undefined;
  const fields = Array.isArray(e.data?.fields) ? (e.data.fields as string[]) : undefined;
  return { errorCode: e.errorCode, message: typeof e.message === 'string' ? e.message : String(error), ...(fields?.length ? { fields } : {}) };
}
