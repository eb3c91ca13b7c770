import type { Transaction } from 'kysely';
import { z } from 'zod';
import type { Db } from '../db/database';
import type { Database } from '../db/schema';
import { EVENT_TYPES } from '../events/schema';

type Executor = Db | Transaction<Database>;

const MilliPoints = z.number().int().min(0).max(100_000_000);
const EventType = z.enum(EVENT_TYPES);

/**
 * The rules that turn usage events into credit. Stored as versioned JSON in `credit_policies`;
 * every ledger entry records the version it was computed under, so publishing a new version never
 * changes what was already credited.
 */
export const CreditPolicyRules = z
  .object({
    /** Milli-points an event earns for the item's authors (split by their shares). */
    pointsPerEvent: z
      .object(Object.fromEntries(EVENT_TYPES.map((t) => [t, MilliPoints])) as Record<(typeof EVENT_TYPES)[number], typeof MilliPoints>)
      .strict(),
    /** Types credited at most once per viewer, item and UTC day (views: reloading a page earns nothing). */
    oncePerDay: z.array(EventType).max(EVENT_TYPES.length),
    /** Types credited at most once per viewer and item, ever (a helpful mark counts once). */
    oncePerItem: z.array(EventType).max(EVENT_TYPES.length),
    /** Milli-points one person's actions may earn for others per UTC day; the rest earns nothing. */
    dailyCapPerViewer: MilliPoints,
    /** No credit when a leader acts on items authored by people in the teams they lead. */
    noLeaderFarming: z.boolean(),
    /**
     * Influence pool of a won deal by amount: the band with the largest `minAmount` not above the
     * amount applies (a deal without an amount falls into the lowest band).
     */
    influencePools: z
      .array(z.object({ minAmount: z.number().min(0), milliPoints: MilliPoints }).strict())
      .min(1)
      .max(20)
      .refine((bands) => bands[0]?.minAmount === 0, { message: 'the first band starts at 0' })
      .refine((bands) => bands.every((b, i) => i === 0 || b.minAmount > (bands[i - 1]?.minAmount ?? 0)), {
        message: 'bands are sorted by minAmount, without repeats',
      }),
  })
  .strict();
export type CreditPolicyRules = z.infer<typeof CreditPolicyRules>;

export interface CreditPolicy {
  version: number;
  publishedAt: string;
  publishedBy: string;
  rules: CreditPolicyRules;
}

/** Version 1, written the first time the ledger needs a policy. */
export const DEFAULT_POLICY_RULES: CreditPolicyRules = {
  pointsPerEvent: { view: 1000, share_internal: 3000, share_external: 5000, attach: 5000, helpful: 2000, derive: 10000, flag_outdated: 0 },
  oncePerDay: ['view', 'share_internal', 'share_external'],
  oncePerItem: ['helpful', 'derive'],
  dailyCapPerViewer: 50_000,
  noLeaderFarming: true,
  influencePools: [
    { minAmount: 0, milliPoints: 10_000 },
    { minAmount: 50_000, milliPoints: 25_000 },
    { minAmount: 250_000, milliPoints: 50_000 },
    { minAmount: 1_000_000, milliPoints: 100_000 },
  ],
};

/** The pool a won deal of this amount earns for the items that influenced it. */
export function influencePool(rules: CreditPolicyRules, amount: number | null): number {
  let pool = rules.influencePools[0]?.milliPoints ?? 0;
  for (const band of rules.influencePools) if ((amount ?? 0) >= band.minAmount) pool = band.milliPoints;
  return pool;
}

export function createPolicyStore(db: Db, clock: () => Date) {
  const toPolicy = (r: { version: number; published_at: string; published_by: string; rules: string }): CreditPolicy => ({
    version: Number(r.version),
    publishedAt: r.published_at,
    publishedBy: r.published_by,
    rules: CreditPolicyRules.parse(JSON.parse(r.rules)),
  });

  return {
    /** The newest published policy; version 1 (the defaults) is written lazily when none exists. */
    async current(ex: Executor = db): Promise<CreditPolicy> {
      const row = await ex.selectFrom('credit_policies').selectAll().orderBy('version', 'desc').limit(1).executeTakeFirst();
      if (row) return toPolicy(row);
      await ex
        .insertInto('credit_policies')
        .values({ version: 1, published_at: clock().toISOString(), published_by: 'system', rules: JSON.stringify(DEFAULT_POLICY_RULES) })
        .onConflict((oc) => oc.column('version').doNothing())
        .execute();
      return toPolicy(await ex.selectFrom('credit_policies').selectAll().where('version', '=', 1).executeTakeFirstOrThrow());
    },

    /** Publishes the next version; returns null when another publish took the version first. */
    async publish(actorId: string, rules: CreditPolicyRules): Promise<CreditPolicy | null> {
      const latest = await this.current();
      const row = { version: latest.version + 1, published_at: clock().toISOString(), published_by: actorId, rules: JSON.stringify(rules) };
      const inserted = await db
        .insertInto('credit_policies')
        .values(row)
        .onConflict((oc) => oc.column('version').doNothing())
        .executeTakeFirst();
      if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 0) return null;
      return toPolicy(row);
    },
  };
}
export type PolicyStore = ReturnType<typeof createPolicyStore>;
