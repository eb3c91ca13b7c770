/**
 * `npm run ledger:verify`: walks the credit ledger's hash chain in the configured database and
 * names the first broken entry. Exits 1 when the chain is broken. Uses the same configuration as
 * `npm start`, but opens only the database (no search engine is needed).
 */
import { ConfigError, loadConfig } from '../server/config';
import { createLedger } from '../server/credits/ledger';
import { openDatabase } from '../server/db/database';

async function run(): Promise<number> {
  const config = loadConfig();
  const handle = await openDatabase(config.database);
  try {
    const result = await createLedger(handle.db, handle.dialect).verify();
    if (result.ok) {
      console.log(`ledger:verify: ok, ${result.checked} entries checked`);
      return 0;
    }
    console.log(`ledger:verify: BROKEN at entry ${result.firstBroken?.entryId} (seq ${result.firstBroken?.seq}) after ${result.checked} entries`);
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
