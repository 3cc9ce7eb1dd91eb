import type { EntityManager } from '@mikro-orm/postgresql';
import { pgArray } from '../common/pg-array.js';
import { ATTENTION, AttentionCode, RETRYABLE_ATTENTION } from './attention.js';
import { LedgerShipment } from './ledger-shipment.entity.js';
import { AWAITING_SHIPMENT_NOTE, customerReference, DELETED_BEFORE_SENT, DISPATCHED_BEFORE_SENT, WAITING_FOR_SHIPMENT_LINK, type ShipmentSnapshot, type ShipmentSource } from './shipment-source.js';
import { ShipmentState } from './shipment-state.js';
import { assertTransition } from './shipment-transitions.js';

/**
 * The only writer of the ledger (`synced_shipments`): the order sync's and fulfilment's every change to a
 * row goes through one of these methods. Each state change is checked against the transition table and
 * written as a conditional UPDATE (`… where state = <from>`), so a row that moved meanwhile is never
 * overwritten: the method answers false (or leaves the row out) and the caller moves on.
 * Methods take the caller's EntityManager (its connection) and the caller's clock reading (`now`).
 */

/** What a Warehouse Fulfilment consignment said, kept on the row for the console. */
export interface ConsignmentFields {
  carrier: string | null;
  trackingNumber: string | null;
  packages: number | null;
}

/** Columns a move may set, by entity property (undefined: left as it is). */
interface MoveFields {
  cartonCloudOrderId?: string | null;
  cartonCloudStatus?: string | null;
  lastError?: string | null;
  nextAttemptAt?: Date | null;
  claimedAt?: Date | null;
  attempts?: number;
  carrier?: string | null;
  trackingNumber?: string | null;
  packages?: number | null;
  dispatchedAt?: Date | null;
  fulfilledAt?: Date | null;
  writtenBack?: Record<string, unknown> | null;
  /** why a person must act (undefined: the target state's default, ATTENTION_BY_STATE) */
  attention?: AttentionCode | null;
}

/** The attention a move sets when the caller names none: a rejected or failed create needs a person; nothing else does. */
const ATTENTION_BY_STATE: Partial<Record<ShipmentState, AttentionCode>> = {
  [ShipmentState.REJECTED]: AttentionCode.REJECTED,
  [ShipmentState.FAILED]: AttentionCode.CREATE_FAILED,
};

const COLUMN: Record<Exclude<keyof MoveFields, 'attention'>, string> = {
  cartonCloudOrderId: 'carton_cloud_order_id',
  cartonCloudStatus: 'carton_cloud_status',
  lastError: 'last_error',
  nextAttemptAt: 'next_attempt_at',
  claimedAt: 'claimed_at',
  attempts: 'attempts',
  carrier: 'carrier',
  trackingNumber: 'tracking_number',
  packages: 'packages',
  dispatchedAt: 'dispatched_at',
  fulfilledAt: 'fulfilled_at',
  writtenBack: 'written_back',
};

/** The states a user may send again (`retryShipment(s)`): each may go back to PENDING (checked at load). */
export const RETRYABLE_BY_USER: readonly ShipmentState[] = [ShipmentState.FAILED, ShipmentState.REJECTED, ShipmentState.SKIPPED];
for (const state of RETRYABLE_BY_USER) assertTransition(state, ShipmentState.PENDING);
assertTransition(ShipmentState.SKIPPED, ShipmentState.PENDING); // requeueSkipped

/**
 * Whether a person may send this row again: it is FAILED, REJECTED or SKIPPED for a reason a retry can
 * fix (`ATTENTION[code].retryable`). A row skipped because its order was deleted, or failed because its
 * Unleashed shipment was deleted after dispatch, is not: sending it again would send what nobody wants.
 */
export function isRetryable(row: { state: ShipmentState; attention: AttentionCode | null }): boolean {
  return RETRYABLE_BY_USER.includes(row.state) && row.attention !== null && ATTENTION[row.attention].retryable;
}

export class ShipmentLedger {
  // ---- reads ---------------------------------------------------------------------------------------

