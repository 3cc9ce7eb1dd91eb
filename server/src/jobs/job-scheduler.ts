import type { Agenda, Job } from 'agenda' with { 'resolution-mode': 'import' };
import type { Logger } from '../common/logger.js';
import type { Metrics } from '../common/metrics.js';
import { JOB_NAMES, RECURRING_JOBS, type JobHandlers, type JobName, type JobPayloads, type RunningJob } from './job-registry.js';

export interface JobSchedulerOptions {
  databaseUrl: string;
  mongoUrl?: string;
  /** identifies this process in the jobs table */
  name: string;
  logger: Logger;
  metrics: Metrics;
  /** how often this worker looks for due jobs */
  processEvery?: string | number;
  lockLifetimeMs?: number;
}

/**
 * Agenda behind a typed face. Jobs are kept in PostgreSQL (same database, table agenda_jobs, created by
 * a migration) unless MONGODB_URL is set. Only worker processes `start()` processing; API processes use
 * it to schedule.
 */
export class JobScheduler {
  private agenda!: Agenda;
  private processing = false;
  private disconnected = false;
  private backend: { disconnect(): Promise<void> } | null = null;

  constructor(private readonly options: JobSchedulerOptions) {}

  async connect(): Promise<void> {
    const { Agenda } = await import('agenda');
    const backend = this.options.mongoUrl
      ? new (await import('@agendajs/mongo-backend')).MongoBackend({ address: this.options.mongoUrl })
      : new (await import('@agendajs/postgres-backend')).PostgresBackend({
          connectionString: this.options.databaseUrl,
          tableName: 'agenda_jobs',
          ensureSchema: false,
        });
    this.backend = backend;
    this.agenda = new Agenda({
      backend,
      name: this.options.name,
      processEvery: this.options.processEvery ?? '2 seconds',
      defaultLockLifetime: this.options.lockLifetimeMs ?? 10 * 60_000,
      defaultConcurrency: 4,
      maxConcurrency: 8,
    });
    this.agenda.on('error', (error: Error) => this.options.logger.error({ err: error }, 'job scheduler error'));
    await this.agenda.ready;
  }

  /** Registers every handler; refuses to go on when a job name has none. */
  define(handlers: Partial<JobHandlers>): void {
    const missing = JOB_NAMES.filter((name) => typeof handlers[name] !== 'function');
    if (missing.length) throw new Error(`no handler for job(s): ${missing.join(', ')}`);
    for (const name of JOB_NAMES) {
      const handler = handlers[name] as (data: unknown, job: RunningJob) => Promise<void>;
      this.agenda.define(name, async (job: Job<unknown>) => {
        const end = this.options.metrics.jobDuration.startTimer({ job: name });
        try {
          await handler(job.attrs.data ?? {}, { touch: () => job.touch() });
          this.options.metrics.jobsTotal.inc({ job: name, outcome: 'succeeded' });
        } catch (error) {
          this.options.metrics.jobsTotal.inc({ job: name, outcome: 'failed' });
          this.options.logger.error({ err: error, job: name, data: job.attrs.data }, 'job failed');
          throw error;
        } finally {
          end();
        }
      });
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

  /**
   * Stops taking jobs and waits (up to `timeoutMs`) for running ones to finish, then closes the
   * connection. Jobs still running then are abandoned: their work is safe to repeat (ledger, cursors).
   */
  async drain(timeoutMs: number): Promise<void> {
    if (!this.agenda || !this.processing) return;
    this.processing = false;
    const result = await this.agenda.drain({ timeout: timeoutMs, closeConnection: true });
    this.disconnected = true;
    if (result.timedOut) this.options.logger.warn({ running: result.running }, 'jobs still running at shutdown were abandoned');
  }

  async stop(): Promise<void> {
    if (!this.agenda || this.disconnected) return;
    if (this.processing) await this.agenda.stop(true);
    else await this.backend?.disconnect(); // Agenda.stop() does nothing for an instance that never processed
    this.processing = false;
    this.disconnected = true;
  }

}
