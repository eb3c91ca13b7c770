import { ANY_ROLE, createdOrFound, IdParams, route, type RouteDef } from '../http/route';
import { AttachBody, Attachment, AttachmentParams, DealAttachments } from './schema';
import type { AttachmentService } from './service';

export function attachmentRoutes(attachments: AttachmentService): RouteDef[] {
  return [
    route({
      method: 'get',
      path: '/api/opportunities/:id/attachments',
      tag: 'opportunities',
      roles: ANY_ROLE,
      summary: 'Knowledge used on this deal (items you may see), who attached each and when, and your helpful marks',
      params: IdParams,
      response: DealAttachments,
      handler: ({ actor, params }) => attachments.list(actor, params.id),
    }),
    route({
      method: 'post',
      path: '/api/opportunities/:id/attachments',
      tag: 'opportunities',
      roles: ANY_ROLE,
      summary:
        'Attach an item to this deal (201; 200 when it is already attached). Raises the attach usage event that credits its authors once per item and deal',
      params: IdParams,
      body: AttachBody,
      response: Attachment,
      status: 201,
      handler: ({ actor, params, body, res }) => createdOrFound(res, attachments.attach(actor, params.id, body.contentId), 'attachment'),
    }),
    route({
      method: 'delete',
      path: '/api/opportunities/:id/attachments/:contentId',
      tag: 'opportunities',
      roles: ANY_ROLE,
      summary:
        'Detach an item (the attacher, the deal owner, a leader of the owner’s team or an admin); the Salesforce link is removed too',
      params: AttachmentParams,
      status: 204,
      handler: async ({ actor, params }) => {
        await attachments.detach(actor, params.id, params.contentId);
      },
    }),
  ];
}
