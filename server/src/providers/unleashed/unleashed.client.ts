import type { z } from 'zod';
import { codeForStatus, ProviderError } from '../shared/provider-error.js';
import { parseRetryAfter, type RetryPolicyOptions } from '../shared/retry-policy.js';
import { httpCall, readBody } from '../shared/http-call.js';
import { formatModifiedSince } from './unleashed.dates.js';
import {
  errorDescription,
  listEnvelopeSchema,
  salesOrderSchema,
  salesShipmentSchema,
  shippingCompanyRecordSchema,
  warehouseSchema,
  type UnleashedSalesOrder,
  type UnleashedSalesShipment,
  type UnleashedShippingCompanyRecord,
  type UnleashedWarehouse,
  type UnleashedWebhookSubscription,
  type UnleashedWebhookSubscriptionCreated,
  webhookSubscriptionCreatedSchema,
  webhookSubscriptionSchema,
} from './unleashed.schemas.js';
import { buildQuery, signQuery, type QueryParams } from './unleashed.signer.js';

export interface UnleashedClientOptions {
  baseUrl: string;
  apiId: string;
  apiKey: string;
  /** `client-type` header: `partner/app`, lowercase, no spaces (required since 30 June 2025) */
  clientType?: string;
  /** per attempt; large pages can be slow, public clients use 20–60 s */
  timeoutMs?: number;
  retry?: RetryPolicyOptions;
  /** items per list page, 1–1000 */
  pageSize?: number;
  /** every HTTP attempt, for metrics and call counting (every call counts against the monthly quota) */
  onCall?: (info: UnleashedCallInfo) => void;
  /** injected for tests: the wait between retries */
  sleep?: (ms: number) => Promise<void>;
}

export interface UnleashedCallInfo {
  method: string;
  path: string;
  attempt: number;
  status?: number;
  error?: string;
  durationMs: number;
}

export interface UnleashedPage<T> {
  items: T[];
  pageNumber: number;
  numberOfPages: number;
}

export interface SalesOrderFilter {
  /** `orderStatus`; when absent Unleashed leaves out Deleted orders */
  statuses?: string[];
  modifiedSince?: Date;
  /** that one order: Unleashed then ignores every other filter */
  orderNumber?: string;
  /** sent to Unleashed, then compared exactly here */
  warehouseCode?: string;
  pageSize?: number;
  /** the first page to read (a walk resumed where it stopped) */
  fromPage?: number;
}

export interface SalesShipmentFilter {
  modifiedSince?: Date;
  /** all shipments of that order: Unleashed then ignores every other filter */
  orderNumber?: string;
  shipmentStatus?: string;
  /** starts-with at Unleashed, compared exactly here */
  warehouseCode?: string;
  pageSize?: number;
  /** the first page to read (a walk resumed where it stopped) */
  fromPage?: number;
}

/** A shipping company of the account, as a shipment refers to it (never a bare name: reference §8). */
export interface ShippingCompanyRef {
  Guid: string;
  Name: string;
  [field: string]: unknown;
}

/** The writable fields of a sales shipment (everything else is sent back as read). */
export type SalesShipmentChanges = Partial<Pick<UnleashedSalesShipment, 'ShipmentStatus' | 'DispatchDate' | 'TrackingNumber' | 'NumberOfPackages' | 'Comments'>> & {
  ShippingCompany?: ShippingCompanyRef;
};

export interface SalesShipmentReadOptions {
  /** `serialBatch=true`: the lines carry their BatchNumbers / SerialNumbers (needed to PUT a tracked product's shipment back) */
  serialBatch?: boolean;
}

/** Unleashed's 500 for a body it cannot read (reference §2 status codes): permanent for that body. */
const POSTED_OBJECT_UNPARSEABLE = /posted object could not be parsed/i;

