import { randomUUID } from 'node:crypto';
import { allowDuplicates } from '../../server/test-support/cartoncloud-record.js';
import { DEMO_CARTONCLOUD_CUSTOMERS, DEMO_CARTONCLOUD_WAREHOUSES } from '../../server/src/providers/cartoncloud/sandbox/cartoncloud.demo-data.js';
import { demoProductCodes } from '../../server/src/providers/unleashed/sandbox/unleashed.demo-data.js';
import { DEMO_CUSTOMER_IDS } from '../../server/src/seed/demo-ids.js';
import type { DrillCluster } from './cluster.js';

/** An integration of the drill, set up through GraphQL as a user would (the four steps, then finish). */
export interface DrillIntegration {
  id: string;
  customerId: string;
  cartonCloudCustomerId: string;
  apiId: string;
}

const PRODUCTS = demoProductCodes.slice(0, 4);

/**
 * Creates `count` ACTIVE integrations through the API (alternating api #1 and api #2): the first on the
 * demo customer Acme, the second on Globex (so the customer-scoped API clients have something to see),
 * the rest on customers of their own. Each has its own Unleashed account and a CartonCloud customer that
 * accepts duplicate references.
 */
export async function createIntegrations(cluster: DrillCluster, count: number, prefix: string, options: { demoCustomers?: boolean } = {}): Promise<DrillIntegration[]> {
  // a CartonCloud customer has one Unleashed account here: two accounts number their orders alike, and their
  // references would count as one customer's duplicates (a later batch passes demoCustomers: false)
  const demoCustomers = options.demoCustomers ?? true;
  const warehouses = await cluster.mutate<{ warehouses: { id: string; cartonCloudWarehouseId: string }[] }>(0, '{ warehouses { id cartonCloudWarehouseId } }');
  const byCartonCloudId = new Map(warehouses.warehouses.map((w) => [w.cartonCloudWarehouseId, w.id]));
  const melbourne = byCartonCloudId.get(DEMO_CARTONCLOUD_WAREHOUSES.melbourne.id);
  if (!melbourne) throw new Error('the demo warehouses were not seeded (DEMO=true on the API processes)');
  const all = [...byCartonCloudId.values()];
  for (const key of ['acme', 'globex'] as const) allowDuplicates(cluster.cartonCloud, cluster.tenantId, DEMO_CARTONCLOUD_CUSTOMERS[key].id);

  const made: DrillIntegration[] = [];
  for (let i = 0; i < count; i++) {
    const api = i % 2;
    let customerId: string;
    let cartonCloudCustomerId: string;
    if (demoCustomers && (i === 0 || i === 1)) {
      const key = i === 0 ? 'acme' : 'globex';
      customerId = DEMO_CUSTOMER_IDS[key];
      cartonCloudCustomerId = DEMO_CARTONCLOUD_CUSTOMERS[key].id;
    } else {
      const name = `${prefix} merchant ${i}`;
      const cc = cluster.cartonCloud.createCustomer(cluster.tenantId, { name, warehouseIds: Object.values(DEMO_CARTONCLOUD_WAREHOUSES).map((w) => w.id) });
      cluster.cartonCloud.addProducts(cluster.tenantId, cc.id, PRODUCTS.map((code) => ({ code, name: code })));
      allowDuplicates(cluster.cartonCloud, cluster.tenantId, cc.id);
      const created = await cluster.mutate<{ createCustomer: { id: string } }>(api, 'mutation($i: CustomerInput!) { createCustomer(input: $i) { id } }', {
        i: { name, cartonCloudCustomerId: cc.id, warehouseIds: all, selfManagedIntegrationsAllowed: true },
      });
      customerId = created.createCustomer.id;
      cartonCloudCustomerId = cc.id;
    }
    const account = cluster.unleashed.createAccount({ apiId: randomUUID(), apiKey: `drillKey+${randomUUID().replace(/-/g, '')}==`, orderManagement: true, timeZone: 'Australia/Melbourne' });
    for (const code of ['AKL', 'SYD', 'MEL']) cluster.unleashed.addWarehouse(account.apiId, { code, name: `${code} DC`, isDefault: code === 'MEL' });
    cluster.unleashed.addProducts(account.apiId, PRODUCTS.map((code) => ({ code, description: code })));
    const { createIntegration } = await cluster.mutate<{ createIntegration: { id: string } }>(api, 'mutation($i: CreateIntegrationInput!) { createIntegration(input: $i) { id } }', {
      i: { customerId, name: `${prefix} ${i + 1}` },
    });
    const id = createIntegration.id;
    await cluster.mutate(api, 'mutation($id: ID!, $i: AuthenticationInput!) { configureAuthentication(id: $id, input: $i) { id } }', { id, i: { apiId: account.apiId, apiKey: account.apiKey } });
    await cluster.mutate(api, 'mutation($id: ID!, $i: OrderCreationInput!) { configureOrderCreation(id: $id, input: $i) { id } }', {
      id,
      i: { includeComments: false, defaultWarehouseId: melbourne, warehouseMappings: [] },
    });
    await cluster.mutate(api, 'mutation($id: ID!) { configureFulfilment(id: $id, input: { enabled: false }) { id } }', { id });
    await cluster.mutate(api, 'mutation($id: ID!) { finishIntegration(id: $id) { id } }', { id });
    made.push({ id, customerId, cartonCloudCustomerId, apiId: account.apiId });
  }
  return made;
}

/** Shipments placed in Unleashed, by customer reference, with when each arrived there (epoch ms). */
export class Orders {
  readonly arrivals = new Map<string, { integration: DrillIntegration; at: number }>();

  constructor(private readonly cluster: DrillCluster) {}

  /** `count` Placed orders of one shipment each for the integration's Unleashed account. */
  place(integration: DrillIntegration, count: number): void {
    for (let i = 0; i < count; i++) {
      const { order, shipments } = this.cluster.unleashed.createOrder(integration.apiId, {
        warehouseCode: 'MEL',
        delivery: { name: `Buyer ${i}`, streetAddress: `${1 + i} Collins St`, city: 'Melbourne', country: 'Australia', postCode: '3000' },
        lines: [{ productCode: PRODUCTS[i % PRODUCTS.length]!, quantity: 1 + (i % 3) }],
      });
      const at = Date.now();
      for (const shipment of shipments) this.arrivals.set(`${integration.cartonCloudCustomerId} ${order.OrderNumber} | ${shipment.ShipmentNumber}`, { integration, at });
    }
  }

  get count(): number {
    return this.arrivals.size;
  }
}
