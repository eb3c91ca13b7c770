import { z } from 'zod';

export const KIND = ['capability', 'situational'] as const;
export const CONTENT_TYPES = [
  'battlecard',
  'product_sheet',
  'pitch_deck',
  'demo_script',
  'pricing_guide',
  'faq',
  'best_practice',
  'case_study',
  'win_loss_analysis',
  'account_insight',
  'stakeholder_map',
  'deal_story',
  'objection_handling',
] as const;
export const AUTHOR_ROLES = ['author', 'co_author', 'contributor', 'editor'] as const;
export const AUDIENCES = ['internal', 'client_facing', 'partner'] as const;
export const STATUSES = ['draft', 'in_review', 'published', 'archived'] as const;
export const FACET_FIELDS = ['products', 'industries', 'segments', 'regions', 'competitors', 'stages', 'personas'] as const;
export type FacetField = (typeof FACET_FIELDS)[number];

/** Which kind a content type belongs to; a mismatch is a validation error. */
export const KIND_OF_TYPE: Record<(typeof CONTENT_TYPES)[number], (typeof KIND)[number]> = {
  battlecard: 'capability',
  product_sheet: 'capability',
  pitch_deck: 'capability',
  demo_script: 'capability',
  pricing_guide: 'capability',
  faq: 'capability',
  best_practice: 'capability',
  case_study: 'capability',
  win_loss_analysis: 'situational',
  account_insight: 'situational',
  stakeholder_map: 'situational',
  deal_story: 'situational',
  objection_handling: 'situational',
};

const Id = z
  .string()
  .min(1)
  .max(100)
  .regex(/^[A-Za-z0-9_.:-]+$/, 'letters, digits and _ . : - only');
const FacetValue = z.string().trim().min(1).max(100);
const FacetList = z.array(FacetValue).max(50).default([]);
const Timestamp = z.iso.datetime({ offset: true });

export const Link = z
  .object({
    title: z.string().trim().min(1).max(200),
    url: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).max(2000),
  })
  .strict();

export const AuthorInput = z
  .object({
    userId: Id,
    role: z.enum(AUTHOR_ROLES),
    share: z.number().min(0).max(1),
  })
  .strict();

export const Visibility = z.discriminatedUnion('scope', [
  z.object({ scope: z.literal('everyone') }).strict(),
  z.object({ scope: z.literal('teams'), teams: z.array(z.string().trim().min(1).max(100)).min(1).max(50) }).strict(),
  z.object({ scope: z.literal('confidential'), users: z.array(Id).min(1).max(200) }).strict(),
]);
export type Visibility = z.infer<typeof Visibility>;

/** Shares are floating point in JSON; a tolerance of 1e-6 accepts thirds written as 0.333334. */
const SHARE_TOLERANCE = 1e-6;

function checkAuthors(authors: { userId: string; share: number }[] | undefined, ctx: z.RefinementCtx) {
  if (!authors) return;
  const sum = authors.reduce((s, a) => s + a.share, 0);
  if (Math.abs(sum - 1) > SHARE_TOLERANCE) {
    ctx.addIssue({ code: 'custom', path: ['authors'], message: `author shares must sum to 1 (they sum to ${Number(sum.toFixed(6))})` });
  }
  const seen = new Set<string>();
  authors.forEach((a, i) => {
    if (seen.has(a.userId)) ctx.addIssue({ code: 'custom', path: ['authors', i, 'userId'], message: `${a.userId} is listed twice` });
    seen.add(a.userId);
  });
}

const contentFields = {
  externalId: z.string().trim().min(1).max(200).optional(),
  kind: z.enum(KIND),
  contentType: z.enum(CONTENT_TYPES),
  title: z.string().trim().min(1).max(300),
  summary: z.string().trim().max(2000).default(''),
  body: z.string().max(200_000).default(''),
  links: z.array(Link).max(50).default([]),
  products: FacetList,
  industries: FacetList,
  segments: FacetList,
  regions: FacetList,
  competitors: FacetList,
  stages: FacetList,
  personas: FacetList,
  audience: z.enum(AUDIENCES).default('internal'),
  visibility: Visibility.default({ scope: 'everyone' }),
  authors: z.array(AuthorInput).min(1).max(20),
  status: z.enum(['draft', 'published']).optional(),
  owner: Id.optional(),
  verifyEveryDays: z.number().int().min(1).max(3650).nullable().optional(),
  expiresAt: Timestamp.nullable().optional(),
  derivedFrom: Id.nullable().optional(),
};

