import { canSeeItem, shownSum } from '../auth/policy';
import type { Actor, User } from '../auth/schema';
import type { ChatLinkConfig } from '../config';
import { insertExpertContact } from '../events/store';
import { NotFound } from '../errors';
import type { OpportunityService } from '../opportunities/service';
import type { ExpertDeps } from './experts';
import { shownDeal, visibleWonDeals, type WonDeal } from './influence';
import type { ExpertContact, ExpertProfile, RecordExpertContact } from './schema';
import { inScope, num, sqlList, type FlowScope } from './scope';
import { sql } from 'kysely';

/** Items shown on a profile at most (the most reused first); the figures cover all of them. */
const MAX_ITEMS = 50;
const MAX_TOPICS = 12;

export interface ExpertProfileDeps extends ExpertDeps {
  chat: ChatLinkConfig;
  /** Checks that a contact's deal is one the contacting person may open (as usage events do). */
  opportunities: Pick<OpportunityService, 'get'>;
  clock: () => Date;
}

/**
 * The chat deep link for a user's account, or null when the hub is not set up for their provider
 * (Slack needs the workspace id) or they named no account.
 */
export function chatLink(user: Pick<User, 'chatProvider' | 'chatUserId'>, chat: ChatLinkConfig): ExpertProfile['contact']['chat'] {
  if (!user.chatProvider || !user.chatUserId) return null;
  if (user.chatProvider === 'slack') {
    if (!chat.slackTeamId) return null;
    const [team, id] = [encodeURIComponent(chat.slackTeamId), encodeURIComponent(user.chatUserId)];
    return { provider: 'slack', url: chat.slackWeb ? `https://app.slack.com/client/${team}/${id}` : `slack://user?team=${team}&id=${id}` };
  }
  return chat.teams
    ? { provider: 'teams', url: `https://teams.microsoft.com/l/chat/0/0?users=${encodeURIComponent(user.chatUserId)}` }
    : null;
}

type Topic = ExpertProfile['topics'][number];
const TOPIC_FIELDS = [
  ['competitor', 'competitors'],
  ['industry', 'industries'],
  ['product', 'products'],
] as const;

