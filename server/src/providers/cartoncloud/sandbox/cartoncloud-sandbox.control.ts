import type { ApiAnswer, DispatchInput } from './cartoncloud-sandbox.orders.js';
import { SandboxControlError, type CreateLogEntry, type CustomerSettings, type Json, type SandboxFaults } from './cartoncloud-sandbox.store.js';

/** What the control routes call: CartonCloudSandbox's operations (declared here so the two files do not import each other). */
export interface CartonCloudSandboxControls {
  reset(): void;
  createTenant(input?: { id?: string; name?: string }): { id: string; name: string };
  createApiClient(tenantId: string, input?: { clientId?: string; clientSecret?: string }): { clientId: string; clientSecret: string };
  createWarehouse(tenantId: string, input: { id?: string; name: string; isDefault?: boolean }): { id: string; name: string; isDefault: boolean };
  createCustomer(
    tenantId: string,
    input: { id?: string; name: string; code?: string | null; warehouseIds?: string[]; settings?: Partial<CustomerSettings> },
  ): { id: string; name: string };
  allowWarehouses(tenantId: string, customerId: string, warehouseIds: string[]): void;
  addProducts(tenantId: string, customerId: string, products: Array<{ code: string; name?: string; barcode?: string }>): void;
  setCustomerSettings(tenantId: string, customerId: string, settings: Partial<CustomerSettings>): CustomerSettings;
  listOrders(tenantId: string): Json[];
  startPacking(orderId: string): Json;
  dispatchOrder(orderId: string, input: DispatchInput): { order: Json; consignment: Json };
  updateConsignmentTracking(consignmentId: string, patch: { carrier?: string; trackingNumber?: string; trackingUrl?: string | null }): Json;
  deleteOrder(orderId: string): boolean;
  revokeTokens(): void;
  rotateClientSecret(tenantId: string, clientId: string, clientSecret?: string): { clientId: string; clientSecret: string };
  startOutage(input: { ms: number; kind?: 'error' | 'timeout' }): SandboxFaults;
  endOutage(): SandboxFaults;
  createLog(): CreateLogEntry[];
  setMissingRoles(tenantId: string, clientId: string, roles: string[]): void;
  setSearchRefusals(refusals: { refuseStatusPointer?: boolean; refuseDateTimeComparisons?: boolean }): void;
  stats(): { calls: Record<string, number>; rateLimited: number };
  resetStats(): void;
  setFaults(faults: Partial<SandboxFaults>): SandboxFaults;
  autoProgress(input: { dispatchAfterMs: number }): void;
  stopAutoProgress(): void;
}

/**
 * The sandbox's control surface over HTTP, under `/__sandbox/…`, without auth: the same operations as the
 * CartonCloudSandbox methods, for the demo, the browser tests and the benchmarks (README "Control API").
 */
export class SandboxControl {
  constructor(private readonly sandbox: CartonCloudSandboxControls) {}

  handle(method: string, path: string[], raw: string): ApiAnswer {
    let body: Record<string, unknown>;
    try {
      const parsed: unknown = raw.trim() ? JSON.parse(raw) : {};
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return fail(400, 'Body must be a JSON object');
      body = parsed as Record<string, unknown>;
    } catch {
      return fail(400, 'Malformed JSON');
    }
    try {
      return this.route(method, path, body) ?? fail(404, `No control route ${method} /__sandbox/${path.join('/')}`);
    } catch (error) {
      if (error instanceof SandboxControlError) return fail(error.status, error.message);
      throw error;
    }
  }

