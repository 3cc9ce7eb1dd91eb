import { randomBytes, randomUUID } from 'node:crypto';
import type { Clock } from '../../../common/clock.js';
import { calendarDateToInstant, isValidTimeZone } from '../unleashed.dates.js';
import {
  SandboxHttpError,
  orderStatuses,
  shipmentStatuses,
  type SandboxAccountInput,
  type SandboxAccount,
  type StoredWarehouse,
  type SandboxAddress,
  type SandboxOrderInput,
  type SandboxOrderEdit,
  type SandboxShipmentInput,
  type StoredOrder,
  type StoredShipment,
} from './unleashed-sandbox.types.js';


/**
 * The Unleashed sandbox's in-memory data: accounts, warehouses, products, sales orders and their sales
 * shipments, kept in the API's own field names with dates as epoch milliseconds (the server writes them
 * as `/Date(ms)/`). Filtering and paging live in unleashed-sandbox.queries.ts.
 */
const deliveryKeys: Record<keyof SandboxAddress, `Delivery${string}`> = {
  name: 'DeliveryName',
  streetAddress: 'DeliveryStreetAddress',
  streetAddress2: 'DeliveryStreetAddress2',
  suburb: 'DeliverySuburb',
  city: 'DeliveryCity',
  region: 'DeliveryRegion',
  country: 'DeliveryCountry',
  postCode: 'DeliveryPostCode',
  instruction: 'DeliveryInstruction',
  method: 'DeliveryMethod',
};

const monthOf = (date: Date) => date.toISOString().slice(0, 7);
const guidFromText = (text: string) => {
  const hex = Buffer.from(text.padEnd(16, '.')).toString('hex').slice(0, 32).padEnd(32, '0');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
};

export interface SandboxStoreBehaviour {
  /** Order Management off: the one shipment comes when the order is completed (default) or with the order */
  orderManagementOffShipments: 'on-completion' | 'with-the-order';
}

export class UnleashedSandboxStore {
  private readonly accounts = new Map<string, SandboxAccount>();
  /** told when an order is created or changed (its status, its shipments): the webhooks deliver it */
  onOrderChanged: (account: SandboxAccount, orderGuid: string, eventType: 'salesorder.created' | 'salesorder.updated') => void = () => undefined;

  constructor(
    private readonly clock: Clock,
    private readonly behaviour: SandboxStoreBehaviour = { orderManagementOffShipments: 'on-completion' },
  ) {}

  createAccount(input: SandboxAccountInput = {}): SandboxAccount {
    const timeZone = input.timeZone ?? 'Pacific/Auckland';
    if (!isValidTimeZone(timeZone)) throw new SandboxHttpError(400, `unknown time zone ${timeZone}`);
    const apiId = (input.apiId ?? randomUUID()).toLowerCase();
    if (this.accounts.has(apiId)) throw new SandboxHttpError(409, `account ${apiId} exists`);
    const account: SandboxAccount = {
      apiId,
      apiKey: input.apiKey ?? randomBytes(60).toString('base64'),
      orderManagement: input.orderManagement ?? false,
      timeZone,
      monthlyQuota: input.monthlyQuota ?? null,
      callsThisMonth: 0,
      quotaMonth: monthOf(this.clock.now()),
      callsByEndpoint: {},
      warehouses: [],
      products: new Map(),
      orders: new Map(),
      orderNumbers: new Set(),
      shipments: new Map(),
      nextOrderNumber: 1,
      nextShipmentNumber: 1,
    };
    this.accounts.set(apiId, account);
    return account;
  }

  findAccount(apiId: string): SandboxAccount | undefined {
    return this.accounts.get(apiId.toLowerCase());
  }

  account(apiId: string): SandboxAccount {
    const account = this.findAccount(apiId);
    if (!account) throw new SandboxHttpError(404, `no sandbox account ${apiId}`);
    return account;
  }

  allAccounts(): SandboxAccount[] {
    return [...this.accounts.values()];
  }

  updateAccount(apiId: string, changes: Partial<Pick<SandboxAccount, 'orderManagement' | 'timeZone' | 'monthlyQuota' | 'callsThisMonth'>>): SandboxAccount {
    const account = this.account(apiId);
    if (changes.timeZone !== undefined && !isValidTimeZone(changes.timeZone)) throw new SandboxHttpError(400, `unknown time zone ${changes.timeZone}`);
    Object.assign(account, changes);
    return account;
  }

