import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import type { Clock } from '../common/clock.js';
import { ConcurrencyGate } from '../common/concurrency.js';
import { LedgerShipment } from '../ledger/ledger-shipment.entity.js';
import type { ShipmentLedger } from '../ledger/shipment-ledger.js';
import { ShipmentState } from '../ledger/shipment-state.js';
import type { CartonCloudClient, CreateSaleOrderResult } from '../providers/cartoncloud/cartoncloud.client.js';
import type { SaleOrder } from '../providers/cartoncloud/cartoncloud.schemas.js';
import { adoptResult, type CreateOutcomes, type CreateRow } from './create-outcome.js';
import type { CreatePause } from './create-pause.js';
import type { CreateRateLimiter } from './create-rate-limiter.js';
import type { IntegrationSettings, IntegrationSettingsCache } from './integration-settings.js';
import { isOurs, ownOrder, withStamp } from './order-stamp.js';
import { buildSaleOrder, resolveWarehouse } from './sale-order.mapper.js';
import type { Lease, ShipmentLeases } from './shipment-lease.js';

/** The wording on a row whose worker vanished in the middle of a create, while it waits to be checked. */
export const STALE_CLAIM_REASON = 'Its worker stopped in the middle of a create; CartonCloud is searched for the order before it is sent again.';

/**
 * Creates due ledger rows in CartonCloud, exactly once each, fairly between integrations. Its three jobs:
 * picking the next row, leasing it, creating it. What the outcome does to the row and the run is
 * create-outcome.ts's; settings come from the cache (integration-settings.ts); creates in flight in this
 * process are bounded by a ConcurrencyGate.
 *
 * Which row next: round-robin by integration. Each integration's next candidate is its oldest due row
 * (a CLAIMED one first: at most one create per integration is in flight); integrations are tried in
 * order of when they last got a create (`create_turns`), never-served first. So a customer with ten
 * new orders waits for at most one create of every other busy integration per order, however large
 * another's backlog. Any worker draining serves whichever integration is next, so the budget is fair
 * whatever the job scheduler runs when.
 *
 * Exactly once, per row: take the row's lease (shipment-lease.ts) → if it is CLAIMED with its lease free
 * (its worker died, or PostgreSQL dropped that worker's connection) park it as PENDING until any create
 * that worker may still have had on its way has landed (`staleClaimGraceMs`: the CartonCloud create
 * timeout plus a margin) → if an earlier attempt may have reached CartonCloud (it was ever claimed), search
 * CartonCloud by customer reference and adopt the order stamped as this row's, if any (order-stamp.ts) →
 * else claim (conditional UPDATE PENDING → CLAIMED) → wait for a rate slot → check the lease is still ours
 * → create, stamped → write the outcome → release the lease. A DUPLICATE answer is adopted only when the
 * order it names is this row's; anyone else's is a REFERENCE_COLLISION.
 *
 * Stopping (SIGTERM, README "Many processes"): `stop()` takes no row from then on and gives up slot waits
 * at once, returning their rows to PENDING (nothing was sent; another worker takes them now); creates
 * already sent finish and are written. `abandon()`, at the end of the grace period, stops waiting for
 * those too: their rows stay CLAIMED and are checked by search like a dead worker's.
 */
export interface CreateQueueOptions {
  /** creates in flight in this process */
  concurrency: number;
  /** how long a stale claim waits before it is searched and sent again (see above) */
  staleClaimGraceMs: number;
}

export interface CreateQueueDeps {
  orm: MikroORM;
  clock: Clock;
  cartonCloud: () => CartonCloudClient;
  ledger: ShipmentLedger;
  leases: ShipmentLeases;
  limiter: CreateRateLimiter;
  settings: IntegrationSettingsCache;
  outcomes: CreateOutcomes;
  /** creation's circuit breaker: while it is open nothing is claimed, and one worker probes */
  pause: CreatePause;
}

export class CreateQueue {
  private readonly gate: ConcurrencyGate;
  private readonly stopping = new AbortController();
  private readonly abandoning = new AbortController();

  constructor(
    private readonly deps: CreateQueueDeps,
    private readonly options: CreateQueueOptions,
  ) {
    this.gate = new ConcurrencyGate(options.concurrency);
  }

  /** Takes no row from now on; slot waits end at once and their rows go back to PENDING. */
  stop(): void {
    this.stopping.abort();
  }

  /** Stops waiting for creates in flight (their rows stay CLAIMED, recovered by search). */
  abandon(): void {
    this.stop();
    this.abandoning.abort();
  }

