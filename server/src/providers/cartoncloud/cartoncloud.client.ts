import type { ZodType, ZodTypeDef } from 'zod';
import { systemClock, type Clock } from '../../common/clock.js';
import { httpCall, readBody } from '../shared/http-call.js';
import { ProviderError } from '../shared/provider-error.js';
import { decideRetry, defaultRetryPolicy, parseRetryAfter, type RetryPolicyOptions } from '../shared/retry-policy.js';
import { byCustomerReference, fulfilmentOf, productsByCode, type Condition } from './cartoncloud.conditions.js';
import { errorFromResponse, readErrorItems } from './cartoncloud.errors.js';
import {
  consignmentListSchema,
  customerListSchema,
  saleOrderListSchema,
  saleOrderSchema,
  warehouseProductListSchema,
  type Customer,
  type NewSaleOrder,
  type SaleOrder,
  type WarehouseProduct,
} from './cartoncloud.schemas.js';
import { CartonCloudTokenProvider, type CallInfo } from './cartoncloud.token.js';

export interface CartonCloudClientOptions {
  /** e.g. https://api.cartoncloud.com (the token endpoint is `{baseUrl}/uaa/oauth/token`) */
  baseUrl: string;
  tenantId: string;
  clientId: string;
  clientSecret: string;
  /** per attempt; default 30 000 */
  timeoutMs?: number;
  /** policy for reads and searches; creates use it only for 429 (see createSaleOrder) */
  retry?: RetryPolicyOptions;
  clock?: Clock;
  /** observes every HTTP attempt, token fetches included (metrics, call counting) */
  onCall?: (info: CallInfo) => void;
  /** injected by tests; defaults to setTimeout */
  sleep?: (ms: number) => Promise<void>;
}

export type CreateSaleOrderResult =
  | { kind: 'created'; order: SaleOrder }
  /** 228 "Created with issues": the order exists in status REJECTED */
  | { kind: 'rejected'; order: SaleOrder; reasons: string[] }
  /** 422 DUPLICATE: an order with this customer reference already exists */
  | { kind: 'duplicate'; duplicateId: string };

export interface SearchPage<T> {
  items: T[];
  page: number;
  size: number;
  totalPages: number;
  totalElements: number;
}

export interface FulfilmentInfo {
  consignmentId: string;
  carrier: string | null;
  trackingNumber: string | null;
  trackingUrl: string | null;
  /** a Warehouse Fulfilment holds one consignment item per package (reference §4, INFERRED) */
  packages: number;
  status: string;
}

/** The CartonCloud role a consignment search needs (reference, Round 2: "Consignment search … needs … TMS View Jobs"). */
export const CONSIGNMENT_SEARCH_ROLE = 'TMS View Jobs';

interface Sent {
  response: Response;
  body: unknown;
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Codes per product search: an OrCondition of this many `/code` comparisons, answered in one page of 100. */
export const PRODUCT_CODES_PER_SEARCH = 50;

/**
 * Typed client of the CartonCloud public API for sale orders (outbound orders) and their Warehouse
 * Fulfilment consignments. Every request carries `Accept-Version: 1` and a cached bearer token; a 401 is
 * retried once with a fresh token, then becomes AUTH. Facts: shared/reference/cartoncloud-api.md.
 */
export class CartonCloudClient {
  private readonly tokens: CartonCloudTokenProvider;
  private readonly baseUrl: string;
  private readonly retry: RetryPolicyOptions;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(private readonly options: CartonCloudClientOptions) {
    this.baseUrl = options.baseUrl.replace(/\/$/, '');
    this.retry = options.retry ?? defaultRetryPolicy;
    this.sleep = options.sleep ?? defaultSleep;
    this.tokens = new CartonCloudTokenProvider({
      baseUrl: this.baseUrl,
      clientId: options.clientId,
      clientSecret: options.clientSecret,
      clock: options.clock ?? systemClock,
      timeoutMs: options.timeoutMs,
      retry: this.retry,
      sleep: this.sleep,
      onCall: options.onCall,
    });
  }

  /**
   * "Outbound Orders > Create Outbound Order" — POST /tenants/{tenantId}/outbound-orders (reference §3.1–3.4).
   *
   * Not idempotent, and CartonCloud has no idempotency key: after a timeout or a 5xx the order may exist.
   * So only a 429 (the request was refused, nothing was created) is retried here, with the shared policy;
   * a timeout, network error or 5xx throws TEMPORARY at once and the caller must look the reference up
   * (`findSaleOrderByCustomerReference`) before trying again.
   */
  async createSaleOrder(body: NewSaleOrder): Promise<CreateSaleOrderResult> {
    const what = 'sale order create';
    for (let attempt = 1; ; attempt++) {
      const sent = await this.send('createSaleOrder', 'POST', this.tenantPath('/outbound-orders'), {
        body,
        retry: { ...this.retry, maxAttempts: 1 },
      });
      const { response } = sent;
      if (response.status === 429) {
        const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'));
        const decision = decideRetry({ kind: 'response', status: 429, retryAfterMs }, attempt, this.retry);
        if (decision.retry) {
          await this.sleep(decision.delayMs);
          continue;
        }
      }
      if (response.status === 201 || response.status === 228) {
        const order = this.parse(what, saleOrderSchema, sent);
        if (response.status === 228 || order.status === 'REJECTED') {
          const reasons = (order.details.errors ?? []).filter((e) => !e.isResolved).map((e) => e.message);
          return { kind: 'rejected', order, reasons };
        }
        return { kind: 'created', order };
      }
      if (response.status === 422) {
        const duplicate = readErrorItems(sent.body).find((e) => e.type === 'DUPLICATE');
        const duplicateId = duplicate?.details?.duplicateId;
        if (typeof duplicateId === 'string') return { kind: 'duplicate', duplicateId };
      }
      throw this.failure(what, sent);
    }
  }

