import type { EntityManager } from '@mikro-orm/postgresql';
import type { Clock } from '../common/clock.js';
import type { Integration } from '../integrations/integration.entity.js';
import { LedgerShipment } from '../ledger/ledger-shipment.entity.js';
import type { ShipmentLedger } from '../ledger/shipment-ledger.js';
import { ShipmentState } from '../ledger/shipment-state.js';
import type { CartonCloudClient } from '../providers/cartoncloud/cartoncloud.client.js';
import { byCustomerReferences } from '../providers/cartoncloud/cartoncloud.conditions.js';
import { dispatchedAtOf } from './fulfilment-discovery.js';

/** References per search: one OrCondition of this many `/references/customer` comparisons. */
export const SWEEP_REFERENCES_PER_SEARCH = 50;
/**
 * How often the open orders are read back even while the dispatched-order search works: a dispatch the
 * search cannot see (dispatched "manually / on a date" before the cursor, or a comparison that silently
 * matches nothing — reference Round 2) is still found within this time. Costs ⌈open / 50⌉ searches.
 */
export const SAFETY_SWEEP_EVERY_MS = 6 * 3_600_000;
/** Open orders read per pass at most (= at most 40 searches); the rest are read on the next passes, in turn. */
export const SWEEP_MAX_ROWS_PER_PASS = 2_000;

export interface SweepResult {
  newlyDispatched: number;
  /** open (CREATED) rows looked at this pass */
  checked: number;
  searches: number;
}

/**
 * Discovery without the dispatched-order search, for when CartonCloud refuses it (the undocumented
 * `/status` pointer, or DateTime comparisons — reference Round 2): the integration's own created,
 * not-yet-dispatched sale orders are read back through documented pointers only — `/customer/id` plus an
 * OrCondition of `/references/customer` comparisons, 50 references per search, 100 orders a page — and
 * those CartonCloud shows DISPATCHED are recorded (CREATED → DISPATCHED). Orders are matched by their id,
 * never by reference alone (another integration may use the same reference). Bounded: at most
 * `SWEEP_MAX_ROWS_PER_PASS` rows a pass, taken in turn (`resumeAfter`, the last row id read), so
 * ⌈open rows / 50⌉ searches cover every open order. The cursor is not moved.
 */
export async function sweepCreatedOrders(
  pages: EntityManager,
  deps: { cartonCloud: CartonCloudClient; ledger: ShipmentLedger; clock: Clock },
  integration: Pick<Integration, 'id'>,
  cartonCloudCustomerId: string,
  turn: { resumeAfter: string | null },
  maxRows = SWEEP_MAX_ROWS_PER_PASS,
): Promise<SweepResult> {
  const em = pages.fork();
  const open = { integration: integration.id, state: ShipmentState.CREATED, cartonCloudOrderId: { $ne: null } };
  let rows = await em.find(LedgerShipment, turn.resumeAfter ? { ...open, id: { $gt: turn.resumeAfter } } : open, {
    fields: ['id', 'cartonCloudOrderId', 'customerReference'],
    orderBy: { id: 'asc' },
    limit: maxRows,
  });
  if (rows.length === 0 && turn.resumeAfter) {
    // the turn came round: start again from the first open row
    rows = await em.find(LedgerShipment, open, { fields: ['id', 'cartonCloudOrderId', 'customerReference'], orderBy: { id: 'asc' }, limit: maxRows });
  }
  turn.resumeAfter = rows.length === maxRows ? rows.at(-1)!.id : null;

  let newlyDispatched = 0;
  let searches = 0;
  for (let start = 0; start < rows.length; start += SWEEP_REFERENCES_PER_SEARCH) {
    const chunk = rows.slice(start, start + SWEEP_REFERENCES_PER_SEARCH);
    const byOrderId = new Map(chunk.map((row) => [row.cartonCloudOrderId!, row]));
    const references = [...new Set(chunk.map((row) => row.customerReference))];
    for await (const page of deps.cartonCloud.searchAllSaleOrders(byCustomerReferences(references, cartonCloudCustomerId), 100)) {
      searches += 1;
      for (const order of page.items) {
        const row = byOrderId.get(order.id);
        if (!row || order.status !== 'DISPATCHED') continue;
        byOrderId.delete(order.id);
        if (await deps.ledger.recordDispatch(em, row.id, { cartonCloudStatus: order.status, dispatchedAt: dispatchedAtOf(order) }, deps.clock.now())) newlyDispatched += 1;
      }
    }
  }
  return { newlyDispatched, checked: rows.length, searches };
}
