import { z } from 'zod';

export const CreateShareLink = z
  .object({
    opportunityId: z.string().trim().min(1).max(200),
    /** When the link stops working; at most a year ahead. Without it, the link works until revoked. */
    expiresAt: z.iso.datetime({ offset: true }).optional(),
  })
  .strict();
export type CreateShareLink = z.infer<typeof CreateShareLink>;

export const CreatedShareLink = z.object({ id: z.string(), url: z.string(), expiresAt: z.string().nullable() });

export const ShareLinkParams = z.object({ id: z.string().min(1).max(200), linkId: z.string().min(1).max(200) }).strict();

/** 32 random bytes in base64url: the only secret of a link, never stored (only its hash is). */
export const ShareTokenParams = z.object({ token: z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'not a share link') }).strict();

/** One link as the rep sees it on the deal: was it opened, when, how often. */
export const DealShareLink = z.object({
  id: z.string(),
  contentId: z.string(),
  title: z.string(),
  sharedBy: z.object({ id: z.string(), name: z.string() }),
  createdAt: z.string(),
  expiresAt: z.string().nullable(),
  state: z.enum(['active', 'revoked', 'expired']),
  opens: z.number().int(),
  firstOpenedAt: z.string().nullable(),
  lastOpenedAt: z.string().nullable(),
  mayRevoke: z.boolean(),
});
export type DealShareLink = z.infer<typeof DealShareLink>;

export const DealShareLinks = z.object({ links: z.array(DealShareLink) });