  /** "Outbound Orders > Get Outbound Order" — GET /tenants/{tenantId}/outbound-orders/{id} (reference §3.3). */
  async getSaleOrder(id: string): Promise<SaleOrder> {
    const sent = await this.send('getSaleOrder', 'GET', this.tenantPath(`/outbound-orders/${encodeURIComponent(id)}`));
    if (sent.response.status !== 200) throw this.failure('sale order read', sent);
    return this.parse('sale order read', saleOrderSchema, sent);
  }

  /**
   * "Outbound Orders > Search Outbound Orders" — POST /tenants/{tenantId}/outbound-orders/search?page=&size=
   * (reference §3.3, §5). Paging comes from the Total-Pages / Page-Size / Page-Number / Total-Elements headers.
   */
  async searchSaleOrders(condition: Condition, paging: { page?: number; size?: number } = {}): Promise<SearchPage<SaleOrder>> {
    return this.search('searchSaleOrders', '/outbound-orders/search', saleOrderListSchema, condition, paging);
  }

  /** Every page of a sale-order search, one page per iteration. */
  async *searchAllSaleOrders(condition: Condition, size = 100): AsyncGenerator<SearchPage<SaleOrder>> {
    for (let page = 1; ; page++) {
      const result = await this.searchSaleOrders(condition, { page, size });
      yield result;
      if (page >= result.totalPages || result.items.length === 0) return;
    }
  }

  /**
   * Every order this customer has under `reference`, oldest first (reference §3.4 "Client strategy"). Several
   * can match: CartonCloud allows duplicate references by default for sale orders (Round 2), and another
   * Unleashed account of the same customer may use the same numbers — the caller tells its own by the
   * stamp it sent (`references.alternateReference`). At most `maxPages` pages of 50.
   */
  async findSaleOrdersByCustomerReference(reference: string, customerId: string, maxPages = 4): Promise<SaleOrder[]> {
    const found: SaleOrder[] = [];
    for await (const page of this.searchAllSaleOrders(byCustomerReference(reference, customerId), 50)) {
      found.push(...page.items);
      if (page.page >= maxPages) break;
    }
    return found;
  }

  /**
   * One cheap call that proves CartonCloud answers and accepts our API client (creation's circuit breaker
   * probes with it): a fresh token (the cached one is dropped, so a rotated secret shows) and a one-item
   * search by a reference no order has. Never retried. Throws the ProviderError the failure is.
   */
  async probe(): Promise<void> {
    this.tokens.invalidateAll();
    const sent = await this.send('probe', 'POST', this.tenantPath('/outbound-orders/search?page=1&size=1'), {
      body: { condition: byCustomerReference('conveyor-probe', 'conveyor-probe') },
      retry: { ...this.retry, maxAttempts: 1 },
    });
    if (sent.response.status !== 200) throw this.failure('probe search', sent);
  }

  /**
   * "Consignments > Search Consignments" — POST /tenants/{tenantId}/consignments/search with
   * `/generatedFromTask/id` = the sale order and `/details/type` = WAREHOUSE_FULFILMENT (reference §4).
   * Null until the fulfilment is generated (on dispatch by default). A 403 (the API client lacks the "TMS View
   * Jobs" role) throws FORBIDDEN (action `role-missing`).
   */
  async findFulfilmentConsignment(saleOrderId: string): Promise<FulfilmentInfo | null> {
    let items;
    try {
      ({ items } = await this.search('searchConsignments', '/consignments/search', consignmentListSchema, fulfilmentOf(saleOrderId), { page: 1, size: 10 }));
    } catch (error) {
      // a valid token refused on this one endpoint: the API client lacks the role, not its credentials
      if (error instanceof ProviderError && error.status === 403) {
        throw new ProviderError('cartoncloud', 'FORBIDDEN', `CartonCloud refused the consignment search (403): the API client lacks the "${CONSIGNMENT_SEARCH_ROLE}" role`, {
          status: 403,
          cause: error,
        });
      }
      throw error;
    }
    const consignment = items[0];
    if (!consignment) return null;
    return {
      consignmentId: consignment.id,
      carrier: consignment.details.tracking?.companyName ?? null,
      trackingNumber: consignment.references.tracking ?? null,
      trackingUrl: consignment.details.tracking?.url ?? null,
      packages: consignment.items.length,
      status: consignment.status,
    };
  }

