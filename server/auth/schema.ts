import { z } from 'zod';
import { SalesforceIdField } from '../opportunities/salesforce/ids';

export const ROLES = ['rep', 'author', 'leader', 'admin'] as const;
export type Role = (typeof ROLES)[number];

const Id = z
  .string()
  .min(1)
  .max(100)
  .regex(/^[A-Za-z0-9_.:-]+$/, 'letters, digits and _ . : - only');
const TeamName = z.string().trim().min(1).max(100);

export const CHAT_PROVIDERS = ['slack', 'teams'] as const;
/**
 * The chat account an expert card's deep link opens: a Slack member id (U… or W…, from the
 * profile's "Copy member ID"), or for Teams the sign-in name (UPN, usually the work email).
 */
const ChatUserId = z.string().trim().min(1).max(320);
const chatAccountValid = (v: { chatProvider?: string | null; chatUserId?: string | null }) =>
  !v.chatProvider ||
  !v.chatUserId ||
  (v.chatProvider === 'slack' ? /^[UW][A-Z0-9]{2,}$/.test(v.chatUserId) : z.email().safeParse(v.chatUserId).success);
const CHAT_ACCOUNT_RULE = {
  path: ['chatUserId'],
  message: 'a Slack member id (U… or W…) for slack, a sign-in name (name@company) for teams',
};
/** Provider and id come and go together (null clears both). */
const CHAT_PAIR_RULE = { path: ['chatUserId'], message: 'set chatProvider and chatUserId together' };
const chatPaired = (v: { chatProvider?: string | null; chatUserId?: string | null }) =>
  (v.chatProvider === undefined) === (v.chatUserId === undefined) && (v.chatProvider === null) === (v.chatUserId === null);

export const CreateUser = z
  .object({
    id: Id.optional(),
    name: z.string().trim().min(1).max(200),
    email: z
      .email()
      .max(320)
      .transform((e) => e.toLowerCase()),
    role: z.enum(ROLES),
    team: TeamName,
    leadsTeams: z.array(TeamName).max(50).optional(),
    salesforceUserId: SalesforceIdField.optional(),
    /** The Salesforce integration user: its token acts for the Salesforce user named in X-Salesforce-User-Id. */
    integration: z.boolean().optional(),
    chatProvider: z.enum(CHAT_PROVIDERS).optional(),
    chatUserId: ChatUserId.optional(),
  })
  .strict()
  .refine(chatPaired, CHAT_PAIR_RULE)
  .refine(chatAccountValid, CHAT_ACCOUNT_RULE);
export type CreateUser = z.infer<typeof CreateUser>;

export const UpdateUser = z
  .object({
    name: z.string().trim().min(1).max(200).optional(),
    role: z.enum(ROLES).optional(),
    team: TeamName.optional(),
    leadsTeams: z.array(TeamName).max(50).optional(),
    salesforceUserId: SalesforceIdField.nullable().optional(),
    active: z.boolean().optional(),
    chatProvider: z.enum(CHAT_PROVIDERS).nullable().optional(),
    chatUserId: ChatUserId.nullable().optional(),
  })
  .strict()
  .refine(chatPaired, CHAT_PAIR_RULE)
  .refine(chatAccountValid, CHAT_ACCOUNT_RULE);
export type UpdateUser = z.infer<typeof UpdateUser>;

export const User = z.object({
  id: z.string(),
  name: z.string(),
  email: z.string(),
  role: z.enum(ROLES),
  team: z.string(),
  leadsTeams: z.array(z.string()),
  salesforceUserId: z.string().nullable(),
  active: z.boolean(),
  integration: z.boolean(),
  chatProvider: z.enum(CHAT_PROVIDERS).nullable(),
  chatUserId: z.string().nullable(),
  createdAt: z.string(),
});
export type User = z.infer<typeof User>;

export const IssueToken = z
  .object({
    label: z.string().trim().max(100).optional(),
    expiresInDays: z.number().int().min(1).max(3650).optional(),
  })
  .strict();
export type IssueToken = z.infer<typeof IssueToken>;

export const IssuedToken = z.object({ token: z.string(), id: z.string(), expiresAt: z.string().nullable() });

/** The authenticated caller, as every service sees it. */
export interface Actor {
  id: string;
  name: string;
  role: Role;
  team: string;
  leadsTeams: string[];
  salesforceUserId: string | null;
}
