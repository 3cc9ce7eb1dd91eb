import type { CartonCloudClient, FulfilmentInfo } from '../providers/cartoncloud/cartoncloud.client.js';
import { actionFor, failureMessage, ProviderError } from '../providers/shared/provider-error.js';
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
  withoutStatusChange,
  type DispatchWrite,
  type WrittenBack,
} from './dispatch-write.js';
import type { CarrierLookup } from './shipping-companies.js';

/** What became of one shipment's write-back. */
export type WriteOutcome =
  /**
   * the shipment now carries `write` (`puts` = PUTs sent: 0 when it already did, 2 after an Order
   * Management refusal or a refused status change — then `write.statusRefused` says why)
   */
  | { kind: 'written'; write: WrittenBack; puts: number }
  /** the Unleashed shipment is gone (404, or its order was deleted) */
  | { kind: 'deleted' };

/** Whether this pass may read consignments: once CartonCloud refuses for want of a role, the pass reads none. */
export class ConsignmentAccess {
  /** CartonCloud's refusal (the API client lacks "TMS View Jobs"); null while none */
  refused: string | null = null;
  /** a consignment search succeeded this pass */
  worked = false;
}

export interface WriterContext {
  unleashed: UnleashedClient;
  cartonCloud: CartonCloudClient;
  timeZone: string;
  /** the integration's current knowledge; re-read for every shipment */
  orderManagement: () => boolean | null;
  /** called once per learning: false from the refusal, true from the first accepted status change */
  learnOrderManagement: (on: boolean) => Promise<void>;
  /** the account's shipping companies, for the carrier */
  carriers: CarrierLookup;
  consignments: ConsignmentAccess;
}

/**
 * Step 1 of a shipment's write-back: the Warehouse Fulfilment consignment generated from its sale order
 * ("Consignments > Search Consignments" by `/generatedFromTask/id`, reference §4): carrier, tracking
 * number, packages. Null while CartonCloud has not generated it (the watch picks it up later) — and when
 * the API client lacks the role to read consignments: the status and date are written without them.
 */
export async function readConsignment(context: Pick<WriterContext, 'cartonCloud' | 'consignments'>, row: LedgerShipment): Promise<FulfilmentInfo | null> {
  if (context.consignments.refused) return null;
  try {
    const found = await context.cartonCloud.findFulfilmentConsignment(row.cartonCloudOrderId!);
    context.consignments.worked = true;
    return found;
  } catch (error) {
    if (error instanceof ProviderError && actionFor(error) === 'role-missing') {
      context.consignments.refused = error.message;
      return null;
    }
    throw error;
  }
}

/** What the shipment should now carry, given the consignment just read (and a status change Unleashed refused before). */
export function desiredFor(row: LedgerShipment, consignment: FulfilmentInfo | null, context: Pick<WriterContext, 'timeZone' | 'orderManagement'>): DispatchWrite {
  return desiredWrite({
    dispatchedAt: row.dispatchedAt ?? row.updatedAt,
    timeZone: context.timeZone,
    consignment,
    orderManagement: context.orderManagement(),
    statusRefused: readWrittenBack(row.writtenBack)?.statusRefused,
  });
}

/** True when the last recorded write already covers `desired` (no Unleashed call needed). */
export function nothingNew(row: LedgerShipment, desired: DispatchWrite, timeZone: string): boolean {
  const previous = readWrittenBack(row.writtenBack);
  return previous !== null && previous.timeZone === timeZone && coveredBy(desired, previous);
}

/**
 * Step 2: the Unleashed sales shipment ("SalesShipments", GET with `serialBatch=true` then PUT of the whole
 * object — there is no partial update, and a blank field overwrites). Only the fields the write-back owns
 * change (status, dispatch date, packages, carrier, tracking); lines with their batch and serial numbers,
 * comments and every field the client does not model go back exactly as read. The carrier is written as
 * the account's shipping company of that name (looked up before the GET, so the GET → PUT stays
 * immediate), or left as it is when the account has none.
 *
 * At most 2 calls; a third when Unleashed refuses the status change: because Order Management is off
 * (learnt once per integration, the status is never sent again) or for this shipment (e.g. batch
 * quantities) — then what it accepts is written without the status, and the refusal is kept.
 */
export async function writeDispatch(row: LedgerShipment, desired: DispatchWrite, context: WriterContext): Promise<WriteOutcome> {
  const shipmentGuid = linkedShipmentGuid(row);
  const shippingCompany = desired.carrier ? await context.carriers.match(desired.carrier) : undefined;
  let shipment: UnleashedSalesShipment;
  try {
    shipment = await context.unleashed.getSalesShipment(shipmentGuid, { serialBatch: true });
  } catch (error) {
    if (error instanceof ProviderError && actionFor(error) === 'record-gone') return { kind: 'deleted' };
    throw error;
  }
  if (shipment.ShipmentStatus.toLowerCase() === 'deleted') return { kind: 'deleted' };

  let write = desired;
  // a person completed the shipment by hand after Unleashed refused our status change: nothing is refused any more
  if (write.statusRefused && shipment.ShipmentStatus === 'Dispatched') write = withStatus(write);
  let puts = 0;
  for (;;) {
    const changes = shipmentChanges(write, context.timeZone, shippingCompany);
    const written: WrittenBack = { ...write, timeZone: context.timeZone, ...(write.carrier ? { shippingCompany: shippingCompany ?? null } : {}) };
    if (alreadyApplied(shipment, changes)) {
      if (write.carrier) context.carriers.written(write.carrier, shippingCompany);
      return { kind: 'written', write: written, puts };
    }
    try {
      puts += 1;
      await context.unleashed.updateSalesShipment(shipmentGuid, { ...shipment, ...changes });
    } catch (error) {
      if (error instanceof ProviderError && actionFor(error) === 'record-gone') return { kind: 'deleted' };
      const statusChange = write.shipmentStatus !== undefined && shipment.ShipmentStatus !== write.shipmentStatus;
      if (!statusChange || !(error instanceof ProviderError) || actionFor(error) !== 'fail-record') throw error;
      if (isOrderManagementRefusal(error.message)) {
        await context.learnOrderManagement(false);
        write = withoutStatus(write);
      } else {
        // refused for this shipment (batch or serial numbers, …): write what Unleashed accepts, and say why
        write = withoutStatusChange(write, failureMessage(error));
      }
      continue;
    }
    if (write.shipmentStatus && shipment.ShipmentStatus !== write.shipmentStatus && context.orderManagement() === null) {
      await context.learnOrderManagement(true);
    }
    if (write.carrier) context.carriers.written(write.carrier, shippingCompany);
    return { kind: 'written', write: written, puts };
  }
}

function withStatus(write: DispatchWrite): DispatchWrite {
  const { statusRefused: _resolved, ...rest } = write;
  return { ...rest, shipmentStatus: 'Dispatched' };
}
