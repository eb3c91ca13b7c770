import { z } from 'zod';
import { ValidationFailed } from '../errors';
import { ANY_ROLE, IdParams, route, type RouteDef } from '../http/route';
import { ContentItem, ContentVersions, CreateContent, ImportResult, UpdateContent, VersionBody } from './schema';
import type { ContentService } from './service';

/** The most lines one import may carry; larger loads are split by the client. */
const MAX_IMPORT_LINES = 50_000;
const IMPORT_CHUNK = 1000;

const ImportLine = CreateContent.and(z.object({ externalId: z.string().trim().min(1).max(200) }));

export function contentRoutes(content: ContentService): RouteDef[] {
  return [
    route({
      method: 'post', path: '/api/content', tag: 'content', roles: ['author', 'leader', 'admin'], summary: 'Create a content item (a draft unless status "published" is given)',
      body: CreateContent, response: ContentItem, status: 201,
      handler: ({ actor, body }) => content.create(actor, body),
    }),
    route({
      method: 'post', path: '/api/content/import', tag: 'content', roles: ['author', 'leader', 'admin'], summary: 'Import NDJSON, one item per line, upserted by externalId',
      bodyType: 'ndjson', lineSchema: ImportLine, response: ImportResult,
      handler: async ({ actor, text }) => {
        const lines = text.split('\n');
        if (lines.length > MAX_IMPORT_LINES) throw new ValidationFailed(`At most ${MAX_IMPORT_LINES} lines per import`, [{ path: '(body)', message: 'too many lines' }]);
        const result = { created: 0, updated: 0, unchanged: 0, failed: [] as { line: number; externalId?: string; error: string }[] };
        let batch: { line: number; input: CreateContent }[] = [];
        const flush = async () => {
          if (!batch.length) return;
          const r = await content.upsertMany(actor, batch);
          result.created += r.created;
          result.updated += r.updated;
          result.unchanged += r.unchanged;
          result.failed.push(...r.failed);
          batch = [];
        };
        for (let i = 0; i < lines.length; i++) {
          const text = (lines[i] as string).trim();
          if (!text) continue;
          const line = i + 1;
          let value: unknown;
          try {
            value = JSON.parse(text);
          } catch {
            result.failed.push({ line, error: 'not valid JSON' });
            continue;
          }
          const parsed = ImportLine.safeParse(value);
          if (!parsed.success) {
            const v = ValidationFailed.fromZod(parsed.error);
            const ext = typeof (value as { externalId?: unknown })?.externalId === 'string' ? (value as { externalId: string }).externalId : undefined;
            result.failed.push({ line, ...(ext ? { externalId: ext } : {}), error: v.issues.map((x) => `${x.path}: ${x.message}`).join('; ') });
            continue;
          }
          batch.push({ line, input: parsed.data });
          if (batch.length >= IMPORT_CHUNK) await flush();
        }
        await flush();
        result.failed.sort((a, b) => a.line - b.line);
        return result;
      },
    }),
    route({
      method: 'get', path: '/api/content/:id', tag: 'content', roles: ANY_ROLE, summary: 'Read one item (404 when it does not exist or is not visible to you)',
      params: IdParams, response: ContentItem,
      handler: ({ actor, params }) => content.get(actor, params.id),
    }),
    route({
      method: 'patch', path: '/api/content/:id', tag: 'content', roles: ANY_ROLE, summary: 'Edit an item; `version` must be the version you read (409 otherwise)',
      params: IdParams, body: UpdateContent, response: ContentItem,
      handler: ({ actor, params, body }) => content.update(actor, params.id, body),
    }),
    route({
      method: 'post', path: '/api/content/:id/publish', tag: 'content', roles: ['author', 'leader', 'admin'], summary: 'Publish an item',
      params: IdParams, body: VersionBody, response: ContentItem,
      handler: ({ actor, params, body }) => content.publish(actor, params.id, body.version),
    }),
    route({
      method: 'post', path: '/api/content/:id/archive', tag: 'content', roles: ANY_ROLE, summary: 'Archive an item (removes it from search)',
      params: IdParams, body: VersionBody, response: ContentItem,
      handler: ({ actor, params, body }) => content.archive(actor, params.id, body.version),
    }),
    route({
      method: 'get', path: '/api/content/:id/versions', tag: 'content', roles: ANY_ROLE, summary: 'The history: who changed what, when',
      params: IdParams, response: ContentVersions,
      handler: ({ actor, params }) => content.versions(actor, params.id),
    }),
  ];
}
