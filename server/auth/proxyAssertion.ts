import { createPublicKey, verify, type KeyObject } from 'node:crypto';
import { z } from 'zod';
import { toSalesforceId18 } from '../opportunities/salesforce/ids';

/*
 * The Apex proxy's proof of who is calling. The integration token (in the Named Credential) says
 * "this is the org"; on its own, anyone holding it could name any Salesforce user in
 * X-Salesforce-User-Id. With an assertion configured, each call must also carry
 * X-Salesforce-Assertion: a short-lived JWT the org signs with its certificate (Apex Auth.JWS,
 * RS256) whose `sub` is the calling user's id. The hub checks signature, audience, issuer (the
 * org id, when configured), expiry and lifetime before acting for that user.
 */

/** Clock skew tolerated between the org and the hub. */
const SKEW_SECONDS = 60;
/** The longest lifetime accepted: Apex signs per call, so minutes are plenty and a leaked one dies fast. */
const MAX_LIFETIME_SECONDS = 600;

export interface ProxyAssertionConfig {
  /** The org certificate's public key (PEM certificate or public key). */
  publicKey: KeyObject;
  /** The `aud` the proxy sets. */
  audience: string;
  /** The org id (`iss`), 18 characters; any org's signature with this key is accepted when absent. */
  orgId?: string;
}

const Header = z.object({ alg: z.literal('RS256') }).loose();
const Claims = z
  .object({
    sub: z.string(),
    aud: z.union([z.string(), z.array(z.string())]),
    iss: z.string().optional(),
    exp: z.number(),
    iat: z.number().optional(),
    nbf: z.number().optional(),
  })
  .loose();

/** Parses a PEM certificate or public key; throws a message for the config error. */
export function assertionKeyFrom(pem: string): KeyObject {
  return createPublicKey(pem.replace(/\\n/g, '\n'));
}

/**
 * The 18-character Salesforce user id the assertion vouches for, or a reason it does not
 * (for the 403 message; the assertion itself is never echoed).
 */
export function verifyProxyAssertion(
  token: string,
  config: ProxyAssertionConfig,
  nowSeconds = Math.floor(Date.now() / 1000),
): { userId: string } | { refused: string } {
  const parts = token.split('.');
  if (parts.length !== 3) return { refused: 'the assertion is not a compact JWS' };
  const [h = '', p = '', s = ''] = parts;
  let header: unknown;
  let claims: unknown;
  try {
    header = JSON.parse(Buffer.from(h, 'base64url').toString('utf8'));
    claims = JSON.parse(Buffer.from(p, 'base64url').toString('utf8'));
  } catch {
    return { refused: 'the assertion is not a JWT' };
  }
  if (!Header.safeParse(header).success) return { refused: 'the assertion must be signed with RS256' };
  if (!verify('RSA-SHA256', Buffer.from(`${h}.${p}`), config.publicKey, Buffer.from(s, 'base64url')))
    return { refused: 'the assertion signature does not verify' };
  const c = Claims.safeParse(claims);
  if (!c.success) return { refused: 'the assertion lacks sub, aud or exp' };
  const { sub, aud, iss, exp, iat, nbf } = c.data;
  if (!(Array.isArray(aud) ? aud : [aud]).includes(config.audience)) return { refused: 'the assertion is for another audience' };
  if (config.orgId && (!iss || toSalesforceId18(iss) !== config.orgId)) return { refused: 'the assertion comes from another org' };
  if (exp + SKEW_SECONDS < nowSeconds) return { refused: 'the assertion has expired' };
  if (nbf !== undefined && nbf - SKEW_SECONDS > nowSeconds) return { refused: 'the assertion is not valid yet' };
  if (exp - (iat ?? nowSeconds) > MAX_LIFETIME_SECONDS + SKEW_SECONDS)
    return { refused: `the assertion lives longer than ${MAX_LIFETIME_SECONDS} s` };
  const userId = toSalesforceId18(sub);
  if (!userId) return { refused: 'the assertion subject is not a Salesforce user id' };
  return { userId };
}
