import type { UnleashedSandboxStore } from './unleashed-sandbox.store.js';
import type { SandboxWebhookBehaviour, SandboxWebhooks } from './unleashed-sandbox.webhooks.js';
import {
  SandboxHttpError,
  type SandboxAccount,
  type SandboxAccountInput,
  type SandboxFaults,
  type SandboxOrderEdit,
  type SandboxOrderInput,
  type SandboxRequest,
  type SandboxShipmentEdit,
  type ProductTracking,
  type SandboxShipmentInput,
  type StoredOrder,
  type StoredShipment,
  type StoredShippingCompany,
  type StoredWarehouse,
} from './unleashed-sandbox.types.js';

/** What the control routes call: UnleashedSandbox's operations (declared here so the two files do not import each other). */
export interface UnleashedSandboxControls {
  readonly store: UnleashedSandboxStore;
  readonly requestLog: SandboxRequest[];
  readonly faults: SandboxFaults;
  readonly webhooks: SandboxWebhooks;
  createAccount(input?: SandboxAccountInput): SandboxAccount;
  account(apiId: string): SandboxAccount;
  updateAccount(apiId: string, changes: Parameters<UnleashedSandboxStore['updateAccount']>[1]): SandboxAccount;
  addWarehouse(apiId: string, input: Parameters<UnleashedSandboxStore['addWarehouse']>[1]): StoredWarehouse;
  addProducts(apiId: string, products: Array<{ code: string; description: string; tracking?: ProductTracking | null }>): void;
  addShippingCompanies(apiId: string, names: string[]): StoredShippingCompany[];
  editShipment(apiId: string, guid: string, edit: SandboxShipmentEdit): StoredShipment;
  createOrder(apiId: string, input: SandboxOrderInput): { order: StoredOrder; shipments: StoredShipment[] };
  editOrder(apiId: string, guid: string, edit: SandboxOrderEdit): StoredOrder;
  setOrderStatus(apiId: string, guid: string, status: string): StoredOrder;
  deleteOrder(apiId: string, guid: string): StoredOrder;
  addShipment(apiId: string, orderGuid: string, input?: SandboxShipmentInput): StoredShipment;
  setShipmentStatus(apiId: string, guid: string, status: string): StoredShipment;
  getShipment(apiId: string, guid: string): StoredShipment;
  shipmentsOfOrder(apiId: string, orderGuid: string): StoredShipment[];
  callCounts(apiId: string): { callsThisMonth: number; byEndpoint: Record<string, number> };
  resetCounters(apiId?: string): void;
  setFaults(faults: Partial<SandboxFaults>): SandboxFaults;
}

/**
 * The sandbox's control surface over HTTP: unsigned, under `/__sandbox/`, JSON in and out (dates in the
 * API's `/Date(ms)/` form). Each route calls the UnleashedSandbox method of the same name.
 *
 *   POST   /__sandbox/accounts                              {apiId?, apiKey?, orderManagement?, timeZone?, monthlyQuota?}
 *   GET    /__sandbox/accounts/:apiId
 *   PATCH  /__sandbox/accounts/:apiId                       {orderManagement?, timeZone?, monthlyQuota?, callsThisMonth?}
 *   POST   /__sandbox/accounts/:apiId/warehouses            {code, name?, isDefault?, obsolete?}
 *   POST   /__sandbox/accounts/:apiId/products              [{code, description, tracking?: 'batch'|'serial'|null}]
 *   POST   /__sandbox/accounts/:apiId/shipping-companies    {names: [..]}
 *   POST   /__sandbox/accounts/:apiId/orders                SandboxOrderInput → {order, shipments}
 *   GET    /__sandbox/accounts/:apiId/orders/:guid          → {order, shipments}
 *   PATCH  /__sandbox/accounts/:apiId/orders/:guid          SandboxOrderEdit
 *   PUT    /__sandbox/accounts/:apiId/orders/:guid/status   {status}
 *   DELETE /__sandbox/accounts/:apiId/orders/:guid          (the order and its shipments become Deleted)
 *   POST   /__sandbox/accounts/:apiId/orders/:guid/shipments {lines?, comments?, status?} (Order Management on)
 *   PUT    /__sandbox/accounts/:apiId/shipments/:guid/status {status} (Order Management on)
 *   GET    /__sandbox/accounts/:apiId/shipments/:guid       the shipment as written back
 *   PATCH  /__sandbox/accounts/:apiId/shipments/:guid       SandboxShipmentEdit {fields?, lines?: [{lineNumber, batchNumbers?, serialNumbers?}]}
 *   GET    /__sandbox/accounts/:apiId/calls                 {callsThisMonth, byEndpoint}
 *   GET    /__sandbox/requests?limit=N                      the last N API requests
 *   POST   /__sandbox/reset-counters                        {apiId?}
 *   GET    /__sandbox/accounts/:apiId/webhooks              the account's subscriptions, with their keys (a test tool)
 *   POST   /__sandbox/accounts/:apiId/webhooks              {notificationUrl, eventTypes, description?}: another app's subscription
 *   GET    /__sandbox/webhooks/deliveries?limit=N           the last N deliveries with every attempt
 *   PUT    /__sandbox/webhooks                              {dropNext?, dataAsObject?, deliveryDelayMs?, retryDelaysMs?}
 *   GET    /__sandbox/faults ; PUT /__sandbox/faults        {latencyMs?, errorRate?, timeoutRate?, rateLimitBurst?, unparseableBurst?, forbiddenBurst?}
 */
