import { canArchive, canEdit } from '../auth/access';
import { seesAllItems } from '../auth/policy';
import { createReadPolicy } from '../auth/readPolicy';
import type { Actor } from '../auth/schema';
import type { Dialect } from '../db/migrations';
import { NotFound } from '../errors';
import { notify, peopleOf } from '../notifications/store';
import { createContentRequests } from './contentRequests';
import { createFlowFacts } from './facts';
import { deadContent } from './deadContent';
import { findExperts, type ExpertDeps } from './experts';
import { createExpertProfiles, expertContactFigures, type ExpertProfileDeps } from './expertProfile';
import { periodOf, pipelineGaps, searchGaps } from './gaps';
import { flowMetrics } from './metrics';
import type { DeadContentQuery, DeadContentReport, ExpertsQuery, NudgeBody, PeriodQuery, RecordExpertContact } from './schema';
import { flowScope } from './scope';

/**
 * Knowledge flow: dead content, content gaps, flow metrics and expert finding. Reports read the
 * usage events (through the incrementally refreshed facts of server/flow/facts.ts), the search
 * log and opportunities with grouped SQL aggregates.
 */
export function createFlowService(deps: ExpertDeps & Omit<ExpertProfileDeps, 'clock'> & { dialect: Dialect; clock?: () => Date }) {
  const clock = deps.clock ?? (() => new Date());
  const profiles = createExpertProfiles({ ...deps, clock });
  const requests = createContentRequests({ db: deps.db, users: deps.users, clock });
  const facts = createFlowFacts({ db: deps.db, dialect: deps.dialect, clock });
  const policy = createReadPolicy({ db: deps.db, store: deps.store, accessSubject: (r) => deps.content.accessSubject(r) });
  const visibleItems = (actor: Actor) => (ids: string[]) => policy.openableItems(actor, ids);
  /**
   * Keeps only the owner actions the viewer may take (the same rules content/changes.ts enforces):
   * a leader who is not an author is not offered Verify just to be refused with a 403.
   */
  /** A dead-content reason as the owner reads it in a nudge. */
  const NUDGE_REASONS: Record<NudgeBody['reasons'][number], string> = {
    unused: 'nobody has used it lately',
    never_found: 'no search has returned it (a clearer title, summary and tags help)',
    restricted: 'few people may see it',
    verification_overdue: 'its verification is overdue',
    expired: 'it has expired',
  };

  async function withActionsTheViewerMayTake(actor: Actor, report: DeadContentReport): Promise<DeadContentReport> {
    const ids = report.owners.flatMap((o) => o.items.map((i) => i.id));
    const records = await deps.store.getMany(ids);
    const allowed = (id: string, action: string): boolean => {
      const record = records.get(id);
      if (!record) return false;
      const subject = deps.content.accessSubject(record);
      // Nudging is for leaders and admins looking at other people's items.
      if (action === 'nudge_owner') return (actor.role === 'leader' || actor.role === 'admin') && record.ownerId !== actor.id;
      return action === 'archive' ? canArchive(actor, subject) : canEdit(actor, subject);
    };
    return {
      ...report,
      owners: report.owners.map((o) => ({
        ...o,
        items: o.items.map((i) => ({ ...i, actions: i.actions.filter((a) => allowed(i.id, a.action)) })),
      })),
    };
  }

  return {
    requests,
    facts,
    async deadContent(actor: Actor, query: DeadContentQuery) {
      const scope = flowScope(actor, query);
      await facts.refresh();
      const report = await deadContent(deps.db, scope, query, clock(), { mayOpen: seesAllItems(actor) ? null : visibleItems(actor) });
      return withActionsTheViewerMayTake(actor, report);
    },
    /**
     * Tells an item's owner and authors that someone asks them to look at it, and why: the action
     * for a dead-content reason the viewer cannot fix themselves. Once a day per item and asker.
     */
    async nudge(actor: Actor, id: string, body: NudgeBody): Promise<{ notified: number }> {
      const item = await deps.content.findVisible(actor, id);
      if (!item) throw new NotFound('Content item');
      const people = peopleOf(item).filter((userId) => userId !== actor.id);
      const why = body.reasons.map((r) => NUDGE_REASONS[r]).join('; ');
      const note = body.note ? ` — "${body.note}"` : '';
      const day = clock().toISOString().slice(0, 10);
      await notify(
        deps.db,
        people.map((userId) => ({
          userId,
          kind: 'nudged',
          contentId: item.id,
          actorId: actor.id,
          dedupeKey: `${item.id}:${actor.id}:${day}`,
          message: `${actor.name} asks you to look at "${item.title}": ${why}${note}`,
        })),
        clock().toISOString(),
      );
      return { notified: people.length };
    },
    searchGaps: async (actor: Actor, query: PeriodQuery) => searchGaps(deps.db, flowScope(actor, query), periodOf(query, clock())),
    pipelineGaps: async (actor: Actor, query: PeriodQuery) =>
      pipelineGaps(deps.db, flowScope(actor, query), clock(), actor, deps.currencies?.()),
    async metrics(actor: Actor, query: PeriodQuery) {
      const scope = flowScope(actor, query);
      await facts.refresh();
      const now = clock();
      const period = periodOf(query, now);
      const report = await flowMetrics(
        deps.db,
        deps.dialect,
        scope,
        period,
        { actor, visibleItems: visibleItems(actor) },
        now,
        deps.currencies?.(),
      );
      return { ...report, expertContacts: await expertContactFigures(deps.db, scope, period) };
    },
    async experts(actor: Actor, query: ExpertsQuery) {
      await facts.refresh();
      return findExperts(deps, actor, query);
    },
    async expertProfile(actor: Actor, userId: string) {
      await facts.refresh();
      return profiles.profile(actor, userId);
    },
    recordExpertContact: (actor: Actor, userId: string, body: RecordExpertContact) => profiles.recordContact(actor, userId, body),
  };
}
export type FlowService = ReturnType<typeof createFlowService>;
