import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { timingSafeEqual } from 'node:crypto';
import { systemClock, type Clock } from '../../../common/clock.js';
import { decodedQueryMessage, signQuery } from '../unleashed.signer.js';
import { UnleashedSandboxStore } from './unleashed-sandbox.store.js';
import { listOrders, listShipments, listWarehouses, pageSizeOf, paginate } from './unleashed-sandbox.queries.js';
import {
  addShippingCompanies,
  editShipment,
  listShippingCompanies,
  POSTED_OBJECT_UNPARSEABLE,
  putShipment,
  setProductTracking,
  shipmentView,
} from './unleashed-sandbox.shipments.js';
import { handleControl } from './unleashed-sandbox.control.js';
import { SandboxWebhooks, type SandboxWebhookBehaviour } from './unleashed-sandbox.webhooks.js';
import { defaultSandboxOptions, type UnleashedSandboxOptions } from './unleashed-sandbox.options.js';
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

export { defaultSandboxOptions, type UnleashedSandboxOptions } from './unleashed-sandbox.options.js';

/**
 * The sandbox's answer once an account's monthly allowance is used up. Unleashed's real wording is
 * undocumented (reference §6, §8: "All API requests will be blocked until your limit resets"): INVENTED,
 * in the words of the support article, so that a client can tell it from a refused signature.
 */
export const QUOTA_EXHAUSTED_DESCRIPTION =
  'API usage limit reached: the monthly API call allowance of this account is used up. All API requests are blocked until the limit resets at 00:00 UTC on the 1st of next month.';

/** Shipments as recorded real responses have them: without `OrderGuid` (the option `includeOrderGuid` keeps it). */
function withoutOrderGuid(body: unknown): unknown {
  const strip = (item: unknown) => {
    if (!item || typeof item !== 'object' || !('ShipmentNumber' in item) || !('OrderGuid' in item)) return item;
    const { OrderGuid: _omitted, ...rest } = item as Record<string, unknown>;
    return rest;
  };
  if (body && typeof body === 'object' && Array.isArray((body as { Items?: unknown }).Items)) {
    return { ...(body as object), Items: (body as { Items: unknown[] }).Items.map(strip) };
  }
  return strip(body);
}

const noFaults: SandboxFaults = { latencyMs: 0, errorRate: 0, timeoutRate: 0, rateLimitBurst: 0, unparseableBurst: 0, forbiddenBurst: 0 };
const dateKeys = new Set(['OrderDate', 'RequiredDate', 'CompletedDate', 'DueDate', 'DispatchDate', 'CreatedOn', 'LastModifiedOn']);

/** Serialises like the API: date fields as `"\/Date(ms)\/"`. */
export function toWireJson(value: unknown): string {
  return JSON.stringify(value, (key, v: unknown) => (dateKeys.has(key) && typeof v === 'number' ? `/Date(${v})/` : v)).replace(
    /"\/Date\((-?\d+)\)\/"/g,
    '"\\/Date($1)\\/"',
  );
}

/** A faithful fake of the Unleashed API for tests, the demo and the benchmarks (see README.md). */
export class UnleashedSandbox {
  readonly options: UnleashedSandboxOptions;
  readonly store: UnleashedSandboxStore;
  readonly requestLog: SandboxRequest[] = [];
  /** subscriptions and signed deliveries (unleashed-sandbox.webhooks.ts) */
  readonly webhooks: SandboxWebhooks;
  private currentFaults: SandboxFaults = { ...noFaults };
  private server?: Server;
  private url?: string;

  constructor(options: Partial<UnleashedSandboxOptions> & { clock?: Clock; random?: () => number; webhooks?: Partial<SandboxWebhookBehaviour> } = {}) {
    const { clock, random, webhooks, ...switches } = options;
    this.options = { ...defaultSandboxOptions, ...switches };
    this.clock = clock ?? systemClock;
    this.store = new UnleashedSandboxStore(this.clock, { orderManagementOffShipments: this.options.orderManagementOffShipments });
    this.webhooks = new SandboxWebhooks(this.clock, webhooks);
    this.store.onOrderChanged = (account, orderGuid, eventType) => this.webhooks.orderChanged(account, orderGuid, eventType);
    this.random = random ?? Math.random;
  }
  private readonly random: () => number;
  private readonly clock: Clock;

