import crypto from 'node:crypto';
import type { Actor } from '../auth/schema';
import { requireRole, type AuthService } from '../auth/service';
import type { ContentRequestsTable } from '../db/schema';
import type { Db } from '../db/database';
import { NotFound, ValidationFailed } from '../errors';
import type { AskForContent, AskForContentResult, ContentRequest, CreateContentRequest } from './schema';
import { notify } from '../notifications/store';

const toRequest = (r: ContentRequestsTable): ContentRequest => ({
  id: r.id,
  query: r.query,
  assignee: r.assignee,
  createdBy: r.created_by,
  status: r.status as ContentRequest['status'],
  note: r.note,
  createdAt: r.created_at,
});

/** What makes two requests the same: case, outer and repeated spaces do not count. */
export const requestKey = (query: string) => query.trim().toLowerCase().replace(/\s+/g, ' ');

/** "products: Lakehouse Core, Stream; industries: Banking": the filters a reader had set. */
const filtersNote = (filters: Record<string, string[]>) =>
  Object.entries(filters)
    .filter(([, values]) => values.length)
    .map(([field, values]) => `${field}: ${values.join(', ')}`)
    .join('; ');

/**
 * Content requests: an admin turns a search gap into a request assigned to an author, and anyone
 * whose search found nothing may ask for the content (unassigned until an admin assigns it). One
 * open request per normalised query: asking again joins it.
 */
export function createContentRequests(deps: { db: Db; users: AuthService['users']; clock: () => Date }) {
  const { db } = deps;
  /** The oldest open request for a normalised query (older databases may hold several). */
  const openWithKey = (key: string, ex: Db = db) =>
    ex
      .selectFrom('content_requests')
      .selectAll()
      .where('query_key', '=', key)
      .where('status', '=', 'open')
      .orderBy('created_at')
      .executeTakeFirst();

  return {
    async create(actor: Actor, input: CreateContentRequest): Promise<ContentRequest> {
      requireRole(actor, 'admin');
      const assignee = await deps.users.get(input.assignee);
      if (!assignee || !assignee.active)
        throw new ValidationFailed('Unknown assignee', [{ path: 'assignee', message: `unknown user ${input.assignee}` }]);
      const at = deps.clock().toISOString();
      const key = requestKey(input.query);
      // An unassigned request readers filed for the same query is assigned rather than duplicated.
      const waiting = await openWithKey(key);
      const unassigned = waiting && waiting.assignee === null ? waiting : undefined;
      const row: ContentRequestsTable = unassigned
        ? { ...unassigned, assignee: input.assignee, note: input.note ?? unassigned.note }
        : {
            id: `req-${crypto.randomUUID()}`,
            query: input.query,
            assignee: input.assignee,
            created_by: actor.id,
            status: 'open',
            note: input.note ?? null,
            created_at: at,
            query_key: key,
          };
      await db.transaction().execute(async (trx) => {
        if (unassigned)
          await trx.updateTable('content_requests').set({ assignee: row.assignee, note: row.note }).where('id', '=', row.id).execute();
        else await trx.insertInto('content_requests').values(row).execute();
        const note = input.note ? ` (${input.note})` : '';
        await notify(
          trx,
          [
            {
              userId: input.assignee,
              kind: 'request_assigned',
              actorId: actor.id,
              message: `${actor.name} asked you for content people search for: "${input.query}"${note}`,
            },
          ],
          at,
        );
      });
      return toRequest(row);
    },

    /**
     * Someone's search found nothing and they ask for it: files an unassigned request with the
     * query, or joins the open one for the same query (each person counted once).
     */
    async ask(actor: Actor, input: AskForContent): Promise<AskForContentResult> {
      const key = requestKey(input.query);
      const at = deps.clock().toISOString();
      // Two people asking at the same instant on PostgreSQL may still file two requests (no unique
      // index: older databases can hold duplicate open requests an admin made); SQLite serialises.
      return db.transaction().execute(async (trx) => {
        let row = await openWithKey(key, trx);
        const created = !row;
        if (!row) {
          const note = filtersNote(input.filters ?? {});
          row = {
            id: `req-${crypto.randomUUID()}`,
            query: input.query.trim(),
            assignee: null,
            created_by: actor.id,
            status: 'open',
            note: note ? `Filters: ${note}` : null,
            created_at: at,
            query_key: key,
          };
          await trx.insertInto('content_requests').values(row).execute();
        }
        const asked = await trx
          .insertInto('content_request_askers')
          .values({ request_id: row.id, user_id: actor.id, asked_at: at })
          .onConflict((oc) => oc.columns(['request_id', 'user_id']).doNothing())
          .executeTakeFirst();
        const askers = await trx
          .selectFrom('content_request_askers')
          .select((eb) => eb.fn.countAll().as('n'))
          .where('request_id', '=', row.id)
          .executeTakeFirst();
        return {
          request: toRequest(row),
          created,
          alreadyAsked: Number(asked.numInsertedOrUpdatedRows ?? 0n) === 0,
          askers: Number(askers?.n ?? 0),
        };
      });
    },

    /** Admins see every request, everyone else the ones assigned to them or that they asked for. */
    async list(actor: Actor): Promise<ContentRequest[]> {
      let q = db.selectFrom('content_requests').selectAll().orderBy('created_at', 'desc').orderBy('id').limit(500);
      if (actor.role !== 'admin') {
        q = q.where((eb) =>
          eb.or([
            eb('assignee', '=', actor.id),
            eb('id', 'in', eb.selectFrom('content_request_askers').select('request_id').where('user_id', '=', actor.id)),
          ]),
        );
      }
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