  /** Counts one authenticated call; false when the monthly quota is already used up (the call is refused). */
  countCall(account: SandboxAccount, endpoint: string): boolean {
    const month = monthOf(this.clock.now());
    if (month !== account.quotaMonth) {
      // the allowance renews at 00:00 UTC on the 1st
      account.quotaMonth = month;
      account.callsThisMonth = 0;
    }
    if (account.monthlyQuota !== null && account.callsThisMonth >= account.monthlyQuota) return false;
    account.callsThisMonth++;
    account.callsByEndpoint[endpoint] = (account.callsByEndpoint[endpoint] ?? 0) + 1;
    return true;
  }

  addWarehouse(apiId: string, input: { code: string; name?: string; isDefault?: boolean; obsolete?: boolean; addressLine1?: string; city?: string; country?: string }): StoredWarehouse {
    const account = this.account(apiId);
    if (!input.code || input.code.length > 15) throw new SandboxHttpError(400, 'WarehouseCode is required (at most 15 characters)');
    if (account.warehouses.some((w) => w.WarehouseCode.toLowerCase() === input.code.toLowerCase())) {
      throw new SandboxHttpError(400, `WarehouseCode ${input.code} already exists`);
    }
    const warehouse: StoredWarehouse = {
      Guid: randomUUID(),
      WarehouseCode: input.code,
      WarehouseName: input.name ?? input.code,
      IsDefault: input.isDefault ?? account.warehouses.length === 0,
      Obsolete: input.obsolete ?? false,
      AddressLine1: input.addressLine1 ?? null,
      City: input.city ?? null,
      Country: input.country ?? null,
      LastModifiedOn: this.clock.now().getTime(),
    };
    if (warehouse.IsDefault) for (const other of account.warehouses) other.IsDefault = false;
    account.warehouses.push(warehouse);
    return warehouse;
  }

  addProducts(apiId: string, products: Array<{ code: string; description: string }>): void {
    const account = this.account(apiId);
    for (const product of products) account.products.set(product.code, product.description);
  }

  createOrder(apiId: string, input: SandboxOrderInput): { order: StoredOrder; shipments: StoredShipment[] } {
    const account = this.account(apiId);
    if (!input.lines?.length) throw new SandboxHttpError(400, 'an order needs at least one line');
    if (!account.orderManagement && input.shipments !== undefined) {
      throw new SandboxHttpError(400, 'with Order Management off the sandbox creates the one shipment itself: leave out "shipments"');
    }
    const status = canonical(orderStatuses, input.status ?? 'Placed', 'OrderStatus');
    const orderNumber = input.orderNumber ?? `SO-${String(account.nextOrderNumber++).padStart(8, '0')}`;
    if (account.orderNumbers.has(orderNumber)) throw new SandboxHttpError(400, `OrderNumber ${orderNumber} already exists`);
    const now = this.clock.now().getTime();
    const requiredDate = input.requiredDate ? this.dateOnly(account, input.requiredDate) : null;
    const lines = input.lines.map((line, index) => {
      if (!(line.quantity > 0)) throw new SandboxHttpError(400, `line ${index + 1}: quantity must be positive`);
      const unitPrice = line.unitPrice ?? 10;
      return {
        Guid: randomUUID(),
        LineNumber: index + 1,
        Product: {
          Guid: guidFromText(line.productCode),
          ProductCode: line.productCode,
          ProductDescription: line.description ?? account.products.get(line.productCode) ?? line.productCode,
        },
        DueDate: requiredDate,
        OrderQuantity: line.quantity,
        UnitPrice: unitPrice,
        LineTotal: round2(unitPrice * line.quantity),
        Comments: line.comments ?? null,
        LastModifiedOn: now,
      };
    });
    const subTotal = round2(lines.reduce((sum, line) => sum + line.LineTotal, 0));
    const customer = input.customer ?? { code: 'CASH', name: 'Cash Sales' };
    const order: StoredOrder = {
      Guid: randomUUID(),
      OrderNumber: orderNumber,
      OrderStatus: status,
      OrderDate: now,
      RequiredDate: requiredDate,
      CompletedDate: status === 'Completed' ? now : null,
      Customer: { Guid: guidFromText(customer.code), CustomerCode: customer.code, CustomerName: customer.name ?? customer.code },
      CustomerRef: input.customerRef ?? null,
      Comments: input.comments ?? null,
      Warehouse: this.warehouseRef(account, input.warehouseCode),
      ...deliveryFields(input.delivery ?? {}),
      SalesOrderLines: lines,
      SubTotal: subTotal,
      TaxTotal: round2(subTotal * 0.15),
      Total: round2(subTotal * 1.15),
      CreatedOn: now,
      LastModifiedOn: now,
    };
    account.orders.set(order.Guid, order);
    account.orderNumbers.add(order.OrderNumber);
    queueMicrotask(() => this.onOrderChanged(account, order.Guid, 'salesorder.created'));
    if (!account.orderManagement && this.behaviour.orderManagementOffShipments === 'on-completion') {
      // reference §8: with Order Management off the shipment comes when the order is completed, already Dispatched
      return { order, shipments: status === 'Completed' ? [this.completionShipment(account, order)] : [] };
    }
    const plan = input.shipments ?? [{ lines: allLines(order) }];
    const shipments = plan.map((shipment) => this.createShipment(account, order, shipment));
    return { order, shipments };
  }

