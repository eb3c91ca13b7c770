import { z } from 'zod';
import { ANY_ROLE, IdParams, route, type RouteDef } from '../http/route';
import { AskForContent, AskForContentResult, ContentRequest, CreateContentRequest, DeadContentQuery, DeadContentReport, ExpertContact, ExpertProfile, ExpertsQuery, ExpertsReport, RecordExpertContact, FlowMetrics, NudgeBody, NudgeResult, PeriodQuery, PipelineGapsReport, SearchGapsReport } from './schema';
import type { FlowService } from './service';

const ExpertParams = z.object({ userId: z.string().min(1).max(100) }).strict();

export function flowRoutes(flow: FlowService): RouteDef[] {
  return [
    route({
      method: 'get', path: '/api/flow/dead-content', tag: 'flow', roles: ANY_ROLE, summary: 'Dead and stale items grouped by owner and team, with the owner actions and archive suggestions (mine=1: your own items, for anyone)',
      query: DeadContentQuery, response: DeadContentReport,
      handler: ({ actor, query }) => flow.deadContent(actor, query),
    }),
    route({
      method: 'post', path: '/api/content/:id/nudge', tag: 'flow', roles: ['leader', 'admin'], summary: "Ask an item's owner and authors to look at it, naming the dead-content reasons (a notification, once a day per item and asker)",
      params: IdParams, body: NudgeBody, response: NudgeResult,
      handler: ({ actor, params, body }) => flow.nudge(actor, params.id, body),
    }),
    route({
      method: 'get', path: '/api/flow/gaps/searches', tag: 'flow', roles: ['leader', 'admin'], summary: 'Searches with no results or no click, grouped by normalised query',
      query: PeriodQuery, response: SearchGapsReport,
      handler: ({ actor, query }) => flow.searchGaps(actor, query),
    }),
    route({
      method: 'get', path: '/api/flow/gaps/pipeline', tag: 'flow', roles: ['leader', 'admin'], summary: 'Competitors, industries and products of open deals without fresh knowledge, weighted by amount',
      query: PeriodQuery, response: PipelineGapsReport,
      handler: ({ actor, query }) => flow.pipelineGaps(actor, query),
    }),
    route({
      method: 'get', path: '/api/flow/metrics', tag: 'flow', roles: ['leader', 'admin'], summary: 'Knowledge-flow metrics for a period, per team and overall',
      query: PeriodQuery, response: FlowMetrics,
      handler: ({ actor, query }) => flow.metrics(actor, query),
    }),
    route({
      method: 'post', path: '/api/flow/content-requests', tag: 'flow', roles: ['admin'], summary: 'Turn a content gap into a request assigned to an author (admins)',
      body: CreateContentRequest, response: ContentRequest, status: 201,
      handler: ({ actor, body }) => flow.requests.create(actor, body),
    }),
    route({
      method: 'post', path: '/api/flow/content-requests/ask', tag: 'flow', roles: ANY_ROLE, summary: 'Ask for content a search did not find: files an unassigned request with the query, or joins the open one for it',
      body: AskForContent, response: AskForContentResult,
      handler: ({ actor, body }) => flow.requests.ask(actor, body),
    }),
    route({
      method: 'get', path: '/api/flow/content-requests', tag: 'flow', roles: ANY_ROLE, summary: 'Content requests: yours, or all of them for admins',
      response: z.object({ requests: z.array(ContentRequest) }),
      handler: async ({ actor }) => ({ requests: await flow.requests.list(actor) }),
    }),
    route({
      method: 'post', path: '/api/flow/content-requests/:id/done', tag: 'flow', roles: ANY_ROLE, summary: 'Mark a content request done (its assignee or an admin)',
      params: IdParams, response: ContentRequest,
      handler: ({ actor, params }) => flow.requests.complete(actor, params.id),
    }),
    route({
      method: 'get', path: '/api/experts', tag: 'flow', roles: ANY_ROLE, summary: 'Who knows what: authors whose items on the topic were reused and influenced won deals, with the evidence',
      query: ExpertsQuery, response: ExpertsReport,
      handler: ({ actor, query }) => flow.experts(actor, query),
    }),
    route({
      method: 'get', path: '/api/experts/:userId', tag: 'flow', roles: ANY_ROLE, summary: "One expert's profile: topics with evidence items, reuse and won deals (only items and deals the viewer may see), and how to contact them",
      params: ExpertParams, response: ExpertProfile,
      handler: ({ actor, params }) => flow.expertProfile(actor, params.userId),
    }),
    route({
      method: 'post', path: '/api/experts/:userId/contacts', tag: 'flow', roles: ANY_ROLE, summary: 'Record that you contacted an expert (email, chat or a Chatter mention), from a deal when opportunityId is set: knowledge flow',
      params: ExpertParams, body: RecordExpertContact, response: ExpertContact, status: 201,
      handler: ({ actor, params, body }) => flow.recordExpertContact(actor, params.userId, body),
    }),
  ];
}
