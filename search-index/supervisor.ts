/**
 * Keeps one child process alive: restarts it when it exits or stops answering its health probe,
 * with exponential backoff and at most `maxRestartsPerMinute` attempts in any 60 s, logging
 * each restart. Knows nothing about Meilisearch; search-index/engine.ts gives it `launch`.
 */
export interface SupervisedProcess {
  /** Resolves (with a reason such as "exited with SIGKILL") when the process has ended. */
  readonly exited: Promise<string>;
  /** Ends the process (gently, then forcibly) and resolves once it is gone. */
  kill(): Promise<void>;
}

export type SupervisedState = 'running' | 'restarting' | 'stopped';

export interface SupervisorOptions {
  launch(): Promise<SupervisedProcess>;
  /** true when the process answers; called every `healthIntervalMs` while running. */
  probe(): Promise<boolean>;
  log(level: 'info' | 'warn' | 'error', message: string): void;
  onRestart?(reason: string): void;
  healthIntervalMs?: number;
  /** Consecutive failed probes that count as "stopped answering". */
  failuresBeforeRestart?: number;
  maxRestartsPerMinute?: number;
  initialBackoffMs?: number;
  maxBackoffMs?: number;
}

export class Supervisor {
  private current: SupervisedProcess | null = null;
  private stateNow: SupervisedState = 'stopped';
  private timer: NodeJS.Timeout | null = null;
  private probing = false;
  private failures = 0;
  private recovering: Promise<void> | null = null;
  private attempts: number[] = [];
  private restartCount = 0;
  private wake: (() => void) | null = null;

  constructor(private readonly options: SupervisorOptions) {}

  get state(): SupervisedState {
    return this.stateNow;
  }

  /** Successful restarts since this supervisor was created. */
  get restarts(): number {
    return this.restartCount;
  }

  /** Launches the process; a failure here is the caller's (nothing is retried before the first start). */
  async start(): Promise<void> {
    this.adopt(await this.options.launch());
    this.timer ??= setInterval(() => void this.check(), this.options.healthIntervalMs ?? 2000);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    this.stateNow = 'stopped';
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.wake?.();
    await this.recovering;
    const proc = this.current;
    this.current = null;
    await proc?.kill();
  }

  private adopt(proc: SupervisedProcess): void {
    this.current = proc;
    this.stateNow = 'running';
    this.failures = 0;
    void proc.exited.then((why) => {
      if (this.current === proc && this.stateNow === 'running') this.recover(`Meilisearch ${why}`);
    });
  }

  private async check(): Promise<void> {
    if (this.stateNow !== 'running' || this.probing) return;
    this.probing = true;
    const ok = await this.options.probe().catch(() => false);
    this.probing = false;
    if (this.stateNow !== 'running') return;
    if (ok) {
      this.failures = 0;
      return;
    }
    const limit = this.options.failuresBeforeRestart ?? 3;
    if (++this.failures >= limit) this.recover(`Meilisearch stopped answering /health (${limit} checks in a row)`);
  }

  private recover(reason: string): void {
    if (this.recovering) return;
    this.recovering = this.restart(reason).finally(() => {
      this.recovering = null;
    });
  }

  private async restart(reason: string): Promise<void> {
    this.stateNow = 'restarting';
    this.options.log('warn', `${reason}; restarting it`);
    const old = this.current;
    this.current = null;
    await old?.kill().catch(() => undefined);
    for (let attempt = 0; this.stateNow === 'restarting'; attempt++) {
      await this.sleep(Math.max(this.backoff(attempt), this.rateLimitWait()));
      if (this.stateNow !== 'restarting') return;
      this.attempts.push(Date.now());
      try {
        const proc = await this.options.launch();
        if (this.stateNow !== 'restarting') {
          await proc.kill();
          return;
        }
        this.restartCount++;
        this.options.onRestart?.(reason);
        // warn, not info: an operator wants every restart in the log at the usual levels.
        this.options.log('warn', `Meilisearch restarted (restart ${this.restartCount}, attempt ${attempt + 1}) after: ${reason}`);
        this.adopt(proc);
        return;
      } catch (err) {
        this.options.log('error', `Meilisearch restart attempt ${attempt + 1} failed: ${err instanceof Error ? err.message : String(err)}`);
      }
    }
  }

  private backoff(attempt: number): number {
    const initial = this.options.initialBackoffMs ?? 250;
    return Math.min(this.options.maxBackoffMs ?? 10_000, initial * 2 ** attempt);
  }

  /** How long until another attempt fits in the per-minute limit (0 if it fits now). */
  private rateLimitWait(): number {
    const now = Date.now();
    this.attempts = this.attempts.filter((t) => now - t < 60_000);
    const limit = this.options.maxRestartsPerMinute ?? 5;
    if (this.attempts.length < limit) return 0;
    const oldest = this.attempts[this.attempts.length - limit] as number;
    return oldest + 60_000 - now;
  }

  /** A sleep that stop() cuts short. */
  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const t = setTimeout(done, ms);
      function done() {
        clearTimeout(t);
        resolve();
      }
      this.wake = done;
    });
  }
}
