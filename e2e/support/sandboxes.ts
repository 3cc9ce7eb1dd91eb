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
