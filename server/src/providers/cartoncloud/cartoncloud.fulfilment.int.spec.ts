import { ManualClock } from '../../common/clock';
import { actionFor, ProviderError } from '../shared/provider-error';
import { CartonCloudClient, CONSIGNMENT_SEARCH_ROLE } from './cartoncloud.client';
import { and, byCustomerReferences, dateTime, dispatchedSince, text } from './cartoncloud.conditions';
import { DEMO_CARTONCLOUD_CUSTOMERS, DEMO_CARTONCLOUD_WAREHOUSES, seedCartonCloudDemo } from './sandbox/cartoncloud.demo-data';
import { CartonCloudSandbox, type CartonCloudSandboxOptions } from './sandbox/cartoncloud.sandbox';
import type { NewSaleOrder } from './cartoncloud.schemas';

/** The read side fulfilment relies on: the dispatched-order search and its refusals, the fallback by reference, consignment access. */
const ACME = DEMO_CARTONCLOUD_CUSTOMERS.acme.id;
const GLOBEX = DEMO_CARTONCLOUD_CUSTOMERS.globex.id;

let sandbox: CartonCloudSandbox | undefined;
afterEach(async () => {
  await sandbox?.close();
  sandbox = undefined;
});

async function start(options: CartonCloudSandboxOptions = {}) {
  const clock = new ManualClock(new Date('2026-01-05T00:00:00Z'));
  const box = new CartonCloudSandbox({ clock, ...options });
  sandbox = box;
  const credentials = seedCartonCloudDemo(box, ['TENT-2P']);
  const baseUrl = await box.listen();
  const client = new CartonCloudClient({ baseUrl, ...credentials, clock, retry: { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 5 } });
  const create = async (reference: string, customer: string = ACME) => {
    const result = await client.createSaleOrder(order(reference, customer));
    if (result.kind !== 'created') throw new Error(`not created: ${result.kind}`);
    return result.order.id;
  };
  return { sandbox: box, clock, baseUrl, credentials, client, create };
}

function order(reference: string, customer: string): NewSaleOrder {
  return {
    references: { customer: reference },
    customer: { id: customer },
    warehouse: { id: DEMO_CARTONCLOUD_WAREHOUSES.melbourne.id },
    details: { deliver: { address: { companyName: 'Bush Walkers', address1: '1 Main St', city: 'Melbourne', country: { iso2Code: 'AU' } } } },
    items: [{ details: { product: { references: { code: 'TENT-2P' } } }, measures: { quantity: 1 } }],
  };
}

async function rejection(promise: Promise<unknown>): Promise<ProviderError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof ProviderError)) throw new Error(`expected a ProviderError, got ${String(error)}`);
  return error;
}

const dispatchedOrders = (since: string) => and(text('/customer/id', 'EQUAL_TO', ACME), text('/status', 'EQUAL_TO', 'DISPATCHED'), dateTime('/timestamps/dispatched/time', 'GREATER_THAN_OR_EQUAL_TO', since));

describe('CartonCloud: the dispatched-order search and its refusals', () => {
  it('accepts the /status pointer and DateTime comparisons by default (the sources judged most likely)', async () => {
    const { client, sandbox, create } = await start();
    const id = await create('S-1');
    sandbox.dispatchOrder(id, { carrier: 'StarTrack', trackingNumber: 'T', packages: 1 });
    const found = await client.searchSaleOrders(dispatchedOrders('2026-01-04T00:00:00Z'));
    expect(found.items.map((o) => o.id)).toEqual([id]);
  });

  it('refuses the /status pointer with 400 when refuseStatusPointer is on: VALIDATION, the action fail-record', async () => {
    const { client } = await start({ refuseStatusPointer: true });
    const error = await rejection(client.searchSaleOrders(dispatchedOrders('2026-01-04T00:00:00Z')));
    expect(error).toMatchObject({ code: 'VALIDATION', status: 400 });
    expect(error.message).toContain('Unsupported field: /status');
    expect(actionFor(error)).toBe('fail-record');
    // documented pointers still work
    await expect(client.searchSaleOrders(dispatchedSince('2026-01-04T00:00:00Z', ACME))).resolves.toMatchObject({ totalElements: 0 });
  });

  it('refuses DateTime comparisons with 400 when refuseDateTimeComparisons is on, and can be switched at run time', async () => {
    const { client, sandbox } = await start({ refuseDateTimeComparisons: true });
    const error = await rejection(client.searchSaleOrders(dispatchedSince('2026-01-04T00:00:00Z', ACME)));
    expect(error).toMatchObject({ code: 'VALIDATION', status: 400 });
    expect(error.message).toContain('Unsupported condition type: DateTimeComparisonCondition');
    sandbox.setSearchRefusals({ refuseDateTimeComparisons: false });
    await expect(client.searchSaleOrders(dispatchedSince('2026-01-04T00:00:00Z', ACME))).resolves.toMatchObject({ totalElements: 0 });
  });

  it('finds a customer\u2019s orders by a list of references with documented pointers only, whatever the refusals', async () => {
    const { client, create } = await start({ refuseStatusPointer: true, refuseDateTimeComparisons: true });
    const a = await create('R-1');
    const b = await create('R-2');
    await create('R-3');
    await create('R-1', GLOBEX); // same reference, another customer
    const found = await client.searchSaleOrders(byCustomerReferences(['R-1', 'R-2', 'R-9'], ACME), { page: 1, size: 100 });
    expect(found.items.map((o) => o.id).sort()).toEqual([a, b].sort());
  });
});

describe('CartonCloud: consignments need the "TMS View Jobs" role', () => {
  it('gives FORBIDDEN (action role-missing) naming the role when the API client lacks it, while order calls still work', async () => {
    const { client, sandbox, credentials, create } = await start();
    const id = await create('C-1');
    sandbox.dispatchOrder(id, { carrier: 'StarTrack', trackingNumber: 'T-1', packages: 2 });
    sandbox.setMissingRoles(credentials.tenantId, credentials.clientId, [CONSIGNMENT_SEARCH_ROLE]);

    const error = await rejection(client.findFulfilmentConsignment(id));
    expect(error).toMatchObject({ provider: 'cartoncloud', code: 'FORBIDDEN', status: 403 });
    expect(error.message).toContain('"TMS View Jobs"');
    expect(actionFor(error)).toBe('role-missing');
    await expect(client.getSaleOrder(id)).resolves.toMatchObject({ status: 'DISPATCHED' });

    sandbox.setMissingRoles(credentials.tenantId, credentials.clientId, []);
    await expect(client.findFulfilmentConsignment(id)).resolves.toMatchObject({ trackingNumber: 'T-1', packages: 2 });
  });

  it('takes the role away and switches the search refusals over the control API', async () => {
    const { baseUrl, credentials, client, create } = await start();
    const control = (method: string, path: string, body: unknown) =>
      fetch(`${baseUrl}/__sandbox/${path}`, { method, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
    const id = await create('C-2');
    expect((await control('PUT', `tenants/${credentials.tenantId}/clients/${credentials.clientId}/missing-roles`, { roles: ['TMS View Jobs'] })).status).toBe(204);
    expect((await rejection(client.findFulfilmentConsignment(id))).code).toBe('FORBIDDEN');
    expect((await control('PUT', 'search-refusals', { refuseStatusPointer: true })).status).toBe(204);
    expect((await rejection(client.searchSaleOrders(and(text('/status', 'EQUAL_TO', 'DISPATCHED'))))).status).toBe(400);
    expect((await control('PUT', `tenants/${credentials.tenantId}/clients/nobody/missing-roles`, { roles: [] })).status).toBe(404);
  });
});