export function handleControl(
  sandbox: UnleashedSandboxControls,
  method: string,
  path: string,
  query: URLSearchParams,
  body: unknown,
): { status: number; body: unknown } {
  const [, , ...segments] = path.split('/'); // '', '__sandbox', ...
  const route = `${method} /${segments.map((segment, index) => (isParameter(segments, index) ? ':' : segment)).join('/')}`;
  const apiId = segments[1] ?? '';
  const guid = segments[3] ?? '';
  const input = (body ?? {}) as Record<string, unknown>;
  switch (route) {
    case 'POST /accounts':
      return { status: 201, body: accountView(sandbox.createAccount(input)) };
    case 'GET /accounts/:':
      return ok(accountView(sandbox.account(apiId)));
    case 'PATCH /accounts/:':
      return ok(accountView(sandbox.updateAccount(apiId, pick(input, ['orderManagement', 'timeZone', 'monthlyQuota', 'callsThisMonth']))));
    case 'POST /accounts/:/warehouses':
      return { status: 201, body: sandbox.addWarehouse(apiId, input as unknown as Parameters<UnleashedSandboxControls['addWarehouse']>[1]) };
    case 'POST /accounts/:/products':
      if (!Array.isArray(body)) throw new SandboxHttpError(400, 'send an array of {code, description}');
      sandbox.addProducts(apiId, body as Array<{ code: string; description: string; tracking?: ProductTracking | null }>);
      return ok({ products: sandbox.account(apiId).products.size });
    case 'POST /accounts/:/shipping-companies':
      if (!Array.isArray(input.names)) throw new SandboxHttpError(400, 'send {names: [..]}');
      return { status: 201, body: sandbox.addShippingCompanies(apiId, input.names.map(String)) };
    case 'POST /accounts/:/orders':
      return { status: 201, body: sandbox.createOrder(apiId, input as unknown as SandboxOrderInput) };
    case 'GET /accounts/:/orders/:': {
      const order = sandbox.store.order(sandbox.account(apiId), guid);
      return ok({ order, shipments: sandbox.shipmentsOfOrder(apiId, order.Guid) });
    }
    case 'PATCH /accounts/:/orders/:':
      return ok(sandbox.editOrder(apiId, guid, input as SandboxOrderEdit));
    case 'PUT /accounts/:/orders/:/status':
      return ok(sandbox.setOrderStatus(apiId, guid, String(input.status ?? '')));
    case 'DELETE /accounts/:/orders/:':
      return ok(sandbox.deleteOrder(apiId, guid));
    case 'POST /accounts/:/orders/:/shipments':
      return { status: 201, body: sandbox.addShipment(apiId, guid, input as SandboxShipmentInput) };
    case 'PUT /accounts/:/shipments/:/status':
      return ok(sandbox.setShipmentStatus(apiId, guid, String(input.status ?? '')));
    case 'GET /accounts/:/shipments/:':
      return ok(sandbox.getShipment(apiId, guid));
    case 'PATCH /accounts/:/shipments/:':
      return ok(sandbox.editShipment(apiId, guid, input as SandboxShipmentEdit));
    case 'GET /accounts/:/calls':
      return ok(sandbox.callCounts(apiId));
    case 'GET /requests': {
      const limit = Number(query.get('limit') ?? 100);
      return ok(sandbox.requestLog.slice(-Math.max(1, Math.min(limit, 10_000))));
    }
    case 'POST /reset-counters':
      sandbox.resetCounters(typeof input.apiId === 'string' ? input.apiId : undefined);
      return ok({ reset: true });
    case 'GET /accounts/:/webhooks':
      return ok(sandbox.webhooks.of(sandbox.account(apiId).apiId));
    case 'POST /accounts/:/webhooks':
      return { status: 201, body: sandbox.webhooks.create(sandbox.account(apiId), input) };
    case 'GET /webhooks/deliveries': {
      const limit = Number(query.get('limit') ?? 100);
      return ok(sandbox.webhooks.deliveries.slice(-Math.max(1, Math.min(limit, 10_000))));
    }
    case 'PUT /webhooks': {
      const { dropNext, ...behaviour } = input as { dropNext?: number } & Partial<SandboxWebhookBehaviour>;
      if (dropNext !== undefined) sandbox.webhooks.dropNextDeliveries(dropNext);
      return ok(sandbox.webhooks.setBehaviour(behaviour));
    }
    case 'GET /faults':
      return ok(sandbox.faults);
    case 'PUT /faults':
      return ok(sandbox.setFaults(input));
    default:
      throw new SandboxHttpError(404, `No sandbox control route ${method} ${path}`);
  }
}

/** Which path segments are identifiers: accounts/:apiId, orders/:guid, shipments/:guid. */
function isParameter(segments: string[], index: number): boolean {
  return index % 2 === 1 && ['accounts', 'orders', 'shipments'].includes(segments[index - 1] ?? '');
}

const ok = (body: unknown) => ({ status: 200, body });

function accountView(account: SandboxAccount) {
  const { apiId, apiKey, orderManagement, timeZone, monthlyQuota, callsThisMonth } = account;
  return { apiId, apiKey, orderManagement, timeZone, monthlyQuota, callsThisMonth, warehouses: account.warehouses.map((w) => w.WarehouseCode) };
}

function pick<K extends string>(input: Record<string, unknown>, keys: K[]): Partial<Record<K, never>> {
  return Object.fromEntries(keys.filter((key) => input[key] !== undefined).map((key) => [key, input[key]])) as Partial<Record<K, never>>;
}
