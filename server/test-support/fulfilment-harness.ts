import { randomBytes, randomUUID } from 'node:crypto';
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { ManualClock } from '../src/common/clock.js';
import { EventBus } from '../src/common/event-bus.js';
import { createLogger } from '../src/common/logger.js';
import { createMetrics } from '../src/common/metrics.js';
import { SecretBox } from '../src/common/secret-box.js';
import { loadConfig } from '../src/config.js';
import { Customer } from '../src/customers/customer.entity.js';
import { Integration } from '../src/integrations/integration.entity.js';
import { IntegrationStatus } from '../src/integrations/integration.enums.js';
import { IntegrationHealth } from '../src/integrations/integration-health.js';
import { IntegrationUpdates } from '../src/integrations/integration-updates.js';
import { JobScheduler } from '../src/jobs/job-scheduler.js';
import { ShipmentLedger } from '../src/ledger/shipment-ledger.js';
import { CartonCloudClient } from '../src/providers/cartoncloud/cartoncloud.client.js';
import { DEMO_CARTONCLOUD_CUSTOMERS, DEMO_CARTONCLOUD_WAREHOUSES, seedCartonCloudDemo } from '../src/providers/cartoncloud/sandbox/cartoncloud.demo-data.js';
import { CartonCloudSandbox, type CartonCloudSandboxOptions } from '../src/providers/cartoncloud/sandbox/cartoncloud.sandbox.js';
import type { RetryPolicyOptions } from '../src/providers/shared/retry-policy.js';
import { UnleashedClient } from '../src/providers/unleashed/unleashed.client.js';
import { UnleashedSandbox, type UnleashedSandboxOptions } from '../src/providers/unleashed/sandbox/unleashed.sandbox.js';
import { ShipmentState } from '../src/ledger/shipment-state.js';
import { LedgerShipment } from '../src/ledger/ledger-shipment.entity.js';
import { FulfilmentService, type FulfilmentDeps, type FulfilmentOptions } from '../src/fulfilment/fulfilment.service.js';
import { SyncRunRecorder } from '../src/runs/sync-run.recorder.js';

/**
 * Test and benchmark support for fulfilment: both provider sandboxes, one ManualClock shared by everything, a
 * FulfilmentService on a real (migrated) database, and helpers that play the order sync's part — an
 * Unleashed order with one shipment, its CartonCloud sale order, and the CREATED ledger row the sync
 * would have left — so fulfilment is tested without the sync engine.
 */
export interface FulfilmentHarnessOptions {
  databaseUrl: string;
  orm: MikroORM;
  start?: Date;
  watchDays?: number;
  unleashed?: Partial<UnleashedSandboxOptions>;
  cartonCloud?: CartonCloudSandboxOptions;
  service?: FulfilmentOptions;
  /** provider retries (tests keep them short) */
  retry?: RetryPolicyOptions;
  timeoutMs?: number;
}

export interface SentOrder {
  integrationId: string;
  shipmentGuid: string;
  orderNumber: string;
  shipmentNumber: string;
  cartonCloudOrderId: string;
  customerReference: string;
}

const ACME = DEMO_CARTONCLOUD_CUSTOMERS.acme.id;
const PRODUCTS = ['TENT-2P', 'STOVE-1', 'PACK-45L'];
/** The Unleashed account's shipping companies unless a test says otherwise: the carriers the tests dispatch with. */
export const DEFAULT_SHIPPING_COMPANIES = ['StarTrack', 'Aramex', 'Australia Post'];

export type FulfilmentHarness = Awaited<ReturnType<typeof startFulfilmentHarness>>;

