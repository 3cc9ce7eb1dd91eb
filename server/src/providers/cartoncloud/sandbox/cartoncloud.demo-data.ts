import { demoProductCodes } from '../../unleashed/sandbox/unleashed.demo-data.js';
import type { CartonCloudSandbox } from './cartoncloud.sandbox.js';

/**
 * The CartonCloud side of the demo (`npm start`, the browser tests): one 3PL tenant with one API client,
 * the demo customers and warehouses, and a product catalogue. These are CartonCloud's ids — what
 * Conveyor stores as `cartonCloudCustomerId` / `cartonCloudWarehouseId` — not Conveyor's own ids
 * (server/src/seed/demo-ids.ts). Fixed so they survive restarts. The catalogue is the Unleashed demo's
 * SKUs (`demoProductCodes`), so demo orders resolve; the Unleashed feed's occasional `DISC-…-LEGACY`
 * codes are not in it and come back 228 REJECTED, as a discontinued product would.
 */
export const DEMO_CARTONCLOUD_TENANT_ID = 'cc000000-0000-4000-8000-000000000001';
export const DEMO_CARTONCLOUD_TENANT_NAME = 'Demo 3PL';
/** Sandbox-only credentials of the demo API client. */
export const DEMO_CARTONCLOUD_CLIENT_ID = 'cc0c0000-0000-4000-8000-000000000001';
export const DEMO_CARTONCLOUD_CLIENT_SECRET = 'demo-cartoncloud-secret';

export const DEMO_CARTONCLOUD_CUSTOMERS = {
  acme: { id: 'cc100000-0000-4000-8000-000000000001', name: 'Acme Outdoor', code: 'ACME' },
  globex: { id: 'cc100000-0000-4000-8000-000000000002', name: 'Globex Foods', code: 'GLOBEX' },
} as const;

export const DEMO_CARTONCLOUD_WAREHOUSES = {
  melbourne: { id: 'cc200000-0000-4000-8000-000000000001', name: 'Melbourne DC' },
  sydney: { id: 'cc200000-0000-4000-8000-000000000002', name: 'Sydney DC' },
  auckland: { id: 'cc200000-0000-4000-8000-000000000003', name: 'Auckland DC' },
} as const;

/**
 * Which warehouses each demo customer may use (Melbourne is the tenant's default). Acme, the outdoor-gear
 * merchant of the Unleashed demo (whose default warehouse is Auckland), may use all three; Globex is
 * kept out of Auckland so the demo can show a refused warehouse.
 */
export const DEMO_CARTONCLOUD_CUSTOMER_WAREHOUSES = {
  acme: [DEMO_CARTONCLOUD_WAREHOUSES.melbourne.id, DEMO_CARTONCLOUD_WAREHOUSES.sydney.id, DEMO_CARTONCLOUD_WAREHOUSES.auckland.id],
  globex: [DEMO_CARTONCLOUD_WAREHOUSES.melbourne.id, DEMO_CARTONCLOUD_WAREHOUSES.sydney.id],
} as const;

export interface DemoCartonCloudCredentials {
  baseUrl?: string;
  tenantId: string;
  clientId: string;
  clientSecret: string;
}

/** Seeds the demo tenant into a sandbox (which should be empty of it). */
export function seedCartonCloudDemo(sandbox: CartonCloudSandbox, productCodes: readonly string[] = demoProductCodes): DemoCartonCloudCredentials {
  const tenantId = DEMO_CARTONCLOUD_TENANT_ID;
  sandbox.createTenant({ id: tenantId, name: DEMO_CARTONCLOUD_TENANT_NAME });
  const client = sandbox.createApiClient(tenantId, { clientId: DEMO_CARTONCLOUD_CLIENT_ID, clientSecret: DEMO_CARTONCLOUD_CLIENT_SECRET });
  const { melbourne, sydney, auckland } = DEMO_CARTONCLOUD_WAREHOUSES;
  sandbox.createWarehouse(tenantId, { ...melbourne, isDefault: true });
  sandbox.createWarehouse(tenantId, sydney);
  sandbox.createWarehouse(tenantId, auckland);
  for (const key of ['acme', 'globex'] as const) {
    const customer = DEMO_CARTONCLOUD_CUSTOMERS[key];
    sandbox.createCustomer(tenantId, { ...customer, warehouseIds: [...DEMO_CARTONCLOUD_CUSTOMER_WAREHOUSES[key]] });
    sandbox.addProducts(tenantId, customer.id, productCodes.map((code) => ({ code, name: describe(code) })));
  }
  return { tenantId, clientId: client.clientId, clientSecret: client.clientSecret };
}

/** "TNT-RDG1-GRE" → "Tnt rdg1 gre": a product name for the catalogue (the codes are what matter). */
function describe(code: string): string {
  const words = code.toLowerCase().split(/[-_ ]+/);
  return words.map((w, i) => (i === 0 ? w.charAt(0).toUpperCase() + w.slice(1) : w)).join(' ');
}
