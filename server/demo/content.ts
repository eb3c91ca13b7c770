/**
 * Demo content for the Knowledge Hub: capability and situational knowledge of the fictional
 * vendor Northwind Data. Each item has the shape of the POST /api/content body plus lifecycle
 * timestamps (publishedAt, verifiedAt) that a seeder may apply directly.
 *
 * externalId ranges: battlecards 0001-, product sheets 0021-, pitch decks 0041-, demo scripts 0061-,
 * pricing guides 0081-, FAQs 0101-, best practices 0121-, case studies 0141-, win/loss analyses 0201-,
 * account insights 0301-, stakeholder maps 0401-, deal stories 0501-, objection handling 0601-.
 */
import { accountContent } from './content-accounts';
import { capabilityContentPart1 } from './content-capability';
import { capabilityContentPart2 } from './content-enablement';
import { storyContent } from './content-stories';
import { winLossContent } from './content-winloss';
import type { DemoContentItem } from './kit';

export type { DemoAuthor, DemoAuthorRole, DemoContentItem, DemoContentType, DemoLink } from './kit';
export { DEMO_CAPABILITY_TYPES, DEMO_SITUATIONAL_TYPES } from './kit';
export { DEMO_WIN_LOSS_META, type DemoOutcome } from './content-winloss';

/** All demo content items, with dates relative to `now`. Deterministic for a given `now`. */
export function demoContent(now: Date): DemoContentItem[] {
  return [
    ...capabilityContentPart1(now),
    ...capabilityContentPart2(now),
    ...winLossContent(now),
    ...accountContent(now),
    ...storyContent(now),
  ];
}
