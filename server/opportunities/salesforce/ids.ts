import { z } from 'zod';

/*
 * One identity for a Salesforce record. The UI and reports show 15-character ids (case-sensitive);
 * the REST API returns 18-character ids (a case-insensitive form with a 3-character checksum of
 * the case of the first 15). A hub that stored one and compared with the other would never match,
 * so every id the hub keeps or compares is the 18-character form.
 */

const CHECKSUM_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ012345';
const ID_15 = /^[a-zA-Z0-9]{15}$/;
const ID_18 = /^[a-zA-Z0-9]{18}$/;

/** The 3-character suffix of an 18-character id: one character per 5, whose bits mark the upper-case letters. */
function checksumOf(id15: string): string {
  let suffix = '';
  for (let chunk = 0; chunk < 3; chunk++) {
    let bits = 0;
    for (let i = 0; i < 5; i++) {
      const ch = id15.charAt(chunk * 5 + i);
      if (ch >= 'A' && ch <= 'Z') bits |= 1 << i;
    }
    suffix += CHECKSUM_ALPHABET.charAt(bits);
  }
  return suffix;
}

/**
 * The 18-character form of a Salesforce id, or null when `value` is not one: neither 15 nor 18
 * letters and digits, or 18 whose suffix does not match the case of the first 15.
 */
export function toSalesforceId18(value: string): string | null {
  if (ID_15.test(value)) return value + checksumOf(value);
  if (!ID_18.test(value)) return null;
  const head = value.slice(0, 15);
  const suffix = checksumOf(head);
  // The suffix itself is case-insensitive; Salesforce accepts it in either case.
  return value.slice(15).toUpperCase() === suffix ? head + suffix : null;
}

/** True for a well-formed 15- or 18-character Salesforce id. */
export function isSalesforceId(value: string): boolean {
  return toSalesforceId18(value) !== null;
}

/** Two ids name the same record (either may be 15 or 18 characters; null never matches). */
export function sameSalesforceId(a: string | null | undefined, b: string | null | undefined): boolean {
  if (!a || !b) return false;
  const x = toSalesforceId18(a);
  return x !== null && x === toSalesforceId18(b);
}

/** A request field holding a Salesforce id: 15 characters become 18; anything else is a 400 naming the field. */
export const SalesforceIdField = z
  .string()
  .trim()
  .transform((value, ctx) => {
    const id = toSalesforceId18(value);
    if (id === null) {
      ctx.addIssue({
        code: 'custom',
        message: 'a 15- or 18-character Salesforce id (an 18-character id must end in the checksum of the first 15)',
      });
      return z.NEVER;
    }
    return id;
  });
