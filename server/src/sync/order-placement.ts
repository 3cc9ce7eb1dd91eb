import type { EntityManager } from '@mikro-orm/postgresql';
import type { LedgerShipment } from '../ledger/ledger-shipment.entity.js';
import type { ShipmentLedger } from '../ledger/shipment-ledger.js';
import { DELETED_BEFORE_SENT, DISPATCHED_BEFORE_SENT, type ShipmentSource } from '../ledger/shipment-source.js';
import { ShipmentState } from '../ledger/shipment-state.js';
import { actionFor, ProviderError } from '../providers/shared/provider-error.js';
import type { UnleashedClient } from '../providers/unleashed/unleashed.client.js';
import type { UnleashedSalesOrder, UnleashedSalesShipment } from '../providers/unleashed/unleashed.schemas.js';
import { DELETED_AFTER_SENT, driftBetween, driftMessage, toOrderSource, toShipmentSource, withShipment } from './sale-order.mapper.js';

/**
 * What one Unleashed order or shipment, as read, means for the ledger (no CartonCloud call): which rows
 * are inserted, converted, linked, closed, refreshed or marked as drifted. The order ingest (order-ingest.ts)
 * reads Unleashed and calls these.
 *
 * - A shipment is sent when it is ready: not a Parked draft, not already Dispatched or Deleted, and its
 *   order is Placed.
 * - A Placed order with no shipment ready gets one row for the whole order: AWAITING_SHIPMENT (with the
 *   reason), or — when the integration sends orders without a shipment and the order has none at all —
 *   PENDING, built from the order's own lines ("{OrderNumber}").
 * - The shipment that appears later for such an order: ready → the waiting row becomes that shipment's
 *   row; Dispatched → the waiting row closes (it was handled in Unleashed); for a whole order already sent,
 *   it is linked to the row for the write-back and never sent again.
 * - Shipments join their order by OrderGuid, else by OrderNumber (recorded responses carry no OrderGuid).
 */
export interface PlacementContext {
  em: EntityManager;
  client: UnleashedClient;
  ledger: ShipmentLedger;
  integrationId: string;
  runId: string;
  now: Date;
  sendOrdersWithoutShipment: boolean;
  pageSize?: number;
  result: PlacementCounts;
  /** orders fetched one by one for shipments whose order was not in the window (null: gone) */
  fetched: Map<string, UnleashedSalesOrder | null>;
}

export interface PlacementCounts {
  /** rows new to the ledger that will be created (PENDING) */
  queued: number;
  /** orders now shown as waiting for a shipment */
  awaiting: number;
  /** shipments linked to a whole order sent before they existed */
  linked: number;
  /** rows closed here, with the reason */
  skipped: { reference: string; message: string }[];
  drifted: number;
  unleashedCalls: number;
}

/** Not to be sent: a Parked shipment is a draft; Dispatched and Deleted ones are done. */
const NOT_READY = new Set(['parked', 'dispatched', 'deleted']);
const UNSENT = new Set<ShipmentState>([ShipmentState.AWAITING_SHIPMENT, ShipmentState.PENDING, ShipmentState.SKIPPED, ShipmentState.FAILED]);

export const isReady = (shipment: Pick<UnleashedSalesShipment, 'ShipmentStatus'>) => !NOT_READY.has(shipment.ShipmentStatus.toLowerCase());
const statusOf = (shipment: Pick<UnleashedSalesShipment, 'ShipmentStatus'>) => shipment.ShipmentStatus.toLowerCase();

/** Orders by Guid and by number, so a shipment without OrderGuid still finds its order. */
export class OrderIndex {
  private readonly byGuid = new Map<string, UnleashedSalesOrder>();
  private readonly byNumber = new Map<string, UnleashedSalesOrder>();

  add(order: UnleashedSalesOrder): void {
    this.byGuid.set(order.Guid, order);
    this.byNumber.set(order.OrderNumber, order);
  }
  of(shipment: Pick<UnleashedSalesShipment, 'OrderGuid' | 'OrderNumber'>): UnleashedSalesOrder | undefined {
    return (shipment.OrderGuid ? this.byGuid.get(shipment.OrderGuid) : undefined) ?? this.byNumber.get(shipment.OrderNumber);
  }
  get all(): UnleashedSalesOrder[] {
    return [...this.byGuid.values()];
  }
}

