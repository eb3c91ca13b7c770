import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { keyIdOf } from './proof';
import type { PublicKeyInfo } from './schema';

/** Where the ledger's signing key and proofs live (server/config.ts fills it). */
export interface LedgerProofConfig {
  /** A PEM private key given directly (HUB_LEDGER_SIGNING_KEY). */
  signingKeyPem?: string;
  /** A file holding the PEM private key (HUB_LEDGER_SIGNING_KEY_FILE). */
  signingKeyFile?: string;
  /** Without either: the key generated at first start (DATA_DIR/ledger-signing-key.pem, mode 0600). */
  generatedKeyFile: string;
  /** Every public key ever used, by key id, so old checkpoints stay verifiable after a rotation. */
  keyRingFile: string;
  /** The append-only checkpoint log outside the database (HUB_LEDGER_CHECKPOINT_FILE). */
  checkpointFile: string;
}

export interface SigningKey {
  privateKey: crypto.KeyObject;
  keyId: string;
  publicKeyPem: string;
}

export class SigningKeyError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'SigningKeyError';
  }
}

function privateKeyFrom(pem: string, where: string): crypto.KeyObject {
  let key: crypto.KeyObject;
  try {
    // Environment variables often carry PEM with literal "\n" sequences.
    key = crypto.createPrivateKey(pem.includes('\\n') ? pem.replace(/\\n/g, '\n') : pem);
  } catch (err) {
    throw new SigningKeyError(`${where}: not a PEM private key`, { cause: err });
  }
  if (key.asymmetricKeyType !== 'ed25519')
    throw new SigningKeyError(`${where}: an Ed25519 key is required, got ${key.asymmetricKeyType ?? 'unknown'}`);
  return key;
}

/** Reads the generated key, or creates it: 0600, and never overwritten (`wx`), so two starts agree. */
function generatedKey(file: string): crypto.KeyObject {
  if (!fs.existsSync(file)) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const { privateKey } = crypto.generateKeyPairSync('ed25519');
    try {
      fs.writeFileSync(file, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600, flag: 'wx' });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
  }
  return privateKeyFrom(fs.readFileSync(file, 'utf8'), file);
}

/** The public keys recorded so far (empty when none was ever used). */
export function readKeyRing(file: string): PublicKeyInfo[] {
  if (!fs.existsSync(file)) return [];
  const doc = JSON.parse(fs.readFileSync(file, 'utf8')) as { keys?: PublicKeyInfo[] };
  return Array.isArray(doc.keys) ? doc.keys : [];
}

function writeKeyRing(file: string, keys: PublicKeyInfo[]): void {
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, `${JSON.stringify({ keys }, null, 2)}\n`, { mode: 0o600 });
  fs.renameSync(tmp, file);
}

/**
 * The key the hub signs checkpoints and statements with: configured, or generated at first start.
 * A key not yet in the ring is added to it; the keys it replaced stay there (a rotation is just
 * configuring a new key), so checkpoints signed before still verify.
 */
export function loadSigningKey(config: LedgerProofConfig, now: Date = new Date()): SigningKey & { ring: PublicKeyInfo[] } {
  const privateKey = config.signingKeyPem
    ? privateKeyFrom(config.signingKeyPem, 'HUB_LEDGER_SIGNING_KEY')
    : config.signingKeyFile
      ? privateKeyFrom(fs.readFileSync(config.signingKeyFile, 'utf8'), `HUB_LEDGER_SIGNING_KEY_FILE (${config.signingKeyFile})`)
      : generatedKey(config.generatedKeyFile);
  const publicKey = crypto.createPublicKey(privateKey);
  const keyId = keyIdOf(publicKey);
  const publicKeyPem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
  let ring = readKeyRing(config.keyRingFile);
  if (!ring.some((k) => k.keyId === keyId)) {
    ring = [...ring, { algorithm: 'Ed25519', keyId, pem: publicKeyPem, addedAt: now.toISOString() }];
    fs.mkdirSync(path.dirname(config.keyRingFile), { recursive: true });
    writeKeyRing(config.keyRingFile, ring);
  }
  return { privateKey, keyId, publicKeyPem, ring };
}

/**
 * The public key of the configured key, without creating or recording anything (for
 * `ledger:verify`, which must not change the data folder). Null when no key exists yet.
 */
export function configuredPublicKey(config: LedgerProofConfig): PublicKeyInfo | null {
  const pem =
    config.signingKeyPem ??
    (config.signingKeyFile
      ? fs.readFileSync(config.signingKeyFile, 'utf8')
      : fs.existsSync(config.generatedKeyFile)
        ? fs.readFileSync(config.generatedKeyFile, 'utf8')
        : null);
  if (pem === null) return null;
  const publicKey = crypto.createPublicKey(privateKeyFrom(pem, 'the ledger signing key'));
  return {
    algorithm: 'Ed25519',
    keyId: keyIdOf(publicKey),
    pem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    addedAt: '',
  };
}
