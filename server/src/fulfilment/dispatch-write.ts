import type { FulfilmentInfo } from '../providers/cartoncloud/cartoncloud.client.js';
import type { SalesShipmentChanges, ShippingCompanyRef } from '../providers/unleashed/unleashed.client.js';
import { calendarDateToInstant, instantToCalendarDate } from '../providers/unleashed/unleashed.dates.js';
import { shippingCompanyName, type UnleashedSalesShipment, type UnleashedShippingCompany } from '../providers/unleashed/unleashed.schemas.js';

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
  /** CartonCloud's carrier name; written as the account's shipping company of that name, if it has one */
  carrier?: string | null;
  trackingNumber?: string | null;
  /**
   * Unleashed refused to mark the shipment Dispatched (its words, e.g. batch quantities): what it accepts
   * was written without the status, and later writes leave the status alone.
   */
  statusRefused?: string;
}

/** `writtenBack` as stored: the write plus the time zone its date was computed in. */
export interface WrittenBack extends DispatchWrite {
  timeZone: string;
  /** the shipping company the carrier was written as; null: the account has none of that name (carrier not written) */
  shippingCompany?: ShippingCompanyRef | null;
}

export interface DesiredWriteInput {
  dispatchedAt: Date;
  timeZone: string;
  /** null until the Warehouse Fulfilment exists */
  consignment: Pick<FulfilmentInfo, 'carrier' | 'trackingNumber' | 'packages'> | null;
  /** false: the account cannot change shipment statuses (nor, by the contract, do we write carrier/tracking) */
  orderManagement: boolean | null;
  /** Unleashed refused this shipment's status change before (from the row's `writtenBack`) */
  statusRefused?: string;
}

/** The values the shipment should carry for this dispatch. */
export function desiredWrite(input: DesiredWriteInput): DispatchWrite {
  const dispatchDate = instantToCalendarDate(input.dispatchedAt, input.timeZone);
  const packages = input.consignment && input.consignment.packages > 0 ? input.consignment.packages : null;
  if (input.orderManagement === false) return { dispatchDate, packages };
  const carrier = blankToNull(input.consignment?.carrier);
  const trackingNumber = blankToNull(input.consignment?.trackingNumber);
  if (input.statusRefused) return { dispatchDate, packages, carrier, trackingNumber, statusRefused: input.statusRefused };
  return { shipmentStatus: 'Dispatched', dispatchDate, packages, carrier, trackingNumber };
}

/** Unleashed refused the status change (`reason`, its words): the same write, leaving the status as it is. */
export function withoutStatusChange(write: DispatchWrite, reason: string): DispatchWrite {
  const { shipmentStatus: _refused, ...rest } = write;
  return { ...rest, statusRefused: reason };
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

/**
 * The fields to put on the shipment (the PUT carries the rest as read). The carrier goes out only as the
 * account's shipping company (`{Guid, Name}`), never as a bare name; without one it is left as it is.
 */
export function shipmentChanges(write: DispatchWrite, timeZone: string, shippingCompany: ShippingCompanyRef | null | undefined): SalesShipmentChanges {
  // DispatchDate is date-only: local midnight of the calendar date in the account's zone (unleashed.dates.ts)
  const changes: SalesShipmentChanges = { DispatchDate: calendarDateToInstant(write.dispatchDate, timeZone) };
  if (write.shipmentStatus) changes.ShipmentStatus = write.shipmentStatus;
  if (write.packages !== null) changes.NumberOfPackages = write.packages;
  if (write.trackingNumber) changes.TrackingNumber = write.trackingNumber;
  if (write.carrier && shippingCompany) changes.ShippingCompany = { Guid: shippingCompany.Guid, Name: shippingCompany.Name };
  return changes;
}

/** True when the shipment as read already carries every change (a write that happened but was not recorded). */
export function alreadyApplied(shipment: UnleashedSalesShipment, changes: SalesShipmentChanges): boolean {
  if (changes.ShipmentStatus !== undefined && shipment.ShipmentStatus !== changes.ShipmentStatus) return false;
  if (changes.DispatchDate && shipment.DispatchDate?.getTime() !== changes.DispatchDate.getTime()) return false;
  if (changes.NumberOfPackages !== undefined && shipment.NumberOfPackages !== changes.NumberOfPackages) return false;
  if (changes.TrackingNumber !== undefined && shipment.TrackingNumber !== changes.TrackingNumber) return false;
  if (changes.ShippingCompany !== undefined && !sameShippingCompany(shipment.ShippingCompany, changes.ShippingCompany)) return false;
  return true;
}

function sameShippingCompany(current: UnleashedShippingCompany, wanted: ShippingCompanyRef): boolean {
  if (current !== null && typeof current === 'object' && current.Guid) return current.Guid.toLowerCase() === wanted.Guid.toLowerCase();
  return carrierKey(shippingCompanyName(current) ?? '') === carrierKey(wanted.Name);
}

/** How carrier names are compared: case and spaces do not matter ("Star Track" = "STARTRACK"). */
export function carrierKey(name: string): string {
  return name.toLowerCase().replace(/\s+/g, '');
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

/**
 * Why a write-back was given up (the row's `lastError`; WRITE_BACK_FAILED's wording goes before it).
 * `attempts` null: Unleashed cannot read what Conveyor sends, so no retry can help.
 */
export function writeBackGivenUpMessage(reason: string, attempts: number | null): string {
  return attempts === null
    ? `Unleashed could not read the shipment Conveyor sent (${reason}); sending it again would not help, so it is not retried`
    : `${reason} (given up after ${attempts} attempts)`;
}

/** Delay before retry number `attempts + 1` of a failed write: 1 min doubling, at most 6 h. */
export function retryDelayMs(attempts: number, baseMs = 60_000, maxMs = 6 * 3_600_000): number {
  return Math.min(maxMs, baseMs * 2 ** Math.max(0, attempts - 1));
}

function blankToNull(value: string | null | undefined): string | null {
  const trimmed = value?.trim();
  return trimmed ? trimmed : null;
}
