import type { EntityManager } from '@mikro-orm/postgresql';
import type { EventBus } from '../common/event-bus.js';
import { Topics } from '../common/event-bus.js';
import type { Integration } from '../integrations/integration.entity.js';
import { SyncRun } from './sync-run.entity.js';
import { SyncRunKind, SyncRunStatus } from '../sync/sync.enums.js';

const MAX_ERRORS_KEPT = 200;

/**
 * Keeps one SyncRun row up to date while a poll or fulfilment pass runs, and publishes each step on
 * `syncRunUpdated` (at most every `publishEveryMs`, and always at start and finish).
 */
export class SyncRunRecorder {
  private lastPublished = 0;

  private constructor(
    private readonly em: EntityManager,
    private readonly eventBus: EventBus,
    readonly run: SyncRun,
    private readonly customerId: string,
    private readonly publishEveryMs: number,
  ) {}

  /** Starts `existing` (a QUEUED run made by syncNow) or a new run. */
  static async start(
    em: EntityManager,
    eventBus: EventBus,
    integration: Integration,
    kind: SyncRunKind,
    options: { trigger?: string; existingRunId?: string; now: Date; publishEveryMs?: number },
  ): Promise<SyncRunRecorder> {
    let run = options.existingRunId ? await em.findOne(SyncRun, { id: options.existingRunId, integration: integration.id }) : null;
    if (!run) run = em.create(SyncRun, { integration, kind, trigger: options.trigger ?? 'schedule' });
    run.status = SyncRunStatus.RUNNING;
    run.startedAt = options.now;
    await em.flush();
    const recorder = new SyncRunRecorder(em, eventBus, run, integration.customer.id, options.publishEveryMs ?? 250);
    await recorder.publish(true);
    return recorder;
  }

  async setTotal(total: number): Promise<void> {
    this.run.total = total;
    await this.save();
  }

  /** Counts one handled item; `outcome` picks the counter. */
  async count(outcome: 'created' | 'skipped' | 'failed' | 'unchanged', error?: { reference: string | null; message: string }): Promise<void> {
    this.run.processed += 1;
    if (outcome !== 'unchanged') this.run[outcome] += 1;
    if (error && this.run.errors.length < MAX_ERRORS_KEPT) this.run.errors = [...this.run.errors, error];
    await this.save();
  }

  /** A problem not tied to one item (e.g. Unleashed unreachable). */
  async addError(message: string, reference: string | null = null): Promise<void> {
    if (this.run.errors.length < MAX_ERRORS_KEPT) this.run.errors = [...this.run.errors, { reference, message }];
    await this.save();
  }

  async finish(now: Date, status?: SyncRunStatus): Promise<SyncRun> {
    this.run.finishedAt = now;
    this.run.status = status ?? outcomeOf(this.run);
    await this.em.flush();
    await this.publish(true);
    return this.run;
  }

  private async save(): Promise<void> {
    await this.em.flush();
    await this.publish(false);
  }

  private async publish(force: boolean): Promise<void> {
    const now = Date.now();
    if (!force && now - this.lastPublished < this.publishEveryMs) return;
    this.lastPublished = now;
    await this.eventBus.publish(Topics.SYNC_RUN_UPDATED, { syncRunId: this.run.id, integrationId: this.run.integration.id, customerId: this.customerId });
  }
}

/** No problem: SUCCEEDED. Problems but some items went through: PARTIAL. Nothing but problems: FAILED. */
function outcomeOf(run: SyncRun): SyncRunStatus {
  if (run.failed === 0 && run.errors.length === 0) return SyncRunStatus.SUCCEEDED;
  const somethingWorked = run.created + run.skipped > 0 || run.processed > run.failed;
  return somethingWorked ? SyncRunStatus.PARTIAL : SyncRunStatus.FAILED;
}
