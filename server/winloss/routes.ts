import { ANY_ROLE, IdParams, route, type RouteDef } from '../http/route';
import { CloseOutQueue, CreateWinLoss, PatchWinLoss, QuickCloseOut, WinLossDraft, WinLossItem } from './schema';
import type { WinLossService } from './service';

export function winLossRoutes(winLoss: WinLossService): RouteDef[] {
  return [
    route({
      method: 'get',
      path: '/api/opportunities/:id/win-loss/draft',
      tag: 'win-loss',
      roles: ANY_ROLE,
      summary: 'A win/loss form pre-filled from the closed opportunity (and the existing analysis, if any)',
      params: IdParams,
      response: WinLossDraft,
      handler: ({ actor, params }) => winLoss.draft(actor, params.id),
    }),
    route({
      method: 'get',
      path: '/api/win-loss/queue',
      tag: 'win-loss',
      roles: ANY_ROLE,
      summary: 'Deals closed in the last 90 days still waiting for an analysis (owners and their leaders)',
      response: CloseOutQueue,
      handler: ({ actor }) => winLoss.queue(actor),
    }),
    route({
      method: 'post',
      path: '/api/win-loss/quick',
      tag: 'win-loss',
      roles: ANY_ROLE,
      summary: 'Quick close-out: outcome, up to three reason codes and one sentence',
      body: QuickCloseOut,
      response: WinLossItem,
      status: 201,
      handler: ({ actor, body }) => winLoss.quick(actor, body),
    }),
    route({
      method: 'post',
      path: '/api/win-loss',
      tag: 'win-loss',
      roles: ANY_ROLE,
      summary: 'Write a win/loss analysis (a draft; submit it for review to publish)',
      body: CreateWinLoss,
      response: WinLossItem,
      status: 201,
      handler: ({ actor, body }) => winLoss.create(actor, body),
    }),
    route({
      method: 'get',
      path: '/api/win-loss/:id',
      tag: 'win-loss',
      roles: ANY_ROLE,
      summary: 'One analysis with its structure',
      params: IdParams,
      response: WinLossItem,
      handler: ({ actor, params }) => winLoss.get(actor, params.id),
    }),
    route({
      method: 'patch',
      path: '/api/win-loss/:id',
      tag: 'win-loss',
      roles: ANY_ROLE,
      summary: 'Edit an analysis; `version` must be the one you read',
      params: IdParams,
      body: PatchWinLoss,
      response: WinLossItem,
      handler: ({ actor, params, body }) => winLoss.patch(actor, params.id, body),
    }),
  ];
}
