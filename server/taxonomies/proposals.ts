import type { Actor } from '../auth/schema';
import { requireRole } from '../auth/service';
import type { UserStore } from '../auth/store';
import { recordAudit } from '../audit/service';
import type { Db } from '../db/database';
import type { FacetProposalsTable } from '../db/schema';
import { Conflict, NotFound } from '../errors';
import { notify } from '../notifications/store';
import type { Selectable } from 'kysely';
import type { FacetProposal, ProposeFacetValue } from './schema';
import type { TaxonomyService } from './service';

type Row = Selectable<FacetProposalsTable>;

/** How a facet is named in a sentence ("for competitors"). */
const KIND_WORDS: Record<FacetProposal['kind'], string> = {
  products: 'products',
  industries: 'industries',
  segments: 'segments',
  regions: 'regions',
  competitors: 'competitors',
  stages: 'stages',
  personas: 'personas',
};

/**
 * Facet values authors propose when the taxonomy lacks one. The item keeps the value it was given
 * meanwhile (the hub accepts any facet value; the picker marks it "new"), so nothing waits on an
 * admin. A proposal tells every active admin; accepting adds the value to the taxonomy through the
 * taxonomy service (audited as taxonomy.add), rejecting records why; either way the proposer is
 * told, in the same transaction as the decision. A rejected value stays on the items that carry it
 * until their authors edit it.
 */