  /** A user creates a shipment on an order later ("Ship", Order Management on only). */
  addShipment(apiId: string, orderGuid: string, plan: SandboxShipmentInput): StoredShipment {
    const account = this.account(apiId);
    const order = this.order(account, orderGuid);
    if (!account.orderManagement) throw new SandboxHttpError(400, 'Shipments can only be created by hand when Order Management is enabled');
    if (order.OrderStatus !== 'Placed' && order.OrderStatus !== 'Backordered') throw new SandboxHttpError(400, `order ${order.OrderNumber} is ${order.OrderStatus}: only Placed orders can be shipped`);
    const shipment = this.createShipment(account, order, { lines: plan.lines ?? allLines(order), comments: plan.comments, status: plan.status });
    shipment.CreatedOn = shipment.LastModifiedOn = this.clock.now().getTime();
    this.onOrderChanged(account, order.Guid, 'salesorder.updated');
    return shipment;
  }

  /** A user moves a shipment on (Parked → Placed → Picking → Packed → Dispatched; Order Management on only). */
  setShipmentStatus(apiId: string, guid: string, status: string): StoredShipment {
    const account = this.account(apiId);
    const shipment = this.shipment(account, guid);
    if (!account.orderManagement) throw new SandboxHttpError(400, 'Shipment statuses are only available when Order Management is enabled');
    shipment.ShipmentStatus = canonical(shipmentStatuses, status, 'ShipmentStatus');
    this.touch(shipment);
    this.onOrderChanged(account, shipment.OrderGuid, 'salesorder.updated');
    return shipment;
  }

  editOrder(apiId: string, guid: string, edit: SandboxOrderEdit): StoredOrder {
    const account = this.account(apiId);
    const order = this.order(account, guid);
    if (edit.comments !== undefined) order.Comments = edit.comments;
    if (edit.customerRef !== undefined) order.CustomerRef = edit.customerRef;
    if (edit.requiredDate !== undefined) order.RequiredDate = edit.requiredDate === null ? null : this.dateOnly(account, edit.requiredDate);
    if (edit.delivery) Object.assign(order, deliveryFields(edit.delivery, true));
    if (edit.warehouseCode !== undefined) order.Warehouse = this.warehouseRef(account, edit.warehouseCode);
    order.LastModifiedOn = this.clock.now().getTime();
    this.onOrderChanged(account, order.Guid, 'salesorder.updated');
    return order;
  }

  setOrderStatus(apiId: string, guid: string, status: string): StoredOrder {
    const account = this.account(apiId);
    const order = this.order(account, guid);
    const now = this.clock.now().getTime();
    order.OrderStatus = canonical(orderStatuses, status, 'OrderStatus');
    order.CompletedDate = order.OrderStatus === 'Completed' ? now : order.CompletedDate;
    order.LastModifiedOn = now;
    if (order.OrderStatus === 'Completed' && !account.orderManagement && this.behaviour.orderManagementOffShipments === 'on-completion') {
      if (!this.shipmentsOf(account, order.Guid).some((shipment) => shipment.ShipmentStatus !== 'Deleted')) this.completionShipment(account, order);
    }
    if (order.OrderStatus === 'Deleted') {
      for (const shipment of this.shipmentsOf(account, order.Guid)) {
        shipment.ShipmentStatus = 'Deleted';
        shipment.LastModifiedOn = now;
      }
    }
    this.onOrderChanged(account, order.Guid, 'salesorder.updated');
    return order;
  }

  /** Like the UI's delete: the order (and its shipments) become Deleted; list calls hide them unless asked. */
  deleteOrder(apiId: string, guid: string): StoredOrder {
    return this.setOrderStatus(apiId, guid, 'Deleted');
  }

  order(account: SandboxAccount, guid: string): StoredOrder {
    const order = account.orders.get(guid.toLowerCase());
    if (!order) throw new SandboxHttpError(404, `SalesOrder ${guid} was not found`);
    return order;
  }

  shipment(account: SandboxAccount, guid: string): StoredShipment {
    const shipment = account.shipments.get(guid.toLowerCase());
    if (!shipment) throw new SandboxHttpError(404, `SalesShipment ${guid} was not found`);
    return shipment;
  }

