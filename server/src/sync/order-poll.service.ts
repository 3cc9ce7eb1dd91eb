import { Integration } from '../integrations/integration.entity.js';
import { IntegrationStatus } from '../integrations/integration.enums.js';
import { CREDENTIALS_REJECTED_MESSAGE } from '../integrations/integration-health.js';
import { ProviderError } from '../providers/shared/provider-error.js';
import type { SyncRun } from '../runs/sync-run.entity.js';
import { SyncRunKind, SyncRunStatus } from '../runs/sync-run.enums.js';
import type { CreateQueue } from './create-queue.js';
import { ingestWindow } from './order-ingest.js';
import type { OrderSyncDeps } from './sync-deps.js';

export interface OrderPollOptions {
  /** Unleashed list page size (1–1000; tests use small pages) */
  pageSize?: number;
  /** how long one poll may spend creating before it leaves the rest to the next poll */
  drainBudgetMs: number;
}

type OrderPollDeps = Pick<OrderSyncDeps, 'clock' | 'logger' | 'orm' | 'secretBox' | 'providers' | 'ledger' | 'runs' | 'health'>;

/**
 * One order poll of one integration (CONTRACT §5 "Orders"): read the window from Unleashed into the
 * ledger (order-ingest.ts), store the cursor, then create what is due through the shared, fair,
 * rate-limited queue (create-queue.ts). Safe to run twice at once for the same integration. The run is
 * the recorder's to write, the rows the ledger's, a refused credential integration health's.
 */
export class OrderPollService {
  constructor(
    private readonly deps: OrderPollDeps,
    private readonly queue: CreateQueue,
    private readonly options: OrderPollOptions,
  ) {}

  async poll(integrationId: string, runId?: string): Promise<SyncRun | null> {
    const { clock, ledger, runs, health } = this.deps;
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
      if (runId) await runs.failQueued(em, runId, refusal ?? 'not found', clock.now());
      return null;
    }

    const started = clock.now();
    const run = await runs.start(em, { integrationId: integration.id, customerId: integration.customer.id }, SyncRunKind.ORDERS, {
      trigger: runId ? 'manual' : 'schedule',
      existingRunId: runId,
      now: started,
    });
    await health.pollsResumed(em, integration);

    let unleashedOk = false;
    try {
      const apiKey = this.deps.secretBox.open(integration.unleashedApiKeySealed!, integration.id);
      const client = this.deps.providers.unleashed(integration.unleashedApiId!, apiKey);
      const ingest = await ingestWindow({
        em,
        client,
        ledger,
        integrationId: integration.id,
        cursor: integration.orderCursor,
        runId: run.id,
        now: started,
        pageSize: this.options.pageSize,
      });
      // the whole window was handled: only now may the cursor move
      integration.orderCursor = ingest.newCursor ?? started;
      await em.flush();
      for (const skip of ingest.skipped) await runs.count(em, run, 'skipped', skip);
      if (ingest.skipped.length) await runs.addToTotal(em, run, ingest.skipped.length);
      unleashedOk = true;
    } catch (error) {
      if (error instanceof ProviderError && (await health.providerFailed(em, integration, error, 'order poll')) === 'credentials-rejected') {
        await runs.addError(em, run, { reference: null, message: `${CREDENTIALS_REJECTED_MESSAGE} (${error.message})` });
        return runs.finish(em, run, clock.now(), SyncRunStatus.FAILED);
      }
      const message = error instanceof Error ? error.message : String(error);
      this.deps.logger.warn({ err: error, integrationId }, 'order poll: reading Unleashed failed');
      await runs.addError(em, run, { reference: null, message: `Reading Unleashed failed: ${message}` });
    }

    // due rows — new ones, retries whose time came, rows a crash left — are this run's to count
    const due = await ledger.attributeDue(em, integration.id, run.id, clock.now());
    await runs.addToTotal(em, run, due);
    const drained = await this.queue.drainFor(integration.id, Date.now() + this.options.drainBudgetMs);
    if (drained === 'deadline') {
      await runs.addError(em, run, { reference: null, message: 'Shipments are still waiting for their turn to be created; the next poll continues.' });
    } else if (drained === 'stopped') {
      await runs.addError(em, run, { reference: null, message: 'This worker was stopped (a restart or a scale-down); another worker carries on with the waiting shipments.' });
    }

    if (unleashedOk) {
      integration.lastSyncedAt = clock.now();
      await em.flush();
      return runs.finish(em, run, clock.now());
    }
    // Unleashed could not be read: FAILED unless something still went through
    return runs.finish(em, run, clock.now(), (counts) => (counts.completed + counts.skipped > 0 ? SyncRunStatus.PARTIAL : SyncRunStatus.FAILED));
  }
}
