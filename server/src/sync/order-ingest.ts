import type { EntityManager } from '@mikro-orm/postgresql';
import type { OrderScanPosition } from '../integrations/integration.entity.js';
import type { ShipmentLedger } from '../ledger/shipment-ledger.js';
import type { UnleashedClient } from '../providers/unleashed/unleashed.client.js';
import { modifiedSinceWithOverlap } from '../providers/unleashed/unleashed.client.js';
import type { UnleashedSalesOrder, UnleashedSalesShipment } from '../providers/unleashed/unleashed.schemas.js';
import { actionFor, ProviderError } from '../providers/shared/provider-error.js';
import { OrderIndex, placeOrder, placeShipment, reconcile, RowIndex, type PlacementContext, type PlacementCounts } from './order-placement.js';

/**
 * Reads one integration's orders from Unleashed into the ledger (no CartonCloud call), in one of two walks.
 *
 * **The open orders** (the first poll: no cursor yet). A real account has years of history; only its Placed
 * orders are open. So: the Placed orders (`orderStatus=Placed`, every page), and the shipments of each one
 * that has no ledger row yet (`orderNumber=…`, one call each). Nothing older is read. Cost: ⌈P / pageSize⌉
 * + P calls for P open orders, whatever the history. Every order handled leaves a row (its shipments', or
 * one for the whole order), so a failure resumes with the orders not yet handled; the cursor becomes the
 * instant the walk began.
 *
 * **A window** (every later poll): the Placed and Deleted orders modified since the cursor minus an
 * overlap (every page: bounded by the open and deleted orders changed in it), then the shipments modified
 * in it, page by page. After each shipment page its position is saved (`orderScan`): a failure, or a poll
 * that used its call budget, resumes at the next page, never from the start. (Unleashed lists shipments
 * newest first and offers no upper bound on `modifiedSince`, so a page number within a fixed window is the
 * only position that holds; changes during the walk only push items to later pages — read twice, never
 * missed.) After the last page, Placed orders of the window without any row have their shipments read (one
 * call each: an order placed, or moved from Parked, without its shipments changing). Then the cursor becomes
 * the newest LastModifiedOn seen by the poll that began the window. An idle window is exactly two calls.
 *
 * Memory: one page of shipments, the window's orders, and the rows of one page (ids passed as arrays).
 */
export const OVERLAP_MS = 5 * 60_000;

export interface IngestResult extends PlacementCounts {
  /** the walk is done and `newCursor` may be stored; false: it continues next poll from the saved position */
  complete: boolean;
  newCursor: Date | null;
}

export interface IngestInput {
  em: EntityManager;
  client: UnleashedClient;
  ledger: ShipmentLedger;
  integrationId: string;
  cursor: Date | null;
  /** where an unfinished walk stands (null: none) */
  scan: OrderScanPosition | null;
  sendOrdersWithoutShipment: boolean;
  runId: string;
  now: Date;
  pageSize?: number;
  /** Unleashed calls one poll may make before leaving the rest of the walk to the next poll */
  callBudget: number;
  /** stores the walk's position (null: the walk is over) */
  savePosition(position: OrderScanPosition | null): Promise<void>;
  /** called after every Unleashed page of the walk (a progress observer: tests weigh the heap or inject a fault mid-walk) */
  afterPage?(): Promise<void>;
}

export async function ingestWindow(input: IngestInput): Promise<IngestResult> {
  const { counts, ctx } = placementContext(input);
  const walk = input.cursor === null || input.scan?.kind === 'open-orders' ? walkOpenOrders : walkWindow;
  // the walk first: spreading `counts` before it ran would copy its numbers as they were (all 0)
  const outcome = await walk(input, ctx);
  return { ...counts, ...outcome };
}

type WalkOutcome = Pick<IngestResult, 'complete' | 'newCursor'>;

