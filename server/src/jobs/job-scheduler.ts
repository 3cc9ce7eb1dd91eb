import type { Agenda, Job } from 'agenda' with { 'resolution-mode': 'import' };
import pg from 'pg';
import type { Logger } from '../common/logger.js';
import type { Metrics } from '../common/metrics.js';
import { JOB_NAMES, RECURRING_JOBS, RESUME_ELSEWHERE_ON_STOP, type JobHandlers, type JobName, type JobPayloads } from './job-registry.js';

/** How long a job stays locked to its worker without a heartbeat (JOB_LOCK_LIFETIME's default). */
export const DEFAULT_JOB_LOCK_LIFETIME_MS = 60_000;

export interface JobSchedulerOptions {
  databaseUrl: string;
  mongoUrl?: string;
  /** identifies this process in the jobs table */
  name: string;
  logger: Logger;
  metrics: Metrics;
  /** how often this worker looks for due jobs */
  processEvery?: string | number;
  /**
   * How long a running job's lock lasts without a heartbeat: a worker that dies (SIGKILL, lost machine)
   * leaves its jobs locked this long before another worker takes them. Running jobs renew it every third
   * of it, so a long poll is never taken over while its worker lives.
   */
  lockLifetimeMs?: number;
  /** jobs run at once by this process, per job name */
  concurrency?: number;
}

export interface DrainResult {
  /** jobs still running when the time was up (their work is safe to repeat: ledger, cursors) */
  abandoned: number;
}

/**
 * Agenda behind a typed face. Jobs are kept in PostgreSQL (same database, table agenda_jobs, created by
 * a migration) unless MONGODB_URL is set. Only worker processes `start()` processing; API processes use
 * it to schedule.
 *
 * Living with failures (README "Many processes"):
 * - every connection it opens has an `'error'` listener: PostgreSQL dropping them (a restart,
 *   `pg_terminate_backend`) is logged and recovered from, never an unhandled event that ends the process.
 *   Agenda's job table uses a pool of ours; its LISTEN connection reconnects with backoff, forever.
 * - every running job's lock is renewed (a heartbeat every third of the lock lifetime), so the lifetime
 *   can be short: a killed worker's jobs are taken over within about a minute (the issue found them
 *   locked for Agenda's default 10 minutes). A worker locks no more jobs than it runs (`lockLimit`), so
 *   it never hoards jobs another worker could run.
 * - `drain()` stops taking jobs at once and hands back the ones it had locked but not started.
 */
export class JobScheduler {
  private agenda!: Agenda;
  private processing = false;
  private disconnected = false;
  private stopping = false;
  /** set once shutdown began: Agenda's processor stopping (the queued jobs unlocked) */
  private stoppedTaking?: Promise<void>;
  private pool: pg.Pool | null = null;
  private backend: { disconnect(): Promise<void> } | null = null;
  /** jobs of this process not yet completed (their outcome saved), as promises that settle then */
  private readonly running = new Set<Promise<void>>();
  /** the lock renewals of the jobs running here */
  private readonly heartbeats = new Set<NodeJS.Timeout>();
  private readonly completions = new Map<Job<unknown>, () => void>();
  readonly lockLifetimeMs: number;

  constructor(private readonly options: JobSchedulerOptions) {
    this.lockLifetimeMs = options.lockLifetimeMs ?? DEFAULT_JOB_LOCK_LIFETIME_MS;
  }

