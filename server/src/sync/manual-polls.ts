import type { EntityManager } from '@mikro-orm/postgresql';
import { AppError } from '../common/errors.js';
import type { Integration } from '../integrations/integration.entity.js';
import { SyncRun } from '../runs/sync-run.entity.js';
import { SyncRunKind, SyncRunStatus } from '../runs/sync-run.enums.js';
import type { OrderSyncDeps } from './sync-deps.js';

/** A QUEUED run no worker started for this long after it was due (workers down, its job lost) is closed and replaced. */
export const QUEUED_RUN_STALE_MS = 10 * 60_000;

/** Why a person asked for a poll: `syncNow`, or shipments they sent again. */
export type ManualPollReason = 'manual' | 'retry';

/**
 * Polls a person asks for (issue 17 item 4: nothing a client can loop on grows without bound).
 * - **One queued run per integration**: while an ORDERS run is QUEUED, asking again returns that run and
 *   queues no job (a partial unique index makes this hold across processes: `SyncRunRecorder.queueOnce`).
 * - **A cooldown** (`MANUAL_SYNC_COOLDOWN_SECONDS`, default 10 s) between runs a person asked for:
 *   `syncNow` inside it is refused with BAD_USER_INPUT on `id` saying when to try again
 *   (`extensions.retryAfterSeconds`, `extensions.retryAt`); a retry inside it is not refused — its rows are
 *   already PENDING — and gets one run queued for the end of the cooldown instead.
 * - A queued run nobody started within ten minutes is closed as FAILED (saying so) and replaced.
 */
export class ManualPolls {
  constructor(private readonly deps: Pick<OrderSyncDeps, 'clock' | 'scheduler' | 'runs' | 'config'>) {}

  async request(em: EntityManager, integration: Integration, reason: ManualPollReason): Promise<SyncRun> {
    const { clock, runs, scheduler } = this.deps;
    const now = clock.now();
    const owner = { integrationId: integration.id, customerId: integration.customer.id };
    const queued = await em.fork().findOne(SyncRun, { integration: integration.id, kind: SyncRunKind.ORDERS, status: SyncRunStatus.QUEUED });
    if (queued) {
      if (now.getTime() - queued.createdAt.getTime() < QUEUED_RUN_STALE_MS + this.deps.config.manualSyncCooldownMs) return queued;
      await runs.failQueued(em, queued.id, 'No worker started this sync within 10 minutes; a new one was queued.', now);
    }
    const readyAt = await this.cooldownEnd(em, integration.id);
    if (readyAt && readyAt > now && reason === 'manual') throw cooldownRefusal(readyAt, now);
    const { run, created } = await runs.queueOnce(em, owner, reason, now);
    if (created) {
      const payload = { integrationId: integration.id, runId: run.id };
      if (readyAt && readyAt > now) await scheduler.schedule(readyAt, 'orders.poll', payload);
      else await scheduler.now('orders.poll', payload);
    }
    return run;
  }

  /** When the next run a person asks for may be queued: the newest such run's queueing plus the cooldown. */
  private async cooldownEnd(em: EntityManager, integrationId: string): Promise<Date | null> {
    const cooldownMs = this.deps.config.manualSyncCooldownMs;
    if (cooldownMs <= 0) return null;
    const rows = await em.getConnection().execute<{ last: Date | string | null }[]>(
      `select max(created_at) as last from sync_runs where integration_id = ? and kind = 'ORDERS' and trigger in ('manual', 'retry')`,
      [integrationId],
    );
    const last = rows[0]?.last;
    return last ? new Date(new Date(last).getTime() + cooldownMs) : null;
  }
}

function cooldownRefusal(readyAt: Date, now: Date): AppError {
  const seconds = Math.max(1, Math.ceil((readyAt.getTime() - now.getTime()) / 1000));
  return new AppError('BAD_USER_INPUT', `This integration was synced moments ago. Try again in ${seconds} second${seconds === 1 ? '' : 's'}.`, {
    field: 'id',
    retryAfterSeconds: seconds,
    retryAt: readyAt.toISOString(),
  });
}
