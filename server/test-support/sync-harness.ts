import { randomBytes, randomUUID } from 'node:crypto';
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { systemClock, type Clock } from '../src/common/clock.js';
import { EventBus } from '../src/common/event-bus.js';
import { createLogger } from '../src/common/logger.js';
import { createMetrics } from '../src/common/metrics.js';
import { SecretBox } from '../src/common/secret-box.js';
import { loadConfig } from '../src/config.js';
import { Customer } from '../src/customers/customer.entity.js';
import { Warehouse } from '../src/customers/warehouse.entity.js';
import { Integration } from '../src/integrations/integration.entity.js';
import { IntegrationStatus } from '../src/integrations/integration.enums.js';
import { WarehouseMapping } from '../src/integrations/warehouse-mapping.entity.js';
import { IntegrationHealth } from '../src/integrations/integration-health.js';
import { IntegrationUpdates } from '../src/integrations/integration-updates.js';
import { JobScheduler } from '../src/jobs/job-scheduler.js';
import { ShipmentLedger } from '../src/ledger/shipment-ledger.js';
import { CartonCloudClient } from '../src/providers/cartoncloud/cartoncloud.client.js';
import { DEMO_CARTONCLOUD_WAREHOUSES, seedCartonCloudDemo } from '../src/providers/cartoncloud/sandbox/cartoncloud.demo-data.js';
import { CartonCloudSandbox, type CartonCloudSandboxOptions } from '../src/providers/cartoncloud/sandbox/cartoncloud.sandbox.js';
import type { RetryPolicyOptions } from '../src/providers/shared/retry-policy.js';
import { UnleashedClient } from '../src/providers/unleashed/unleashed.client.js';
import { UnleashedSandbox, type UnleashedSandboxOptions } from '../src/providers/unleashed/sandbox/unleashed.sandbox.js';
import type { SandboxOrderInput } from '../src/providers/unleashed/sandbox/unleashed-sandbox.types.js';
import { SyncRunRecorder } from '../src/runs/sync-run.recorder.js';
import { OrderSync, type OrderSyncOptions } from '../src/sync/order-sync.js';
import type { OrderSyncDeps } from '../src/sync/sync-deps.js';
import { LedgerShipment } from '../src/ledger/ledger-shipment.entity.js';

/**
 * Test and benchmark support for the order sync: both sandboxes (the CartonCloud one with the demo
 * tenant, its warehouses as Conveyor rows), an OrderSync on a real migrated database, and helpers to
 * make ACTIVE integrations (each its own CartonCloud customer and Unleashed account) and orders.
 * `worker()` builds a second, independent OrderSync (own leases, own ORM context) on the same
 * database and sandboxes: another worker process as far as the sync can tell.
 */
export interface SyncHarnessOptions {
  databaseUrl: string;
  orm: MikroORM;
  clock?: Clock;
  unleashed?: Partial<UnleashedSandboxOptions>;
  cartonCloud?: CartonCloudSandboxOptions;
  sync?: OrderSyncOptions;
  env?: Record<string, string>;
  retry?: RetryPolicyOptions;
  timeoutMs?: number;
  /** sandboxes already listening elsewhere (a child process uses the test process's) */
  remote?: { unleashedUrl: string; cartonCloudUrl: string };
  /** the key stored credentials are sealed with (a child process must share its parent's) */
  secretKey?: Buffer;
}

export const PRODUCTS = ['TENT-2P', 'STOVE-1', 'PACK-45L', 'BOOT-42'];
export type SyncHarness = Awaited<ReturnType<typeof startSyncHarness>>;

