import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import type { Clock } from '../common/clock.js';
import { Topics, type EventBus } from '../common/event-bus.js';
import type { Logger } from '../common/logger.js';
import type { SecretBox } from '../common/secret-box.js';
import type { Config } from '../config.js';
import { Integration } from '../integrations/integration.entity.js';
import { IntegrationStatus } from '../integrations/integration.enums.js';
import { syncIntegrationSchedule } from '../integrations/integration-schedule.js';
import type { JobScheduler } from '../jobs/job-scheduler.js';
import type { ProviderFactory } from '../providers/provider-factory.js';
import { ProviderError } from '../providers/shared/provider-error.js';
import { assertTransition } from '../ledger/shipment-transitions.js';
import { SyncRunRecorder } from '../runs/sync-run.recorder.js';
import type { SyncRun } from '../runs/sync-run.entity.js';
import { ShipmentState, SyncRunKind, SyncRunStatus } from '../sync/sync.enums.js';
import { SyncedShipment } from '../ledger/ledger-shipment.entity.js';
import { discoverDispatches } from './fulfilment-discovery.js';
import { desiredFor, nothingNew, readConsignment, writeDispatch, type WriterContext } from './fulfilment-writer.js';
import { deletedInUnleashedMessage, ORDER_MANAGEMENT_OFF_NOTICE, retryDelayMs } from './dispatch-write.js';
import { runPool, Serial } from '../common/concurrency.js';

export interface FulfilmentDeps {
  orm: MikroORM;
  clock: Clock;
  config: Config;
  eventBus: EventBus;
  scheduler: JobScheduler;
  secretBox: SecretBox;
  providers: Pick<ProviderFactory, 'unleashed' | 'cartonCloud'>;
  logger: Logger;
}

export interface FulfilmentOptions {
  /** shipments written at the same time within one pass (default 4) */
  concurrency?: number;
  /** rows handled per pass at most; the rest wait for the next pass (default 5 000) */
  maxRowsPerPass?: number;
}

const DAY_MS = 86_400_000;
/** rows per EntityManager during the write phase */
const CHUNK_SIZE = 50;
const CREDENTIALS_REJECTED_MESSAGE =
  'Unleashed refused the stored API ID and key while writing fulfilments back. Polling and fulfilment are stopped until the credentials are entered again (step 2).';

class AbortPass extends Error {}

/**
 * Fulfilment (CONTRACT §5): one pass per ACTIVE integration with fulfilment on, as one SyncRun of kind
 * FULFILMENT.
 *  1. discover — one paged CartonCloud search for this customer's orders DISPATCHED since the cursor;
 *     the integration's own ledger rows go CREATED → DISPATCHED; the cursor moves past them.
 *  2. write — every DISPATCHED row that is due (new, or a retry whose `nextAttemptAt` has come), then
 *     every FULFILLED row still inside the watch window: read the Warehouse Fulfilment consignment and
 *     write to the Unleashed shipment what it does not carry yet; record what was written in the same step.
 */
export class FulfilmentService {
  private readonly concurrency: number;
  private readonly maxRowsPerPass: number;

  constructor(
    private readonly deps: FulfilmentDeps,
    options: FulfilmentOptions = {},
  ) {
    this.concurrency = Math.max(1, options.concurrency ?? 4);
    this.maxRowsPerPass = options.maxRowsPerPass ?? 5_000;
  }

  /** Runs one pass; null when the integration is not (or no longer) one that writes fulfilments. */
  async runPass(integrationId: string, trigger = 'schedule'): Promise<SyncRun | null> {
    const em = this.deps.orm.em.fork() as EntityManager;
    const integration = await em.findOne(Integration, integrationId, { populate: ['unleashedApiKeySealed', 'customer'] });
    if (!integration || integration.status !== IntegrationStatus.ACTIVE || !integration.fulfilmentEnabled || integration.credentialsRejectedAt) return null;
    if (!integration.unleashedApiId || !integration.unleashedApiKeySealed) return null;

    const { clock, eventBus } = this.deps;
    const recorder = await SyncRunRecorder.start(em, eventBus, integration, SyncRunKind.FULFILMENT, { trigger, now: clock.now() });
    try {
      await this.pass(em, integration, recorder);
      return await recorder.finish(clock.now());
    } catch (error) {
      if (!(error instanceof AbortPass)) {
        this.deps.logger.error({ err: error, integrationId }, 'fulfilment pass failed');
        await recorder.addError(`The fulfilment pass stopped: ${messageOf(error)}`);
      }
      return recorder.finish(clock.now(), SyncRunStatus.FAILED);
    }
  }

