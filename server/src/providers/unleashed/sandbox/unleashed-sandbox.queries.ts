import { parseUnleashedDate } from '../unleashed.dates.js';
import type { UnleashedSandboxStore } from './unleashed-sandbox.store.js';
import {
  SandboxHttpError,
  shipmentStatuses,
  type SandboxAccount,
  type StoredOrder,
  type StoredShipment,
  type StoredWarehouse,
} from './unleashed-sandbox.types.js';

/** What the list filters and the shipment PUT do where the public docs are silent (see UnleashedSandboxOptions). */
export interface SandboxApiBehaviour {
  modifiedSinceInclusive: boolean;
  putClearsOmittedFields: boolean;
  requireLinesOnPut: boolean;
  completeOrderWhenAllShipmentsDispatched: boolean;
}

export interface ListEnvelope<T> {
  Pagination: { NumberOfItems: number; PageSize: number; PageNumber: number; NumberOfPages: number };
  Items: T[];
}

// https://apidocs.unleashedsoftware.com/Pagination: default 200, min 1, max 1000
export function pageSizeOf(params: URLSearchParams): number {
  const raw = param(params, 'pageSize');
  if (raw === undefined) return 200;
  const size = /^\d+$/.test(raw) ? Number(raw) : NaN;
  if (!(size >= 1 && size <= 1000)) throw new SandboxHttpError(400, `pageSize must be a whole number from 1 to 1000, got '${raw}'`);
  return size;
}

/** One page of `items`; no match at all gives the recorded quirk PageNumber 0 / NumberOfPages 0. */
export function paginate<T>(items: T[], page: number, pageSize: number): ListEnvelope<T> {
  if (items.length === 0) return { Pagination: { NumberOfItems: 0, PageSize: pageSize, PageNumber: 0, NumberOfPages: 0 }, Items: [] };
  const numberOfPages = Math.ceil(items.length / pageSize);
  return {
    Pagination: { NumberOfItems: items.length, PageSize: pageSize, PageNumber: page, NumberOfPages: numberOfPages },
    Items: items.slice((page - 1) * pageSize, page * pageSize),
  };
}

// https://apidocs.unleashedsoftware.com/SalesOrders
export function listOrders(account: SandboxAccount, params: URLSearchParams, behaviour: SandboxApiBehaviour): StoredOrder[] {
  const orders = [...account.orders.values()];
  const orderNumber = param(params, 'orderNumber');
  // orderNumber overrides every other filter
  if (orderNumber !== undefined) return orders.filter((order) => order.OrderNumber.toLowerCase() === orderNumber.toLowerCase());
  const statuses = list(param(params, 'orderStatus'));
  const custom = list(param(params, 'customOrderStatus'));
  const since = modifiedSince(params);
  const warehouse = param(params, 'warehouseCode')?.toLowerCase();
  const customer = param(params, 'customerCode')?.toLowerCase();
  return orders.filter(
    (order) =>
      // customOrderStatus overrides orderStatus; the sandbox has no custom statuses, so it matches nothing
      (custom ? false : statuses ? statuses.includes(order.OrderStatus.toLowerCase()) : order.OrderStatus !== 'Deleted') &&
      (since === undefined || after(order.LastModifiedOn, since, behaviour)) &&
      (warehouse === undefined || order.Warehouse.WarehouseCode.toLowerCase().startsWith(warehouse)) &&
      (customer === undefined || order.Customer.CustomerCode.toLowerCase().startsWith(customer)),
  );
}

