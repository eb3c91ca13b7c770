import type { Actor, Role } from '../auth/schema';
import { ValidationFailed } from '../errors';
import { ANY_ROLE, IdParams, route, type RouteDef } from '../http/route';
import { renderMarkdown } from './markdown';
import {
  ContentItem,
  ContentVersions,
  CreateContent,
  DeriveBody,
  DueList,
  ImportLine,
  ImportResult,
  MyContent,
  PreviewBody,
  PreviewResult,
  RejectBody,
  RequestChangesBody,
  ReviewQueue,
  UpdateContent,
  VersionBody,
} from './schema';
import type { ContentService, ImportFailure } from './service';
import type { ContentWorkflow } from './workflow';

/** The most lines one import may carry; larger loads are split by the client. */
const MAX_IMPORT_LINES = 50_000;

/** Each NDJSON line parsed and validated on its own: a bad line is reported, the others go on. */
function* parseImportLines(lines: string[]): Generator<{ line: number; input: ImportLine } | ImportFailure> {
  for (let i = 0; i < lines.length; i++) {
    const text = (lines[i] as string).trim();
    if (!text) continue;
    const line = i + 1;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      yield { line, error: 'not valid JSON' };
      continue;
    }
    const parsed = ImportLine.safeParse(value);
    if (parsed.success) {
      yield { line, input: parsed.data };
      continue;
    }
    const ext = (value as { externalId?: unknown } | null)?.externalId;
    yield {
      line,
      ...(typeof ext === 'string' ? { externalId: ext } : {}),
      error: ValidationFailed.fromZod(parsed.error)
        .issues.map((x) => `${x.path}: ${x.message}`)
        .join('; '),
    };
  }
}

/**
 * A step in an item's life (publish, archive, restore, submit, approve, verify): a POST on the item
 * naming the version the caller read (409 when it has moved on), answering the item as the step
 * left it.
 */
function itemStep(
  step: string,
  take: (actor: Actor, id: string, version: number | undefined) => Promise<ContentItem>,
  spec: { tag: string; roles: readonly Role[]; summary: string },
): RouteDef {
  return route({
    method: 'post',
    path: `/api/content/:id/${step}`,
    ...spec,
    params: IdParams,
    body: VersionBody,
    response: ContentItem,
    handler: ({ actor, params, body }) => take(actor, params.id, body.version),
  });
}

export function contentRoutes(content: ContentService): RouteDef[] {
  return [
    route({
      method: 'post',
      path: '/api/content/preview',
      tag: 'content',
      roles: ['author', 'leader', 'admin'],
      summary: 'Render Markdown exactly as readers will see it (server renderer and sanitizer); stores nothing',
      body: PreviewBody,
      response: PreviewResult,
      handler: async ({ body }) => ({ html: renderMarkdown(body.body) }),
    }),
    route({
      method: 'post',
      path: '/api/content',
      tag: 'content',
      roles: ['author', 'leader', 'admin'],
      summary: 'Create a content item (a draft unless status "published" is given)',
      body: CreateContent,
      response: ContentItem,
      status: 201,
      handler: ({ actor, body }) => content.create(actor, body),
    }),
    route({
      method: 'post',
      path: '/api/content/import',
      tag: 'content',
      roles: ['author', 'leader', 'admin'],
      summary: 'Import NDJSON, one item per line, upserted by externalId',
      bodyType: 'ndjson',
      lineSchema: ImportLine,
      response: ImportResult,
      handler: async ({ actor, text }) => {
        const lines = text.split('\n');
        if (lines.length > MAX_IMPORT_LINES)
          throw new ValidationFailed(`At most ${MAX_IMPORT_LINES} lines per import`, [{ path: '(body)', message: 'too many lines' }]);
        return content.importLines(actor, parseImportLines(lines));
      },
    }),
    route({
      method: 'get',
      path: '/api/content/:id',
      tag: 'content',
      roles: ANY_ROLE,
      summary: 'Read one item (404 when it does not exist or is not visible to you)',
      params: IdParams,
      response: ContentItem,
      handler: ({ actor, params }) => content.get(actor, params.id),
    }),
    route({
      method: 'patch',
      path: '/api/content/:id',
      tag: 'content',
      roles: ANY_ROLE,
      summary: 'Edit an item; `version` must be the version you read (409 otherwise)',
      params: IdParams,
      body: UpdateContent,
      response: ContentItem,
      handler: ({ actor, params, body }) => content.update(actor, params.id, body),
    }),
    itemStep('publish', content.publish, { tag: 'content', roles: ['author', 'leader', 'admin'], summary: 'Publish an item' }),
    itemStep('archive', content.archive, { tag: 'content', roles: ANY_ROLE, summary: 'Archive an item (removes it from search)' }),
    // Any role: the policy decides (whoever may archive it, its owner, authors and admins).
    itemStep('restore', content.restore, {
      tag: 'content',
      roles: ANY_ROLE,
      summary: 'Undo an archive: back to the status it had before (searchable again when published)',
    }),
    route({
      method: 'get',
      path: '/api/content/:id/versions',
      tag: 'content',
      roles: ANY_ROLE,
      summary: 'The history: who changed what, when',
      params: IdParams,
      response: ContentVersions,
      handler: ({ actor, params }) => content.versions(actor, params.id),
    }),
  ];
}

