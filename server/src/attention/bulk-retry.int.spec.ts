import { DEMO_CARTONCLOUD_CUSTOMERS, DEMO_CARTONCLOUD_TENANT_ID } from '../providers/cartoncloud/sandbox/cartoncloud.demo-data.js';
import { activeIntegration, statesByReference, waitUntil } from '../../test-support/attention-world.js';
import { makeDemoTenant, makeUnleashedAccount } from '../../test-support/factories.js';
import { startTestConveyor, type TestConveyor } from '../../test-support/test-conveyor.js';

const ORDERS = 200;
const CREATE = 'POST /tenants/{t}/outbound-orders';
const SEARCH = 'POST /tenants/{t}/outbound-orders/search';

/**
 * Bulk retry after the cause is fixed: 200 shipments REJECTED for a product CartonCloud did not know; the
 * product is added; one `retryShipments` sends all 200 again, and CartonCloud receives exactly one new
 * create per shipment. CartonCloud is set to ALLOW duplicate references for this customer, so a second
 * create of any shipment would show as a third sale order with its reference; every retried row searches
 * CartonCloud by reference before it creates (it had an attempt), as the exactly-once rules require.
 */
describe('bulk retry of 200 rejected shipments', () => {
  let t: TestConveyor;
  let admin: string;
  let integrationId: string;

  const acmeOrders = () => t.cartonCloud.listOrders(DEMO_CARTONCLOUD_TENANT_ID).filter((o) => (o.customer as { id: string }).id === DEMO_CARTONCLOUD_CUSTOMERS.acme.id);
  const perReference = () => {
    const counts = new Map<string, string[]>();
    for (const o of acmeOrders()) {
      const reference = (o.references as { customer: string }).customer;
      counts.set(reference, [...(counts.get(reference) ?? []), o.status as string]);
    }
    return counts;
  };
  const calls = (endpoint: string) => t.cartonCloud.stats().calls[endpoint] ?? 0;

  beforeAll(async () => {
    t = await startTestConveyor({
      env: { CARTONCLOUD_CREATE_RATE_PER_MINUTE: '60000', MANUAL_SYNC_COOLDOWN_SECONDS: '0' },
      cartonCloudOptions: { createRateLimit: false },
    });
    const tenant = await makeDemoTenant(t.services.orm.em.fork());
    admin = await t.issuer.admin();
    t.cartonCloud.setCustomerSettings(DEMO_CARTONCLOUD_TENANT_ID, DEMO_CARTONCLOUD_CUSTOMERS.acme.id, { duplicateReferences: 'allow' });
    const account = makeUnleashedAccount(t.unleashed);
    integrationId = await activeIntegration(t, admin, tenant.acme.id, account, { defaultWarehouseId: tenant.warehouses.auckland.id, warehouseMappings: [] }, 'Acme bulk');
    for (let i = 1; i <= ORDERS; i++) {
      t.unleashed.createOrder(account.apiId, {
        orderNumber: `SO-${String(i).padStart(4, '0')}`,
        warehouseCode: 'AKL',
        lines: [{ productCode: 'NEW-SKU-1', quantity: 1 }],
        delivery: { name: 'Bush Walkers Ltd', streetAddress: '1 Queen St', city: 'Auckland', country: 'New Zealand', postCode: '1010' },
      });
    }
    expect((await t.gql(`mutation($id: ID!) { syncNow(id: $id) { id } }`, { id: integrationId }, admin)).errors).toBeUndefined();
    await waitUntil(() => statesByReference(t, integrationId), (s) => Object.values(s).filter((state) => state === 'REJECTED').length === ORDERS, 120_000, '200 rejected shipments');
  }, 180_000);
  afterAll(async () => {
    await t.close();
  });

  it('creates each exactly once after the product is added', async () => {
    const before = perReference();
    expect(before.size).toBe(ORDERS);
    for (const statuses of before.values()) expect(statuses).toEqual(['REJECTED']);

    t.cartonCloud.addProducts(DEMO_CARTONCLOUD_TENANT_ID, DEMO_CARTONCLOUD_CUSTOMERS.acme.id, [{ code: 'NEW-SKU-1', name: 'New SKU' }]);
    const listed = await t.gql<{ needsAttention: { id: string; retryable: boolean }[]; needsAttentionCount: number }>(
      `query($id: ID!) { needsAttention(integrationId: $id, limit: 500) { id retryable } needsAttentionCount(integrationId: $id) }`,
      { id: integrationId },
      admin,
    );
    expect(listed.data!.needsAttentionCount).toBe(ORDERS);
    expect(listed.data!.needsAttention.every((i) => i.retryable)).toBe(true);
    const ids = listed.data!.needsAttention.map((i) => i.id);
    const createsBefore = calls(CREATE);
    const searchesBefore = calls(SEARCH);

    const retried = await t.gql<{ retryShipments: { id: string }[] }>(`mutation($ids: [ID!]!) { retryShipments(ids: $ids) { id } }`, { ids }, admin);
    expect(retried.errors).toBeUndefined();
    expect(retried.data!.retryShipments).toHaveLength(ORDERS);
    // sending them again at once, while they wait, moves nothing: each is in flight at most once
    const twice = await t.gql(`mutation($ids: [ID!]!) { retryShipments(ids: $ids) { id } }`, { ids: ids.slice(0, 3) }, admin);
    expect(twice.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');

    await waitUntil(() => statesByReference(t, integrationId), (s) => Object.values(s).filter((state) => state === 'CREATED').length === ORDERS, 120_000, '200 created shipments');
    const after = perReference();
    expect(after.size).toBe(ORDERS);
    for (const [reference, statuses] of after) {
      // the rejected original and exactly one new sale order
      expect([reference, statuses]).toEqual([reference, ['REJECTED', 'AWAITING_PICK_AND_PACK']]);
    }
    expect(calls(CREATE) - createsBefore).toBe(ORDERS);
    expect(calls(SEARCH) - searchesBefore).toBeGreaterThanOrEqual(ORDERS);
    expect((await t.gql<{ needsAttentionCount: number }>(`query($id: ID!) { needsAttentionCount(integrationId: $id) }`, { id: integrationId }, admin)).data!.needsAttentionCount).toBe(0);
  }, 180_000);
});
