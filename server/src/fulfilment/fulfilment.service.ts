import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import type { Clock } from '../common/clock.js';
import { runPool, Serial } from '../common/concurrency.js';
import type { Logger } from '../common/logger.js';
import type { SecretBox } from '../common/secret-box.js';
import type { Config } from '../config.js';
import { Integration } from '../integrations/integration.entity.js';
import { IntegrationStatus } from '../integrations/integration.enums.js';
import { CREDENTIALS_REJECTED_MESSAGE, type IntegrationHealth } from '../integrations/integration-health.js';
import { AttentionCode } from '../ledger/attention.js';
import { LedgerShipment } from '../ledger/ledger-shipment.entity.js';
import type { ConsignmentFields, ShipmentLedger } from '../ledger/shipment-ledger.js';
import { ShipmentState } from '../ledger/shipment-state.js';
import type { CartonCloudClient } from '../providers/cartoncloud/cartoncloud.client.js';
import { actionFor, ProviderError } from '../providers/shared/provider-error.js';
import type { UnleashedClient } from '../providers/unleashed/unleashed.client.js';
import type { SyncRun } from '../runs/sync-run.entity.js';
import { SyncRunKind, SyncRunStatus } from '../runs/sync-run.enums.js';
import type { RunRef, SyncRunRecorder } from '../runs/sync-run.recorder.js';
import { deletedInUnleashedMessage, readWrittenBack, retryDelayMs, writeBackGivenUpMessage } from './dispatch-write.js';
import { discoverDispatches } from './fulfilment-discovery.js';
import { SAFETY_SWEEP_EVERY_MS, sweepCreatedOrders } from './fulfilment-sweep.js';
import { recordPassVerdicts } from './fulfilment-verdicts.js';
import { ConsignmentAccess, desiredFor, nothingNew, readConsignment, writeDispatch, type WriterContext } from './fulfilment-writer.js';
import { ShippingCompanyCache } from './shipping-companies.js';

/** What fulfilment needs from the application (app/ wires it; the tests and the benchmark build exactly this). */
export interface FulfilmentDeps {
  orm: MikroORM;
  clock: Clock;
  config: Pick<Config, 'FULFILMENT_WATCH_DAYS'>;
  secretBox: SecretBox;
  providers: { cartonCloud(): CartonCloudClient; unleashed(apiId: string, apiKey: string, overrides?: { integrationId?: string }): UnleashedClient };
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
  /** write-back attempts before a shipment is given up as WRITE_BACK_FAILED (default MAX_WRITE_ATTEMPTS) */
  maxWriteAttempts?: number;
}

/** Attempts of one shipment's write-back before it ends FAILED (WRITE_BACK_FAILED): backoff 1 min doubling to 6 h, so ≈ 20 h. */
export const MAX_WRITE_ATTEMPTS = 12;

const DAY_MS = 86_400_000;
/** rows read per EntityManager during the write phase */
const CHUNK_SIZE = 50;

class AbortPass extends Error {}

/** Where one row's handling got to, for its failure. */
interface RowProgress {
  /** the row's ledger state as this pass last left it */
  ledgerState: ShipmentState;
  consignment: ConsignmentFields | null;
  /** what the row shows while it is written (a refused status change stays shown when the watch rewrites it) */
  attention: AttentionCode | null;
}

/**
 * Fulfilment (CONTRACT §5): one pass per ACTIVE integration with fulfilment on, as one SyncRun of kind
 * FULFILMENT.
 *  1. discover — one paged CartonCloud search for this customer's orders DISPATCHED since the cursor;
 *     the integration's own ledger rows go CREATED → DISPATCHED; the cursor moves past them. When
 *     CartonCloud refuses that search (and every 6 h besides), its open orders are read back by reference.
 *  2. write — every DISPATCHED row that is due (new, or a retry whose `nextAttemptAt` has come), then
 *     every FULFILLED row still inside the watch window: read the Warehouse Fulfilment consignment and
 *     write to the Unleashed shipment what it does not carry yet (the carrier as one of the account's
 *     shipping companies); record what was written in the same step. What a person must know ends up on
 *     the row (attention) or as a health condition (fulfilment-verdicts.ts).
 * Rows change only through ShipmentLedger (conditional on the state read), counts through SyncRunRecorder,
 * the integration's health through IntegrationHealth.
 */
