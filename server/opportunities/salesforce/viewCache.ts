import type { Opportunity } from '../schema';

/*
 * Per-user answers of the live opportunity reads (get and list), kept for a short while.
 * Each page view used to be a live SOQL call against the org's daily API limit; the sync keeps
 * the snapshot fresh for reports, but a view must still answer with what Salesforce lets *this*
 * user see. Reusing that answer for a bounded time (SALESFORCE_VIEW_CACHE_SECONDS, at most five
 * minutes) spends one call per user and question per window instead of one per view. The price is
 * staleness, bounded by the TTL: a deal changed in Salesforce, or access granted or revoked there,
 * shows in the hub's views at most that many seconds later.
 */

/** Entries at most; the oldest are dropped past it (one entry per user and question). */
const MAX_ENTRIES = 5_000;

export class ViewCache {
  private readonly entries = new Map<string, { until: number; value: Opportunity[] }>();

  constructor(
    private readonly ttlMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  get enabled(): boolean {
    return this.ttlMs > 0;
  }

  /**
   * The cached answer to `key`, or `load`'s, stored for the TTL. Failures are not stored (the
   * next view asks again). Copies are handed out so no caller can change another's answer.
   */
  async through(key: string, load: () => Promise<Opportunity[]>): Promise<Opportunity[]> {
    if (!this.enabled) return load();
    const t = this.now();
    const hit = this.entries.get(key);
    if (hit && hit.until > t) return structuredClone(hit.value);
    if (hit) this.entries.delete(key);
    const value = await load();
    if (this.entries.size >= MAX_ENTRIES) {
      // Maps iterate in insertion order: drop the oldest tenth at once rather than one per insert.
      let drop = Math.ceil(MAX_ENTRIES / 10);
      for (const k of this.entries.keys()) {
        if (drop-- <= 0) break;
        this.entries.delete(k);
      }
    }
    this.entries.set(key, { until: t + this.ttlMs, value: structuredClone(value) });
    return value;
  }

  clear(): void {
    this.entries.clear();
  }
}
