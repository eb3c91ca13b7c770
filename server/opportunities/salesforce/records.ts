import { z } from 'zod';
import { AppError } from '../../errors';

/* Salesforce's wire shapes, checked rather than trusted. */

const text = z.string().nullish();
const children = <T extends z.ZodType>(row: T) =>
  z
    .object({ records: z.array(row) })
    .loose()
    .nullish();
export const OpportunityRecord = z
  .object({
    Id: z.string(),
    Name: text,
    Account: z.object({ Name: text, Industry: text }).loose().nullish(),
    Amount: z.number().nullish(),
    CurrencyIsoCode: text,
    StageName: text,
    CloseDate: text,
    IsClosed: z.boolean().nullish(),
    IsWon: z.boolean().nullish(),
    OwnerId: text,
    Description: text,
    OpportunityLineItems: children(z.object({ Product2: z.object({ Name: text, Family: text }).loose().nullish() }).loose()),
    OpportunityCompetitors: children(z.object({ CompetitorName: text }).loose()),
    OpportunityContactRoles: children(z.object({ Role: text, Contact: z.object({ Title: text }).loose().nullish() }).loose()),
  })
  .loose();
export type OpportunityRecord = z.infer<typeof OpportunityRecord>;

/** What the sync reads: the opportunity and when it last changed. */
export const SyncRecord = OpportunityRecord.extend({ SystemModstamp: z.string() });

export const QueryPage = z.object({
  done: z.boolean(),
  nextRecordsUrl: z.string().optional(),
  records: z.array(z.record(z.string(), z.unknown())),
});
export type QueryPage = z.infer<typeof QueryPage>;

/** Salesforce's describe of an object, reduced to what the start-up check reads. */
export const DescribeResult = z
  .object({
    name: z.string(),
    fields: z.array(
      z.object({ name: z.string(), relationshipName: z.string().nullish(), referenceTo: z.array(z.string()).nullish() }).loose(),
    ),
  })
  .loose();
export type DescribeResult = z.infer<typeof DescribeResult>;

/** The composite sObject collections answer: one result per record, in order. */
export const LinkResults = z.array(
  z
    .object({
      id: z.string().nullish(),
      success: z.boolean(),
      created: z.boolean().optional(),
      errors: z
        .array(
          z.object({ statusCode: z.string().optional(), message: z.string().optional(), fields: z.array(z.string()).optional() }).loose(),
        )
        .nullish(),
    })
    .loose(),
);

/** One DatedConversionRate row. */
export const ConversionRateRecord = z.object({ IsoCode: z.string().regex(/^[A-Z]{3}$/), ConversionRate: z.number() }).loose();

export const TokenResponse = z.object({ access_token: z.string().min(1), instance_url: z.url({ protocol: /^https?$/ }) }).loose();
export const OAuthError = z.object({ error: z.string(), error_description: z.string().optional() }).loose();

/** The value in the shape `schema` says, or a 502: Salesforce answered something the hub does not understand. */
export function parseRecord<T extends z.ZodType>(schema: T, value: unknown): z.infer<T> {
  const parsed = schema.safeParse(value);
  if (!parsed.success)
    throw new AppError(502, 'salesforce_bad_response', 'Salesforce returned an unexpected response', undefined, { cause: parsed.error });
  return parsed.data;
}
