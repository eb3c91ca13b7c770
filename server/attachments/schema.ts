import { z } from 'zod';

export const AttachBody = z.object({ contentId: z.string().trim().min(1).max(200) }).strict();
export type AttachBody = z.infer<typeof AttachBody>;

export const AttachmentParams = z.object({ id: z.string().min(1).max(200), contentId: z.string().min(1).max(200) }).strict();

/** One item used on a deal, as the deal page lists it. */
export const Attachment = z.object({
  contentId: z.string(),
  title: z.string(),
  contentType: z.string(),
  audience: z.string(),
  status: z.string(),
  attachedBy: z.object({ id: z.string(), name: z.string() }),
  attachedAt: z.string(),
  /** The attacher, the deal's owner, a leader of the owner's team, or an admin. */
  mayDetach: z.boolean(),
});
export type Attachment = z.infer<typeof Attachment>;

export const DealAttachments = z.object({
  attachments: z.array(Attachment),
  /** Items the viewer has marked helpful (a mark is once per person and item). */
  helpfulContentIds: z.array(z.string()),
});
export type DealAttachments = z.infer<typeof DealAttachments>;