export function createExpertProfiles(deps: ExpertProfileDeps) {
  /**
   * The user, and the published items they wrote (author or co-author, as the expert finder
   * counts them) that the viewer may open. Someone with none is no expert to this viewer: 404,
   * so the profile (and the contact details on it) is not a directory of everyone in the company.
   */
  async function expertAndItems(actor: Actor, userId: string) {
    const user = await deps.users.get(userId);
    if (!user || user.integration) throw new NotFound('Expert');
    const { rows } = await sql<{ content_id: string }>`
      SELECT DISTINCT a.content_id FROM content_authors a JOIN content_items c ON c.id = a.content_id
      WHERE a.user_id = ${userId} AND a.role IN ('author', 'co_author') AND c.status = 'published'`.execute(deps.db);
    const records = await deps.store.getMany(rows.map((r) => r.content_id));
    const items = [...records.values()].filter((r) => r.status === 'published' && canSeeItem(actor, deps.content.accessSubject(r)));
    if (!items.length) throw new NotFound('Expert');
    return { user, items };
  }

  return {
    async profile(actor: Actor, userId: string): Promise<ExpertProfile> {
      const { user, items } = await expertAndItems(actor, userId);
      const ids = items.map((i) => i.id);
      const reuse = new Map<string, number>();
      const { rows: stats } = await sql<{ content_id: string; reuse_count: unknown }>`
        SELECT content_id, reuse_count FROM flow_item_stats WHERE content_id IN ${sqlList(ids)}`.execute(deps.db);
      for (const s of stats) reuse.set(s.content_id, num(s.reuse_count));

      // Won deals through the same read policy as the finder: a deal the viewer may not see is
      // neither named nor counted, an amount they may not see shows as its band.
      const dealsByItem = await visibleWonDeals(deps.db, actor, ids, deps.currencies?.());
      const allDeals = new Map([...dealsByItem.values()].flat().map((d) => [d.id, d]));
      const shown = (d: WonDeal) => shownDeal(actor, d);

      const ranked = items
        .map((i) => ({
          id: i.id,
          title: i.title,
          contentType: i.contentType,
          reuseCount: reuse.get(i.id) ?? 0,
          publishedAt: i.publishedAt,
          wonDeals: (dealsByItem.get(i.id) ?? []).map(shown),
          record: i,
        }))
        .sort((a, b) => b.wonDeals.length - a.wonDeals.length || b.reuseCount - a.reuseCount || a.title.localeCompare(b.title));
      const topics = new Map<string, Topic>();
      for (const item of ranked) {
        for (const [kind, field] of TOPIC_FIELDS) {
          for (const value of item.record[field]) {
            const key = `${kind}:${value.toLowerCase()}`;
            const t = topics.get(key) ?? { kind, value, reuseCount: 0, itemIds: [] };
            t.reuseCount += item.reuseCount;
            t.itemIds.push(item.id);
            topics.set(key, t);
          }
        }
      }
      const listed = new Set(ranked.slice(0, MAX_ITEMS).map((i) => i.id));
      const sum = shownSum(actor, [...allDeals.values()]);
      return {
        userId: user.id,
        name: user.name,
        team: user.team || null,
        contact: user.active ? { email: user.email || null, chat: chatLink(user, deps.chat) } : { email: null, chat: null },
        reuseCount: ranked.reduce((s, i) => s + i.reuseCount, 0),
        wonDeals: [...allDeals.values()].map(shown),
        wonAmount: sum.amount,
        wonAmountBand: sum.amountBand,
        topics: [...topics.values()]
          .sort((a, b) => b.reuseCount - a.reuseCount || b.itemIds.length - a.itemIds.length || a.value.localeCompare(b.value))
          .slice(0, MAX_TOPICS)
          .map((t) => ({ ...t, itemIds: t.itemIds.filter((id) => listed.has(id)) })),
        items: ranked.slice(0, MAX_ITEMS).map(({ record: _r, ...i }) => i),
      };
    },

    /**
     * Records that the actor contacted the expert (by email, chat or a Chatter mention), from a
     * deal they may open when one is named. The hub cannot see the message itself: the click is the fact.
     */
    async recordContact(actor: Actor, userId: string, body: RecordExpertContact): Promise<ExpertContact> {
      await expertAndItems(actor, userId);
      if (body.opportunityId) await deps.opportunities.get(actor, body.opportunityId);
      const stored = await insertExpertContact(
        deps.db,
        {
          actorId: actor.id,
          actorTeam: actor.team || null,
          expertId: userId,
          opportunityId: body.opportunityId ?? null,
          channel: body.channel,
        },
        deps.clock().toISOString(),
      );
      return { id: stored.id, expertId: userId, channel: body.channel, opportunityId: body.opportunityId ?? null, at: stored.at };
    },
  };
}
export type ExpertProfiles = ReturnType<typeof createExpertProfiles>;

/**
 * Contacts with experts in a period by people of the scope's teams (as of the contact), and how
 * many of them came from a deal: person-to-person flow beside the item reuse the metrics count.
 */
export async function expertContactFigures(
  db: ExpertDeps['db'],
  scope: FlowScope,
  period: { from: string; to: string },
): Promise<{ total: number; fromDeals: number }> {
  const rows = await db
    .selectFrom('expert_contacts')
    .select(['actor_team', (eb) => eb.fn.countAll().as('n'), (eb) => eb.fn.count('opportunity_id').as('deals')])
    .where('at', '>=', period.from)
    .where('at', '<', period.to)
    .groupBy('actor_team')
    .execute();
  const mine = rows.filter((r) => inScope(scope, r.actor_team));
  return { total: mine.reduce((s, r) => s + num(r.n), 0), fromDeals: mine.reduce((s, r) => s + num(r.deals), 0) };
}