/** Ledger rows by shipment and, for the rows that stand for a whole order, by order Guid and number. */
export class RowIndex {
  private readonly byShipment = new Map<string, LedgerShipment>();
  private readonly orderRows = new Map<string, LedgerShipment>();
  private readonly byOrder = new Map<string, LedgerShipment[]>();

  constructor(rows: LedgerShipment[]) {
    for (const row of rows) {
      if (row.unleashedShipmentGuid) this.byShipment.set(row.unleashedShipmentGuid, row);
      const keys = [row.unleashedOrderNumber, row.unleashedOrderGuid].filter((key): key is string => !!key);
      for (const key of keys) this.byOrder.set(key, [...(this.byOrder.get(key) ?? []), row]);
      if (row.unleashedShipmentGuid === null || row.wholeOrder) for (const key of keys) this.orderRows.set(key, row);
    }
  }
  shipment(guid: string): LedgerShipment | undefined {
    return this.byShipment.get(guid);
  }
  /** the row standing for the whole order of this shipment (waiting, or sent whole), if any */
  orderRow(shipment: Pick<UnleashedSalesShipment, 'OrderGuid' | 'OrderNumber'>): LedgerShipment | undefined {
    return (shipment.OrderGuid ? this.orderRows.get(shipment.OrderGuid) : undefined) ?? this.orderRows.get(shipment.OrderNumber);
  }
  /** the row no longer stands for the order (it became its shipment's row) */
  forgetOrderRow(row: LedgerShipment): void {
    for (const [key, value] of this.orderRows) if (value === row) this.orderRows.delete(key);
  }
  ofOrder(order: Pick<UnleashedSalesOrder, 'Guid' | 'OrderNumber'>): LedgerShipment[] {
    return this.byOrder.get(order.Guid) ?? this.byOrder.get(order.OrderNumber) ?? [];
  }
}

/**
 * A Placed order read with all its shipments (and no row yet): its ready shipments become rows; with none
 * ready and none dispatched, one row for the whole order (waiting, or sent whole).
 */
export async function placeOrder(ctx: PlacementContext, order: UnleashedSalesOrder, shipments: UnleashedSalesShipment[]): Promise<void> {
  if (order.OrderStatus !== 'Placed') return;
  const live = shipments.filter((shipment) => statusOf(shipment) !== 'deleted');
  const ready = live.filter(isReady);
  for (const shipment of ready) {
    if (await ctx.ledger.insertSeen(ctx.em, ctx.integrationId, toShipmentSource(order, shipment), ctx.runId, ctx.now)) ctx.result.queued++;
  }
  // a dispatched shipment: the order is being handled in Unleashed, nothing waits for the warehouse
  if (ready.length > 0 || live.some((shipment) => statusOf(shipment) === 'dispatched')) return;
  const drafts = live.length;
  const whole = ctx.sendOrdersWithoutShipment && drafts === 0;
  const state = whole ? ShipmentState.PENDING : ShipmentState.AWAITING_SHIPMENT;
  if (await ctx.ledger.insertOrderRow(ctx.em, ctx.integrationId, toOrderSource(order, drafts), state, ctx.runId, ctx.now)) {
    if (whole) ctx.result.queued++;
    else ctx.result.awaiting++;
  }
}

/** One shipment read in a window, with the rows known for its page. */
export async function placeShipment(ctx: PlacementContext, shipment: UnleashedSalesShipment, orders: OrderIndex, rows: RowIndex): Promise<void> {
  const own = rows.shipment(shipment.Guid);
  if (own) {
    await reconcile(ctx, own, orders.of(shipment) ?? null, shipment);
    return;
  }
  const orderRow = rows.orderRow(shipment);
  if (orderRow && (await shipmentOfOrderRow(ctx, orderRow, shipment, orders, rows))) return;
  if (!isReady(shipment)) return;
  const order = orders.of(shipment) ?? (await fetchOrder(ctx, shipment));
  if (order?.OrderStatus !== 'Placed') return; // Parked, Completed, Backordered…: not ours to send
  if (await ctx.ledger.insertSeen(ctx.em, ctx.integrationId, toShipmentSource(order, shipment), ctx.runId, ctx.now)) ctx.result.queued++;
}