async function walkOpenOrders(input: IngestInput, ctx: PlacementContext): Promise<WalkOutcome> {
  const position: OrderScanPosition =
    input.scan?.kind === 'open-orders' ? input.scan : { kind: 'open-orders', since: input.now.toISOString(), nextPage: 1, newest: null };
  // when the walk began is its cursor: remembered, so a resumed walk still covers what changed meanwhile
  if (input.scan !== position) await input.savePosition(position);
  for await (const page of input.client.salesOrderPages({ statuses: ['Placed'], pageSize: input.pageSize })) {
    ctx.result.unleashedCalls++;
    await input.afterPage?.();
    const rows = new RowIndex(await ctx.ledger.known(ctx.em, ctx.integrationId, keysOf(page.items, [])));
    for (const order of page.items) {
      const known = rows.ofOrder(order);
      if (known.length > 0) {
        for (const row of known) await reconcile(ctx, row, order, null);
        continue;
      }
      if (ctx.result.unleashedCalls >= input.callBudget) return { complete: false, newCursor: null };
      await placeOrder(ctx, order, await shipmentsOf(input, ctx, order));
    }
  }
  await input.savePosition(null);
  return { complete: true, newCursor: new Date(position.since) };
}

async function walkWindow(input: IngestInput, ctx: PlacementContext): Promise<WalkOutcome> {
  const resumed = input.scan?.kind === 'window' ? input.scan : null;
  const since = resumed ? new Date(resumed.since) : modifiedSinceWithOverlap(input.cursor, OVERLAP_MS)!;
  let newest: Date | null = resumed?.newest ? new Date(resumed.newest) : input.cursor;
  const seen = (date: Date | null) => {
    // only the poll that begins the window moves the cursor: later polls read pages after changes they skipped
    if (!resumed && date && (!newest || date > newest)) newest = date;
  };

  const orders = new OrderIndex();
  for await (const page of input.client.salesOrderPages({ statuses: ['Placed', 'Deleted'], modifiedSince: since, pageSize: input.pageSize })) {
    ctx.result.unleashedCalls++;
    await input.afterPage?.();
    for (const order of page.items) {
      orders.add(order);
      seen(order.LastModifiedOn);
    }
  }

  const position: OrderScanPosition = { kind: 'window', since: since.toISOString(), nextPage: resumed?.nextPage ?? 1, newest: null };
  for await (const page of input.client.salesShipmentPages({ modifiedSince: since, pageSize: input.pageSize, fromPage: position.nextPage })) {
    ctx.result.unleashedCalls++;
    await input.afterPage?.();
    for (const shipment of page.items) seen(shipment.LastModifiedOn);
    const rows = new RowIndex(await ctx.ledger.known(ctx.em, ctx.integrationId, keysOf([], page.items)));
    for (const shipment of page.items) await placeShipment(ctx, shipment, orders, rows);
    if (page.pageNumber >= page.numberOfPages) break;
    position.nextPage = page.pageNumber + 1;
    position.newest = newest?.toISOString() ?? null;
    await input.savePosition(position);
    if (ctx.result.unleashedCalls >= input.callBudget) return { complete: false, newCursor: null };
  }

  // Placed orders of the window: a row's snapshot refreshed (or drift); without any row, their shipments read
  const placed = orders.all;
  const rows = new RowIndex(await ctx.ledger.known(ctx.em, ctx.integrationId, keysOf(placed, [])));
  for (const order of placed) {
    const known = rows.ofOrder(order);
    if (known.length > 0) {
      for (const row of known) await reconcile(ctx, row, order, null);
    } else if (order.OrderStatus === 'Placed') {
      await placeOrder(ctx, order, await shipmentsOf(input, ctx, order));
    }
  }
  await input.savePosition(null);
  return { complete: true, newCursor: newest };
}

/** Waits before reading again an order a webhook announced that Unleashed does not show yet (reference §8: a GET right after a webhook may 404 briefly). */
export const HINTED_ORDER_RETRY_MS = [500, 1_500, 4_000];

