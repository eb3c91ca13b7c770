import type { Actor } from '../auth/schema';
import type { UserStore } from '../auth/store';
import { CreateContent, type ContentItem } from '../content/schema';
import type { ContentChanges } from '../content/changes';
import { applyChanges, newRecord, requireVersion } from '../content/records';
import type { ContentService } from '../content/service';
import type { ContentRecord, ContentStore } from '../content/store';
import type { Db } from '../db/database';
import { Conflict, NotFound, ValidationFailed, type FieldIssue } from '../errors';
import type { Opportunity } from '../opportunities/schema';
import type { OpportunityService } from '../opportunities/service';
import { renderWinLoss } from './render';
import { WinLossStructure, type CreateWinLoss, type PatchWinLoss } from './schema';

/** Contributors get this share each by default; authors and co-authors split the rest equally. */
export const CONTRIBUTOR_DEFAULT_SHARE = 0.1;
const QUEUE_DAYS = 90;

type AuthorIn = { userId: string; role: 'author' | 'co_author' | 'contributor'; share?: number };

/** Fills in default credit shares; shares that are given must be given for everyone. */
export function withDefaultShares(authors: AuthorIn[]): { userId: string; role: AuthorIn['role']; share: number }[] {
  const given = authors.filter((a) => a.share !== undefined).length;
  if (given === authors.length) return authors.map((a) => ({ ...a, share: a.share as number }));
  if (given > 0)
    throw new ValidationFailed('authors: give every share or none', [
      { path: 'authors', message: 'give every share or none (none: the default split applies)' },
    ]);
  const contributors = authors.filter((a) => a.role === 'contributor');
  const main = authors.filter((a) => a.role !== 'contributor');
  if (main.length === 0)
    throw new ValidationFailed('authors: at least one author or co-author', [
      { path: 'authors', message: 'at least one author or co-author' },
    ]);
  const contributorShare = Math.min(CONTRIBUTOR_DEFAULT_SHARE, 0.5 / Math.max(1, contributors.length));
  const mainShare = (1 - contributorShare * contributors.length) / main.length;
  const out = authors.map((a) => ({ ...a, share: Math.round((a.role === 'contributor' ? contributorShare : mainShare) * 1e6) / 1e6 }));
  // Rounding to millionths may leave a remainder: it goes to the first author.
  const rest = 1 - out.reduce((s, a) => s + a.share, 0);
  const first = out.find((a) => a.role !== 'contributor') as (typeof out)[number];
  first.share = Math.round((first.share + rest) * 1e6) / 1e6;
  return out;
}

/** The stored structure, parsed on read: a row edited behind the hub's back fails loudly, not later. */
function structureOf(record: ContentRecord): WinLossStructure {
  return WinLossStructure.parse(record.structure);
}

export function snapshotOf(o: Opportunity) {
  return {
    accountName: o.accountName,
    industry: o.industry,
    segment: o.segment,
    region: o.region,
    amountBand: o.amountBand,
    products: o.products.map((p) => p.name),
    competitors: o.competitors,
    closeDate: o.closeDate,
  };
}

/**
 * Win/loss analyses: structured situational knowledge written from a closed opportunity. The
 * structure is stored with the item; the body and facets are derived from it, so search and
 * recommendations treat an analysis like any other situational item.
 */
