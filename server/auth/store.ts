import crypto from 'node:crypto';
import type { Db } from '../db/database';
import { json } from '../db/database';
import type { UsersTable } from '../db/schema';
import { toSalesforceId18 } from '../opportunities/salesforce/ids';
import type { Role, User } from './schema';

export function hashToken(token: string): string {
  return crypto.createHash('sha256').update(token).digest('hex');
}

export function rowToUser(row: Omit<UsersTable, 'integration'> & { integration: number }): User {
  return {
    id: row.id,
    name: row.name,
    email: row.email,
    role: row.role as Role,
    team: row.team,
    leadsTeams: json.read<string[]>(row.leads_teams, []),
    salesforceUserId: row.salesforce_user_id,
    active: row.active === 1,
    integration: Number(row.integration) === 1,
    chatProvider: (row.chat_provider as User['chatProvider']) ?? null,
    chatUserId: row.chat_user_id ?? null,
    createdAt: row.created_at,
  };
}

export function createUserStore(db: Db) {
  return {
    async get(id: string): Promise<User | null> {
      const row = await db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
      return row ? rowToUser(row) : null;
    },
    async getMany(ids: string[]): Promise<Map<string, User>> {
      const out = new Map<string, User>();
      if (ids.length === 0) return out;
      const unique = [...new Set(ids)];
      for (let i = 0; i < unique.length; i += 500) {
        const rows = await db
          .selectFrom('users')
          .selectAll()
          .where('id', 'in', unique.slice(i, i + 500))
          .execute();
        for (const r of rows) out.set(r.id, rowToUser(r));
      }
      return out;
    },
    async list(): Promise<User[]> {
      const rows = await db.selectFrom('users').selectAll().orderBy('name').execute();
      return rows.map(rowToUser);
    },
    /** The hub user mapped to a Salesforce user; ids are stored in their 18-character form, so a 15-character one is converted first. */
    async bySalesforceId(salesforceUserId: string): Promise<User | null> {
      const id = toSalesforceId18(salesforceUserId);
      if (!id) return null;
      const row = await db
        .selectFrom('users')
        .selectAll()
        .where('salesforce_user_id', '=', id)
        .where('integration', '=', 0)
        .executeTakeFirst();
      return row ? rowToUser(row) : null;
    },
    /** Hub users by their (18-character) Salesforce user id; ids that are no Salesforce id, or map to nobody, are left out. */
    async bySalesforceIds(salesforceUserIds: string[]): Promise<Map<string, User>> {
      const out = new Map<string, User>();
      const unique = [...new Set(salesforceUserIds.map(toSalesforceId18).filter((x): x is string => x !== null))];
      for (let i = 0; i < unique.length; i += 500) {
        const rows = await db
          .selectFrom('users')
          .selectAll()
          .where('salesforce_user_id', 'in', unique.slice(i, i + 500))
          .where('integration', '=', 0)
          .execute();
        for (const r of rows) if (r.salesforce_user_id) out.set(r.salesforce_user_id, rowToUser(r));
      }
      return out;
    },
    async byEmail(email: string): Promise<User | null> {
      const row = await db.selectFrom('users').selectAll().where('email', '=', email).executeTakeFirst();
      return row ? rowToUser(row) : null;
    },
    /** The user a live token belongs to, and when the token expires. */
    async findByToken(tokenHash: string, now: string): Promise<{ user: User; tokenExpiresAt: string | null } | null> {
      const row = await db
        .selectFrom('api_tokens')
        .innerJoin('users', 'users.id', 'api_tokens.user_id')
        .selectAll('users')
        .select('api_tokens.expires_at as token_expires_at')
        .where('api_tokens.token_hash', '=', tokenHash)
        .where('api_tokens.revoked_at', 'is', null)
        .where((eb) => eb.or([eb('api_tokens.expires_at', 'is', null), eb('api_tokens.expires_at', '>', now)]))
        .executeTakeFirst();
      return row ? { user: rowToUser(row), tokenExpiresAt: row.token_expires_at } : null;
    },
  };
}
export type UserStore = ReturnType<typeof createUserStore>;