/** The `modifiedSince` to poll with: the stored watermark minus an overlap (dedupe by Guid + LastModifiedOn). */
export function modifiedSinceWithOverlap(cursor: Date | null, overlapMs = 5 * 60_000): Date | undefined {
  return cursor ? new Date(cursor.getTime() - overlapMs) : undefined;
}

/**
 * Typed Unleashed API client (shared/reference/unleashed-api.md). Every request is signed over the decoded
 * form of the query string it sends (unleashed.signer.ts), has a timeout and goes through the shared retry policy; every failure is a
 * ProviderError('unleashed', …). The API key never appears in a URL, a message or a cause.
 */
export class UnleashedClient {
  private readonly baseUrl: string;
  private readonly pageSize: number;

  constructor(private readonly options: UnleashedClientOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.pageSize = checkPageSize(options.pageSize ?? 200);
  }

  /** The cheapest authenticated call; throws AUTH when the ID/key pair is refused. */
  // https://apidocs.unleashedsoftware.com/Warehouses
  async checkCredentials(): Promise<void> {
    await this.request('GET', '/Warehouses', [['pageSize', 1]]);
  }

  // https://apidocs.unleashedsoftware.com/Warehouses (ordered by WarehouseCode)
  async listWarehouses(): Promise<UnleashedWarehouse[]> {
    const all: UnleashedWarehouse[] = [];
    for await (const page of this.pages('/Warehouses', [], warehouseSchema, this.pageSize)) all.push(...page.items);
    return all;
  }

  /** The account's shipping companies (Settings → Shipping Companies); every page. */
  // https://apidocs.unleashedsoftware.com/ShippingCompanies
  async listShippingCompanies(): Promise<UnleashedShippingCompanyRecord[]> {
    const all: UnleashedShippingCompanyRecord[] = [];
    for await (const page of this.pages('/ShippingCompanies', [], shippingCompanyRecordSchema, this.pageSize)) all.push(...page.items);
    return all;
  }

  // https://apidocs.unleashedsoftware.com/SalesOrders
  salesOrderPages(filter: SalesOrderFilter = {}): AsyncIterable<UnleashedPage<UnleashedSalesOrder>> {
    const query: QueryParams = [
      ['orderStatus', filter.statuses?.length ? filter.statuses.join(',') : undefined],
      ['modifiedSince', filter.modifiedSince ? formatModifiedSince(filter.modifiedSince) : undefined],
      ['orderNumber', filter.orderNumber],
      ['warehouseCode', filter.warehouseCode],
    ];
    const exact = filter.warehouseCode;
    const keep = exact === undefined ? undefined : (order: UnleashedSalesOrder) => order.Warehouse?.WarehouseCode === exact;
    return this.pages('/SalesOrders', query, salesOrderSchema, filter.pageSize ?? this.pageSize, keep, filter.fromPage);
  }

  salesOrders(filter: SalesOrderFilter = {}): AsyncIterable<UnleashedSalesOrder> {
    return flatten(this.salesOrderPages(filter));
  }

  /**
   * Page `page` of the sales orders (`statuses` and `modifiedSince` only), one call: Unleashed lists them
   * in creation order, so the last page holds the newest (the wizard's dry run reads the last one or two).
   */
  // https://apidocs.unleashedsoftware.com/SalesOrders
  salesOrderPage(filter: Pick<SalesOrderFilter, 'statuses' | 'modifiedSince'>, page: number, pageSize: number): Promise<UnleashedPage<UnleashedSalesOrder>> {
    const query: QueryParams = [
      ['orderStatus', filter.statuses?.length ? filter.statuses.join(',') : undefined],
      ['modifiedSince', filter.modifiedSince ? formatModifiedSince(filter.modifiedSince) : undefined],
    ];
    return this.fetchPage('/SalesOrders', query, salesOrderSchema, pageSize, page);
  }

