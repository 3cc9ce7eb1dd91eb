/**
 * What Unleashed said about one sales shipment and its order when it was last read: everything the
 * CartonCloud sale order is built from, kept on the ledger row (`LedgerShipment.source`). The create is
 * built from it at create time with the integration's settings of that moment, so a row that waits
 * (rate limit, retry, SKIPPED then reconfigured) needs no second Unleashed read, and drift is a
 * comparison of two snapshots.
 */
export interface ShipmentSource {
  orderGuid: string;
  orderNumber: string;
  orderStatus: string;
  /** ISO instants */
  orderModifiedAt: string | null;
  shipmentModifiedAt: string | null;
  customerName: string | null;
  orderComments: string | null;
  /** ISO instant of the date-only RequiredDate (local midnight in the account's time zone) */
  requiredDate: string | null;
  delivery: {
    name: string | null;
    contact: string | null;
    street: string | null;
    street2: string | null;
    suburb: string | null;
    city: string | null;
    region: string | null;
    postCode: string | null;
    country: string | null;
    instruction: string | null;
    phone: string | null;
    email: string | null;
  };
  /** null: a snapshot of the order alone (no shipment ready when it was read): `lines` are the order's own */
  shipmentGuid: string | null;
  shipmentNumber: string | null;
  shipmentStatus: string | null;
  shipmentComments: string | null;
  warehouseCode: string | null;
  lines: { code: string; quantity: number }[];
  /** an order-alone snapshot: how many Parked (draft) shipments the order had (0: none at all) */
  draftShipments?: number;
}

/** A snapshot read from a shipment (and its order): the shipment fields are known. */
export type ShipmentSnapshot = ShipmentSource & { shipmentGuid: string; shipmentNumber: string; shipmentStatus: string };

/**
 * `references.customer` of the sale order: unique per shipment, readable by the warehouse —
 * "{OrderNumber} | {ShipmentNumber}", or "{OrderNumber}" for a whole order sent without a shipment.
 */
export function customerReference(orderNumber: string, shipmentNumber: string | null): string {
  return shipmentNumber === null ? orderNumber : `${orderNumber} | ${shipmentNumber}`;
}

/** lastError of a row waiting for its order's shipment (attentionReason adds the words after a day). */
export const AWAITING_SHIPMENT_NOTE = 'Waiting for Unleashed: the order is Placed but has no sales shipment ready to send yet (none, or only a Parked draft).';

/** The SKIPPED reason of an order that was dispatched in Unleashed before anything was sent (nothing to do). */
export const DISPATCHED_BEFORE_SENT = 'The order was completed and its shipment dispatched in Unleashed before anything was sent to the warehouse, so nothing was sent.';

/** lastError of a whole order the warehouse dispatched before Unleashed had a shipment to write the dispatch to. */
export const WAITING_FOR_SHIPMENT_LINK =
  'Dispatched by the warehouse. The dispatch is written back to Unleashed once Unleashed has a sales shipment for this order (with Order Management off: when the order is completed there).';

/** The SKIPPED reason of a row whose Unleashed order was deleted before it was sent (never re-queued). */
export const DELETED_BEFORE_SENT = 'The order was deleted in Unleashed before it was sent to CartonCloud.';