  shipmentsOf(account: SandboxAccount, orderGuid: string): StoredShipment[] {
    return [...account.shipments.values()].filter((shipment) => shipment.OrderGuid === orderGuid);
  }

  /** Used by the PUT handler after it validated the body. */
  touch(shipment: StoredShipment): void {
    shipment.LastModifiedOn = this.clock.now().getTime();
  }

  /** Order Management off: the order's one shipment, every line, created Dispatched on the day it was completed. */
  private completionShipment(account: SandboxAccount, order: StoredOrder): StoredShipment {
    const shipment = this.createShipment(account, order, { lines: allLines(order), status: 'Dispatched' });
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: account.timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(this.clock.now());
    shipment.DispatchDate = this.dateOnly(account, today);
    return shipment;
  }

  private createShipment(account: SandboxAccount, order: StoredOrder, plan: { lines: Array<{ lineNumber: number; quantity: number }>; comments?: string | null; status?: string }): StoredShipment {
    if (!plan.lines.length) throw new SandboxHttpError(400, 'a shipment needs at least one line');
    const shipment: StoredShipment = {
      Guid: randomUUID(),
      OrderGuid: order.Guid,
      OrderNumber: order.OrderNumber,
      ShipmentNumber: `SS-${String(account.nextShipmentNumber++).padStart(8, '0')}`,
      // the status a fresh shipment starts in is undocumented [I]
      ShipmentStatus: canonical(shipmentStatuses, plan.status ?? 'Placed', 'ShipmentStatus'),
      Warehouse: order.Warehouse,
      Customer: order.Customer,
      CustomerRef: order.CustomerRef,
      ...Object.fromEntries(Object.values(deliveryKeys).map((key) => [key, order[key] ?? null])),
      DispatchDate: null,
      TrackingNumber: null,
      ShippingCompany: null,
      NumberOfPackages: null,
      Comments: plan.comments ?? null,
      SalesShipmentLines: plan.lines.map((line, index) => {
        const orderLine = order.SalesOrderLines.find((candidate) => candidate.LineNumber === line.lineNumber);
        if (!orderLine) throw new SandboxHttpError(400, `order ${order.OrderNumber} has no line ${line.lineNumber}`);
        return {
          Guid: randomUUID(),
          LineNumber: index + 1,
          SalesOrderLineNumber: line.lineNumber,
          Product: orderLine.Product,
          ShipmentQty: line.quantity,
          UnitCost: round2(orderLine.UnitPrice * 0.6),
        };
      }),
      CreatedOn: order.LastModifiedOn,
      LastModifiedOn: order.LastModifiedOn,
    };
    account.shipments.set(shipment.Guid, shipment);
    return shipment;
  }

  private warehouseRef(account: SandboxAccount, code: string | undefined): StoredOrder['Warehouse'] {
    const warehouse =
      code === undefined
        ? (account.warehouses.find((w) => w.IsDefault) ?? account.warehouses[0])
        : account.warehouses.find((w) => w.WarehouseCode.toLowerCase() === code.toLowerCase());
    if (!warehouse) throw new SandboxHttpError(400, code === undefined ? 'the account has no warehouse' : `no warehouse ${code}`);
    return { Guid: warehouse.Guid, WarehouseCode: warehouse.WarehouseCode, WarehouseName: warehouse.WarehouseName };
  }

  private dateOnly(account: SandboxAccount, calendarDate: string): number {
    try {
      return calendarDateToInstant(calendarDate, account.timeZone).getTime();
    } catch {
      throw new SandboxHttpError(400, `not a calendar date (YYYY-MM-DD): ${calendarDate}`);
    }
  }
}

export function canonical<T extends string>(allowed: readonly T[], value: string, field: string): T {
  const found = allowed.find((candidate) => candidate.toLowerCase() === String(value).trim().toLowerCase());
  if (!found) throw new SandboxHttpError(400, `${field} '${value}' is not valid (${allowed.join(', ')})`);
  return found;
}

function deliveryFields(address: SandboxAddress, onlyGiven = false): Record<`Delivery${string}`, string | null> {
  const out: Record<`Delivery${string}`, string | null> = {};
  for (const [field, key] of Object.entries(deliveryKeys) as Array<[keyof SandboxAddress, `Delivery${string}`]>) {
    if (onlyGiven && address[field] === undefined) continue;
    out[key] = address[field] ?? null;
  }
  return out;
}

const round2 = (n: number) => Math.round(n * 100) / 100;

/** Every line of the order, in full. */
function allLines(order: StoredOrder): Array<{ lineNumber: number; quantity: number }> {
  return order.SalesOrderLines.map((line) => ({ lineNumber: line.LineNumber, quantity: line.OrderQuantity }));
}
