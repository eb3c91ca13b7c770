import fs from 'node:fs';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser } from 'playwright-core';
import type { Server } from 'node:http';
import { demoRoutes, seedDemo } from '../../server/demo/seed';
import { startTestHub, type TestHub } from './hub';

/** Debian's chromium, never a downloaded browser. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const ARTIFACTS = path.resolve(__dirname, '..', '..', 'test-artifacts');

/**
 * Browser tests need Debian's chromium and the built page. In CI both must be there (a missing
 * one fails the run); on a developer machine without chromium the suite is skipped with a warning.
 */
export function browserAvailable(): boolean {
  const ok = fs.existsSync(CHROMIUM);
  if (!ok && process.env.CI) throw new Error(`chromium not found at ${CHROMIUM}: .ci/run installs it with apt-get`);
  if (!ok) console.warn(`Browser tests skipped: ${CHROMIUM} is missing (apt-get install chromium)`);
  if (!fs.existsSync(path.resolve(__dirname, '..', '..', 'dist', 'page', 'index.html'))) throw new Error('dist/page is not built: run npm run build:page (npm test does)');
  return ok;
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
}

export interface DemoHub {
  hub: TestHub;
  server: Server;
  baseUrl: string;
  stop(): Promise<void>;
}

/** A hub on real parts with the demo organisation, listening on a free loopback port. */
export async function startDemoHub(): Promise<DemoHub> {
  const hub = await startTestHub({ env: { HUB_DEMO: 'on' }, hub: { extraRoutes: (core) => demoRoutes(core) } });
  await seedDemo(hub);
  await hub.relay.drain(180_000);
  const server = hub.app.listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    hub,
    server,
    baseUrl,
    async stop() {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
      await hub.stop();
    },
  };
}

export function artifact(name: string): string {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  return path.join(ARTIFACTS, name);
}
