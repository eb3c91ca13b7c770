import { z } from 'zod';
import { CreditPolicyRules } from './policy';

/** A period bound: a UTC date (whole day) or an exact UTC timestamp. */
const Bound = z.union([z.iso.date(), z.iso.datetime()]);

export const PeriodQuery = z
  .object({ from: Bound.optional(), to: Bound.optional() })
  .strict()
  .refine((q) => !q.from || !q.to || q.from <= q.to, { path: ['to'], message: 'must not be before from' });
export type PeriodQuery = z.infer<typeof PeriodQuery>;

export const TeamPeriodQuery = z
  .object({ from: Bound.optional(), to: Bound.optional(), team: z.string().trim().min(1).max(100).optional() })
  .strict()
  .refine((q) => !q.from || !q.to || q.from <= q.to, { path: ['to'], message: 'must not be before from' });
export type TeamPeriodQuery = z.infer<typeof TeamPeriodQuery>;

/** The export's query: the leaderboard's, and which layout (the screen's by default). */
export const ExportQuery = z
  .object({
    from: Bound.optional(),
    to: Bound.optional(),
    team: z.string().trim().min(1).max(100).optional(),
    /** `leaderboard`: the screen's columns in rank order; `commission`: one row per person in scope with ids and milli-points. */
    layout: z.enum(['leaderboard', 'commission']).default('leaderboard'),
  })
  .strict()
  .refine((q) => !q.from || !q.to || q.from <= q.to, { path: ['to'], message: 'must not be before from' });
export type ExportQuery = z.infer<typeof ExportQuery>;

export const UserIdParams = z.object({ userId: z.string().min(1).max(100) }).strict();

const Hex64 = z.string().regex(/^[0-9a-f]{64}$/, 'a SHA-256 in lowercase hex');

/** What a checkpoint signs: the ledger's head at `seq` (the chain of the first `count` entries ends in `headHash`). */
export const CheckpointBody = z
  .object({
    seq: z.number().int().min(0),
    headHash: Hex64,
    count: z.number().int().min(0),
    /** Sum of every entry's milli-points up to and including `seq`. */
    totalMilliPoints: z.number().int(),
    at: z.string(),
    keyId: z.string().min(1).max(64),
  })
  .strict();
export type CheckpointBody = z.infer<typeof CheckpointBody>;

/** A checkpoint with its Ed25519 signature (base64) over `checkpointMessage(body)` (server/credits/proof.ts). */
export const SignedCheckpoint = CheckpointBody.extend({ signature: z.string().min(1).max(200) }).strict();
export type SignedCheckpoint = z.infer<typeof SignedCheckpoint>;

export const STATEMENT_PROOF_FORMAT = 'knowledge-hub/statement/1' as const;

/**
 * The proof a statement carries: the checkpoint that covers every line (each line's seq is at
 * most the checkpoint's) and a signature over the whole statement, proof included, except the
 * signature itself. `npm run statement:verify` checks it with the public key alone.
 */
export const StatementProof = z
  .object({
    format: z.literal(STATEMENT_PROOF_FORMAT),
    algorithm: z.literal('Ed25519'),
    keyId: z.string().min(1).max(64),
    signedAt: z.string(),
    checkpoint: SignedCheckpoint,
    signature: z.string().min(1).max(200),
  })
  .strict();
export type StatementProof = z.infer<typeof StatementProof>;

export const StatementLine = z
  .object({
    entryId: z.number().int(),
    /** The entry's place in the hash chain (at most the cited checkpoint's seq). */
    seq: z.number().int().min(1),
    eventId: z.string(),
    type: z.string(),
    /** Null when the reader may not open the item (the points still count). */
    contentId: z.string().nullable(),
    contentTitle: z.string().nullable(),
    /** Null without a deal, or when the reader may not see the deal. */
    opportunityId: z.string().nullable(),
    /*
     * The words around the ids (optional: statements signed before they existed still verify).
     * None of them is in the digest: names and titles can be edited, the ledger cannot.
     */
    /** The deal's name; null as the id is. */
    opportunityName: z.string().nullable().optional(),
    /** Who acted (viewed, shared, attached, won the deal…); null when the item or deal is hidden from the reader. */
    actorName: z.string().nullable().optional(),
    /** The policy rule that gave the points, in one sentence (server/credits/ruleText.ts). */
    rule: z.string().optional(),
    share: z.number(),
    milliPoints: z.number().int(),
    at: z.string(),
  })
  .strict();
export type StatementLine = z.infer<typeof StatementLine>;

