/**
 * `npm run reindex`: rebuilds the search index from the database (adds missing documents,
 * replaces stale ones, removes orphans). Uses the same configuration as `npm start`.
 */
import { ConfigError, loadConfig } from '../server/config';
import { buildHub } from '../server/hub';
import { createLogger } from '../server/log';
import { reindexContent } from '../server/content/reindex';

async function run(): Promise<void> {
  const config = loadConfig();
  const hub = await buildHub(config, { logger: createLogger('warn'), startRelay: false });
  try {
    const started = Date.now();
    const report = await reindexContent(hub, (m) => console.log(`reindex: ${m}`));
    console.log(`reindex: finished in ${((Date.now() - started) / 1000).toFixed(1)} s`, JSON.stringify(report));
  } finally {
    await hub.close();
  }
}

run().catch((err) => {
  console.error(err instanceof ConfigError ? err.message : `reindex failed: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
