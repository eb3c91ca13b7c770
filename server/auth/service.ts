import crypto from 'node:crypto';
import { recordAudit } from '../audit/service';
import { toSalesforceId18 } from '../opportunities/salesforce/ids';
import { verifyProxyAssertion, type ProxyAssertionConfig } from './proxyAssertion';
import type { Db } from '../db/database';
import { json } from '../db/database';
import { Conflict, Forbidden, NotFound, Unauthorized } from '../errors';
import type { Actor, CreateUser, IssueToken, UpdateUser, User } from './schema';
import { createUserStore, hashToken } from './store';

export const BOOTSTRAP_ADMIN_ID = 'hub-admin';

export function actorOf(user: User): Actor {
  return {
    id: user.id,
    name: user.name,
    role: user.role,
    team: user.team,
    leadsTeams: user.leadsTeams,
    salesforceUserId: user.salesforceUserId,
  };
}

export function requireRole(actor: Actor, ...roles: Actor['role'][]): void {
  if (!roles.includes(actor.role)) throw new Forbidden(`This needs the role ${roles.join(' or ')}`);
}

/** Tokens carry a recognisable prefix so leaked ones are easy to spot in logs and scanners. */
export function newToken(): string {
  return `khub_${crypto.randomBytes(32).toString('base64url')}`;
}

/** A token unknown to the cached set reloads it at most this often (tokens issued by another instance). */
const KNOWN_TOKENS_RELOAD_MS = 5_000;
/** How long a resolved identity is reused by default (HUB_AUTH_CACHE_SECONDS). */
export const DEFAULT_IDENTITY_CACHE_MS = 5_000;
/** Cached identities at most; the map is cleared when it grows past this (tokens are few). */
const IDENTITY_CACHE_MAX = 10_000;

export interface AuthServiceDeps {
  db: Db;
  adminTokenHash?: string;
  /**
   * The integration token acts for a Salesforce user only with the org-signed assertion this
   * verifies. Without it the integration token is refused (403 naming what to configure).
   */
  proxyAssertion?: ProxyAssertionConfig;
  /**
   * Local development only (HUB_ALLOW_UNSIGNED_PROXY_USER): without `proxyAssertion`, the
   * X-Salesforce-User-Id header alone names the user, so anyone with the token is anyone.
   */
  allowUnsignedProxyUser?: boolean;
  /**
   * How long a token's resolved identity (user, role, team, led teams) is reused without asking
   * the database: 0 turns the cache off. Changes made through this service (role, team,
   * deactivation, token revocation) clear it at once; another hub instance sharing the database
   * notices within this bound. Never longer than the token's own expiry.
   */
  identityCacheMs?: number;
  now?: () => number;
}

