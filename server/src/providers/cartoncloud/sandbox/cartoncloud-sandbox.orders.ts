import { randomUUID } from 'node:crypto';
import { lookUpAddress, type AddressLookup } from './cartoncloud-sandbox.addresses.js';
import {
  SandboxControlError,
  type Json,
  type SandboxCustomer,
  type SandboxStore,
  type SandboxTenant,
  type SandboxWarehouse,
} from './cartoncloud-sandbox.store.js';

/**
 * Sale-order behaviour of the sandbox: create with validation (reference §3.1–3.4) and the warehouse's
 * side of the lifecycle — pick/pack, dispatch and the generated Warehouse Fulfilment (§3.5, §4).
 */

export interface ApiAnswer {
  status: number;
  body?: unknown;
}
interface FieldError {
  field: string;
  message: string;
  type?: string;
  details?: Json;
}

export interface DispatchInput {
  carrier: string;
  trackingNumber: string;
  trackingUrl?: string | null;
  packages: number;
}

/**
 * How an order whose address lookup failed is refused (customer setting "Allow invalid addresses via API" = No):
 * 'rejected' — created with issues, 228 + REJECTED with the reasons, as CartonCloud's help centre words it
 * ("orders will be rejected") and as it documents other data problems (unknown product); 'unprocessable' —
 * 422 with field pointers, the answer for invalid data in general (§5).
 */
export type InvalidAddressAnswer = 'rejected' | 'unprocessable';

export class SandboxOrders {
  constructor(
    private readonly store: SandboxStore,
    /** status of a fulfilment generated on dispatch (the API's mapping of "Shipped" is unknown) */
    private readonly consignmentStatusOnDispatch: string,
    private readonly invalidAddressAnswer: InvalidAddressAnswer = 'rejected',
  ) {}

  // POST /tenants/{t}/outbound-orders
  create(tenant: SandboxTenant, body: unknown): ApiAnswer {
    if (!isRecord(body)) return { status: 400, body: [{ message: 'Request body must be a JSON object' }] };
    const errors: FieldError[] = [];
    const references = isRecord(body.references) ? body.references : {};
    const reference = references.customer;
    if (typeof reference !== 'string' || reference.trim() === '') {
      errors.push({ field: '/references/customer', message: 'Customer Reference is required' });
    }
    const customer = this.resolveCustomer(tenant, body.customer, errors);
    const warehouse = this.resolveWarehouse(tenant, body.warehouse, customer, errors);
    const details = isRecord(body.details) ? body.details : {};
    const deliver = isRecord(details.deliver) ? details.deliver : {};
    let lookup: AddressLookup | undefined;
    if (!isRecord(deliver.address)) {
      errors.push({ field: '/details/deliver/address', message: 'Delivery address is required' });
    } else if (!nonBlank(deliver.address.companyName) && !nonBlank(deliver.address.contactName)) {
      errors.push({ field: '/details/deliver/address', message: 'Address requires a companyName or contactName' });
    } else {
      lookup = lookUpAddress(deliver.address);
      if (!lookup.ok && !customer?.settings.allowInvalidAddresses && this.invalidAddressAnswer === 'unprocessable') {
        for (const problem of lookup.problems) {
          errors.push({ field: `/details/deliver/address/${problem.startsWith('Country') ? 'country' : 'state'}`, message: problem });
        }
      }
    }
    if (!Array.isArray(body.items) || body.items.length === 0) {
      errors.push({ field: '/items', message: 'At least one item is required' });
    } else {
      body.items.forEach((item: unknown, i) => {
        const product = isRecord(item) && isRecord(item.details) ? item.details.product : undefined;
        if (!productKey(product)) errors.push({ field: `/items/${i}/details/product`, message: 'Product is required' });
        const quantity = isRecord(item) && isRecord(item.measures) ? item.measures.quantity : undefined;
        if (typeof quantity !== 'number' || !Number.isFinite(quantity) || quantity <= 0) {
          errors.push({ field: `/items/${i}/measures/quantity`, message: 'Quantity must be greater than 0' });
        }
      });
    }
    if (errors.length || !customer || !warehouse || !lookup) return { status: 422, body: errors };

    const duplicate = this.checkDuplicate(tenant, customer, reference as string);
    if (duplicate) return { status: 422, body: [duplicate] };

    const order = this.buildOrder(tenant, body, customer, warehouse, lookup);
    tenant.orders.set(order.id as string, order);
    return { status: order.status === 'REJECTED' ? 228 : 201, body: order };
  }