  private route(method: string, path: string[], body: Record<string, unknown>): ApiAnswer | undefined {
    const s = this.sandbox;
    const key = `${method} ${path.map((p, i) => (isParam(path, i) ? ':' : p)).join('/')}`;
    const [, a, , b] = path;
    const input = body as never;
    switch (key) {
      case 'POST reset':
        s.reset();
        return ok(204);
      case 'GET stats':
        return ok(200, s.stats());
      case 'DELETE stats':
        s.resetStats();
        return ok(204);
      case 'PUT faults':
        return ok(200, s.setFaults(pickFaults(body)));
      case 'POST revoke-tokens':
        s.revokeTokens();
        return ok(204);
      case 'POST outage': {
        const minutes = body.minutes;
        if (typeof minutes !== 'number' || minutes < 0) return fail(400, 'minutes must be a non-negative number');
        if (body.kind !== undefined && body.kind !== 'error' && body.kind !== 'timeout') return fail(400, 'kind must be error or timeout');
        return ok(200, s.startOutage({ ms: minutes * 60_000, kind: body.kind }));
      }
      case 'DELETE outage':
        return ok(200, s.endOutage());
      case 'GET create-log':
        return ok(200, s.createLog());
      case 'POST tenants/:/clients/:/rotate-secret':
        if (body.clientSecret !== undefined && (typeof body.clientSecret !== 'string' || !body.clientSecret)) return fail(400, 'clientSecret must be a non-empty string');
        return ok(200, s.rotateClientSecret(a!, b!, body.clientSecret as string | undefined));
      case 'POST auto-progress':
        if (typeof body.dispatchAfterMs !== 'number' || body.dispatchAfterMs < 0) return fail(400, 'dispatchAfterMs must be a number');
        s.autoProgress({ dispatchAfterMs: body.dispatchAfterMs });
        return ok(204);
      case 'DELETE auto-progress':
        s.stopAutoProgress();
        return ok(204);
      case 'POST tenants':
        return ok(201, s.createTenant(input));
      case 'POST tenants/:/clients':
        return ok(201, s.createApiClient(a!, input));
      case 'PUT tenants/:/clients/:/missing-roles':
        s.setMissingRoles(a!, b!, stringArray(body.roles, 'roles'));
        return ok(204);
      case 'PUT search-refusals':
        s.setSearchRefusals(input);
        return ok(204);
      case 'POST tenants/:/warehouses':
        return ok(201, s.createWarehouse(a!, requireName(body)));
      case 'POST tenants/:/customers':
        return ok(201, s.createCustomer(a!, requireName(body)));
      case 'PUT tenants/:/customers/:/warehouses':
        s.allowWarehouses(a!, b!, stringArray(body.warehouseIds, 'warehouseIds'));
        return ok(204);
      case 'POST tenants/:/customers/:/products':
        if (!Array.isArray(body.products)) return fail(400, 'products must be an array of {code, name?}');
        s.addProducts(a!, b!, body.products as never);
        return ok(204);
      case 'PATCH tenants/:/customers/:/settings':
        return ok(200, s.setCustomerSettings(a!, b!, input));
      case 'GET tenants/:/orders':
        return ok(200, s.listOrders(a!));
      case 'POST orders/:/start-packing':
        return ok(200, s.startPacking(a!));
      case 'POST orders/:/dispatch':
        return ok(200, s.dispatchOrder(a!, input));
      case 'DELETE orders/:':
        return s.deleteOrder(a!) ? ok(204) : fail(404, `Order ${a!} not found`);
      case 'PATCH consignments/:/tracking':
        return ok(200, s.updateConsignmentTracking(a!, input));
      default:
        return undefined;
    }
  }
}

/** Ids sit at odd positions: tenants/{id}/customers/{id}/…, orders/{id}/…, consignments/{id}/… */
function isParam(path: string[], index: number): boolean {
  return index % 2 === 1 && ['tenants', 'orders', 'consignments', 'customers', 'clients'].includes(path[index - 1] ?? '');
}

function pickFaults(body: Record<string, unknown>): Partial<SandboxFaults> {
  const faults: Partial<SandboxFaults> = {};
  if (body.failingReferences !== undefined) {
    if (!Array.isArray(body.failingReferences) || !body.failingReferences.every((r) => typeof r === 'string')) throw new SandboxControlError(400, 'failingReferences must be an array of strings');
    faults.failingReferences = body.failingReferences as string[];
  }
  for (const name of ['latencyMs', 'errorRate', 'timeoutRate', 'rateLimitBurst', 'errorBurst', 'timeoutBurst', 'lostAnswerBurst'] as const) {
    const value = body[name];
    if (value === undefined) continue;
    if (typeof value !== 'number' || value < 0) throw new SandboxControlError(400, `${name} must be a non-negative number`);
    faults[name] = value;
  }
  return faults;
}

function requireName<T extends Record<string, unknown>>(body: T): T & { name: string } {
  if (typeof body.name !== 'string' || !body.name.trim()) throw new SandboxControlError(400, 'name is required');
  return body as T & { name: string };
}

function stringArray(value: unknown, name: string): string[] {
  if (!Array.isArray(value) || !value.every((v) => typeof v === 'string')) throw new SandboxControlError(400, `${name} must be an array of ids`);
  return value;
}

const ok = (status: number, body?: unknown): ApiAnswer => ({ status, body });
const fail = (status: number, message: string): ApiAnswer => ({ status, body: [{ message }] });
