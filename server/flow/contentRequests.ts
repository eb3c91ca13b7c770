import crypto from 'node:crypto';
import type { Actor } from '../auth/schema';
import { requireRole, type AuthService } from '../auth/service';
import type { ContentRequestsTable } from '../db/schema';
import type { Db } from '../db/database';
import { NotFound, ValidationFailed } from '../errors';
import type { ContentRequest, CreateContentRequest } from './schema';
import { notify } from '../notifications/store';

const toRequest = (r: ContentRequestsTable): ContentRequest => ({
  id: r.id, query: r.query, assignee: r.assignee, createdBy: r.created_by, status: r.status as ContentRequest['status'], note: r.note, createdAt: r.created_at,
});

/** Content requests: an admin turns a search gap into a request assigned to an author. */
export function createContentRequests(deps: { db: Db; users: AuthService['users']; clock: () => Date }) {
  const { db } = deps;
  return {
    async create(actor: Actor, input: CreateContentRequest): Promise<ContentRequest> {
      requireRole(actor, 'admin');
      const assignee = await deps.users.get(input.assignee);
      if (!assignee || !assignee.active) throw new ValidationFailed('Unknown assignee', [{ path: 'assignee', message: `unknown user ${input.assignee}` }]);
      const row = { id: `req-${crypto.randomUUID()}`, query: input.query, assignee: input.assignee, created_by: actor.id, status: 'open', note: input.note ?? null, created_at: deps.clock().toISOString() };
      await db.transaction().execute(async (trx) => {
        await trx.insertInto('content_requests').values(row).execute();
        const note = input.note ? ` (${input.note})` : '';
        await notify(trx, [{ userId: input.assignee, kind: 'request_assigned', actorId: actor.id, message: `${actor.name} asked you for content people search for: "${input.query}"${note}` }], row.created_at);
      });
      return toRequest(row);
    },

    /** Admins see every request, everyone else the ones assigned to them. */
    async list(actor: Actor): Promise<ContentRequest[]> {
      let q = db.selectFrom('content_requests').selectAll().orderBy('created_at', 'desc').orderBy('id').limit(500);
      if (actor.role !== 'admin') q = q.where('assignee', '=', actor.id);
      return (await q.execute()).map(toRequest);
    },

    /** The assignee (or an admin) marks a request done. */
    async complete(actor: Actor, id: string): Promise<ContentRequest> {
      const row = await db.selectFrom('content_requests').selectAll().where('id', '=', id).executeTakeFirst();
      if (!row || (actor.role !== 'admin' && row.assignee !== actor.id)) throw new NotFound('Content request');
      await db.updateTable('content_requests').set({ status: 'done' }).where('id', '=', id).execute();
      return toRequest({ ...row, status: 'done' });
    },
  };
}
export type ContentRequests = ReturnType<typeof createContentRequests>;