  private resolveCustomer(tenant: SandboxTenant, ref: unknown, errors: FieldError[]): SandboxCustomer | undefined {
    if (!isRecord(ref)) {
      errors.push({ field: '/customer', message: 'Customer is required' });
      return undefined;
    }
    const customers = [...tenant.customers.values()];
    // first present wins: id, then references.code, then name (reference §2)
    let found: SandboxCustomer | undefined;
    if (ref.id !== undefined && ref.id !== null) found = tenant.customers.get(String(ref.id));
    else if (isRecord(ref.references) && nonBlank(ref.references.code)) {
      const code = ref.references.code;
      found = customers.find((c) => c.code === code);
    }
    else if (nonBlank(ref.name)) found = customers.find((c) => c.name === ref.name);
    else {
      errors.push({ field: '/customer', message: 'Customer requires an id, references.code or name' });
      return undefined;
    }
    if (!found) errors.push({ field: '/customer', message: 'Customer does not exist' });
    return found;
  }

  private resolveWarehouse(
    tenant: SandboxTenant,
    ref: unknown,
    customer: SandboxCustomer | undefined,
    errors: FieldError[],
  ): SandboxWarehouse | undefined {
    let found: SandboxWarehouse | undefined;
    if (ref === undefined || ref === null) {
      found = [...tenant.warehouses.values()].find((w) => w.isDefault);
      if (!found) errors.push({ field: '/warehouse', message: 'No default warehouse; a warehouse is required' });
    } else if (isRecord(ref) && ref.id !== undefined && ref.id !== null) {
      found = tenant.warehouses.get(String(ref.id));
      if (!found) errors.push({ field: '/warehouse', message: 'Warehouse does not exist' });
    } else if (isRecord(ref) && nonBlank(ref.name)) {
      found = [...tenant.warehouses.values()].find((w) => w.name === ref.name); // spelled exactly
      if (!found) errors.push({ field: '/warehouse', message: 'Warehouse does not exist' });
    } else {
      errors.push({ field: '/warehouse', message: 'Warehouse requires an id or name' });
    }
    if (found && customer && !customer.warehouseIds.has(found.id)) {
      errors.push({ field: '/warehouse', message: 'Customer is not allowed to use this warehouse' });
      return undefined;
    }
    return found;
  }

  /** The 422 DUPLICATE item, or undefined when the create may go ahead (removing a REJECTED order it overrides). */
  private checkDuplicate(tenant: SandboxTenant, customer: SandboxCustomer, reference: string): FieldError | undefined {
    const setting = customer.settings.duplicateReferences;
    if (setting === 'allow') return undefined;
    const existing = [...tenant.orders.values()].filter(
      (o) => (o.references as Json).customer === reference && (o.customer as Json).id === customer.id,
    );
    if (existing.length === 0) return undefined;
    const blocking = setting === 'override-if-rejected' ? existing.filter((o) => o.status !== 'REJECTED') : existing;
    if (blocking.length === 0) {
      // overriding deletes the old order; the new one gets a new id (reference §3.4, [H-owh])
      for (const old of existing) tenant.orders.delete(old.id as string);
      return undefined;
    }
    return {
      field: '/references/customer',
      message: 'A Sale Order with this Customer Reference already exists.',
      type: 'DUPLICATE',
      details: { duplicateId: blocking[blocking.length - 1]!.id as string },
    };
  }