  private async pass(em: EntityManager, integration: Integration, recorder: SyncRunRecorder): Promise<void> {
    const { clock, providers, secretBox } = this.deps;
    const cartonCloud = providers.cartonCloud();
    const unleashed = providers.unleashed(integration.unleashedApiId!, secretBox.open(integration.unleashedApiKeySealed!, integration.id));
    const serial = new Serial();

    // 1. discover: the dispatches since the cursor become DISPATCHED rows, then the cursor moves on
    try {
      const found = await discoverDispatches(em, cartonCloud, integration, integration.customer.getEntity().cartonCloudCustomerId);
      if (found.cursor && (!integration.fulfilmentCursor || found.cursor > integration.fulfilmentCursor)) integration.fulfilmentCursor = found.cursor;
      await em.flush();
    } catch (error) {
      // the cursor stays; rows already marked are kept (they are durable), the rest are found next pass
      if (error instanceof ProviderError && error.code === 'AUTH') {
        await recorder.addError(`CartonCloud refused the 3PL's API client: ${error.message}`);
        throw new AbortPass();
      }
      await recorder.addError(`Could not search CartonCloud for dispatched orders: ${messageOf(error)}`);
    }

    // 2. write back: the due DISPATCHED rows, then the FULFILLED rows still watched
    const now = clock.now();
    const listing = em.fork();
    const due = await listing.find(
      SyncedShipment,
      { integration: integration.id, state: ShipmentState.DISPATCHED, $or: [{ nextAttemptAt: null }, { nextAttemptAt: { $lte: now } }] },
      { fields: ['id'], orderBy: { dispatchedAt: 'asc', id: 'asc' }, limit: this.maxRowsPerPass },
    );
    const watchDays = this.deps.config.FULFILMENT_WATCH_DAYS;
    const watched =
      watchDays > 0 && due.length < this.maxRowsPerPass
        ? await listing.find(
            SyncedShipment,
            { integration: integration.id, state: ShipmentState.FULFILLED, dispatchedAt: { $gte: new Date(now.getTime() - watchDays * DAY_MS) } },
            { fields: ['id'], orderBy: { dispatchedAt: 'asc', id: 'asc' }, limit: this.maxRowsPerPass - due.length },
          )
        : [];
    const ids = [...due, ...watched].map((row) => row.id);
    await recorder.setTotal(ids.length);

    const context: WriterContext = {
      unleashed,
      cartonCloud,
      timeZone: integration.unleashedTimeZone,
      orderManagement: () => integration.unleashedOrderManagement,
      learnOrderManagement: (on) => serial.run(() => this.learnOrderManagement(em, integration, on)),
    };
    let stop: string | null = null;
    const handle = (rowEm: EntityManager) => async (row: SyncedShipment) => {
      if (stop) return;
      try {
        await this.handleRow(rowEm, serial, recorder, row, context);
      } catch (error) {
        const failure = await serial.run(() => this.recordFailure(rowEm, em, recorder, integration, row, error));
        if (failure === 'stop') stop ??= messageOf(error);
      }
    };
    // rows are loaded and flushed in chunks, each in its own EntityManager: a flush costs the rows it holds
    for (let start = 0; start < ids.length && !stop; start += CHUNK_SIZE) {
      const rowEm = em.fork();
      const chunkIds = ids.slice(start, start + CHUNK_SIZE);
      const byId = new Map((await rowEm.find(SyncedShipment, { id: { $in: chunkIds } })).map((row) => [row.id, row]));
      const rows = chunkIds.map((id) => byId.get(id)).filter((row): row is SyncedShipment => row !== undefined);
      // until the account's Order Management is known, one shipment at a time: a refusal must happen once
      let next = 0;
      while (next < rows.length && integration.unleashedOrderManagement === null && !stop) await handle(rowEm)(rows[next++]!);
      await runPool(rows.slice(next), this.concurrency, handle(rowEm));
    }
    if (stop) throw new AbortPass(stop);
  }