export async function startFulfilmentHarness(options: FulfilmentHarnessOptions) {
  const clock = new ManualClock(options.start ?? new Date('2026-03-02T00:00:00Z'));
  const logger = createLogger('silent');
  // the fulfilment tests write back to shipments that exist in Placed status on an Order-Management-off account:
  // the sandbox's earlier choice (issue 12 makes Unleashed create that shipment only at completion, Dispatched)
  const unleashed = new UnleashedSandbox({ requestLogLimit: 100_000, orderManagementOffShipments: 'with-the-order', ...options.unleashed, clock });
  const unleashedUrl = await unleashed.listen();
  const cartonCloud = new CartonCloudSandbox({ ...options.cartonCloud, clock });
  const credentials = seedCartonCloudDemo(cartonCloud, PRODUCTS);
  const cartonCloudUrl = await cartonCloud.listen();
  const config = loadConfig({
    NODE_ENV: 'test',
    DATABASE_URL: options.databaseUrl,
    UNLEASHED_API_URL: unleashedUrl,
    CARTONCLOUD_API_URL: cartonCloudUrl,
    CARTONCLOUD_TENANT_ID: credentials.tenantId,
    CARTONCLOUD_CLIENT_ID: credentials.clientId,
    CARTONCLOUD_CLIENT_SECRET: credentials.clientSecret,
    FULFILMENT_WATCH_DAYS: String(options.watchDays ?? 14),
    SYNC_POLL_INTERVAL: '1 hour',
  });
  const eventBus = new EventBus(options.databaseUrl, logger);
  await eventBus.start();
  const metrics = createMetrics();
  const scheduler = new JobScheduler({ databaseUrl: options.databaseUrl, name: `fulfilment-${randomUUID()}`, logger, metrics, lockLifetimeMs: 1_000 });
  await scheduler.connect();
  const secretBox = new SecretBox(randomBytes(32));
  const retry = options.retry ?? { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 5 };
  const timeoutMs = options.timeoutMs ?? 5_000;
  const cartonCloudClient = new CartonCloudClient({ baseUrl: cartonCloudUrl, ...credentials, clock, retry, timeoutMs });
  const providers = {
    cartonCloud: () => cartonCloudClient,
    unleashed: (apiId: string, apiKey: string) => new UnleashedClient({ baseUrl: unleashedUrl, apiId, apiKey, clientType: 'conveyor/test', retry, timeoutMs }),
  };
  const updates = new IntegrationUpdates({ config, eventBus, scheduler });
  const deps: FulfilmentDeps & { eventBus: EventBus; scheduler: JobScheduler } = {
    orm: options.orm,
    clock,
    config,
    secretBox,
    providers,
    logger,
    ledger: new ShipmentLedger(),
    runs: new SyncRunRecorder({ eventBus }),
    health: new IntegrationHealth({ clock, logger, updates }),
    eventBus,
    scheduler,
  };
  const service = new FulfilmentService(deps, options.service);
  const em = () => options.orm.em.fork() as EntityManager;

  let customer: Customer | null = null;
  let orderCount = 0;
  async function acme(): Promise<Customer> {
    if (customer) return customer;
    const e = em();
    customer = e.create(Customer, { name: 'Acme Outdoor', cartonCloudCustomerId: ACME, selfManagedIntegrationsAllowed: true });
    await e.flush();
    return customer;
  }

  /**
   * An ACTIVE integration with fulfilment on, connected to a new Unleashed sandbox account that has the
   * shipping companies `shippingCompanies` (default: the carriers these tests dispatch with).
   */
  async function createIntegration(input: { orderManagement?: boolean; timeZone?: string; apiKeyOverride?: string; shippingCompanies?: string[] } = {}) {
    const account = unleashed.createAccount({ orderManagement: input.orderManagement ?? true, timeZone: input.timeZone ?? 'Pacific/Auckland' });
    unleashed.addWarehouse(account.apiId, { code: 'AKL', name: 'Auckland', isDefault: true });
    unleashed.addProducts(account.apiId, PRODUCTS.map((code) => ({ code, description: code })));
    unleashed.addShippingCompanies(account.apiId, input.shippingCompanies ?? DEFAULT_SHIPPING_COMPANIES);
    const e = em();
    const integration = e.create(Integration, {
      customer: (await acme()).id,
      name: `Unleashed ${account.apiId.slice(0, 6)}`,
      status: IntegrationStatus.ACTIVE,
      unleashedApiId: account.apiId,
      fulfilmentEnabled: true,
      activatedAt: clock.now(),
      unleashedTimeZone: input.timeZone ?? 'Pacific/Auckland',
    });
    integration.unleashedApiKeySealed = secretBox.seal(input.apiKeyOverride ?? account.apiKey, integration.id);
    await e.flush();
    return { integration, apiId: account.apiId };
  }

  /**
   * What the order sync does for one Unleashed order: the order (one shipment) in Unleashed, its sale
   * order in CartonCloud, and the CREATED ledger row.
   */
  async function sendOrder(
    integration: { id: string; unleashedApiId: string | null },
    input: { shipmentComments?: string; quantity?: number; lines?: Array<{ productCode: string; quantity: number }> } = {},
  ): Promise<SentOrder> {
    const apiId = integration.unleashedApiId!;
    const orderManagement = unleashed.account(apiId).orderManagement;
    const lines = input.lines ?? [{ productCode: PRODUCTS[0]!, quantity: input.quantity ?? 2 }];
    const { order, shipments } = unleashed.createOrder(apiId, {
      // unique across accounts: two accounts of one CartonCloud customer would otherwise share references
      orderNumber: `SO-${apiId.slice(0, 4).toUpperCase()}-${String(++orderCount).padStart(5, '0')}`,
      lines,
      warehouseCode: 'AKL',
      ...(orderManagement
        ? { shipments: [{ lines: lines.map((line, index) => ({ lineNumber: index + 1, quantity: line.quantity })), comments: input.shipmentComments ?? null }] }
        : {}),
    });
    const shipment = shipments[0]!;
    const customerReference = `${order.OrderNumber} | ${shipment.ShipmentNumber}`;
    const created = await cartonCloudClient.createSaleOrder({
      references: { customer: customerReference },
      customer: { id: ACME },
      warehouse: { id: DEMO_CARTONCLOUD_WAREHOUSES.auckland.id },
      details: { deliver: { address: { companyName: 'Bush Walkers', address1: '1 Queen St', city: 'Auckland', country: { iso2Code: 'NZ' } } } },
      items: lines.map((line) => ({ details: { product: { references: { code: line.productCode } } }, measures: { quantity: line.quantity } })),
    });
    if (created.kind !== 'created') throw new Error(`sale order not created: ${created.kind}`);
    const e = em();
    // built with `new` (not em.create) so columns the sync adds later keep their defaults here
    const ledgerRow = Object.assign(new LedgerShipment(), {
      integration: e.getReference(Integration, integration.id, { wrapped: true }),
      unleashedShipmentGuid: shipment.Guid,
      unleashedOrderGuid: order.Guid,
      unleashedOrderNumber: order.OrderNumber,
      unleashedShipmentNumber: shipment.ShipmentNumber,
      unleashedWarehouseCode: 'AKL',
      customerReference,
      state: ShipmentState.CREATED,
      attempts: 1,
      cartonCloudOrderId: created.order.id,
      cartonCloudStatus: created.order.status,
    });
    await e.persistAndFlush(ledgerRow);
    return {
      integrationId: integration.id,
      shipmentGuid: shipment.Guid,
      orderNumber: order.OrderNumber,
      shipmentNumber: shipment.ShipmentNumber,
      cartonCloudOrderId: created.order.id,
      customerReference,
    };
  }

  /** The warehouse dispatches the order now (sandbox clock); returns the fulfilment consignment's id. */
  function dispatch(order: SentOrder, input: { carrier?: string; trackingNumber?: string; packages?: number } = {}): string {
    const { consignment } = cartonCloud.dispatchOrder(order.cartonCloudOrderId, {
      carrier: input.carrier ?? 'StarTrack',
      trackingNumber: input.trackingNumber ?? `ST${order.shipmentNumber.replace(/\D/g, '')}`,
      packages: input.packages ?? 2,
    });
    return consignment.id as string;
  }

  async function row(order: SentOrder): Promise<LedgerShipment> {
    return em().findOneOrFail(LedgerShipment, { integration: order.integrationId, unleashedShipmentGuid: order.shipmentGuid });
  }

  async function reloadIntegration(id: string): Promise<Integration> {
    return em().findOneOrFail(Integration, id);
  }

  /** Unleashed PUTs to /SalesShipments for an account: [accepted, refused]. */
  function shipmentPuts(apiId: string): { accepted: number; refused: number } {
    const puts = unleashed.requestLog.filter((r) => r.apiId === apiId && r.method === 'PUT' && /^\/SalesShipments\//i.test(r.path));
    return { accepted: puts.filter((r) => r.status === 200).length, refused: puts.filter((r) => r.status !== 200).length };
  }

  async function close(): Promise<void> {
    await scheduler.stop();
    await eventBus.close();
    await unleashed.close();
    await cartonCloud.close();
  }

  return {
    clock,
    config,
    deps,
    service,
    unleashed,
    cartonCloud,
    cartonCloudClient,
    /** the 3PL's CartonCloud tenant and API client (e.g. to take a role away from it) */
    cartonCloudCredentials: credentials,
    products: PRODUCTS,
    em,
    createIntegration,
    sendOrder,
    dispatch,
    row,
    reloadIntegration,
    shipmentPuts,
    close,
  };
}
