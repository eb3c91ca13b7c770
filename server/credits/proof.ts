/**
 * What makes the ledger provable to people outside the hub: canonical encodings, the messages that
 * checkpoints and statements sign, and the offline statement check.
 *
 * No database import, on purpose: `npm run statement:verify` and the tests use this module with
 * nothing but a saved statement and a public key.
 */
import crypto from 'node:crypto';
import { periodOf } from './period';
import { Statement, STATEMENT_PROOF_FORMAT, type CheckpointBody, type SignedCheckpoint, type StatementLine } from './schema';

export const GENESIS_HASH = '0'.repeat(64);

/** Keys by key id; a ring holds the current key and the ones it replaced. */
export type PublicKeyRing = Map<string, crypto.KeyObject>;

/**
 * JSON with object keys sorted at every depth, so a signature never depends on the order in which
 * fields were written. Values are what JSON.parse gives back, so a saved document re-encodes to
 * the same bytes.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    const encoded = JSON.stringify(value);
    if (encoded === undefined) throw new TypeError(`canonicalJson: ${typeof value} has no JSON form`);
    return encoded;
  }
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

/** First 16 hex digits of the SHA-256 of the key's SPKI DER: short, and fixed by the key itself. */
export function keyIdOf(publicKey: crypto.KeyObject): string {
  return crypto
    .createHash('sha256')
    .update(publicKey.export({ type: 'spki', format: 'der' }))
    .digest('hex')
    .slice(0, 16);
}

/** A ring from PEM public keys; each key is filed under the id computed from it, never a claimed one. */
export function ringOf(pems: string[]): PublicKeyRing {
  const ring: PublicKeyRing = new Map();
  for (const pem of pems) {
    const key = crypto.createPublicKey(pem);
    if (key.asymmetricKeyType !== 'ed25519') throw new Error('not an Ed25519 public key');
    ring.set(keyIdOf(key), key);
  }
  return ring;
}

/**
 * Public keys from a file: PEM (one or more `-----BEGIN PUBLIC KEY-----` blocks) or the JSON that
 * `GET /api/credits/public-key` answers (the current key and `previous` ones).
 */
export function parsePublicKeys(text: string): PublicKeyRing {
  const trimmed = text.trim();
  if (trimmed.startsWith('{')) {
    const doc = JSON.parse(trimmed) as { pem?: unknown; previous?: { pem?: unknown }[] };
    const pems = [doc.pem, ...(Array.isArray(doc.previous) ? doc.previous.map((p) => p.pem) : [])].filter(
      (p): p is string => typeof p === 'string',
    );
    return ringOf(pems);
  }
  return ringOf(trimmed.match(/-----BEGIN PUBLIC KEY-----[\s\S]*?-----END PUBLIC KEY-----/g) ?? []);
}

// Domain separation: a checkpoint signature can never pass for a statement signature or back.
const CHECKPOINT_CONTEXT = 'knowledge-hub ledger checkpoint v1\n';
const STATEMENT_CONTEXT = 'knowledge-hub credit statement v1\n';

export function checkpointMessage(body: CheckpointBody): Buffer {
  const { seq, headHash, count, totalMilliPoints, at, keyId } = body;
  return Buffer.from(CHECKPOINT_CONTEXT + canonicalJson({ seq, headHash, count, totalMilliPoints, at, keyId }));
}

export function signCheckpoint(body: CheckpointBody, privateKey: crypto.KeyObject): SignedCheckpoint {
  return { ...body, signature: crypto.sign(null, checkpointMessage(body), privateKey).toString('base64') };
}

/** Why a checkpoint's signature does not hold under the ring, or null when it does. */
export function checkpointSignatureProblem(cp: SignedCheckpoint, ring: PublicKeyRing): string | null {
  const key = ring.get(cp.keyId);
  if (!key) return `signed with key ${cp.keyId}, which is not among the known public keys`;
  return verifies(checkpointMessage(cp), cp.signature, key) ? null : 'signature does not match its contents';
}

function verifies(message: Buffer, signatureBase64: string, key: crypto.KeyObject): boolean {
  try {
    return crypto.verify(null, message, key, Buffer.from(signatureBase64, 'base64'));
  } catch {
    return false;
  }
}

/**
 * The statement digest: a pure function of the person, the period's bounds and the ledger lines
 * (titles and the chain positions left out: titles can be edited; the digest must be the same
 * whenever the same entries are asked for).
 */
export function statementDigest(
  userId: string,
  bounds: { start: string; end: string },
  lines: Omit<StatementLine, 'contentTitle' | 'seq'>[],
): string {
  const canonical = JSON.stringify({
    userId,
    start: bounds.start,
    end: bounds.end,
    lines: lines.map((l) => [l.entryId, l.eventId, l.type, l.contentId, l.opportunityId, l.share, l.milliPoints, l.at]),
  });
  return crypto.createHash('sha256').update(canonical).digest('hex');
}

/** What a statement signature covers: every field of the statement, its proof included, but the signature. */
function statementMessage(
  statement: Omit<Statement, 'proof'> & { proof: Omit<Statement['proof'], 'signature'> & { signature?: string } },
): Buffer {
  const { signature: _signature, ...proof } = statement.proof;
  return Buffer.from(STATEMENT_CONTEXT + canonicalJson({ ...statement, proof }));
}

