/**
 * `npm run ledger:verify`: checks the credit ledger in the configured database: walks the hash
 * chain (naming the first broken entry), then every signed checkpoint in the checkpoint file
 * outside the database and in its table copy: the signature, and that the chain still reaches
 * each checkpoint's head hash at its seq (naming the first that no longer matches). Prints the
 * public keys it checked with. Exits 1 when anything fails.
 *
 * Uses the same configuration as `npm start` but opens only the database (no search engine), and
 * changes nothing: no key is created, no checkpoint signed. `--checkpoint-file FILE` checks
 * another instance's checkpoint file (multi-instance deployments: run it once per file).
 */
import { ConfigError, loadConfig } from '../server/config';
import { verifyLedger } from '../server/credits/ledgerVerify';
import { ringOf } from '../server/credits/proof';
import { configuredPublicKey, readKeyRing } from '../server/credits/signingKey';
import { openDatabase } from '../server/db/database';

async function run(): Promise<number> {
  const config = loadConfig();
  const at = process.argv.indexOf('--checkpoint-file');
  const checkpointFile = at >= 0 && process.argv[at + 1] ? process.argv[at + 1]! : config.ledger.checkpointFile;
  const current = configuredPublicKey(config.ledger);
  const keys = [...(current ? [current] : []), ...readKeyRing(config.ledger.keyRingFile).filter((k) => k.keyId !== current?.keyId)];
  console.log(`ledger:verify: ${keys.length} public key(s)${keys.length ? '' : ' (no signing key yet: checkpoints cannot be checked)'}`);
  for (const k of keys)
    console.log(`  key ${k.keyId}${k.keyId === current?.keyId ? ' (current)' : ''}\n${k.pem.trim().replace(/^/gm, '    ')}`);
  const handle = await openDatabase(config.database);
  try {
    const result = await verifyLedger(handle.db, {
      ring: ringOf(keys.map((k) => k.pem)),
      keyIds: keys.map((k) => k.keyId),
      checkpointFile,
    });
    const cps = result.checkpoints;
    console.log(
      `ledger:verify: checkpoints from ${cps.file}: ${cps.fromFile} in the file, ${cps.fromTable} in the table, ${cps.matched} matched`,
    );
    if (result.ok) {
      const tail = cps.latest
        ? `; the latest checkpoint covers seq ${cps.latest.seq} (signed ${cps.latest.at}, key ${cps.latest.keyId})`
        : '';
      console.log(`ledger:verify: ok, ${result.checked} entries checked${tail}`);
      return 0;
    }
    if (result.firstBroken)
      console.log(
        `ledger:verify: BROKEN chain at entry ${result.firstBroken.entryId} (seq ${result.firstBroken.seq}) after ${result.checked} entries`,
      );
    const m = cps.firstMismatch;
    if (m)
      console.log(
        `ledger:verify: CHECKPOINT MISMATCH${m.seq === null ? '' : ` at seq ${m.seq}`} (${m.source}${m.line === null ? '' : `, line ${m.line}`}${m.at ? `, signed ${m.at}` : ''}): ${m.reason}`,
      );
    console.log(JSON.stringify(result));
    return 1;
  } finally {
    await handle.close();
  }
}

run().then(
  (code) => process.exit(code),
  (err) => {
    console.error(err instanceof ConfigError ? err.message : `ledger:verify failed: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  },
);
