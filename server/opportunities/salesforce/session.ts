import { createPrivateKey, sign as signWithKey, type KeyObject } from 'node:crypto';
import { Connection } from 'jsforce';
import type { z } from 'zod';
import { AppError, Forbidden, Unavailable } from '../../errors';
import type { SalesforceConfig } from './config';
import { apiUsageOf, salesforceCode, translateError } from './errors';
import { OAuthError, parseRecord, QueryPage, TokenResponse } from './records';
import { soqlId } from './soql';

/*
 * Sessions and transport: OAuth tokens per principal (the integration user, or a calling user
 * with the JWT bearer flow), cached and renewed, and every data API call made through jsforce.
 */

const MAX_CACHED_USERS = 1000;

/** Whose session a request runs in. */
export type Principal = { kind: 'integration' } | { kind: 'user'; userId: string };

interface Session {
  conn: Connection;
  instanceUrl: string;
  expiresAt: number;
  invalid: boolean;
}

class TokenRefused extends Error {
  constructor(
    readonly error: string,
    readonly description: string,
  ) {
    super(`${error}: ${description}`);
  }
}

/** The org as the hub last found it. */
export interface SalesforceState {
  state: 'unknown' | 'ok' | 'unavailable';
  /** When it was found so. */
  at?: string;
  error?: string;
}

export interface SessionDeps {
  /** The clock for session lifetimes, in ms; tests move it. (JWT `exp` uses the wall clock Salesforce checks it against.) */
  now?(): number;
  /** Told about each data API call, with the org's API usage when Salesforce reported it (metrics, sync status). */
  onApiCall?(outcome: 'ok' | 'error', apiUsage?: { used: number; limit: number }): void;
}

export class SalesforceSessions {
  private readonly sessions = new Map<string, Promise<Session>>();
  private readonly usernames = new Map<string, Promise<string | null>>();
  private readonly privateKey: KeyObject | undefined;
  private readonly now: () => number;

  constructor(
    private readonly config: SalesforceConfig,
    private readonly deps: SessionDeps,
  ) {
    this.privateKey = config.auth.flow === 'jwt' ? createPrivateKey(config.auth.privateKey) : undefined;
    this.now = deps.now ?? Date.now;
  }

  close(): void {
    this.sessions.clear();
    this.usernames.clear();
  }

  /** The user's Salesforce username, or null for an unknown or inactive user; concurrent callers share one lookup. */
  usernameOf(userId: string): Promise<string | null> {
    const cached = this.usernames.get(userId);
    if (cached) return cached;
    const lookup = this.lookUpUsername(userId);
    remember(this.usernames, userId, lookup);
    // Only found usernames stay cached, so a user created or activated later is found next time.
    const forget = () => {
      if (this.usernames.get(userId) === lookup) this.usernames.delete(userId);
    };
    lookup.then((username) => username ?? forget(), forget);
    return lookup;
  }

  private async lookUpUsername(userId: string): Promise<string | null> {
    const soql = `SELECT Username FROM User WHERE Id = ${soqlId(userId)} AND IsActive = true LIMIT 1`;
    const page = await this.fetchPage({ kind: 'integration' }, `/query?q=${encodeURIComponent(soql)}`);
    const username = page.records[0]?.Username;
    return typeof username === 'string' ? username : null;
  }

  /** The query's pages: the first, then each nextRecordsUrl. */
  async *pages(principal: Principal, soql: string): AsyncGenerator<Record<string, unknown>[]> {
    let page = await this.fetchPage(principal, `/query?q=${encodeURIComponent(soql)}`);
    yield page.records;
    while (!page.done && page.nextRecordsUrl) {
      // The bearer token goes wherever this points, so only follow Salesforce's own query locators.
      if (!/^\/services\/data\/v\d+\.\d\/query\/[A-Za-z0-9-]+$/.test(page.nextRecordsUrl)) {
        throw new AppError(502, 'salesforce_bad_response', 'Salesforce returned an unexpected nextRecordsUrl');
      }
      page = await this.fetchPage(principal, page.nextRecordsUrl);
      yield page.records;
    }
  }

  /** One query page: the first (`/query?q=`) or a nextRecordsUrl. */
  async fetchPage(principal: Principal, url: string): Promise<QueryPage> {
    return parseRecord(QueryPage, await this.request(principal, { method: 'GET', url }));
  }

  /**
   * One data API call through jsforce. `conn.request` rather than `conn.query`/`queryMore`, because
   * only `request` takes the retry and timeout options; jsforce otherwise retries a dead host for
   * ~15 s and waits up to 30 min for an answer. Only idempotent calls are retried (every call the
   * hub makes is: reads, upserts by external id, and link deletes, whose repeat finds the record gone). On INVALID_SESSION_ID: one new session, one retry.
   */
  async request(principal: Principal, req: { method: 'GET' | 'PATCH' | 'POST' | 'DELETE'; url: string; body?: unknown }): Promise<unknown> {
    const options = { retry: { maxRetries: this.config.maxRetries, minTimeout: 250 }, timeout: this.config.timeoutMs };
    const httpRequest = {
      method: req.method,
      url: req.url,
      ...(req.body === undefined ? {} : { body: JSON.stringify(req.body), headers: { 'content-type': 'application/json' } }),
    };
    const attempt = async (): Promise<unknown> => {
      const session = await this.session(principal);
      try {
        this.calls += 1;
        const answer = await session.conn.request<unknown>(httpRequest, options);
        this.state = { state: 'ok', at: new Date(this.now()).toISOString() };
        this.apiUsage = apiUsageOf(session.conn) ?? this.apiUsage;
        this.deps.onApiCall?.('ok', apiUsageOf(session.conn));
        return answer;
      } catch (err) {
        this.apiUsage = apiUsageOf(session.conn) ?? this.apiUsage;
        this.deps.onApiCall?.('error', apiUsageOf(session.conn));
        if (salesforceCode(err) === 'INVALID_SESSION_ID') session.invalid = true;
        const translated = translateError(err, session.instanceUrl);
        if (translated.status === 503)
          this.state = { state: 'unavailable', at: new Date(this.now()).toISOString(), error: translated.message };
        throw translated;
      }
    };
    try {
      return await attempt();
    } catch (err) {
      if (salesforceCode(err) !== 'INVALID_SESSION_ID') throw err;
      return attempt();
    }
  }

