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
  shipmentGuid: string;
  shipmentNumber: string;
  shipmentStatus: string;
  shipmentComments: string | null;
  warehouseCode: string | null;
  lines: { code: string; quantity: number }[];
}

/** `references.customer` of the sale order: unique per shipment, readable by the warehouse. */
export function customerReference(orderNumber: string, shipmentNumber: string): string {
  return `${orderNumber} | ${shipmentNumber}`;
}

/** The SKIPPED reason of a row whose Unleashed order was deleted before it was sent (never re-queued). */
export const DELETED_BEFORE_SENT = 'The order was deleted in Unleashed before it was sent to CartonCloud.';