  /** One shipment: consignment → (nothing new? done) → mark DISPATCHED → Unleashed → FULFILLED with what was written. */
  private async handleRow(em: EntityManager, serial: Serial, recorder: SyncRunRecorder, row: SyncedShipment, context: WriterContext): Promise<void> {
    const consignment = await readConsignment(context.cartonCloud, row);
    const desired = desiredFor(row, consignment, context);
    const changed = await serial.run(async () => {
      if (consignment) {
        row.carrier = consignment.carrier;
        row.trackingNumber = consignment.trackingNumber;
        row.packages = consignment.packages;
      }
      if (nothingNew(row, desired, context.timeZone)) {
        if (row.state === ShipmentState.DISPATCHED) this.transition(row, ShipmentState.FULFILLED);
        await em.flush();
        await recorder.count('unchanged');
        return false;
      }
      // a watched shipment with news is due again: recorded first, so a crash before the write retries it
      if (row.state === ShipmentState.FULFILLED) {
        this.transition(row, ShipmentState.DISPATCHED);
        await em.flush();
      }
      return true;
    });
    if (!changed) return;

    const outcome = await writeDispatch(row, desired, context);
    await serial.run(async () => {
      if (outcome.kind === 'deleted') {
        const message = deletedInUnleashedMessage(row.unleashedShipmentNumber);
        this.transition(row, ShipmentState.FAILED);
        row.lastError = message;
        row.nextAttemptAt = null;
        await em.flush();
        await recorder.count('failed', { reference: row.customerReference, message });
        return;
      }
      this.transition(row, ShipmentState.FULFILLED);
      row.fulfilledAt = this.deps.clock.now();
      row.writtenBack = { ...outcome.write };
      row.lastError = null;
      row.nextAttemptAt = null;
      await em.flush(); // the state and what was written, in one UPDATE
      await recorder.count('created');
    });
  }

  /** A failed shipment: retried later with backoff, unless the failure stops the whole pass. */
  private async recordFailure(
    em: EntityManager,
    integrationEm: EntityManager,
    recorder: SyncRunRecorder,
    integration: Integration,
    row: SyncedShipment,
    error: unknown,
  ): Promise<'continue' | 'stop'> {
    const message = messageOf(error);
    if (error instanceof ProviderError && error.code === 'AUTH') {
      if (error.provider === 'unleashed') await this.rejectCredentials(integrationEm, integration);
      await recorder.addError(error.provider === 'unleashed' ? CREDENTIALS_REJECTED_MESSAGE : `CartonCloud refused the 3PL's API client: ${message}`);
      return 'stop';
    }
    const watchCheck = row.state === ShipmentState.FULFILLED; // a failed look at a written shipment: next pass looks again
    if (!watchCheck) {
      row.attempts += 1;
      row.lastError = message;
      row.nextAttemptAt = new Date(this.deps.clock.now().getTime() + retryDelayMs(row.attempts));
      await em.flush();
    }
    await recorder.count('failed', { reference: row.customerReference, message });
    // Unleashed's call allowance or CartonCloud's rate limit: every other shipment would be refused too
    return error instanceof ProviderError && error.code === 'RATE_LIMITED' ? 'stop' : 'continue';
  }

  private async learnOrderManagement(em: EntityManager, integration: Integration, on: boolean): Promise<void> {
    if (integration.unleashedOrderManagement === on) return;
    integration.unleashedOrderManagement = on;
    integration.fulfilmentNotice = on ? null : ORDER_MANAGEMENT_OFF_NOTICE;
    await em.flush();
    await this.deps.eventBus.publish(Topics.INTEGRATION_UPDATED, { integrationId: integration.id, customerId: integration.customer.id });
  }

  /** As the order poll does: remember the refusal, tell the users, stop the schedules until step 2 is redone. */
  private async rejectCredentials(em: EntityManager, integration: Integration): Promise<void> {
    integration.credentialsRejectedAt = this.deps.clock.now();
    integration.healthMessage = CREDENTIALS_REJECTED_MESSAGE;
    await em.flush();
    await this.deps.eventBus.publish(Topics.INTEGRATION_UPDATED, { integrationId: integration.id, customerId: integration.customer.id });
    await syncIntegrationSchedule(this.deps.scheduler, this.deps.config, integration);
  }

  private transition(row: SyncedShipment, to: ShipmentState): void {
    assertTransition(row.state, to);
    row.state = to;
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
