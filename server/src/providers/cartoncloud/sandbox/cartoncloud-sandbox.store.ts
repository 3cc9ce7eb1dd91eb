import { randomBytes, randomUUID } from 'node:crypto';
import type { Clock } from '../../../common/clock.js';

/**
 * In-memory state of the CartonCloud sandbox: tenants, their API clients, customers, warehouses,
 * product catalogues, orders and consignments. Orders and consignments are kept as the JSON the API
 * returns, so search evaluates pointers on exactly what a client sees.
 */

export type UnknownProductSetting = 'reject' | 'remove-line';
export type DuplicateReferenceSetting = 'reject' | 'override-if-rejected' | 'allow';

export interface CustomerSettings {
  /** customer setting "unknown product code" (reference §3.2): reject the order (228) or drop the line */
  unknownProduct: UnknownProductSetting;
  /**
   * duplicate customer references (reference §3.4, Round 2): allowed by default — the 422 DUPLICATE is
   * documented for purchase orders only — or 422 DUPLICATE, or override a REJECTED order
   */
  duplicateReferences: DuplicateReferenceSetting;
  /** customer setting "Allow invalid addresses via API" [H-cint]: No (default) rejects an order whose country or state lookup fails */
  allowInvalidAddresses: boolean;
}
export const defaultCustomerSettings: CustomerSettings = { unknownProduct: 'reject', duplicateReferences: 'allow', allowInvalidAddresses: false };

/** One create request as the sandbox received it (`createLog`): what the exactly-once tests count. */
export interface CreateLogEntry {
  /** sandbox clock, ISO 8601 */
  at: string;
  tenantId: string;
  /** `customer.id` as sent (null when the body named the customer otherwise) */
  customerId: string | null;
  /** `references.customer` as sent */
  reference: string | null;
  /** `references.alternateReference` as sent */
  alternateReference: string | null;
  /** the answer: 201, 228, 422, 400, 429 (the create limit: nothing was read) */
  status: number;
  /** the order created, if any */
  orderId: string | null;
  /** false when the answer was lost on the way back (`lostAnswerBurst`): the order exists, the client never heard */
  answered: boolean;
}

export interface SandboxProduct {
  id: string;
  code: string;
  name: string;
  barcode?: string;
}
export interface SandboxCustomer {
  id: string;
  name: string;
  code: string | null;
  warehouseIds: Set<string>;
  products: Map<string, SandboxProduct>; // by code
  settings: CustomerSettings;
}
export interface SandboxWarehouse {
  id: string;
  name: string;
  isDefault: boolean;
}
export interface SandboxApiClient {
  clientId: string;
  clientSecret: string;
  /** accepted create requests inside the rate-limit window (epoch ms) */
  createTimes: number[];
  /** roles the 3PL did not give this client (Settings → API Clients); absent: every role */
  missingRoles?: Set<string>;
}
export type Json = Record<string, unknown>;
export interface SandboxTenant {
  id: string;
  name: string;
  clients: Map<string, SandboxApiClient>;
  customers: Map<string, SandboxCustomer>;
  warehouses: Map<string, SandboxWarehouse>;
  orders: Map<string, Json>;
  consignments: Map<string, Json>;
  nextNumericId: number;
}
export interface SandboxToken {
  tenantId: string;
  clientId: string;
  expiresAt: number;
}

/** A failure of a control operation, answered with this status and `[{message}]`. */
/** Fault injection, for the client's error paths, the demo and the benchmarks. */
export interface SandboxFaults {
  /** added to every API answer */
  latencyMs: number;
  /** share (0–1) of API requests answered 503 */
  errorRate: number;
  /** share (0–1) of API requests never answered */
  timeoutRate: number;
  /** the next N API requests are answered 429 */
  rateLimitBurst: number;
  /** the next N API requests are answered 503 (deterministic errorRate) */
  errorBurst: number;
  /** the next N API requests are never answered (deterministic timeoutRate) */
  timeoutBurst: number;
  /** the next N API requests are carried out, then the connection is dropped before the answer (a create that "timed out" but exists) */
  lostAnswerBurst: number;
  /** every API request (the token endpoint too) fails until this instant of the sandbox clock (epoch ms; 0: no outage) */
  outageUntil: number;
  /** how the outage fails: 503, or no answer at all */
  outageKind: 'error' | 'timeout';
  /** create requests with these customer references get 500 (CartonCloud failing on one order's data) */
  failingReferences: string[];
}

