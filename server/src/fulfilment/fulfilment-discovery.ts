import type { EntityManager } from '@mikro-orm/postgresql';
import type { Clock } from '../common/clock.js';
import type { Integration } from '../integrations/integration.entity.js';
import type { CartonCloudClient } from '../providers/cartoncloud/cartoncloud.client.js';
import { and, dateTime, text, type GroupCondition } from '../providers/cartoncloud/cartoncloud.conditions.js';
import type { SaleOrder } from '../providers/cartoncloud/cartoncloud.schemas.js';
import type { ShipmentLedger } from '../ledger/shipment-ledger.js';
import { ShipmentState } from '../ledger/shipment-state.js';
import { LedgerShipment } from '../ledger/ledger-shipment.entity.js';

/** How far before the cursor each search starts, for dispatches CartonCloud indexes late. */
export const DISCOVERY_OVERLAP_MS = 10 * 60_000;
/** Orders per search page. */
export const DISCOVERY_PAGE_SIZE = 100;

export interface DiscoveryResult {
  /** rows moved CREATED → DISPATCHED by this search */
  newlyDispatched: number;
  /** the watermark to store: every dispatch at or before it is recorded in the ledger */
  cursor: Date | null;
  searchPages: number;
}

/**
 * "Search Outbound Orders" (reference §3.3, §4 "Polling"): this customer's orders in status DISPATCHED
 * whose dispatch time is at or after `since`. One paged search, not one call per order.
 */
export function dispatchedOrdersCondition(cartonCloudCustomerId: string, since: Date): GroupCondition {
  return and(
    text('/customer/id', 'EQUAL_TO', cartonCloudCustomerId),
    text('/status', 'EQUAL_TO', 'DISPATCHED'),
    dateTime('/timestamps/dispatched/time', 'GREATER_THAN_OR_EQUAL_TO', since.toISOString()),
  );
}

/** Where a search starts: the cursor minus the overlap; before the first pass, the integration's activation. */
export function searchStart(integration: Pick<Integration, 'fulfilmentCursor' | 'activatedAt' | 'createdAt'>): Date {
  const from = integration.fulfilmentCursor ?? integration.activatedAt ?? integration.createdAt;
  return new Date(from.getTime() - DISCOVERY_OVERLAP_MS);
}

export function dispatchedAtOf(order: SaleOrder): Date | null {
  const raw = order.timestamps.dispatched?.time;
  if (!raw) return null;
  const ms = Date.parse(raw);
  return Number.isFinite(ms) ? new Date(ms) : null;
}

/**
 * Finds this integration's sale orders that CartonCloud dispatched since its cursor and records each
 * in the ledger (CREATED → DISPATCHED with the dispatch time, through ShipmentLedger), page by page. Only rows this integration
 * created are touched (matched by `cartonCloudOrderId` within the integration); other orders of the same
 * customer are ignored. Once recorded, a dispatch is durable: the write-back reads DISPATCHED rows, so the
 * cursor may pass it even if the write has not happened yet.
 */
export async function discoverDispatches(
  pages: EntityManager,
  deps: { cartonCloud: CartonCloudClient; ledger: ShipmentLedger; clock: Clock },
  integration: Integration,
  cartonCloudCustomerId: string,
): Promise<DiscoveryResult> {
  const { cartonCloud, ledger, clock } = deps;
  const since = searchStart(integration);
  let newest: Date | null = integration.fulfilmentCursor;
  /** a dispatch whose ledger row does not know its CartonCloud id yet (create still being confirmed): hold the cursor before it */
  let holdBefore: Date | null = null;
  let newlyDispatched = 0;
  let searchPages = 0;

  for await (const page of cartonCloud.searchAllSaleOrders(dispatchedOrdersCondition(cartonCloudCustomerId, since), DISCOVERY_PAGE_SIZE)) {
    searchPages += 1;
    if (page.items.length === 0) break;
    const em = pages.fork(); // one EntityManager per page: its identity map holds only that page's rows
    const byId = new Map(page.items.map((order) => [order.id, order]));
    const rows = await em.find(LedgerShipment, { integration: integration.id, cartonCloudOrderId: { $in: [...byId.keys()] } });
    const known = new Set(rows.map((row) => row.cartonCloudOrderId));
    for (const row of rows) {
      const order = byId.get(row.cartonCloudOrderId!)!;
      if (row.state !== ShipmentState.CREATED) continue; // already DISPATCHED / FULFILLED, or not ours to write
      if (await ledger.recordDispatch(em, row.id, { cartonCloudStatus: order.status, dispatchedAt: dispatchedAtOf(order) }, clock.now())) newlyDispatched += 1;
    }
    const unknown = page.items.filter((order) => !known.has(order.id));
    if (unknown.length > 0) {
      const pending = await em.find(
        LedgerShipment,
        { integration: integration.id, cartonCloudOrderId: null, customerReference: { $in: unknown.map((o) => o.references.customer) } },
        { fields: ['customerReference'] },
      );
      const waiting = new Set(pending.map((row) => row.customerReference));
      for (const order of unknown) {
        const at = dispatchedAtOf(order);
        if (at && waiting.has(order.references.customer) && (!holdBefore || at < holdBefore)) holdBefore = at;
      }
    }
    for (const order of page.items) {
      const at = dispatchedAtOf(order);
      if (at && (!newest || at > newest)) newest = at;
    }
  }

  let cursor = newest;
  if (holdBefore && cursor && holdBefore <= cursor) cursor = new Date(Math.max(holdBefore.getTime() - 1, integration.fulfilmentCursor?.getTime() ?? 0));
  return { newlyDispatched, cursor, searchPages };
}