  async connect(): Promise<void> {
    const { Agenda } = await import('agenda');
    const { logger } = this.options;
    let backend;
    if (this.options.mongoUrl) {
      backend = new (await import('@agendajs/mongo-backend')).MongoBackend({ address: this.options.mongoUrl });
    } else {
      const { PostgresBackend } = await import('@agendajs/postgres-backend');
      // our pool, so it has an 'error' listener (an idle connection PostgreSQL dropped is replaced on next use)
      this.pool = new pg.Pool({ connectionString: this.options.databaseUrl, max: 4 });
      this.pool.on('error', (error) => logger.warn({ err: error }, 'job scheduler: a database connection was dropped'));
      const postgres = new PostgresBackend({ pool: this.pool, tableName: 'agenda_jobs', ensureSchema: false });
      const channel = postgres.notificationChannel;
      if (channel) {
        // Agenda's LISTEN connection: without a listener its 'error' event ends the process; and it gives up
        // after 10 reconnects by default. Jobs are found by polling anyway (processEvery); the channel only
        // makes `now()` jobs start sooner, so it retries every second for as long as the process lives,
        // logging the first failure of a streak and then one line every half minute.
        const reconnect = (channel as unknown as { config: { reconnect: { maxAttempts: number; initialDelayMs: number; maxDelayMs: number } } }).config.reconnect;
        Object.assign(reconnect, { maxAttempts: Number.POSITIVE_INFINITY, initialDelayMs: 1_000, maxDelayMs: 10_000 });
        let lastLogged = 0;
        channel.on('stateChange', (state: string) => {
          if (state === 'connected' && lastLogged) {
            logger.info('job scheduler: notification connection is back');
            lastLogged = 0;
          }
        });
        channel.on('error', (error: Error) => {
          if (Date.now() - lastLogged < 30_000) return;
          lastLogged = Date.now();
          logger.warn({ err: error }, 'job scheduler: notification connection lost; reconnecting every second');
        });
      }
      backend = postgres;
    }
    this.backend = backend;
    const concurrency = this.options.concurrency ?? 4;
    this.agenda = new Agenda({
      backend,
      name: this.options.name,
      processEvery: this.options.processEvery ?? '2 seconds',
      defaultLockLifetime: this.lockLifetimeMs,
      defaultConcurrency: concurrency,
      // lock only what this process runs: a locked, queued job of a process that dies waits a whole lifetime
      defaultLockLimit: concurrency,
      maxConcurrency: 2 * concurrency,
    });
    this.agenda.on('error', (error: Error) => logger.error({ err: error }, 'job scheduler error'));
    // Agenda emits 'complete' once a job's outcome is saved (lock released): only then is it over for drain()
    this.agenda.on('complete', (job: Job<unknown>) => {
      this.completions.get(job)?.();
      this.completions.delete(job);
    });
    await this.agenda.ready;
  }

  /** Registers every handler; refuses to go on when a job name has none. */
  define(handlers: Partial<JobHandlers>): void {
    const missing = JOB_NAMES.filter((name) => typeof handlers[name] !== 'function');
    if (missing.length) throw new Error(`no handler for job(s): ${missing.join(', ')}`);
    for (const name of JOB_NAMES) {
      const handler = handlers[name] as (data: unknown) => Promise<void>;
      this.agenda.define(name, (job: Job<unknown>) => {
        // running until Agenda has saved its outcome (and unlocked it), which it does after the handler
        let completed!: () => void;
        const done = new Promise<void>((resolve) => (completed = resolve));
        this.completions.set(job, completed);
        this.running.add(done);
        void done.then(() => this.running.delete(done));
        return this.runJob(name, job, handler);
      });
    }
  }

  private async runJob(name: JobName, job: Job<unknown>, handler: (data: unknown) => Promise<void>): Promise<void> {
    const { logger, metrics } = this.options;
    const end = metrics.jobDuration.startTimer({ job: name });
    // the heartbeat: while the handler runs its lock is renewed, so it is never taken over while we live
    const heartbeat = setInterval(() => {
      job.touch().catch((error: unknown) => logger.warn({ err: error, job: name }, 'job scheduler: could not renew a running job\'s lock'));
    }, Math.max(1_000, this.lockLifetimeMs / 3));
    this.heartbeats.add(heartbeat);
    try {
      await handler(job.attrs.data ?? {});
      metrics.jobsTotal.inc({ job: name, outcome: 'succeeded' });
    } catch (error) {
      metrics.jobsTotal.inc({ job: name, outcome: 'failed' });
      logger.error({ err: error, job: name, data: job.attrs.data }, 'job failed');
      throw error;
    } finally {
      clearInterval(heartbeat);
      this.heartbeats.delete(heartbeat);
      end();
      // cut short by a shutdown: another worker carries on now, not at the next interval
      const resume = RESUME_ELSEWHERE_ON_STOP[name] as ((data: unknown) => JobPayloads[JobName]) | undefined;
      if (this.stopping && resume) {
        await this.agenda.now(name, resume(job.attrs.data)).catch((error: unknown) => logger.warn({ err: error, job: name }, 'job scheduler: could not hand an interrupted job on'));
      }
    }
  }

  /** Starts processing, and makes sure the deployment-wide recurring jobs are scheduled (once). */
  async start(pollIntervalMs: number): Promise<void> {
    for (const job of RECURRING_JOBS) {
      await this.every(job.name, job.every(pollIntervalMs), {} as JobPayloads[typeof job.name], {});
    }
    await this.agenda.start();
    this.processing = true;
  }

