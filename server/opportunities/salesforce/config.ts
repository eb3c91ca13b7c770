import { createPrivateKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { z } from 'zod';

/* The Salesforce adapter's configuration: one zod schema, and its reading from SALESFORCE_* variables. */

const FieldPath = z
  .string()
  .regex(/^[A-Za-z][A-Za-z0-9_]*(\.[A-Za-z][A-Za-z0-9_]*){0,4}$/, 'a field API name such as Segment__c or Account.Region__c');

export const SalesforceConfig = z
  .object({
    loginUrl: z
      .url({ protocol: /^https?$/ })
      .default('https://login.salesforce.com')
      .transform((u) => u.replace(/\/+$/, '')),
    clientId: z.string().min(1),
    auth: z.discriminatedUnion('flow', [
      z
        .object({
          flow: z.literal('jwt'),
          /** The integration user: looks up the usernames of calling users. */
          username: z.string().min(1),
          privateKey: z.string().refine(isPrivateKey, 'is not a PEM private key'),
          /** The JWT `aud`; Salesforce wants login.salesforce.com or test.salesforce.com even behind My Domain. */
          audience: z.url().optional(),
        })
        .strict(),
      z.object({ flow: z.literal('refresh_token'), refreshToken: z.string().min(1), clientSecret: z.string().min(1) }).strict(),
    ]),
    apiVersion: z
      .string()
      .regex(/^\d{2,3}\.0$/, 'like 62.0')
      .default('62.0'),
    /** CurrencyIsoCode exists only in multi-currency orgs; 'auto' asks for it and drops it if the org has none. */
    multiCurrency: z.union([z.boolean(), z.literal('auto')]).default('auto'),
    defaultCurrency: z
      .string()
      .regex(/^[A-Z]{3}$/, 'a three-letter ISO currency code')
      .default('USD'),
    segmentField: FieldPath.optional(),
    regionField: FieldPath.optional(),
    timeoutMs: z.number().int().min(100).max(600_000).default(20_000),
    /** Retries of idempotent requests on network errors and 5xx, done by jsforce with backoff. */
    maxRetries: z.number().int().min(0).max(5).default(2),
    /** Per-user sessions are re-minted after this; Salesforce does not say when a JWT session ends. */
    userSessionTtlSeconds: z.number().int().min(60).max(86_400).default(900),
    /** Seconds between incremental sync cycles; 0 turns the timer off (admins can still run one). */
    syncIntervalSeconds: z.number().int().min(0).max(86_400).default(300),
    /** Band amounts with the org's DatedConversionRate (read each sync cycle) rather than only HUB_CURRENCY_RATES. */
    orgConversionRates: z.boolean().default(false),
    /**
     * Seconds a user's live opportunity read (get, list) is reused before Salesforce is asked
     * again; 0 asks on every view. Bounds how stale a view may be (see viewCache.ts).
     */
    viewCacheSeconds: z.number().int().min(0).max(300).default(120),
    /** Seconds between write-back flushes of due Knowledge_Link__c records; 0 turns the timer off. */
    writeBackIntervalSeconds: z.number().int().min(0).max(86_400).default(10),
  })
  .strict();
export type SalesforceConfig = z.infer<typeof SalesforceConfig>;
export type SalesforceConfigInput = z.input<typeof SalesforceConfig>;

function isPrivateKey(pem: string): boolean {
  try {
    return createPrivateKey(pem).type === 'private';
  } catch {
    return false;
  }
}

/** A missing or wrong SALESFORCE_* variable; the message starts with the variable's name. */
export class SalesforceConfigError extends Error {
  constructor(
    readonly variable: string,
    problem: string,
  ) {
    super(`${variable}: ${problem}`);
    this.name = 'SalesforceConfigError';
  }
}

const privateKeyHint =
  'for the JWT bearer flow (or SALESFORCE_PRIVATE_KEY_FILE; or SALESFORCE_REFRESH_TOKEN and SALESFORCE_CLIENT_SECRET for the refresh-token flow)';

const ENV_OF_PATH: Record<string, string> = {
  loginUrl: 'SALESFORCE_LOGIN_URL',
  clientId: 'SALESFORCE_CLIENT_ID',
  'auth.username': 'SALESFORCE_USERNAME',
  'auth.audience': 'SALESFORCE_JWT_AUDIENCE',
  'auth.refreshToken': 'SALESFORCE_REFRESH_TOKEN',
  'auth.clientSecret': 'SALESFORCE_CLIENT_SECRET',
  apiVersion: 'SALESFORCE_API_VERSION',
  multiCurrency: 'SALESFORCE_MULTI_CURRENCY',
  defaultCurrency: 'SALESFORCE_DEFAULT_CURRENCY',
  segmentField: 'SALESFORCE_SEGMENT_FIELD',
  regionField: 'SALESFORCE_REGION_FIELD',
  timeoutMs: 'SALESFORCE_TIMEOUT_MS',
  syncIntervalSeconds: 'SALESFORCE_SYNC_INTERVAL_SECONDS',
  writeBackIntervalSeconds: 'SALESFORCE_WRITEBACK_INTERVAL_SECONDS',
  viewCacheSeconds: 'SALESFORCE_VIEW_CACHE_SECONDS',
  orgConversionRates: 'SALESFORCE_CONVERSION_RATES',
};

/**
 * Builds the Salesforce config from SALESFORCE_* variables (an empty value counts as unset).
 * Returns undefined when none is set (the hub then uses its local CRM); throws a
 * SalesforceConfigError naming the variable when the set is incomplete or wrong.
 */
export function salesforceConfigFromEnv(env: Record<string, string | undefined>): SalesforceConfig | undefined {
  const get = (name: string): string | undefined => env[name]?.trim() || undefined;
  if (!Object.keys(env).some((k) => k.startsWith('SALESFORCE_') && get(k) !== undefined)) return undefined;
  const need = (name: string, why: string): string => {
    const value = get(name);
    if (value === undefined) throw new SalesforceConfigError(name, `is required ${why}`);
    return value;
  };
  const refreshToken = get('SALESFORCE_REFRESH_TOKEN');
  const keyInline = get('SALESFORCE_PRIVATE_KEY');
  const keyFile = get('SALESFORCE_PRIVATE_KEY_FILE');
  if (keyInline && keyFile)
    throw new SalesforceConfigError('SALESFORCE_PRIVATE_KEY_FILE', 'set either it or SALESFORCE_PRIVATE_KEY, not both');
  if (refreshToken && (keyInline || keyFile)) {
    throw new SalesforceConfigError(
      'SALESFORCE_REFRESH_TOKEN',
      'set either a private key (JWT bearer flow) or a refresh token (refresh-token flow), not both',
    );
  }
  const clientId = need('SALESFORCE_CLIENT_ID', 'when any SALESFORCE_* variable is set');
  const auth = refreshToken
    ? { flow: 'refresh_token' as const, refreshToken, clientSecret: need('SALESFORCE_CLIENT_SECRET', 'with SALESFORCE_REFRESH_TOKEN') }
    : {
        flow: 'jwt' as const,
        username: need('SALESFORCE_USERNAME', 'for the JWT bearer flow (the integration user)'),
        privateKey: keyFile ? readKeyFile(keyFile) : need('SALESFORCE_PRIVATE_KEY', privateKeyHint).replace(/\\n/g, '\n'),
        audience: get('SALESFORCE_JWT_AUDIENCE'),
      };
  const timeout = get('SALESFORCE_TIMEOUT_MS');
  const syncInterval = get('SALESFORCE_SYNC_INTERVAL_SECONDS');
  const writeBackInterval = get('SALESFORCE_WRITEBACK_INTERVAL_SECONDS');
  const viewCache = get('SALESFORCE_VIEW_CACHE_SECONDS');
  const parsed = SalesforceConfig.safeParse({
    loginUrl: get('SALESFORCE_LOGIN_URL'),
    clientId,
    auth,
    apiVersion: get('SALESFORCE_API_VERSION'),
    multiCurrency: multiCurrencyFlag(get('SALESFORCE_MULTI_CURRENCY')),
    defaultCurrency: get('SALESFORCE_DEFAULT_CURRENCY'),
    segmentField: get('SALESFORCE_SEGMENT_FIELD'),
    regionField: get('SALESFORCE_REGION_FIELD'),
    timeoutMs: timeout === undefined ? undefined : Number(timeout),
    syncIntervalSeconds: syncInterval === undefined ? undefined : Number(syncInterval),
    writeBackIntervalSeconds: writeBackInterval === undefined ? undefined : Number(writeBackInterval),
    viewCacheSeconds: viewCache === undefined ? undefined : Number(viewCache),
    orgConversionRates: conversionRatesFlag(get('SALESFORCE_CONVERSION_RATES')),
  });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const path = issue?.path.join('.') ?? '';
    const variable =
      path === 'auth.privateKey'
        ? keyFile
          ? 'SALESFORCE_PRIVATE_KEY_FILE'
          : 'SALESFORCE_PRIVATE_KEY'
        : (ENV_OF_PATH[path] ?? 'SALESFORCE_*');
    throw new SalesforceConfigError(variable, issue?.message ?? 'is invalid');
  }
  return parsed.data;
}

/** 'org' turns the org's rates on, 'config' (the default) leaves HUB_CURRENCY_RATES alone; anything else goes to the schema to reject. */
function conversionRatesFlag(value: string | undefined): boolean | string | undefined {
  if (value === undefined || value === 'config') return value === undefined ? undefined : false;
  return value === 'org' ? true : value;
}

/** 'auto', a boolean word, or the raw value for the schema to reject with its message. */
function multiCurrencyFlag(value: string | undefined): boolean | string | undefined {
  if (value === undefined || value === 'auto') return value;
  if (/^(1|true|yes|on)$/i.test(value)) return true;
  if (/^(0|false|no|off)$/i.test(value)) return false;
  return value;
}

function readKeyFile(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (err) {
    throw new SalesforceConfigError('SALESFORCE_PRIVATE_KEY_FILE', `cannot read ${file} (${(err as Error).message})`);
  }
}