  /** Page `page` of the sales shipments (LastModifiedOn descending: page 1 holds the newest changes), one call. */
  // https://apidocs.unleashedsoftware.com/SalesShipments
  salesShipmentPage(filter: Pick<SalesShipmentFilter, 'shipmentStatus' | 'modifiedSince'>, page: number, pageSize: number): Promise<UnleashedPage<UnleashedSalesShipment>> {
    const query: QueryParams = [
      ['modifiedSince', filter.modifiedSince ? formatModifiedSince(filter.modifiedSince) : undefined],
      ['shipmentStatus', filter.shipmentStatus],
    ];
    return this.fetchPage('/SalesShipments', query, salesShipmentSchema, pageSize, page);
  }

  // https://apidocs.unleashedsoftware.com/SalesOrders
  async getSalesOrder(guid: string): Promise<UnleashedSalesOrder> {
    return this.parseOne(await this.request('GET', `/SalesOrders/${encodeURIComponent(guid)}`, []), salesOrderSchema, 'SalesOrder');
  }

  /** The order with exactly this number, or null (`orderNumber` overrides every other filter). One call. */
  async findSalesOrderByNumber(orderNumber: string): Promise<UnleashedSalesOrder | null> {
    for await (const page of this.salesOrderPages({ orderNumber, pageSize: 1 })) {
      return page.items.find((order) => order.OrderNumber === orderNumber) ?? null;
    }
    return null;
  }

  /** Default order: LastModifiedOn descending — read every page of a modifiedSince window. */
  // https://apidocs.unleashedsoftware.com/SalesShipments
  salesShipmentPages(filter: SalesShipmentFilter = {}): AsyncIterable<UnleashedPage<UnleashedSalesShipment>> {
    const query: QueryParams = [
      ['modifiedSince', filter.modifiedSince ? formatModifiedSince(filter.modifiedSince) : undefined],
      ['orderNumber', filter.orderNumber],
      ['shipmentStatus', filter.shipmentStatus],
      ['warehouseCode', filter.warehouseCode],
    ];
    const exact = filter.warehouseCode;
    const keep = exact === undefined ? undefined : (shipment: UnleashedSalesShipment) => shipment.Warehouse?.WarehouseCode === exact;
    return this.pages('/SalesShipments', query, salesShipmentSchema, filter.pageSize ?? this.pageSize, keep, filter.fromPage);
  }

  salesShipments(filter: SalesShipmentFilter = {}): AsyncIterable<UnleashedSalesShipment> {
    return flatten(this.salesShipmentPages(filter));
  }

  // https://apidocs.unleashedsoftware.com/SalesShipments
  async getSalesShipment(guid: string, options: SalesShipmentReadOptions = {}): Promise<UnleashedSalesShipment> {
    const body = await this.request('GET', `/SalesShipments/${encodeURIComponent(guid)}`, [['serialBatch', options.serialBatch ? 'true' : undefined]]);
    return this.parseOne(body, salesShipmentSchema, 'SalesShipment');
  }

  /** PUT the whole shipment (no partial update exists): pass an object read with getSalesShipment, modified. */
  // https://apidocs.unleashedsoftware.com/SalesShipments
  async updateSalesShipment(guid: string, shipment: UnleashedSalesShipment): Promise<UnleashedSalesShipment> {
    const body = await this.request('PUT', `/SalesShipments/${encodeURIComponent(guid)}`, [], { ...shipment, Guid: guid });
    return this.parseOne(body, salesShipmentSchema, 'SalesShipment');
  }

  /** GET (with batch and serial numbers), apply the changes, PUT the whole object back. Dates go out as ISO-8601 UTC instants. */
  async changeSalesShipment(guid: string, changes: SalesShipmentChanges): Promise<UnleashedSalesShipment> {
    const current = await this.getSalesShipment(guid, { serialBatch: true });
    return this.updateSalesShipment(guid, { ...current, ...changes });
  }

