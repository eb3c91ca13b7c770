import type { WinLossStructure } from './schema';

const OUTCOME_LABEL = { won: 'Won', lost: 'Lost', no_decision: 'No decision' } as const;

const list = (items: string[]) => items.map((i) => `- ${i}`).join('\n');

/**
 * The Markdown body of an analysis, rendered from its structure: what readers see and what the
 * search index reads (so a competitor named only in the free text is still found).
 */
export function renderWinLoss(s: WinLossStructure): string {
  const parts: string[] = [];
  const snap = s.snapshot;
  parts.push(
    `**Outcome:** ${OUTCOME_LABEL[s.outcome]} · **Account:** ${snap.accountName}` +
      (snap.industry ? ` · **Industry:** ${snap.industry}` : '') +
      (snap.segment ? ` · **Segment:** ${snap.segment}` : '') +
      (snap.amountBand ? ` · **Size:** ${snap.amountBand}` : '') +
      (snap.closeDate ? ` · **Closed:** ${snap.closeDate}` : ''),
  );
  if (snap.products.length || snap.competitors.length) {
    parts.push(`**Products:** ${snap.products.join(', ') || '–'} · **Competitors:** ${snap.competitors.join(', ') || 'none'}`);
  }
  parts.push(`## Primary reasons\n\n${list(s.reasons.map((r) => (r.text ? `**${r.code}**: ${r.text}` : `**${r.code}**`)))}`);
  if (s.competitorAnalysis.why || s.competitorAnalysis.winner) {
    parts.push(
      `## Competition\n\n${s.competitorAnalysis.winner ? `**Who won:** ${s.competitorAnalysis.winner}\n\n` : ''}${s.competitorAnalysis.why}`,
    );
  }
  if (s.situation) parts.push(`## Customer situation\n\n${s.situation}`);
  if (s.challenges) parts.push(`## Challenges\n\n${s.challenges}`);
  if (s.stakeholders.length) {
    const rows = s.stakeholders.map(
      (p) => `| ${p.role} | ${p.title} | ${p.influence} | ${p.stance} | ${[p.priorities, p.concepts].filter(Boolean).join(' — ')} |`,
    );
    parts.push(
      `## Stakeholders\n\n| Role | Title | Influence | Stance | Priorities and concepts |\n|---|---|---|---|---|\n${rows.join('\n')}`,
    );
  }
  if (s.decisionCriteria.length) parts.push(`## Decision criteria\n\n${list(s.decisionCriteria)}`);
  if (s.decisionProcess.timeline || s.decisionProcess.committee) {
    parts.push(
      `## Decision process\n\n${s.decisionProcess.timeline ? `**Timeline:** ${s.decisionProcess.timeline}\n\n` : ''}${s.decisionProcess.committee ? `**Committee:** ${s.decisionProcess.committee}` : ''}`,
    );
  }
  if (s.whatWorked.length) parts.push(`## What worked\n\n${list(s.whatWorked)}`);
  if (s.whatToAvoid.length) parts.push(`## What to avoid\n\n${list(s.whatToAvoid)}`);
  if (s.lessons.length) parts.push(`## Lessons\n\n${list(s.lessons)}`);
  return parts.join('\n\n');
}
