import fs from 'node:fs';
import path from 'node:path';
import type { Kysely, Transaction } from 'kysely';
import type { Database, LedgerCheckpointsTable } from '../db/schema';
import { AppError } from '../errors';
import { checkpointSignatureProblem, ringOf, signCheckpoint, type PublicKeyRing } from './proof';
import { SignedCheckpoint, type CheckpointBody, type PublicKeyInfo, type PublicKeys } from './schema';
import { loadSigningKey, type LedgerProofConfig, type SigningKey } from './signingKey';

type Executor = Kysely<Database> | Transaction<Database>;

/** A head of the ledger to be signed (the signer adds the time and its key id). */
export type Head = Omit<CheckpointBody, 'at' | 'keyId'>;

/** The ledger no longer extends what was signed before: nothing more is signed on top of it. */
export class LedgerIntegrityError extends AppError {
  constructor(message: string) {
    super(500, 'ledger_integrity', message);
  }
}

export interface CheckpointFileLine {
  /** 1-based line number in the file. */
  line: number;
  checkpoint: SignedCheckpoint | null;
  /** Why the line is not a checkpoint (it was edited into something else). */
  error: string | null;
}

/** Every line of the checkpoint file; an absent file has none. */
export function readCheckpointFile(file: string): CheckpointFileLine[] {
  if (!fs.existsSync(file)) return [];
  const out: CheckpointFileLine[] = [];
  fs.readFileSync(file, 'utf8')
    .split('\n')
    .forEach((text, i) => {
      if (text === '') return;
      let parsed: unknown;
      try {
        parsed = JSON.parse(text);
      } catch {
        out.push({ line: i + 1, checkpoint: null, error: 'not valid JSON' });
        return;
      }
      const cp = SignedCheckpoint.safeParse(parsed);
      out.push(
        cp.success
          ? { line: i + 1, checkpoint: cp.data, error: null }
          : { line: i + 1, checkpoint: null, error: `not a checkpoint (${cp.error.issues[0]?.message ?? 'invalid'})` },
      );
    });
  return out;
}

/** A ledger_checkpoints row as the signed checkpoint it stores (counts come back as strings from PostgreSQL). */
export const checkpointOfRow = (r: Omit<LedgerCheckpointsTable, 'id'>): SignedCheckpoint => ({
  seq: Number(r.seq),
  headHash: r.head_hash,
  count: Number(r.count),
  totalMilliPoints: Number(r.total_milli_points),
  at: r.at,
  keyId: r.key_id,
  signature: r.signature,
});

/**
 * Signed checkpoints of the ledger's head, kept twice: in `ledger_checkpoints` (for queries: the
 * checkpoint a statement cites) and in an append-only, fsynced file outside the database, which is
 * what a rewrite of the database cannot reach. Signing happens inside the ledger's transaction
 * (the table row commits with the entries); the file line is written once the transaction has
 * committed, so the file never holds a checkpoint of entries that were rolled back.
 */
export function createCheckpointLog(deps: { file: string; key: SigningKey; ring: PublicKeyInfo[]; clock: () => Date }) {
  const { key, file } = deps;
  const ring: PublicKeyRing = ringOf(deps.ring.map((k) => k.pem));
  // One append at a time, in the order transactions committed.
  let writing: Promise<void> = Promise.resolve();

  async function appendLines(lines: string): Promise<void> {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const handle = await fs.promises.open(file, 'a', 0o600);
    try {
      await handle.appendFile(lines);
      await handle.datasync();
    } finally {
      await handle.close();
    }
  }

  return {
    file,
    ring,
    keyId: key.keyId,
    /** For statement signatures (server/credits/proof.ts). */
    signer: { privateKey: key.privateKey, keyId: key.keyId },

    publicKeys(): PublicKeys {
      const current = deps.ring.find((k) => k.keyId === key.keyId) ?? {
        algorithm: 'Ed25519' as const,
        keyId: key.keyId,
        pem: key.publicKeyPem,
        addedAt: '',
      };
      return { ...current, previous: deps.ring.filter((k) => k.keyId !== key.keyId) };
    },

    /**
     * The latest checkpoint in the table, its signature checked: a forged or edited row stops
     * the signer instead of becoming the base of the next checkpoint.
     */
    async latest(ex: Executor): Promise<SignedCheckpoint | null> {
      const row = await ex
        .selectFrom('ledger_checkpoints')
        .selectAll()
        .orderBy('seq', 'desc')
        .orderBy('id', 'desc')
        .limit(1)
        .executeTakeFirst();
      if (!row) return null;
      const cp = checkpointOfRow(row);
      const problem = checkpointSignatureProblem(cp, ring);
      if (problem) throw new LedgerIntegrityError(`the latest checkpoint (seq ${cp.seq}) in the database is not genuine: ${problem}`);
      return cp;
    },

    /** Signs the heads and records them in the table (inside the ledger transaction). */
    async record(trx: Transaction<Database>, heads: Head[]): Promise<SignedCheckpoint[]> {
      if (heads.length === 0) return [];
      const at = deps.clock().toISOString();
      const signed = heads.map((h) => signCheckpoint({ ...h, at, keyId: key.keyId }, key.privateKey));
      await trx
        .insertInto('ledger_checkpoints')
        .values(
          signed.map((c) => ({
            seq: c.seq,
            head_hash: c.headHash,
            count: c.count,
            total_milli_points: c.totalMilliPoints,
            at: c.at,
            key_id: c.keyId,
            signature: c.signature,
          })),
        )
        .execute();
      return signed;
    },

    /** Appends committed checkpoints to the file and waits until they are on disk. */
    persist(checkpoints: SignedCheckpoint[]): Promise<void> {
      if (checkpoints.length === 0) return writing;
      const lines = checkpoints.map((c) => `${JSON.stringify(c)}\n`).join('');
      writing = writing.catch(() => undefined).then(() => appendLines(lines));
      return writing;
    },
  };
}
export type CheckpointLog = ReturnType<typeof createCheckpointLog>;

/** The checkpoint log for a configuration: loads (or at first start creates) the signing key. */
export function openCheckpointLog(config: LedgerProofConfig, clock: () => Date = () => new Date()): CheckpointLog {
  const key = loadSigningKey(config, clock());
  return createCheckpointLog({ file: config.checkpointFile, key, ring: key.ring, clock });
}
