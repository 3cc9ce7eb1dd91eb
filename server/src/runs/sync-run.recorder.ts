import type { EntityManager } from '@mikro-orm/postgresql';
import { Topics, type EventBus } from '../common/event-bus.js';
import { Integration } from '../integrations/integration.entity.js';
import { SyncRun, type SyncError } from './sync-run.entity.js';
import { SyncRunKind, SyncRunStatus } from './sync-run.enums.js';

const MAX_ERRORS_KEPT = 200;
/** Throttle entries of runs not heard of for this long are dropped. */
const FORGET_AFTER_MS = 60_000;

/** A run, with what its `syncRunUpdated` event carries. */
export interface RunRef {
  id: string;
  integrationId: string;
  customerId: string;
}

/** Whose run it is. */
export interface RunOwner {
  integrationId: string;
  customerId: string;
}

/**
 * What one item of a run came to. `created` (ORDERS: a sale order created or adopted) and `written`
 * (FULFILMENT: a dispatch written back to Unleashed) both count in `SyncRun.completed`; `unchanged`
 * counts as processed only.
 */
export type RunOutcome = 'created' | 'written' | 'skipped' | 'failed' | 'unchanged';
const COLUMN: Record<RunOutcome, 'created' | 'skipped' | 'failed' | null> = {
  created: 'created',
  written: 'created',
  skipped: 'skipped',
  failed: 'failed',
  unchanged: null,
};

export interface SyncRunRecorderDeps {
  eventBus: Pick<EventBus, 'publish'>;
}

/**
 * The only writer of `sync_runs` and the only publisher of `SYNC_RUN_UPDATED`. Every count is one atomic
 * UPDATE (`processed = processed + 1 …`), so several workers — in this process or others — may count into
 * one run at once. Progress is published at most every `publishEveryMs` per run (250 ms), and always when a
 * run is queued, started or finished. One recorder per process (the throttle is per run, in memory).
 */
export class SyncRunRecorder {
  private readonly lastPublished = new Map<string, number>();

  constructor(
    private readonly deps: SyncRunRecorderDeps,
    private readonly publishEveryMs = 250,
  ) {}

  /**
   * A QUEUED ORDERS run a person asked for (`syncNow`, a retry), unless the integration already has one
   * queued: then that one. At most one QUEUED ORDERS run per integration is a partial unique index
   * (`sync_runs_one_queued_orders_run`), so two requests at once, in any processes, get the same run.
   */
  async queueOnce(em: EntityManager, owner: RunOwner, trigger: string, now: Date): Promise<{ run: SyncRun; created: boolean }> {
    const inserted = await em.getConnection().execute<{ id: string }[]>(
      `insert into sync_runs (id, integration_id, kind, status, trigger, created_at) values (gen_random_uuid(), ?, 'ORDERS', 'QUEUED', ?, ?)
       on conflict do nothing returning id`,
      [owner.integrationId, trigger, now],
    );
    const id = inserted[0]?.id;
    const run = id
      ? await em.fork().findOneOrFail(SyncRun, id)
      : await em.fork().findOne(SyncRun, { integration: owner.integrationId, kind: SyncRunKind.ORDERS, status: SyncRunStatus.QUEUED });
    if (!run) return this.queueOnce(em, owner, trigger, now); // the queued one started meanwhile: queue anew
    if (id) await this.publish({ id, ...owner }, true);
    return { run, created: Boolean(id) };
  }

  /** Starts `existingRunId` (a run made by `queue`, still QUEUED) or a new run: RUNNING from `now`. */
  async start(em: EntityManager, owner: RunOwner, kind: SyncRunKind, options: { trigger: string; existingRunId?: string; now: Date }): Promise<RunRef> {
    const adopted = options.existingRunId
      ? await em.getConnection().execute<{ id: string }[]>(
          `update sync_runs set status = 'RUNNING', started_at = ? where id = ? and integration_id = ? and status = 'QUEUED' returning id`,
          [options.now, options.existingRunId, owner.integrationId],
        )
      : [];
    let id = adopted[0]?.id;
    if (!id) {
      const run = em.create(SyncRun, {
        integration: em.getReference(Integration, owner.integrationId),
        kind,
        trigger: options.trigger,
        status: SyncRunStatus.RUNNING,
        startedAt: options.now,
      });
      await em.flush();
      id = run.id;
    }
    const ref = { id, ...owner };
    await this.publish(ref, true);
    return ref;
  }

