import type { NewSaleOrder, SaleOrder } from '../providers/cartoncloud/cartoncloud.schemas.js';

/**
 * How the order sync tells its own CartonCloud sale orders from anyone else's. The customer reference
 * ("{order} | {shipment}") is not enough: two Unleashed accounts of one CartonCloud customer both have
 * "SO-00000001 | SS-00000001", and CartonCloud allows duplicate references for sale orders (reference
 * Round 2). So every order we create carries the ledger row it was created for in
 * `references.alternateReference` (a documented reference key, §3.1; echoed back with the order on create,
 * get and search, like every reference), and an order found by reference is adopted only when it carries
 * ours — or is the very order the row already recorded.
 */
export const STAMP_PREFIX = 'conveyor:';

export function stampFor(rowId: string): string {
  return `${STAMP_PREFIX}${rowId}`;
}

/** The body with our stamp added to its references. */
export function withStamp(body: NewSaleOrder, rowId: string): NewSaleOrder {
  return { ...body, references: { ...body.references, alternateReference: stampFor(rowId) } };
}

/** Whether `order` was created for this ledger row (its stamp), or is the order the row already points at. */
export function isOurs(order: Pick<SaleOrder, 'id' | 'references'>, row: { id: string; cartonCloudOrderId: string | null }): boolean {
  return order.references.alternateReference === stampFor(row.id) || (row.cartonCloudOrderId !== null && order.id === row.cartonCloudOrderId);
}

/** Of the orders found under a reference, the one to adopt: ours, a live one before a REJECTED one; null when none is ours. */
export function ownOrder<T extends Pick<SaleOrder, 'id' | 'references' | 'status'>>(found: readonly T[], row: { id: string; cartonCloudOrderId: string | null }): T | null {
  const ours = found.filter((order) => isOurs(order, row));
  return ours.find((order) => order.status !== 'REJECTED') ?? ours[0] ?? null;
}

/** A foreign order's description for the person who must act: CartonCloud's order number and id. */
export function describeForeign(order: Pick<SaleOrder, 'id' | 'references'>): string {
  const number = order.references.numericId ? `sale order ${order.references.numericId}` : 'a sale order';
  return `CartonCloud already has ${number} (id ${order.id}) with this reference, created by someone else`;
}
