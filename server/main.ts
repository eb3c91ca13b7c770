import type { AddressInfo } from 'node:net';
import express from 'express';
import { ConfigError, loadConfig } from './config';
import { demoRoutes, demoTokens, isEmpty, seedDemo } from './demo/seed';
import { buildHub } from './hub';
import { createLogger } from './log';
import { metricsHandler } from './ops/metrics';
import { registerRunningHub } from './ops/runningHub';

/** Starts the hub: `npm start` runs this with demo data on by default. */
async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig(process.env, { HUB_DEMO: 'on', HUB_CURRENCY_RATES: 'EUR=1.08' }); // the demo's EUR deals get bands on the USD scale
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(1);
    }
    throw err;
  }
  const logger = createLogger(config.logLevel);
  const say = (m: string) => {
    if (config.logLevel !== 'silent') console.log(m);
  };
  say(
    `Knowledge Hub starting (data in ${config.dataDir}, database ${config.database.kind}, search ${config.search.url ?? 'embedded Meilisearch'})…`,
  );
  const hub = await buildHub(config, { logger, processMetrics: true, extraRoutes: (core) => demoRoutes(core) });

  let unregister = () => {};
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    say(`\n${signal} received: stopping…`);
    server.close();
    server.closeAllConnections();
    metricsServer?.close();
    unregister();
    await hub.close().catch((err) => logger.error('shutdown failed', { error: String(err) }));
    process.exit(0);
  };

  if (config.demo && (await isEmpty(hub))) {
    const made = await seedDemo(hub, say);
    say(
      `Demo data: ${made.users} users, ${made.opportunities} opportunities, ${made.content} content items, ${made.events} usage events. Indexing…`,
    );
    await hub.relay.drain(300_000);
  }

  // Fold the usage events recorded since the last report (and, after an upgrade, build derived
  // tables such as won-deal influence) now, in the background, rather than in the first report a
  // leader opens.
  const warming = performance.now();
  void hub.flow.facts
    .refresh()
    .then(
      (n) =>
        n > 0 &&
        say(`Knowledge flow: ${n.toLocaleString()} usage events folded into the reports in ${Math.round(performance.now() - warming)} ms`),
    )
    .catch((err: unknown) => logger.warn('knowledge flow refresh failed; reports will retry', { error: String(err) }));

  const server = hub.app.listen(config.port, config.host);
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  // /metrics alone on its own port, for a scraper on a network the load balancer does not expose.
  const metricsServer = config.metrics.port
    ? express().get('/metrics', metricsHandler(hub.metrics.registry, config.metrics.token)).listen(config.metrics.port, config.host)
    : undefined;
  if (metricsServer) await new Promise<void>((resolve, reject) => metricsServer.once('listening', resolve).once('error', reject));
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));

  const { port } = server.address() as AddressInfo;
  const url = `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${port}`;
  // Lets `npm run reindex` and the backup scripts find this hub instead of working around it.
  unregister = registerRunningHub(config.dataDir, ['0.0.0.0', '::'].includes(config.host) ? `http://127.0.0.1:${port}` : url);
  say(`\nKnowledge Hub is running at ${url}`);
  say(`  API description: ${url}/api/openapi.json`);
  if (config.demo) {
    const tokenOf = demoTokens(config.dataDir);
    const users = await hub.auth.users.list();
    const sample = ['rep', 'author', 'leader', 'admin']
      .map((role) => users.find((u) => u.role === role && u.id !== 'hub-admin'))
      .filter((u) => !!u);
    say('  Demo sign-in: open the URL and pick a user, or call the API with one of these tokens:');
    for (const u of sample) say(`    ${u.role.padEnd(7)} ${u.name.padEnd(22)} Authorization: Bearer ${tokenOf(u.id)}`);
  }
  if (config.adminToken) say('  HUB_ADMIN_TOKEN authenticates as the bootstrap admin.');
  say('Press Ctrl+C to stop.');
}

main().catch((err) => {
  console.error(`Knowledge Hub failed to start: ${err instanceof Error ? err.message : String(err)}`);
  if (err instanceof Error && err.cause) console.error('Cause:', err.cause);
  process.exit(1);
});
