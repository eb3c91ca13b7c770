import path from 'node:path';
import { z } from 'zod';
import type { LedgerProofConfig } from './credits/signingKey';
import { embedderConfigFrom, type EmbedderConfig } from './embeddings/config';
import { salesforceConfigFromEnv, SalesforceConfigError, type SalesforceConfig } from './opportunities/salesforce';
import { assertionKeyFrom, type ProxyAssertionConfig } from './auth/proxyAssertion';
import { toSalesforceId18 } from './opportunities/salesforce/ids';

/**
 * The whole runtime configuration, parsed once at start-up from the environment.
 * Only this module reads `process.env`; everything else receives a typed `Config`.
 */
const booleanFlag = z.enum(['1', '0', 'true', 'false', 'yes', 'no', 'on', 'off']).transform((v) => ['1', 'true', 'yes', 'on'].includes(v));

const optionalString = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === '' ? undefined : v.trim()));

/** The entries of a comma-separated value, trimmed, empty ones dropped. */
const splitList = (v: string) =>
  v
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

/** A comma-separated list (`fallback` when the variable is unset). */
const commaList = (fallback: string) => z.string().default(fallback).transform(splitList);

export const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('127.0.0.1'),
  /** The hub's address as users reach it (links written back to Salesforce point here). */
  HUB_PUBLIC_URL: z.url({ protocol: /^https?$/ }).optional(),
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: optionalString.pipe(
    z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
      .optional(),
  ),
  /** The SQLite page cache's upper bound in MB (it grows only as the file is used). */
  SQLITE_CACHE_MB: z.coerce.number().int().min(2).max(65536).default(256),
  MEILI_URL: optionalString.pipe(z.url().optional()),
  MEILI_MASTER_KEY: optionalString,
  MEILI_INDEX_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9_-]+$/, 'letters, digits, "-" and "_" only')
    .default('hub_'),
  HUB_ADMIN_TOKEN: optionalString.pipe(z.string().min(16, 'must be at least 16 characters').optional()),
  HUB_DEMO: booleanFlag.default(false),
  HUB_SYNONYMS_FILE: optionalString,
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'),
  CORS_ORIGINS: commaList(''),
  BODY_LIMIT: z
    .string()
    .regex(/^\d+(b|kb|mb)$/i, 'e.g. 1mb or 500kb')
    .default('1mb'),
  IMPORT_BODY_LIMIT: z
    .string()
    .regex(/^\d+(b|kb|mb)$/i, 'e.g. 50mb')
    .default('64mb'),
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(600),
  TRUST_PROXY: booleanFlag.default(false),
  /**
   * Seconds a resolved token (user, role, teams) and the pending access narrowings are reused
   * before the database is asked again; 0 asks on every request. Changes made by this process
   * apply at once; other instances sharing a PostgreSQL database see them within this bound.
   */
  /** Days notifications are kept in the in-hub inbox. */
  HUB_NOTIFICATION_DAYS: z.coerce.number().int().min(1).max(3650).default(90),
  HUB_AUTH_CACHE_SECONDS: z.coerce.number().min(0).max(60).default(5),
  /** The ledger's Ed25519 signing key as PEM (literal "\n" allowed); else HUB_LEDGER_SIGNING_KEY_FILE; else generated in DATA_DIR. */
  HUB_LEDGER_SIGNING_KEY: optionalString,
  HUB_LEDGER_SIGNING_KEY_FILE: optionalString,
  /** The append-only checkpoint log; default DATA_DIR/ledger-checkpoints.jsonl. */
  HUB_LEDGER_CHECKPOINT_FILE: optionalString,
  /** Bearer token for GET /metrics on the main port; without it /metrics is served only on METRICS_PORT. */
  METRICS_TOKEN: optionalString.pipe(z.string().min(16, 'must be at least 16 characters').optional()),
  /** A separate port (on HOST) that serves only /metrics, e.g. one the load balancer does not expose. */
  METRICS_PORT: z.coerce.number().int().min(1).max(65535).optional(),
  /** The org certificate (PEM; literal \n allowed) whose key signs the Apex proxy's X-Salesforce-Assertion. */
  HUB_PROXY_ASSERTION_CERT: optionalString,
  /** The `aud` the proxy's assertion must carry. */
  HUB_PROXY_ASSERTION_AUDIENCE: z.string().min(1).default('knowledge-hub'),
  /** The org id the assertion's `iss` must be (15 or 18 characters). */
  HUB_PROXY_ORG_ID: optionalString,
  /**
   * Local development only, never production: lets the integration token act for the Salesforce
   * user named by X-Salesforce-User-Id alone, with no signed assertion. Anyone holding the shared
   * token can then act as any mapped user; the hub logs a warning at start.
   */
  HUB_ALLOW_UNSIGNED_PROXY_USER: booleanFlag.default(false),
  /** The currency deal-size bands are measured in; amounts in other currencies are converted with HUB_CURRENCY_RATES. */
  HUB_CORPORATE_CURRENCY: z
    .string()
    .regex(/^[A-Z]{3}$/, 'a three-letter ISO currency code')
    .default('USD'),
  /** CODE=rate pairs: what one unit of CODE is worth in the corporate currency, e.g. EUR=1.08,GBP=1.27. */
  HUB_CURRENCY_RATES: z
    .string()
    .default('')
    .transform((v, ctx) => {
      const rates: Record<string, number> = {};
      for (const pair of splitList(v)) {
        const m = /^([A-Z]{3})=(\d+(?:\.\d+)?)$/.exec(pair);
        const rate = m ? Number(m[2]) : NaN;
        if (!m || !(rate > 0)) {
          ctx.addIssue({ code: 'custom', message: `"${pair}" is not CODE=rate with a positive rate (e.g. EUR=1.08)` });
          return z.NEVER;
        }
        rates[m[1] as string] = rate;
      }
      return rates;
    }),
  /**
   * Chat deep links on expert profiles. Slack needs the workspace's team id (T…, in the
   * workspace URL or "About this workspace"); without it Slack accounts get no chat link.
   */
  HUB_SLACK_TEAM_ID: optionalString.pipe(
    z
      .string()
      .regex(/^[TE][A-Z0-9]{2,}$/, 'a Slack team id (T… or E…)')
      .optional(),
  ),
  /** Slack links open the web client (https://app.slack.com/client/T/U) instead of the desktop app (slack://user). */
  HUB_SLACK_WEB_LINKS: booleanFlag.default(false),
  /** Teams accounts get a chat link (https://teams.microsoft.com/l/chat/0/0?users=<upn>); false turns it off. */
  HUB_TEAMS_CHAT_LINKS: booleanFlag.default(true),
  /** Content types that need a reviewer's approval before publishing (comma-separated). */
  HUB_REVIEW_TYPES: commaList('win_loss_analysis'),
});