/** Signs a statement that cites `checkpoint`, which must cover every line. */
export function signStatement(
  statement: Omit<Statement, 'proof'>,
  checkpoint: SignedCheckpoint,
  key: { privateKey: crypto.KeyObject; keyId: string },
  signedAt: string,
): Statement {
  const proof = { format: STATEMENT_PROOF_FORMAT, algorithm: 'Ed25519' as const, keyId: key.keyId, signedAt, checkpoint };
  const signature = crypto.sign(null, statementMessage({ ...statement, proof }), key.privateKey).toString('base64');
  return { ...statement, proof: { ...proof, signature } };
}

export interface StatementCheck {
  ok: boolean;
  /** Everything found wrong; empty when ok. */
  problems: string[];
  /** What a passing check establishes, in words for the recipient and finance. */
  proves: string[];
  /** What it cannot establish on its own. */
  doesNotProve: string[];
}

/**
 * Checks a saved statement with public keys only (no database, no running hub): its shape, that
 * the digest is recomputed from its lines, that the total is their sum, that the cited checkpoint
 * covers every line and is signed, and that the statement signature covers all of it.
 */
export function verifyStatement(doc: unknown, ring: PublicKeyRing): StatementCheck {
  const doesNotProve = [
    'that the events behind the lines happened as recorded, or that the credit policy fits your plan: it proves what the ledger says, not that the ledger is right about the world',
    "that the hub's ledger still matches: an admin runs `npm run ledger:verify` (or GET /api/credits/verify) to check that the chain still reaches the cited checkpoint",
    "that the public key you used belongs to your organisation's hub: take it from GET /api/credits/public-key over a channel you trust, and compare its key id",
    'entries added after the cited checkpoint, or entries of other people',
  ];
  const parsed = Statement.safeParse(doc);
  if (!parsed.success) {
    return {
      ok: false,
      problems: parsed.error.issues.map((i) => `${i.path.join('.') || '(document)'}: ${i.message}`),
      proves: [],
      doesNotProve,
    };
  }
  const s = parsed.data;
  const cp = s.proof.checkpoint;
  const problems: string[] = [];

  const key = ring.get(s.proof.keyId);
  if (!key)
    problems.push(
      `the statement is signed with key ${s.proof.keyId}, which is not among the public keys given (${[...ring.keys()].join(', ') || 'none'})`,
    );
  else if (!verifies(statementMessage(s), s.proof.signature, key))
    problems.push(
      'the statement signature does not match its contents: a line, total, digest or the cited checkpoint was changed after signing',
    );
  const cpProblem = checkpointSignatureProblem(cp, ring);
  if (cpProblem) problems.push(`the cited checkpoint (seq ${cp.seq}): ${cpProblem}`);

  const bounds = periodOf({ from: s.from, to: s.to }, new Date(0));
  const redacted = s.hiddenLines.length > 0;
  if (!redacted) {
    const digest = statementDigest(s.userId, bounds, s.lines);
    if (digest !== s.digest) problems.push(`the digest recomputed from the lines is ${digest}, not ${s.digest}`);
  } else {
    doesNotProve.push(
      `the digest: ${s.hiddenLines.length} line(s) name items or deals hidden from the reader of this copy, so the digest over the ledger's lines cannot be recomputed from it (the signature still covers every line as shown)`,
    );
  }
  const sum = s.lines.reduce((a, l) => a + l.milliPoints, 0);
  if (sum !== s.totalMilliPoints) problems.push(`the lines add up to ${sum} milli-points, not the stated total ${s.totalMilliPoints}`);
  s.lines.forEach((l, i) => {
    if (l.seq > cp.seq) problems.push(`line ${i + 1} (entry ${l.entryId}) is at seq ${l.seq}, after the cited checkpoint (seq ${cp.seq})`);
    if (i > 0 && l.seq <= (s.lines[i - 1]?.seq ?? 0)) problems.push(`line ${i + 1} (entry ${l.entryId}) is out of ledger order`);
    if (l.at < bounds.start || l.at >= bounds.end) problems.push(`line ${i + 1} (entry ${l.entryId}) at ${l.at} is outside the period`);
  });

  const proves = problems.length
    ? []
    : [
        `the hub holding key ${s.proof.keyId} signed this statement at ${s.proof.signedAt}, and not one byte of its lines, total, digest or checkpoint has changed since`,
        `it lists ${s.lines.length} ledger entries crediting ${s.userId} from ${s.from} to ${s.to}, totalling ${s.totalMilliPoints} milli-points (policy versions ${s.policyVersions.join(', ') || 'none'})${redacted ? '' : `; the digest ${s.digest} is recomputed from those lines`}`,
        `the hub stated that these are all of this person's entries in the period among the first ${cp.seq} ledger entries, whose hash chain ends in ${cp.headHash} (checkpoint signed at ${cp.at} with key ${cp.keyId})`,
      ];
  return { ok: problems.length === 0, problems, proves, doesNotProve };
}
