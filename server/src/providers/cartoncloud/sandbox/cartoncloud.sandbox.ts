import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { systemClock, type Clock } from '../../../common/clock.js';
import { SandboxControl } from './cartoncloud-sandbox.control.js';
import { createCallsPerReference, createLimitAnswer, createLogEntry, referenceOf } from './cartoncloud-sandbox.create-log.js';
import { loseAnswer, nextFault, noFaults } from './cartoncloud-sandbox.faults.js';
import { progressDemoOrders } from './cartoncloud-sandbox.demo-progress.js';
import { SandboxOrders, type DispatchInput } from './cartoncloud-sandbox.orders.js';
import {
  endpointName,
  invalidJson,
  pagedSearch,
  parseJson,
  readRequestBody,
  send,
  type HttpAnswer,
} from './cartoncloud-sandbox.http.js';
import { bearerToken, handleUaa } from './cartoncloud-sandbox.uaa.js';
import { searchableProduct, warehouseProductPointers, warehouseProducts } from './cartoncloud-sandbox.products.js';
import {
  SandboxControlError,
  SandboxStore,
  type CreateLogEntry,
  type CustomerSettings,
  type SandboxFaults,
  type Json,
  type SandboxApiClient,
  type SandboxTenant,
} from './cartoncloud-sandbox.store.js';
import { sandboxSettings, type CartonCloudSandboxOptions, type SandboxSettings } from './cartoncloud-sandbox.options.js';

export type { CartonCloudSandboxOptions } from './cartoncloud-sandbox.options.js';

const saleOrderPointers = new Set([
  '/references/customer',
  '/customer/id',
  '/customer/name',
  '/status',
  '/timestamps/created/time',
  '/timestamps/modified/time',
  '/timestamps/dispatched/time',
  '/timestamps/packed/time',
]);
const consignmentPointers = new Set(['/generatedFromTask/id', '/details/type']);
/** The role a consignment search or read needs (reference, Round 2: without it the answer is 403). */
const CONSIGNMENT_ROLE = 'TMS View Jobs';

/**
 * A faithful fake of the CartonCloud API (shared/reference/cartoncloud-api.md) on node:http, for the
 * contract tests, the demo and the benchmarks. API routes behave like the real service; `/__sandbox/…`
 * (no auth) and the public methods below play the warehouse and the 3PL's administrator.
 */
export class CartonCloudSandbox {
  readonly store: SandboxStore;
  readonly orders: SandboxOrders;
  private readonly clock: Clock;
  private readonly random: () => number;
  private readonly settings: SandboxSettings;
  private faults: SandboxFaults;
  private readonly control: SandboxControl;
  private server?: Server;
  private calls: Record<string, number> = {};
  private rateLimitedCount = 0;
  private autoTimer?: NodeJS.Timeout;

  constructor(options: CartonCloudSandboxOptions = {}) {
    this.clock = options.clock ?? systemClock;
    this.random = options.random ?? Math.random;
    this.settings = sandboxSettings(options);
    this.faults = { ...noFaults, ...options.faults };
    this.store = new SandboxStore(this.clock, this.settings.utcOffset);
    this.orders = new SandboxOrders(this.store, this.settings.consignmentStatusOnDispatch, this.settings.invalidAddressAnswer);
    this.control = new SandboxControl(this);
  }

