import { ANY_ROLE, route, type RouteDef } from '../http/route';
import { CreditPolicyRules } from './policy';
import {
  ExportQuery,
  Leaderboard,
  PeriodQuery,
  Policy,
  PublicKeys,
  Statement,
  TeamPeriodQuery,
  UserIdParams,
  VerifyResult,
} from './schema';
import type { CreditService } from './service';

export function creditRoutes(credits: CreditService): RouteDef[] {
  return [
    route({
      method: 'get',
      path: '/api/credits/statements/:userId',
      tag: 'credits',
      roles: ANY_ROLE,
      summary:
        'Credit statement of one person for a period (own; leaders: people in their teams; admins: all), with a reproducible digest, the signed checkpoint that covers it and a signature (check offline with npm run statement:verify)',
      params: UserIdParams,
      query: PeriodQuery,
      response: Statement,
      handler: ({ actor, params, query }) => credits.statement(actor, params.userId, query),
    }),
    route({
      method: 'get',
      path: '/api/credits/leaderboard',
      tag: 'credits',
      roles: ANY_ROLE,
      summary: 'Who earned credit in a period (reps and authors: their team; leaders: their teams; admins: any)',
      query: TeamPeriodQuery,
      response: Leaderboard,
      handler: ({ actor, query }) => credits.leaderboard(actor, query),
    }),
    route({
      method: 'get',
      path: '/api/credits/export.csv',
      tag: 'credits',
      roles: ['leader', 'admin'],
      summary:
        'The leaderboard as CSV, exactly its columns (rank, points, items, reuse, views, engagement levels) in rank order; layout=commission gives one row per person in scope with user ids and milli-points for commission tools (leaders: their teams; admins: all)',
      query: ExportQuery,
      raw: true,
      handler: async ({ actor, query, res }) => {
        const { layout, ...period } = query;
        const csv = layout === 'commission' ? await credits.exportCsv(actor, period) : await credits.leaderboardCsv(actor, period);
        res.type('text/csv');
        res.setHeader('Content-Disposition', 'attachment; filename="credits.csv"');
        res.send(csv);
      },
    }),
    route({
      method: 'get',
      path: '/api/credits/verify',
      tag: 'credits',
      roles: ['admin'],
      summary:
        'Check the ledger’s hash chain and every signed checkpoint (file and table); names the first broken entry and the first checkpoint that no longer matches (admins)',
      response: VerifyResult,
      handler: ({ actor }) => credits.verify(actor),
    }),
    route({
      method: 'get',
      path: '/api/credits/public-key',
      tag: 'credits',
      roles: ANY_ROLE,
      summary: 'The Ed25519 public key that signs ledger checkpoints and statements (PEM, key id), and the older keys it replaced',
      response: PublicKeys,
      handler: async () => credits.publicKeys(),
    }),
    route({
      method: 'get',
      path: '/api/credits/policies/current',
      tag: 'credits',
      roles: ANY_ROLE,
      summary: 'The credit policy in force',
      response: Policy,
      handler: () => credits.currentPolicy(),
    }),
    route({
      method: 'post',
      path: '/api/credits/policies',
      tag: 'credits',
      roles: ['admin'],
      summary: 'Publish a new credit policy version (admins); existing entries keep theirs',
      body: CreditPolicyRules,
      response: Policy,
      status: 201,
      handler: ({ actor, body }) => credits.publishPolicy(actor, body),
    }),
  ];
}
