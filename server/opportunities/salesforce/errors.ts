import type { Connection } from 'jsforce';
import { AppError, Unavailable } from '../../errors';

/* Salesforce and transport failures in the hub's terms; the original always stays as `cause`. */

/** Salesforce's error code on a jsforce error (HttpApiError sets `errorCode`), or on its `cause`. */
export function salesforceCode(err: unknown): string | undefined {
  if (err instanceof AppError) return salesforceCode(err.cause);
  const code = err instanceof Error ? (err as { errorCode?: unknown }).errorCode : undefined;
  return typeof code === 'string' ? code : undefined;
}

export function isMissingCurrencyField(err: unknown): boolean {
  const cause = err instanceof AppError ? err.cause : err;
  return salesforceCode(err) === 'INVALID_FIELD' && cause instanceof Error && cause.message.includes('CurrencyIsoCode');
}

const NETWORK_ERRORS = new Set(['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'EAI_AGAIN', 'ENETDOWN', 'ENETUNREACH', 'EHOSTDOWN', 'EHOSTUNREACH', 'ETIMEDOUT', 'EPIPE', 'UND_ERR_SOCKET']);

function isNetworkError(err: unknown): boolean {
  if (!(err instanceof Error)) return false;
  const code = (err as { code?: unknown }).code;
  return ['FetchError', 'AbortError', 'TimeoutError'].includes(err.name) || (typeof code === 'string' && NETWORK_ERRORS.has(code));
}

/** Salesforce and transport failures in the hub's terms; the original stays as `cause`. */
export function translateError(err: unknown, url: string): AppError {
  if (err instanceof AppError) return err;
  const code = salesforceCode(err);
  if (code === 'REQUEST_LIMIT_EXCEEDED') {
    return new AppError(503, 'salesforce_limit_exceeded', "The Salesforce org's API request limit is used up; try again later", undefined, { cause: err });
  }
  if (code === 'INVALID_SESSION_ID') {
    return new AppError(503, 'salesforce_auth_failed', 'Salesforce rejected the session (INVALID_SESSION_ID)', undefined, { cause: err });
  }
  if (code?.startsWith('ERROR_HTTP_5')) return new Unavailable(`Salesforce at ${url} answered ${code.slice('ERROR_'.length).replace('_', ' ')}`, { cause: err });
  if (code) return new AppError(502, 'salesforce_error', `Salesforce rejected the request (${code})`, undefined, { cause: err });
  if (isNetworkError(err)) return new Unavailable(`Salesforce is unreachable at ${url}`, { cause: err });
  return new AppError(502, 'salesforce_error', 'The request to Salesforce failed', undefined, { cause: err });
}

/** jsforce keeps the last Sforce-Limit-Info header it saw as `limitInfo.apiUsage`. */
export function apiUsageOf(conn: Connection): { used: number; limit: number } | undefined {
  const usage = (conn.limitInfo as { apiUsage?: { used: number; limit: number } } | undefined)?.apiUsage;
  return usage && Number.isFinite(usage.used) && Number.isFinite(usage.limit) ? { used: usage.used, limit: usage.limit } : undefined;
}
