/**
 * A failed save -> what the "We hit a snag." popover shows (protocol reference §10.7): messages with a
 * field location go under that field and into "Review the following fields"; everything else goes to
 * "Review the errors on this page.".
 */
import { FlowFaultError, SalesforceError } from '../contracts.js';
import { SalesforceErrors } from '../service/errors.js';

export interface UiSaveErrors {
  pageErrors: string[];
  /** Field API name -> message under the field. */
  fieldErrors: Record<string, string>;
}

/** Lightning's value-missing text under a required input [3P, §10.5]. */
export const COMPLETE_THIS_FIELD = 'Complete this field.';

export function uiErrorsOf(error: unknown): UiSaveErrors {
  if (error instanceof FlowFaultError) {
    // Lightning's wording for a record-triggered flow that faulted (UNVERIFIED in detail: real orgs add
    // an error id and a link for the admin; the flow label and inner message are what users quote).
    return {
      pageErrors: [`We can't save this record because the “${error.flowLabel}” process failed. Give your Salesforce admin these details. ${error.inner.message}`],
      fieldErrors: {},
    };
  }
  if (error instanceof SalesforceErrors) {
    // Several rules failed at once: Lightning shows each under its field or in the page list.
    const merged: UiSaveErrors = { pageErrors: [], fieldErrors: {} };
    for (const one of error.errors) {
      const part = uiErrorsOf(one);
      merged.pageErrors.push(...part.pageErrors);
      for (const [field, message] of Object.entries(part.fieldErrors)) merged.fieldErrors[field] ??= message;
    }
    return merged;
  }
  if (error instanceof SalesforceError) {
    if (error.errorCode === 'REQUIRED_FIELD_MISSING' && error.fields.length > 0) {
      return { pageErrors: [], fieldErrors: Object.fromEntries(error.fields.map((f) => [f, COMPLETE_THIS_FIELD])) };
    }
    const [first] = error.fields;
    if (first !== undefined && error.fields.length === 1) return { pageErrors: [], fieldErrors: { [first]: error.message } };
    if (error.fields.length > 1) {
      return { pageErrors: [], fieldErrors: Object.fromEntries(error.fields.map((f) => [f, error.message])) };
    }
    return { pageErrors: [error.message], fieldErrors: {} };
  }
  return { pageErrors: [error instanceof Error ? error.message : String(error)], fieldErrors: {} };
}