  /**
   * A webhook subscription on the account (reference §7, §8 "Webhooks"): signed over "" (no query). The
   * answer's `signatureKey` is returned this once only. Unleashed allows 5 per account: a 6th is refused
   * (VALIDATION, with Unleashed's words).
   */
  async createWebhookSubscription(input: { description: string; notificationUrl: string; eventTypes: string[] }): Promise<UnleashedWebhookSubscriptionCreated> {
    const body = await this.request('POST', '/webhooks/subscriptions', [], input);
    const parsed = webhookSubscriptionCreatedSchema.safeParse(body);
    if (!parsed.success) throw this.unreadable('/webhooks/subscriptions', 'created subscription', parsed.error);
    return parsed.data;
  }

  /** The account's webhook subscriptions (never their keys). The list's key is undocumented: `Items`, `items` or `subscriptions`. */
  async listWebhookSubscriptions(): Promise<UnleashedWebhookSubscription[]> {
    const body = (await this.request('GET', '/webhooks/subscriptions', [])) as Record<string, unknown> | unknown[] | null;
    const list = Array.isArray(body) ? body : (body?.Items ?? body?.items ?? body?.subscriptions ?? []);
    const parsed = webhookSubscriptionSchema.array().safeParse(list);
    if (!parsed.success) throw this.unreadable('/webhooks/subscriptions', 'subscription list', parsed.error);
    return parsed.data;
  }

  /** Removes a subscription (the route is a guess: reference §8 "Webhooks"). */
  async deleteWebhookSubscription(subscriptionId: string): Promise<void> {
    await this.request('DELETE', `/webhooks/subscriptions/${encodeURIComponent(subscriptionId)}`, []);
  }

  private async *pages<S extends z.ZodTypeAny>(
    path: string,
    query: QueryParams,
    schema: S,
    pageSize: number,
    keep?: (item: z.output<S>) => boolean,
    fromPage = 1,
  ): AsyncGenerator<UnleashedPage<z.output<S>>> {
    for (let page = Math.max(1, Math.floor(fromPage)); ; page++) {
      const { items, pageNumber, numberOfPages } = await this.fetchPage(path, query, schema, pageSize, page);
      yield { items: keep ? items.filter(keep) : items, pageNumber, numberOfPages };
      // the empty result comes back as PageNumber 0 / NumberOfPages 0
      if (pageNumber >= numberOfPages || page >= numberOfPages) return;
    }
  }

  /** One page of a list (the page number is in the path, so it is not signed). */
  private async fetchPage<S extends z.ZodTypeAny>(path: string, query: QueryParams, schema: S, pageSize: number, page: number): Promise<UnleashedPage<z.output<S>>> {
    const body = await this.request('GET', `${path}/${page}`, [...query, ['pageSize', checkPageSize(pageSize)]]);
    const envelope = listEnvelopeSchema.safeParse(body);
    if (!envelope.success) throw this.unreadable(path, 'list envelope', envelope.error);
    const { PageNumber: pageNumber, NumberOfPages: numberOfPages } = envelope.data.Pagination;
    const items = envelope.data.Items.map((item, index) => {
      const parsed = schema.safeParse(item);
      if (!parsed.success) throw this.unreadable(path, `item ${index} of page ${page}`, parsed.error);
      return parsed.data as z.output<S>;
    });
    return { items, pageNumber, numberOfPages };
  }

  private parseOne<S extends z.ZodTypeAny>(body: unknown, schema: S, what: string): z.output<S> {
    // single-object GETs return the bare object; tolerate an Items wrapper too
    const candidate =
      body && typeof body === 'object' && Array.isArray((body as { Items?: unknown }).Items) ? (body as { Items: unknown[] }).Items[0] : body;
    const parsed = schema.safeParse(candidate);
    if (!parsed.success) throw this.unreadable(what, what, parsed.error);
    return parsed.data as z.output<S>;
  }

