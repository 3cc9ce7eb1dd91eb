import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import type { Clock } from '../common/clock.js';
import { runPool, Serial } from '../common/concurrency.js';
import type { Logger } from '../common/logger.js';
import type { SecretBox } from '../common/secret-box.js';
import type { Config } from '../config.js';
import { Integration } from '../integrations/integration.entity.js';
import { IntegrationStatus } from '../integrations/integration.enums.js';
import { CREDENTIALS_REJECTED_MESSAGE, type IntegrationHealth } from '../integrations/integration-health.js';
import { LedgerShipment } from '../ledger/ledger-shipment.entity.js';
import type { ConsignmentFields, ShipmentLedger } from '../ledger/shipment-ledger.js';
import { ShipmentState } from '../ledger/shipment-state.js';
import type { CartonCloudClient } from '../providers/cartoncloud/cartoncloud.client.js';
import { actionFor, ProviderError } from '../providers/shared/provider-error.js';
import type { UnleashedClient } from '../providers/unleashed/unleashed.client.js';
import type { SyncRun } from '../runs/sync-run.entity.js';
import { SyncRunKind, SyncRunStatus } from '../runs/sync-run.enums.js';
import type { RunRef, SyncRunRecorder } from '../runs/sync-run.recorder.js';
import { deletedInUnleashedMessage, retryDelayMs } from './dispatch-write.js';
import { discoverDispatches } from './fulfilment-discovery.js';
import { desiredFor, nothingNew, readConsignment, writeDispatch, type WriterContext } from './fulfilment-writer.js';

/** What fulfilment needs from the application (app/ wires it; the tests and the benchmark build exactly this). */
export interface FulfilmentDeps {
  orm: MikroORM;
  clock: Clock;
  config: Pick<Config, 'FULFILMENT_WATCH_DAYS'>;
  secretBox: SecretBox;
  providers: { cartonCloud(): CartonCloudClient; unleashed(apiId: string, apiKey: string): UnleashedClient };
  logger: Logger;
  /** the only writer of the ledger: fulfilment never changes a row itself */
  ledger: ShipmentLedger;
  /** the only writer of runs and publisher of their progress */
  runs: SyncRunRecorder;
  /** the only writer of the integration's health fields (refused credentials, Order Management) */
  health: IntegrationHealth;
}

export interface FulfilmentOptions {
  /** shipments written at the same time within one pass (default 4) */
  concurrency?: number;
  /** rows handled per pass at most; the rest wait for the next pass (default 5 000) */
  maxRowsPerPass?: number;
}

const DAY_MS = 86_400_000;
/** rows read per EntityManager during the write phase */
const CHUNK_SIZE = 50;

class AbortPass extends Error {}

/** Where one row's handling got to, for its failure. */
interface RowProgress {
  /** the row's ledger state as this pass last left it */
  ledgerState: ShipmentState;
  consignment: ConsignmentFields | null;
}