function checkContent(
  v: { authors: { userId: string; share: number }[]; contentType: (typeof CONTENT_TYPES)[number]; kind: (typeof KIND)[number] },
  ctx: z.RefinementCtx,
) {
  checkAuthors(v.authors, ctx);
  if (KIND_OF_TYPE[v.contentType] !== v.kind) {
    ctx.addIssue({ code: 'custom', path: ['kind'], message: `contentType ${v.contentType} is ${KIND_OF_TYPE[v.contentType]} knowledge` });
  }
}

export const CreateContent = z.object(contentFields).strict().superRefine(checkContent);
export type CreateContent = z.infer<typeof CreateContent>;

/** One line of an import: a create request whose externalId is required; unknown fields fail the line, as in POST. */
export const ImportLine = z
  .object({ ...contentFields, externalId: z.string().trim().min(1).max(200) })
  .strict()
  .superRefine(checkContent);
export type ImportLine = z.infer<typeof ImportLine>;

/** A PATCH names the version it was based on; every other field is optional. */
export const UpdateContent = z
  .object({
    version: z.number().int().min(1),
    kind: contentFields.kind.optional(),
    contentType: contentFields.contentType.optional(),
    title: contentFields.title.optional(),
    summary: z.string().trim().max(2000).optional(),
    body: z.string().max(200_000).optional(),
    links: z.array(Link).max(50).optional(),
    products: z.array(FacetValue).max(50).optional(),
    industries: z.array(FacetValue).max(50).optional(),
    segments: z.array(FacetValue).max(50).optional(),
    regions: z.array(FacetValue).max(50).optional(),
    competitors: z.array(FacetValue).max(50).optional(),
    stages: z.array(FacetValue).max(50).optional(),
    personas: z.array(FacetValue).max(50).optional(),
    audience: z.enum(AUDIENCES).optional(),
    visibility: Visibility.optional(),
    authors: z.array(AuthorInput).min(1).max(20).optional(),
    owner: Id.optional(),
    verifyEveryDays: z.number().int().min(1).max(3650).nullable().optional(),
    expiresAt: Timestamp.nullable().optional(),
    externalId: z.string().trim().min(1).max(200).optional(),
    note: z.string().max(500).optional(),
  })
  .strict()
  .superRefine((v, ctx) => checkAuthors(v.authors, ctx));
export type UpdateContent = z.infer<typeof UpdateContent>;

export const VersionBody = z.object({ version: z.number().int().min(1).optional() }).strict();

export const AuthorView = z.object({
  userId: z.string(),
  name: z.string(),
  role: z.enum(AUTHOR_ROLES),
  share: z.number(),
});

export const Freshness = z.enum(['verified', 'due', 'unverified', 'expired', 'outdated']);

export const ContentItem = z.object({
  id: z.string(),
  externalId: z.string().nullable(),
  kind: z.enum(KIND),
  contentType: z.enum(CONTENT_TYPES),
  title: z.string(),
  summary: z.string(),
  body: z.string(),
  bodyHtml: z.string(),
  links: z.array(Link),
  products: z.array(z.string()),
  industries: z.array(z.string()),
  segments: z.array(z.string()),
  regions: z.array(z.string()),
  competitors: z.array(z.string()),
  stages: z.array(z.string()),
  personas: z.array(z.string()),
  audience: z.enum(AUDIENCES),
  visibility: Visibility,
  authors: z.array(AuthorView),
  status: z.enum(STATUSES),
  version: z.number().int(),
  derivedFrom: z.string().nullable(),
  owner: z.string(),
  verifyEveryDays: z.number().int().nullable(),
  verifiedAt: z.string().nullable(),
  expiresAt: z.string().nullable(),
  freshness: Freshness,
  /** The opportunity a win/loss analysis is about. */
  opportunityId: z.string().nullable(),
  /** The reviewer's comment when the item was sent back to draft. */
  reviewComment: z.string().nullable(),
  submittedAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  publishedAt: z.string().nullable(),
});
export type ContentItem = z.infer<typeof ContentItem>;

