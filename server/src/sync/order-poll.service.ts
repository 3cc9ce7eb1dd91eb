import type { EntityManager } from '@mikro-orm/postgresql';
import { Integration, type OrderScanPosition } from '../integrations/integration.entity.js';
import { IntegrationStatus } from '../integrations/integration.enums.js';
import { CREDENTIALS_REJECTED_MESSAGE } from '../integrations/integration-health.js';
import { ProviderError } from '../providers/shared/provider-error.js';
import type { UnleashedClient } from '../providers/unleashed/unleashed.client.js';
import type { SyncRun } from '../runs/sync-run.entity.js';
import type { RunRef } from '../runs/sync-run.recorder.js';
import { SyncRunKind, SyncRunStatus } from '../runs/sync-run.enums.js';
import type { CreateQueue } from './create-queue.js';
import { ingestOrder, ingestWindow, type IngestResult } from './order-ingest.js';
import { pollIntervalFor, pollIsDue, webhookPollStates } from './poll-interval.js';
import { HealthConditionCode } from '../integrations/health-conditions.js';
import type { OrderSyncDeps } from './sync-deps.js';

export interface OrderPollOptions {
  /** Unleashed list page size (1–1000; tests use small pages) */
  pageSize?: number;
  /** how long one poll may spend creating before it leaves the rest to the next poll */
  drainBudgetMs: number;
  /** Unleashed calls one poll may make before it leaves the rest of a walk to the next poll */
  unleashedCallBudget: number;
  /** the wait before a 403 is checked once more (a cheap authenticated call) */
  authRecheckDelayMs: number;
}

/** Who watches a poll's progress (the job's lock is kept by the scheduler's own heartbeat, job-scheduler.ts). */
export interface PollObserver {
  /** after every Unleashed page of the walk */
  afterPage?(): Promise<void>;
}

type OrderPollDeps = Pick<OrderSyncDeps, 'clock' | 'logger' | 'orm' | 'secretBox' | 'providers' | 'ledger' | 'runs' | 'health' | 'config'>;

/**
 * One order poll of one integration (CONTRACT §5 "Orders"): read Unleashed into the ledger
 * (order-ingest.ts; its walk's position saved as it goes), store the cursor when a walk is done, then
 * create what is due through the shared, fair, rate-limited queue (create-queue.ts). Safe to run twice at
 * once for the same integration. The run is the recorder's to write, the rows the ledger's, a refused
 * credential or a used-up allowance integration health's. Keeps the job's lock while it works.
 */
export class OrderPollService {
  constructor(
    private readonly deps: OrderPollDeps,
    private readonly queue: CreateQueue,
    private readonly options: OrderPollOptions,
  ) {}

  async poll(integrationId: string, runId?: string, observer: PollObserver = {}): Promise<SyncRun | null> {
    return this.run(integrationId, { runId, observer });
  }

  /**
   * An Unleashed webhook announced a change of one order (the `orders.hint` job): that order and its
   * shipments are read and placed exactly as a poll places them, then what is due is created — the same
   * ledger, the same queue, so never twice. Its run's trigger is 'webhook'; no cursor moves and
   * `lastSyncedAt` stays the polls' (the watchdog still watches the polls).
   */
  async hint(integrationId: string, orderGuid: string, observer: PollObserver = {}): Promise<SyncRun | null> {
    return this.run(integrationId, { observer, orderGuid });
  }

