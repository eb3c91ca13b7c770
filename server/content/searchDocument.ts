import crypto from 'node:crypto';
import type { UserStore } from '../auth/store';
import type { DocumentSource } from '../../search-index/documents';
import { digest, EMBEDDER_NAME, type Embedder } from '../embeddings/embedder';
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
  /** The item's vector for hybrid search (null: none could be computed; a reindex retries). */
  _vectors?: Record<string, number[] | null>;
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
    visibleUsers: [
      ...new Set([
        ...record.authors.filter((a) => a.role !== 'contributor').map((a) => a.userId),
        record.ownerId,
        ...(v.scope === 'confidential' ? v.users : []),
      ]),
    ],
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
  /** Gives each document its vector; null or absent: keyword search only. */
  embedder?: Embedder | null;
  onEmbedderError?: (err: Error) => void;
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
      if (deps.embedder)
        await withVectors(
          [...out.values()].filter((d): d is ContentSearchDocument => d !== null),
          deps.embedder,
          deps.onEmbedderError,
        );
      return out;
    },
  };
}

/** The text an item's vector is computed from: what it is about comes first. */
export const embeddingText = (d: Pick<ContentSearchDocument, 'title' | 'summary' | 'body'>) =>
  `${d.title}.\n${d.summary}\n${d.body}`.slice(0, 8000);

/**
 * Adds each document's vector, and mixes the model's identity into its hash: after a change of
 * model every document differs from its indexed copy, so `npm run reindex` re-embeds them all.
 * When the model cannot answer, the documents go without vectors (keyword search must not wait
 * for it) under a hash that the next reindex replaces.
 */
async function withVectors(docs: ContentSearchDocument[], embedder: Embedder, onError?: (err: Error) => void): Promise<void> {
  if (docs.length === 0) return;
  let vectors: number[][] | null = null;
  try {
    vectors = await embedder.embed(docs.map(embeddingText));
  } catch (err) {
    onError?.(err as Error);
  }
  docs.forEach((d, i) => {
    const v = vectors?.[i];
    const usable = v && v.some((x) => x !== 0);
    d._vectors = { [EMBEDDER_NAME]: usable ? v : null };
    d.docHash = digest(d.docHash, usable ? embedder.id : 'no-vector');
  });
}
