import type { EntityManager } from '@mikro-orm/postgresql';
import type { AppServices } from '../app/services.js';
import { Topics } from '../common/event-bus.js';
import { Integration } from '../integrations/integration.entity.js';
import { IntegrationStatus } from '../integrations/integration.enums.js';
import { syncIntegrationSchedule } from '../integrations/integration-schedule.js';
import type { ProviderFactory } from '../providers/provider-factory.js';
import { ProviderError } from '../providers/shared/provider-error.js';
import type { UnleashedClient } from '../providers/unleashed/unleashed.client.js';
import type { CreateQueue } from './create-queue.js';
import { ingestWindow } from './order-ingest.js';
import type { ShipmentLedger } from '../ledger/shipment-ledger.js';
import { SyncRun } from '../runs/sync-run.entity.js';
import { SyncRunRecorder } from '../runs/sync-run.recorder.js';
import { SyncRunKind, SyncRunStatus } from './sync.enums.js';

/** What the order poll needs from the application (tests and the benchmark build exactly this). */
export type SyncDeps = Pick<AppServices, 'config' | 'logger' | 'clock' | 'metrics' | 'orm' | 'eventBus' | 'scheduler' | 'secretBox'> & {
  providers: Pick<ProviderFactory, 'cartonCloud'> & { unleashed(apiId: string, apiKey: string): UnleashedClient };
};

export interface OrderPollOptions {
  /** Unleashed list page size (1–1000; tests use small pages) */
  pageSize?: number;
  /** how long one poll may spend creating before it leaves the rest to the next poll */
  drainBudgetMs: number;
}

export const CREDENTIALS_REJECTED_MESSAGE =
  'Unleashed refused the stored API ID and key, so order polling has stopped. Enter valid credentials again (setup step 2) to resume.';
export const POLL_OVERDUE_MESSAGE = 'No order poll has run for more than three poll intervals. Conveyor has re-created the schedule; if this stays, check the workers.';

/**
 * One order poll of one integration (CONTRACT §5 "Orders"): read the window from Unleashed into the
 * ledger (order-ingest.ts), store the cursor, then create what is due through the shared, fair,
 * rate-limited queue (create-queue.ts). Safe to run twice at once for the same integration.
 */
export class OrderPollService {
  constructor(
    private readonly deps: SyncDeps,
    private readonly ledger: ShipmentLedger,
    private readonly queue: CreateQueue,
    private readonly options: OrderPollOptions,
  ) {}

