import type { NewSaleOrder } from '../providers/cartoncloud/cartoncloud.schemas.js';
import { instantToCalendarDate } from '../providers/unleashed/unleashed.dates.js';
import type { UnleashedSalesOrder, UnleashedSalesShipment } from '../providers/unleashed/unleashed.schemas.js';
import { customerReference, type ShipmentSnapshot, type ShipmentSource } from '../ledger/shipment-source.js';
import { countryRef, stateRef } from './delivery-address.js';

/** null for absent or blank text: CartonCloud stores "" as a real value (reference §0). */
export function textOrNull(value: string | null | undefined): string | null {
  const trimmed = value?.trim();
  return trimmed ? trimmed : null;
}

const iso = (date: Date | null) => (date ? date.toISOString() : null);

export function toShipmentSource(order: UnleashedSalesOrder, shipment: UnleashedSalesShipment): ShipmentSnapshot {
  return {
    ...orderPart(order),
    shipmentModifiedAt: iso(shipment.LastModifiedOn),
    shipmentGuid: shipment.Guid,
    shipmentNumber: shipment.ShipmentNumber,
    shipmentStatus: shipment.ShipmentStatus,
    shipmentComments: textOrNull(shipment.Comments),
    warehouseCode: shipment.Warehouse?.WarehouseCode ?? order.Warehouse?.WarehouseCode ?? null,
    lines: shipment.SalesShipmentLines.map((line) => ({ code: line.Product.ProductCode, quantity: line.ShipmentQty })),
  };
}

/** The shipment of an order known only from its stored snapshot (the order did not change since): no order read needed. */
export function withShipment(orderAlone: ShipmentSource, shipment: UnleashedSalesShipment): ShipmentSnapshot {
  const { draftShipments: _drafts, ...order } = orderAlone;
  return {
    ...order,
    shipmentModifiedAt: iso(shipment.LastModifiedOn),
    shipmentGuid: shipment.Guid,
    shipmentNumber: shipment.ShipmentNumber,
    shipmentStatus: shipment.ShipmentStatus,
    shipmentComments: textOrNull(shipment.Comments),
    warehouseCode: shipment.Warehouse?.WarehouseCode ?? orderAlone.warehouseCode,
    lines: shipment.SalesShipmentLines.map((line) => ({ code: line.Product.ProductCode, quantity: line.ShipmentQty })),
  };
}

/**
 * A snapshot of an order alone (it has no shipment ready to send): its own lines with their ordered
 * quantities — what a whole order sent without a shipment is built from. `draftShipments`: its Parked shipments.
 */
export function toOrderSource(order: UnleashedSalesOrder, draftShipments = 0): ShipmentSource {
  return {
    ...orderPart(order),
    shipmentModifiedAt: null,
    shipmentGuid: null,
    shipmentNumber: null,
    shipmentStatus: null,
    shipmentComments: null,
    warehouseCode: order.Warehouse?.WarehouseCode ?? null,
    lines: order.SalesOrderLines.filter((line) => line.OrderQuantity > 0).map((line) => ({ code: line.Product.ProductCode, quantity: line.OrderQuantity })),
    draftShipments,
  };
}

type OrderPart = Omit<ShipmentSource, 'shipmentModifiedAt' | 'shipmentGuid' | 'shipmentNumber' | 'shipmentStatus' | 'shipmentComments' | 'warehouseCode' | 'lines' | 'draftShipments'>;

function orderPart(order: UnleashedSalesOrder): OrderPart {
  const contact = order.DeliveryContact;
  const contactName = textOrNull([contact?.FirstName, contact?.LastName].map((p) => p?.trim()).filter(Boolean).join(' '));
  return {
    orderGuid: order.Guid,
    orderNumber: order.OrderNumber,
    orderStatus: order.OrderStatus,
    orderModifiedAt: iso(order.LastModifiedOn),
    customerName: textOrNull(order.Customer?.CustomerName),
    orderComments: textOrNull(order.Comments),
    requiredDate: iso(order.RequiredDate),
    delivery: {
      name: textOrNull(order.DeliveryName),
      contact: contactName,
      street: textOrNull(order.DeliveryStreetAddress),
      street2: textOrNull(order.DeliveryStreetAddress2),
      suburb: textOrNull(order.DeliverySuburb),
      city: textOrNull(order.DeliveryCity),
      region: textOrNull(order.DeliveryRegion),
      postCode: textOrNull(order.DeliveryPostCode),
      country: textOrNull(order.DeliveryCountry),
      instruction: textOrNull(order.DeliveryInstruction),
      phone: textOrNull(contact?.PhoneNumber),
      email: textOrNull(contact?.EmailAddress),
    },
  };
}