  get stopped(): boolean {
    return this.stopping.signal.aborted;
  }

  /**
   * Works the shared queue until `integrationId` has nothing due or in flight (or the deadline): the
   * rows created on the way may be any integration's, whichever is next in turn.
   */
  async drainFor(integrationId: string, deadline: number): Promise<'done' | 'deadline' | 'stopped' | 'paused'> {
    for (;;) {
      if (this.stopped) return 'stopped';
      if (Date.now() >= deadline) return 'deadline';
      const em = this.deps.orm.em.fork();
      if ((await this.deps.ledger.openCount(em, integrationId, this.deps.clock.now())) === 0) return 'done';
      const handled = await this.createNext();
      if (handled === 'paused') return 'paused';
      // our own rows are in another worker's hands: wait for them
      if (!handled) await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }

  /**
   * Handles the next row in turn; false when no row could be taken; 'paused' while creation is paused
   * (CartonCloud down or refusing our client: nothing is claimed). When the pause's probe is due, this
   * worker may be the one that probes; an answer resumes creation at once.
   */
  createNext(): Promise<boolean | 'paused'> {
    return this.gate.run(async () => {
      if (this.stopped) return false;
      const em = this.deps.orm.em.fork();
      const pause = await this.deps.pause.view(em);
      if (pause.gate === 'paused') return 'paused';
      if (pause.gate === 'probe' && (await this.deps.pause.probe(em, () => this.deps.cartonCloud().probe())) !== 'answered') return 'paused';
      for (const id of await this.candidates(em)) {
        if (this.stopped) return false;
        const attempt = await this.deps.leases.withLease(id, (lease) => this.handle(id, lease));
        if (attempt.held && attempt.result) return true;
      }
      return false;
    });
  }

  /** Why creating stopped, in the words admins see (for the run that met the pause). */
  pausedBecause(em: EntityManager): Promise<string> {
    return this.deps.pause.describe(em);
  }

  private async candidates(em: EntityManager): Promise<string[]> {
    const rows = await em.getConnection().execute<{ id: string }[]>(
      `select c.id from (
         select distinct on (s.integration_id) s.id, s.integration_id
         from synced_shipments s join integrations i on i.id = s.integration_id and i.status = 'ACTIVE'
         where s.state = 'CLAIMED' or (s.state = 'PENDING' and (s.next_attempt_at is null or s.next_attempt_at <= ?))
         order by s.integration_id, (s.state = 'CLAIMED') desc, s.created_at, s.customer_reference
       ) c left join create_turns t on t.integration_id = c.integration_id
       order by t.last_turn_at asc nulls first, c.id
       limit 16`,
      [this.deps.clock.now()],
    );
    return rows.map((r) => r.id);
  }

  /** Under the row's lease. true when the row was acted on. */
  private async handle(id: string, lease: Lease): Promise<boolean> {
    const { ledger, outcomes } = this.deps;
    const em = this.deps.orm.em.fork();
    const now = this.deps.clock.now();
    const row = await em.findOne(LedgerShipment, id);
    if (!row) return false;
    const due = row.state === ShipmentState.CLAIMED || (row.state === ShipmentState.PENDING && (!row.nextAttemptAt || row.nextAttemptAt <= now));
    if (!due) return false;
    const settings = await this.deps.settings.get(em, row.integration.id);
    if (!settings?.active) return false;
    const cc = this.deps.cartonCloud();
    const seen: CreateRow = { id, customerReference: row.customerReference, attempts: row.attempts, syncRunId: row.syncRunId };

    // 0. a claim whose lease is free: its worker may have sent the create just before it vanished, and
    // that request may still be on its way; nobody touches the row until it must have landed
    if (row.state === ShipmentState.CLAIMED) {
      const nextAttemptAt = new Date(now.getTime() + this.options.staleClaimGraceMs);
      return ledger.retryLater(em, id, ShipmentState.CLAIMED, { reason: STALE_CLAIM_REASON, nextAttemptAt }, now);
    }

    // 1. an earlier attempt may have reached CartonCloud (a stale claim parked above, a timeout, a lost answer):
    //    search by reference and adopt only an order stamped as this row's — never another integration's (order-stamp.ts)
    if (row.claimedAt !== null) {
      let found: SaleOrder[];
      try {
        found = await cc.findSaleOrdersByCustomerReference(row.customerReference, settings.cartonCloudCustomerId);
      } catch (error) {
        await outcomes.failed(em, seen, settings, row.state, error, true);
        return true;
      }
      await this.deps.pause.record(em); // CartonCloud answered
      const own = ownOrder(found, row);
      const retryOfRejected = own?.status === 'REJECTED' && own.id === row.cartonCloudOrderId;
      if (own && !retryOfRejected) {
        if (row.state === ShipmentState.PENDING && !(await ledger.claim(em, id, ShipmentState.PENDING, now))) return false;
        await outcomes.settled(em, seen, settings, adoptResult(own), 'adopted');
        return true;
      }
    }

    // 2. where it goes
    if (!row.source) {
      await outcomes.withoutSnapshot(em, seen, settings, row.state);
      return true;
    }
    const warehouse = resolveWarehouse({
      warehouseCode: row.source.warehouseCode,
      mappings: settings.mappings,
      defaultCartonCloudWarehouseId: settings.defaultCartonCloudWarehouseId,
    });
    if ('skip' in warehouse) {
      await outcomes.skipped(em, seen, settings, row.state, warehouse.skip);
      return true;
    }

    // 3. claim, wait for our slot, make sure the lease is still ours, create
    if (this.stopped || !(await ledger.claim(em, id, row.state, now))) return false;
    await this.takeTurn(em, settings.integrationId);
    const body = withStamp(
      buildSaleOrder(row.source, {
        cartonCloudCustomerId: settings.cartonCloudCustomerId,
        cartonCloudWarehouseId: warehouse.cartonCloudWarehouseId,
        includeComments: settings.includeComments,
        timeZone: settings.timeZone,
      }),
      id,
    );
    if (!(await this.deps.limiter.acquire(em, this.stopping.signal))) {
      // stopping: nothing was sent, so the row is simply handed back (another worker takes it now)
      await ledger.release(em, id, this.deps.clock.now());
      return true;
    }
    // PostgreSQL dropped our lease while we waited: whoever finds the row now handles it; we send nothing
    if (!(await lease.stillHeld())) return true;
    let result: CreateSaleOrderResult | 'abandoned';
    try {
      result = await abandonable(cc.createSaleOrder(body), this.abandoning.signal);
      if (result === 'abandoned') return true; // the row stays CLAIMED: searched before it is sent again
    } catch (error) {
      await outcomes.failed(em, seen, settings, ShipmentState.CLAIMED, error);
      return true;
    }
    if (result.kind === 'duplicate') return this.duplicate(em, seen, settings, row, result.duplicateId);
    if (result.kind === 'created') {
      await outcomes.settled(em, seen, settings, { kind: 'created', id: result.order.id, status: result.order.status }, 'created');
    } else {
      await outcomes.settled(em, seen, settings, { kind: 'rejected', id: result.order.id, status: result.order.status, reasons: result.reasons }, 'created');
    }
    return true;
  }

  /**
   * CartonCloud refused the create as a DUPLICATE (the customer refuses duplicate references): the order it
   * names is adopted only when it is this row's; anyone else's is a collision, never adopted.
   */
  private async duplicate(em: EntityManager, seen: CreateRow, settings: IntegrationSettings, row: LedgerShipment, duplicateId: string): Promise<boolean> {
    const { outcomes } = this.deps;
    let existing: SaleOrder;
    try {
      existing = await this.deps.cartonCloud().getSaleOrder(duplicateId);
    } catch (error) {
      await outcomes.failed(em, seen, settings, ShipmentState.CLAIMED, error);
      return true;
    }
    if (isOurs(existing, row)) await outcomes.settled(em, seen, settings, adoptResult(existing), 'adopted');
    else await outcomes.collision(em, seen, settings, existing);
    return true;
  }

  private async takeTurn(em: EntityManager, integrationId: string): Promise<void> {
    await em.getConnection().execute(
      `insert into create_turns (integration_id, last_turn_at) values (?, clock_timestamp())
       on conflict (integration_id) do update set last_turn_at = excluded.last_turn_at`,
      [integrationId],
    );
  }
}

/** The promise's value, or 'abandoned' as soon as `signal` aborts (the promise itself runs on, unobserved). */
function abandonable<T>(promise: Promise<T>, signal: AbortSignal): Promise<T | 'abandoned'> {
  if (signal.aborted) return Promise.resolve('abandoned');
  return new Promise<T | 'abandoned'>((resolve, reject) => {
    const onAbort = () => resolve('abandoned');
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}
