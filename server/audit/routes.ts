import { z } from 'zod';
import type { Db } from '../db/database';
import { route, type RouteDef } from '../http/route';
import { AuditEntry, AuditQuery, listAudit } from './service';

export function auditRoutes(db: Db): RouteDef[] {
  return [
    route({
      method: 'get',
      path: '/api/audit',
      tag: 'admin',
      roles: ['admin'],
      summary: 'The audit log: users, roles, tokens, content visibility, authorship, ownership, reviews and taxonomies (admin)',
      query: AuditQuery,
      response: z.object({ entries: z.array(AuditEntry) }),
      handler: async ({ query }) => ({ entries: await listAudit(db, query) }),
    }),
  ];
}