  /** Starts serving; resolves to the base URL, e.g. http://127.0.0.1:41234 */
  async listen(port = 0, host = '127.0.0.1'): Promise<string> {
    const server = createServer((req, res) => {
      this.handle(req, res).catch((error: unknown) => {
        if (!res.headersSent) send(res, 500, [{ message: error instanceof Error ? error.message : 'Internal error' }]);
      });
    });
    this.server = server;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => resolve());
    });
    return this.url;
  }

  get url(): string {
    const address = this.server?.address() as AddressInfo | null | undefined;
    if (!address) throw new Error('CartonCloud sandbox is not listening');
    return `http://${address.address}:${address.port}`;
  }

  async close(): Promise<void> {
    this.stopAutoProgress();
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    server.closeAllConnections(); // also ends requests held open by timeout faults
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  // ---- administration (also over HTTP under /__sandbox, see cartoncloud-sandbox.control.ts) ----

  /** Forgets all tenants, orders, tokens, call counts and faults. */
  reset(): void {
    this.store.reset();
    this.resetStats();
    this.faults = { ...noFaults };
    this.stopAutoProgress();
  }
  createTenant(input: { id?: string; name?: string } = {}): { id: string; name: string } {
    const { id, name } = this.store.createTenant(input);
    return { id, name };
  }
  createApiClient(tenantId: string, input: { clientId?: string; clientSecret?: string } = {}): { clientId: string; clientSecret: string } {
    const { clientId, clientSecret } = this.store.createApiClient(tenantId, input);
    return { clientId, clientSecret };
  }
  createWarehouse(tenantId: string, input: { id?: string; name: string; isDefault?: boolean }): { id: string; name: string; isDefault: boolean } {
    return { ...this.store.createWarehouse(tenantId, input) };
  }
  createCustomer(
    tenantId: string,
    input: { id?: string; name: string; code?: string | null; warehouseIds?: string[]; settings?: Partial<CustomerSettings> },
  ): { id: string; name: string } {
    const { id, name } = this.store.createCustomer(tenantId, input);
    return { id, name };
  }
  allowWarehouses(tenantId: string, customerId: string, warehouseIds: string[]): void {
    this.store.allowWarehouses(tenantId, customerId, warehouseIds);
  }
  addProducts(tenantId: string, customerId: string, products: Array<{ code: string; name?: string; barcode?: string }>): void {
    this.store.addProducts(tenantId, customerId, products);
  }
  setCustomerSettings(tenantId: string, customerId: string, settings: Partial<CustomerSettings>): CustomerSettings {
    return this.store.setCustomerSettings(tenantId, customerId, settings);
  }
  listOrders(tenantId: string): Json[] {
    return [...this.store.tenant(tenantId).orders.values()];
  }
  getOrder(orderId: string): Json | undefined {
    return this.store.findOrder(orderId)?.order;
  }
  startPacking(orderId: string): Json {
    return this.orders.startPacking(orderId);
  }
  /** Packs and dispatches an order and generates its Warehouse Fulfilment consignment. */
  dispatchOrder(orderId: string, input: DispatchInput): { order: Json; consignment: Json } {
    return this.orders.dispatch(orderId, input);
  }
  updateConsignmentTracking(consignmentId: string, patch: { carrier?: string; trackingNumber?: string; trackingUrl?: string | null }): Json {
    return this.orders.updateTracking(consignmentId, patch);
  }
  deleteOrder(orderId: string): boolean {
    const found = this.store.findOrder(orderId);
    return found ? found.tenant.orders.delete(orderId) : false;
  }
  /** The 3PL takes these roles away from an API client (empty: every role again); e.g. "TMS View Jobs" makes consignment calls 403. */
  setMissingRoles(tenantId: string, clientId: string, roles: string[]): void {
    const client = this.store.tenant(tenantId).clients.get(clientId);
    if (!client) throw new SandboxControlError(404, `API client ${clientId} not found`);
    client.missingRoles = new Set(roles);
  }
  /** Switches the search refusals (`refuseStatusPointer`, `refuseDateTimeComparisons`) at run time. */
  setSearchRefusals(refusals: { refuseStatusPointer?: boolean; refuseDateTimeComparisons?: boolean }): void {
    if (refusals.refuseStatusPointer !== undefined) this.settings.refuseStatusPointer = refusals.refuseStatusPointer;
    if (refusals.refuseDateTimeComparisons !== undefined) this.settings.refuseDateTimeComparisons = refusals.refuseDateTimeComparisons;
  }
  /** Every issued token stops working (the next API call gets 401). */
  revokeTokens(): void {
    this.store.revokeTokens();
  }
  /** The 3PL rotates the API client's secret: the old secret gets 401 at the token endpoint, the client's tokens 401 at the API. */
  rotateClientSecret(tenantId: string, clientId: string, clientSecret?: string): { clientId: string; clientSecret: string } {
    const client = this.store.rotateClientSecret(tenantId, clientId, clientSecret);
    return { clientId: client.clientId, clientSecret: client.clientSecret };
  }
  /**
   * CartonCloud fails every API request (the token endpoint too) for `ms` of the sandbox clock: 503, or no
   * answer at all ('timeout'). On a ManualClock the outage lasts until the test moves the clock past it.
   */
  startOutage(input: { ms: number; kind?: 'error' | 'timeout' }): SandboxFaults {
    return this.setFaults({ outageUntil: this.clock.now().getTime() + input.ms, outageKind: input.kind ?? 'error' });
  }
  endOutage(): SandboxFaults {
    return this.setFaults({ outageUntil: 0 });
  }
  /** Every create request received, oldest first: reference, alternate reference, answer, order created. */
  createLog(): CreateLogEntry[] {
    return this.store.createLog.map((entry) => ({ ...entry }));
  }
  /**
   * Create requests CartonCloud read, per customer reference (a 429 of the create limit is refused unread
   * and not counted; injected faults never reach the create and are not logged). The exactly-once tests
   * expect at most 1 per reference.
   */
  createCallsPerReference(): Map<string, number> {
    return createCallsPerReference(this.store.createLog);
  }
  /** Requests per endpoint (route template) and the number of 429 answers. */
  stats(): { calls: Record<string, number>; rateLimited: number } {
    return { calls: { ...this.calls }, rateLimited: this.rateLimitedCount };
  }
  resetStats(): void {
    this.calls = {};
    this.rateLimitedCount = 0;
  }
  setFaults(faults: Partial<SandboxFaults>): SandboxFaults {
    this.faults = { ...this.faults, ...faults };
    return { ...this.faults };
  }

  /** Changes the create limit while serving (the drills move between CartonCloud's real 30/minute and a raised one). */
  setCreateRateLimit(limit: { limit: number; windowMs: number } | false): void {
    this.settings.createRateLimit = limit;
  }

  /**
   * Demo mode: orders start packing after half of `dispatchAfterMs` and are dispatched after all of it
   * (age by the sandbox clock), with a believable carrier, tracking number and package count.
   */
  autoProgress(input: { dispatchAfterMs: number }): void {
    this.stopAutoProgress();
    const { dispatchAfterMs } = input;
    const tick = () => progressDemoOrders(this.store, this.orders, this.clock.now().getTime(), dispatchAfterMs, this.random);
    this.autoTimer = setInterval(tick, Math.max(20, Math.min(1000, dispatchAfterMs / 4)));
    this.autoTimer.unref();
  }
  stopAutoProgress(): void {
    if (this.autoTimer) clearInterval(this.autoTimer);
    this.autoTimer = undefined;
  }

  // ---- HTTP ----

  private search(
    collection: Map<string, Json>,
    raw: string,
    url: URL,
    req: IncomingMessage,
    pointers: ReadonlySet<string>,
    searchable?: (doc: Json) => unknown,
  ): HttpAnswer {
    const allowedPointers = this.settings.strictSearchPointers ? pointers : undefined;
    return pagedSearch(collection, raw, url, String(req.headers.prefer ?? ''), {
      allowedPointers,
      refusedPointers: this.settings.refuseStatusPointer ? new Set(['/status']) : undefined,
      refusedTypes: this.settings.refuseDateTimeComparisons ? new Set(['DateTimeComparisonCondition']) : undefined,
      defaultPageSize: this.settings.defaultPageSize,
      searchable,
    });
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://sandbox');
    const method = req.method ?? 'GET';
    const raw = await readRequestBody(req);
    const segments = url.pathname.split('/').filter(Boolean).map(decodeURIComponent);
    if (segments[0] === '__sandbox') {
      const answer = this.control.handle(method, segments.slice(1), raw);
      return send(res, answer.status, answer.body);
    }
    const endpoint = endpointName(method, segments);
    this.calls[endpoint] = (this.calls[endpoint] ?? 0) + 1;

    if (this.faults.latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, this.faults.latencyMs));
    switch (nextFault(this.faults, this.clock.now().getTime(), this.random)) {
      case 'rate-limited':
        this.rateLimitedCount++;
        return send(res, 429, [{ message: 'Too Many Requests' }]);
      case 'timeout':
        return; // never answered; close() ends the connection
      case 'error':
        return send(res, 503, [{ message: 'Service Unavailable' }]);
      case 'none':
    }

    const version = req.headers['accept-version'];
    if (version === undefined) return send(res, 400, [{ message: 'Missing required header: Accept-Version' }]);
    if (version !== '1') return send(res, 406, [{ message: `Unsupported Accept-Version: ${String(version)}` }]);

    if (segments[0] === 'uaa') return this.handleUaa(req, res, method, segments, raw);
    if (segments[0] !== 'tenants' || !segments[1]) return send(res, 404, [{ message: 'Not Found' }]);

    const token = this.authenticate(req);
    if (!token) return send(res, 401, { error: 'invalid_token', error_description: 'Access token is missing, invalid or expired' });
    const tenant = this.store.tenants.get(segments[1]);
    if (!tenant) return send(res, 404, [{ message: 'Tenant not found' }]);
    if (token.tenantId !== tenant.id) return send(res, 403, [{ message: 'Access is denied' }]);
    const client = tenant.clients.get(token.clientId)!;
    const isCreate = method === 'POST' && segments.length === 3 && segments[2] === 'outbound-orders';
    if (isCreate && this.faults.failingReferences.includes(referenceOf(raw) ?? '')) {
      return send(res, 500, [{ message: 'Internal Server Error' }]);
    }
    const answer = this.route(tenant, client, method, segments.slice(2), url, raw, req);
    const lost = loseAnswer(this.faults);
    if (isCreate) {
      this.store.createLog.push(createLogEntry(this.store.timestamp(), tenant.id, raw, answer, !lost));
    }
    if (lost) {
      res.destroy(); // carried out, but the client never hears: a network error on its side
      return;
    }
    return send(res, answer.status, answer.body, answer.headers);
  }

  private route(
    tenant: SandboxTenant,
    client: SandboxApiClient,
    method: string,
    path: string[],
    url: URL,
    raw: string,
    req: IncomingMessage,
  ): HttpAnswer {
    const [collection, id, action] = path;
    const notAllowed = { status: 405, body: [{ message: `Method ${method} not allowed` }] };
    if (collection === 'customers' && path.length <= 2) {
      if (method !== 'GET') return notAllowed;
      if (!id) return { status: 200, body: [...tenant.customers.values()].map(({ name, id: customerId }) => ({ name, id: customerId })) };
      const customer = tenant.customers.get(id);
      return customer ? { status: 200, body: { name: customer.name, id: customer.id } } : { status: 404, body: [{ message: 'Customer not found' }] };
    }
    if (collection === 'outbound-orders') {
      if (path.length === 1) {
        if (method !== 'POST') return notAllowed;
        const limited = this.checkCreateLimit(client);
        if (limited) return limited;
        const body = parseJson(raw);
        return body === invalidJson ? { status: 400, body: [{ message: 'Malformed JSON' }] } : this.orders.create(tenant, body);
      }
      if (id === 'search' && path.length === 2) {
        if (method !== 'POST') return notAllowed;
        return this.search(tenant.orders, raw, url, req, saleOrderPointers);
      }
      if (path.length === 2 && id) {
        if (method === 'DELETE') return this.orders.delete(tenant, id);
        if (method !== 'GET') return notAllowed;
        const order = tenant.orders.get(id);
        return order ? { status: 200, body: order } : { status: 404, body: [{ message: 'Sale Order not found' }] };
      }
    }
    if (collection === 'warehouse-products' && id === 'search' && path.length === 2) {
      if (method !== 'POST') return notAllowed;
      return this.search(warehouseProducts(tenant), raw, url, req, warehouseProductPointers, searchableProduct);
    }
    if (collection === 'consignments') {
      if (client.missingRoles?.has(CONSIGNMENT_ROLE)) return { status: 403, body: [{ message: 'Access is denied' }] };
      if (id === 'search' && path.length === 2) {
        if (method !== 'POST') return notAllowed;
        return this.search(tenant.consignments, raw, url, req, consignmentPointers);
      }
      if (id && path.length === 2 && !action) {
        if (method !== 'GET') return notAllowed;
        const consignment = tenant.consignments.get(id);
        return consignment ? { status: 200, body: consignment } : { status: 404, body: [{ message: 'Consignment not found' }] };
      }
    }
    return { status: 404, body: [{ message: 'Not Found' }] };
  }

  /** The documented create limit, per API client over a sliding window (cartoncloud-sandbox.create-log.ts). */
  private checkCreateLimit(client: SandboxApiClient): HttpAnswer | undefined {
    const limit = this.settings.createRateLimit;
    if (!limit) return undefined;
    const refused = createLimitAnswer(client, limit, this.clock.now().getTime(), this.settings.sendRetryAfter);
    if (refused) this.rateLimitedCount++;
    return refused;
  }

  // POST /uaa/oauth/token (client credentials) and GET /uaa/userinfo (cartoncloud-sandbox.uaa.ts)
  private handleUaa(req: IncomingMessage, res: ServerResponse, method: string, segments: string[], raw: string): void {
    handleUaa(this.store, this.settings.tokenExpiresInSeconds, req, res, method, segments.join('/'), raw);
  }

  private authenticate(req: IncomingMessage) {
    return bearerToken(this.store, req);
  }
}