export type Env = z.infer<typeof EnvSchema>;

export interface CurrencyConfig {
  corporate: string;
  rates: Record<string, number>;
}

/** How expert profiles build chat deep links (HUB_SLACK_TEAM_ID, HUB_SLACK_WEB_LINKS, HUB_TEAMS_CHAT_LINKS). */
export interface ChatLinkConfig {
  slackTeamId?: string;
  slackWeb: boolean;
  teams: boolean;
}

export interface Config {
  /** Chat deep links on expert profiles. */
  chat: ChatLinkConfig;
  port: number;
  /** HUB_PUBLIC_URL, or http://HOST:PORT. */
  publicUrl: string;
  host: string;
  dataDir: string;
  database: { kind: 'sqlite'; file: string; cacheMb?: number } | { kind: 'postgres'; url: string };
  search: {
    /** Absent: start the embedded Meilisearch from the npm package. */
    url?: string;
    masterKey?: string;
    indexPrefix: string;
    synonymsFile: string;
  };
  /** The embedder of hybrid search and situational matching (HUB_EMBEDDER*, server/embeddings/config.ts). */
  embedder: EmbedderConfig;
  adminToken?: string;
  demo: boolean;
  reviewTypes: string[];
  /** How long the in-hub inbox keeps notifications (HUB_NOTIFICATION_DAYS). */
  notificationDays: number;
  /**
   * How the integration token may act for a Salesforce user: only with an org-signed assertion
   * verified by this key. Without it the integration token is refused, unless
   * `allowUnsignedProxyUser` (HUB_ALLOW_UNSIGNED_PROXY_USER, local development only) is set.
   */
  proxyAssertion?: ProxyAssertionConfig;
  /** HUB_ALLOW_UNSIGNED_PROXY_USER: the X-Salesforce-User-Id header alone suffices (never in production). */
  allowUnsignedProxyUser: boolean;
  /** Deal-size bands are measured in `corporate`; `rates` convert other currencies into it. */
  currencies: CurrencyConfig;
  /** The ledger's signing key and the checkpoint log kept outside the database. */
  ledger: LedgerProofConfig;
  /** Set when SALESFORCE_* variables are: opportunities then come from Salesforce. */
  salesforce?: SalesforceConfig;
  logLevel: Env['LOG_LEVEL'];
  /** Prometheus metrics: on the main port behind `token`, and/or alone on `port`. */
  metrics: { token?: string; port?: number };
  http: {
    corsOrigins: string[];
    bodyLimit: string;
    importBodyLimit: string;
    rateLimitPerMinute: number;
    trustProxy: boolean;
    /** How long identities and pending access narrowings are reused (HUB_AUTH_CACHE_SECONDS), in ms. */
    accessCacheMs: number;
  };
}

