import type { EntityManager } from '@mikro-orm/postgresql';
import type { UnleashedClient } from '../providers/unleashed/unleashed.client.js';
import { modifiedSinceWithOverlap } from '../providers/unleashed/unleashed.client.js';
import type { UnleashedSalesOrder, UnleashedSalesShipment } from '../providers/unleashed/unleashed.schemas.js';
import { DELETED_BEFORE_SENT, type ShipmentSource } from '../ledger/shipment-source.js';
import { DELETED_AFTER_SENT, driftBetween, driftMessage, toShipmentSource } from './sale-order.mapper.js';
import type { ShipmentLedger } from '../ledger/shipment-ledger.js';
import type { LedgerShipment } from '../ledger/ledger-shipment.entity.js';
import { ShipmentState } from '../ledger/shipment-state.js';

/**
 * Reads one integration's changes from Unleashed and records them in the ledger (no CartonCloud call).
 *
 * Calls: the Placed (and Deleted, for drift) sales orders modified since the cursor minus an overlap,
 * and the sales shipments modified in the same window — two calls when nothing changed. They are
 * joined by order Guid. Extra calls only where the join needs them: the order of a NEW shipment whose
 * order did not change in the window (one GET per such order), and the shipments of an order that
 * became Placed without its shipments changing (one list per such order, when no row exists for it).
 *
 * Cursor: both lists come newest-first or in creation order, never oldest-first by LastModifiedOn, so
 * no page boundary is a safe watermark on its own. The whole window is the unit: the new cursor (the
 * newest LastModifiedOn seen) is returned only when every page of both lists was handled, and the
 * caller stores it then. A crash re-reads the window; the ledger's unique key makes that harmless.
 */
export const OVERLAP_MS = 5 * 60_000;
const UNSENT = new Set<ShipmentState>([ShipmentState.PENDING, ShipmentState.SKIPPED, ShipmentState.FAILED]);
const NOT_TO_CREATE = new Set(['dispatched', 'deleted']);

export interface IngestResult {
  /** shipments new to the ledger (PENDING) */
  queued: number;
  /** rows closed here: the order was deleted before it was sent */
  skipped: { reference: string; message: string }[];
  drifted: number;
  newCursor: Date | null;
  unleashedCalls: number;
}

export interface IngestInput {
  em: EntityManager;
  client: UnleashedClient;
  ledger: ShipmentLedger;
  integrationId: string;
  cursor: Date | null;
  runId: string;
  now: Date;
  pageSize?: number;
}

export async function ingestWindow(input: IngestInput): Promise<IngestResult> {
  const { em, client, ledger, integrationId, runId, now } = input;
  const since = modifiedSinceWithOverlap(input.cursor, OVERLAP_MS);
  const result: IngestResult = { queued: 0, skipped: [], drifted: 0, newCursor: input.cursor, unleashedCalls: 0 };
  const seen = (date: Date | null) => {
    if (date && (!result.newCursor || date > result.newCursor)) result.newCursor = date;
  };

  const orders = new Map<string, UnleashedSalesOrder>();
  for await (const page of client.salesOrderPages({ statuses: ['Placed', 'Deleted'], modifiedSince: since, pageSize: input.pageSize })) {
    result.unleashedCalls++;
    for (const order of page.items) {
      orders.set(order.Guid, order);
      seen(order.LastModifiedOn);
    }
  }
  const shipments = new Map<string, UnleashedSalesShipment>();
  for await (const page of client.salesShipmentPages({ modifiedSince: since, pageSize: input.pageSize })) {
    result.unleashedCalls++;
    for (const shipment of page.items) {
      shipments.set(shipment.Guid, shipment);
      seen(shipment.LastModifiedOn);
    }
  }

  const known = await ledger.known(em, integrationId, [...shipments.keys()], [...orders.keys()]);
  const byShipment = new Map(known.map((row) => [row.unleashedShipmentGuid, row]));
  const ordersWithRows = new Set(known.map((row) => row.unleashedOrderGuid));
  const ordersWithShipments = new Set([...shipments.values()].map((s) => s.OrderGuid));

  // an order that became Placed (e.g. from Parked) without its shipments changing: read its shipments
  for (const order of orders.values()) {
    if (order.OrderStatus !== 'Placed' || ordersWithRows.has(order.Guid) || ordersWithShipments.has(order.Guid)) continue;
    for await (const page of client.salesShipmentPages({ orderNumber: order.OrderNumber, pageSize: input.pageSize })) {
      result.unleashedCalls++;
      for (const shipment of page.items) shipments.set(shipment.Guid, shipment);
    }
  }

  const fetchedOrders = new Map<string, UnleashedSalesOrder | null>();
  const orderOf = async (shipment: UnleashedSalesShipment): Promise<UnleashedSalesOrder | null> => {
    const guid = shipment.OrderGuid;
    if (!guid) return null;
    const listed = orders.get(guid);
    if (listed) return listed;
    // without a cursor the list held every Placed order: an unlisted one is not Placed
    if (input.cursor === null) return null;
    if (!fetchedOrders.has(guid)) {
      result.unleashedCalls++;
      fetchedOrders.set(guid, await client.getSalesOrder(guid));
    }
    return fetchedOrders.get(guid) ?? null;
  };

  for (const shipment of shipments.values()) {
    const row = byShipment.get(shipment.Guid);
    if (row) {
      await reconcile(input, row, orders.get(shipment.OrderGuid ?? '') ?? null, shipment, result);
      continue;
    }
    if (NOT_TO_CREATE.has(shipment.ShipmentStatus.toLowerCase())) continue;
    const order = await orderOf(shipment);
    if (!order || order.OrderStatus !== 'Placed') continue; // Parked, Completed, Backordered…: not ours to send
    if (await ledger.insertSeen(em, integrationId, toShipmentSource(order, shipment), runId, now)) result.queued++;
  }

  // orders edited or deleted without their shipments appearing in the window
  for (const row of known) {
    if (shipments.has(row.unleashedShipmentGuid)) continue;
    const order = orders.get(row.unleashedOrderGuid ?? '');
    if (order) await reconcile(input, row, order, null, result);
  }
  return result;
}

