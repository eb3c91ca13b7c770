import { z } from 'zod';
import { pageLimit } from '../http/route';
import type { Db } from '../db/database';
import { json } from '../db/database';

export const AuditEntry = z.object({
  id: z.number(),
  at: z.string(),
  actorId: z.string(),
  action: z.string(),
  targetType: z.string(),
  targetId: z.string(),
  details: z.record(z.string(), z.unknown()),
});
export type AuditEntry = z.infer<typeof AuditEntry>;

export const AuditQuery = z
  .object({
    action: z.string().max(100).optional(),
    actorId: z.string().max(200).optional(),
    targetType: z.string().max(100).optional(),
    targetId: z.string().max(200).optional(),
    /** Entries older than this id: the next page. */
    before: z.coerce.number().int().min(1).optional(),
    limit: pageLimit(100, 500),
  })
  .strict();

/** Records admin-relevant actions (users, roles, tokens, visibility). Call it inside the same transaction as the change. */
export async function recordAudit(
  db: Db,
  entry: { actorId: string; action: string; targetType: string; targetId: string; details?: Record<string, unknown> },
): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      at: new Date().toISOString(),
      actor_id: entry.actorId,
      action: entry.action,
      target_type: entry.targetType,
      target_id: entry.targetId,
      details: json.write(entry.details ?? {}),
    })
    .execute();
}

export async function listAudit(db: Db, query: z.infer<typeof AuditQuery>): Promise<AuditEntry[]> {
  let q = db.selectFrom('audit_log').selectAll().orderBy('id', 'desc').limit(query.limit);
  if (query.action) q = q.where('action', '=', query.action);
  if (query.actorId) q = q.where('actor_id', '=', query.actorId);
  if (query.targetType) q = q.where('target_type', '=', query.targetType);
  if (query.targetId) q = q.where('target_id', '=', query.targetId);
  if (query.before) q = q.where('id', '<', query.before);
  const rows = await q.execute();
  return rows.map((r) => ({
    id: Number(r.id),
    at: r.at,
    actorId: r.actor_id,
    action: r.action,
    targetType: r.target_type,
    targetId: r.target_id,
    details: json.read<Record<string, unknown>>(r.details, {}),
  }));
}