  private unreadable(where: string, what: string, error: z.ZodError): ProviderError {
    const issue = error.issues[0];
    const detail = issue ? `${issue.path.join('.') || '(root)'}: ${issue.message}` : 'unreadable';
    return new ProviderError('unleashed', 'VALIDATION', `Unleashed ${where}: could not read the ${what} (${detail})`, { cause: error });
  }

  private async request(method: 'GET' | 'PUT' | 'POST' | 'DELETE', path: string, query: QueryParams, body?: unknown): Promise<unknown> {
    // built once: the pairs are sent (`:` and `,` as they are) and their decoded form is signed
    const { queryString, message: signed } = buildQuery(query);
    const headers = {
      Accept: 'application/json',
      'Content-Type': 'application/json',
      'api-auth-id': this.options.apiId,
      'api-auth-signature': signQuery(this.options.apiKey, signed),
      'client-type': this.options.clientType ?? 'conveyor/integration',
    };
    const url = `${this.baseUrl}${path}${queryString ? `?${queryString}` : ''}`;
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const response = await httpCall(url, {
      provider: 'unleashed',
      timeoutMs: this.options.timeoutMs ?? 30_000,
      retry: this.options.retry,
      sleep: this.options.sleep,
      buildInit: () => ({ method, headers, body: payload }),
      // "posted object could not be parsed" is not an outage: sending the same bytes again cannot help
      finalAnswer: (status, text) => status === 500 && POSTED_OBJECT_UNPARSEABLE.test(text),
      onAttempt: (info) => this.options.onCall?.({ method, path, ...info }),
    });
    const responseBody = await readBody(response);
    if (response.ok) return responseBody;
    throw this.errorFor(method, path, response, responseBody);
  }

  private errorFor(method: string, path: string, response: Response, body: unknown): ProviderError {
    const status = response.status;
    const description = errorDescription(body);
    // the allowance answer's status is undocumented (403 or 429): it is told apart by its words
    const code =
      (status === 403 || status === 429) && description && isQuotaExhausted(description)
        ? 'QUOTA_EXHAUSTED'
        : status === 500 && description && POSTED_OBJECT_UNPARSEABLE.test(description)
          ? 'UNPROCESSABLE'
          : codeForStatus(status);
    const what = `Unleashed ${method} ${path} answered ${status}`;
    const message =
      code === 'QUOTA_EXHAUSTED'
        ? `${what}: the account's monthly API allowance is used up — ${description}`
        : code === 'AUTH'
        ? `${what}: the API ID and key were refused (method authentication failed)${description ? ` — ${description}` : ''}`
        : code === 'VALIDATION' && description
          ? description
          : description
            ? `${what}: ${description}`
            : what;
    return new ProviderError('unleashed', code, this.redact(message), {
      status,
      retryAfterMs: parseRetryAfter(response.headers.get('retry-after')),
      cause: { status, body: typeof body === 'string' ? this.redact(body.slice(0, 2000)) : body },
    });
  }

  private redact(text: string): string {
    return text.split(this.options.apiKey).join('[redacted]');
  }
}

/**
 * Whether an error description says the account's monthly call allowance is used up. Unleashed's wording
 * is undocumented (reference §6, §8); this matches the words its help centre uses ("API usage limit",
 * "allowance", "blocked until your limit resets") and the sandbox's answer.
 */
export function isQuotaExhausted(description: string): boolean {
  return /\b(quota|allowance)\b|\b(usage|call|request)s? limit\b|\blimit (has been |was )?(reached|exceeded)\b|\buntil (your|the) limit resets\b/i.test(description);
}

function checkPageSize(pageSize: number): number {
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > 1000) throw new RangeError(`Unleashed pageSize must be 1–1000, got ${pageSize}`);
  return pageSize;
}

async function* flatten<T>(pages: AsyncIterable<UnleashedPage<T>>): AsyncGenerator<T> {
  for await (const page of pages) yield* page.items;
}