  /** What the last call found: Salesforce answering, or not (for /api/health, without spending an API call on it). */
  state: SalesforceState = { state: 'unknown' };
  /** Data API calls made (the sync reports how many each cycle took). */
  calls = 0;
  /** The org's daily API usage as Sforce-Limit-Info last reported it. */
  apiUsage: { used: number; limit: number } | undefined;

  /** A cached session for the principal; concurrent callers share one token request. */
  private async session(principal: Principal): Promise<Session> {
    const key = principal.kind === 'user' ? principal.userId : '';
    const cached = this.sessions.get(key);
    if (cached) {
      const session = await cached.catch(() => undefined);
      if (session && !session.invalid && session.expiresAt > this.now()) return session;
      if (this.sessions.get(key) !== cached) return this.session(principal);
    }
    const minted = this.mint(principal);
    remember(this.sessions, key, minted);
    minted.catch(() => {
      if (this.sessions.get(key) === minted) this.sessions.delete(key);
    });
    return minted;
  }

  private async mint(principal: Principal): Promise<Session> {
    const { auth } = this.config;
    let username: string | null = null;
    try {
      let form: Record<string, string>;
      if (auth.flow === 'refresh_token') {
        form = {
          grant_type: 'refresh_token',
          client_id: this.config.clientId,
          client_secret: auth.clientSecret,
          refresh_token: auth.refreshToken,
        };
      } else {
        username = principal.kind === 'user' ? await this.usernameOf(principal.userId) : auth.username;
        if (username === null) throw new Forbidden('Your Salesforce user is unknown or inactive');
        form = { grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion: this.assertion(username) };
      }
      const token = await this.requestToken(form);
      const ttl = principal.kind === 'user' ? this.config.userSessionTtlSeconds * 1000 : Infinity;
      return {
        conn: new Connection({ instanceUrl: token.instance_url, accessToken: token.access_token, version: this.config.apiVersion }),
        instanceUrl: token.instance_url,
        expiresAt: this.now() + ttl,
        invalid: false,
      };
    } catch (err) {
      if (!(err instanceof TokenRefused)) throw err;
      if (principal.kind === 'user') {
        this.usernames.delete(principal.userId);
        throw new Forbidden(`Salesforce refused a session for your Salesforce user (${err.description})`);
      }
      throw new AppError(503, 'salesforce_auth_failed', `Salesforce refused the hub's credentials (${err.message})`, undefined, {
        cause: err,
      });
    }
  }

  /** The JWT bearer assertion: RS256 over iss/sub/aud/exp, valid for three minutes. */
  private assertion(username: string): string {
    const auth = this.config.auth;
    if (auth.flow !== 'jwt' || !this.privateKey) throw new Error('JWT assertion without the JWT bearer flow');
    const claims = {
      iss: this.config.clientId,
      sub: username,
      aud: auth.audience ?? this.config.loginUrl,
      exp: Math.floor(Date.now() / 1000) + 180,
    };
    const input = `${base64url({ alg: 'RS256' })}.${base64url(claims)}`;
    return `${input}.${signWithKey('RSA-SHA256', Buffer.from(input), this.privateKey).toString('base64url')}`;
  }

  private async requestToken(form: Record<string, string>): Promise<z.infer<typeof TokenResponse>> {
    const { loginUrl } = this.config;
    let res: Response;
    try {
      res = await fetch(`${loginUrl}/services/oauth2/token`, {
        method: 'POST',
        headers: { accept: 'application/json' },
        body: new URLSearchParams(form),
        signal: AbortSignal.timeout(this.config.timeoutMs),
      });
    } catch (err) {
      this.state = { state: 'unavailable', at: new Date(this.now()).toISOString(), error: `Salesforce is unreachable at ${loginUrl}` };
      throw new Unavailable(`Salesforce is unreachable at ${loginUrl}`, { cause: err });
    }
    const body: unknown = await res.json().catch(() => undefined);
    if (res.status >= 500) throw new Unavailable(`Salesforce at ${loginUrl} answered HTTP ${res.status}`);
    if (!res.ok) {
      const refused = OAuthError.safeParse(body);
      if (refused.success) throw new TokenRefused(refused.data.error, refused.data.error_description ?? refused.data.error);
      throw new AppError(502, 'salesforce_bad_response', `Salesforce's token endpoint answered HTTP ${res.status}`);
    }
    return parseRecord(TokenResponse, body);
  }
}

function base64url(value: object): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

/** A Map used as a bounded cache: the oldest entry goes first. */
function remember<V>(map: Map<string, V>, key: string, value: V): void {
  map.delete(key);
  map.set(key, value);
  const oldest = map.keys().next();
  if (map.size > MAX_CACHED_USERS && !oldest.done) map.delete(oldest.value);
}