  /**
   * The rows an integration already has for these shipments, or for these orders (by Guid, or by number:
   * Unleashed's shipments may not carry OrderGuid). Each list is ONE array parameter, whatever its length.
   */
  async known(em: EntityManager, integrationId: string, keys: { shipmentGuids?: readonly string[]; orderGuids?: readonly string[]; orderNumbers?: readonly string[] }): Promise<LedgerShipment[]> {
    const { shipmentGuids = [], orderGuids = [], orderNumbers = [] } = keys;
    if (!shipmentGuids.length && !orderGuids.length && !orderNumbers.length) return [];
    const rows = await em.getConnection().execute<Record<string, unknown>[]>(
      `select * from synced_shipments where integration_id = ?
         and (unleashed_shipment_guid = any(?::text[]) or unleashed_order_guid = any(?::text[]) or unleashed_order_number = any(?::text[]))`,
      [integrationId, pgArray(shipmentGuids), pgArray(orderGuids), pgArray(orderNumbers)],
    );
    return rows.map((row) => em.map(LedgerShipment, row));
  }

  /** Rows of the integration still to be created now (due PENDING) or being created (CLAIMED). */
  async openCount(em: EntityManager, integrationId: string, now: Date): Promise<number> {
    const rows = await em.getConnection().execute<{ n: string }[]>(
      `select count(*) as n from synced_shipments where integration_id = ?
         and (state = 'CLAIMED' or (state = 'PENDING' and (next_attempt_at is null or next_attempt_at <= ?)))`,
      [integrationId, now],
    );
    return Number(rows[0]?.n ?? 0);
  }

  // ---- the order poll --------------------------------------------------------------------------------

  /** A shipment seen for the first time: a PENDING row. false when it already had one (a re-read or a racing poll). */
  async insertSeen(em: EntityManager, integrationId: string, source: ShipmentSnapshot, runId: string, now: Date): Promise<boolean> {
    const rows = await em.getConnection().execute<{ id: string }[]>(
      `insert into synced_shipments (id, integration_id, unleashed_shipment_guid, unleashed_order_guid, unleashed_order_number,
         unleashed_shipment_number, unleashed_warehouse_code, customer_reference, state, attempts, unleashed_modified_at, source,
         sync_run_id, created_at, updated_at)
       values (gen_random_uuid(), ?, ?, ?, ?, ?, ?, ?, 'PENDING', 0, ?, ?::jsonb, ?, ?, ?)
       on conflict (integration_id, unleashed_shipment_guid) do nothing
       returning id`,
      [
        integrationId,
        source.shipmentGuid,
        source.orderGuid,
        source.orderNumber,
        source.shipmentNumber,
        source.warehouseCode,
        customerReference(source.orderNumber, source.shipmentNumber),
        source.shipmentModifiedAt,
        JSON.stringify(source),
        runId,
        now,
        now,
      ],
    );
    return rows.length === 1;
  }

  /**
   * A Placed order with no shipment to send: one row for the whole order ("{OrderNumber}", the order's own
   * lines). AWAITING_SHIPMENT (attention AWAITING_SHIPMENT, shown after a threshold) until its shipment
   * appears; or PENDING with `whole_order` when the integration sends orders without a shipment. false when
   * the order already had such a row.
   */
  async insertOrderRow(em: EntityManager, integrationId: string, source: ShipmentSource, state: ShipmentState.AWAITING_SHIPMENT | ShipmentState.PENDING, runId: string, now: Date): Promise<boolean> {
    const awaiting = state === ShipmentState.AWAITING_SHIPMENT;
    const rows = await em.getConnection().execute<{ id: string }[]>(
      `insert into synced_shipments (id, integration_id, unleashed_shipment_guid, unleashed_order_guid, unleashed_order_number,
         unleashed_shipment_number, unleashed_warehouse_code, customer_reference, state, whole_order, attempts, last_error, attention,
         attention_since, unleashed_modified_at, source, sync_run_id, created_at, updated_at)
       values (gen_random_uuid(), ?, null, ?, ?, null, ?, ?, ?, ?, 0, ?, ?, ?, ?, ?::jsonb, ?, ?, ?)
       on conflict (integration_id, unleashed_order_guid) where unleashed_shipment_guid is null do nothing
       returning id`,
      [
        integrationId,
        source.orderGuid,
        source.orderNumber,
        source.warehouseCode,
        customerReference(source.orderNumber, null),
        state,
        !awaiting,
        awaiting ? AWAITING_SHIPMENT_NOTE : null,
        awaiting ? AttentionCode.AWAITING_SHIPMENT : null,
        awaiting ? now : null,
        source.orderModifiedAt,
        JSON.stringify(source),
        runId,
        now,
        now,
      ],
    );
    return rows.length === 1;
  }