export class ConfigError extends Error {
  constructor(readonly issues: string[]) {
    super(`Invalid configuration:\n${issues.map((i) => `  - ${i}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Parses the environment; throws a ConfigError naming every wrong variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, defaults: Record<string, string> = {}): Config {
  const parsed = EnvSchema.safeParse({ ...defaults, ...stripEmpty(env) });
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((issue) => `${issue.path.join('.') || '(environment)'}: ${issue.message}`));
  }
  const e = parsed.data;
  const dataDir = path.resolve(e.DATA_DIR);
  if (e.MEILI_URL && !e.MEILI_MASTER_KEY) {
    throw new ConfigError(['MEILI_MASTER_KEY: required when MEILI_URL is set (the hub creates scoped keys with it)']);
  }
  if (e.HUB_LEDGER_SIGNING_KEY && e.HUB_LEDGER_SIGNING_KEY_FILE) {
    throw new ConfigError(['HUB_LEDGER_SIGNING_KEY, HUB_LEDGER_SIGNING_KEY_FILE: set one of them, not both']);
  }
  let proxyAssertion: ProxyAssertionConfig | undefined;
  if (e.HUB_PROXY_ASSERTION_CERT) {
    try {
      const orgId = e.HUB_PROXY_ORG_ID ? toSalesforceId18(e.HUB_PROXY_ORG_ID) : undefined;
      if (orgId === null) throw new Error('HUB_PROXY_ORG_ID: not a 15- or 18-character Salesforce id');
      proxyAssertion = {
        publicKey: assertionKeyFrom(e.HUB_PROXY_ASSERTION_CERT),
        audience: e.HUB_PROXY_ASSERTION_AUDIENCE,
        ...(orgId ? { orgId } : {}),
      };
    } catch (err) {
      const message = (err as Error).message;
      throw new ConfigError([
        message.startsWith('HUB_PROXY_ORG_ID') ? message : `HUB_PROXY_ASSERTION_CERT: not a PEM certificate or public key (${message})`,
      ]);
    }
  }
  if (proxyAssertion && e.HUB_ALLOW_UNSIGNED_PROXY_USER) {
    // Both set would leave it unclear which rule applies; the assertion is the one meant for production.
    throw new ConfigError([
      'HUB_ALLOW_UNSIGNED_PROXY_USER: set it only without HUB_PROXY_ASSERTION_CERT (it is for local development; the assertion is the production rule)',
    ]);
  }
  let salesforce: SalesforceConfig | undefined;
  try {
    salesforce = salesforceConfigFromEnv(stripEmpty(env));
  } catch (err) {
    if (err instanceof SalesforceConfigError) throw new ConfigError([err.message]);
    throw err;
  }
  const embedder = embedderConfigFrom({ ...defaults, ...stripEmpty(env) }, dataDir);
  if (!embedder.config) throw new ConfigError(embedder.issues);
  return {
    salesforce,
    embedder: embedder.config,
    proxyAssertion,
    allowUnsignedProxyUser: e.HUB_ALLOW_UNSIGNED_PROXY_USER,
    currencies: { corporate: e.HUB_CORPORATE_CURRENCY, rates: e.HUB_CURRENCY_RATES },
    chat: { slackTeamId: e.HUB_SLACK_TEAM_ID, slackWeb: e.HUB_SLACK_WEB_LINKS, teams: e.HUB_TEAMS_CHAT_LINKS },
    port: e.PORT,
    publicUrl: (e.HUB_PUBLIC_URL ?? `http://${e.HOST}:${e.PORT}`).replace(/\/+$/, ''),
    host: e.HOST,
    dataDir,
    database: e.DATABASE_URL
      ? { kind: 'postgres', url: e.DATABASE_URL }
      : { kind: 'sqlite', file: path.join(dataDir, 'hub.sqlite'), cacheMb: e.SQLITE_CACHE_MB },
    search: {
      url: e.MEILI_URL,
      masterKey: e.MEILI_MASTER_KEY,
      indexPrefix: e.MEILI_INDEX_PREFIX,
      synonymsFile: e.HUB_SYNONYMS_FILE ? path.resolve(e.HUB_SYNONYMS_FILE) : path.resolve(__dirname, 'search', 'synonyms.json'),
    },
    adminToken: e.HUB_ADMIN_TOKEN,
    demo: e.HUB_DEMO,
    reviewTypes: e.HUB_REVIEW_TYPES,
    notificationDays: e.HUB_NOTIFICATION_DAYS,
    ledger: {
      signingKeyPem: e.HUB_LEDGER_SIGNING_KEY,
      signingKeyFile: e.HUB_LEDGER_SIGNING_KEY_FILE ? path.resolve(e.HUB_LEDGER_SIGNING_KEY_FILE) : undefined,
      generatedKeyFile: path.join(dataDir, 'ledger-signing-key.pem'),
      keyRingFile: path.join(dataDir, 'ledger-public-keys.json'),
      checkpointFile: e.HUB_LEDGER_CHECKPOINT_FILE
        ? path.resolve(e.HUB_LEDGER_CHECKPOINT_FILE)
        : path.join(dataDir, 'ledger-checkpoints.jsonl'),
    },
    logLevel: e.LOG_LEVEL,
    metrics: { token: e.METRICS_TOKEN, port: e.METRICS_PORT },
    http: {
      corsOrigins: e.CORS_ORIGINS,
      bodyLimit: e.BODY_LIMIT,
      importBodyLimit: e.IMPORT_BODY_LIMIT,
      rateLimitPerMinute: e.RATE_LIMIT_PER_MINUTE,
      trustProxy: e.TRUST_PROXY,
      accessCacheMs: e.HUB_AUTH_CACHE_SECONDS * 1000,
    },
  };
}

/** An empty variable means "not set", as most shells and CI systems intend it. */
function stripEmpty(env: NodeJS.ProcessEnv): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(env)) if (v !== undefined && v !== '') out[k] = v;
  return out;
}
