import type { Request } from 'express';
import type { Actor } from '../auth/schema';
import { ANY_ROLE, IdParams, publicRoute, route, type RouteDef } from '../http/route';
import { renderSharePage, SHARE_PAGE_CSP } from './page';
import { CreatedShareLink, CreateShareLink, DealShareLinks, ShareLinkParams, ShareTokenParams } from './schema';
import type { ShareService } from './service';

export function shareRoutes(shares: ShareService, deps: { identify(req: Request): Promise<Actor | null>; brand: string }): RouteDef[] {
  return [
    route({
      method: 'post',
      path: '/api/content/:id/share-links',
      tag: 'sharing',
      roles: ANY_ROLE,
      summary:
        'Share a published client-facing item with a buyer on a deal: an unguessable link (shown once), optionally expiring; internal items are refused (422)',
      params: IdParams,
      body: CreateShareLink,
      response: CreatedShareLink,
      status: 201,
      handler: ({ actor, params, body }) => shares.create(actor, params.id, body),
    }),
    route({
      method: 'delete',
      path: '/api/content/:id/share-links/:linkId',
      tag: 'sharing',
      roles: ANY_ROLE,
      summary: 'Revoke a share link (the sharer, the deal owner, a leader of the owner’s team or an admin); it answers 404 from then on',
      params: ShareLinkParams,
      status: 204,
      handler: async ({ actor, params }) => {
        await shares.revoke(actor, params.id, params.linkId);
      },
    }),
    route({
      method: 'get',
      path: '/api/opportunities/:id/share-links',
      tag: 'sharing',
      roles: ANY_ROLE,
      summary: 'Links shared with buyers on this deal: which were opened, when and how often',
      params: IdParams,
      response: DealShareLinks,
      handler: async ({ actor, params }) => ({ links: await shares.forDeal(actor, params.id) }),
    }),
    publicRoute({
      method: 'get',
      path: '/api/shared/:token',
      tag: 'sharing',
      raw: true,
      summary:
        'The public, read-only page of a shared item (no sign-in; rate-limited per address like every anonymous call; 404 when revoked or expired)',
      handler: async ({ req, res }) => {
        const parsed = ShareTokenParams.safeParse(req.params);
        let page = null;
        try {
          if (parsed.success)
            page = await shares.open(parsed.data.token, { userAgent: req.header('user-agent'), viewer: await deps.identify(req) });
        } catch (err) {
          // Unknown, revoked and expired links all get the same plain page: nothing to tell them apart.
          if ((err as { status?: number }).status !== 404) throw err;
        }
        res.setHeader('Content-Security-Policy', SHARE_PAGE_CSP);
        res.setHeader('Referrer-Policy', 'no-referrer');
        res.setHeader('X-Robots-Tag', 'noindex, nofollow');
        res.setHeader('Cache-Control', 'no-store');
        res.type('html');
        if (!page) {
          res
            .status(404)
            .send(
              '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Link not available</title></head><body><p>This link is not available. Ask your account team for a new one.</p></body></html>',
            );
          return;
        }
        res.status(200).send(renderSharePage(page, deps.brand));
      },
    }),
  ];
}