  /**
   * AWAITING_SHIPMENT → PENDING: the order's shipment is ready; the row becomes that shipment's row
   * ("{OrderNumber} | {ShipmentNumber}", its lines). false when the row moved, or the shipment has a row already.
   */
  async shipmentAppeared(em: EntityManager, id: string, source: ShipmentSnapshot, runId: string, now: Date): Promise<boolean> {
    assertTransition(ShipmentState.AWAITING_SHIPMENT, ShipmentState.PENDING);
    const rows = await em.getConnection().execute<{ id: string }[]>(
      `update synced_shipments s set state = 'PENDING', unleashed_shipment_guid = ?, unleashed_shipment_number = ?, customer_reference = ?,
         unleashed_warehouse_code = ?, unleashed_modified_at = ?, source = ?::jsonb, sync_run_id = ?, last_error = null, attention = null,
         attention_since = null, updated_at = ?
       where s.id = ? and s.state = 'AWAITING_SHIPMENT'
         and not exists (select 1 from synced_shipments o where o.integration_id = s.integration_id and o.unleashed_shipment_guid = ?)
       returning s.id`,
      [source.shipmentGuid, source.shipmentNumber, customerReference(source.orderNumber, source.shipmentNumber), source.warehouseCode, source.shipmentModifiedAt, JSON.stringify(source), runId, now, id, source.shipmentGuid],
    );
    return rows.length === 1;
  }

  /** AWAITING_SHIPMENT → SKIPPED: its order was deleted, or dispatched in Unleashed without the warehouse. Nothing to do. */
  async closeAwaiting(em: EntityManager, id: string, reason: typeof DELETED_BEFORE_SENT | typeof DISPATCHED_BEFORE_SENT, now: Date): Promise<boolean> {
    return this.move(em, id, ShipmentState.AWAITING_SHIPMENT, ShipmentState.SKIPPED, { lastError: reason, attention: null }, now);
  }

  /**
   * A whole order's shipment, created by Unleashed after the order was sent: linked to the row (guid and
   * number) for the write-back, never sent again. No state change; a DISPATCHED row's wait note goes.
   */
  async linkShipment(em: EntityManager, id: string, shipment: { guid: string; number: string }, now: Date): Promise<boolean> {
    const rows = await em.getConnection().execute<{ id: string }[]>(
      `update synced_shipments s set unleashed_shipment_guid = ?, unleashed_shipment_number = ?,
         last_error = case when s.last_error = ? then null else s.last_error end, updated_at = ?
       where s.id = ? and s.whole_order and s.unleashed_shipment_guid is null
         and not exists (select 1 from synced_shipments o where o.integration_id = s.integration_id and o.unleashed_shipment_guid = ?)
       returning s.id`,
      [shipment.guid, shipment.number, WAITING_FOR_SHIPMENT_LINK, now, id, shipment.guid],
    );
    return rows.length === 1;
  }

  /**
   * Step 3 turned "send orders without a shipment" on: orders waiting with no shipment at all (not those
   * with a Parked draft) go as whole orders (AWAITING_SHIPMENT → PENDING). Returns how many moved.
   */
  async sendAwaitingWhole(em: EntityManager, integrationId: string, now: Date): Promise<number> {
    assertTransition(ShipmentState.AWAITING_SHIPMENT, ShipmentState.PENDING);
    const rows = await em.getConnection().execute<{ id: string }[]>(
      `update synced_shipments set state = 'PENDING', whole_order = true, next_attempt_at = null, last_error = null, attention = null,
         attention_since = null, updated_at = ?
       where integration_id = ? and state = 'AWAITING_SHIPMENT' and unleashed_shipment_guid is null
         and coalesce((source ->> 'draftShipments')::int, 0) = 0
       returning id`,
      [now, integrationId],
    );
    return rows.length;
  }

  /** A newer snapshot for a row that has not been sent yet (the create will use it). No state change. */
  async refreshSnapshot(em: EntityManager, id: string, source: ShipmentSource, now: Date): Promise<void> {
    await em.getConnection().execute(
      `update synced_shipments set source = ?::jsonb, unleashed_modified_at = ?, unleashed_warehouse_code = ?, updated_at = ?
       where id = ? and state in ('AWAITING_SHIPMENT', 'PENDING', 'SKIPPED', 'FAILED')`,
      [JSON.stringify(source), source.shipmentModifiedAt ?? source.orderModifiedAt, source.warehouseCode, now, id],
    );
  }