  private async run(integrationId: string, { runId, observer, orderGuid }: { runId?: string; observer: PollObserver; orderGuid?: string }): Promise<SyncRun | null> {
    const { clock, ledger, runs, health } = this.deps;
    const em = this.deps.orm.em.fork();
    const integration = await em.findOne(Integration, integrationId, { populate: ['unleashedApiKeySealed', 'customer'] });
    const refusal = await this.refusal(em, integration);
    if (refusal || !integration) {
      if (runId) await runs.failQueued(em, runId, refusal ?? 'not found', clock.now());
      return null;
    }
    // a scheduled poll while webhooks are healthy reads Unleashed only every UNLEASHED_WEBHOOK_POLL_INTERVAL
    const webhookState = (await webhookPollStates(em, [integration.id])).get(integration.id)!;
    const stretched = webhookState.subscribed && !webhookState.silent;
    if (stretched && !runId && !orderGuid && !pollIsDue(integration.lastSyncedAt, pollIntervalFor(webhookState, this.deps.config), clock.now())) return null;

    const started = clock.now();
    const run = await runs.start(em, { integrationId: integration.id, customerId: integration.customer.id }, SyncRunKind.ORDERS, {
      trigger: runId ? 'manual' : orderGuid ? 'webhook' : 'schedule',
      existingRunId: runId,
      now: started,
    });
    await health.pollsResumed(em, integration);

    let unleashedOk = false;
    const apiKey = this.deps.secretBox.open(integration.unleashedApiKeySealed!, integration.id);
    const client = this.deps.providers.unleashed(integration.unleashedApiId!, apiKey, { integrationId: integration.id });
    try {
      const common = {
        em,
        client,
        ledger,
        integrationId: integration.id,
        sendOrdersWithoutShipment: integration.sendOrdersWithoutShipment,
        runId: run.id,
        now: started,
        pageSize: this.options.pageSize,
        afterPage: observer.afterPage,
      };
      const ingest = orderGuid
        ? await ingestOrder({ ...common, orderGuid })
        : await ingestWindow({
            ...common,
            cursor: integration.orderCursor,
            scan: integration.orderScan,
            callBudget: this.options.unleashedCallBudget,
            savePosition: (position) => this.savePosition(em, integration, position),
          });
      // only a finished walk moves the cursor; an unfinished one continues next poll from its saved position
      if (ingest.complete && !orderGuid) integration.orderCursor = ingest.newCursor ?? started;
      await em.flush();
      await this.countIngest(em, run, ingest);
      if (!orderGuid && webhookState.subscribed && ingest.queued > 0) {
        // the poll found shipments no delivery brought: webhooks are not to be relied on; poll at the normal interval
        await health.raise(em, integration, HealthConditionCode.WEBHOOKS_SILENT, { detail: `A poll found ${ingest.queued} new shipment(s) that no webhook delivery announced.` });
      }
      await health.unleashedAnswered(em, integration);
      unleashedOk = true;
    } catch (error) {
      if (!(await this.readFailed(em, run, integration, client, error))) return runs.finish(em, run, clock.now(), SyncRunStatus.FAILED);
    }

    // due rows — new ones, retries whose time came, rows a crash left — are this run's to count
    const due = await ledger.attributeDue(em, integration.id, run.id, clock.now());
    await runs.addToTotal(em, run, due);
    const drained = await this.queue.drainFor(integration.id, Date.now() + this.options.drainBudgetMs);
    if (drained === 'deadline') {
      await runs.addError(em, run, { reference: null, message: 'Shipments are still waiting for their turn to be created; the next poll continues.' });
    } else if (drained === 'stopped') {
      await runs.addError(em, run, { reference: null, message: 'This worker was stopped (a restart or a scale-down); another worker carries on with the waiting shipments.' });
    } else if (drained === 'paused') {
      await runs.addError(em, run, { reference: null, message: await this.queue.pausedBecause(em) });
    }

    if (unleashedOk) {
      if (!orderGuid) integration.lastSyncedAt = clock.now();
      await em.flush();
      return runs.finish(em, run, clock.now());
    }
    // Unleashed could not be read: FAILED unless something still went through
    return runs.finish(em, run, clock.now(), (counts) => (counts.completed + counts.skipped > 0 ? SyncRunStatus.PARTIAL : SyncRunStatus.FAILED));
  }

  /** Why this integration is not polled now (null: it is). */
  private async refusal(em: EntityManager, integration: Integration | null): Promise<string | null> {
    if (!integration) return 'The integration no longer exists.';
    if (integration.status !== IntegrationStatus.ACTIVE) return `The integration is ${integration.status}, not ACTIVE: nothing is polled.`;
    if (integration.credentialsRejectedAt) return CREDENTIALS_REJECTED_MESSAGE;
    if (!integration.unleashedApiId || !integration.unleashedApiKeySealed) return 'The integration has no Unleashed credentials.';
    const pausedUntil = await this.deps.health.pausedUntil(em, integration.id);
    if (pausedUntil) {
      return `The Unleashed account\u2019s monthly API allowance is used up: polling is paused until ${pausedUntil.toISOString()} and resumes by itself.`;
    }
    return null;
  }

  /**
   * Reading Unleashed failed: what it means for the integration (integration health), and the run's error.
   * false when the run is over (credentials refused for good).
   */
  private async readFailed(em: EntityManager, run: RunRef, integration: Integration, client: UnleashedClient, error: unknown): Promise<boolean> {
    const { runs, health } = this.deps;
    const message = error instanceof Error ? error.message : String(error);
    if (error instanceof ProviderError) {
      const recheck = async () => {
        await new Promise((resolve) => setTimeout(resolve, this.options.authRecheckDelayMs));
        await client.checkCredentials();
      };
      const action = await health.providerFailed(em, integration, error, 'reading orders', { recheck });
      if (action === 'credentials-rejected') {
        await runs.addError(em, run, { reference: null, message: `${CREDENTIALS_REJECTED_MESSAGE} (${message})` });
        return false;
      }
      if (action === 'quota-exhausted') {
        const until = await health.pausedUntil(em, integration.id);
        await runs.addError(em, run, { reference: null, message: `The Unleashed account\u2019s monthly API allowance is used up: polling is paused until ${until?.toISOString() ?? 'it renews'}.` });
        return true;
      }
      if (action === 'credentials-suspect') {
        await runs.addError(em, run, { reference: null, message: `Unleashed refused a request (${message}) but not the credentials check: polling goes on.` });
        return true;
      }
    }
    this.deps.logger.warn({ err: error, integrationId: integration.id }, 'order poll: reading Unleashed failed');
    await runs.addError(em, run, { reference: null, message: `Reading Unleashed failed: ${message}` });
    return true;
  }

  private async countIngest(em: EntityManager, run: RunRef, ingest: IngestResult): Promise<void> {
    for (const skip of ingest.skipped) await this.deps.runs.count(em, run, 'skipped', skip);
    if (ingest.skipped.length) await this.deps.runs.addToTotal(em, run, ingest.skipped.length);
  }

  /** The walk's position on the integration (the order poll's own column); written only when it changes. */
  private async savePosition(em: EntityManager, integration: Integration, position: OrderScanPosition | null): Promise<void> {
    if (position === null && integration.orderScan === null) return;
    integration.orderScan = position ? { ...position } : null;
    await em.flush();
  }
}
