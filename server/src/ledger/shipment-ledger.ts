import type { EntityManager } from '@mikro-orm/postgresql';
import { SyncedShipment } from './ledger-shipment.entity.js';
import { assertTransition } from './shipment-transitions.js';
import { customerReference, type ShipmentSource } from '../sync/sale-order.mapper.js';
import { ShipmentState } from '../sync/sync.enums.js';

/**
 * Every write to the ledger (synced_shipments) the order sync makes. Each state change is checked
 * against the transition table and written as a conditional UPDATE (`… where state = <from>`), so a
 * row that moved meanwhile is never overwritten: the caller learns it lost and moves on.
 */
/** A PostgreSQL array literal for `= any(?::type[])` (the query builder would expand a JS array into a list). */
export function pgArray(values: readonly string[]): string {
  return `{${values.map((v) => `"${v.replace(/(["\\])/g, '\\$1')}"`).join(',')}}`;
}

export type SyncOutcome = 'created' | 'skipped' | 'failed' | 'unchanged';
const MAX_RUN_ERRORS = 200;

export interface SettleFields {
  cartonCloudOrderId?: string | null;
  cartonCloudStatus?: string | null;
  lastError?: string | null;
  nextAttemptAt?: Date | null;
  claimedAt?: Date | null;
}

export class ShipmentLedger {
  /** A shipment seen for the first time: a PENDING row. false when it already had one (a re-read or a racing poll). */
  async insertSeen(em: EntityManager, integrationId: string, source: ShipmentSource, runId: string, now: Date): Promise<boolean> {
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

  /** The rows an integration already has for these shipments or orders. */
  async known(em: EntityManager, integrationId: string, shipmentGuids: string[], orderGuids: string[]): Promise<SyncedShipment[]> {
    if (!shipmentGuids.length && !orderGuids.length) return [];
    return em.find(SyncedShipment, {
      integration: integrationId,
      $or: [{ unleashedShipmentGuid: { $in: shipmentGuids } }, { unleashedOrderGuid: { $in: orderGuids } }],
    });
  }

  /** A newer snapshot for a row that has not been sent yet (the create will use it). */
  async refreshSource(em: EntityManager, id: string, source: ShipmentSource, now: Date): Promise<void> {
    await em.getConnection().execute(
      `update synced_shipments set source = ?::jsonb, unleashed_modified_at = ?, unleashed_warehouse_code = ?, updated_at = ?
       where id = ? and state in ('PENDING', 'SKIPPED', 'FAILED')`,
      [JSON.stringify(source), source.shipmentModifiedAt, source.warehouseCode, now, id],
    );
  }

  async recordDrift(em: EntityManager, id: string, drift: string, modifiedAt: string | null, now: Date): Promise<void> {
    await em.getConnection().execute(
      `update synced_shipments set drift = ?, unleashed_modified_at = coalesce(?, unleashed_modified_at), updated_at = ? where id = ? and drift is distinct from ?`,
      [drift, modifiedAt, now, id, drift],
    );
  }

  /** PENDING → CLAIMED, or a stale CLAIMED → CLAIMED; counts the attempt. false when the row moved meanwhile. */
  async claim(em: EntityManager, id: string, from: ShipmentState, now: Date): Promise<boolean> {
    assertTransition(from, ShipmentState.CLAIMED);
    const rows = await em.getConnection().execute<{ id: string }[]>(
      `update synced_shipments set state = 'CLAIMED', claimed_at = ?, attempts = attempts + 1, updated_at = ? where id = ? and state = ? returning id`,
      [now, now, id, from],
    );
    return rows.length === 1;
  }

  /** Moves a row from `from` to `to` with the given fields; false when the row was no longer in `from`. */
  async settle(em: EntityManager, id: string, from: ShipmentState, to: ShipmentState, fields: SettleFields, now: Date): Promise<boolean> {
    assertTransition(from, to);
    const sets: string[] = ['state = ?', 'updated_at = ?'];
    const values: unknown[] = [to, now];
    const column: Record<keyof SettleFields, string> = {
      cartonCloudOrderId: 'carton_cloud_order_id',
      cartonCloudStatus: 'carton_cloud_status',
      lastError: 'last_error',
      nextAttemptAt: 'next_attempt_at',
      claimedAt: 'claimed_at',
    };
    for (const [key, value] of Object.entries(fields) as [keyof SettleFields, unknown][]) {
      if (value === undefined) continue;
      sets.push(`${column[key]} = ?`);
      values.push(value);
    }
    const rows = await em.getConnection().execute<{ id: string }[]>(
      `update synced_shipments set ${sets.join(', ')} where id = ? and state = ? returning id`,
      [...values, id, from],
    );
    return rows.length === 1;
  }

  /** Due PENDING rows of an integration become this run's (their outcome is counted there); returns how many. */
  async attributeDue(em: EntityManager, integrationId: string, runId: string, now: Date): Promise<number> {
    const rows = await em.getConnection().execute<{ n: string }[]>(
      `with moved as (
         update synced_shipments set sync_run_id = ? where integration_id = ? and state = 'PENDING'
           and (next_attempt_at is null or next_attempt_at <= ?) returning 1)
       select count(*) as n from moved`,
      [runId, integrationId, now],
    );
    return Number(rows[0]?.n ?? 0);
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

  /**
   * Counts one outcome on a run with an atomic UPDATE (several workers may count into one run at once;
   * the SyncRunRecorder's whole-row flush would lose increments).
   */
  async countOnRun(em: EntityManager, runId: string | null, outcome: SyncOutcome, error?: { reference: string | null; message: string }): Promise<boolean> {
    if (!runId) return false;
    const column = outcome === 'unchanged' ? null : outcome;
    const rows = await em.getConnection().execute<{ id: string }[]>(
      `update sync_runs set processed = processed + 1${column ? `, "${column}" = "${column}" + 1` : ''},
         errors = case when ?::jsonb is not null and jsonb_array_length(errors) < ${MAX_RUN_ERRORS} then errors || jsonb_build_array(?::jsonb) else errors end
       where id = ? returning id`,
      [error ? JSON.stringify(error) : null, error ? JSON.stringify(error) : null, runId],
    );
    return rows.length === 1;
  }

  async addRunError(em: EntityManager, runId: string, error: { reference: string | null; message: string }): Promise<void> {
    await em.getConnection().execute(
      `update sync_runs set errors = case when jsonb_array_length(errors) < ${MAX_RUN_ERRORS} then errors || jsonb_build_array(?::jsonb) else errors end where id = ?`,
      [JSON.stringify(error), runId],
    );
  }

  async addToRunTotal(em: EntityManager, runId: string, n: number): Promise<void> {
    await em.getConnection().execute(`update sync_runs set total = coalesce(total, 0) + ? where id = ?`, [n, runId]);
  }
}
