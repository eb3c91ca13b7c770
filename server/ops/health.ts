import { z } from 'zod';
import type { Db } from '../db/database';
import { publicRoute, type RouteDef } from '../http/route';
import type { SalesforceCrm } from '../opportunities/salesforce';
import type { SalesforceSync } from '../opportunities/salesforce/sync';
import type { CrmPort } from '../opportunities/schema';
import type { SearchRuntime } from '../search/runtime';

const Health = z.object({
  status: z.enum(['ok', 'degraded']),
  database: z.enum(['ok', 'error']),
  search: z.enum(['ok', 'restarting', 'unavailable']),
  /** The CRM: the embedded one, or Salesforce as the last call found it (health spends no API call on it). */
  crm: z.object({
    kind: z.enum(['local', 'salesforce']),
    state: z.enum(['ok', 'unknown', 'unavailable']),
    at: z.string().optional(),
    error: z.string().optional(),
    sync: z
      .object({
        lastSuccessAt: z.string().nullable(),
        lastError: z.string().nullable(),
        watermark: z.string().nullable(),
        apiRemaining: z.number().nullable(),
      })
      .optional(),
  }),
});

export interface HealthDeps {
  db: Db;
  search: SearchRuntime;
  crm: CrmPort;
  /** With Salesforce configured: its adapter (for its last known state) and the sync. */
  salesforce?: SalesforceCrm;
  sync?: SalesforceSync;
}

/** `GET /api/health`: what a load balancer and an operator need, without authentication. */
export function healthRoute({ db, search, crm, salesforce, sync }: HealthDeps): RouteDef {
  return publicRoute({
    method: 'get',
    path: '/api/health',
    tag: 'system',
    summary: 'Liveness of the hub, its database and its search engine (no authentication)',
    response: Health,
    handler: async ({ res }) => {
      const [database, engine] = await Promise.all([
        db
          .selectFrom('users')
          .select('id')
          .limit(1)
          .execute()
          .then(
            () => 'ok' as const,
            () => 'error' as const,
          ),
        // While the supervisor brings the embedded engine back, say so rather than "unavailable".
        search.engineState() === 'restarting'
          ? Promise.resolve('restarting' as const)
          : search.client.isHealthy().then((ok) => (ok ? ('ok' as const) : ('unavailable' as const))),
      ]);
      const syncStatus = await sync?.status().catch(() => undefined);
      const crmState = salesforce
        ? {
            kind: 'salesforce' as const,
            ...salesforce.state(),
            ...(syncStatus
              ? {
                  sync: {
                    lastSuccessAt: syncStatus.lastSuccessAt,
                    lastError: syncStatus.lastError,
                    watermark: syncStatus.watermark?.stamp ?? null,
                    apiRemaining: syncStatus.apiRemaining,
                  },
                }
              : {}),
          }
        : { kind: crm.name, state: 'ok' as const };
      const status = database === 'ok' && engine === 'ok' && crmState.state !== 'unavailable' ? 'ok' : 'degraded';
      // 503 only for the hub's own parts: with Salesforce down the hub still serves search and
      // content, so a load balancer must not take every instance out of rotation for it.
      if (database !== 'ok' || engine !== 'ok') res.status(503);
      return { status, database, search: engine, crm: crmState };
    },
  });
}
