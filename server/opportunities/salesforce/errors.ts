import type { Connection } from 'jsforce';
import { AppError, Unavailable } from '../../errors';

/* Salesforce and transport failures in the hub's terms; the original always stays as `cause`. */

/** Salesforce's error code on a jsforce error (HttpApiError sets `errorCode`), or on its `cause`. */
export function salesforceCode(err: unknown): string | undefined {
  if (err instanceof AppError) return salesforceCode(err.cause);
  const code = err instanceof Error ? (err as { errorCode?: unknown }).errorCode : undefined;
  return typeof code === 'string' ? code : undefined;
}

/** INVALID_FIELD about `field`: it does not exist, or field-level security hides it from the querying user. */
export function isMissingField(err: unknown, field: string): boolean {
  const cause = err instanceof AppError ? err.cause : err;
  return salesforceCode(err) === 'INVALID_FIELD' && cause instanceof Error && cause.message.includes(`'${field}'`);
}

const NETWORK_ERRORS = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ENETDOWN',
  'ENETUNREACH',
  'EHOSTDOWN',
  'EHOSTUNREACH',
  'ETIMEDOUT',
  'EPIPE',
  'UND_ERR_SOCKET',
]);

function isNetworkError(err: unknown): boolean {
  if (!(err instanceof Error)) return false;
  const code = (err as { code?: unknown }).code;
  return ['FetchError', 'AbortError', 'TimeoutError'].includes(err.name) || (typeof code === 'string' && NETWORK_ERRORS.has(code));
}

/** What Salesforce said about a failure, for the log and the error's `details`. */
export interface SalesforceErrorDetails {
  errorCode: string;
  message: string;
  /** The fields Salesforce named (a missing custom field is named in the message of INVALID_FIELD). */
  fields: string[];
}

/** Codes Salesforce answers while the org is down or in maintenance: the caller may retry. */
const UNAVAILABLE_CODES = new Set([
  'SERVER_UNAVAILABLE',
  'UNABLE_TO_LOCK_ROW',
  'ERROR_HTTP_502',
  'ERROR_HTTP_503',
  'ERROR_HTTP_504',
  'ERROR_HTTP_500',
]);

/** How long a caller should wait before retrying after the org's daily API limit is used up (it is a rolling 24 hours). */
export const LIMIT_RETRY_AFTER_SECONDS = 900;
/** How long a caller should wait before retrying while Salesforce is unreachable. */
export const UNAVAILABLE_RETRY_AFTER_SECONDS = 30;

/** The error code, message and fields of a jsforce HttpApiError (its `data` is Salesforce's error body). */
export function salesforceDetails(err: unknown): SalesforceErrorDetails | undefined {
  const code = salesforceCode(err);
  if (!code) return undefined;
  const source = err instanceof AppError ? err.cause : err;
  const data = (source as { data?: unknown } | undefined)?.data;
  const body = typeof data === 'object' && data !== null ? (data as { message?: unknown; fields?: unknown }) : {};
  const message = typeof body.message === 'string' ? body.message : source instanceof Error ? source.message : '';
  const named = Array.isArray(body.fields) ? body.fields.filter((f): f is string => typeof f === 'string') : [];
  // INVALID_FIELD names the field only in its message: "No such column 'Segment__c' on entity 'Opportunity'".
  const column = /No such column '([^']+)'/.exec(message)?.[1];
  return { errorCode: code, message: message.slice(0, 1000), fields: column && !named.includes(column) ? [...named, column] : named };
}

/** Salesforce and transport failures in the hub's terms; the original stays as `cause`, Salesforce's own words go into `details`. */
export function translateError(err: unknown, url: string): AppError {
  if (err instanceof AppError) return err;
  const code = salesforceCode(err);
  const details = salesforceDetails(err);
  const salesforce = details ? { salesforce: details } : undefined;
  if (code === 'REQUEST_LIMIT_EXCEEDED') {
    return new AppError(
      503,
      'salesforce_limit_exceeded',
      "The Salesforce org's API request limit is used up; try again later",
      salesforce,
      { cause: err, retryAfterSeconds: LIMIT_RETRY_AFTER_SECONDS },
    );
  }
  if (code === 'INVALID_SESSION_ID') {
    return new AppError(503, 'salesforce_auth_failed', 'Salesforce rejected the session (INVALID_SESSION_ID)', salesforce, {
      cause: err,
      retryAfterSeconds: UNAVAILABLE_RETRY_AFTER_SECONDS,
    });
  }
  if (code && UNAVAILABLE_CODES.has(code)) {
    return new AppError(503, 'unavailable', `Salesforce at ${url} is unavailable (${code})`, salesforce, {
      cause: err,
      retryAfterSeconds: UNAVAILABLE_RETRY_AFTER_SECONDS,
    });
  }
  if (code?.startsWith('ERROR_HTTP_5'))
    return new Unavailable(`Salesforce at ${url} answered ${code.slice('ERROR_'.length).replace('_', ' ')}`, { cause: err });
  if (code) {
    const fields = details?.fields.length ? ` on ${details.fields.join(', ')}` : '';
    return new AppError(
      502,
      'salesforce_error',
      `Salesforce rejected the request (${code}${fields}): ${details?.message ?? ''}`.trim(),
      salesforce,
      { cause: err },
    );
  }
  if (isNetworkError(err)) return new Unavailable(`Salesforce is unreachable at ${url}`, { cause: err });
  return new AppError(502, 'salesforce_error', 'The request to Salesforce failed', undefined, { cause: err });
}

/** jsforce keeps the last Sforce-Limit-Info header it saw as `limitInfo.apiUsage`. */
export function apiUsageOf(conn: Connection): { used: number; limit: number } | undefined {
  const usage = (conn.limitInfo as { apiUsage?: { used: number; limit: number } } | undefined)?.apiUsage;
  return usage && Number.isFinite(usage.used) && Number.isFinite(usage.limit) ? { used: usage.used, limit: usage.limit } : undefined;
}