  /** A QUEUED run that will not run (the integration cannot be polled): FAILED at once, with why. */
  async failQueued(em: EntityManager, runId: string, message: string, now: Date): Promise<void> {
    const rows = await em.getConnection().execute<{ integration_id: string; customer_id: string }[]>(
      `update sync_runs r set status = 'FAILED', started_at = ?, finished_at = ?, errors = r.errors || jsonb_build_array(?::jsonb)
         from integrations i where r.id = ? and r.status = 'QUEUED' and i.id = r.integration_id
       returning r.integration_id, i.customer_id`,
      [now, now, JSON.stringify({ reference: null, message }), runId],
    );
    const row = rows[0];
    if (row) await this.publish({ id: runId, integrationId: row.integration_id, customerId: row.customer_id }, true);
  }

  async setTotal(em: EntityManager, run: RunRef, total: number): Promise<void> {
    await em.getConnection().execute(`update sync_runs set total = ? where id = ?`, [total, run.id]);
    await this.publish(run, false);
  }

  /** More items for the run (several polls or workers may add to one run). */
  async addToTotal(em: EntityManager, run: RunRef, n: number): Promise<void> {
    await em.getConnection().execute(`update sync_runs set total = coalesce(total, 0) + ? where id = ?`, [n, run.id]);
    await this.publish(run, false);
  }

  /** Counts one item; false when the run no longer exists. */
  async count(em: EntityManager, run: RunRef, outcome: RunOutcome, error?: SyncError): Promise<boolean> {
    const column = COLUMN[outcome];
    const errorJson = error ? JSON.stringify(error) : null;
    const rows = await em.getConnection().execute<{ id: string }[]>(
      `update sync_runs set processed = processed + 1${column ? `, "${column}" = "${column}" + 1` : ''},
         errors = case when ?::jsonb is not null and jsonb_array_length(errors) < ${MAX_ERRORS_KEPT} then errors || jsonb_build_array(?::jsonb) else errors end
       where id = ? returning id`,
      [errorJson, errorJson, run.id],
    );
    if (rows.length === 1) await this.publish(run, false);
    return rows.length === 1;
  }

  /** A problem not tied to a counted item (Unleashed unreachable, a shipment that will be retried). */
  async addError(em: EntityManager, run: RunRef, error: SyncError): Promise<void> {
    await em.getConnection().execute(
      `update sync_runs set errors = case when jsonb_array_length(errors) < ${MAX_ERRORS_KEPT} then errors || jsonb_build_array(?::jsonb) else errors end where id = ?`,
      [JSON.stringify(error), run.id],
    );
    await this.publish(run, false);
  }

  /**
   * Finishes the run with `status`, or with what its counts say (`outcomeOf`, or the function given), read
   * from the row as it is now. Returns the finished run.
   */
  async finish(em: EntityManager, run: RunRef, now: Date, status?: SyncRunStatus | ((counts: SyncRun) => SyncRunStatus)): Promise<SyncRun> {
    const counts = await em.fork().findOneOrFail(SyncRun, run.id);
    const final = typeof status === 'function' ? status(counts) : (status ?? outcomeOf(counts));
    await em.getConnection().execute(`update sync_runs set status = ?, finished_at = ? where id = ?`, [final, now, run.id]);
    await this.publish(run, true);
    this.lastPublished.delete(run.id);
    return em.fork().findOneOrFail(SyncRun, run.id);
  }

  private async publish(run: RunRef, force: boolean): Promise<void> {
    const now = Date.now();
    if (!force && now - (this.lastPublished.get(run.id) ?? 0) < this.publishEveryMs) return;
    this.lastPublished.set(run.id, now);
    if (this.lastPublished.size > 1_000) {
      for (const [id, at] of this.lastPublished) if (now - at > FORGET_AFTER_MS) this.lastPublished.delete(id);
    }
    await this.deps.eventBus.publish(Topics.SYNC_RUN_UPDATED, { syncRunId: run.id, integrationId: run.integrationId, customerId: run.customerId });
  }
}

/** No problem: SUCCEEDED. Problems but some items went through: PARTIAL. Nothing but problems: FAILED. */
export function outcomeOf(run: Pick<SyncRun, 'failed' | 'errors' | 'completed' | 'skipped' | 'processed'>): SyncRunStatus {
  if (run.failed === 0 && run.errors.length === 0) return SyncRunStatus.SUCCEEDED;
  const somethingWorked = run.completed + run.skipped > 0 || run.processed > run.failed;
  return somethingWorked ? SyncRunStatus.PARTIAL : SyncRunStatus.FAILED;
}