  async poll(integrationId: string, runId?: string): Promise<SyncRun | null> {
    const { clock, eventBus } = this.deps;
    const em = this.deps.orm.em.fork();
    const integration = await em.findOne(Integration, integrationId, { populate: ['unleashedApiKeySealed', 'customer'] });
    const refusal = !integration
      ? 'The integration no longer exists.'
      : integration.status !== IntegrationStatus.ACTIVE
        ? `The integration is ${integration.status}, not ACTIVE: nothing is polled.`
        : integration.credentialsRejectedAt
          ? CREDENTIALS_REJECTED_MESSAGE
          : !integration.unleashedApiId || !integration.unleashedApiKeySealed
            ? 'The integration has no Unleashed credentials.'
            : null;
    if (refusal || !integration) {
      if (runId) await this.failQueuedRun(em, runId, refusal ?? 'not found');
      return null;
    }

    const started = clock.now();
    const recorder = await SyncRunRecorder.start(em, eventBus, integration, SyncRunKind.ORDERS, {
      trigger: runId ? 'manual' : 'schedule',
      existingRunId: runId,
      now: started,
    });
    const run = recorder.run;
    await this.clearOverdueFlag(em, integration);

    let unleashedOk = false;
    try {
      const apiKey = this.deps.secretBox.open(integration.unleashedApiKeySealed!, integration.id);
      const client = this.deps.providers.unleashed(integration.unleashedApiId!, apiKey);
      const ingest = await ingestWindow({
        em,
        client,
        ledger: this.ledger,
        integrationId: integration.id,
        cursor: integration.orderCursor,
        runId: run.id,
        now: started,
        pageSize: this.options.pageSize,
      });
      // the whole window was handled: only now may the cursor move
      integration.orderCursor = ingest.newCursor ?? started;
      await em.flush();
      for (const skip of ingest.skipped) await this.ledger.countOnRun(em, run.id, 'skipped', skip);
      if (ingest.skipped.length) await this.ledger.addToRunTotal(em, run.id, ingest.skipped.length);
      unleashedOk = true;
    } catch (error) {
      if (error instanceof ProviderError && error.provider === 'unleashed' && error.code === 'AUTH') {
        await this.rejectCredentials(em, integration, error);
        await this.ledger.addRunError(em, run.id, { reference: null, message: `${CREDENTIALS_REJECTED_MESSAGE} (${error.message})` });
        await em.refresh(run);
        await recorder.finish(clock.now(), SyncRunStatus.FAILED);
        return run;
      }
      const message = error instanceof Error ? error.message : String(error);
      this.deps.logger.warn({ err: error, integrationId }, 'order poll: reading Unleashed failed');
      await this.ledger.addRunError(em, run.id, { reference: null, message: `Reading Unleashed failed: ${message}` });
    }

    // due rows — new ones, retries whose time came, rows a crash left — are this run's to count
    const due = await this.ledger.attributeDue(em, integration.id, run.id, clock.now());
    await this.ledger.addToRunTotal(em, run.id, due);
    await eventBus.publish(Topics.SYNC_RUN_UPDATED, { syncRunId: run.id, integrationId: integration.id, customerId: integration.customer.id });
    const drained = await this.queue.drainFor(integration.id, Date.now() + this.options.drainBudgetMs);
    if (drained === 'deadline') {
      await this.ledger.addRunError(em, run.id, { reference: null, message: 'Shipments are still waiting for their turn to be created; the next poll continues.' });
    }

    if (unleashedOk) {
      integration.lastSyncedAt = clock.now();
      await em.flush();
    }
    await em.refresh(run);
    if (!unleashedOk) await recorder.finish(clock.now(), run.created + run.skipped > 0 ? SyncRunStatus.PARTIAL : SyncRunStatus.FAILED);
    else await recorder.finish(clock.now());
    return run;
  }

  /** Unleashed said no to the key: stop polling this integration and tell its users. */
  private async rejectCredentials(em: EntityManager, integration: Integration, error: ProviderError): Promise<void> {
    this.deps.logger.warn({ integrationId: integration.id, err: error.message }, 'order poll: Unleashed refused the credentials; polling stopped');
    integration.credentialsRejectedAt = this.deps.clock.now();
    integration.healthMessage = CREDENTIALS_REJECTED_MESSAGE;
    await em.flush();
    await syncIntegrationSchedule(this.deps.scheduler, this.deps.config, integration);
    await this.deps.eventBus.publish(Topics.INTEGRATION_UPDATED, { integrationId: integration.id, customerId: integration.customer.id });
  }

  /** Polls run again: the watchdog's flag goes. */
  private async clearOverdueFlag(em: EntityManager, integration: Integration): Promise<void> {
    if (integration.healthMessage !== POLL_OVERDUE_MESSAGE) return;
    integration.healthMessage = null;
    await em.flush();
    await this.deps.eventBus.publish(Topics.INTEGRATION_UPDATED, { integrationId: integration.id, customerId: integration.customer.id });
  }

  private async failQueuedRun(em: EntityManager, runId: string, message: string): Promise<void> {
    const run = await em.findOne(SyncRun, runId, { populate: ['integration'] });
    if (!run || run.status !== SyncRunStatus.QUEUED) return;
    const now = this.deps.clock.now();
    run.status = SyncRunStatus.FAILED;
    run.startedAt = now;
    run.finishedAt = now;
    run.errors = [...run.errors, { reference: null, message }];
    await em.flush();
    await this.deps.eventBus.publish(Topics.SYNC_RUN_UPDATED, {
      syncRunId: run.id,
      integrationId: run.integration.id,
      customerId: run.integration.getEntity().customer.id,
    });
  }
}