  /** An Unleashed change after the row was sent, in plain words. No state change. */
  async recordDrift(em: EntityManager, id: string, drift: string, modifiedAt: string | null, now: Date): Promise<void> {
    await em.getConnection().execute(
      `update synced_shipments set drift = ?, unleashed_modified_at = coalesce(?, unleashed_modified_at), updated_at = ? where id = ? and drift is distinct from ?`,
      [drift, modifiedAt, now, id, drift],
    );
  }

  /**
   * Due PENDING rows of an integration become this run's (their outcome is counted there); returns how many.
   * Rows locked in the same order, and a row another worker is changing right now is left to that worker's
   * run (SKIP LOCKED): two polls of one integration at once never deadlock here.
   */
  async attributeDue(em: EntityManager, integrationId: string, runId: string, now: Date): Promise<number> {
    const rows = await em.getConnection().execute<{ n: string }[]>(
      `with due as (
         select id from synced_shipments where integration_id = ? and state = 'PENDING'
           and (next_attempt_at is null or next_attempt_at <= ?) order by id for update skip locked),
       moved as (update synced_shipments s set sync_run_id = ? from due where s.id = due.id returning 1)
       select count(*) as n from moved`,
      [integrationId, now, runId],
    );
    return Number(rows[0]?.n ?? 0);
  }

  // ---- the create queue ------------------------------------------------------------------------------

  /** PENDING → CLAIMED, or a stale CLAIMED → CLAIMED; counts the attempt. false when the row moved meanwhile. */
  async claim(em: EntityManager, id: string, from: ShipmentState, now: Date): Promise<boolean> {
    return this.move(em, id, from, ShipmentState.CLAIMED, { claimedAt: now }, now, 1);
  }

  /**
   * CLAIMED → PENDING, due now, the claim's attempt given back: the create was never sent (its worker is
   * stopping and gave its rate slot up), so the next worker sends it without searching first.
   */
  async release(em: EntityManager, id: string, now: Date): Promise<boolean> {
    return this.move(em, id, ShipmentState.CLAIMED, ShipmentState.PENDING, { nextAttemptAt: null }, now, -1);
  }

  /** CLAIMED → CREATED: CartonCloud holds the sale order (created now, or found and adopted). */
  async settleCreated(em: EntityManager, id: string, order: { cartonCloudOrderId: string; cartonCloudStatus: string | null }, now: Date): Promise<boolean> {
    return this.move(em, id, ShipmentState.CLAIMED, ShipmentState.CREATED, { ...order, lastError: null, nextAttemptAt: null }, now);
  }

  /** CLAIMED → REJECTED with CartonCloud's reasons. */
  async settleRejected(em: EntityManager, id: string, order: { cartonCloudOrderId: string; cartonCloudStatus: string | null; reason: string }, now: Date): Promise<boolean> {
    const { reason, ...ids } = order;
    return this.move(em, id, ShipmentState.CLAIMED, ShipmentState.REJECTED, { ...ids, lastError: reason, nextAttemptAt: null }, now);
  }

  /**
   * → FAILED for good (a permanent failure, or attempts used up). `countsAttempt`: the failed call was an attempt
   * of its own. `attention`: why a person must act, when it is not CREATE_FAILED (e.g. REFERENCE_COLLISION).
   */
  async settleFailed(
    em: EntityManager,
    id: string,
    from: ShipmentState,
    failure: { reason: string; countsAttempt?: boolean; attention?: AttentionCode },
    now: Date,
  ): Promise<boolean> {
    const fields = { lastError: failure.reason, nextAttemptAt: null, attention: failure.attention };
    return this.move(em, id, from, ShipmentState.FAILED, fields, now, failure.countsAttempt ? 1 : 0);
  }

  /**
   * → PENDING again after a temporary failure, due at `nextAttemptAt`. `countsAttempt`: the failed call was an
   * attempt of its own; `refundsAttempt`: the claim's attempt does not count after all (CartonCloud was down for
   * everyone: creation paused, and an outage must not use up the shipment's attempts). `claimedAt` stays, so
   * the next attempt still searches first.
   */
  async retryLater(
    em: EntityManager,
    id: string,
    from: ShipmentState,
    failure: { reason: string; nextAttemptAt: Date; countsAttempt?: boolean; refundsAttempt?: boolean },
    now: Date,
  ): Promise<boolean> {
    const fields = { lastError: failure.reason, nextAttemptAt: failure.nextAttemptAt };
    return this.move(em, id, from, ShipmentState.PENDING, fields, now, (failure.countsAttempt ? 1 : 0) - (failure.refundsAttempt ? 1 : 0));
  }