// https://apidocs.unleashedsoftware.com/SalesShipments
export function listShipments(account: SandboxAccount, params: URLSearchParams, behaviour: SandboxApiBehaviour): StoredShipment[] {
  const orderBy = param(params, 'orderBy');
  if (orderBy !== undefined && orderBy.toLowerCase() !== 'shipmentnumber') throw new SandboxHttpError(400, `orderBy '${orderBy}' is not supported (ShipmentNumber)`);
  const sort = param(params, 'sort')?.toLowerCase();
  if (sort !== undefined && sort !== 'asc' && sort !== 'desc') throw new SandboxHttpError(400, `sort must be asc or desc, got '${sort}'`);
  let shipments = [...account.shipments.values()];
  const orderNumber = param(params, 'orderNumber');
  if (orderNumber !== undefined) {
    // all shipments of that order, every other filter ignored
    shipments = shipments.filter((shipment) => shipment.OrderNumber.toLowerCase() === orderNumber.toLowerCase());
  } else {
    const statuses = list(param(params, 'shipmentStatus'));
    const since = modifiedSince(params);
    const warehouse = param(params, 'warehouseCode')?.toLowerCase();
    shipments = shipments.filter(
      (shipment) =>
        (statuses === undefined || statuses.includes(shipment.ShipmentStatus.toLowerCase())) &&
        (since === undefined || after(shipment.LastModifiedOn, since, behaviour)) &&
        (warehouse === undefined || shipment.Warehouse.WarehouseCode.toLowerCase().startsWith(warehouse)),
    );
  }
  // default LastModifiedOn descending; orderBy=ShipmentNumber defaults to ascending
  const direction = (sort ?? (orderBy ? 'asc' : 'desc')) === 'asc' ? 1 : -1;
  const byNumber = (a: StoredShipment, b: StoredShipment) => a.ShipmentNumber.localeCompare(b.ShipmentNumber);
  return shipments.sort((a, b) => direction * (orderBy ? byNumber(a, b) : a.LastModifiedOn - b.LastModifiedOn || byNumber(a, b)));
}

// https://apidocs.unleashedsoftware.com/Warehouses: warehouseCode/warehouseName starts-with, ordered by code
export function listWarehouses(account: SandboxAccount, params: URLSearchParams): StoredWarehouse[] {
  const code = param(params, 'warehouseCode')?.toLowerCase();
  const name = param(params, 'warehouseName')?.toLowerCase();
  const includeObsolete = param(params, 'includeObsolete')?.toLowerCase() === 'true';
  return account.warehouses
    .filter(
      (w) =>
        (includeObsolete || !w.Obsolete) &&
        (code === undefined || w.WarehouseCode.toLowerCase().startsWith(code)) &&
        (name === undefined || w.WarehouseName.toLowerCase().startsWith(name)),
    )
    .sort((a, b) => a.WarehouseCode.localeCompare(b.WarehouseCode));
}

const writable = ['ShipmentStatus', 'DispatchDate', 'TrackingNumber', 'ShippingCompany', 'NumberOfPackages', 'Comments'] as const;

/**
 * PUT /SalesShipments/{guid}: validates the whole body first, then replaces the writable fields (lines
 * are checked to belong to the shipment but not changed) and bumps LastModifiedOn.
 */
