import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Customer } from '../src/customers/customer.entity.js';
import { Warehouse } from '../src/customers/warehouse.entity.js';
import { DEMO_CARTONCLOUD_CUSTOMERS, DEMO_CARTONCLOUD_WAREHOUSES } from '../src/providers/cartoncloud/sandbox/cartoncloud.demo-data.js';
import type { UnleashedSandbox } from '../src/providers/unleashed/sandbox/unleashed.sandbox.js';

/** Test data built with the real ORM (no mocks): customers, warehouses, Unleashed sandbox accounts. */
export async function makeWarehouse(em: EntityManager, overrides: Partial<Pick<Warehouse, 'name' | 'cartonCloudWarehouseId'>> = {}): Promise<Warehouse> {
  const warehouse = em.create(Warehouse, { name: overrides.name ?? `Warehouse ${randomUUID().slice(0, 6)}`, cartonCloudWarehouseId: overrides.cartonCloudWarehouseId ?? randomUUID() });
  await em.flush();
  return warehouse;
}

export async function makeCustomer(
  em: EntityManager,
  overrides: { name?: string; cartonCloudCustomerId?: string; selfManagedIntegrationsAllowed?: boolean; warehouses?: Warehouse[] } = {},
): Promise<Customer> {
  const customer = em.create(Customer, {
    name: overrides.name ?? `Customer ${randomUUID().slice(0, 6)}`,
    cartonCloudCustomerId: overrides.cartonCloudCustomerId ?? randomUUID(),
    selfManagedIntegrationsAllowed: overrides.selfManagedIntegrationsAllowed ?? false,
  });
  customer.warehouses.set(overrides.warehouses ?? []);
  await em.flush();
  return customer;
}

/**
 * The CartonCloud sandbox's demo tenant as Conveyor rows: Acme (all three warehouses, allowed to manage
 * its integrations) and Globex (Melbourne and Sydney, not allowed).
 */
export async function makeDemoTenant(em: EntityManager) {
  const melbourne = await makeWarehouse(em, { name: DEMO_CARTONCLOUD_WAREHOUSES.melbourne.name, cartonCloudWarehouseId: DEMO_CARTONCLOUD_WAREHOUSES.melbourne.id });
  const sydney = await makeWarehouse(em, { name: DEMO_CARTONCLOUD_WAREHOUSES.sydney.name, cartonCloudWarehouseId: DEMO_CARTONCLOUD_WAREHOUSES.sydney.id });
  const auckland = await makeWarehouse(em, { name: DEMO_CARTONCLOUD_WAREHOUSES.auckland.name, cartonCloudWarehouseId: DEMO_CARTONCLOUD_WAREHOUSES.auckland.id });
  const acme = await makeCustomer(em, { name: 'Acme Outdoor', cartonCloudCustomerId: DEMO_CARTONCLOUD_CUSTOMERS.acme.id, selfManagedIntegrationsAllowed: true, warehouses: [melbourne, sydney, auckland] });
  const globex = await makeCustomer(em, { name: 'Globex Foods', cartonCloudCustomerId: DEMO_CARTONCLOUD_CUSTOMERS.globex.id, selfManagedIntegrationsAllowed: false, warehouses: [melbourne, sydney] });
  return { warehouses: { melbourne, sydney, auckland }, acme, globex };
}

/** An Unleashed account in the sandbox with warehouses AKL, SYD and MEL; returns its credentials. */
export function makeUnleashedAccount(sandbox: UnleashedSandbox, options: { orderManagement?: boolean; timeZone?: string } = {}) {
  const account = sandbox.createAccount({ apiId: randomUUID(), apiKey: `key-${randomUUID()}`, orderManagement: options.orderManagement ?? true, timeZone: options.timeZone ?? 'Pacific/Auckland' });
  for (const [code, name] of [['AKL', 'Auckland'], ['SYD', 'Sydney'], ['MEL', 'Melbourne']] as const) {
    sandbox.addWarehouse(account.apiId, { code, name: `${name} DC` });
  }
  return { apiId: account.apiId, apiKey: account.apiKey };
}