  private buildOrder(tenant: SandboxTenant, body: Json, customer: SandboxCustomer, warehouse: SandboxWarehouse, lookup: AddressLookup): Json {
    const now = this.store.timestamp();
    const details = body.details as Json;
    const deliver = details.deliver as Json;
    const orderErrors: Array<{ message: string; isResolved: boolean }> = [];
    // "Allow invalid addresses via API" = Yes: the address is constructed from the data provided
    if (!lookup.ok && !customer.settings.allowInvalidAddresses) {
      for (const problem of lookup.problems) orderErrors.push({ message: `Delivery address - ${problem}`, isResolved: false });
    }
    const resolved = lookup.ok ? { country: lookup.country, ...(lookup.state ? { state: lookup.state } : {}) } : {};
    const items: Json[] = [];
    for (const raw of body.items as Json[]) {
      const requested = (raw.details as Json).product as Json;
      const quantity = (raw.measures as Json).quantity as number;
      const unit = isRecord((raw.details as Json).unitOfMeasure) ? ((raw.details as Json).unitOfMeasure as Json) : { type: 'UNITS' };
      const product = findProduct(customer, requested);
      if (!product) {
        const code = (isRecord(requested.references) && (requested.references.code ?? requested.references.barcode)) || requested.id;
        const description = nonBlank(requested.name) ? requested.name : code;
        const message = `${String(description)} (${String(code ?? '')}) x ${quantity} ${String(unit.type)} - Product not found`;
        const removed = customer.settings.unknownProduct === 'remove-line';
        orderErrors.push({ message: removed ? `${message} (line removed)` : message, isResolved: removed });
        if (removed) continue;
      }
      items.push({
        ...raw,
        id: randomUUID(),
        type: 'OUTBOUND',
        references: { numericId: String(items.length + 1) },
        details: {
          ...(raw.details as Json),
          product: product
            ? { id: product.id, name: product.name, references: { code: product.code }, customer: { id: customer.id, name: customer.name } }
            : requested,
          unitOfMeasure: { type: unit.type, name: unit.type === 'UNITS' ? 'Units' : String(unit.type) },
        },
        measures: { quantity },
      });
    }
    if (items.length === 0) orderErrors.push({ message: 'Sale Order has no items', isResolved: false });
    const rejected = orderErrors.some((e) => !e.isResolved);
    const numericId = String(tenant.nextNumericId++);
    const address = deliver.address as Json;
    return {
      ...body,
      type: body.type ?? 'OUTBOUND',
      id: randomUUID(),
      version: 1,
      status: rejected ? 'REJECTED' : 'AWAITING_PICK_AND_PACK',
      references: { ...(body.references as Json), numericId },
      customer: { enabled: true, name: customer.name, references: { code: customer.code }, id: customer.id },
      warehouse: { enabled: true, name: warehouse.name, id: warehouse.id },
      details: {
        allowSplitting: true,
        ...details,
        deliver: {
          method: { type: 'SHIPPING' },
          ...deliver,
          address: { ...address, ...resolved, id: randomUUID(), references: { numericId }, enabled: true, approved: true, draft: false, starred: false },
        },
        ...(orderErrors.length ? { errors: orderErrors } : {}),
      },
      items,
      timestamps: { created: { time: now }, modified: { time: now } },
    };
  }

  /** Warehouse staff start packing: AWAITING_PICK_AND_PACK → PACKING_IN_PROGRESS. */
  startPacking(orderId: string): Json {
    const { order } = this.order(orderId);
    if (order.status !== 'AWAITING_PICK_AND_PACK') {
      throw new SandboxControlError(409, `Order ${orderId} is ${String(order.status)}, not AWAITING_PICK_AND_PACK`);
    }
    this.change(order, { status: 'PACKING_IN_PROGRESS' });
    return order;
  }