export const ContentVersion = z.object({
  version: z.number().int(),
  changedBy: z.string(),
  changedAt: z.string(),
  changedFields: z.array(z.string()),
  note: z.string().nullable(),
  snapshot: z.record(z.string(), z.unknown()),
});
export const ContentVersions = z.object({ versions: z.array(ContentVersion) });

export const ImportResult = z.object({
  created: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  failed: z.array(z.object({ line: z.number().int(), externalId: z.string().optional(), error: z.string() })),
});
export type ImportResult = z.infer<typeof ImportResult>;

// Review and governance (content/workflow.ts).
/** A reviewer's decision that needs a reason: reject (closes the submission) or request changes. */
const ReviewCommentBody = (reason: string) =>
  z
    .object({
      version: z.number().int().min(1).optional(),
      comment: z
        .string({ error: `comment is required: ${reason}` })
        .trim()
        .min(1, `comment is required: ${reason}`)
        .max(2000),
    })
    .strict();
export const RejectBody = ReviewCommentBody('a rejection tells the authors why it will not be published');
export const RequestChangesBody = ReviewCommentBody('it tells the authors what to change');
export const DeriveBody = z.object({ title: z.string().trim().min(1).max(300).optional() }).strict();

export const ReviewQueue = z.object({
  items: z.array(
    z.object({
      id: z.string(),
      version: z.number().int(),
      title: z.string(),
      summary: z.string(),
      contentType: z.string(),
      authors: z.array(z.object({ userId: z.string(), name: z.string(), role: z.string() })),
      submittedAt: z.string().nullable(),
      opportunity: z.object({ id: z.string(), name: z.string(), accountName: z.string() }).nullable(),
      /** The decisions the viewer may take on it (the same policy as the write path). */
      may: z.object({ approve: z.boolean(), requestChanges: z.boolean(), reject: z.boolean() }),
    }),
  ),
});

export const DueList = z.object({
  items: z.array(
    z.object({
      id: z.string(),
      title: z.string(),
      contentType: z.string(),
      status: z.string(),
      freshness: z.string(),
      verifiedAt: z.string().nullable(),
      verifyEveryDays: z.number().nullable(),
      expiresAt: z.string().nullable(),
      flags: z.array(z.object({ by: z.string(), note: z.string().nullable(), at: z.string() })),
    }),
  ),
});

/** POST /api/content/preview: Markdown as readers will get it (the same renderer and sanitizer). */
export const PreviewBody = z.object({ body: z.string().max(200_000, 'at most 200,000 characters') }).strict();
export const PreviewResult = z.object({ html: z.string() });

/** GET /api/me/content: what the signed-in user authors or owns (content/mine.ts). */
export const MyContent = z.object({
  items: z.array(
    z.object({
      id: z.string(),
      title: z.string(),
      contentType: z.string(),
      status: z.enum(STATUSES),
      version: z.number().int(),
      /** The actor's author role on the item, or "owner" when they own it without being listed. */
      myRole: z.string(),
      reviewComment: z.string().nullable(),
      submittedAt: z.string().nullable(),
      updatedAt: z.string(),
      publishedAt: z.string().nullable(),
      derivedFrom: z.string().nullable(),
      /** Usage by people other than the item's authors. */
      reuse: z.object({
        views: z.number().int(),
        shares: z.number().int(),
        attaches: z.number().int(),
        helpful: z.number().int(),
        derives: z.number().int(),
      }),
      /** What the access policy lets the viewer do, so the page offers only those actions. */
      may: z.object({ edit: z.boolean(), archive: z.boolean(), restore: z.boolean() }),
    }),
  ),
});