export interface WarehouseChoice {
  warehouseCode: string | null;
  mappings: { unleashedWarehouseCode: string; cartonCloudWarehouseId: string | null }[];
  defaultCartonCloudWarehouseId: string | null;
}

/** The mapping for the shipment's warehouse code, else the default, else a reason to skip. */
export function resolveWarehouse(choice: WarehouseChoice): { cartonCloudWarehouseId: string } | { skip: string } {
  const code = choice.warehouseCode;
  const mapped = code === null ? undefined : choice.mappings.find((m) => m.unleashedWarehouseCode.toLowerCase() === code.toLowerCase());
  if (mapped?.cartonCloudWarehouseId) return { cartonCloudWarehouseId: mapped.cartonCloudWarehouseId };
  if (choice.defaultCartonCloudWarehouseId) return { cartonCloudWarehouseId: choice.defaultCartonCloudWarehouseId };
  return {
    skip: code
      ? `No CartonCloud warehouse for Unleashed warehouse ${code}: map it or choose a default warehouse, then retry.`
      : 'The shipment names no Unleashed warehouse and the integration has no default warehouse.',
  };
}

export interface SaleOrderSettings {
  cartonCloudCustomerId: string;
  cartonCloudWarehouseId: string;
  includeComments: boolean;
  /** the Unleashed account's zone: RequiredDate is a date-only value at local midnight */
  timeZone: string;
}

/** The CartonCloud sale order for one Unleashed sales shipment, or for a whole order sent without one (CONTRACT §5, §6; reference §3.1). */
export function buildSaleOrder(source: ShipmentSource, settings: SaleOrderSettings): NewSaleOrder {
  const d = source.delivery;
  const instructions = settings.includeComments ? textOrNull([source.orderComments, source.shipmentComments].filter(Boolean).join('\n')) : null;
  const contactName = d.contact ?? (d.name ? null : source.customerName);
  return {
    type: 'OUTBOUND',
    references: { customer: customerReference(source.orderNumber, source.shipmentNumber) },
    customer: { id: settings.cartonCloudCustomerId },
    warehouse: { id: settings.cartonCloudWarehouseId },
    details: {
      instructions,
      deliver: {
        address: {
          // the address needs companyName or contactName: the delivery name, else the Unleashed customer
          companyName: d.name ?? (d.contact ? null : source.customerName),
          contactName,
          address1: d.street,
          address2: d.street2,
          suburb: d.suburb,
          city: d.city,
          state: stateRef(d.region), // "NSW" → {code}, "New South Wales" → {name} (delivery-address.ts)
          postcode: d.postCode,
          country: countryRef(d.country), // "AU" → {iso2Code}, "AUS" → {iso3Code}, "Australia" → {iso2Code: AU}
          phone: d.phone,
          email: d.email,
        },
        instructions: d.instruction,
        requiredDate: source.requiredDate ? instantToCalendarDate(new Date(source.requiredDate), settings.timeZone) : null,
      },
    },
    items: source.lines.map((line) => ({ details: { product: { references: { code: line.code } } }, measures: { quantity: line.quantity } })),
  };
}

/** What of a snapshot CartonCloud received: the parts whose change after sending is drift. */
function sentParts(source: ShipmentSource) {
  return {
    'delivery address': source.delivery,
    'required date': source.requiredDate,
    comments: [source.orderComments, source.shipmentComments],
    warehouse: source.warehouseCode,
    lines: [...source.lines].sort((a, b) => a.code.localeCompare(b.code) || a.quantity - b.quantity),
  };
}

/**
 * JSON with object keys sorted and absent / null values dropped: the snapshot comes back from a jsonb
 * column, which reorders keys, so plain JSON.stringify would report changes that are not there.
 */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== null && v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

/** The names of what changed between the snapshot sent and a newer one (empty: nothing that matters). */
export function driftBetween(sent: ShipmentSource, now: ShipmentSource): string[] {
  const before = sentParts(sent);
  const after = sentParts(now);
  return (Object.keys(before) as (keyof typeof before)[]).filter((key) => canonicalJson(before[key]) !== canonicalJson(after[key]));
}

export function driftMessage(changes: string[], modifiedAt: string | null): string {
  const when = modifiedAt ? ` (Unleashed last modified ${modifiedAt})` : '';
  return `Edited in Unleashed after it was sent to CartonCloud: ${changes.join(', ')} changed${when}. CartonCloud was not updated.`;
}

export const DELETED_AFTER_SENT =
  'The order was deleted in Unleashed after it was sent to CartonCloud. The CartonCloud sale order was not changed: cancel it there if it should not ship.';
