import { z } from 'zod';
import { ValidationFailed } from '../errors';
import { ANY_ROLE, createdOrFound, createdStatus, route, type RouteDef } from '../http/route';
import { IdempotencyKey, RecordEvent, RecordEventBatch, UsageEvent } from './schema';
import type { EventService } from './service';

function keyFrom(header: string | undefined): string {
  const parsed = IdempotencyKey.safeParse(header ?? '');
  if (!parsed.success)
    throw new ValidationFailed(`Idempotency-Key header: ${parsed.error.issues[0]?.message ?? 'required'}`, [
      { path: 'headers.idempotency-key', message: header ? (parsed.error.issues[0]?.message ?? 'invalid') : 'required' },
    ]);
  return parsed.data;
}

export function eventRoutes(events: EventService): RouteDef[] {
  return [
    route({
      method: 'post',
      path: '/api/events',
      tag: 'events',
      roles: ANY_ROLE,
      summary: 'Record a usage event (Idempotency-Key header required; replays return the first answer)',
      body: RecordEvent,
      response: UsageEvent,
      status: 201,
      handler: ({ actor, body, req, res }) =>
        createdOrFound(res, events.record(actor, keyFrom(req.header('idempotency-key')), body), 'event'),
    }),
    route({
      method: 'post',
      path: '/api/events/batch',
      tag: 'events',
      roles: ANY_ROLE,
      summary: 'Record several events (each with its own idempotencyKey); failures are reported per event',
      body: RecordEventBatch,
      response: z.object({
        results: z.array(
          z.object({ idempotencyKey: z.string(), status: z.number().int(), event: UsageEvent.optional(), error: z.string().optional() }),
        ),
      }),
      handler: async ({ actor, body }) => {
        const results = [];
        for (const { idempotencyKey, ...input } of body.events) {
          try {
            const { event, created } = await events.record(actor, idempotencyKey, input);
            results.push({ idempotencyKey, status: createdStatus(created), event });
          } catch (err) {
            const status = typeof (err as { status?: unknown }).status === 'number' ? (err as { status: number }).status : 500;
            if (status >= 500) throw err;
            results.push({ idempotencyKey, status, error: (err as Error).message });
          }
        }
        return { results };
      },
    }),
  ];
}
