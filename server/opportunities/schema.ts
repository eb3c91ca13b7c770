import { toCorporate } from './currency';
import { z } from 'zod';
import { pageLimit } from '../http/route';

const Id = z
  .string()
  .min(1)
  .max(100)
  .regex(/^[A-Za-z0-9_.:-]+$/, 'letters, digits and _ . : - only');
const Name = z.string().trim().min(1).max(200);

export const OpportunityProduct = z.object({ name: Name, family: z.string().trim().max(200).default('') }).strict();
export const ContactRole = z
  .object({ role: z.string().trim().max(100).default(''), title: z.string().trim().max(200).default('') })
  .strict();

/** The CRM opportunity as the hub sees it, whichever adapter it came from. */
export const Opportunity = z.object({
  id: z.string(),
  name: z.string(),
  accountName: z.string(),
  industry: z.string().nullable(),
  segment: z.string().nullable(),
  region: z.string().nullable(),
  /** Null for people who may not see the deal's amount: they see `amountBand` only. */
  amount: z.number().nullable(),
  amountBand: z.string().nullable(),
  currency: z.string(),
  stage: z.string(),
  closeDate: z.string().nullable(),
  isClosed: z.boolean(),
  isWon: z.boolean(),
  products: z.array(z.object({ name: z.string(), family: z.string() })),
  competitors: z.array(z.string()),
  contactRoles: z.array(z.object({ role: z.string(), title: z.string() })),
  ownerId: z.string().nullable(),
  description: z.string().nullable(),
});
export type Opportunity = z.infer<typeof Opportunity>;

/** Coarse size bands: what people who may not see a deal's amount see instead. */
export function amountBand(amount: number | null): string | null {
  if (amount === null) return null;
  if (amount < 50_000) return 'under 50k';
  if (amount < 250_000) return '50k–250k';
  if (amount < 1_000_000) return '250k–1M';
  return '1M and above';
}

/**
 * The band of an amount in `currency`, measured on the corporate currency's scale: 60,000 JPY is
 * not a deal of 50k–250k. Null when there is no rate for the currency (a band on the wrong scale
 * would mislead more than none).
 */
export function amountBandIn(
  amount: number | null,
  currency: string,
  currencies: { corporate: string; rates: Record<string, number> },
): string | null {
  const converted = toCorporate(amount, currency, currencies);
  return converted === null ? null : amountBand(converted);
}

/** Body of POST /api/opportunities (upsert by id). */
export const UpsertOpportunity = z
  .object({
    id: Id,
    name: Name,
    accountName: Name,
    industry: z.string().trim().max(100).nullable().default(null),
    segment: z.string().trim().max(100).nullable().default(null),
    region: z.string().trim().max(100).nullable().default(null),
    amount: z.number().min(0).max(1e13).nullable().default(null),
    currency: z
      .string()
      .trim()
      .regex(/^[A-Z]{3}$/, 'a three-letter ISO currency code')
      .default('USD'),
    stage: z.string().trim().min(1).max(100),
    closeDate: z.iso.date().nullable().default(null),
    isClosed: z.boolean().default(false),
    isWon: z.boolean().default(false),
    products: z.array(OpportunityProduct).max(100).default([]),
    competitors: z.array(z.string().trim().min(1).max(100)).max(50).default([]),
    contactRoles: z.array(ContactRole).max(100).default([]),
    ownerId: Id.nullable().default(null),
    description: z.string().max(32_000).nullable().default(null),
  })
  .strict()
  .refine((o) => !o.isWon || o.isClosed, { path: ['isWon'], message: 'a won opportunity must be closed' });
export type UpsertOpportunity = z.infer<typeof UpsertOpportunity>;

/**
 * Body of PATCH /api/opportunities/:id: any field of the opportunity but its id (and the band, which
 * is derived), loosely typed; the merged result is validated as a whole by UpsertOpportunity.
 */
export const PatchOpportunity = Opportunity.omit({ id: true, amountBand: true })
  .extend({
    products: z.array(z.object({ name: z.string(), family: z.string().optional() }).strict()),
    contactRoles: z.array(z.object({ role: z.string().optional(), title: z.string().optional() }).strict()),
  })
  .partial()
  .strict();

export const ListOpportunitiesQuery = z
  .object({
    owner: z.string().max(100).optional(),
    stage: z.string().max(100).optional(),
    q: z.string().max(200).optional(),
    limit: pageLimit(50, 200),
  })
  .strict();
export type ListOpportunitiesQuery = z.infer<typeof ListOpportunitiesQuery>;

/** Who is asking: adapters use it to apply the caller's own CRM access. */
export interface CrmCaller {
  userId: string;
  role: 'rep' | 'author' | 'leader' | 'admin';
  salesforceUserId: string | null;
}

/**
 * The CRM port. The local adapter reads the hub's own table; the Salesforce adapter
 * queries the org as the calling user, so Salesforce's sharing rules decide what they see.
 */
export interface CrmPort {
  readonly name: 'local' | 'salesforce';
  /**
   * Who decides whether a caller sees a deal's amount: 'crm' when the CRM already answered as the
   * caller (Salesforce's field-level security), 'hub' for the hub's rule (owner, owner's leaders, admins).
   */
  readonly amountVisibility?: 'crm' | 'hub';
  getOpportunity(id: string, caller: CrmCaller): Promise<Opportunity | null>;
  listOpportunities(query: ListOpportunitiesQuery, caller: CrmCaller): Promise<Opportunity[]>;
  /** The CRM's own stage vocabulary in pipeline order (absent: the stages of the listed deals). */
  stages?(caller: CrmCaller): Promise<string[]>;
}

/** The embedded CRM's sales process, in pipeline order: its one stage vocabulary. */
export const LOCAL_PIPELINE_STAGES = [
  'Prospecting',
  'Qualification',
  'Discovery',
  'Proposal',
  'Negotiation',
  'Closed Won',
  'Closed Lost',
] as const;

/** A row of the opportunity list: the deal and its owner's name (the amount stays masked by the rules). */
export const OpportunityListItem = Opportunity.extend({ ownerName: z.string().nullable() });
export type OpportunityListItem = z.infer<typeof OpportunityListItem>;

/** Where the Salesforce sync stands (GET and POST /api/admin/crm/sync). */
export const CrmSyncStatus = z.object({
  /** False with the embedded CRM: there is nothing to sync, and every other field is empty. */
  enabled: z.boolean(),
  watermark: z.object({ stamp: z.string(), id: z.string() }).nullable(),
  running: z.boolean(),
  lastStartedAt: z.string().nullable(),
  lastFinishedAt: z.string().nullable(),
  lastSuccessAt: z.string().nullable(),
  lastError: z.string().nullable(),
  lastRecords: z.number().int(),
  lastApiCalls: z.number().int(),
  totalApiCalls: z.number().int(),
  apiUsed: z.number().int().nullable(),
  apiLimit: z.number().int().nullable(),
  apiRemaining: z.number().int().nullable(),
});
export type CrmSyncStatus = z.infer<typeof CrmSyncStatus>;

/** GET /api/admin/crm/write-back. */
export const CrmWriteBackStatus = z.object({
  pending: z.number().int(),
  sent: z.number().int(),
  failing: z.array(
    z.object({ linkId: z.string(), attempts: z.number().int(), lastError: z.string().nullable(), nextAttemptAt: z.string() }),
  ),
});
