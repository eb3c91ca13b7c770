import fs from 'node:fs';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser, type Page } from 'playwright-core';
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
  if (!fs.existsSync(path.resolve(__dirname, '..', '..', 'dist', 'page', 'index.html')))
    throw new Error('dist/page is not built: run npm run build:page (npm test does)');
  return ok;
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
}

export interface DemoHub {
  hub: TestHub;
  server: Server;
  baseUrl: string;
  stop(): Promise<void>;
}

/** A hub on real parts with the demo organisation, listening on a free loopback port. */
export async function startDemoHub(env: Record<string, string> = {}): Promise<DemoHub> {
  const hub = await startTestHub({ env: { HUB_DEMO: 'on', ...env }, hub: { extraRoutes: (core) => demoRoutes(core) } });
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

export interface DemoBrowserSession {
  readonly demo: DemoHub;
  readonly page: Page;
  /** Uncaught page errors; each browser test ends by expecting none. */
  readonly errors: string[];
  /** Signs in with a token, as the page's sign-in does, and opens `hash`. */
  signIn(token: string, hash: string): Promise<void>;
}

/**
 * Registers beforeAll/afterAll for a browser suite: a demo hub on loopback, Debian's chromium and
 * one page. Call it inside the suite's `describe`.
 */
export function useDemoBrowser(options: { env?: Record<string, string> } = {}): DemoBrowserSession {
  let demo: DemoHub | undefined;
  let browser: Browser | undefined;
  let page: Page | undefined;
  const errors: string[] = [];
  beforeAll(async () => {
    demo = await startDemoHub(options.env);
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    page.on('pageerror', (e) => errors.push(String(e)));
  }, 300_000);
  afterAll(async () => {
    await browser?.close();
    await demo?.stop();
  });
  return {
    get demo() {
      return demo as DemoHub;
    },
    get page() {
      return page as Page;
    },
    errors,
    async signIn(token, hash) {
      const p = page as Page;
      const base = (demo as DemoHub).baseUrl;
      await p.goto(`${base}/`);
      await p.evaluate((t) => sessionStorage.setItem('hubToken', t), token);
      await p.goto(`${base}/${hash}`);
      await p.reload();
    },
  };
}