  /**
   * "Warehouse Products > Search Warehouse Products" — POST /tenants/{tenantId}/warehouse-products/search
   * with `/customer/id` and one `/code` EQUAL_TO per code under an OrCondition: the customer's products
   * among `codes`. One search per `PRODUCT_CODES_PER_SEARCH` codes (a page of 100 holds every match), so
   * checking n distinct codes costs ⌈n / 50⌉ calls. Text comparisons are case-sensitive, like the create's
   * product lookup by `references.code`.
   */
  async findProductsByCode(customerId: string, codes: readonly string[]): Promise<WarehouseProduct[]> {
    const found: WarehouseProduct[] = [];
    const distinct = [...new Set(codes)];
    for (let i = 0; i < distinct.length; i += PRODUCT_CODES_PER_SEARCH) {
      const chunk = distinct.slice(i, i + PRODUCT_CODES_PER_SEARCH);
      const page = await this.search('searchWarehouseProducts', '/warehouse-products/search', warehouseProductListSchema, productsByCode(chunk, customerId), { page: 1, size: 100 });
      found.push(...page.items);
    }
    return found;
  }

  /** "Customers > Get Customers" — GET /tenants/{tenantId}/customers (reference §2). */
  async listCustomers(): Promise<Customer[]> {
    const sent = await this.send('listCustomers', 'GET', this.tenantPath('/customers'));
    if (sent.response.status !== 200) throw this.failure('customer list', sent);
    return this.parse('customer list', customerListSchema, sent);
  }

  private async search<T>(
    endpoint: string,
    path: string,
    schema: ZodType<T[], ZodTypeDef, unknown>,
    condition: Condition,
    paging: { page?: number; size?: number },
  ): Promise<SearchPage<T>> {
    const page = paging.page ?? 1;
    const size = paging.size ?? 100;
    const sent = await this.send(endpoint, 'POST', this.tenantPath(`${path}?page=${page}&size=${size}`), { body: { condition } });
    if (sent.response.status !== 200) throw this.failure(endpoint, sent);
    const items = this.parse(endpoint, schema, sent);
    const header = (name: string) => {
      const value = Number.parseInt(sent.response.headers.get(name) ?? '', 10);
      return Number.isFinite(value) ? value : undefined;
    };
    // without paging headers a short page is taken to be the last one
    const totalPages = header('Total-Pages') ?? (items.length < size ? page : page + 1);
    return {
      items,
      page: header('Page-Number') ?? page,
      size: header('Page-Size') ?? size,
      totalPages,
      totalElements: header('Total-Elements') ?? (page - 1) * size + items.length,
    };
  }

  private tenantPath(path: string): string {
    return `/tenants/${encodeURIComponent(this.options.tenantId)}${path}`;
  }

  /** One request: bearer token, Accept-Version, timeout and retry policy; a 401 is retried once with a fresh token. */
  private async send(
    endpoint: string,
    method: string,
    path: string,
    options: { body?: unknown; retry?: RetryPolicyOptions } = {},
  ): Promise<Sent> {
    for (let authAttempt = 1; ; authAttempt++) {
      let token = '';
      const response = await httpCall(`${this.baseUrl}${path}`, {
        provider: 'cartoncloud',
        timeoutMs: this.options.timeoutMs ?? 30_000,
        retry: options.retry ?? this.retry,
        sleep: this.sleep,
        buildInit: async () => {
          token = await this.tokens.getToken();
          const headers: Record<string, string> = {
            Authorization: `Bearer ${token}`,
            'Accept-Version': '1',
            Accept: 'application/json',
          };
          if (options.body === undefined) return { method, headers };
          return { method, headers: { ...headers, 'Content-Type': 'application/json' }, body: JSON.stringify(options.body) };
        },
        onAttempt: (info) => this.options.onCall?.({ endpoint, method, ...info }),
      });
      if (response.status === 401 && authAttempt === 1) {
        await response.arrayBuffer().catch(() => undefined);
        this.tokens.invalidate(token);
        continue;
      }
      return { response, body: await readBody(response) };
    }
  }

  private failure(what: string, sent: Sent): ProviderError {
    return errorFromResponse(what, sent.response, sent.body);
  }

  private parse<T>(what: string, schema: ZodType<T, ZodTypeDef, unknown>, sent: Sent): T {
    const parsed = schema.safeParse(sent.body);
    if (parsed.success) return parsed.data;
    const issue = parsed.error.issues[0];
    throw new ProviderError(
      'cartoncloud',
      'VALIDATION',
      `CartonCloud ${what} answered with an unexpected shape (${issue ? `${issue.path.join('/')}: ${issue.message}` : 'unknown'})`,
      { status: sent.response.status, cause: parsed.error },
    );
  }
}
