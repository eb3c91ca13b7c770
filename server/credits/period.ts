import type { TrendQuarter } from './schema';

/** A period as asked for, and its half-open UTC bounds [start, end) in the ledger's ISO format. */
export interface Period {
  from: string;
  to: string;
  start: string;
  end: string;
}

const isDate = (s: string) => /^\d{4}-\d{2}-\d{2}$/.test(s);

/**
 * Dates mean whole UTC days (both ends included); timestamps are exact (both ends included).
 * Kept free of any database import: the offline statement verifier recomputes a statement's
 * bounds from its `from` and `to` with this same function.
 */
export function periodOf(query: { from?: string; to?: string }, now: Date): Period {
  const today = now.toISOString().slice(0, 10);
  const from = query.from ?? `${today.slice(0, 8)}01`;
  const to = query.to ?? today;
  const start = isDate(from) ? `${from}T00:00:00.000Z` : new Date(from).toISOString();
  const end = isDate(to)
    ? new Date(Date.parse(`${to}T00:00:00.000Z`) + 86_400_000).toISOString()
    : new Date(Date.parse(to) + 1).toISOString();
  return { from, to, start, end };
}

/**
 * The four calendar quarters (UTC) ending with the one that holds the period's last day, oldest
 * first. Anchored on the period rather than today, so a past period shows the trend up to it.
 */
export function trendQuarters(period: Period, now: Date): (TrendQuarter & { start: string; end: string })[] {
  const last = new Date(Date.parse(period.end) - 1);
  const index = last.getUTCFullYear() * 4 + Math.floor(last.getUTCMonth() / 3);
  return [3, 2, 1, 0].map((back) => {
    const i = index - back;
    const year = Math.floor(i / 4);
    const q = i % 4;
    const start = new Date(Date.UTC(year, q * 3, 1));
    const end = new Date(Date.UTC(year, q * 3 + 3, 1));
    const day = (d: Date) => d.toISOString().slice(0, 10);
    return {
      label: `${year} Q${q + 1}`,
      from: day(start),
      to: day(new Date(end.getTime() - 86_400_000)),
      partial: end.getTime() > now.getTime(),
      start: start.toISOString(),
      end: end.toISOString(),
    };
  });
}