export class SandboxControlError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export class SandboxStore {
  readonly tenants = new Map<string, SandboxTenant>();
  readonly tokens = new Map<string, SandboxToken>();
  /** every create request, oldest first (reset with the store) */
  readonly createLog: CreateLogEntry[] = [];

  constructor(
    private readonly clock: Clock,
    /** offset written into every timestamp, e.g. "+10:00" (CartonCloud writes local time with offset) */
    private readonly utcOffset: string,
  ) {}

  reset(): void {
    this.tenants.clear();
    this.tokens.clear();
    this.createLog.length = 0;
  }

  /** `now` as ISO 8601 in the sandbox's offset, e.g. 2026-01-05T11:00:00.000+11:00 */
  timestamp(at: Date = this.clock.now()): string {
    const match = /^([+-])(\d{2}):(\d{2})$/.exec(this.utcOffset);
    const minutes = match ? (match[1] === '-' ? -1 : 1) * (Number(match[2]) * 60 + Number(match[3])) : 0;
    const local = new Date(at.getTime() + minutes * 60_000).toISOString().slice(0, -1);
    return `${local}${minutes === 0 ? 'Z' : this.utcOffset}`;
  }

  createTenant(input: { id?: string; name?: string } = {}): SandboxTenant {
    const id = input.id ?? randomUUID();
    if (this.tenants.has(id)) throw new SandboxControlError(409, `Tenant ${id} already exists`);
    const tenant: SandboxTenant = {
      id,
      name: input.name ?? 'Sandbox 3PL',
      clients: new Map(),
      customers: new Map(),
      warehouses: new Map(),
      orders: new Map(),
      consignments: new Map(),
      nextNumericId: 1001,
    };
    this.tenants.set(id, tenant);
    return tenant;
  }

  tenant(id: string): SandboxTenant {
    const tenant = this.tenants.get(id);
    if (!tenant) throw new SandboxControlError(404, `Tenant ${id} not found`);
    return tenant;
  }

  createApiClient(tenantId: string, input: { clientId?: string; clientSecret?: string } = {}): SandboxApiClient {
    const tenant = this.tenant(tenantId);
    const client: SandboxApiClient = {
      clientId: input.clientId ?? randomUUID(),
      clientSecret: input.clientSecret ?? randomBytes(24).toString('base64url'),
      createTimes: [],
    };
    for (const other of this.tenants.values()) {
      if (other.clients.has(client.clientId)) throw new SandboxControlError(409, `API client ${client.clientId} already exists`);
    }
    tenant.clients.set(client.clientId, client);
    return client;
  }

  findApiClient(clientId: string): { tenant: SandboxTenant; client: SandboxApiClient } | undefined {
    for (const tenant of this.tenants.values()) {
      const client = tenant.clients.get(clientId);
      if (client) return { tenant, client };
    }
    return undefined;
  }

  createWarehouse(tenantId: string, input: { id?: string; name: string; isDefault?: boolean }): SandboxWarehouse {
    const tenant = this.tenant(tenantId);
    const warehouse: SandboxWarehouse = { id: input.id ?? randomUUID(), name: input.name, isDefault: false };
    tenant.warehouses.set(warehouse.id, warehouse);
    // the first warehouse is the default until another is made the default
    if (input.isDefault || tenant.warehouses.size === 1) this.setDefaultWarehouse(tenantId, warehouse.id);
    return warehouse;
  }

  setDefaultWarehouse(tenantId: string, warehouseId: string): void {
    const tenant = this.tenant(tenantId);
    if (!tenant.warehouses.has(warehouseId)) throw new SandboxControlError(404, `Warehouse ${warehouseId} not found`);
    for (const warehouse of tenant.warehouses.values()) warehouse.isDefault = warehouse.id === warehouseId;
  }

