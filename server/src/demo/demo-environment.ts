import type { EntityManager } from '@mikro-orm/postgresql';
import type { Logger } from '../common/logger.js';
import { Customer } from '../customers/customer.entity.js';
import { Warehouse } from '../customers/warehouse.entity.js';
import {
  DEMO_CARTONCLOUD_CUSTOMER_WAREHOUSES,
  DEMO_CARTONCLOUD_CUSTOMERS,
  DEMO_CARTONCLOUD_WAREHOUSES,
  seedCartonCloudDemo,
} from '../providers/cartoncloud/sandbox/cartoncloud.demo-data.js';
import { CartonCloudSandbox } from '../providers/cartoncloud/sandbox/cartoncloud.sandbox.js';
import type { ProviderEndpoints } from '../providers/provider-factory.js';
import { createDemoAccount, startOrderCompletion, startOrderFeed } from '../providers/unleashed/sandbox/unleashed.demo-data.js';
import { UnleashedSandbox } from '../providers/unleashed/sandbox/unleashed.sandbox.js';
import { DEMO_CUSTOMER_IDS, DEMO_WAREHOUSE_IDS } from '../seed/demo-ids.js';

/** The Unleashed account a newcomer connects in the setup wizard (printed at start). */
export const DEMO_UNLEASHED_ACCOUNT = {
  apiId: 'd3e0a1c2-7b4f-4e8a-9c1d-2f5b6a7c8d90',
  apiKey: 'demoUnleashedKey+Acme/Outdoor==',
};

/**
 * A second account with Order Management off (Unleashed's default): its Placed orders have no shipment until
 * the merchant completes them. Connect it with "Send orders without a shipment" ticked in step 3 to see
 * orders flow (and the shipment Unleashed creates at completion linked for the write-back); without it,
 * its orders show as waiting for a shipment.
 */
export const DEMO_UNLEASHED_ACCOUNT_NO_OM = {
  apiId: 'e4f1b2d3-8c5a-4f9b-8d2e-3a6c7b8d9e01',
  apiKey: 'demoUnleashedKey+NoOrderMgmt==',
};

export interface DemoSandboxes {
  endpoints: ProviderEndpoints;
  unleashed: UnleashedSandbox;
  cartonCloud: CartonCloudSandbox;
  close(): Promise<void>;
}

/**
 * Both sandboxes with believable data for `npm start`: a few hundred products, Placed orders arriving in
 * Unleashed every few seconds, and CartonCloud dispatching what it receives after a while.
 */
export async function startDemoSandboxes(logger: Logger, options: { orderEveryMs?: number; dispatchAfterMs?: number } = {}): Promise<DemoSandboxes> {
  const unleashed = new UnleashedSandbox();
  const unleashedUrl = await unleashed.listen(0, '127.0.0.1');
  const account = createDemoAccount(unleashed, { ...DEMO_UNLEASHED_ACCOUNT, orderManagement: true, timeZone: 'Pacific/Auckland', initialOrders: 12, seed: 7 });
  const noOrderManagement = createDemoAccount(unleashed, { ...DEMO_UNLEASHED_ACCOUNT_NO_OM, orderManagement: false, timeZone: 'Australia/Melbourne', initialOrders: 4, seed: 11 });
  const stopFeed = startOrderFeed(unleashed, account, { everyMs: options.orderEveryMs ?? 20_000 });
  const stopNoOmFeed = startOrderFeed(unleashed, noOrderManagement, { everyMs: 3 * (options.orderEveryMs ?? 20_000) });
  // the merchant completes each order after the warehouse dispatched it: Unleashed then creates its shipment, Dispatched
  const stopCompletion = startOrderCompletion(unleashed, noOrderManagement, { afterMs: 2 * (options.dispatchAfterMs ?? 45_000) });

  const cartonCloud = new CartonCloudSandbox();
  const ccUrl = await cartonCloud.listen(0, '127.0.0.1');
  const credentials = seedCartonCloudDemo(cartonCloud);
  cartonCloud.autoProgress({ dispatchAfterMs: options.dispatchAfterMs ?? 45_000 });
  logger.info({ unleashed: unleashedUrl, cartonCloud: ccUrl }, 'demo sandboxes started');
  return {
    endpoints: {
      unleashedBaseUrl: unleashedUrl,
      cartonCloud: { baseUrl: ccUrl, tenantId: credentials.tenantId, clientId: credentials.clientId, clientSecret: credentials.clientSecret },
    },
    unleashed,
    cartonCloud,
    close: async () => {
      stopFeed();
      stopNoOmFeed();
      stopCompletion();
      cartonCloud.stopAutoProgress();
      await unleashed.close();
      await cartonCloud.close();
    },
  };
}

/** The two demo customers and three warehouses, matching the CartonCloud sandbox's demo tenant. Idempotent. */
export async function seedDemoData(em: EntityManager, logger: Logger): Promise<void> {
  if (await em.count(Customer, { id: { $in: Object.values(DEMO_CUSTOMER_IDS) } })) return;
  const warehouses = {
    melbourne: em.create(Warehouse, { id: DEMO_WAREHOUSE_IDS.melbourne, name: DEMO_CARTONCLOUD_WAREHOUSES.melbourne.name, cartonCloudWarehouseId: DEMO_CARTONCLOUD_WAREHOUSES.melbourne.id }),
    sydney: em.create(Warehouse, { id: DEMO_WAREHOUSE_IDS.sydney, name: DEMO_CARTONCLOUD_WAREHOUSES.sydney.name, cartonCloudWarehouseId: DEMO_CARTONCLOUD_WAREHOUSES.sydney.id }),
    auckland: em.create(Warehouse, { id: DEMO_WAREHOUSE_IDS.auckland, name: DEMO_CARTONCLOUD_WAREHOUSES.auckland.name, cartonCloudWarehouseId: DEMO_CARTONCLOUD_WAREHOUSES.auckland.id }),
  };
  const byCartonCloudId = new Map(Object.values(warehouses).map((w) => [w.cartonCloudWarehouseId, w]));
  const acme = em.create(Customer, {
    id: DEMO_CUSTOMER_IDS.acme,
    name: DEMO_CARTONCLOUD_CUSTOMERS.acme.name,
    cartonCloudCustomerId: DEMO_CARTONCLOUD_CUSTOMERS.acme.id,
    selfManagedIntegrationsAllowed: true,
  });
  acme.warehouses.set(DEMO_CARTONCLOUD_CUSTOMER_WAREHOUSES.acme.map((id) => byCartonCloudId.get(id)!));
  const globex = em.create(Customer, {
    id: DEMO_CUSTOMER_IDS.globex,
    name: DEMO_CARTONCLOUD_CUSTOMERS.globex.name,
    cartonCloudCustomerId: DEMO_CARTONCLOUD_CUSTOMERS.globex.id,
    selfManagedIntegrationsAllowed: false,
  });
  globex.warehouses.set(DEMO_CARTONCLOUD_CUSTOMER_WAREHOUSES.globex.map((id) => byCartonCloudId.get(id)!));
  await em.flush();
  logger.info('seeded the demo customers and warehouses');
}
