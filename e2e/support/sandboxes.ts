import { randomUUID } from 'node:crypto';
import { baseUrl } from './browser';

/**
 * Deterministic data for the browser tests through the demo sandboxes' control APIs (`/__sandbox/…`, see
 * server/src/providers/*\/README.md) and the API itself (client-credentials token of `conveyor-cli`).
 */

function sandboxUrl(which: 'unleashed' | 'cartonCloud'): string {
  const url = which === 'unleashed' ? process.env['E2E_UNLEASHED_SANDBOX_URL'] : process.env['E2E_CARTONCLOUD_SANDBOX_URL'];
  if (!url) throw new Error('the sandbox URLs are not set: run the browser tests with `npx jest --selectProjects browser`');
  return url;
}

async function control<T>(which: 'unleashed' | 'cartonCloud', method: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(`${sandboxUrl(which)}/__sandbox${path}`, {
    method,
    headers: { 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${which} sandbox ${method} ${path} → ${response.status}: ${text}`);
  return (text ? JSON.parse(text) : undefined) as T;
}

/** SKUs of both demo catalogues (Unleashed demo data and CartonCloud's Acme/Globex catalogue). */
export const KNOWN_PRODUCTS = ['TNT-RDG1-GRN', 'LMP-B200', 'PCK-RTB35-M'];
/** A SKU CartonCloud does not know: the sale order is REJECTED with "… Product not found". */
export const UNKNOWN_PRODUCT = 'ZZZ-NOT-STOCKED';

export interface UnleashedAccount {
  apiId: string;
  apiKey: string;
}

/** A fresh Unleashed account with warehouses AKL, SYD, MEL, the products the tests order and the shipping company StarTrack. */
export async function createUnleashedAccount(): Promise<UnleashedAccount> {
  const account = { apiId: randomUUID(), apiKey: `e2eKey+${randomUUID().replace(/-/g, '')}==` };
  await control('unleashed', 'POST', '/accounts', { ...account, orderManagement: true, timeZone: 'Pacific/Auckland' });
  for (const [code, name] of [
    ['AKL', 'Auckland DC'],
    ['SYD', 'Sydney DC'],
    ['MEL', 'Melbourne DC'],
  ]) {
    await control('unleashed', 'POST', `/accounts/${account.apiId}/warehouses`, { code, name });
  }
  await control(
    'unleashed',
    'POST',
    `/accounts/${account.apiId}/products`,
    [...KNOWN_PRODUCTS, UNKNOWN_PRODUCT].map((code) => ({ code, description: `Product ${code}` })),
  );
  // the carrier the warehouse dispatches with is one of the account's shipping companies (a lookup, never a bare name)
  await control('unleashed', 'POST', `/accounts/${account.apiId}/shipping-companies`, { names: ['StarTrack'] });
  return account;
}

interface SandboxShipment {
  Guid: string;
  ShipmentNumber: string;
  ShipmentStatus: string;
  DispatchDate?: unknown;
  TrackingNumber?: string | null;
  ShippingCompany?: { Guid: string; Name: string } | null;
}

/** A Placed sales order with one shipment. */
export async function placeOrder(
  account: UnleashedAccount,
  order: { orderNumber: string; warehouseCode: string; productCode: string; quantity?: number },
): Promise<{ orderGuid: string; shipmentGuid: string }> {
  const created = await control<{ order: { Guid: string }; shipments: SandboxShipment[] }>('unleashed', 'POST', `/accounts/${account.apiId}/orders`, {
    orderNumber: order.orderNumber,
    status: 'Placed',
    warehouseCode: order.warehouseCode,
    customer: { code: 'WEB', name: 'Online Store' },
    delivery: { name: 'Aroha Ngata', streetAddress: '12 Ponsonby Road', suburb: 'Ponsonby', city: 'Auckland', postCode: '1011', country: 'New Zealand' },
    lines: [{ productCode: order.productCode, quantity: order.quantity ?? 1, unitPrice: 49.5 }],
  });
  return { orderGuid: created.order.Guid, shipmentGuid: created.shipments[0]!.Guid };
}

/** The Unleashed sales shipment as written back. */
export function unleashedShipment(account: UnleashedAccount, guid: string): Promise<SandboxShipment> {
  return control<SandboxShipment>('unleashed', 'GET', `/accounts/${account.apiId}/shipments/${guid}`);
}

/** The warehouse dispatches a CartonCloud sale order. */
export async function dispatchInCartonCloud(orderId: string, details = { carrier: 'StarTrack', trackingNumber: 'ST-E2E-0001', packages: 2 }): Promise<void> {
  await control('cartonCloud', 'POST', `/orders/${orderId}/dispatch`, details);
}

// ---- the API, as a script would use it ----

let adminToken: string | null = null;

async function token(): Promise<string> {
  if (adminToken) return adminToken;
  const response = await fetch(`${baseUrl()}/oidc/token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'client_credentials', client_id: 'conveyor-cli', client_secret: 'conveyor-cli-secret' }),
  });
  if (!response.ok) throw new Error(`client-credentials token: ${response.status} ${await response.text()}`);
  adminToken = ((await response.json()) as { access_token: string }).access_token;
  return adminToken;
}

