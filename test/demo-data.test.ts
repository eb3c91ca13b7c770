/**
 * Invariants of the demo data set (server/demo): every content file loads and validates, counts,
 * referential integrity, facet values from the catalog, credit shares, text quality, and that
 * every item and opportunity passes the hub's own input schemas.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CreateContent, ImportLine, KIND_OF_TYPE, CONTENT_TYPES } from '../server/content/schema';
import { UpsertOpportunity } from '../server/opportunities/schema';
import {
  DEMO_COMPETITORS,
  DEMO_CONTACT_ROLES,
  DEMO_INDUSTRIES,
  DEMO_OPEN_STAGES,
  DEMO_PERSONAS,
  DEMO_PRODUCTS,
  DEMO_PRODUCT_FAMILIES,
  DEMO_REGIONS,
  DEMO_SEGMENTS,
  DEMO_STAGES,
  DEMO_TEAMS,
  DEMO_USERS,
  demoOpportunities,
} from '../server/demo/catalog';
import {
  DEMO_CONTENT_DIR,
  demoContent,
  demoSources,
  demoWinLossMeta,
  demoWinLossStructures,
  type DemoContentItem,
} from '../server/demo/content';
import { WinLossStructure } from '../server/winloss/schema';

const NOW = new Date('2025-06-15T10:30:00.000Z');
const DAY = 86_400_000;
const items = demoContent(NOW);
const opps = demoOpportunities(NOW);
const userIds = new Set(DEMO_USERS.map((u) => u.id));
const byExternal = new Map(items.map((i) => [i.externalId, i]));
const DEMO_WIN_LOSS_META = demoWinLossMeta();

const FACETS: Record<'products' | 'industries' | 'segments' | 'regions' | 'competitors' | 'stages' | 'personas', Set<string>> = {
  products: new Set(DEMO_PRODUCTS.map((p) => p.name)),
  industries: new Set(DEMO_INDUSTRIES),
  segments: new Set(DEMO_SEGMENTS),
  regions: new Set(DEMO_REGIONS),
  competitors: new Set(DEMO_COMPETITORS),
  stages: new Set(DEMO_STAGES),
  personas: new Set(DEMO_PERSONAS),
};

function words(text: string): number {
  return text.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
}
function allText(i: DemoContentItem): string {
  return [i.title, i.summary, i.body, ...(i.links ?? []).map((l) => l.title)].join('\n');
}
function ofType(t: string): DemoContentItem[] {
  return items.filter((i) => i.contentType === t);
}

describe('demo content files', () => {
  const files = fs.readdirSync(DEMO_CONTENT_DIR, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.md'));

  it('when the files are loaded, then every one becomes exactly one item, from the folder of its content type', () => {
    expect(files.length).toBe(items.length);
    const sources = demoSources();
    expect(new Set(sources.map((s) => s.file)).size).toBe(files.length);
    for (const s of sources) expect(path.basename(path.dirname(s.file))).toBe(s.meta.type);
  });

  it('when an item is loaded, then it passes the import schema the seed parses it with', () => {
    for (const i of items) {
      const { publishedAt: _p, verifiedAt: _v, ...line } = i;
      const r = ImportLine.safeParse(line);
      if (!r.success) throw new Error(`${i.externalId}: ${JSON.stringify(r.error.issues)}`);
    }
  });

  it('when a file has a wrong field, then loading fails naming the file and the field', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'demo-content-'));
    try {
      const [good] = demoSources();
      const text = fs.readFileSync(path.resolve(good?.file ?? ''), 'utf8');
      fs.mkdirSync(path.join(dir, 'battlecard'));
      fs.writeFileSync(path.join(dir, 'battlecard', 'typo.md'), text.replace(/^competitors: \[.*\]$/m, 'competitors: [Snowcrust]'));
      fs.writeFileSync(
        path.join(dir, 'battlecard', 'no-date.md'),
        text.replace(/^id: .*$/m, 'id: demo-0999').replace(/^publishedDaysAgo: .*\n/m, ''),
      );
      fs.writeFileSync(
        path.join(dir, 'battlecard', 'unquoted.md'),
        text.replace(/^id: .*$/m, 'id: demo-0998').replace(/^title: .*$/m, 'title: Battlecard: Snowcrest'),
      );
      expect(() => demoSources(dir)).toThrow(/typo\.md: competitors\.0: /);
      expect(() => demoSources(dir)).toThrow(/no-date\.md: publishedDaysAgo: required for a published item/);
      expect(() => demoSources(dir)).toThrow(/unquoted\.md: line 4: quote "Battlecard: Snowcrest"/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('demo catalog', () => {
  it('has 9 products in exactly 3 families and the taxonomies', () => {
    expect(DEMO_PRODUCTS.length).toBeGreaterThanOrEqual(8);
    expect(new Set(DEMO_PRODUCTS.map((p) => p.family))).toEqual(new Set(DEMO_PRODUCT_FAMILIES));
    expect(DEMO_PRODUCT_FAMILIES).toHaveLength(3);
    expect(new Set(DEMO_PRODUCTS.map((p) => p.name)).size).toBe(DEMO_PRODUCTS.length);
    expect(DEMO_INDUSTRIES).toHaveLength(6);
    expect(DEMO_COMPETITORS).toHaveLength(5);
    expect(DEMO_SEGMENTS).toEqual(['Enterprise', 'Mid-Market', 'SMB']);
    expect(DEMO_REGIONS).toHaveLength(3);
    expect(DEMO_STAGES).toEqual(['Prospecting', 'Qualification', 'Discovery', 'Proposal', 'Negotiation', 'Closed Won', 'Closed Lost']);
    expect(DEMO_PERSONAS.length).toBeGreaterThanOrEqual(5);
  });

  it('has 30 users in 4 teams with every role, a leader per team and 1-2 admins', () => {
    expect(DEMO_USERS).toHaveLength(30);
    expect(userIds.size).toBe(30);
    expect(new Set(DEMO_USERS.map((u) => u.email)).size).toBe(30);
    expect(new Set(DEMO_USERS.map((u) => u.team))).toEqual(new Set(DEMO_TEAMS));
    expect(DEMO_TEAMS).toHaveLength(4);
    const count = (role: string) => DEMO_USERS.filter((u) => u.role === role).length;
    expect(count('rep')).toBeGreaterThan(count('author'));
    expect(count('author')).toBeGreaterThanOrEqual(3);
    expect(count('admin')).toBeGreaterThanOrEqual(1);
    expect(count('admin')).toBeLessThanOrEqual(2);
    expect(count('rep') + count('author') + count('leader') + count('admin')).toBe(30);
    for (const team of DEMO_TEAMS) {
      const leaders = DEMO_USERS.filter((u) => u.role === 'leader' && u.team === team);
      expect(leaders).toHaveLength(1);
      expect(leaders[0]?.leadsTeams).toEqual([team]);
    }
    for (const u of DEMO_USERS) {
      expect(u.id).toMatch(/^u-[a-z0-9-]+$/);
      expect(u.email).toMatch(/^[a-z0-9.]+@northwind-data\.example$/);
      if (u.role !== 'leader') expect(u.leadsTeams).toBeUndefined();
      if (u.salesforceUserId !== undefined) expect(u.salesforceUserId).toMatch(/^005[A-Za-z0-9]{15}$/);
    }
  });
});

describe('demo opportunities', () => {
  it('has 40 opportunities across all stages, about 26 open and 14 closed', () => {
    expect(opps).toHaveLength(40);
    expect(new Set(opps.map((o) => o.id)).size).toBe(40);
    expect(new Set(opps.map((o) => o.stage))).toEqual(new Set(DEMO_STAGES));
    const open = opps.filter((o) => !o.isClosed);
    expect(open.length).toBeGreaterThanOrEqual(24);
    expect(open.length).toBeLessThanOrEqual(28);
    const closed = opps.filter((o) => o.isClosed);
    expect(closed.some((o) => o.isWon)).toBe(true);
    expect(closed.some((o) => !o.isWon)).toBe(true);
    expect(new Set(opps.map((o) => o.industry))).toEqual(new Set(DEMO_INDUSTRIES));
    expect(new Set(opps.map((o) => o.segment))).toEqual(new Set(DEMO_SEGMENTS));
    expect(new Set(opps.map((o) => o.region))).toEqual(new Set(DEMO_REGIONS));
  });

  it('has consistent fields, relative dates and valid references', () => {
    const today = NOW.toISOString().slice(0, 10);
    const ninetyDaysAgo = new Date(NOW.getTime() - 90 * DAY).toISOString().slice(0, 10);
    const families = new Map(DEMO_PRODUCTS.map((p) => [p.name, p.family]));
    const reps = new Set(DEMO_USERS.filter((u) => u.role === 'rep').map((u) => u.id));
    for (const o of opps) {
      expect(o.id).toMatch(/^opp-\d{3}$/);
      expect(() => UpsertOpportunity.parse(o)).not.toThrow();
      expect(o.closeDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(o.isClosed).toBe(o.stage === 'Closed Won' || o.stage === 'Closed Lost');
      expect(o.isWon).toBe(o.stage === 'Closed Won');
      if (o.isClosed) {
        expect(o.closeDate <= today).toBe(true);
        expect(o.closeDate >= ninetyDaysAgo).toBe(true);
      } else {
        expect(DEMO_OPEN_STAGES).toContain(o.stage);
        expect(o.closeDate > today).toBe(true);
      }
      expect(o.amount).toBeGreaterThanOrEqual(20_000);
      expect(o.amount).toBeLessThanOrEqual(2_500_000);
      expect(['USD', 'EUR']).toContain(o.currency);
      expect(DEMO_INDUSTRIES).toContain(o.industry);
      expect(DEMO_SEGMENTS).toContain(o.segment);
      expect(DEMO_REGIONS).toContain(o.region);
      expect(o.products.length).toBeGreaterThanOrEqual(1);
      expect(o.products.length).toBeLessThanOrEqual(3);
      for (const p of o.products) expect(families.get(p.name as never)).toBe(p.family);
      expect(o.competitors.length).toBeLessThanOrEqual(2);
      for (const c of o.competitors) expect(FACETS.competitors).toContain(c);
      expect(o.contactRoles.length).toBeGreaterThanOrEqual(2);
      expect(o.contactRoles.length).toBeLessThanOrEqual(4);
      for (const r of o.contactRoles) {
        expect(DEMO_CONTACT_ROLES).toContain(r.role);
        expect(FACETS.personas).toContain(r.title);
      }
      expect(reps).toContain(o.ownerId);
      const sentences = o.description.split(/(?<=[.!?])\s+/).filter(Boolean);
      expect(sentences.length).toBeGreaterThanOrEqual(1);
      expect(sentences.length).toBeLessThanOrEqual(3);
    }
  });
});

describe('demo content', () => {
  it('has at least 150 items with unique externalIds and titles', () => {
    expect(items.length).toBeGreaterThanOrEqual(150);
    expect(byExternal.size).toBe(items.length);
    expect(new Set(items.map((i) => i.title)).size).toBe(items.length);
    for (const i of items) expect(i.externalId).toMatch(/^demo-\d{4}$/);
  });

  it('covers every content type, with at least 5 of each and 20 win/loss analyses', () => {
    for (const t of CONTENT_TYPES) expect(ofType(t).length).toBeGreaterThanOrEqual(5);
    expect(ofType('win_loss_analysis').length).toBeGreaterThanOrEqual(20);
  });

  it('has kinds that match content types', () => {
    for (const i of items) expect(i.kind).toBe(KIND_OF_TYPE[i.contentType]);
  });

  it('passes the hub input schema (POST /api/content body without lifecycle timestamps)', () => {
    for (const i of items) {
      const { publishedAt: _p, verifiedAt: _v, ...body } = i;
      const r = CreateContent.safeParse(body);
      if (!r.success) throw new Error(`${i.externalId}: ${JSON.stringify(r.error.issues)}`);
    }
  });

  it('has author shares summing to 1, existing authors and owners, and at least 25 co-authored items', () => {
    for (const i of items) {
      const sum = i.authors.reduce((s, a) => s + a.share, 0);
      expect(Math.abs(sum - 1)).toBeLessThan(1e-9);
      expect(new Set(i.authors.map((a) => a.userId)).size).toBe(i.authors.length);
      expect(i.authors[0]?.role).toBe('author');
      for (const a of i.authors) {
        expect(userIds).toContain(a.userId);
        expect(a.share).toBeGreaterThan(0);
      }
      if (i.owner !== undefined) expect(userIds).toContain(i.owner);
    }
    expect(items.filter((i) => i.authors.length > 1).length).toBeGreaterThanOrEqual(25);
    // Every role that can write appears as an author somewhere, reps included.
    const authorRoles = new Set(items.flatMap((i) => i.authors.map((a) => DEMO_USERS.find((u) => u.id === a.userId)?.role)));
    for (const r of ['rep', 'author', 'leader']) expect(authorRoles).toContain(r);
  });

  it('uses facet values from the catalog only', () => {
    for (const i of items) {
      for (const [field, allowed] of Object.entries(FACETS)) {
        const values = i[field as keyof typeof FACETS];
        expect(new Set(values).size).toBe(values.length);
        for (const v of values) {
          if (!allowed.has(v)) throw new Error(`${i.externalId}: ${field} value "${v}" is not in the catalog`);
        }
      }
    }
  });

  it('has real text: no placeholders, Markdown bodies of 120-400 words, short summaries', () => {
    for (const i of items) {
      const text = allText(i);
      expect(text).not.toMatch(/lorem|ipsum|\bTODO\b|\bTBD\b|\bFIXME\b|placeholder|xxx/i);
      const n = words(i.body);
      if (n < 120 || n > 400) throw new Error(`${i.externalId} body has ${n} words`);
      expect(i.body).toMatch(/^#{2,3} /m);
      expect(i.body).toMatch(/^(- |\d+\. |\| )/m);
      expect(i.summary.length).toBeGreaterThan(40);
      expect(i.summary.split(/(?<=[.!?])\s+/).length).toBeLessThanOrEqual(2);
      for (const l of i.links ?? []) expect(l.url).toMatch(/^https:\/\/[a-z.-]+\.example\//);
    }
  });

  it('is not made of near-identical documents', () => {
    const openings = new Set(items.map((i) => i.body.slice(0, 160)));
    expect(openings.size).toBeGreaterThan(items.length * 0.8);
    const firstSentences = new Set(items.map((i) => i.summary.split(/[.:]/)[0]));
    expect(firstSentences.size).toBe(items.length);
  });

  it('contains the vocabulary that search demos rely on', () => {
    const corpus = items.map(allText).join('\n');
    for (const term of [
      'pricing',
      'ROI',
      'return on investment',
      'TCO',
      'total cost of ownership',
      'SSO',
      'GDPR',
      'data residency',
      'proof of concept',
    ]) {
      expect(corpus).toContain(term);
    }
    for (const c of DEMO_COMPETITORS) expect(items.filter((i) => i.body.includes(c)).length).toBeGreaterThanOrEqual(5);
    for (const p of DEMO_PRODUCTS) expect(items.filter((i) => i.products.includes(p.name)).length).toBeGreaterThanOrEqual(5);
  });

  it('has a realistic lifecycle relative to now', () => {
    const published = items.filter((i) => i.status === 'published');
    const drafts = items.filter((i) => i.status === 'draft');
    expect(published.length / items.length).toBeGreaterThanOrEqual(0.85);
    expect(published.length / items.length).toBeLessThanOrEqual(0.95);
    expect(drafts.length).toBeGreaterThan(0);
    const ages: number[] = [];
    for (const i of published) {
      expect(i.publishedAt).toBeDefined();
      const pub = Date.parse(i.publishedAt ?? '');
      expect(pub).toBeLessThanOrEqual(NOW.getTime());
      ages.push((NOW.getTime() - pub) / DAY);
      if (i.verifiedAt !== undefined) {
        const ver = Date.parse(i.verifiedAt);
        expect(ver).toBeGreaterThanOrEqual(pub);
        expect(ver).toBeLessThanOrEqual(NOW.getTime());
      }
    }
    for (const i of drafts) {
      expect(i.publishedAt).toBeUndefined();
      expect(i.verifiedAt).toBeUndefined();
    }
    expect(Math.max(...ages)).toBeLessThanOrEqual(18 * 31);
    expect(Math.max(...ages)).toBeGreaterThan(365);
    expect(ages.filter((a) => a < 30).length).toBeGreaterThan(10);

    const capability = items.filter((i) => i.kind === 'capability');
    expect(capability.filter((i) => i.verifyEveryDays === 90).length / capability.length).toBeGreaterThan(0.5);
    const verified = published.filter((i) => i.verifyEveryDays !== undefined && i.verifiedAt !== undefined);
    const overdue = verified.filter((i) => NOW.getTime() - Date.parse(i.verifiedAt ?? '') > (i.verifyEveryDays ?? 0) * DAY);
    expect(overdue.length).toBeGreaterThanOrEqual(3);
    expect(overdue.length).toBeLessThan(verified.length / 3);

    const expiring = items.filter((i) => i.expiresAt !== undefined);
    expect(expiring.some((i) => Date.parse(i.expiresAt ?? '') < NOW.getTime())).toBe(true);
    expect(expiring.some((i) => Date.parse(i.expiresAt ?? '') > NOW.getTime())).toBe(true);
  });

  it('is deterministic for a given now', () => {
    expect(demoContent(NOW)).toEqual(items);
  });
});

describe('win/loss analyses', () => {
  const winLoss = ofType('win_loss_analysis');

  it('has metadata for exactly the win/loss items, pointing at closed opportunities with matching outcomes', () => {
    expect(new Set(Object.keys(DEMO_WIN_LOSS_META))).toEqual(new Set(winLoss.map((i) => i.externalId)));
    const oppById = new Map(opps.map((o) => [o.id, o]));
    const linked = Object.entries(DEMO_WIN_LOSS_META).filter(([, m]) => m.opportunityId !== undefined);
    expect(linked.length).toBeGreaterThanOrEqual(10);
    expect(linked.length).toBeLessThan(winLoss.length);
    for (const [ext, meta] of linked) {
      const opp = oppById.get(meta.opportunityId ?? '');
      expect(opp?.isClosed).toBe(true);
      expect(opp?.isWon).toBe(meta.outcome === 'won');
      const item = byExternal.get(ext);
      expect(item?.industries).toEqual([opp?.industry]);
      expect(item?.competitors).toEqual(opp?.competitors);
      expect(item?.body).toContain(opp?.accountName ?? '?');
      // Published after the deal closed.
      if (item?.publishedAt) expect(item.publishedAt.slice(0, 10) >= (opp?.closeDate ?? '')).toBe(true);
    }
    const outcomes = new Set(Object.values(DEMO_WIN_LOSS_META).map((m) => m.outcome));
    expect(outcomes).toEqual(new Set(['won', 'lost', 'no_decision']));
    for (const i of winLoss) {
      const outcome = DEMO_WIN_LOSS_META[i.externalId]?.outcome;
      expect(i.stages).toEqual([outcome === 'won' ? 'Closed Won' : 'Closed Lost']);
    }
  });

  it('has both won and lost analyses against each competitor', () => {
    for (const c of DEMO_COMPETITORS) {
      const against = winLoss.filter((i) => i.competitors.includes(c));
      const outcomes = new Set(against.map((i) => DEMO_WIN_LOSS_META[i.externalId]?.outcome));
      expect({ competitor: c, won: outcomes.has('won'), lost: outcomes.has('lost') }).toEqual({ competitor: c, won: true, lost: true });
    }
  });

  it('mentions some competitors and products only in the body (text matching test)', () => {
    const bodyOnlyCompetitor = winLoss.filter((i) => DEMO_COMPETITORS.some((c) => i.body.includes(c) && !i.competitors.includes(c)));
    expect(bodyOnlyCompetitor.length).toBeGreaterThanOrEqual(3);
    const bodyOnlyProduct = winLoss.filter((i) => DEMO_PRODUCTS.some((p) => i.body.includes(p.name) && !i.products.includes(p.name)));
    expect(bodyOnlyProduct.length).toBeGreaterThanOrEqual(1);
  });

  it('have sections the win/loss structure is read from, and personas from their stakeholders', () => {
    const structures = demoWinLossStructures(NOW);
    expect(new Set(Object.keys(structures))).toEqual(new Set(winLoss.map((i) => i.externalId)));
    for (const i of winLoss) {
      const parsed = WinLossStructure.safeParse(structures[i.externalId]);
      if (!parsed.success) throw new Error(`${i.externalId}: ${JSON.stringify(parsed.error.issues)}`);
      const s = parsed.data;
      expect(s.reasons.length).toBeGreaterThan(0);
      expect(s.lessons.length).toBeGreaterThan(0);
      expect(i.personas).toEqual([...new Set(s.stakeholders.map((x) => x.title))]);
      expect(i.body.startsWith('## Deal snapshot\n')).toBe(true);
    }
  });

  it('are written mostly by reps', () => {
    const reps = new Set(DEMO_USERS.filter((u) => u.role === 'rep').map((u) => u.id));
    const byRep = winLoss.filter((i) => reps.has(i.authors[0]?.userId ?? ''));
    expect(byRep.length / winLoss.length).toBeGreaterThan(0.8);
  });
});

describe('situational knowledge lines up with the pipeline', () => {
  it('gives every open opportunity at least one situational item with the same industry and a shared competitor or product', () => {
    const situational = items.filter((i) => i.kind === 'situational' && i.status === 'published');
    for (const o of opps.filter((x) => !x.isClosed)) {
      const products = o.products.map((p) => p.name);
      const similar = situational.filter(
        (i) =>
          i.industries.includes(o.industry) &&
          (o.competitors.some((c) => i.competitors.includes(c)) || products.some((p) => i.products.includes(p))),
      );
      if (similar.length === 0) throw new Error(`${o.id} (${o.accountName}) has no similar situational knowledge`);
    }
  });

  it('covers every competitor and industry in open deals with capability and situational knowledge', () => {
    const open = opps.filter((o) => !o.isClosed);
    for (const c of new Set(open.flatMap((o) => o.competitors))) {
      expect(items.some((i) => i.contentType === 'battlecard' && i.competitors.includes(c))).toBe(true);
      expect(items.some((i) => i.kind === 'situational' && i.competitors.includes(c))).toBe(true);
    }
    for (const ind of new Set(open.map((o) => o.industry))) {
      expect(items.some((i) => i.kind === 'capability' && i.industries.includes(ind))).toBe(true);
    }
  });
});
