import type { CreditPolicyRules } from './policy';

// One formatter for the process: `toLocaleString` builds a new one per call, and a statement
// explains every one of its lines (thousands) with a sentence that formats points.
const POINTS = new Intl.NumberFormat('en', { maximumFractionDigits: 3 });

/** Milli-points as people read them: 1000 → "1 point", 2500 → "2.5 points". */
export function pointsInWords(milliPoints: number): string {
  const points = milliPoints / 1000;
  const text = POINTS.format(points);
  return `${text} ${Math.abs(points) === 1 ? 'point' : 'points'}`;
}

const ACTIONS: Record<string, string> = {
  view: 'a view by someone else',
  share_internal: 'sharing it with a colleague',
  share_external: 'sharing it with a client',
  attach: 'attaching it to a deal',
  helpful: 'marking it helpful',
  derive: 'deriving a new item from it',
  flag_outdated: 'flagging it outdated',
};

/**
 * The rule of the credit policy that gave a ledger line its points, in one sentence a rep can
 * check against the policy (GET /api/credits/policies/current shows the one in force). Written
 * on the server from the version the entry recorded, so a line credited under v1 keeps explaining
 * itself with v1's figures after v2 is published.
 */
export function creditRule(type: string, version: number, rules: CreditPolicyRules | undefined): string {
  const v = `Policy v${version}`;
  if (type.endsWith('_reversal')) {
    return `${v}: cancels an earlier credit for the same event (the deal was reopened or lost, so its influence no longer counts).`;
  }
  if (type === 'influence') {
    const lowest = rules?.influencePools[0];
    const pool = lowest ? ` (from ${pointsInWords(lowest.milliPoints)} for the smallest deals, more for larger ones)` : '';
    return `${v}: a won deal shares its influence pool${pool} between the items that helped win it, split by author share.`;
  }
  const action = ACTIONS[type] ?? type.replace(/_/g, ' ');
  if (!rules) return `${v}: ${action}, split by author share.`;
  const points = rules.pointsPerEvent[type as keyof CreditPolicyRules['pointsPerEvent']] ?? 0;
  const limit = rules.oncePerDay.includes(type as never)
    ? ', once per person, item and day'
    : rules.oncePerItem.includes(type as never)
      ? ', once per person and item'
      : '';
  return `${v}: ${action} earns the authors ${pointsInWords(points)}${limit}, split by author share.`;
}