/** A shipment we already have: keep an unsent snapshot fresh; record drift on a sent one. */
async function reconcile(
  input: IngestInput,
  row: LedgerShipment,
  order: UnleashedSalesOrder | null,
  shipment: UnleashedSalesShipment | null,
  result: IngestResult,
): Promise<void> {
  const { em, ledger, now } = input;
  const previous = row.source;
  if (!previous) return;
  const deleted = order?.OrderStatus === 'Deleted' || shipment?.ShipmentStatus === 'Deleted';
  const sent = row.cartonCloudOrderId !== null || !UNSENT.has(row.state);
  if (deleted) {
    if (sent) {
      await ledger.recordDrift(em, row.id, DELETED_AFTER_SENT, shipment?.LastModifiedOn?.toISOString() ?? null, now);
      result.drifted++;
    } else if (row.state === ShipmentState.PENDING) {
      if (await ledger.skip(em, row.id, ShipmentState.PENDING, DELETED_BEFORE_SENT, null, now)) {
        result.skipped.push({ reference: row.customerReference, message: DELETED_BEFORE_SENT });
      }
    }
    return;
  }
  const next: ShipmentSource = merge(previous, order, shipment);
  const changes = driftBetween(previous, next);
  if (changes.length === 0) return;
  if (sent) {
    await ledger.recordDrift(em, row.id, driftMessage(changes, next.orderModifiedAt ?? next.shipmentModifiedAt), next.shipmentModifiedAt, now);
    result.drifted++;
  } else {
    await ledger.refreshSnapshot(em, row.id, next, now);
  }
}

/** The stored snapshot updated with whichever side (order, shipment) was read now. */
function merge(previous: ShipmentSource, order: UnleashedSalesOrder | null, shipment: UnleashedSalesShipment | null): ShipmentSource {
  if (order && shipment) return toShipmentSource(order, shipment);
  if (shipment) {
    const fresh = toShipmentSource({ ...fakeOrder(previous), Guid: previous.orderGuid } as UnleashedSalesOrder, shipment);
    return { ...previous, ...pick(fresh, ['shipmentModifiedAt', 'shipmentStatus', 'shipmentComments', 'warehouseCode', 'lines']) };
  }
  if (order) {
    const fresh = toShipmentSource(order, fakeShipment(previous));
    return { ...previous, ...pick(fresh, ['orderModifiedAt', 'orderStatus', 'customerName', 'orderComments', 'requiredDate', 'delivery']) };
  }
  return previous;
}

function pick<K extends keyof ShipmentSource>(source: ShipmentSource, keys: K[]): Pick<ShipmentSource, K> {
  return Object.fromEntries(keys.map((k) => [k, source[k]])) as Pick<ShipmentSource, K>;
}

/** Just enough of an order for toShipmentSource when only the shipment was read. */
function fakeOrder(previous: ShipmentSource): Partial<UnleashedSalesOrder> {
  return { OrderNumber: previous.orderNumber, OrderStatus: previous.orderStatus, LastModifiedOn: null, RequiredDate: null, Warehouse: null, Customer: null, DeliveryContact: null };
}

/** Just enough of a shipment for toShipmentSource when only the order was read. */
function fakeShipment(previous: ShipmentSource): UnleashedSalesShipment {
  return {
    Guid: previous.shipmentGuid,
    ShipmentNumber: previous.shipmentNumber,
    ShipmentStatus: previous.shipmentStatus,
    Comments: previous.shipmentComments,
    Warehouse: previous.warehouseCode ? { WarehouseCode: previous.warehouseCode } : null,
    SalesShipmentLines: previous.lines.map((l) => ({ Product: { ProductCode: l.code }, ShipmentQty: l.quantity })),
    LastModifiedOn: previous.shipmentModifiedAt ? new Date(previous.shipmentModifiedAt) : null,
  } as unknown as UnleashedSalesShipment;
}