  createCustomer(
    tenantId: string,
    input: { id?: string; name: string; code?: string | null; warehouseIds?: string[]; settings?: Partial<CustomerSettings> },
  ): SandboxCustomer {
    const tenant = this.tenant(tenantId);
    const customer: SandboxCustomer = {
      id: input.id ?? randomUUID(),
      name: input.name,
      code: input.code ?? null,
      warehouseIds: new Set(),
      products: new Map(),
      settings: { ...defaultCustomerSettings, ...input.settings },
    };
    tenant.customers.set(customer.id, customer);
    this.allowWarehouses(tenantId, customer.id, input.warehouseIds ?? []);
    return customer;
  }

  customer(tenantId: string, customerId: string): SandboxCustomer {
    const customer = this.tenant(tenantId).customers.get(customerId);
    if (!customer) throw new SandboxControlError(404, `Customer ${customerId} not found`);
    return customer;
  }

  /** Which warehouses a customer may use (customer setting in the web app; no API). */
  allowWarehouses(tenantId: string, customerId: string, warehouseIds: string[]): void {
    const tenant = this.tenant(tenantId);
    const customer = this.customer(tenantId, customerId);
    for (const id of warehouseIds) {
      if (!tenant.warehouses.has(id)) throw new SandboxControlError(404, `Warehouse ${id} not found`);
      customer.warehouseIds.add(id);
    }
  }

  addProducts(tenantId: string, customerId: string, products: Array<{ code: string; name?: string; barcode?: string }>): SandboxProduct[] {
    const customer = this.customer(tenantId, customerId);
    return products.map(({ code, name, barcode }) => {
      const product = { id: customer.products.get(code)?.id ?? randomUUID(), code, name: name ?? code, barcode };
      customer.products.set(code, product);
      return product;
    });
  }

  setCustomerSettings(tenantId: string, customerId: string, settings: Partial<CustomerSettings>): CustomerSettings {
    const customer = this.customer(tenantId, customerId);
    if (settings.unknownProduct && !['reject', 'remove-line'].includes(settings.unknownProduct)) {
      throw new SandboxControlError(400, `unknownProduct must be reject or remove-line`);
    }
    if (settings.duplicateReferences && !['reject', 'override-if-rejected', 'allow'].includes(settings.duplicateReferences)) {
      throw new SandboxControlError(400, `duplicateReferences must be reject, override-if-rejected or allow`);
    }
    if (settings.allowInvalidAddresses !== undefined && typeof settings.allowInvalidAddresses !== 'boolean') {
      throw new SandboxControlError(400, 'allowInvalidAddresses must be true or false');
    }
    customer.settings = { ...customer.settings, ...settings };
    return customer.settings;
  }

  issueToken(tenantId: string, clientId: string, expiresInSeconds: number): string {
    const token = randomBytes(32).toString('base64url');
    this.tokens.set(token, { tenantId, clientId, expiresAt: this.clock.now().getTime() + expiresInSeconds * 1000 });
    return token;
  }

  /** Undefined for an unknown or expired token. */
  checkToken(token: string): SandboxToken | undefined {
    const entry = this.tokens.get(token);
    if (!entry) return undefined;
    if (this.clock.now().getTime() >= entry.expiresAt) {
      this.tokens.delete(token);
      return undefined;
    }
    return entry;
  }

  revokeTokens(): void {
    this.tokens.clear();
  }

  /** The 3PL rotates an API client's secret in the web app: the old secret and the client's tokens stop working. */
  rotateClientSecret(tenantId: string, clientId: string, clientSecret?: string): SandboxApiClient {
    const client = this.tenant(tenantId).clients.get(clientId);
    if (!client) throw new SandboxControlError(404, `API client ${clientId} not found`);
    client.clientSecret = clientSecret ?? randomBytes(24).toString('base64url');
    for (const [token, entry] of this.tokens) if (entry.clientId === clientId) this.tokens.delete(token);
    return client;
  }

  /** An order by id, in whichever tenant holds it. */
  findOrder(orderId: string): { tenant: SandboxTenant; order: Json } | undefined {
    for (const tenant of this.tenants.values()) {
      const order = tenant.orders.get(orderId);
      if (order) return { tenant, order };
    }
    return undefined;
  }

  findConsignment(consignmentId: string): { tenant: SandboxTenant; consignment: Json } | undefined {
    for (const tenant of this.tenants.values()) {
      const consignment = tenant.consignments.get(consignmentId);
      if (consignment) return { tenant, consignment };
    }
    return undefined;
  }
}
