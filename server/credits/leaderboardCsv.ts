import type { Leaderboard, TrendQuarter } from './schema';

/*
 * The leaderboard as a spreadsheet reads it: exactly the screen's columns and rows in rank order,
 * numbers with the screen's precision, so the file and the page never disagree; and CSV cells
 * that a spreadsheet cannot be tricked into running as formulas.
 */

/** A CSV cell: text that a spreadsheet would run as a formula gets a leading apostrophe; quoted when needed. */
export function csvCell(value: string | number): string {
  // Numbers are ours (a negative total is not a formula); text may come from users.
  if (typeof value === 'number') return String(value);
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** The leaderboard's fixed columns, in screen order; the trend's quarters follow (`leaderboardColumns`). */
export const LEADERBOARD_COLUMNS = [
  'Rank',
  'Person',
  'Team',
  'Points',
  'Items',
  'Reused by',
  'Views',
  'Sharing',
  'Participating',
  'Contributing',
] as const;

/**
 * One decimal, no thousands separator: how the leaderboard shows points and engagement levels
 * (contributing is fractional, so all three levels share its precision). The component formats
 * with the same rule (`formatTenths` in c/creditFormat).
 */
export function tenths(value: number): string {
  // Half away from zero, so a reversal of -0.25 reads -0.3 like its +0.25 reads 0.3.
  return ((Math.sign(value) * Math.round(Math.abs(value) * 10)) / 10).toFixed(1);
}

/** The leaderboard's columns for a set of trend quarters: the fixed ones, then one per quarter. */
export function leaderboardColumns(quarters: readonly TrendQuarter[]): string[] {
  return [...LEADERBOARD_COLUMNS, ...quarters.map((q) => q.label)];
}

/** The leaderboard as CSV: the columns of `leaderboardColumns`, one row per person in rank order, CRLF line ends. */
export function leaderboardCsv(board: Leaderboard): string {
  const lines = [leaderboardColumns(board.quarters).map(csvCell).join(',')];
  board.rows.forEach((r, i) => {
    // Formatted numbers are ours ("-0.3" is a reversal, not a formula): written as they are.
    const own = [
      tenths(r.milliPoints / 1000),
      String(r.items),
      String(r.reusedBy),
      String(r.views),
      tenths(r.engagement.sharing),
      tenths(r.engagement.participating),
      tenths(r.engagement.contributing),
      ...r.trend.map((mp) => tenths(mp / 1000)),
    ];
    lines.push([String(i + 1), csvCell(r.name), csvCell(r.team), ...own].join(','));
  });
  return lines.join('\r\n') + '\r\n';
}