export function createFacetProposals(deps: {
  db: Db;
  taxonomies: TaxonomyService;
  users: UserStore;
  /** Throws NotFound when the actor may not see the item (the content service's read policy). */
  requireVisible: (actor: Actor, contentId: string) => Promise<unknown>;
  clock?: () => Date;
}) {
  const { db, taxonomies, users } = deps;
  const clock = deps.clock ?? (() => new Date());

  /** The pending proposal of a value (value_key: lowercased), if there is one: proposing it again finds it. */
  const pendingProposal = (kind: ProposeFacetValue['kind'], valueKey: string) =>
    db
      .selectFrom('facet_proposals')
      .selectAll()
      .where('kind', '=', kind)
      .where('value_key', '=', valueKey)
      .where('status', '=', 'pending')
      .executeTakeFirst();

  async function views(rows: Row[]): Promise<FacetProposal[]> {
    const names = await users.getMany(rows.map((r) => r.proposed_by));
    return rows.map((r) => ({
      id: Number(r.id),
      kind: r.kind as FacetProposal['kind'],
      value: r.value,
      status: r.status as FacetProposal['status'],
      contentId: r.content_id,
      proposedBy: { id: r.proposed_by, name: names.get(r.proposed_by)?.name ?? r.proposed_by },
      proposedAt: r.proposed_at,
      decidedBy: r.decided_by,
      decidedAt: r.decided_at,
      reason: r.reason,
    }));
  }

  async function one(id: number, ex: Db = db): Promise<Row> {
    const row = await ex.selectFrom('facet_proposals').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) throw new NotFound('Proposal');
    return row;
  }

  /** Marks a pending proposal decided (a second decision meets a 409), audits it and tells the proposer. */
  async function decide(
    trx: Db,
    actor: Actor,
    row: Row,
    status: 'accepted' | 'rejected',
    reason: string | null,
    message: string,
  ): Promise<void> {
    const now = clock().toISOString();
    const res = await trx
      .updateTable('facet_proposals')
      .set({ status, decided_by: actor.id, decided_at: now, reason })
      .where('id', '=', row.id)
      .where('status', '=', 'pending')
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) === 0)
      throw new Conflict(`This proposal was already decided (${(await one(Number(row.id), trx)).status})`);
    await recordAudit(trx, {
      actorId: actor.id,
      action: `taxonomy.proposal_${status === 'accepted' ? 'accept' : 'reject'}`,
      targetType: 'facet_proposal',
      targetId: String(row.id),
      details: { kind: row.kind, value: row.value, reason },
    });
    await notify(
      trx,
      [
        {
          userId: row.proposed_by,
          kind: status === 'accepted' ? 'proposal_accepted' : 'proposal_rejected',
          contentId: row.content_id,
          actorId: actor.id,
          message,
          dedupeKey: `proposal:${row.id}`,
        },
      ],
      now,
    );
  }

  return {
    /** Files a proposal (or finds the pending one for the same value) and tells the admins. */
    async propose(actor: Actor, input: ProposeFacetValue): Promise<FacetProposal> {
      if (input.contentId) await deps.requireVisible(actor, input.contentId);
      const valueKey = input.value.toLowerCase();
      const known = await db.selectFrom('taxonomy_terms').select('value').where('kind', '=', input.kind).execute();
      if (known.some((t) => t.value.toLowerCase() === valueKey))
        throw new Conflict(`"${input.value}" is already one of the ${KIND_WORDS[input.kind]}`, { code: 'already_in_taxonomy' });
      const pending = await pendingProposal(input.kind, valueKey);
      if (pending) return (await views([pending]))[0]!;
      const now = clock().toISOString();
      const row = await db
        .transaction()
        .execute(async (trx) => {
          const inserted = await trx
            .insertInto('facet_proposals')
            .values({
              kind: input.kind,
              value: input.value,
              value_key: valueKey,
              content_id: input.contentId ?? null,
              proposed_by: actor.id,
              proposed_at: now,
              status: 'pending',
              decided_by: null,
              decided_at: null,
              reason: null,
            })
            .returningAll()
            .executeTakeFirstOrThrow();
          const admins = await trx.selectFrom('users').select('id').where('role', '=', 'admin').where('active', '=', 1).execute();
          await notify(
            trx,
            admins.map((a) => ({
              userId: a.id,
              kind: 'facet_proposed' as const,
              actorId: actor.id,
              message: `${actor.name} proposed "${input.value}" for ${KIND_WORDS[input.kind]}`,
              dedupeKey: `proposal:${inserted.id}`,
            })),
            now,
          );
          return inserted;
        })
        .catch(async (err: unknown) => {
          // Two authors proposing the same value at once: the unique index keeps one; the other finds it.
          const first = await pendingProposal(input.kind, valueKey);
          if (!first) throw err;
          return first;
        });
      return (await views([row]))[0]!;
    },

    async list(actor: Actor, status: FacetProposal['status'] | 'all'): Promise<{ proposals: FacetProposal[] }> {
      requireRole(actor, 'admin');
      let q = db.selectFrom('facet_proposals').selectAll().orderBy('proposed_at', 'desc').orderBy('id', 'desc').limit(500);
      if (status !== 'all') q = q.where('status', '=', status);
      return { proposals: await views(await q.execute()) };
    },

    /** The value joins its taxonomy (unless an admin already added it in another spelling). */
    async accept(actor: Actor, id: number, family?: string): Promise<FacetProposal> {
      requireRole(actor, 'admin');
      const row = await one(id);
      await db.transaction().execute(async (trx) => {
        await decide(
          trx,
          actor,
          row,
          'accepted',
          null,
          `${actor.name} added "${row.value}" to ${KIND_WORDS[row.kind as FacetProposal['kind']]}`,
        );
        await taxonomies.addTerm(
          trx,
          actor,
          row.kind as FacetProposal['kind'],
          { value: row.value, family },
          { via: 'proposal', proposalId: Number(row.id) },
        );
      });
      return (await views([await one(id)]))[0]!;
    },

    async reject(actor: Actor, id: number, reason: string): Promise<FacetProposal> {
      requireRole(actor, 'admin');
      const row = await one(id);
      await db
        .transaction()
        .execute((trx) =>
          decide(
            trx,
            actor,
            row,
            'rejected',
            reason,
            `${actor.name} did not add "${row.value}" to ${KIND_WORDS[row.kind as FacetProposal['kind']]}: ${reason}. Items that carry it keep it until you edit them.`,
          ),
        );
      return (await views([await one(id)]))[0]!;
    },
  };
}
export type FacetProposals = ReturnType<typeof createFacetProposals>;