  /**
   * Pack completion dispatches the order (the default "Dispatched" trigger, reference §4) and generates its
   * Warehouse Fulfilment: `references.tracking`, `details.tracking{companyName,url}`, one item per package.
   */
  dispatch(orderId: string, input: DispatchInput): { order: Json; consignment: Json } {
    const { tenant, order } = this.order(orderId);
    if (!Number.isInteger(input.packages) || input.packages < 1) throw new SandboxControlError(400, 'packages must be a positive integer');
    if (!nonBlank(input.carrier) || !nonBlank(input.trackingNumber)) throw new SandboxControlError(400, 'carrier and trackingNumber are required');
    if (order.status === 'AWAITING_PICK_AND_PACK') this.startPacking(orderId);
    if (order.status !== 'PACKING_IN_PROGRESS') {
      throw new SandboxControlError(409, `Order ${orderId} is ${String(order.status)} and cannot be dispatched`);
    }
    const now = this.store.timestamp();
    this.change(order, { status: 'DISPATCHED' });
    (order.timestamps as Json).packed = { time: now };
    (order.timestamps as Json).dispatched = { time: now };
    const consignment: Json = {
      id: randomUUID(),
      type: 'CONSIGNMENT',
      status: this.consignmentStatusOnDispatch,
      references: {
        numericId: `WF${String((order.references as Json).numericId)}`,
        customer: (order.references as Json).customer,
        tracking: input.trackingNumber,
      },
      customer: order.customer,
      warehouse: order.warehouse,
      details: {
        type: 'WAREHOUSE_FULFILMENT',
        tracking: { companyName: input.carrier, url: input.trackingUrl ?? null },
        deliver: { address: ((order.details as Json).deliver as Json).address },
      },
      generatedFromTask: { id: order.id, type: 'OUTBOUND_ORDER' },
      items: Array.from({ length: input.packages }, (_, i) => ({
        id: randomUUID(),
        references: { numericId: String(i + 1) },
        measures: { quantity: 1, pallets: 0, weight: 1.5, cubic: 0.01, spaces: 0 },
      })),
      timestamps: { created: { time: now }, modified: { time: now } },
    };
    tenant.consignments.set(consignment.id as string, consignment);
    return { order, consignment };
  }

  /** The carrier re-labels the parcel: tracking on the consignment changes after dispatch. */
  updateTracking(consignmentId: string, patch: { carrier?: string; trackingNumber?: string; trackingUrl?: string | null }): Json {
    const found = this.store.findConsignment(consignmentId);
    if (!found) throw new SandboxControlError(404, `Consignment ${consignmentId} not found`);
    const { consignment } = found;
    const tracking = (consignment.details as Json).tracking as Json;
    if (patch.carrier !== undefined) tracking.companyName = patch.carrier;
    if (patch.trackingUrl !== undefined) tracking.url = patch.trackingUrl;
    if (patch.trackingNumber !== undefined) (consignment.references as Json).tracking = patch.trackingNumber;
    (consignment.timestamps as Json).modified = { time: this.store.timestamp() };
    return consignment;
  }

  /** DELETE …/outbound-orders/{id}: 204. Dispatched orders cannot be deleted (organisation setting, default). */
  delete(tenant: SandboxTenant, orderId: string): ApiAnswer {
    const order = tenant.orders.get(orderId);
    if (!order) return { status: 404, body: [{ message: 'Sale Order not found' }] };
    if (order.status === 'DISPATCHED') {
      return { status: 422, body: [{ message: 'Sale Order cannot be deleted in status DISPATCHED' }] };
    }
    tenant.orders.delete(orderId);
    return { status: 204 };
  }

  private order(orderId: string): { tenant: SandboxTenant; order: Json } {
    const found = this.store.findOrder(orderId);
    if (!found) throw new SandboxControlError(404, `Order ${orderId} not found`);
    return found;
  }

  private change(order: Json, patch: Json): void {
    Object.assign(order, patch);
    order.version = (order.version as number) + 1;
    (order.timestamps as Json).modified = { time: this.store.timestamp() };
  }
}

function findProduct(customer: SandboxCustomer, requested: Json) {
  const refs = isRecord(requested.references) ? requested.references : {};
  const products = [...customer.products.values()];
  // first present wins: id, references.code, references.barcode, name (reference §3.1)
  if (nonBlank(requested.id)) return products.find((p) => p.id === requested.id);
  if (nonBlank(refs.code)) return customer.products.get(refs.code);
  if (nonBlank(refs.barcode)) return products.find((p) => p.barcode === refs.barcode);
  if (nonBlank(requested.name)) return products.find((p) => p.name === requested.name);
  return undefined;
}

function productKey(product: unknown): boolean {
  if (!isRecord(product)) return false;
  const refs = isRecord(product.references) ? product.references : {};
  return nonBlank(product.id) || nonBlank(refs.code) || nonBlank(refs.barcode) || nonBlank(product.name);
}

function nonBlank(value: unknown): value is string {
  return typeof value === 'string' && value.trim() !== '';
}

function isRecord(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
