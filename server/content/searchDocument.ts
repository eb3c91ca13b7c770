import crypto from 'node:crypto';
import type { UserStore } from '../auth/store';
import type { DocumentSource } from '../../search-index/relay';
import { markdownToText } from './markdown';
import { facetsOf, type ContentRecord, type ContentStore, type FacetFields } from './store';

/** What the content index holds for one published item. */
export interface ContentSearchDocument extends FacetFields {
  id: string;
  kind: string;
  contentType: string;
  title: string;
  summary: string;
  body: string;
  products: string[];
  productFamilies: string[];
  audience: string;
  authors: { userId: string; name: string; role: string }[];
  authorIds: string[];
  authorNames: string[];
  ownerId: string;
  visibilityScope: string;
  visibleTeams: string[];
  /** Authors (not contributors), owner and (for confidential items) the named readers. */
  visibleUsers: string[];
  verifiedAt: string | null;
  verifyEveryDays: number | null;
  expiresAt: string | null;
  updatedAt: string;
  publishedAtTs: number | null;
  updatedAtTs: number;
  verifiedAtTs: number | null;
  expiresAtTs: number | null;
  /** Times others reused it (flow_item_stats as last folded): the "most reused" sort. */
  reuseCount: number;
  /** Hash of the rest of the document: reconciliation compares it to find stale copies. */
  docHash: string;
}

/** The body is indexed as plain text, capped: long appendices add noise, not recall. */
const MAX_INDEXED_BODY = 30_000;

const ts = (iso: string | null) => (iso ? Date.parse(iso) : null);

export function toSearchDocument(
  record: ContentRecord,
  names: Map<string, string>,
  familyOf: (product: string) => string | undefined = () => undefined,
  reuseCount = 0,
): ContentSearchDocument {
  const authors = record.authors.map((a) => ({ userId: a.userId, name: names.get(a.userId) ?? a.userId, role: a.role }));
  const v = record.visibility;
  const doc: Omit<ContentSearchDocument, 'docHash'> = {
    id: record.id,
    kind: record.kind,
    contentType: record.contentType,
    title: record.title,
    summary: record.summary,
    body: markdownToText(record.body).slice(0, MAX_INDEXED_BODY),
    products: record.products,
    productFamilies: [...new Set(record.products.map(familyOf).filter((f): f is string => !!f))],
    ...facetsOf(record),
    audience: record.audience,
    authors,
    authorIds: authors.map((a) => a.userId),
    authorNames: authors.map((a) => a.name),
    ownerId: record.ownerId,
    visibilityScope: v.scope,
    visibleTeams: v.scope === 'teams' ? v.teams : [],
    // The same people canSee lets in: contributors are credited but are not granted access by it.
    visibleUsers: [...new Set([...record.authors.filter((a) => a.role !== 'contributor').map((a) => a.userId), record.ownerId, ...(v.scope === 'confidential' ? v.users : [])])],
    verifiedAt: record.verifiedAt,
    verifyEveryDays: record.verifyEveryDays,
    expiresAt: record.expiresAt,
    updatedAt: record.updatedAt,
    publishedAtTs: ts(record.publishedAt),
    updatedAtTs: Date.parse(record.updatedAt),
    verifiedAtTs: ts(record.verifiedAt),
    expiresAtTs: ts(record.expiresAt),
    reuseCount,
  };
  return { ...doc, docHash: crypto.createHash('sha1').update(JSON.stringify(doc)).digest('hex') };
}

/** Only published items are searchable; drafts, items in review and archived items are removed. */
export function createContentDocumentSource(deps: {
  content: ContentStore;
  users: UserStore;
  /** Product name (lower case) → family, so items match deals on the product family too. */
  productFamilies?: () => Promise<Map<string, string>>;
  /** Reuse by others per item id (absent: 0), for the "most reused" sort. */
  reuseCounts?: (ids: string[]) => Promise<Map<string, number>>;
}): DocumentSource<ContentSearchDocument> {
  return {
    async load(ids) {
      const families = (await deps.productFamilies?.()) ?? new Map<string, string>();
      const familyOf = (product: string) => families.get(product.toLowerCase());
      const records = await deps.content.getMany(ids);
      const userIds = [...records.values()].flatMap((r) => r.authors.map((a) => a.userId));
      const users = await deps.users.getMany(userIds);
      const names = new Map([...users].map(([id, u]) => [id, u.name]));
      const reuse = (await deps.reuseCounts?.(ids)) ?? new Map<string, number>();
      const out = new Map<string, ContentSearchDocument | null>();
      for (const id of ids) {
        const r = records.get(id);
        out.set(id, r && r.status === 'published' ? toSearchDocument(r, names, familyOf, reuse.get(id) ?? 0) : null);
      }
      return out;
    },
  };
}