export const Statement = z
  .object({
    userId: z.string(),
    /** The person's name and team, for the statement's heading (not part of the digest). */
    name: z.string(),
    team: z.string(),
    from: z.string(),
    to: z.string(),
    policyVersions: z.array(z.number().int()),
    totalMilliPoints: z.number().int(),
    lines: z.array(StatementLine),
    /**
     * Indexes of lines whose item or deal is hidden from this reader (ids shown as null). The digest
     * covers the ledger's lines, so it cannot be recomputed from such a copy; the signature still can.
     */
    hiddenLines: z.array(z.number().int().min(0)),
    /** sha256 over the period's ledger lines (without titles, which may be edited): the same period gives the same digest, whoever reads it. */
    digest: z.string(),
    proof: StatementProof,
  })
  .strict();
export type Statement = z.infer<typeof Statement>;

export const LeaderboardRow = z.object({
  userId: z.string(),
  name: z.string(),
  team: z.string(),
  milliPoints: z.number().int(),
  /** Distinct items that earned the person credit in the period. */
  items: z.number().int(),
  /** Distinct other people whose actions earned the person credit. */
  reusedBy: z.number().int(),
  /** Raw views of the person's items by others in the period (reuse is counted above, apart from these). */
  views: z.number().int(),
  /** The three levels of engagement: passing content on, taking part, and writing it. */
  engagement: z.object({ sharing: z.number().int(), participating: z.number().int(), contributing: z.number() }),
  /** Milli-points per quarter of `Leaderboard.quarters`, oldest first: the person's trend. */
  trend: z.array(z.number().int()),
});
export type LeaderboardRow = z.infer<typeof LeaderboardRow>;

/** A calendar quarter (UTC) of the trend; `partial` while it has not ended yet. */
export const TrendQuarter = z.object({ label: z.string(), from: z.iso.date(), to: z.iso.date(), partial: z.boolean() });
export type TrendQuarter = z.infer<typeof TrendQuarter>;

/** A team's milli-points per quarter, for the team comparison (only teams the viewer may see). */
export const TeamTrend = z.object({ team: z.string(), trend: z.array(z.number().int()) });
export type TeamTrend = z.infer<typeof TeamTrend>;

export const Leaderboard = z.object({
  from: z.string(),
  to: z.string(),
  /** The last four quarters up to the one holding `to`, oldest first. */
  quarters: z.array(TrendQuarter),
  rows: z.array(LeaderboardRow),
  teams: z.array(TeamTrend),
});
export type Leaderboard = z.infer<typeof Leaderboard>;

export const Policy = z.object({ version: z.number().int(), publishedAt: z.string(), publishedBy: z.string(), rules: CreditPolicyRules });

/** A checkpoint that no longer matches the ledger, or whose record is not genuine. */
export const CheckpointMismatch = z.object({
  seq: z.number().int().nullable(),
  at: z.string().nullable(),
  keyId: z.string().nullable(),
  /** Where the checkpoint was read: the append-only file outside the database, or its table copy. */
  source: z.enum(['file', 'table']),
  /** Line number in the checkpoint file (1-based), or null for the table. */
  line: z.number().int().nullable(),
  reason: z.string(),
});
export type CheckpointMismatch = z.infer<typeof CheckpointMismatch>;

export const VerifyResult = z.object({
  ok: z.boolean(),
  checked: z.number().int(),
  firstBroken: z.object({ entryId: z.number().int(), seq: z.number().int() }).nullable(),
  checkpoints: z.object({
    file: z.string(),
    fromFile: z.number().int(),
    fromTable: z.number().int(),
    /** Checkpoints whose signature held and whose seq the chain reached with the same head, count and total. */
    matched: z.number().int(),
    latest: SignedCheckpoint.nullable(),
    firstMismatch: CheckpointMismatch.nullable(),
  }),
  /** The key ids that checkpoints may be signed with (the current one first). */
  keyIds: z.array(z.string()),
});
export type VerifyResult = z.infer<typeof VerifyResult>;

export const PublicKeyInfo = z.object({
  algorithm: z.literal('Ed25519'),
  /** First 16 hex digits of the SHA-256 of the key's SPKI DER encoding. */
  keyId: z.string(),
  pem: z.string(),
  addedAt: z.string(),
});
export type PublicKeyInfo = z.infer<typeof PublicKeyInfo>;

/** The current signing key's public half, and the older ones that still verify old checkpoints. */
export const PublicKeys = PublicKeyInfo.extend({ previous: z.array(PublicKeyInfo) });
export type PublicKeys = z.infer<typeof PublicKeys>;
