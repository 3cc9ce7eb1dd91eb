import type { CartonCloudClient, FulfilmentInfo } from '../providers/cartoncloud/cartoncloud.client.js';
import { actionFor, ProviderError } from '../providers/shared/provider-error.js';
import type { UnleashedClient } from '../providers/unleashed/unleashed.client.js';
import type { UnleashedSalesShipment } from '../providers/unleashed/unleashed.schemas.js';
import { linkedShipmentGuid, type LedgerShipment } from '../ledger/ledger-shipment.entity.js';
import {
  alreadyApplied,
  coveredBy,
  desiredWrite,
  isOrderManagementRefusal,
  readWrittenBack,
  shipmentChanges,
  withoutStatus,
  type DispatchWrite,
  type WrittenBack,
} from './dispatch-write.js';

/** What became of one shipment's write-back. */
export type WriteOutcome =
  /** the shipment now carries `write` (`puts` = PUTs sent: 0 when it already did, 2 after an Order Management refusal) */
  | { kind: 'written'; write: WrittenBack; puts: number }
  /** the Unleashed shipment is gone (404, or its order was deleted) */
  | { kind: 'deleted' };

export interface WriterContext {
  unleashed: UnleashedClient;
  cartonCloud: CartonCloudClient;
  timeZone: string;
  /** the integration's current knowledge; re-read for every shipment */
  orderManagement: () => boolean | null;
  /** called once per learning: false from the refusal, true from the first accepted status change */
  learnOrderManagement: (on: boolean) => Promise<void>;
}

/**
 * Step 1 of a shipment's write-back: the Warehouse Fulfilment consignment generated from its sale order
 * ("Consignments > Search Consignments" by `/generatedFromTask/id`, reference §4): carrier, tracking
 * number, packages. Null while CartonCloud has not generated it; the watch picks it up later.
 */
export async function readConsignment(cartonCloud: CartonCloudClient, row: LedgerShipment): Promise<FulfilmentInfo | null> {
  return cartonCloud.findFulfilmentConsignment(row.cartonCloudOrderId!);
}

/** What the shipment should now carry, given the consignment just read. */
export function desiredFor(row: LedgerShipment, consignment: FulfilmentInfo | null, context: Pick<WriterContext, 'timeZone' | 'orderManagement'>): DispatchWrite {
  return desiredWrite({
    dispatchedAt: row.dispatchedAt ?? row.updatedAt,
    timeZone: context.timeZone,
    consignment,
    orderManagement: context.orderManagement(),
  });
}

/** True when the last recorded write already covers `desired` (no Unleashed call needed). */
export function nothingNew(row: LedgerShipment, desired: DispatchWrite, timeZone: string): boolean {
  const previous = readWrittenBack(row.writtenBack);
  return previous !== null && previous.timeZone === timeZone && coveredBy(desired, previous);
}

/**
 * Step 2: the Unleashed sales shipment ("SalesShipments", GET then PUT of the whole object — there is no
 * partial update). At most 2 calls; a third only the one time Unleashed refuses the status change
 * because Order Management is off, after which the status is never sent again for this integration.
 * A shipment already carrying every value (the write happened but was not recorded) gets no PUT.
 */
export async function writeDispatch(row: LedgerShipment, desired: DispatchWrite, context: WriterContext): Promise<WriteOutcome> {
  const shipmentGuid = linkedShipmentGuid(row);
  let shipment: UnleashedSalesShipment;
  try {
    shipment = await context.unleashed.getSalesShipment(shipmentGuid);
  } catch (error) {
    if (error instanceof ProviderError && actionFor(error) === 'record-gone') return { kind: 'deleted' };
    throw error;
  }
  if (shipment.ShipmentStatus.toLowerCase() === 'deleted') return { kind: 'deleted' };

  let write = desired;
  let puts = 0;
  for (;;) {
    const changes = shipmentChanges(write, context.timeZone, shipment);
    if (alreadyApplied(shipment, changes)) return { kind: 'written', write: { ...write, timeZone: context.timeZone }, puts };
    try {
      puts += 1;
      await context.unleashed.updateSalesShipment(shipmentGuid, { ...shipment, ...changes });
    } catch (error) {
      if (error instanceof ProviderError && actionFor(error) === 'record-gone') return { kind: 'deleted' };
      if (write.shipmentStatus && error instanceof ProviderError && actionFor(error) === 'fail-record' && isOrderManagementRefusal(error.message)) {
        await context.learnOrderManagement(false);
        write = withoutStatus(write);
        continue;
      }
      throw error;
    }
    if (write.shipmentStatus && shipment.ShipmentStatus !== write.shipmentStatus && context.orderManagement() === null) {
      await context.learnOrderManagement(true);
    }
    return { kind: 'written', write: { ...write, timeZone: context.timeZone }, puts };
  }
}