/** Review before publishing, verification by the owner, the owner's due list, and derive. */
export function workflowRoutes(workflow: ContentWorkflow): RouteDef[] {
  return [
    itemStep('submit', workflow.submit, {
      tag: 'review',
      roles: ANY_ROLE,
      summary: 'Submit for review (publishes directly when the content type needs no review)',
    }),
    itemStep('approve', workflow.approve, {
      tag: 'review',
      roles: ['leader', 'admin'],
      summary: "Approve an item in review (a leader of the deal's team, or an admin)",
    }),
    route({
      method: 'post',
      path: '/api/content/:id/reject',
      tag: 'review',
      roles: ['leader', 'admin'],
      summary:
        'Reject an item in review: it will not be published as is; archived with the comment (its authors may restore it as a draft)',
      params: IdParams,
      body: RejectBody,
      response: ContentItem,
      handler: ({ actor, params, body }) => workflow.reject(actor, params.id, body.comment, body.version),
    }),
    route({
      method: 'post',
      path: '/api/content/:id/request-changes',
      tag: 'review',
      roles: ['leader', 'admin'],
      summary: "Send an item in review back to its authors' draft with a comment; they fix it and submit again",
      params: IdParams,
      body: RequestChangesBody,
      response: ContentItem,
      handler: ({ actor, params, body }) => workflow.requestChanges(actor, params.id, body.comment, body.version),
    }),
    route({
      method: 'get',
      path: '/api/reviews/queue',
      tag: 'review',
      roles: ['leader', 'admin'],
      summary: 'Items waiting for your review',
      response: ReviewQueue,
      handler: ({ actor }) => workflow.reviewQueue(actor),
    }),
    itemStep('verify', workflow.verify, {
      tag: 'governance',
      roles: ANY_ROLE,
      summary: 'Confirm the item is still right (owner, authors, admins); clears outdated flags',
    }),
    route({
      method: 'get',
      path: '/api/me/content',
      tag: 'content',
      roles: ANY_ROLE,
      summary: 'Everything you author or own, newest change first, with reuse by others and the actions you may take',
      response: MyContent,
      handler: ({ actor }) => workflow.mine(actor),
    }),
    route({
      method: 'get',
      path: '/api/me/due-content',
      tag: 'governance',
      roles: ANY_ROLE,
      summary: 'Your items due for verification, expired, or flagged outdated by readers',
      response: DueList,
      handler: ({ actor }) => workflow.due(actor),
    }),
    route({
      method: 'post',
      path: '/api/content/:id/derive',
      tag: 'content',
      roles: ['author', 'leader', 'admin'],
      summary: 'Derive a new draft from an item (its authors are carried as contributors)',
      params: IdParams,
      body: DeriveBody,
      response: ContentItem,
      status: 201,
      handler: ({ actor, params, body }) => workflow.derive(actor, params.id, body.title),
    }),
  ];
}