export async function startSyncHarness(options: SyncHarnessOptions) {
  const clock = options.clock ?? systemClock;
  const logger = createLogger('silent');
  const unleashed = new UnleashedSandbox({ requestLogLimit: 200_000, ...options.unleashed, clock });
  const cartonCloud = new CartonCloudSandbox({ createRateLimit: false, ...options.cartonCloud, clock });
  const credentials = seedCartonCloudDemo(cartonCloud, PRODUCTS);
  const unleashedUrl = options.remote?.unleashedUrl ?? (await unleashed.listen());
  const cartonCloudUrl = options.remote?.cartonCloudUrl ?? (await cartonCloud.listen());
  const config = loadConfig({
    NODE_ENV: 'test',
    DATABASE_URL: options.databaseUrl,
    UNLEASHED_API_URL: unleashedUrl,
    CARTONCLOUD_API_URL: cartonCloudUrl,
    CARTONCLOUD_TENANT_ID: credentials.tenantId,
    CARTONCLOUD_CLIENT_ID: credentials.clientId,
    CARTONCLOUD_CLIENT_SECRET: credentials.clientSecret,
    CARTONCLOUD_CREATE_RATE_PER_MINUTE: '60000',
    SYNC_POLL_INTERVAL: '1 minute',
    // webhooks are opted into by the tests about them
    UNLEASHED_WEBHOOKS: 'off',
    ...options.env,
  });
  const eventBus = new EventBus(options.databaseUrl, logger);
  await eventBus.start();
  const metrics = createMetrics();
  const scheduler = new JobScheduler({ databaseUrl: options.databaseUrl, name: `sync-${randomUUID()}`, logger, metrics, lockLifetimeMs: 1_000 });
  await scheduler.connect();
  const secretKey = options.secretKey ?? randomBytes(32);
  const secretBox = new SecretBox(secretKey);
  const retry = options.retry ?? { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 5 };
  const timeoutMs = options.timeoutMs ?? 5_000;
  const makeProviders = () => {
    const cartonCloudClient = new CartonCloudClient({ baseUrl: cartonCloudUrl, ...credentials, clock, retry, timeoutMs });
    return {
      cartonCloud: () => cartonCloudClient,
      unleashed: (apiId: string, apiKey: string) => new UnleashedClient({ baseUrl: unleashedUrl, apiId, apiKey, clientType: 'conveyor/test', retry, timeoutMs }),
    };
  };
  const updates = new IntegrationUpdates({ config, eventBus, scheduler });
  // each worker is a process of its own as far as the sync can tell: its own clients, ledger writer, run recorder
  const deps = (): OrderSyncDeps & { scheduler: JobScheduler } => ({
    orm: options.orm,
    clock,
    config,
    scheduler,
    secretBox,
    providers: makeProviders(),
    logger,
    metrics,
    ledger: new ShipmentLedger(),
    runs: new SyncRunRecorder({ eventBus }),
    health: new IntegrationHealth({ clock, logger, updates }),
  });
  const workers: OrderSync[] = [];
  const worker = (extra: OrderSyncOptions = {}) => {
    // staleClaimGraceMs 0: tests that play a dead worker wait for its create to land themselves (the grace
    // itself is tested in create-queue-stops.int.spec.ts; the drills run with the product's default)
    const sync = new OrderSync(deps(), { databaseUrl: options.databaseUrl, drainBudgetMs: 60_000, staleClaimGraceMs: 0, authRecheckDelayMs: 20, ...options.sync, ...extra });
    workers.push(sync);
    return sync;
  };
  const sync = worker();
  const em = () => options.orm.em.fork() as EntityManager;
  if (!options.remote) {
    // a test's own CartonCloud starts healthy: no pause left by an earlier test on the same database
    await em().getConnection().execute('delete from create_breakers');
    await em().getConnection().execute('update health_conditions set cleared_at = now() where integration_id is null and cleared_at is null');
  }

  const warehouses = new Map<string, Warehouse>();
  async function warehouse(key: keyof typeof DEMO_CARTONCLOUD_WAREHOUSES): Promise<Warehouse> {
    const known = warehouses.get(key);
    if (known) return known;
    const e = em();
    const demo = DEMO_CARTONCLOUD_WAREHOUSES[key];
    const row = (await e.findOne(Warehouse, { cartonCloudWarehouseId: demo.id })) ?? e.create(Warehouse, { name: demo.name, cartonCloudWarehouseId: demo.id });
    await e.flush();
    warehouses.set(key, row);
    return row;
  }

  const customers = new Map<string, string>(); // CartonCloud customer id → Conveyor customer id

  /**
   * An ACTIVE integration: a new Unleashed account (AKL, SYD, MEL) and a new CartonCloud customer (all
   * warehouses, the catalogue) — or, with `cartonCloudCustomerId`, another integration of that customer.
   */
  async function createIntegration(input: {
    includeComments?: boolean;
    defaultWarehouse?: keyof typeof DEMO_CARTONCLOUD_WAREHOUSES | null;
    mappings?: Record<string, keyof typeof DEMO_CARTONCLOUD_WAREHOUSES | null>;
    apiKeyOverride?: string;
    orderManagement?: boolean;
    sendOrdersWithoutShipment?: boolean;
    monthlyQuota?: number | null;
    cartonCloudCustomerId?: string;
    /** fulfilment on (write-back from the activation time), for tests that follow an order to its dispatch */
    fulfilment?: boolean;
  } = {}) {
    const account = unleashed.createAccount({ orderManagement: input.orderManagement ?? true, timeZone: 'Pacific/Auckland', monthlyQuota: input.monthlyQuota ?? null });
    for (const code of ['AKL', 'SYD', 'MEL']) unleashed.addWarehouse(account.apiId, { code, name: code, isDefault: code === 'AKL' });
    unleashed.addProducts(account.apiId, PRODUCTS.map((code) => ({ code, description: code })));
    const e = em();
    let ccCustomerId = input.cartonCloudCustomerId;
    if (!ccCustomerId) {
      const ccCustomer = cartonCloud.createCustomer(credentials.tenantId, {
        name: `Merchant ${account.apiId.slice(0, 6)}`,
        warehouseIds: Object.values(DEMO_CARTONCLOUD_WAREHOUSES).map((w) => w.id),
      });
      cartonCloud.addProducts(credentials.tenantId, ccCustomer.id, PRODUCTS.map((code) => ({ code, name: code })));
      const created = e.create(Customer, { name: ccCustomer.name, cartonCloudCustomerId: ccCustomer.id, selfManagedIntegrationsAllowed: true });
      customers.set(ccCustomer.id, created.id);
      ccCustomerId = ccCustomer.id;
    }
    const customer = customers.get(ccCustomerId)!;
    const defaultKey = input.defaultWarehouse === undefined ? 'auckland' : input.defaultWarehouse;
    const integration = e.create(Integration, {
      customer,
      name: `Unleashed ${account.apiId.slice(0, 6)}`,
      status: IntegrationStatus.ACTIVE,
      unleashedApiId: account.apiId,
      includeComments: input.includeComments ?? false,
      sendOrdersWithoutShipment: input.sendOrdersWithoutShipment ?? false,
      defaultWarehouse: defaultKey ? (await warehouse(defaultKey)).id : null,
      activatedAt: clock.now(),
      unleashedTimeZone: 'Pacific/Auckland',
      fulfilmentEnabled: input.fulfilment ?? false,
      fulfilmentCursor: input.fulfilment ? clock.now() : null,
    });
    integration.unleashedApiKeySealed = secretBox.seal(input.apiKeyOverride ?? account.apiKey, integration.id);
    for (const [code, key] of Object.entries(input.mappings ?? {})) {
      e.create(WarehouseMapping, { integration, unleashedWarehouseCode: code, warehouse: key ? (await warehouse(key)).id : null });
    }
    await e.flush();
    return { integration, apiId: account.apiId, cartonCloudCustomerId: ccCustomerId };
  }

  /** A Placed order (one shipment of every line unless `shipments` says otherwise). */
  function order(apiId: string, input: Partial<SandboxOrderInput> = {}) {
    return unleashed.createOrder(apiId, {
      lines: [{ productCode: PRODUCTS[0]!, quantity: 2 }],
      delivery: { name: 'Bush Walkers Ltd', streetAddress: '1 Queen St', city: 'Auckland', country: 'New Zealand', postCode: '1010' },
      ...input,
    });
  }

  /** The sale orders CartonCloud holds for one customer, by customer reference. */
  function saleOrders(cartonCloudCustomerId: string): Record<string, unknown>[] {
    return cartonCloud.listOrders(credentials.tenantId).filter((o) => (o.customer as { id: string }).id === cartonCloudCustomerId);
  }

  /**
   * Create requests CartonCloud read, per shipment, from the sandbox's create log: CartonCloud allows
   * duplicate references, so a double create is an extra request there, not an error. A shipment is its
   * stamp (the ledger row, `references.alternateReference`), else its (customer, reference).
   */
  function createCalls(): { total: number; shipments: number; maxPerShipment: number; perShipment: Map<string, number> } {
    const perShipment = new Map<string, number>();
    for (const entry of cartonCloud.createLog()) {
      if (entry.status === 429) continue; // the create limit refuses unread
      const key = entry.alternateReference ?? `${entry.customerId} ${entry.reference}`;
      perShipment.set(key, (perShipment.get(key) ?? 0) + 1);
    }
    const counts = [...perShipment.values()];
    return { total: counts.reduce((a, b) => a + b, 0), shipments: counts.length, maxPerShipment: Math.max(0, ...counts), perShipment };
  }

  async function rows(integrationId: string): Promise<LedgerShipment[]> {
    return em().find(LedgerShipment, { integration: integrationId }, { orderBy: { customerReference: 'asc' } });
  }

  function unleashedCalls(apiId: string): number {
    return unleashed.callCounts(apiId).callsThisMonth;
  }

  async function close(): Promise<void> {
    for (const w of workers) await w.close();
    await scheduler.stop();
    await eventBus.close();
    if (!options.remote) {
      await unleashed.close();
      await cartonCloud.close();
    }
  }

  return { clock, config, deps, secretKey, sync, worker, unleashed, cartonCloud, credentials, unleashedUrl, cartonCloudUrl, em, createIntegration, order, saleOrders, createCalls, rows, unleashedCalls, close };
}
