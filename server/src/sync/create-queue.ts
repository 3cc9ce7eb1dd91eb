import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import type { Clock } from '../common/clock.js';
import { Topics, type EventBus } from '../common/event-bus.js';
import type { Logger } from '../common/logger.js';
import type { Metrics } from '../common/metrics.js';
import { Integration } from '../integrations/integration.entity.js';
import { IntegrationStatus } from '../integrations/integration.enums.js';
import type { CartonCloudClient, CreateSaleOrderResult } from '../providers/cartoncloud/cartoncloud.client.js';
import type { SaleOrder } from '../providers/cartoncloud/cartoncloud.schemas.js';
import { actionFor, ProviderError } from '../providers/shared/provider-error.js';
import type { CreateRateLimiter } from './create-rate-limiter.js';
import { buildSaleOrder, resolveWarehouse } from './sale-order.mapper.js';
import type { ShipmentLeases } from './shipment-lease.js';
import type { ShipmentLedger, SyncOutcome } from '../ledger/shipment-ledger.js';
import { SyncedShipment } from '../ledger/ledger-shipment.entity.js';
import { assertTransition } from '../ledger/shipment-transitions.js';
import { ShipmentState } from './sync.enums.js';

/**
 * Creates due ledger rows in CartonCloud, exactly once each, fairly between integrations.
 *
 * Which row next: round-robin by integration. Each integration's next candidate is its oldest due row
 * (a CLAIMED one first: at most one create per integration is in flight); integrations are tried in
 * order of when they last got a create (`create_turns`), never-served first. So a customer with ten
 * new orders waits for at most one create of every other busy integration per order, however large
 * another's backlog. Any worker draining serves whichever integration is next, so the budget is fair
 * whatever the job scheduler runs when.
 *
 * Exactly once, per row: take the row's lease (shipment-lease.ts) → if it is CLAIMED (its worker died)
 * or an earlier attempt may have reached CartonCloud (attempts > 0), search CartonCloud by customer
 * reference and adopt what is there → else claim (conditional UPDATE PENDING → CLAIMED) → wait for a
 * rate slot → create → write the outcome → release the lease.
 */
export interface CreateQueueDeps {
  orm: MikroORM;
  clock: Clock;
  logger: Logger;
  metrics: Metrics;
  eventBus: EventBus;
  cartonCloud: () => CartonCloudClient;
}

export interface CreateQueueOptions {
  maxAttempts: number;
  /** wait before retry number `attempt` (1-based) after a temporary failure */
  backoffMs: (attempt: number) => number;
  /** creates in flight in this process */
  concurrency: number;
}

export const defaultBackoffMs = (attempt: number) => Math.min(30 * 60_000, 30_000 * 2 ** Math.max(0, attempt - 1));

interface IntegrationSettings {
  integrationId: string;
  customerId: string;
  active: boolean;
  cartonCloudCustomerId: string;
  includeComments: boolean;
  timeZone: string;
  defaultCartonCloudWarehouseId: string | null;
  mappings: { unleashedWarehouseCode: string; cartonCloudWarehouseId: string | null }[];
  loadedAt: number;
  /** the integration's updated_at when loaded: a newer one means it was reconfigured */
  updatedAt: number;
}

const SETTINGS_TTL_MS = 2_000;

export class CreateQueue {
  private readonly settings = new Map<string, IntegrationSettings>();
  private waiting: (() => void)[] = [];
  private active = 0;
  private lastPublished = new Map<string, number>();

  constructor(
    private readonly deps: CreateQueueDeps,
    private readonly ledger: ShipmentLedger,
    private readonly leases: ShipmentLeases,
    private readonly limiter: CreateRateLimiter,
    private readonly options: CreateQueueOptions,
  ) {}