  /**
   * → SKIPPED with the reason: no warehouse (`attention` NO_WAREHOUSE: a person maps it) or deleted before it
   * was sent (null: nothing to do). A CLAIMED row is released first.
   */
  async skip(em: EntityManager, id: string, from: ShipmentState, reason: string, attention: AttentionCode | null, now: Date): Promise<boolean> {
    if (from === ShipmentState.CLAIMED && !(await this.move(em, id, ShipmentState.CLAIMED, ShipmentState.PENDING, {}, now))) return false;
    return this.move(em, id, ShipmentState.PENDING, ShipmentState.SKIPPED, { lastError: reason, attention }, now);
  }

  // ---- users and setup -------------------------------------------------------------------------------

  /**
   * A user sends FAILED, REJECTED or SKIPPED rows again (→ PENDING, due now), only those `isRetryable`
   * allows, in one statement. Conditional on the state, so a row is in flight at most once: a second retry
   * of a row already PENDING (or CLAIMED) moves nothing. Returns the ids that moved.
   */
  async retry(em: EntityManager, ids: readonly string[], now: Date): Promise<string[]> {
    if (!ids.length) return [];
    const rows = await em.getConnection().execute<{ id: string }[]>(
      `update synced_shipments set state = 'PENDING', next_attempt_at = null, attention = null, attention_since = null, updated_at = ?
        where id = any(?::uuid[]) and state = any(?::shipment_state[]) and attention = any(?::attention_code[]) returning id`,
      [now, pgArray(ids), pgArray(RETRYABLE_BY_USER), pgArray(RETRYABLE_ATTENTION)],
    );
    return rows.map((r) => r.id);
  }

  /**
   * After the warehouses of an integration change: rows SKIPPED for want of a warehouse go back to
   * PENDING ("reconfigured"); those skipped because their order was deleted stay. Returns how many moved.
   */
  async requeueSkipped(em: EntityManager, integrationId: string, now: Date): Promise<number> {
    const rows = await em.getConnection().execute<{ id: string }[]>(
      `update synced_shipments set state = 'PENDING', last_error = null, next_attempt_at = null, attention = null, attention_since = null, updated_at = ?
        where integration_id = ? and state = 'SKIPPED' and coalesce(last_error, '') <> all(?::text[]) returning id`,
      [now, integrationId, pgArray([DELETED_BEFORE_SENT, DISPATCHED_BEFORE_SENT])],
    );
    return rows.length;
  }

  // ---- fulfilment ------------------------------------------------------------------------------------

  /**
   * CREATED → DISPATCHED: CartonCloud dispatched the order. `attempts` restarts: it counts write-back attempts
   * from here on. A whole order whose Unleashed shipment does not exist yet says what it waits for.
   */
  async recordDispatch(em: EntityManager, id: string, dispatch: { cartonCloudStatus: string; dispatchedAt: Date | null }, now: Date): Promise<boolean> {
    const moved = await this.move(em, id, ShipmentState.CREATED, ShipmentState.DISPATCHED, {
      cartonCloudStatus: dispatch.cartonCloudStatus,
      dispatchedAt: dispatch.dispatchedAt ?? undefined,
      attempts: 0,
      nextAttemptAt: null,
      lastError: null,
    }, now);
    if (moved) {
      await em.getConnection().execute(`update synced_shipments set last_error = ? where id = ? and state = 'DISPATCHED' and unleashed_shipment_guid is null`, [WAITING_FOR_SHIPMENT_LINK, id]);
    }
    return moved;
  }

  /**
   * FULFILLED → DISPATCHED: a watched shipment has news to write (recorded first, so a crash before the write
   * retries it). `attention`: what the row showed (a refused status change stays shown while it is rewritten).
   */
  async reopenWatched(em: EntityManager, id: string, consignment: ConsignmentFields | null, now: Date, attention: AttentionCode | null = null): Promise<boolean> {
    return this.move(em, id, ShipmentState.FULFILLED, ShipmentState.DISPATCHED, { ...consignment, attention }, now);
  }

