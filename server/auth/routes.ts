import { z } from 'zod';
import { ANY_ROLE, IdParams, route, type RouteDef } from '../http/route';
import { CreateUser, IssueToken, IssuedToken, UpdateUser, User } from './schema';
import type { AuthService } from './service';

const TokenParams = z.object({ id: z.string().min(1).max(200), tokenId: z.string().min(1).max(200) }).strict();
const Me = User.omit({ active: true, createdAt: true, integration: true, chatProvider: true, chatUserId: true });
const TokenInfo = z.object({
  id: z.string(),
  label: z.string().nullable(),
  createdAt: z.string(),
  expiresAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});

export function authRoutes(auth: AuthService): RouteDef[] {
  return [
    route({
      method: 'get',
      path: '/api/me',
      tag: 'users',
      roles: ANY_ROLE,
      summary: 'Who am I',
      response: Me,
      handler: async ({ actor }) => {
        const u = await auth.users.get(actor.id);
        return {
          id: actor.id,
          name: actor.name,
          email: u?.email ?? '',
          role: actor.role,
          team: actor.team,
          leadsTeams: actor.leadsTeams,
          salesforceUserId: actor.salesforceUserId,
        };
      },
    }),
    route({
      method: 'get',
      path: '/api/users',
      tag: 'users',
      roles: ANY_ROLE,
      summary: 'List users (names and teams; emails for admins only)',
      response: z.object({ users: z.array(User.partial({ email: true })) }),
      handler: async ({ actor }) => {
        const users = await auth.users.list();
        return { users: actor.role === 'admin' ? users : users.map(({ email: _e, ...u }) => u) };
      },
    }),
    route({
      method: 'post',
      path: '/api/users',
      tag: 'users',
      roles: ['admin'],
      summary: 'Create a user (admin)',
      body: CreateUser,
      response: User,
      status: 201,
      handler: ({ actor, body }) => auth.createUser(actor, body),
    }),
    route({
      method: 'patch',
      path: '/api/users/:id',
      tag: 'users',
      roles: ['admin'],
      summary: 'Change a user (admin): role, team, leadership, activation, chat account (chatProvider with chatUserId)',
      params: IdParams,
      body: UpdateUser,
      response: User,
      handler: ({ actor, params, body }) => auth.updateUser(actor, params.id, body),
    }),
    route({
      method: 'post',
      path: '/api/users/:id/tokens',
      tag: 'users',
      roles: ['admin'],
      summary: 'Issue a bearer token (admin); shown once, stored hashed',
      params: IdParams,
      body: IssueToken,
      response: IssuedToken,
      status: 201,
      handler: ({ actor, params, body }) => auth.issueToken(actor, params.id, body),
    }),
    route({
      method: 'get',
      path: '/api/users/:id/tokens',
      tag: 'users',
      roles: ['admin'],
      summary: "List a user's tokens (admin; never the token itself)",
      params: IdParams,
      response: z.object({ tokens: z.array(TokenInfo) }),
      handler: async ({ actor, params }) => ({ tokens: await auth.listTokens(actor, params.id) }),
    }),
    route({
      method: 'delete',
      path: '/api/users/:id/tokens/:tokenId',
      tag: 'users',
      roles: ['admin'],
      summary: 'Revoke a token (admin)',
      params: TokenParams,
      status: 204,
      handler: async ({ actor, params }) => {
        await auth.revokeToken(actor, params.id, params.tokenId);
        return undefined;
      },
    }),
  ];
}