export function putShipment(
  store: UnleashedSandboxStore,
  account: SandboxAccount,
  shipment: StoredShipment,
  body: unknown,
  behaviour: SandboxApiBehaviour,
): StoredShipment {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) throw new SandboxHttpError(400, 'the body must be a SalesShipment object');
  const fields = new Map(Object.entries(body).map(([key, value]) => [key.toLowerCase(), value]));
  const guid = fields.get('guid');
  if (guid !== undefined && String(guid).toLowerCase() !== shipment.Guid) throw new SandboxHttpError(400, 'Guid in the body does not match the URL');
  const rawStatus = fields.get('shipmentstatus');
  if (typeof rawStatus !== 'string' || !rawStatus) throw new SandboxHttpError(400, 'ShipmentStatus is required');
  const status = shipmentStatuses.find((s) => s.toLowerCase() === rawStatus.toLowerCase() && s !== 'Deleted');
  if (!status) throw new SandboxHttpError(400, `ShipmentStatus '${rawStatus}' is not valid`);
  if (status !== shipment.ShipmentStatus && !account.orderManagement) {
    // INVENTED wording: Unleashed's real answer here is undocumented (reference §4 "Order Management")
    throw new SandboxHttpError(400, `Shipment statuses are only available when Order Management is enabled; cannot change ShipmentStatus to ${status}`);
  }
  const lines = fields.get('salesshipmentlines');
  if (behaviour.requireLinesOnPut && (!Array.isArray(lines) || lines.length === 0)) throw new SandboxHttpError(400, 'SalesShipmentLines are required');
  if (Array.isArray(lines)) {
    for (const line of lines) {
      const lineGuid = line && typeof line === 'object' ? Object.entries(line).find(([k]) => k.toLowerCase() === 'guid')?.[1] : undefined;
      if (lineGuid !== undefined && !shipment.SalesShipmentLines.some((l) => l.Guid === String(lineGuid).toLowerCase())) {
        throw new SandboxHttpError(400, `SalesShipmentLine ${String(lineGuid)} does not belong to shipment ${shipment.ShipmentNumber}`);
      }
    }
  }
  const next: Partial<Record<(typeof writable)[number], unknown>> = { ShipmentStatus: status };
  for (const field of writable.slice(1)) {
    const key = field.toLowerCase();
    if (!fields.has(key)) {
      if (behaviour.putClearsOmittedFields) next[field] = null;
      continue;
    }
    next[field] = checkField(field, fields.get(key));
  }
  Object.assign(shipment, next);
  store.touch(shipment);
  if (behaviour.completeOrderWhenAllShipmentsDispatched) {
    const order = account.orders.get(shipment.OrderGuid);
    if (order && order.OrderStatus !== 'Completed' && store.shipmentsOf(account, order.Guid).every((s) => s.ShipmentStatus === 'Dispatched')) {
      store.setOrderStatus(account.apiId, order.Guid, 'Completed');
    }
  }
  return shipment;
}

function checkField(field: (typeof writable)[number], value: unknown): unknown {
  if (value === null) return null;
  switch (field) {
    case 'DispatchDate': {
      const date = parseUnleashedDate(value);
      if (!date) throw new SandboxHttpError(400, `DispatchDate '${String(value)}' is not a date`);
      return date.getTime();
    }
    case 'NumberOfPackages':
      if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) throw new SandboxHttpError(400, 'NumberOfPackages must be a whole number');
      return value;
    case 'ShippingCompany':
      if (typeof value !== 'string' && typeof value !== 'object') throw new SandboxHttpError(400, 'ShippingCompany must be a name or an object');
      return value;
    default:
      if (typeof value !== 'string') throw new SandboxHttpError(400, `${field} must be text`);
      if (field === 'Comments' && value.length > 2048) throw new SandboxHttpError(400, 'Comments is longer than 2048 characters');
      return value;
  }
}

/** Query parameter names are matched case-insensitively; the first occurrence wins. */
function param(params: URLSearchParams, name: string): string | undefined {
  for (const [key, value] of params) if (key.toLowerCase() === name.toLowerCase()) return value;
  return undefined;
}

function list(value: string | undefined): string[] | undefined {
  if (value === undefined) return undefined;
  return value.split(',').map((entry) => entry.trim().toLowerCase()).filter(Boolean);
}

/** `YYYY-MM-DD` or `YYYY-MM-DDTHH:mm:ss[.fff]`, UTC. */
function modifiedSince(params: URLSearchParams): number | undefined {
  const raw = param(params, 'modifiedSince');
  if (raw === undefined) return undefined;
  const match = /^(\d{4}-\d{2}-\d{2})(T\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?)?Z?$/.exec(raw);
  const ms = match ? Date.parse(`${match[1]}${match[2] ?? 'T00:00:00'}Z`) : NaN;
  if (Number.isNaN(ms)) throw new SandboxHttpError(400, `modifiedSince '${raw}' is not a date (YYYY-MM-DD or YYYY-MM-DDTHH:mm:ss, UTC)`);
  return ms;
}

function after(lastModifiedOn: number, since: number, behaviour: SandboxApiBehaviour): boolean {
  return behaviour.modifiedSinceInclusive ? lastModifiedOn >= since : lastModifiedOn > since;
}
