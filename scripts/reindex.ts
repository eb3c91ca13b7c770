/**
 * `npm run reindex`: rebuilds the search index from the database (adds missing documents,
 * replaces stale ones, removes orphans). Uses the same configuration as `npm start`.
 *
 * When a hub is running on the data folder, the script never starts a second engine or touches
 * the hub's: it asks that hub to reindex through its admin API (with HUB_ADMIN_TOKEN), or
 * refuses with a message saying how (exit code 2).
 */
import { ConfigError, loadConfig } from '../server/config';
import { reindexContent } from '../server/content/reindex';
import { buildHub } from '../server/hub';
import { createLogger } from '../server/log';
import { callRunningHub, HubIsRunningError } from '../server/ops/adminClient';
import { runningHubs } from '../server/ops/runningHub';
import { EngineInUseError } from '../search-index/engineRecord';

async function run(): Promise<void> {
  const config = loadConfig();
  const started = Date.now();
  const [live] = runningHubs(config.dataDir);
  if (live) {
    console.log(`reindex: a hub is running on ${config.dataDir} (pid ${live.hub.pid}); asking it through its admin API…`);
    const report = await callRunningHub<unknown>(live, config.adminToken, 'POST', '/api/admin/search/reindex', 'reindex');
    console.log(`reindex: the running hub finished in ${((Date.now() - started) / 1000).toFixed(1)} s`, JSON.stringify(report));
    return;
  }
  const hub = await buildHub(config, { logger: createLogger('warn'), startRelay: false });
  try {
    const report = await reindexContent(hub, (m) => console.log(`reindex: ${m}`));
    console.log(`reindex: finished in ${((Date.now() - started) / 1000).toFixed(1)} s`, JSON.stringify(report));
  } finally {
    await hub.close();
  }
}

run().catch((err) => {
  const refused = err instanceof HubIsRunningError || err instanceof EngineInUseError;
  console.error(
    err instanceof ConfigError || refused
      ? `reindex: ${err.message}`
      : `reindex failed: ${err instanceof Error ? err.message : String(err)}`,
  );
  process.exit(refused ? 2 : 1);
});