export function createWinLossService(deps: {
  db: Db;
  content: ContentService;
  changes: ContentChanges;
  store: ContentStore;
  users: UserStore;
  opportunities: OpportunityService;
  reasonCodes: () => Promise<string[]>;
  clock?: () => Date;
}) {
  const { db, content, changes, store, opportunities } = deps;
  const clock = deps.clock ?? (() => new Date());
  const { loadVisible, toView } = content;

  async function checkReasonCodes(reasons: { code: string }[], path = 'reasons'): Promise<FieldIssue[]> {
    const known = await deps.reasonCodes();
    if (known.length === 0) return [];
    const lower = new Set(known.map((k) => k.toLowerCase()));
    return reasons.flatMap((r, i) =>
      lower.has(r.code.toLowerCase())
        ? []
        : [{ path: `${path}.${i}.code`, message: `unknown reason code ${r.code} (see /api/taxonomies)` }],
    );
  }

  async function existingFor(opportunityId: string): Promise<ContentRecord | null> {
    const row = await db
      .selectFrom('content_items')
      .select('id')
      .where('opportunity_id', '=', opportunityId)
      .where('content_type', '=', 'win_loss_analysis')
      .where('status', '!=', 'archived')
      .orderBy('created_at')
      .executeTakeFirst();
    return row ? store.get(row.id) : null;
  }

  /** The content fields an analysis derives from its structure. */
  function contentFields(structure: WinLossStructure, opp: Opportunity) {
    return {
      body: renderWinLoss(structure),
      products: structure.snapshot.products,
      industries: structure.snapshot.industry ? [structure.snapshot.industry] : [],
      segments: structure.snapshot.segment ? [structure.snapshot.segment] : [],
      regions: structure.snapshot.region ? [structure.snapshot.region] : [],
      competitors: structure.snapshot.competitors,
      stages: [opp.stage],
      personas: [...new Set(structure.stakeholders.map((s) => s.title).filter(Boolean))],
    };
  }

  async function toItem(record: ContentRecord) {
    return { ...(await toView(record)), winLoss: structureOf(record) };
  }

  async function closedOpportunity(actor: Actor, id: string): Promise<Opportunity> {
    const opp = await opportunities.get(actor, id);
    if (!opp.isClosed)
      throw new Conflict('This opportunity is still open: analyses are written once a deal closes', { code: 'opportunity_open' });
    return opp;
  }

  async function create(actor: Actor, input: CreateWinLoss): Promise<ContentItem & { winLoss: WinLossStructure }> {
    const opp = await closedOpportunity(actor, input.opportunityId);
    const existing = await existingFor(opp.id);
    if (existing) throw new Conflict(`This opportunity already has an analysis (${existing.id}); edit that one`, { id: existing.id });
    const { opportunityId: _o, title, summary, authors: authorsIn, ...rest } = input;
    const structure: WinLossStructure = { opportunityId: opp.id, snapshot: snapshotOf(opp), ...rest };
    const authors = withDefaultShares(authorsIn ?? [{ userId: actor.id, role: 'author' }]);
    const issues = await checkReasonCodes(structure.reasons);
    const parsed = CreateContent.safeParse({
      kind: 'situational',
      contentType: 'win_loss_analysis',
      title,
      summary,
      authors,
      owner: actor.id,
      ...contentFields(structure, opp),
    });
    if (!parsed.success) issues.push(...ValidationFailed.fromZod(parsed.error).issues);
    if (issues.length || !parsed.success) throw new ValidationFailed(`${issues[0]?.path}: ${issues[0]?.message}`, issues);
    const record: ContentRecord = {
      ...newRecord(actor, parsed.data, clock().toISOString()),
      structure: { ...structure },
      opportunityId: opp.id,
    };
    return toItem(await changes.apply(actor, { action: 'winloss', before: null, after: record }));
  }

  /** The analysis form as the CRM fills it: what the rep would otherwise copy from the deal. */
  function prefill(actor: Actor, opp: Opportunity): Omit<CreateWinLoss, 'reasons'> & { reasons: CreateWinLoss['reasons'] } {
    return {
      opportunityId: opp.id,
      title: `${opp.isWon ? 'Won' : 'Lost'}${opp.competitors.length ? ` against ${opp.competitors.join(' and ')}` : ''}: ${opp.accountName}`,
      summary: '',
      outcome: opp.isWon ? 'won' : 'lost',
      reasons: [],
      competitorAnalysis: { why: '', ...(opp.isWon ? {} : opp.competitors[0] ? { winner: opp.competitors[0] } : {}) },
      situation: opp.description ?? '',
      challenges: '',
      stakeholders: opp.contactRoles.map((c) => ({
        role: c.role || 'Contact',
        title: c.title ?? '',
        influence: 'medium' as const,
        stance: 'neutral' as const,
        priorities: '',
      })),
      decisionCriteria: [],
      decisionProcess: {
        timeline: '',
        committee: opp.contactRoles
          .map((c) => c.title || c.role)
          .filter(Boolean)
          .join(', '),
      },
      whatWorked: [],
      whatToAvoid: [],
      lessons: [],
      assetsThatHelped: [],
      authors: [{ userId: actor.id, role: 'author' }],
    };
  }

  /**
   * The deal's analysis as this viewer may know it: a teammate's draft is not theirs to open, so
   * they learn who is writing it instead of meeting a "not found".
   */
  async function describeExisting(actor: Actor, existing: ContentRecord) {
    const visible = (await content.findVisible(actor, existing.id)) !== null;
    const owner = await deps.users.get(existing.ownerId);
    return {
      id: existing.id,
      status: existing.status,
      version: existing.version,
      title: visible ? existing.title : null,
      ownerName: owner?.name ?? existing.ownerId,
      visible,
    };
  }

  return {
    create,

    async get(actor: Actor, id: string) {
      const record = await loadVisible(actor, id);
      if (record.contentType !== 'win_loss_analysis' || !record.structure) throw new NotFound('Win/loss analysis');
      return toItem(record);
    },

    /** A form pre-filled from the CRM; or the existing analysis to continue. */
    async draft(actor: Actor, opportunityId: string) {
      const opp = await closedOpportunity(actor, opportunityId);
      const existing = await existingFor(opp.id);
      const draft = prefill(actor, opp);
      return { opportunity: opp, draft, existing: existing ? await describeExisting(actor, existing) : null };
    },

    /** Outcome, up to three reason codes and one sentence: a minute's work; the full analysis can follow. */
    async quick(
      actor: Actor,
      input: { opportunityId: string; outcome: CreateWinLoss['outcome']; reasonCodes: string[]; sentence: string; lessons?: string },
    ) {
      const opp = await closedOpportunity(actor, input.opportunityId);
      const issues = await checkReasonCodes(
        input.reasonCodes.map((code) => ({ code })),
        'reasonCodes',
      );
      if (issues.length)
        throw new ValidationFailed(
          `${issues[0]?.path}: ${issues[0]?.message}`,
          issues.map((i) => ({ ...i, path: i.path.replace(/\.code$/, '') })),
        );
      const label = { won: 'Won', lost: 'Lost', no_decision: 'No decision' }[input.outcome];
      // The CRM's pre-fill (situation, stakeholders, committee) is kept, as the full form would keep
      // it; the sentence is the summary, and lessons are only what the rep gave as lessons.
      const { authors: _a, ...base } = prefill(actor, opp);
      return create(actor, {
        ...base,
        title: `${label}: ${opp.name}`,
        summary: input.sentence,
        outcome: input.outcome,
        reasons: input.reasonCodes.map((code) => ({ code })),
        competitorAnalysis: input.outcome === 'won' ? { why: '' } : base.competitorAnalysis,
        lessons: input.lessons ? [input.lessons] : [],
      });
    },

    async patch(actor: Actor, id: string, patch: PatchWinLoss) {
      const before = await loadVisible(actor, id);
      if (before.contentType !== 'win_loss_analysis' || !before.structure) throw new NotFound('Win/loss analysis');
      requireVersion(before, patch.version);
      const { version: _v, title, summary, authors: authorsIn, ...structureChanges } = patch;
      const structure: WinLossStructure = { ...structureOf(before), ...structureChanges };
      const opp = structure.opportunityId ? await opportunities.get(actor, structure.opportunityId).catch(() => null) : null;
      const issues = await checkReasonCodes(structure.reasons);
      const authors = authorsIn ? withDefaultShares(authorsIn) : before.authors;
      const parsed = CreateContent.safeParse({
        kind: 'situational',
        contentType: 'win_loss_analysis',
        title: title ?? before.title,
        summary: summary ?? before.summary,
        authors,
        ...contentFields(structure, opp ?? ({ stage: before.stages[0] ?? 'Closed' } as Opportunity)),
      });
      if (!parsed.success) issues.push(...ValidationFailed.fromZod(parsed.error).issues);
      if (issues.length || !parsed.success) throw new ValidationFailed(`${issues[0]?.path}: ${issues[0]?.message}`, issues);
      const { kind: _k, contentType: _c, ...fields } = parsed.data;
      const after: ContentRecord = { ...applyChanges(before, fields, clock().toISOString()), structure: { ...structure } };
      return toItem(await changes.apply(actor, { action: 'winloss', before, after }));
    },

    /** Deals closed in the last 90 days without a published or in-review analysis, for their owners and leaders. */
    async queue(actor: Actor) {
      const since = new Date(clock().getTime() - QUEUE_DAYS * 86_400_000).toISOString().slice(0, 10);
      const today = clock().toISOString().slice(0, 10);
      const all = await opportunities.list(actor, { limit: 200 });
      // Owners through the user mapping: a Salesforce OwnerId is no hub user id.
      const owners = await opportunities.ownersOf(all);
      const mine = all.filter((o) => {
        if (!o.isClosed || !o.closeDate || o.closeDate < since || o.closeDate > today) return false;
        const { ownerId, ownerTeam } = opportunities.dealSubject(o, owners);
        if (actor.role === 'admin' || ownerId === actor.id) return true;
        return actor.role === 'leader' && !!ownerTeam && actor.leadsTeams.includes(ownerTeam);
      });
      const rows = mine.length
        ? await db
            .selectFrom('content_items')
            .select(['id', 'status', 'opportunity_id'])
            .where('content_type', '=', 'win_loss_analysis')
            .where(
              'opportunity_id',
              'in',
              mine.map((o) => o.id),
            )
            .where('status', '!=', 'archived')
            .execute()
        : [];
      const items = [];
      for (const o of mine) {
        const a = rows.find((r) => r.opportunity_id === o.id);
        if (a && (a.status === 'published' || a.status === 'in_review')) continue;
        items.push({
          opportunity: o,
          daysSinceClose: Math.floor((clock().getTime() - Date.parse(o.closeDate as string)) / 86_400_000),
          analysis: a ? { id: a.id, status: a.status } : null,
        });
      }
      items.sort((x, y) => x.daysSinceClose - y.daysSinceClose);
      return { items };
    },
  };
}
export type WinLossService = ReturnType<typeof createWinLossService>;