  /**
   * Works the shared queue until `integrationId` has nothing due or in flight (or the deadline): the
   * rows created on the way may be any integration's, whichever is next in turn.
   */
  async drainFor(integrationId: string, deadline: number): Promise<'done' | 'deadline'> {
    for (;;) {
      if (Date.now() >= deadline) return 'deadline';
      const em = this.deps.orm.em.fork();
      if ((await this.ledger.openCount(em, integrationId, this.deps.clock.now())) === 0) return 'done';
      const handled = await this.createNext();
      // our own rows are in another worker's hands: wait for them
      if (!handled) await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }

  /** Handles the next row in turn; false when no row could be taken. */
  async createNext(): Promise<boolean> {
    await this.enter();
    try {
      const em = this.deps.orm.em.fork();
      for (const id of await this.candidates(em)) {
        const attempt = await this.leases.withLease(id, () => this.handle(id));
        if (attempt.held && attempt.result) return true;
      }
      return false;
    } finally {
      this.leave();
    }
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
  private async handle(id: string): Promise<boolean> {
    const em = this.deps.orm.em.fork();
    const now = this.deps.clock.now();
    const row = await em.findOne(SyncedShipment, id);
    if (!row) return false;
    const due = row.state === ShipmentState.CLAIMED || (row.state === ShipmentState.PENDING && (!row.nextAttemptAt || row.nextAttemptAt <= now));
    if (!due) return false;
    const settings = await this.settingsOf(em, row.integration.id);
    if (!settings?.active) return false;
    const cc = this.deps.cartonCloud();
    const reference = row.customerReference;

    // 1. the worker before us may have created it: a stale claim, or an attempt that may have arrived
    if (row.state === ShipmentState.CLAIMED || row.attempts > 0) {
      let found: SaleOrder | null;
      try {
        found = await cc.findSaleOrderByCustomerReference(reference, settings.cartonCloudCustomerId);
      } catch (error) {
        return this.failed(em, { ...row, attempts: row.attempts + 1 } as SyncedShipment, settings, row.state, error, true);
      }
      const retryOfRejected = found?.status === 'REJECTED' && found.id === row.cartonCloudOrderId;
      if (found && !retryOfRejected) {
        if (row.state === ShipmentState.PENDING && !(await this.ledger.claim(em, id, ShipmentState.PENDING, now))) return false;
        return this.settleResult(em, row, settings, adoptResult(found), 'adopted');
      }
    }

    // 2. where it goes
    if (!row.source) {
      await this.moveTo(em, row, ShipmentState.FAILED, { lastError: 'No Unleashed snapshot was kept for this shipment; it will be read again by the next poll.' });
      await this.count(em, row, settings, 'failed', 'No Unleashed snapshot was kept for this shipment.');
      return true;
    }
    const warehouse = resolveWarehouse({
      warehouseCode: row.source.warehouseCode,
      mappings: settings.mappings,
      defaultCartonCloudWarehouseId: settings.defaultCartonCloudWarehouseId,
    });
    if ('skip' in warehouse) {
      if (row.state === ShipmentState.CLAIMED) await this.ledger.settle(em, id, ShipmentState.CLAIMED, ShipmentState.PENDING, {}, now);
      await this.ledger.settle(em, id, ShipmentState.PENDING, ShipmentState.SKIPPED, { lastError: warehouse.skip }, now);
      await this.count(em, row, settings, 'skipped', warehouse.skip);
      return true;
    }

    // 3. claim, wait for our slot, create
    if (!(await this.ledger.claim(em, id, row.state, now))) return false;
    await this.takeTurn(em, settings.integrationId);
    const body = buildSaleOrder(row.source, {
      cartonCloudCustomerId: settings.cartonCloudCustomerId,
      cartonCloudWarehouseId: warehouse.cartonCloudWarehouseId,
      includeComments: settings.includeComments,
      timeZone: settings.timeZone,
    });
    await this.limiter.acquire(em);
    let result: CreateSaleOrderResult;
    try {
      result = await cc.createSaleOrder(body);
    } catch (error) {
      return this.failed(em, { ...row, attempts: row.attempts + 1 } as SyncedShipment, settings, ShipmentState.CLAIMED, error);
    }
    if (result.kind === 'duplicate') {
      return this.settleResult(em, row, settings, { kind: 'created', id: result.duplicateId, status: null }, 'adopted');
    }
    return this.settleResult(
      em,
      row,
      settings,
      result.kind === 'created'
        ? { kind: 'created', id: result.order.id, status: result.order.status }
        : { kind: 'rejected', id: result.order.id, status: result.order.status, reasons: result.reasons },
      'created',
    );
  }

  private async settleResult(em: EntityManager, row: SyncedShipment, settings: IntegrationSettings, result: Settled, how: 'created' | 'adopted'): Promise<boolean> {
    const now = this.deps.clock.now();
    if (result.kind === 'created') {
      await this.ledger.settle(em, row.id, ShipmentState.CLAIMED, ShipmentState.CREATED, {
        cartonCloudOrderId: result.id,
        cartonCloudStatus: result.status,
        lastError: null,
        nextAttemptAt: null,
      }, now);
      this.deps.metrics.shipmentsTotal.inc({ outcome: how });
      await this.count(em, row, settings, 'created');
      return true;
    }
    const reason = result.reasons.length ? result.reasons.join('; ') : 'CartonCloud rejected the order.';
    await this.ledger.settle(em, row.id, ShipmentState.CLAIMED, ShipmentState.REJECTED, {
      cartonCloudOrderId: result.id,
      cartonCloudStatus: result.status,
      lastError: reason,
      nextAttemptAt: null,
    }, now);
    this.deps.metrics.shipmentsTotal.inc({ outcome: 'rejected' });
    await this.count(em, row, settings, 'failed', `Rejected by CartonCloud: ${reason}`);
    return true;
  }

  /** One place decides what a failure does to the row (provider-error.ts `actionFor`). */
  private async failed(em: EntityManager, row: SyncedShipment, settings: IntegrationSettings, from: ShipmentState, error: unknown, countsAttempt = false): Promise<boolean> {
    const now = this.deps.clock.now();
    if (!(error instanceof ProviderError)) {
      // not a provider answer (a bug, the database): leave the claim; the next worker searches first
      this.deps.logger.error({ err: error, shipmentId: row.id }, 'order sync: unexpected error while creating');
      return true;
    }
    const action = actionFor(error);
    const message = error.code === 'VALIDATION' && error.fieldErrors.length
      ? error.fieldErrors.map((f) => (f.field ? `${f.field}: ${f.message}` : f.message)).join('; ')
      : error.message;
    if (action === 'fail-record' || row.attempts >= this.options.maxAttempts) {
      if (countsAttempt) await em.getConnection().execute(`update synced_shipments set attempts = attempts + 1 where id = ?`, [row.id]);
      await this.moveTo(em, row, ShipmentState.FAILED, { lastError: message, nextAttemptAt: null }, from);
      this.deps.metrics.shipmentsTotal.inc({ outcome: 'failed' });
      await this.count(em, row, settings, 'failed', message);
      return true;
    }
    const nextAttemptAt = new Date(now.getTime() + this.options.backoffMs(Math.max(1, row.attempts)));
    if (from !== ShipmentState.PENDING) assertTransition(from, ShipmentState.PENDING);
    // a failed search counts as an attempt too (a claim already counted the create's)
    await em.getConnection().execute(
      `update synced_shipments set state = 'PENDING', last_error = ?, next_attempt_at = ?, attempts = attempts + ?, updated_at = ? where id = ? and state = ?`,
      [message, nextAttemptAt, countsAttempt ? 1 : 0, now, row.id, from],
    );
    this.deps.metrics.shipmentsTotal.inc({ outcome: 'retry' });
    await this.count(em, row, settings, 'retry', `${message} (will retry after ${nextAttemptAt.toISOString()})`);
    return true;
  }

  private async moveTo(em: EntityManager, row: SyncedShipment, to: ShipmentState, fields: { lastError?: string | null; nextAttemptAt?: Date | null }, from: ShipmentState = row.state): Promise<void> {
    await this.ledger.settle(em, row.id, from, to, fields, this.deps.clock.now());
  }

  /** Counts the outcome on the row's run ('retry': only the error; the row comes back). */
  private async count(em: EntityManager, row: SyncedShipment, settings: IntegrationSettings, outcome: SyncOutcome | 'retry', message?: string): Promise<void> {
    const runId = row.syncRunId;
    if (!runId) return;
    const error = message ? { reference: row.customerReference, message } : undefined;
    if (outcome === 'retry') {
      if (error) await this.ledger.addRunError(em, runId, error);
    } else if (!(await this.ledger.countOnRun(em, runId, outcome, error))) return;
    const now = Date.now();
    if (now - (this.lastPublished.get(runId) ?? 0) < 200) return;
    this.lastPublished.set(runId, now);
    await this.deps.eventBus.publish(Topics.SYNC_RUN_UPDATED, { syncRunId: runId, integrationId: settings.integrationId, customerId: settings.customerId });
  }

  private async takeTurn(em: EntityManager, integrationId: string): Promise<void> {
    await em.getConnection().execute(
      `insert into create_turns (integration_id, last_turn_at) values (?, clock_timestamp())
       on conflict (integration_id) do update set last_turn_at = excluded.last_turn_at`,
      [integrationId],
    );
  }

  private async settingsOf(em: EntityManager, integrationId: string): Promise<IntegrationSettings | null> {
    const cached = this.settings.get(integrationId);
    if (cached && Date.now() - cached.loadedAt < SETTINGS_TTL_MS) {
      // another process may have reconfigured it: one primary-key read tells (updated_at changes with every step)
      const [row] = await em.getConnection().execute<{ updated_at: Date }[]>('select updated_at from integrations where id = ?', [integrationId]);
      if (row && new Date(row.updated_at).getTime() === cached.updatedAt) return cached;
    }
    const integration = await em.findOne(Integration, integrationId, {
      populate: ['customer', 'defaultWarehouse', 'warehouseMappings', 'warehouseMappings.warehouse'],
    });
    if (!integration) return null;
    const settings: IntegrationSettings = {
      integrationId,
      customerId: integration.customer.id,
      active: integration.status === IntegrationStatus.ACTIVE,
      cartonCloudCustomerId: integration.customer.getEntity().cartonCloudCustomerId,
      includeComments: integration.includeComments,
      timeZone: integration.unleashedTimeZone,
      defaultCartonCloudWarehouseId: integration.defaultWarehouse?.getEntity().cartonCloudWarehouseId ?? null,
      mappings: integration.warehouseMappings.getItems().map((m) => ({
        unleashedWarehouseCode: m.unleashedWarehouseCode,
        cartonCloudWarehouseId: m.warehouse?.getEntity().cartonCloudWarehouseId ?? null,
      })),
      loadedAt: Date.now(),
      updatedAt: integration.updatedAt.getTime(),
    };
    this.settings.set(integrationId, settings);
    return settings;
  }

  /** Forget cached integration settings (after a reconfiguration in this process). */
  forget(integrationId: string): void {
    this.settings.delete(integrationId);
  }

  private async enter(): Promise<void> {
    if (this.active < this.options.concurrency) {
      this.active++;
      return;
    }
    await new Promise<void>((resolve) => this.waiting.push(resolve));
  }

  private leave(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.active--;
  }
}

type Settled = { kind: 'created'; id: string; status: string | null } | { kind: 'rejected'; id: string; status: string | null; reasons: string[] };

/** An order found by its customer reference, as if we had just created it. */
function adoptResult(order: SaleOrder): Settled {
  if (order.status === 'REJECTED') {
    const reasons = (order.details.errors ?? []).filter((e) => !e.isResolved).map((e) => e.message);
    return { kind: 'rejected', id: order.id, status: order.status, reasons };
  }
  return { kind: 'created', id: order.id, status: order.status };
}
