import crypto from 'node:crypto';
import { canSeeAmount } from '../auth/policy';
import type { Actor } from '../auth/schema';
import { actorOf } from '../auth/service';
import type { UserStore } from '../auth/store';
import type { ContentService } from '../content/service';
import type { ContentStore } from '../content/store';
import type { Db } from '../db/database';
import { AppError, Forbidden, NotFound, ValidationFailed } from '../errors';
import type { EventService } from '../events/service';
import type { OpportunityService } from '../opportunities/service';
import { isBot, type SharedItem } from './page';
import type { CreateShareLink, DealShareLink } from './schema';

const MAX_DAYS = 366;
const hashOf = (token: string) => crypto.createHash('sha256').update(token).digest('hex');

/**
 * Tracked buyer sharing. A link names one published client-facing item and one deal; its token is
 * shown once (in the URL) and stored only as a hash. Opens by a buyer are counted on the link; the
 * first one credits the item's authors as `share_external` through the events service, recorded
 * as the sharer's event (once per link: the idempotency key is the link's id). Fetches by link
 * unfurlers and crawlers, and opens by signed-in hub users (the sharer previewing), are served but
 * neither counted nor credited.
 */
export function createShareService(deps: {
  db: Db;
  content: ContentService;
  store: ContentStore;
  opportunities: OpportunityService;
  events: EventService;
  users: UserStore;
  publicUrl: string;
  log(level: 'info' | 'warn', message: string, fields?: Record<string, unknown>): void;
  clock?: () => Date;
}) {
  const { db } = deps;
  const clock = deps.clock ?? (() => new Date());

  /** Sharers revoke their own links; the deal's owner, their leaders and admins revoke any on it. */
  async function managerOf(actor: Actor, opportunityId: string) {
    const opp = await deps.opportunities.get(actor, opportunityId);
    const manages = canSeeAmount(actor, deps.opportunities.dealSubject(opp, await deps.opportunities.ownersOf([opp])));
    return { opp, mayRevoke: (createdBy: string) => manages || createdBy === actor.id };
  }

  /** Shareable now: published and client-facing (a link stops working if either changes). */
  function shareable(item: { status: string; audience: string }): boolean {
    return item.status === 'published' && item.audience === 'client_facing';
  }

  return {
    async create(actor: Actor, contentId: string, input: CreateShareLink): Promise<{ id: string; url: string; expiresAt: string | null }> {
      const { opp } = await managerOf(actor, input.opportunityId);
      const item = await deps.content.findVisible(actor, contentId);
      if (!item) throw new NotFound('Content item');
      if (item.audience !== 'client_facing')
        throw new AppError(422, 'not_client_facing', 'Only client-facing items may be shared with a buyer: this one is for internal use');
      if (item.status !== 'published') throw new AppError(422, 'not_published', 'Only published items may be shared with a buyer');
      const now = clock();
      if (input.expiresAt) {
        const at = Date.parse(input.expiresAt);
        if (at <= now.getTime() || at > now.getTime() + MAX_DAYS * 86_400_000) {
          throw new ValidationFailed('expiresAt: must be in the future, within a year', [
            { path: 'expiresAt', message: 'must be in the future, within a year' },
          ]);
        }
      }
      const token = crypto.randomBytes(32).toString('base64url');
      const id = `sl-${crypto.randomUUID()}`;
      const expiresAt = input.expiresAt ? new Date(input.expiresAt).toISOString() : null;
      await db
        .insertInto('share_links')
        .values({
          id,
          token_hash: hashOf(token),
          content_id: item.id,
          opportunity_id: opp.id,
          created_by: actor.id,
          created_at: now.toISOString(),
          expires_at: expiresAt,
        })
        .execute();
      return { id, url: `${deps.publicUrl}/api/shared/${token}`, expiresAt };
    },

    async revoke(actor: Actor, contentId: string, linkId: string): Promise<void> {
      const link = await db
        .selectFrom('share_links')
        .selectAll()
        .where('id', '=', linkId)
        .where('content_id', '=', contentId)
        .executeTakeFirst();
      if (!link) throw new NotFound('Share link');
      const { mayRevoke } = await managerOf(actor, link.opportunity_id);
      if (!mayRevoke(link.created_by)) throw new Forbidden('Only the person who shared it, the deal’s owner or their leader may revoke it');
      await db
        .updateTable('share_links')
        .set({ revoked_at: clock().toISOString() })
        .where('id', '=', linkId)
        .where('revoked_at', 'is', null)
        .execute();
    },

    async forDeal(actor: Actor, opportunityId: string): Promise<DealShareLink[]> {
      const { opp, mayRevoke } = await managerOf(actor, opportunityId);
      const rows = await db
        .selectFrom('share_links')
        .selectAll()
        .where('opportunity_id', '=', opp.id)
        .orderBy('created_at', 'desc')
        .execute();
      const names = await deps.users.getMany([...new Set(rows.map((r) => r.created_by))]);
      const now = clock().toISOString();
      return (await deps.content.visibleRows(actor, rows)).map(({ row: r, item }) => ({
        id: r.id,
        contentId: r.content_id,
        title: item.title,
        sharedBy: { id: r.created_by, name: names.get(r.created_by)?.name ?? r.created_by },
        createdAt: r.created_at,
        expiresAt: r.expires_at,
        state: r.revoked_at ? 'revoked' : r.expires_at && r.expires_at <= now ? 'expired' : 'active',
        opens: Number(r.open_count),
        firstOpenedAt: r.first_opened_at,
        lastOpenedAt: r.last_opened_at,
        mayRevoke: !r.revoked_at && mayRevoke(r.created_by),
      }));
    },

    /**
     * The public page's item for a token; 404 for an unknown, revoked or expired link, and for an
     * item that is no longer published and client-facing. `viewer` is a signed-in hub user, if any.
     */
    async open(token: string, request: { userAgent: string | undefined; viewer: Actor | null }): Promise<SharedItem> {
      const link = await db.selectFrom('share_links').selectAll().where('token_hash', '=', hashOf(token)).executeTakeFirst();
      const now = clock().toISOString();
      if (!link || link.revoked_at || (link.expires_at && link.expires_at <= now)) throw new NotFound('Share link');
      const item = await deps.store.get(link.content_id);
      if (!item || !shareable(item)) throw new NotFound('Share link');
      const bot = isBot(request.userAgent);
      const counted = !bot && !request.viewer;
      deps.log('info', 'share link opened', { linkId: link.id, counted, bot, hubUser: request.viewer?.id ?? null });
      if (counted) {
        await db
          .updateTable('share_links')
          .set((eb) => ({ open_count: eb('open_count', '+', 1), last_opened_at: now }))
          .where('id', '=', link.id)
          .execute();
        const first = await db
          .updateTable('share_links')
          .set({ first_opened_at: now })
          .where('id', '=', link.id)
          .where('first_opened_at', 'is', null)
          .executeTakeFirst();
        if (Number(first.numUpdatedRows) > 0) await credit(link);
      }
      return { title: item.title, summary: item.summary, body: item.body, updatedAt: item.updatedAt };
    },
  };

  /** The first open: a `share_external` event by the sharer, so the credits relay credits the authors. */
  async function credit(link: { id: string; content_id: string; opportunity_id: string; created_by: string }): Promise<void> {
    try {
      const sharer = await deps.users.get(link.created_by);
      if (!sharer) return;
      await deps.events.record(actorOf(sharer), `share-open:${link.id}`, {
        type: 'share_external',
        contentId: link.content_id,
        opportunityId: link.opportunity_id,
      });
    } catch (err) {
      // The buyer still gets the page; the open is counted; only the credit is missing (and logged).
      deps.log('warn', 'share link: crediting the first open failed', { linkId: link.id, error: (err as Error).message });
    }
  }
}
export type ShareService = ReturnType<typeof createShareService>;