/**
 * One order a webhook announced (its Guid), read with its shipments and placed exactly as a window's
 * order is: shipments through `placeShipment`, then the order's own row(s) reconciled or, with none, the
 * order placed. No cursor moves. A 404 is read again a few times (the order may not be visible yet); an
 * order still missing is left to the poll. Cost: 2 calls (the order, its shipments).
 */
export async function ingestOrder(input: Omit<IngestInput, 'cursor' | 'scan' | 'callBudget' | 'savePosition'> & { orderGuid: string; sleep?: (ms: number) => Promise<void> }): Promise<IngestResult> {
  const { counts, ctx } = placementContext(input);
  const sleep = input.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  let order: UnleashedSalesOrder | null = null;
  for (let attempt = 0; order === null; attempt++) {
    try {
      counts.unleashedCalls++;
      order = await input.client.getSalesOrder(input.orderGuid);
    } catch (error) {
      const wait = HINTED_ORDER_RETRY_MS[attempt];
      if (!(error instanceof ProviderError) || actionFor(error) !== 'record-gone') throw error;
      if (wait === undefined) return { ...counts, complete: false, newCursor: null };
      await sleep(wait);
    }
  }
  const shipments = await shipmentsOf(input, ctx, order);
  const orders = new OrderIndex();
  orders.add(order);
  const shipmentRows = new RowIndex(await ctx.ledger.known(ctx.em, ctx.integrationId, keysOf([order], shipments)));
  for (const shipment of shipments) await placeShipment(ctx, shipment, orders, shipmentRows);
  const rows = new RowIndex(await ctx.ledger.known(ctx.em, ctx.integrationId, keysOf([order], shipments)));
  const known = rows.ofOrder(order);
  if (known.length > 0) {
    for (const row of known) await reconcile(ctx, row, order, null);
  } else if (order.OrderStatus === 'Placed') {
    await placeOrder(ctx, order, shipments);
  }
  return { ...counts, complete: true, newCursor: null };
}

/** Every shipment of one order (`orderNumber` overrides every other filter). */
async function shipmentsOf(input: Pick<IngestInput, 'client' | 'pageSize' | 'afterPage'>, ctx: PlacementContext, order: UnleashedSalesOrder): Promise<UnleashedSalesShipment[]> {
  const shipments: UnleashedSalesShipment[] = [];
  for await (const page of input.client.salesShipmentPages({ orderNumber: order.OrderNumber, pageSize: input.pageSize })) {
    ctx.result.unleashedCalls++;
    await input.afterPage?.();
    shipments.push(...page.items.filter((shipment) => shipment.OrderNumber === order.OrderNumber));
  }
  return shipments;
}

/** The ledger lookup keys of some orders and shipments: shipment Guids, order Guids and order numbers. */
function keysOf(orders: UnleashedSalesOrder[], shipments: UnleashedSalesShipment[]) {
  return {
    shipmentGuids: shipments.map((s) => s.Guid),
    orderGuids: [...orders.map((o) => o.Guid), ...shipments.map((s) => s.OrderGuid).filter((guid): guid is string => !!guid)],
    orderNumbers: [...orders.map((o) => o.OrderNumber), ...shipments.map((s) => s.OrderNumber)],
  };
}

/** A fresh placement context (and its counts) for one ingest, from the poll's or the hint's input. */
function placementContext(input: Omit<IngestInput, 'cursor' | 'scan' | 'callBudget' | 'savePosition'>): { counts: PlacementCounts; ctx: PlacementContext } {
  const counts: PlacementCounts = { queued: 0, awaiting: 0, linked: 0, skipped: [], drifted: 0, unleashedCalls: 0 };
  const ctx: PlacementContext = {
    em: input.em,
    client: input.client,
    ledger: input.ledger,
    integrationId: input.integrationId,
    runId: input.runId,
    now: input.now,
    sendOrdersWithoutShipment: input.sendOrdersWithoutShipment,
    pageSize: input.pageSize,
    result: counts,
    fetched: new Map(),
  };
  return { counts, ctx };
}