  async listen(port = 0, host = '127.0.0.1'): Promise<string> {
    const server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, resolve);
    });
    this.server = server;
    const address = server.address() as AddressInfo;
    this.url = `http://${host.includes(':') ? `[${host}]` : host}:${address.port}`;
    return this.url;
  }

  get baseUrl(): string {
    if (!this.url) throw new Error('the Unleashed sandbox is not listening');
    return this.url;
  }

  async close(): Promise<void> {
    this.webhooks.close();
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    server.closeAllConnections(); // including requests held open by the timeout fault
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  // ---- control surface in code (the same operations are served under /__sandbox/, see the control file) ----
  createAccount(input?: SandboxAccountInput): SandboxAccount {
    return this.store.createAccount(input);
  }
  account(apiId: string): SandboxAccount {
    return this.store.account(apiId);
  }
  updateAccount(apiId: string, changes: Parameters<UnleashedSandboxStore['updateAccount']>[1]): SandboxAccount {
    return this.store.updateAccount(apiId, changes);
  }
  addWarehouse(apiId: string, input: Parameters<UnleashedSandboxStore['addWarehouse']>[1]): StoredWarehouse {
    return this.store.addWarehouse(apiId, input);
  }
  /** Products of the account; `tracking` makes one batch- or serial-tracked (null: no longer tracked). */
  addProducts(apiId: string, products: Array<{ code: string; description: string; tracking?: ProductTracking | null }>): void {
    this.store.addProducts(apiId, products);
    setProductTracking(this.store.account(apiId), products);
  }
  /** Shipping companies a user added under Settings → Shipping Companies. */
  addShippingCompanies(apiId: string, names: string[]): StoredShippingCompany[] {
    return structuredClone(addShippingCompanies(this.store.account(apiId), names, this.clock.now().getTime()));
  }
  /** A user's edit of a shipment in the Unleashed UI: any fields, and batch / serial numbers picked for lines. */
  editShipment(apiId: string, guid: string, edit: SandboxShipmentEdit): StoredShipment {
    const account = this.store.account(apiId);
    return structuredClone(editShipment(this.store, this.store.shipment(account, guid), edit));
  }
  createOrder(apiId: string, input: SandboxOrderInput): { order: StoredOrder; shipments: StoredShipment[] } {
    return this.store.createOrder(apiId, input);
  }
  editOrder(apiId: string, guid: string, edit: SandboxOrderEdit): StoredOrder {
    return this.store.editOrder(apiId, guid, edit);
  }
  setOrderStatus(apiId: string, guid: string, status: string): StoredOrder {
    return this.store.setOrderStatus(apiId, guid, status);
  }
  deleteOrder(apiId: string, guid: string): StoredOrder {
    return this.store.deleteOrder(apiId, guid);
  }
  /** A user creates a shipment on an existing order (Order Management on). */
  addShipment(apiId: string, orderGuid: string, input: SandboxShipmentInput = {}): StoredShipment {
    return this.store.addShipment(apiId, orderGuid, input);
  }
  /** A user moves a shipment to another status (e.g. a Parked draft to Placed; Order Management on). */
  setShipmentStatus(apiId: string, guid: string, status: string): StoredShipment {
    return this.store.setShipmentStatus(apiId, guid, status);
  }
  /** The shipment as the API last stored it (what fulfilment wrote back). */
  getShipment(apiId: string, guid: string): StoredShipment {
    return structuredClone(this.store.shipment(this.store.account(apiId), guid));
  }
  shipmentsOfOrder(apiId: string, orderGuid: string): StoredShipment[] {
    const account = this.store.account(apiId);
    return this.store.shipmentsOf(account, orderGuid).map((shipment) => structuredClone(shipment));
  }
  /** Authenticated calls counted against the quota this month, in total and per endpoint (`GET /SalesOrders`). */
  callCounts(apiId: string): { callsThisMonth: number; byEndpoint: Record<string, number> } {
    const account = this.store.account(apiId);
    return { callsThisMonth: account.callsThisMonth, byEndpoint: { ...account.callsByEndpoint } };
  }
  /** Zeroes the call counters (one account, or all) and empties the request log. */
  resetCounters(apiId?: string): void {
    for (const account of apiId ? [this.store.account(apiId)] : this.store.allAccounts()) {
      account.callsThisMonth = 0;
      account.callsByEndpoint = {};
    }
    this.requestLog.length = 0;
  }
  setFaults(faults: Partial<SandboxFaults>): SandboxFaults {
    for (const [key, value] of Object.entries(faults)) {
      if (!(key in noFaults) || typeof value !== 'number' || !(value >= 0)) throw new SandboxHttpError(400, `fault ${key} must be a number ≥ 0`);
    }
    this.currentFaults = { ...this.currentFaults, ...faults };
    return this.faults;
  }
  clearFaults(): void {
    this.currentFaults = { ...noFaults };
  }
  get faults(): SandboxFaults {
    return { ...this.currentFaults };
  }

  // ---- HTTP ----
  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const rawUrl = req.url ?? '/';
    const queryAt = rawUrl.indexOf('?');
    const path = decodeURIComponent(queryAt < 0 ? rawUrl : rawUrl.slice(0, queryAt)).replace(/\/+$/, '') || '/';
    const query = queryAt < 0 ? '' : rawUrl.slice(queryAt + 1);
    const method = req.method ?? 'GET';
    try {
      const body = await readJson(req);
      if (path === '/__sandbox' || path.startsWith('/__sandbox/')) {
        const answer = handleControl(this, method, path, new URLSearchParams(query), body);
        return send(res, answer.status, answer.body);
      }
      const entry: SandboxRequest = { at: new Date(), apiId: header(req, 'api-auth-id') ?? null, method, path, query, status: 'no answer' };
      this.log(entry);
      if (!(await this.injectFaults(res, entry))) return;
      const { status, body: answer } = this.api(req, method, path, query, body);
      entry.status = status;
      send(res, status, this.options.includeOrderGuid ? answer : withoutOrderGuid(answer));
    } catch (error) {
      const status = error instanceof SandboxHttpError ? error.status : 500;
      const message = error instanceof Error ? error.message : String(error);
      const last = this.requestLog.at(-1);
      if (last && last.path === path && last.status === 'no answer') last.status = status;
      send(res, status, { Description: message, DebugInformation: null });
    }
  }

  /** false when the request is answered (or deliberately never answered) by a fault */
  private async injectFaults(res: ServerResponse, entry: SandboxRequest): Promise<boolean> {
    const faults = this.currentFaults;
    if (faults.latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, faults.latencyMs));
    if (faults.timeoutRate > 0 && this.random() < faults.timeoutRate) return false; // held open until the client gives up
    if (faults.rateLimitBurst > 0) {
      this.currentFaults.rateLimitBurst--;
      entry.status = 429;
      send(res, 429, { Description: 'Too many requests (sandbox rateLimitBurst fault)', DebugInformation: null });
      return false;
    }
    if (faults.unparseableBurst > 0 && (entry.method === 'PUT' || entry.method === 'POST')) {
      this.currentFaults.unparseableBurst--;
      entry.status = 500;
      send(res, 500, { Description: POSTED_OBJECT_UNPARSEABLE, DebugInformation: null });
      return false;
    }
    if (faults.forbiddenBurst > 0) {
      this.currentFaults.forbiddenBurst--;
      entry.status = 403;
      send(res, 403, undefined);
      return false;
    }
    if (faults.errorRate > 0 && this.random() < faults.errorRate) {
      entry.status = 500;
      send(res, 500, { Description: 'An error has occurred (sandbox errorRate fault)', DebugInformation: null });
      return false;
    }
    return true;
  }

  private api(req: IncomingMessage, method: string, path: string, query: string, body: unknown): { status: number; body: unknown } {
    // https://apidocs.unleashedsoftware.com/AuthenticationHelp
    const apiId = header(req, 'api-auth-id');
    const signature = header(req, 'api-auth-signature');
    const account = apiId ? this.store.findAccount(apiId) : undefined;
    // the HMAC is over the DECODED query, pairs in the order received (reference §8); a refusal is a bare 403
    if (!account || !signature || !sameText(signature, signQuery(account.apiKey, decodedQueryMessage(query)))) {
      return { status: 403, body: undefined };
    }
    if (this.options.requireClientType && !header(req, 'client-type')) throw new SandboxHttpError(400, 'The client-type header is required');
    if (this.options.requireAccept && !/application\/json/i.test(header(req, 'accept') ?? '')) {
      throw new SandboxHttpError(400, 'The Accept header must be application/json');
    }
    if (this.options.requireContentType && !/^application\/json/i.test(header(req, 'content-type') ?? '')) {
      throw new SandboxHttpError(400, 'The Content-Type header must be application/json');
    }
    const [resource = '', ...rest] = path.split('/').filter(Boolean);
    const name = ['SalesOrders', 'SalesShipments', 'Warehouses', 'ShippingCompanies'].find((r) => r.toLowerCase() === resource.toLowerCase()) ?? resource;
    if (!this.store.countCall(account, `${method} /${name}`)) {
      // all requests blocked until 00:00 UTC on the 1st; no Retry-After (none is documented)
      throw new SandboxHttpError(this.options.quotaStatus, QUOTA_EXHAUSTED_DESCRIPTION);
    }
    if (name.toLowerCase() === 'webhooks') return this.webhooks.api(account, method, rest, body);
    const params = new URLSearchParams(query);
    const page = rest.length === 0 ? 1 : /^\d+$/.test(rest.at(-1)!) && (rest.length === 1 || rest[0]!.toLowerCase() === 'page') ? Number(rest.at(-1)) : undefined;
    const guid = rest.length === 1 && page === undefined ? rest[0]!.toLowerCase() : undefined;
    if (page === undefined && guid === undefined) throw new SandboxHttpError(404, `No endpoint ${path}`);
    if (page !== undefined && page < 1) throw new SandboxHttpError(400, 'page number must be 1 or more');
    const list = <T>(items: T[]) => {
      if (method !== 'GET') throw new SandboxHttpError(405, `${method} is not allowed on ${path}`);
      return { status: 200, body: paginate(items, page!, pageSizeOf(params)) };
    };
    switch (name) {
      case 'SalesOrders':
        if (page !== undefined) return list(listOrders(account, params, this.options));
        if (method !== 'GET') throw new SandboxHttpError(405, `${method} is not allowed on ${path} in the sandbox`);
        return { status: 200, body: this.store.order(account, guid!) };
      case 'SalesShipments': {
        if (page !== undefined) return list(listShipments(account, params, this.options));
        const shipment = this.store.shipment(account, guid!);
        if (method === 'GET') return { status: 200, body: shipmentView(shipment, [...params].find(([key]) => key.toLowerCase() === 'serialbatch')?.[1].toLowerCase() === 'true') };
        if (method === 'PUT') return { status: 200, body: putShipment(this.store, account, shipment, body, this.options) };
        throw new SandboxHttpError(405, `${method} is not allowed on ${path} in the sandbox`);
      }
      case 'ShippingCompanies': {
        if (page !== undefined) return list(listShippingCompanies(account));
        const company = listShippingCompanies(account).find((c) => c.Guid === guid);
        if (!company) throw new SandboxHttpError(404, `ShippingCompany ${guid} was not found`);
        return { status: 200, body: company };
      }
      case 'Warehouses': {
        if (page !== undefined) return list(listWarehouses(account, params));
        const warehouse = account.warehouses.find((w) => w.Guid === guid);
        if (!warehouse) throw new SandboxHttpError(404, `Warehouse ${guid} was not found`);
        return { status: 200, body: warehouse };
      }
      default:
        throw new SandboxHttpError(404, `No endpoint ${path}`);
    }
  }

  private log(entry: SandboxRequest): void {
    this.requestLog.push(entry);
    if (this.requestLog.length > this.options.requestLogLimit) this.requestLog.splice(0, this.requestLog.length - this.options.requestLogLimit);
  }
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  const text = Array.isArray(value) ? value[0] : value;
  return text?.trim() ? text.trim() : undefined;
}

function sameText(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  if (chunks.length === 0) return undefined;
  const text = Buffer.concat(chunks).toString('utf8');
  if (!text.trim()) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    // reference §2 status codes: 500 "posted object could not be parsed"
    throw new SandboxHttpError(500, POSTED_OBJECT_UNPARSEABLE);
  }
}

function send(res: ServerResponse, status: number, body: unknown): void {
  if (res.headersSent || res.destroyed) return;
  const text = body === undefined ? '' : toWireJson(body);
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}