export class FulfilmentService {
  private readonly concurrency: number;
  private readonly maxRowsPerPass: number;
  private readonly maxWriteAttempts: number;
  /** each integration's Unleashed shipping companies, read at most hourly (every call counts against the quota) */
  private readonly shippingCompanies: ShippingCompanyCache;
  /** where each integration's sweep of open orders goes on, and when it last ran (epoch ms) */
  private readonly sweepTurns = new Map<string, { resumeAfter: string | null; lastAt: number }>();

  constructor(
    private readonly deps: FulfilmentDeps,
    options: FulfilmentOptions = {},
  ) {
    this.concurrency = Math.max(1, options.concurrency ?? 4);
    this.maxRowsPerPass = options.maxRowsPerPass ?? 5_000;
    this.maxWriteAttempts = Math.max(1, options.maxWriteAttempts ?? MAX_WRITE_ATTEMPTS);
    this.shippingCompanies = new ShippingCompanyCache(deps.clock);
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
    const unleashed = providers.unleashed(integration.unleashedApiId!, secretBox.open(integration.unleashedApiKeySealed!, integration.id), { integrationId: integration.id });
    // the integration's EntityManager must not flush twice at once: its writes (health) go one at a time
    const serial = new Serial();

    // 1. discover: the dispatches since the cursor become DISPATCHED rows, then the cursor moves on
    const customerId = integration.customer.getEntity().cartonCloudCustomerId;
    try {
      const found = await discoverDispatches(em, { cartonCloud, ledger, clock }, integration, customerId);
      if (found.cursor && (!integration.fulfilmentCursor || found.cursor > integration.fulfilmentCursor)) integration.fulfilmentCursor = found.cursor;
      await em.flush();
      // now and then the open orders are read back as well: a dispatch the search cannot see (a back-dated one, a comparison that silently matches nothing) is found too
      if (this.sweepTurn(integration.id).lastAt <= clock.now().getTime() - SAFETY_SWEEP_EVERY_MS) await this.sweep(em, run, integration, customerId, cartonCloud, null);
    } catch (error) {
      // the cursor stays; rows already marked are kept (they are durable), the rest are found next pass
      if (error instanceof ProviderError && actionFor(error) === 'client-refused') {
        await runs.addError(em, run, { reference: null, message: `CartonCloud refused the 3PL's API client: ${error.message}` });
        throw new AbortPass();
      }
      if (error instanceof ProviderError && actionFor(error) === 'fail-record') {
        // CartonCloud refused the search itself (the undocumented /status pointer, a DateTime comparison): read the open orders back instead
        await this.sweep(em, run, integration, customerId, cartonCloud, error);
      } else {
        await runs.addError(em, run, { reference: null, message: `Could not search CartonCloud for dispatched orders: ${messageOf(error)}` });
      }
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
      carriers: this.shippingCompanies.forPass(integration.id, integration.unleashedApiId!, unleashed),
      consignments: new ConsignmentAccess(),
    };
    let stop: string | null = null;
    const handle = (rowEm: EntityManager) => async (row: LedgerShipment) => {
      if (stop) return;
      const progress: RowProgress = { ledgerState: row.state, consignment: null, attention: row.state === ShipmentState.DISPATCHED ? row.attention : null };
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
    await recordPassVerdicts(em, { health, runs }, run, integration, context);
    if (stop) throw new AbortPass(stop);
  }

  /**
   * Reads the integration's open orders back by reference (fulfilment-sweep.ts): instead of the dispatched-order
   * search when CartonCloud refused it (`refusal`), and every SAFETY_SWEEP_EVERY_MS besides it (null).
   */
  private async sweep(em: EntityManager, run: RunRef, integration: Integration, customerId: string, cartonCloud: CartonCloudClient, refusal: ProviderError | null): Promise<void> {
    const { clock, ledger, runs, logger } = this.deps;
    const turn = this.sweepTurn(integration.id);
    turn.lastAt = clock.now().getTime();
    try {
      const swept = await sweepCreatedOrders(em, { cartonCloud, ledger, clock }, integration, customerId, turn);
      const why = refusal ? 'CartonCloud refused the dispatched-order search' : 'the periodic check';
      logger.info({ integrationId: integration.id, refusal: refusal?.message, ...swept }, `${why}: the open orders were read back by reference`);
    } catch (error) {
      const why = refusal ? ` (its dispatched-order search was refused: ${refusal.message})` : '';
      await runs.addError(em, run, { reference: null, message: `Could not read the open orders back from CartonCloud${why}: ${messageOf(error)}` });
    }
  }

  /** An integration's sweep state; the first pass this process runs for it counts as a sweep (the search has just looked). */
  private sweepTurn(integrationId: string): { resumeAfter: string | null; lastAt: number } {
    let turn = this.sweepTurns.get(integrationId);
    if (!turn) this.sweepTurns.set(integrationId, (turn = { resumeAfter: null, lastAt: this.deps.clock.now().getTime() }));
    return turn;
  }

  /** One shipment: consignment → (nothing new? done) → back to DISPATCHED → Unleashed → FULFILLED with what was written. */
  private async handleRow(em: EntityManager, run: RunRef, row: LedgerShipment, progress: RowProgress, context: WriterContext): Promise<void> {
    const { clock, ledger, runs } = this.deps;
    const consignment = await readConsignment(context, row);
    if (consignment) progress.consignment = { carrier: consignment.carrier, trackingNumber: consignment.trackingNumber, packages: consignment.packages };
    const desired = desiredFor(row, consignment, context);
    // a status change Unleashed refused stays shown on the row while it is watched and rewritten
    const shown = readWrittenBack(row.writtenBack)?.statusRefused ? AttentionCode.WRITE_BACK_REFUSED : null;
    if (nothingNew(row, desired, context.timeZone)) {
      // a DISPATCHED row whose write had happened becomes FULFILLED; a watched one is written only if the consignment changed
      if (progress.ledgerState === ShipmentState.DISPATCHED || !sameConsignment(row, progress.consignment)) {
        await ledger.confirmUnchanged(em, row.id, progress.ledgerState, progress.consignment, clock.now(), shown);
      }
      await runs.count(em, run, 'unchanged');
      return;
    }
    // a watched shipment with news is due again: recorded first, so a crash before the write retries it
    if (progress.ledgerState === ShipmentState.FULFILLED) {
      if (!(await ledger.reopenWatched(em, row.id, progress.consignment, clock.now(), shown))) return; // another pass has it
      progress.ledgerState = ShipmentState.DISPATCHED;
      progress.attention = shown;
    }

    const outcome = await writeDispatch(row, desired, context);
    if (outcome.kind === 'deleted') {
      const message = deletedInUnleashedMessage(row.unleashedShipmentNumber ?? row.unleashedOrderNumber);
      await ledger.recordDeletedInUnleashed(em, row.id, { consignment: progress.consignment, reason: message }, clock.now());
      await runs.count(em, run, 'failed', { reference: row.customerReference, message });
      return;
    }
    // the state and what was written, in one UPDATE
    const refused = outcome.write.statusRefused ?? null;
    await ledger.recordWritten(em, row.id, { consignment: progress.consignment, writtenBack: { ...outcome.write }, fulfilledAt: clock.now(), refused }, clock.now());
    const note = refused ? { reference: row.customerReference, message: `Unleashed would not mark it Dispatched (${refused}); tracking, date and packages were written.` } : undefined;
    await runs.count(em, run, 'written', note);
  }

  /**
   * A failed shipment: retried later with backoff, unless the failure (the one error-to-action map) stops the
   * whole pass — or can never succeed (`reject-record`: Unleashed cannot read what we send) or has failed
   * `maxWriteAttempts` times: then it ends FAILED with WRITE_BACK_FAILED and its reason, never looping.
   */
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
      const now = clock.now();
      const attempts = row.attempts + 1;
      // the quota (slow-down) is not the shipment's failure: it waits, however long
      if (action === 'reject-record' || (action !== 'slow-down' && attempts >= this.maxWriteAttempts)) {
        const reason = writeBackGivenUpMessage(message, action === 'reject-record' ? null : attempts);
        await ledger.recordWriteBackFailed(em, row.id, { consignment: progress.consignment, reason }, now);
        await runs.count(em, run, 'failed', { reference: row.customerReference, message: reason });
        return 'continue';
      }
      const nextAttemptAt = new Date(now.getTime() + retryDelayMs(attempts));
      await ledger.recordWriteFailure(em, row.id, { consignment: progress.consignment, reason: message, nextAttemptAt, attention: progress.attention }, now);
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
