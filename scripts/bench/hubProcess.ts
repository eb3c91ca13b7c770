import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { EMBEDDINGS_DIR } from './vectors';

/**
 * The V8 flags `npm start` gives the hub (read from package.json's start script, so a benchmark
 * measures the hub as it is run, and the flags are written in one place).
 */
export function hubNodeFlags(): string[] {
  const pkg = JSON.parse(fs.readFileSync(path.resolve(__dirname, '..', '..', 'package.json'), 'utf8')) as { scripts: { start: string } };
  const tsx = /\btsx((?:\s+--[a-z-]+=\S+)*)\s+server\/main\.ts/.exec(pkg.scripts.start);
  if (!tsx) throw new Error('package.json: the start script no longer runs "tsx [flags] server/main.ts"');
  return (tsx[1] ?? '').trim().split(/\s+/).filter(Boolean);
}

/**
 * The environment of a hub the benchmarks run as its own process (as in production), so the load
 * generator's work is not charged to it: loopback, no demo data, limits out of the way.
 */
export function benchHubEnv(dir: string, engine: { url: string; masterKey: string }, adminToken: string): NodeJS.ProcessEnv {
  return {
    ...process.env,
    PORT: '0',
    HOST: '127.0.0.1',
    DATA_DIR: path.join(dir, 'hub'),
    MEILI_URL: engine.url,
    MEILI_MASTER_KEY: engine.masterKey,
    MEILI_INDEX_PREFIX: 'bench_',
    HUB_ADMIN_TOKEN: adminToken,
    HUB_DEMO: 'off',
    LOG_LEVEL: 'warn',
    RATE_LIMIT_PER_MINUTE: '100000000',
    IMPORT_BODY_LIMIT: '200mb',
    HUB_EMBEDDINGS_DIR: EMBEDDINGS_DIR,
  };
}

/** The hub's base URL, read from the line it prints once it listens (or why it stopped first). */
export const hubBaseUrl = (child: ChildProcess): Promise<string> => printedUrl(child, /running at (http:\/\/[^\s]+)/);

/** The URL a child process prints once it listens (the pattern's first group), or why it stopped first. */
export function printedUrl(child: ChildProcess, pattern: RegExp): Promise<string> {
  return new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (c: Buffer) => {
      out += c.toString();
      const m = pattern.exec(out);
      if (m) resolve(m[1] as string);
    });
    child.once('exit', (code) => reject(new Error(`process exited with ${code} before listening:\n${out}`)));
  });
}

/** CPU time (user + system) a process has used so far, from /proc (Linux), in ms. */
/** A process's peak resident memory so far (VmHWM), in MB. */
export function peakRssMb(pid: number): number {
  const kb = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
  return Number(kb ?? 0) / 1024;
}

export function cpuMs(pid: number, which: 'all' | 'system' = 'all'): number {
  const fields = fs
    .readFileSync(`/proc/${pid}/stat`, 'utf8')
    .replace(/^.*\) /, '')
    .split(' ');
  // After the command name: utime and stime are the 12th and 13th fields, in clock ticks (100/s).
  const ticks = which === 'system' ? Number(fields[12]) : Number(fields[11]) + Number(fields[12]);
  return (ticks * 1000) / 100;
}
