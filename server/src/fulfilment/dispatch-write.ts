import type { FulfilmentInfo } from '../providers/cartoncloud/cartoncloud.client.js';
import type { SalesShipmentChanges } from '../providers/unleashed/unleashed.client.js';
import { calendarDateToInstant, instantToCalendarDate } from '../providers/unleashed/unleashed.dates.js';
import { shippingCompanyName, type UnleashedSalesShipment } from '../providers/unleashed/unleashed.schemas.js';

/**
 * What one dispatch should look like on the Unleashed sales shipment, and what was written
 * (kept in `LedgerShipment.writtenBack`). Pure: no clock, no I/O.
 *
 * A field that is `undefined` is not ours to write (Order Management off: status, carrier and tracking
 * are left alone); a `null` value is unknown (no Warehouse Fulfilment consignment yet) and is not
 * written either — Conveyor never clears a field in Unleashed.
 */
export interface DispatchWrite {
  shipmentStatus?: 'Dispatched';
  /** calendar date (`YYYY-MM-DD`) in the Unleashed account's time zone */
  dispatchDate: string;
  packages: number | null;
  carrier?: string | null;
  trackingNumber?: string | null;
}

/** `writtenBack` as stored: the write plus the time zone its date was computed in. */
export interface WrittenBack extends DispatchWrite {
  timeZone: string;
}

export interface DesiredWriteInput {
  dispatchedAt: Date;
  timeZone: string;
  /** null until the Warehouse Fulfilment exists */
  consignment: Pick<FulfilmentInfo, 'carrier' | 'trackingNumber' | 'packages'> | null;
  /** false: the account cannot change shipment statuses (nor, by the contract, do we write carrier/tracking) */
  orderManagement: boolean | null;
}

/** The values the shipment should carry for this dispatch. */
export function desiredWrite(input: DesiredWriteInput): DispatchWrite {
  const dispatchDate = instantToCalendarDate(input.dispatchedAt, input.timeZone);
  const packages = input.consignment && input.consignment.packages > 0 ? input.consignment.packages : null;
  if (input.orderManagement === false) return { dispatchDate, packages };
  return {
    shipmentStatus: 'Dispatched',
    dispatchDate,
    packages,
    carrier: blankToNull(input.consignment?.carrier),
    trackingNumber: blankToNull(input.consignment?.trackingNumber),
  };
}

/** Order Management turned out to be off: the same write without what the account refuses. */
export function withoutStatus(write: DispatchWrite): DispatchWrite {
  return { dispatchDate: write.dispatchDate, packages: write.packages };
}

/**
 * True when `next` holds nothing that `previous` did not already write: no write is needed. Unknown
 * (null) values in `next` never cause a write; a value that appeared or changed does.
 */
export function coveredBy(next: DispatchWrite, previous: DispatchWrite | null): boolean {
  if (!previous) return false;
  if (next.shipmentStatus && previous.shipmentStatus !== next.shipmentStatus) return false;
  if (next.dispatchDate !== previous.dispatchDate) return false;
  for (const field of ['packages', 'carrier', 'trackingNumber'] as const) {
    const value = next[field];
    if (value !== undefined && value !== null && previous[field] !== value) return false;
  }
  return true;
}

/** The fields to put on the shipment (the PUT carries the rest as read). */
export function shipmentChanges(
  write: DispatchWrite,
  timeZone: string,
  current: Pick<UnleashedSalesShipment, 'ShippingCompany'>,
): SalesShipmentChanges {
  // DispatchDate is date-only: local midnight of the calendar date in the account's zone (unleashed.dates.ts)
  const changes: SalesShipmentChanges = { DispatchDate: calendarDateToInstant(write.dispatchDate, timeZone) };
  if (write.shipmentStatus) changes.ShipmentStatus = write.shipmentStatus;
  if (write.packages !== null) changes.NumberOfPackages = write.packages;
  if (write.trackingNumber) changes.TrackingNumber = write.trackingNumber;
  if (write.carrier) {
    // keep the shape the account uses: an object where it answered with one, else the name
    const shape = current.ShippingCompany;
    changes.ShippingCompany = shape !== null && typeof shape === 'object' ? { Guid: null, ShippingCompanyName: write.carrier } : write.carrier;
  }
  return changes;
}

/** True when the shipment as read already carries every change (a write that happened but was not recorded). */
export function alreadyApplied(shipment: UnleashedSalesShipment, changes: SalesShipmentChanges): boolean {
  if (changes.ShipmentStatus !== undefined && shipment.ShipmentStatus !== changes.ShipmentStatus) return false;
  if (changes.DispatchDate && shipment.DispatchDate?.getTime() !== changes.DispatchDate.getTime()) return false;
  if (changes.NumberOfPackages !== undefined && shipment.NumberOfPackages !== changes.NumberOfPackages) return false;
  if (changes.TrackingNumber !== undefined && shipment.TrackingNumber !== changes.TrackingNumber) return false;
  if (changes.ShippingCompany !== undefined && shippingCompanyName(shipment.ShippingCompany) !== shippingCompanyName(changes.ShippingCompany)) return false;
  return true;
}

/** Reads `writtenBack` back (null when absent or from an older shape). */
export function readWrittenBack(value: Record<string, unknown> | null): WrittenBack | null {
  if (!value || typeof value.dispatchDate !== 'string' || typeof value.timeZone !== 'string') return null;
  return value as unknown as WrittenBack;
}

/** Unleashed answers a status change with this when the account has Order Management off. */
export function isOrderManagementRefusal(message: string): boolean {
  return /order management/i.test(message);
}

export const deletedInUnleashedMessage = (shipmentNumber: string) =>
  `Sales shipment ${shipmentNumber} no longer exists in Unleashed (deleted there), so its dispatch was not written back. It will not be retried.`;

/** Delay before retry number `attempts + 1` of a failed write: 1 min doubling, at most 6 h. */
export function retryDelayMs(attempts: number, baseMs = 60_000, maxMs = 6 * 3_600_000): number {
  return Math.min(maxMs, baseMs * 2 ** Math.max(0, attempts - 1));
}

function blankToNull(value: string | null | undefined): string | null {
  const trimmed = value?.trim();
  return trimmed ? trimmed : null;
}