/** A shipment of an order that has a whole-order row. true when it was dealt with (not to be inserted as a row of its own). */
async function shipmentOfOrderRow(ctx: PlacementContext, row: LedgerShipment, shipment: UnleashedSalesShipment, orders: OrderIndex, rows: RowIndex): Promise<boolean> {
  const { em, ledger, now } = ctx;
  const status = statusOf(shipment);
  if (row.state === ShipmentState.AWAITING_SHIPMENT) {
    if (status === 'dispatched') {
      if (await ledger.closeAwaiting(em, row.id, DISPATCHED_BEFORE_SENT, now)) ctx.result.skipped.push({ reference: row.customerReference, message: DISPATCHED_BEFORE_SENT });
      rows.forgetOrderRow(row);
      return true;
    }
    if (!isReady(shipment)) return true; // a Parked draft (or a deleted one): still waiting
    // the order as read now, else as the row keeps it (any change to it would have put it in the window)
    const order = orders.of(shipment);
    const snapshot = order ? toShipmentSource(order, shipment) : row.source ? withShipment(row.source, shipment) : null;
    if (snapshot?.orderStatus !== 'Placed') return true;
    const converted = await ledger.shipmentAppeared(em, row.id, snapshot, ctx.runId, now);
    rows.forgetOrderRow(row);
    if (converted) ctx.result.queued++;
    return converted; // false: another row took it meanwhile; the caller inserts this shipment as usual
  }
  if (row.wholeOrder) {
    // sent whole: Unleashed's shipment is linked for the write-back (the first one), never sent again
    if (row.unleashedShipmentGuid === null && status !== 'deleted' && (await ledger.linkShipment(em, row.id, { guid: shipment.Guid, number: shipment.ShipmentNumber }, now))) {
      ctx.result.linked++;
    }
    return true;
  }
  return false;
}

/** The order of a shipment whose order was not in the window: one GET, by Guid or (without one) by number. */
async function fetchOrder(ctx: PlacementContext, shipment: UnleashedSalesShipment): Promise<UnleashedSalesOrder | null> {
  const key = shipment.OrderGuid ?? `#${shipment.OrderNumber}`;
  if (!ctx.fetched.has(key)) {
    ctx.result.unleashedCalls++;
    try {
      ctx.fetched.set(key, shipment.OrderGuid ? await ctx.client.getSalesOrder(shipment.OrderGuid) : await ctx.client.findSalesOrderByNumber(shipment.OrderNumber));
    } catch (error) {
      if (!(error instanceof ProviderError && actionFor(error) === 'record-gone')) throw error;
      ctx.fetched.set(key, null);
    }
  }
  return ctx.fetched.get(key) ?? null;
}

/** A row we already have, read again: an unsent snapshot is kept fresh; a sent one records drift; deletions close or drift. */
export async function reconcile(ctx: PlacementContext, row: LedgerShipment, order: UnleashedSalesOrder | null, shipment: UnleashedSalesShipment | null): Promise<void> {
  const { em, ledger, now } = ctx;
  const previous = row.source;
  if (!previous) return;
  const orderAlone = previous.shipmentGuid === null;
  const deleted = order?.OrderStatus === 'Deleted' || (!orderAlone && shipment !== null && statusOf(shipment) === 'deleted');
  const sent = row.cartonCloudOrderId !== null || !UNSENT.has(row.state);
  if (deleted) {
    if (sent) {
      await ledger.recordDrift(em, row.id, DELETED_AFTER_SENT, shipment?.LastModifiedOn?.toISOString() ?? null, now);
      ctx.result.drifted++;
    } else if (row.state === ShipmentState.AWAITING_SHIPMENT || row.state === ShipmentState.PENDING) {
      const closed = row.state === ShipmentState.AWAITING_SHIPMENT
        ? await ledger.closeAwaiting(em, row.id, DELETED_BEFORE_SENT, now)
        : await ledger.skip(em, row.id, ShipmentState.PENDING, DELETED_BEFORE_SENT, null, now);
      if (closed) ctx.result.skipped.push({ reference: row.customerReference, message: DELETED_BEFORE_SENT });
    }
    return;
  }
  // a whole order (or one waiting) is the order's own snapshot: only the order side counts
  const next: ShipmentSource = orderAlone ? (order ? toOrderSource(order, previous.draftShipments ?? 0) : previous) : merge(previous, order, shipment);
  const changes = driftBetween(previous, next);
  if (changes.length === 0) return;
  if (sent) {
    await ledger.recordDrift(em, row.id, driftMessage(changes, next.orderModifiedAt ?? next.shipmentModifiedAt), next.shipmentModifiedAt, now);
    ctx.result.drifted++;
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
