import type { Db } from '../db/database';
import { checkpointOfRow, readCheckpointFile } from './checkpoints';
import { entryHash } from './ledger';
import { checkpointSignatureProblem, GENESIS_HASH, type PublicKeyRing } from './proof';
import type { CheckpointMismatch, SignedCheckpoint, VerifyResult } from './schema';

interface Expectation {
  cp: SignedCheckpoint;
  source: 'file' | 'table';
  line: number | null;
}

const mismatch = (e: Expectation, reason: string): CheckpointMismatch => ({
  seq: e.cp.seq,
  at: e.cp.at,
  keyId: e.cp.keyId,
  source: e.source,
  line: e.line,
  reason,
});

/**
 * Checks the ledger against itself and against what was signed: walks the hash chain in seq
 * order (naming the first broken entry), and checks every checkpoint, from the file outside the
 * database and from its table copy: the signature under the key ring, then that the chain, at the
 * checkpoint's seq, has the signed head hash, count and running total. A ledger rewritten and
 * re-hashed, or shortened, passes the first check and fails the second; the first checkpoint
 * (by seq) that no longer matches is named.
 */
export async function verifyLedger(
  db: Db,
  options: { ring: PublicKeyRing; keyIds: string[]; checkpointFile: string },
): Promise<VerifyResult> {
  const { ring } = options;
  const problems: CheckpointMismatch[] = [];
  const expectations: Expectation[] = [];
  const seen = new Set<string>();

  const fileLines = readCheckpointFile(options.checkpointFile);
  for (const l of fileLines) {
    if (!l.checkpoint) {
      problems.push({
        seq: null,
        at: null,
        keyId: null,
        source: 'file',
        line: l.line,
        reason: `line ${l.line} of ${options.checkpointFile} is ${l.error}`,
      });
      continue;
    }
    const e: Expectation = { cp: l.checkpoint, source: 'file', line: l.line };
    const bad = checkpointSignatureProblem(l.checkpoint, ring);
    if (bad) problems.push(mismatch(e, `line ${l.line} of ${options.checkpointFile}: ${bad}`));
    else if (!seen.has(l.checkpoint.signature)) {
      seen.add(l.checkpoint.signature);
      expectations.push(e);
    }
  }
  const tableRows = await db.selectFrom('ledger_checkpoints').selectAll().orderBy('seq').orderBy('id').execute();
  for (const row of tableRows) {
    const e: Expectation = { cp: checkpointOfRow(row), source: 'table', line: null };
    const bad = checkpointSignatureProblem(e.cp, ring);
    if (bad) problems.push(mismatch(e, `table ledger_checkpoints, row ${row.id}: ${bad}`));
    else if (!seen.has(e.cp.signature)) {
      seen.add(e.cp.signature);
      expectations.push(e);
    }
  }
  expectations.sort((a, b) => a.cp.seq - b.cp.seq);

  let next = 0;
  let matched = 0;
  const check = (seq: number, head: string, total: number) => {
    for (; next < expectations.length && (expectations[next]?.cp.seq ?? Infinity) <= seq; next++) {
      const e = expectations[next] as Expectation;
      if (e.cp.seq !== seq) continue;
      const where = e.source === 'file' ? `checkpoint at seq ${seq} (line ${e.line} of the file)` : `checkpoint at seq ${seq} (table copy)`;
      if (e.cp.headHash !== head)
        problems.push(
          mismatch(
            e,
            `${where}: the chain's head there is ${head}, the checkpoint signed ${e.cp.headHash}: entries up to seq ${seq} were rewritten`,
          ),
        );
      else if (e.cp.count !== seq || e.cp.totalMilliPoints !== total)
        problems.push(
          mismatch(
            e,
            `${where}: count ${seq} and total ${total} milli-points, the checkpoint signed count ${e.cp.count} and total ${e.cp.totalMilliPoints}`,
          ),
        );
      else matched += 1;
    }
  };

  let prev = GENESIS_HASH;
  let expectedSeq = 1;
  let checked = 0;
  let total = 0;
  let firstBroken: VerifyResult['firstBroken'] = null;
  check(0, prev, 0);
  const page = 5000;
  walk: for (;;) {
    const rows = await db.selectFrom('credit_entries').selectAll().where('seq', '>=', expectedSeq).orderBy('seq').limit(page).execute();
    for (const r of rows) {
      const seq = Number(r.seq);
      checked += 1;
      if (seq !== expectedSeq || r.prev_hash !== prev || entryHash(prev, r) !== r.hash) {
        firstBroken = { entryId: Number(r.id), seq };
        break walk;
      }
      prev = r.hash;
      total += Number(r.milli_points);
      check(seq, prev, total);
      expectedSeq += 1;
    }
    if (rows.length < page) break;
  }
  const reached = expectedSeq - 1;
  for (; next < expectations.length; next++) {
    const e = expectations[next] as Expectation;
    problems.push(
      mismatch(
        e,
        firstBroken
          ? `checkpoint at seq ${e.cp.seq}: not reached, the chain is broken at seq ${firstBroken.seq} (entry ${firstBroken.entryId})`
          : `checkpoint at seq ${e.cp.seq}: the ledger ends at seq ${reached}, so ${e.cp.seq - reached} signed entries are missing`,
      ),
    );
  }

  problems.sort((a, b) => (a.seq ?? -1) - (b.seq ?? -1) || (a.source === b.source ? 0 : a.source === 'file' ? -1 : 1));
  const latest = expectations.reduce<SignedCheckpoint | null>((best, e) => (!best || e.cp.seq > best.seq ? e.cp : best), null);
  return {
    ok: firstBroken === null && problems.length === 0,
    checked,
    firstBroken,
    checkpoints: {
      file: options.checkpointFile,
      fromFile: fileLines.length,
      fromTable: tableRows.length,
      matched,
      latest,
      firstMismatch: problems[0] ?? null,
    },
    keyIds: options.keyIds,
  };
}