  /** Repeats `name` every `interval` for the payload, keyed by `unique` (one schedule per key). */
  async every<N extends JobName>(name: N, interval: string | number, data: JobPayloads[N], unique: Record<string, unknown>, skipImmediate = false): Promise<void> {
    await this.agenda.create(name, data).repeatEvery(interval, { skipImmediate }).unique({ name, ...unique }).save();
  }

  async now<N extends JobName>(name: N, data: JobPayloads[N]): Promise<void> {
    await this.agenda.now(name, data);
  }

  /** Runs `name` once at `when`. */
  async schedule<N extends JobName>(when: Date, name: N, data: JobPayloads[N]): Promise<void> {
    await this.agenda.schedule(when, name, data);
  }

  async cancel(name: JobName, dataMatch?: Record<string, unknown>): Promise<number> {
    return this.agenda.cancel(dataMatch ? { name, data: dataMatch } : { name });
  }

  async scheduledCount(name: JobName, integrationId?: string): Promise<number> {
    const result = await this.agenda.queryJobs({ name, ...(integrationId ? { data: { integrationId } } : {}) });
    return result.total;
  }

  async isReachable(): Promise<boolean> {
    try {
      await this.agenda.queryJobs({ limit: 1 });
      return true;
    } catch {
      return false;
    }
  }

  get isProcessing(): boolean {
    return this.processing;
  }

  /** Jobs of this process running now. */
  get runningCount(): number {
    return this.running.size;
  }

  /**
   * Shutdown has begun (its first step, before anything else is closed): this process takes no job from now
   * on, and the jobs it had locked but not started are unlocked (another worker runs them at once). A job
   * that ends from now on was cut short, and is handed on to another worker (RESUME_ELSEWHERE_ON_STOP) —
   * the order sync stops claiming at the same moment, so a poll may end before `drain` is reached, and its
   * hand-on must not be taken by this process.
   */
  shutdownBegun(): Promise<void> {
    this.stopping = true;
    if (!this.stoppedTaking) {
      if (!this.agenda || !this.processing) return Promise.resolve();
      this.processing = false;
      // Agenda's stop(false): the processor stops at once and unlocks locked-but-not-running jobs; running
      // jobs keep their locks until they finish (their completion is saved through the still-open pool)
      this.stoppedTaking = Promise.race([
        this.agenda.stop(false).then(
          () => true,
          (error: unknown) => void this.options.logger.warn({ err: error }, 'job scheduler: could not unlock queued jobs'),
        ),
        new Promise<false>((resolve) => setTimeout(() => resolve(false), 3_000).unref()),
      ]).then((stopped) => {
        if (stopped === false) this.options.logger.warn('job scheduler: unlocking queued jobs took more than 3 s; going on');
      });
    }
    return this.stoppedTaking;
  }

  /**
   * Shutdown, in order: take no job from now on and unlock the jobs this process had locked but not started
   * (`shutdownBegun`, if it was not called already); wait for the running ones up to `softMs`; then call
   * `abandon` (the running jobs' owners stop waiting on what is in flight) and wait up to `hardMs` more. The
   * connection stays open for the jobs' own last writes and is closed by `stop()`.
   */
  async drain(softMs: number, abandon: () => void = () => undefined, hardMs = 2_000): Promise<DrainResult> {
    if (!this.agenda || (!this.processing && !this.stoppedTaking)) return { abandoned: 0 };
    await this.shutdownBegun();
    if (!(await this.settled(softMs))) {
      this.options.logger.warn({ running: this.running.size }, 'jobs still running after the grace period: abandoning their work in flight');
      abandon();
      if (!(await this.settled(hardMs))) {
        this.options.logger.warn({ running: this.running.size }, 'jobs still running at shutdown were abandoned (their work is safe to repeat)');
        return { abandoned: this.running.size };
      }
    }
    return { abandoned: 0 };
  }

  private async settled(ms: number): Promise<boolean> {
    if (this.running.size === 0) return true;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), ms)));
    const all = Promise.allSettled([...this.running]).then(() => true as const);
    const done = await Promise.race([all, timeout]);
    clearTimeout(timer);
    return done;
  }

  async stop(): Promise<void> {
    if (!this.agenda || this.disconnected) return;
    this.disconnected = true;
    // a job abandoned by drain() never settles: its lock is not renewed once we are gone
    for (const heartbeat of this.heartbeats) clearInterval(heartbeat);
    this.heartbeats.clear();
    if (this.processing) await this.agenda.stop(false).catch(() => undefined);
    this.processing = false;
    await this.backend?.disconnect().catch(() => undefined); // a Mongo backend's connection; ours is the pool below
    await this.pool?.end().catch(() => undefined);
  }
}