export function createAuthService(deps: AuthServiceDeps) {
  const { db } = deps;
  const users = createUserStore(db);
  const now = deps.now ?? Date.now;
  const identityTtl = deps.identityCacheMs ?? DEFAULT_IDENTITY_CACHE_MS;
  // Token hash → who it is, until when (not for the integration token: see resolve).
  // Every API request resolves its token: on the search path that lookup was the largest
  // database cost of a request (README, "Where a search's CPU goes").
  const identities = new Map<string, { actor: Actor; until: number }>();
  const forgetIdentities = () => identities.clear();

  // Hashes of the tokens not revoked or expired when loaded: the rate limit's cheap answer to
  // "could this token authenticate?". Issuing or revoking here reloads it on the next miss.
  let known: { at: number; hashes: Promise<Set<string>> } | null = null;
  const loadKnown = async (): Promise<Set<string>> => {
    const nowIso = new Date().toISOString();
    const rows = await db
      .selectFrom('api_tokens')
      .select('token_hash')
      .where('revoked_at', 'is', null)
      .where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', nowIso)]))
      .execute();
    return new Set(rows.map((r) => r.token_hash));
  };

  /** Who a token hash is, from the database; `expiresAt` bounds how long the answer may be reused. */
  /**
   * Who a token hash is, from the database. `expiresAt` bounds how long the answer may be reused;
   * `reusable` is false for the integration token, whose answer depends on the Salesforce user and
   * assertion each request carries (a cached answer must never stand in for a missing assertion).
   */
  async function resolve(
    hash: string,
    salesforceUserId: string | undefined,
    assertion: string | undefined,
  ): Promise<{ actor: Actor; expiresAt: string | null; reusable: boolean }> {
    if (deps.adminTokenHash && timingSafeEqualHex(hash, deps.adminTokenHash)) {
      const admin = await users.get(BOOTSTRAP_ADMIN_ID);
      if (admin) return { actor: actorOf(admin), expiresAt: null, reusable: true };
    }
    const found = await users.findByToken(hash, new Date(now()).toISOString());
    if (!found) throw new Unauthorized('The bearer token is invalid, expired or revoked');
    const { user, tokenExpiresAt } = found;
    if (!user.active) throw new Unauthorized('This user is deactivated');
    if (user.integration) {
      // The header alone would let anyone holding the shared token act as any mapped user, so
      // it never suffices by default: a verified assertion names the user, or the token is refused.
      let named = salesforceUserId;
      if (deps.proxyAssertion) {
        if (!assertion) throw new Forbidden('The integration token needs the org-signed X-Salesforce-Assertion');
        const verified = verifyProxyAssertion(assertion, deps.proxyAssertion);
        if ('refused' in verified) throw new Forbidden(`X-Salesforce-Assertion refused: ${verified.refused}`);
        if (named && toSalesforceId18(named.trim()) !== verified.userId)
          throw new Forbidden('X-Salesforce-User-Id and X-Salesforce-Assertion name different users');
        named = verified.userId;
      } else if (!deps.allowUnsignedProxyUser) {
        throw new Forbidden(
          'The integration token is refused: this hub cannot verify which Salesforce user is calling. Configure HUB_PROXY_ASSERTION_CERT ' +
            '(the org certificate that signs X-Salesforce-Assertion; with HUB_PROXY_ASSERTION_AUDIENCE and HUB_PROXY_ORG_ID). ' +
            'HUB_ALLOW_UNSIGNED_PROXY_USER=true accepts X-Salesforce-User-Id alone, for local development only.',
        );
      }
      if (!named) throw new Forbidden('The integration token acts only for a Salesforce user (X-Salesforce-User-Id)');
      const sfId = toSalesforceId18(named.trim());
      const mapped = sfId ? await users.bySalesforceId(sfId) : null;
      if (!mapped || !mapped.active) throw new Forbidden('This Salesforce user is not mapped to an active hub user');
      return { actor: actorOf(mapped), expiresAt: tokenExpiresAt, reusable: false };
    }
    return { actor: actorOf(user), expiresAt: tokenExpiresAt, reusable: true };
  }

  return {
    users,

    /**
     * Could this token authenticate? From a set of token hashes kept in memory, so an address that
     * has run out of failed authentications cannot make the hub look up made-up tokens one by one;
     * a miss reloads the set at most every few seconds. True only means "may": the user's state,
     * expiry and revocation are checked by `authenticate` itself.
     */
    async mayBeValidToken(token: string): Promise<boolean> {
      const hash = hashToken(token);
      if (deps.adminTokenHash && timingSafeEqualHex(hash, deps.adminTokenHash)) return true;
      if (known && (await known.hashes).has(hash)) return true;
      if (known && Date.now() - known.at < KNOWN_TOKENS_RELOAD_MS) return false;
      const reload = { at: Date.now(), hashes: loadKnown() };
      known = reload;
      try {
        return (await reload.hashes).has(hash);
      } catch (err) {
        if (known === reload) known = null;
        throw err;
      }
    },

    /** Ensures the bootstrap admin's user row exists so its actions can be attributed. */
    async ensureBootstrapAdmin(): Promise<void> {
      const now = new Date().toISOString();
      await db
        .insertInto('users')
        .values({
          id: BOOTSTRAP_ADMIN_ID,
          name: 'Hub administrator',
          email: 'hub-admin@localhost',
          role: 'admin',
          team: 'Administration',
          salesforce_user_id: null,
          leads_teams: '[]',
          active: 1,
          created_at: now,
          updated_at: now,
        })
        .onConflict((oc) => oc.column('id').doNothing())
        .execute();
    },

    /**
     * Resolves the bearer token to the acting user. The Salesforce integration user's token (the
     * Named Credential's) acts for the Salesforce user the Apex proxy names; no other token may.
     */
    async authenticate(token: string | undefined, salesforceUserId?: string, assertion?: string): Promise<Actor> {
      if (!token) throw new Unauthorized();
      const hash = hashToken(token);
      const t = now();
      const cached = identities.get(hash);
      if (cached && cached.until > t) return cached.actor;
      const { actor, expiresAt, reusable } = await resolve(hash, salesforceUserId, assertion);
      if (identityTtl > 0 && reusable) {
        if (identities.size >= IDENTITY_CACHE_MAX) identities.clear();
        const expiry = expiresAt ? Date.parse(expiresAt) : Infinity;
        identities.set(hash, { actor, until: Math.min(t + identityTtl, expiry) });
      }
      return actor;
    },

    /** Drops every cached identity (a change to users or tokens made outside this service). */
    forgetIdentities,

    async createUser(actor: Actor, input: CreateUser): Promise<User> {
      requireRole(actor, 'admin');
      const id = input.id ?? `u-${crypto.randomUUID()}`;
      if (await users.get(id)) throw new Conflict(`A user with id ${id} already exists`, { field: 'id' });
      if (await users.byEmail(input.email)) throw new Conflict(`A user with email ${input.email} already exists`, { field: 'email' });
      const now = new Date().toISOString();
      await db.transaction().execute(async (trx) => {
        await trx
          .insertInto('users')
          .values({
            id,
            name: input.name,
            email: input.email,
            role: input.role,
            team: input.team,
            leads_teams: json.write(input.leadsTeams ?? (input.role === 'leader' ? [input.team] : [])),
            salesforce_user_id: input.salesforceUserId ?? null,
            active: 1,
            integration: input.integration ? 1 : 0,
            chat_provider: input.chatProvider ?? null,
            chat_user_id: input.chatUserId ?? null,
            created_at: now,
            updated_at: now,
          })
          .execute();
        await recordAudit(trx, {
          actorId: actor.id,
          action: 'user.create',
          targetType: 'user',
          targetId: id,
          details: { role: input.role, team: input.team },
        });
      });
      return (await users.get(id)) as User;
    },

    async updateUser(actor: Actor, id: string, input: UpdateUser): Promise<User> {
      requireRole(actor, 'admin');
      const before = await users.get(id);
      if (!before) throw new NotFound('User');
      await db.transaction().execute(async (trx) => {
        await trx
          .updateTable('users')
          .set({
            ...(input.name !== undefined ? { name: input.name } : {}),
            ...(input.role !== undefined ? { role: input.role } : {}),
            ...(input.team !== undefined ? { team: input.team } : {}),
            ...(input.leadsTeams !== undefined ? { leads_teams: json.write(input.leadsTeams) } : {}),
            ...(input.salesforceUserId !== undefined ? { salesforce_user_id: input.salesforceUserId } : {}),
            ...(input.active !== undefined ? { active: input.active ? 1 : 0 } : {}),
            ...(input.chatProvider !== undefined ? { chat_provider: input.chatProvider, chat_user_id: input.chatUserId ?? null } : {}),
            updated_at: new Date().toISOString(),
          })
          .where('id', '=', id)
          .execute();
        const changes: Record<string, unknown> = {};
        for (const key of Object.keys(input) as (keyof UpdateUser)[])
          changes[key] = { from: before[key as keyof User] ?? null, to: input[key] ?? null };
        await recordAudit(trx, {
          actorId: actor.id,
          action: input.role && input.role !== before.role ? 'user.role_change' : 'user.update',
          targetType: 'user',
          targetId: id,
          details: changes,
        });
      });
      // Role, team, led teams, Salesforce mapping or deactivation apply from the next request.
      forgetIdentities();
      return (await users.get(id)) as User;
    },

    async issueToken(actor: Actor, userId: string, input: IssueToken): Promise<{ token: string; id: string; expiresAt: string | null }> {
      requireRole(actor, 'admin');
      if (!(await users.get(userId))) throw new NotFound('User');
      const token = newToken();
      const id = `tok-${crypto.randomUUID()}`;
      const expiresAt = input.expiresInDays ? new Date(Date.now() + input.expiresInDays * 86_400_000).toISOString() : null;
      await db.transaction().execute(async (trx) => {
        await trx
          .insertInto('api_tokens')
          .values({
            id,
            user_id: userId,
            token_hash: hashToken(token),
            label: input.label ?? null,
            created_at: new Date().toISOString(),
            expires_at: expiresAt,
            revoked_at: null,
          })
          .execute();
        await recordAudit(trx, {
          actorId: actor.id,
          action: 'token.issue',
          targetType: 'user',
          targetId: userId,
          details: { tokenId: id, label: input.label ?? null, expiresAt },
        });
      });
      known = null;
      return { token, id, expiresAt };
    },

    async revokeToken(actor: Actor, userId: string, tokenId: string): Promise<void> {
      requireRole(actor, 'admin');
      const row = await db
        .selectFrom('api_tokens')
        .select(['id', 'revoked_at'])
        .where('id', '=', tokenId)
        .where('user_id', '=', userId)
        .executeTakeFirst();
      if (!row) throw new NotFound('Token');
      if (row.revoked_at) return;
      await db.transaction().execute(async (trx) => {
        await trx.updateTable('api_tokens').set({ revoked_at: new Date().toISOString() }).where('id', '=', tokenId).execute();
        await recordAudit(trx, { actorId: actor.id, action: 'token.revoke', targetType: 'user', targetId: userId, details: { tokenId } });
      });
      known = null;
      forgetIdentities();
    },

    async listTokens(actor: Actor, userId: string) {
      requireRole(actor, 'admin');
      const rows = await db
        .selectFrom('api_tokens')
        .select(['id', 'label', 'created_at', 'expires_at', 'revoked_at'])
        .where('user_id', '=', userId)
        .orderBy('created_at')
        .execute();
      return rows.map((r) => ({ id: r.id, label: r.label, createdAt: r.created_at, expiresAt: r.expires_at, revokedAt: r.revoked_at }));
    },
  };
}
export type AuthService = ReturnType<typeof createAuthService>;

function timingSafeEqualHex(a: string, b: string): boolean {
  const ba = Buffer.from(a, 'hex');
  const bb = Buffer.from(b, 'hex');
  return ba.length === bb.length && crypto.timingSafeEqual(ba, bb);
}
