import {
  SandboxHttpError,
  type SandboxAccount,
  type StoredOrder,
  type StoredShipment,
  type StoredWarehouse,
} from './unleashed-sandbox.types.js';

/** What the list filters do where the public docs are silent (see UnleashedSandboxOptions; the shipment PUT: unleashed-sandbox.shipments.ts). */
export interface SandboxApiBehaviour {
  modifiedSinceInclusive: boolean;
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
