import { z } from 'zod';
import { requireRole } from '../auth/service';
import { reindexContent } from '../content/reindex';
import type { Hub } from '../hub';
import { route, type RouteDef } from '../http/route';

const RelayStatus = z.object({
  pending: z.number().int(),
  failing: z.array(z.object({ id: z.number(), contentId: z.string(), attempts: z.number().int(), lastError: z.string().nullable() })),
});
const ReindexReport = z.object({ added: z.number().int(), updated: z.number().int(), deleted: z.number().int(), unchanged: z.number().int() });

export function searchAdminRoutes(hub: Pick<Hub, 'search' | 'contentStore' | 'relay' | 'documentSource'>): RouteDef[] {
  return [
    route({
      method: 'get', path: '/api/admin/search/status', tag: 'admin', roles: ['admin'], summary: 'Index sync status: pending outbox rows and failing ones with their errors (admin)',
      response: RelayStatus,
      handler: async ({ actor }) => {
        requireRole(actor, 'admin');
        return hub.relay.status();
      },
    }),
    route({
      method: 'post', path: '/api/admin/search/reindex', tag: 'admin', roles: ['admin'], summary: 'Reconcile the index with the database (admin)',
      response: ReindexReport,
      handler: async ({ actor }) => {
        requireRole(actor, 'admin');
        return reindexContent(hub);
      },
    }),
  ];
}
