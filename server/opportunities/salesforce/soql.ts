import { AppError } from '../../errors';
import { toSalesforceId18 } from './ids';

/* SOQL building. Values only ever enter a query through these functions. */

/** A quoted SOQL id literal in its 18-character form; throws a 400 for anything that is not a Salesforce id. */
export function soqlId(value: string): string {
  const id = toSalesforceId18(value);
  if (id === null) throw new AppError(400, 'invalid_salesforce_id', 'Not a Salesforce id');
  return `'${id}'`;
}

/**
 * A quoted SOQL string literal that means exactly `value`. Escapes in one pass (so nothing is
 * escaped twice, which is what "backslash first" guarantees when done in several passes):
 * backslash, both quotes, newline, CR and tab get their SOQL escapes, other control characters
 * become \uXXXX, and unpaired surrogates (which cannot be URL-encoded) become U+FFFD.
 */
export function soqlString(value: string): string {
  return `'${escapeSoql(value, false)}'`;
}

/** A quoted LIKE pattern matching names that contain `value`, with its `%` and `_` taken literally. */
export function soqlContains(value: string): string {
  return `'%${escapeSoql(value, true)}%'`;
}

const SOQL_ESCAPES: Record<string, string> = { '\\': '\\\\', "'": "\\'", '"': '\\"', '\n': '\\n', '\r': '\\r', '\t': '\\t' };

function escapeSoql(value: string, like: boolean): string {
  const out: string[] = [];
  for (const ch of value) {
    const code = ch.codePointAt(0) ?? 0;
    const escape = SOQL_ESCAPES[ch];
    if (escape) out.push(escape);
    else if (like && (ch === '%' || ch === '_')) out.push(`\\${ch}`);
    else if (code < 0x20 || code === 0x7f) out.push(`\\u${code.toString(16).padStart(4, '0')}`);
    else if (code >= 0xd800 && code <= 0xdfff) out.push('\ufffd');
    else out.push(ch);
  }
  return out.join('');
}

/** A SOQL datetime literal (unquoted, UTC); throws for anything that is not an ISO instant. */
export function soqlDateTime(iso: string): string {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/.test(iso) || Number.isNaN(Date.parse(iso))) {
    throw new AppError(400, 'invalid_datetime', `Not an ISO instant: ${iso.slice(0, 40)}`);
  }
  return new Date(iso).toISOString();
}

/** A SOQL date literal (unquoted); throws for anything that is not YYYY-MM-DD. */
export function soqlDate(day: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day) || Number.isNaN(Date.parse(day)))
    throw new AppError(400, 'invalid_date', `Not a date: ${day.slice(0, 20)}`);
  return day;
}
