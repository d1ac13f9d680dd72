/**
 * Save failures that carry several errors at once. Salesforce evaluates every validation rule and
 * returns one error per failing rule (`[{...},{...}]`, which jsforce turns into MULTIPLE_API_ERRORS), so
 * the pipeline reports them together. The first error is also the exception's own code and message, so a
 * caller that only knows `SalesforceError` still reports something true.
 */
import { SalesforceError, type SaveError } from '../contracts.js';

export class SalesforceErrors extends SalesforceError {
  constructor(readonly errors: SalesforceError[]) {
    const first = errors[0];
    if (!first) throw new Error('SalesforceErrors needs at least one error');
    super(first.errorCode, first.message, first.fields, first.status);
  }
}

/** Every error a thrown value stands for, in wire shape (`statusCode` as in collection results). */
export function saveErrorsOf(error: unknown): SaveError[] {
  if (error instanceof SalesforceErrors) return error.errors.map(toSaveError);
  if (error instanceof SalesforceError) return [toSaveError(error)];
  throw error;
}

function toSaveError(error: SalesforceError): SaveError {
  return { statusCode: error.errorCode, message: error.message, fields: [...error.fields] };
}

/**
 * Upsert matched several records by external id: HTTP 300 whose body lists the records' URLs
 * (reference §1.3, §5.1; jsforce surfaces it as MULTIPLE_CHOICES with `data` = the URL strings).
 */
export class MultipleChoicesError extends SalesforceError {
  constructor(readonly urls: string[]) {
    super('MULTIPLE_CHOICES', 'Multiple records found', urls, 300);
  }
}