  /** DISPATCHED or FULFILLED → FULFILLED when Unleashed already carries everything: nothing written. `attention` is kept as given. */
  async confirmUnchanged(em: EntityManager, id: string, from: ShipmentState, consignment: ConsignmentFields | null, now: Date, attention: AttentionCode | null = null): Promise<boolean> {
    return this.move(em, id, from, ShipmentState.FULFILLED, { ...consignment, attention }, now);
  }

  /**
   * DISPATCHED → FULFILLED with what was written to Unleashed, in one UPDATE. `refused`: Unleashed would not
   * mark it Dispatched (its words): what it accepts was written, and the row shows WRITE_BACK_REFUSED.
   */
  async recordWritten(
    em: EntityManager,
    id: string,
    written: { consignment: ConsignmentFields | null; writtenBack: Record<string, unknown>; fulfilledAt: Date; refused?: string | null },
    now: Date,
  ): Promise<boolean> {
    return this.move(em, id, ShipmentState.DISPATCHED, ShipmentState.FULFILLED, {
      ...written.consignment,
      writtenBack: written.writtenBack,
      fulfilledAt: written.fulfilledAt,
      lastError: written.refused ?? null,
      nextAttemptAt: null,
      attention: written.refused ? AttentionCode.WRITE_BACK_REFUSED : null,
    }, now);
  }

  /** A failed write-back: the row stays DISPATCHED, one more attempt counted, due again at `nextAttemptAt`; `attention` kept as given. */
  async recordWriteFailure(
    em: EntityManager,
    id: string,
    failure: { consignment: ConsignmentFields | null; reason: string; nextAttemptAt: Date; attention?: AttentionCode | null },
    now: Date,
  ): Promise<boolean> {
    const fields = { ...failure.consignment, lastError: failure.reason, nextAttemptAt: failure.nextAttemptAt, attention: failure.attention ?? null };
    return this.move(em, id, ShipmentState.DISPATCHED, ShipmentState.DISPATCHED, fields, now, 1);
  }

  /** DISPATCHED → FAILED: the write-back can never succeed (Unleashed cannot read what we send) or kept failing up to the cap; never retried by itself. */
  async recordWriteBackFailed(em: EntityManager, id: string, failure: { consignment: ConsignmentFields | null; reason: string }, now: Date): Promise<boolean> {
    const fields = { ...failure.consignment, lastError: failure.reason, nextAttemptAt: null, attention: AttentionCode.WRITE_BACK_FAILED };
    return this.move(em, id, ShipmentState.DISPATCHED, ShipmentState.FAILED, fields, now, 1);
  }

  /** DISPATCHED → FAILED: the Unleashed shipment is gone, there is nothing to write back to (never retried). */
  async recordDeletedInUnleashed(em: EntityManager, id: string, gone: { consignment: ConsignmentFields | null; reason: string }, now: Date): Promise<boolean> {
    return this.move(em, id, ShipmentState.DISPATCHED, ShipmentState.FAILED, { ...gone.consignment, lastError: gone.reason, nextAttemptAt: null, attention: AttentionCode.SHIPMENT_DELETED }, now);
  }

  /** Every state change: checked against the table, conditional on `from`. false when the row was no longer in `from`. */
  private async move(em: EntityManager, id: string, from: ShipmentState, to: ShipmentState, fields: MoveFields, now: Date, addAttempts = 0): Promise<boolean> {
    assertTransition(from, to);
    const attention = fields.attention !== undefined ? fields.attention : (ATTENTION_BY_STATE[to] ?? null);
    // the time it started needing a person: kept while the reason stays the same
    const sets: string[] = ['state = ?', 'updated_at = ?', 'attention_since = case when attention is not distinct from ?::attention_code then attention_since else ? end', 'attention = ?::attention_code'];
    const values: unknown[] = [to, now, attention, attention ? now : null, attention];
    for (const [key, value] of Object.entries(fields) as [keyof MoveFields, unknown][]) {
      if (value === undefined || key === 'attention') continue;
      const column = COLUMN[key];
      if (key === 'writtenBack') {
        sets.push(`${column} = ?::jsonb`);
        values.push(value === null ? null : JSON.stringify(value));
      } else {
        sets.push(`${column} = ?`);
        values.push(value);
      }
    }
    if (addAttempts) {
      sets.push('attempts = greatest(0, attempts + ?)');
      values.push(addAttempts);
    }
    const rows = await em.getConnection().execute<{ id: string }[]>(
      `update synced_shipments set ${sets.join(', ')} where id = ? and state = ? returning id`,
      [...values, id, from],
    );
    return rows.length === 1;
  }
}