/**
 * Fulfilment (CONTRACT §5): one pass per ACTIVE integration with fulfilment on, as one SyncRun of kind
 * FULFILMENT.
 *  1. discover — one paged CartonCloud search for this customer's orders DISPATCHED since the cursor;
 *     the integration's own ledger rows go CREATED → DISPATCHED; the cursor moves past them.
 *  2. write — every DISPATCHED row that is due (new, or a retry whose `nextAttemptAt` has come), then
 *     every FULFILLED row still inside the watch window: read the Warehouse Fulfilment consignment and
 *     write to the Unleashed shipment what it does not carry yet; record what was written in the same step.
 * Rows change only through ShipmentLedger (conditional on the state read), counts through SyncRunRecorder,
 * the integration's health through IntegrationHealth.
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
    // the Unleashed account's monthly allowance is used up: every call would be refused until it renews
    if (await this.deps.health.pausedUntil(em, integration.id)) return null;

    const { clock, runs } = this.deps;
    const run = await runs.start(em, { integrationId: integration.id, customerId: integration.customer.id }, SyncRunKind.FULFILMENT, { trigger, now: clock.now() });
    try {
      await this.pass(em, integration, run);
      return await runs.finish(em, run, clock.now());
    } catch (error) {
      if (!(error instanceof AbortPass)) {
        this.deps.logger.error({ err: error, integrationId }, 'fulfilment pass failed');
        await runs.addError(em, run, { reference: null, message: `The fulfilment pass stopped: ${messageOf(error)}` });
      }
      return runs.finish(em, run, clock.now(), SyncRunStatus.FAILED);
    }
  }

  private async pass(em: EntityManager, integration: Integration, run: RunRef): Promise<void> {
    const { clock, providers, secretBox, ledger, runs, health } = this.deps;
    const cartonCloud = providers.cartonCloud();
    const unleashed = providers.unleashed(integration.unleashedApiId!, secretBox.open(integration.unleashedApiKeySealed!, integration.id));
    // the integration's EntityManager must not flush twice at once: its writes (health) go one at a time
    const serial = new Serial();

    // 1. discover: the dispatches since the cursor become DISPATCHED rows, then the cursor moves on
    try {
      const found = await discoverDispatches(em, { cartonCloud, ledger, clock }, integration, integration.customer.getEntity().cartonCloudCustomerId);
      if (found.cursor && (!integration.fulfilmentCursor || found.cursor > integration.fulfilmentCursor)) integration.fulfilmentCursor = found.cursor;
      await em.flush();
    } catch (error) {
      // the cursor stays; rows already marked are kept (they are durable), the rest are found next pass
      if (error instanceof ProviderError && actionFor(error) === 'client-refused') {
        await runs.addError(em, run, { reference: null, message: `CartonCloud refused the 3PL's API client: ${error.message}` });
        throw new AbortPass();
      }
      await runs.addError(em, run, { reference: null, message: `Could not search CartonCloud for dispatched orders: ${messageOf(error)}` });
    }

    // 2. write back: the due DISPATCHED rows, then the FULFILLED rows still watched
    const now = clock.now();
    const listing = em.fork();
    const due = await listing.find(
      LedgerShipment,
      // a whole order sent without a shipment waits (DISPATCHED, with the reason) until Unleashed's shipment is linked
      { integration: integration.id, state: ShipmentState.DISPATCHED, unleashedShipmentGuid: { $ne: null }, $or: [{ nextAttemptAt: null }, { nextAttemptAt: { $lte: now } }] },
      { fields: ['id'], orderBy: { dispatchedAt: 'asc', id: 'asc' }, limit: this.maxRowsPerPass },
    );
    const watchDays = this.deps.config.FULFILMENT_WATCH_DAYS;
    const watched =
      watchDays > 0 && due.length < this.maxRowsPerPass
        ? await listing.find(
            LedgerShipment,
            { integration: integration.id, state: ShipmentState.FULFILLED, unleashedShipmentGuid: { $ne: null }, dispatchedAt: { $gte: new Date(now.getTime() - watchDays * DAY_MS) } },
            { fields: ['id'], orderBy: { dispatchedAt: 'asc', id: 'asc' }, limit: this.maxRowsPerPass - due.length },
          )
        : [];
    const ids = [...due, ...watched].map((row) => row.id);
    await runs.setTotal(em, run, ids.length);

    const context: WriterContext = {
      unleashed,
      cartonCloud,
      timeZone: integration.unleashedTimeZone,
      orderManagement: () => integration.unleashedOrderManagement,
      learnOrderManagement: (on) => serial.run(() => health.orderManagementLearnt(em, integration, on)),
    };
    let stop: string | null = null;
    const handle = (rowEm: EntityManager) => async (row: LedgerShipment) => {
      if (stop) return;
      const progress: RowProgress = { ledgerState: row.state, consignment: null };
      try {
        await this.handleRow(rowEm, run, row, progress, context);
      } catch (error) {
        const failure = await serial.run(() => this.recordFailure(rowEm, em, run, integration, row, progress, error));
        if (failure === 'stop') stop ??= messageOf(error);
      }
    };
    // rows are read in chunks, each in its own EntityManager (its identity map holds only that chunk)
    for (let start = 0; start < ids.length && !stop; start += CHUNK_SIZE) {
      const rowEm = em.fork();
      const chunkIds = ids.slice(start, start + CHUNK_SIZE);
      const byId = new Map((await rowEm.find(LedgerShipment, { id: { $in: chunkIds } })).map((row) => [row.id, row]));
      const rows = chunkIds.map((id) => byId.get(id)).filter((row): row is LedgerShipment => row !== undefined);
      // until the account's Order Management is known, one shipment at a time: a refusal must happen once
      let next = 0;
      while (next < rows.length && integration.unleashedOrderManagement === null && !stop) await handle(rowEm)(rows[next++]!);
      await runPool(rows.slice(next), this.concurrency, handle(rowEm));
    }
    if (stop) throw new AbortPass(stop);
  }

  /** One shipment: consignment → (nothing new? done) → back to DISPATCHED → Unleashed → FULFILLED with what was written. */
  private async handleRow(em: EntityManager, run: RunRef, row: LedgerShipment, progress: RowProgress, context: WriterContext): Promise<void> {
    const { clock, ledger, runs } = this.deps;
    const consignment = await readConsignment(context.cartonCloud, row);
    if (consignment) progress.consignment = { carrier: consignment.carrier, trackingNumber: consignment.trackingNumber, packages: consignment.packages };
    const desired = desiredFor(row, consignment, context);
    if (nothingNew(row, desired, context.timeZone)) {
      // a DISPATCHED row whose write had happened becomes FULFILLED; a watched one is written only if the consignment changed
      if (progress.ledgerState === ShipmentState.DISPATCHED || !sameConsignment(row, progress.consignment)) {
        await ledger.confirmUnchanged(em, row.id, progress.ledgerState, progress.consignment, clock.now());
      }
      await runs.count(em, run, 'unchanged');
      return;
    }
    // a watched shipment with news is due again: recorded first, so a crash before the write retries it
    if (progress.ledgerState === ShipmentState.FULFILLED) {
      if (!(await ledger.reopenWatched(em, row.id, progress.consignment, clock.now()))) return; // another pass has it
      progress.ledgerState = ShipmentState.DISPATCHED;
    }

    const outcome = await writeDispatch(row, desired, context);
    if (outcome.kind === 'deleted') {
      const message = deletedInUnleashedMessage(row.unleashedShipmentNumber ?? row.unleashedOrderNumber);
      await ledger.recordDeletedInUnleashed(em, row.id, { consignment: progress.consignment, reason: message }, clock.now());
      await runs.count(em, run, 'failed', { reference: row.customerReference, message });
      return;
    }
    // the state and what was written, in one UPDATE
    await ledger.recordWritten(em, row.id, { consignment: progress.consignment, writtenBack: { ...outcome.write }, fulfilledAt: clock.now() }, clock.now());
    await runs.count(em, run, 'written');
  }

  /** A failed shipment: retried later with backoff, unless the failure (the one error-to-action map) stops the whole pass. */
  private async recordFailure(
    em: EntityManager,
    integrationEm: EntityManager,
    run: RunRef,
    integration: Integration,
    row: LedgerShipment,
    progress: RowProgress,
    error: unknown,
  ): Promise<'continue' | 'stop'> {
    const { clock, ledger, runs, health } = this.deps;
    const message = messageOf(error);
    const action = error instanceof ProviderError ? await health.providerFailed(integrationEm, integration, error, 'fulfilment') : null;
    if (action === 'credentials-rejected') {
      await runs.addError(em, run, { reference: null, message: CREDENTIALS_REJECTED_MESSAGE });
      return 'stop';
    }
    if (action === 'client-refused') {
      await runs.addError(em, run, { reference: null, message: `CartonCloud refused the 3PL's API client: ${message}` });
      return 'stop';
    }
    // a failed look at a written (FULFILLED) shipment changes nothing: the next pass looks again
    if (progress.ledgerState === ShipmentState.DISPATCHED) {
      const nextAttemptAt = new Date(clock.now().getTime() + retryDelayMs(row.attempts + 1));
      await ledger.recordWriteFailure(em, row.id, { consignment: progress.consignment, reason: message, nextAttemptAt }, clock.now());
    }
    await runs.count(em, run, 'failed', { reference: row.customerReference, message });
    // Unleashed's call allowance or CartonCloud's rate limit: every other shipment would be refused too
    return action === 'slow-down' || action === 'quota-exhausted' ? 'stop' : 'continue';
  }
}

/** The consignment read now is what the row already shows (or none was read). */
function sameConsignment(row: LedgerShipment, consignment: ConsignmentFields | null): boolean {
  return !consignment || (row.carrier === consignment.carrier && row.trackingNumber === consignment.trackingNumber && row.packages === consignment.packages);
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