/** A GraphQL call as the 3PL admin API client; throws on errors. */
export async function adminGql<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const response = await fetch(`${baseUrl()}/graphql`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${await token()}` },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: T; errors?: Array<{ message: string }> };
  if (body.errors?.length) throw new Error(`GraphQL: ${body.errors.map((e) => e.message).join('; ')}`);
  return body.data as T;
}

export async function customerIdByName(name: string): Promise<string> {
  const data = await adminGql<{ customers: Array<{ id: string; name: string }> }>('{ customers { id name } }');
  const customer = data.customers.find((c) => c.name === name);
  if (!customer) throw new Error(`no customer named ${name}`);
  return customer.id;
}

/** An ACTIVE integration set up through the API (for pages that need one to exist). */
export async function activeIntegrationViaApi(customerId: string, name: string, account: UnleashedAccount): Promise<string> {
  const created = await adminGql<{ createIntegration: { id: string } }>('mutation($input: CreateIntegrationInput!) { createIntegration(input: $input) { id } }', {
    input: { customerId, name },
  });
  const id = created.createIntegration.id;
  await adminGql('mutation($id: ID!, $input: AuthenticationInput!) { configureAuthentication(id: $id, input: $input) { id } }', { id, input: account });
  const customer = await adminGql<{ customer: { warehouses: Array<{ id: string }> } }>('query($id: ID!) { customer(id: $id) { warehouses { id } } }', { id: customerId });
  await adminGql('mutation($id: ID!, $input: OrderCreationInput!) { configureOrderCreation(id: $id, input: $input) { id } }', {
    id,
    input: { includeComments: true, defaultWarehouseId: customer.customer.warehouses[0]!.id, warehouseMappings: [] },
  });
  await adminGql('mutation($id: ID!) { configureFulfilment(id: $id, input: { enabled: true }) { id } }', { id });
  await adminGql('mutation($id: ID!) { finishIntegration(id: $id) { id } }', { id });
  return id;
}

// ---- needs attention (issue 14) ----

/** CartonCloud's demo tenant and customers (fixed ids: server/src/providers/cartoncloud/sandbox/cartoncloud.demo-data.ts). */
const CARTONCLOUD_TENANT = 'cc000000-0000-4000-8000-000000000001';
const CARTONCLOUD_CUSTOMER = { acme: 'cc100000-0000-4000-8000-000000000001', globex: 'cc100000-0000-4000-8000-000000000002' } as const;

/** The 3PL adds products to a demo customer's catalogue in CartonCloud. */
export async function addCartonCloudProducts(customer: keyof typeof CARTONCLOUD_CUSTOMER, codes: string[]): Promise<void> {
  await control('cartonCloud', 'POST', `/tenants/${CARTONCLOUD_TENANT}/customers/${CARTONCLOUD_CUSTOMER[customer]}/products`, { products: codes.map((code) => ({ code, name: `Product ${code}` })) });
}

/** A demo customer's CartonCloud settings (e.g. re-importing a REJECTED order's reference replaces it, CartonCloud's default). */
export async function setCartonCloudCustomerSettings(customer: keyof typeof CARTONCLOUD_CUSTOMER, settings: Record<string, string>): Promise<void> {
  await control('cartonCloud', 'PATCH', `/tenants/${CARTONCLOUD_TENANT}/customers/${CARTONCLOUD_CUSTOMER[customer]}/settings`, settings);
}

/** The sale orders CartonCloud holds whose reference starts with `prefix`. */
export async function cartonCloudOrders(prefix: string): Promise<Array<{ status: string; references: { customer: string } }>> {
  const orders = await control<Array<{ status: string; references: { customer: string } }>>('cartonCloud', 'GET', `/tenants/${CARTONCLOUD_TENANT}/orders`);
  return orders.filter((o) => o.references.customer.startsWith(prefix));
}

/** An immediate poll through the API, waiting out the cooldown between manual syncs when it applies. */
export async function syncNowViaApi(integrationId: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await adminGql('mutation($id: ID!) { syncNow(id: $id) { id } }', { id: integrationId });
      return;
    } catch (error) {
      const wait = /Try again in (\d+) second/.exec(String(error));
      if (!wait || attempt > 5) throw error;
      await new Promise((resolve) => setTimeout(resolve, Number(wait[1]) * 1000 + 200));
    }
  }
}

/** Reads until `done` holds, or fails naming `what`. */
export async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean, what: string, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; last: ${JSON.stringify(value).slice(0, 500)}`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

/** What the inbox holds for one integration, through the API. */
export async function attentionOf(integrationId: string): Promise<Array<{ id: string; unleashedOrderNumber: string; attentionCode: string }>> {
  const data = await adminGql<{ needsAttention: Array<{ id: string; unleashedOrderNumber: string; attentionCode: string }> }>(
    'query($id: ID!) { needsAttention(integrationId: $id, limit: 500) { id unleashedOrderNumber attentionCode } }',
    { id: integrationId },
  );
  return data.needsAttention;
}

/** The ledger states of an integration's shipments by order number, through the API. */
export async function shipmentStates(integrationId: string): Promise<Record<string, string>> {
  const data = await adminGql<{ integration: { shipments: Array<{ unleashedOrderNumber: string; state: string }> } }>(
    'query($id: ID!) { integration(id: $id) { shipments(limit: 500) { unleashedOrderNumber state } } }',
    { id: integrationId },
  );
  return Object.fromEntries(data.integration.shipments.map((s) => [s.unleashedOrderNumber, s.state]));
}
