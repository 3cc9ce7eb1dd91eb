import { demoProductCodes } from '../providers/unleashed/sandbox/unleashed.demo-data.js';
import { makeDemoTenant, makeUnleashedAccount } from '../../test-support/factories.js';
import { startTestConveyor, type TestConveyor } from '../../test-support/test-conveyor.js';

/** A shipment skipped for want of a warehouse is sent once the warehouses are fixed (step 3 again). */
describe('skipped shipments after reconfiguring', () => {
  let t: TestConveyor;
  beforeAll(async () => {
    t = await startTestConveyor({ env: { CARTONCLOUD_CREATE_RATE_PER_MINUTE: '600' } });
  });
  afterAll(async () => {
    await t.close();
  });

  it('go back to PENDING and are created when step 3 gives them a warehouse', async () => {
    const { acme, warehouses } = await makeDemoTenant(t.services.orm.em.fork());
    const admin = await t.issuer.admin();
    const account = makeUnleashedAccount(t.unleashed);
    t.unleashed.createOrder(account.apiId, { warehouseCode: 'SYD', delivery: { name: 'Pat', streetAddress: '1 George St', city: 'Sydney', country: 'Australia' }, lines: [{ productCode: demoProductCodes[5]!, quantity: 2 }] });
    const gql = async <T,>(query: string, variables: Record<string, unknown>) => {
      const result = await t.gql<T>(query, variables, admin);
      expect(result.errors).toBeUndefined();
      return result.data!;
    };
    const id = (await gql<{ createIntegration: { id: string } }>('mutation($i: CreateIntegrationInput!) { createIntegration(input: $i) { id } }', { i: { customerId: acme.id, name: 'Skips SYD' } })).createIntegration.id;
    await gql('mutation($id: ID!, $i: AuthenticationInput!) { configureAuthentication(id: $id, input: $i) { id } }', { id, i: account });
    // only AKL is mapped, no default: the SYD shipment will be skipped
    const orders = 'mutation($id: ID!, $i: OrderCreationInput!) { configureOrderCreation(id: $id, input: $i) { id } }';
    await gql(orders, { id, i: { includeComments: false, warehouseMappings: [{ unleashedWarehouseCode: 'AKL', warehouseId: warehouses.auckland.id }] } });
    await gql('mutation($id: ID!) { configureFulfilment(id: $id, input: { enabled: false }) { id } }', { id });
    await gql('mutation($id: ID!) { finishIntegration(id: $id) { id } }', { id });

    const shipments = async () =>
      (await gql<{ integration: { shipments: { state: string; lastError: string | null; cartonCloudOrderId: string | null }[] } }>('query($id: ID!) { integration(id: $id) { shipments { state lastError cartonCloudOrderId } } }', { id })).integration.shipments;
    const waitFor = async (state: string) => {
      const deadline = Date.now() + 15_000;
      while (Date.now() < deadline) {
        const rows = await shipments();
        if (rows[0]?.state === state) return rows[0];
        await new Promise((r) => setTimeout(r, 200));
      }
      throw new Error(`no shipment reached ${state}: ${JSON.stringify(await shipments())}`);
    };
    const skipped = await waitFor('SKIPPED');
    expect(skipped.lastError).toMatch(/SYD/);

    await gql(orders, { id, i: { includeComments: false, warehouseMappings: [{ unleashedWarehouseCode: 'AKL', warehouseId: warehouses.auckland.id }, { unleashedWarehouseCode: 'SYD', warehouseId: warehouses.sydney.id }] } });
    const created = await waitFor('CREATED');
    expect(created.cartonCloudOrderId).not.toBeNull();
    const sent = t.cartonCloud.listOrders(t.services.providers.endpoints.cartonCloud.tenantId) as { references: { customer: string }; warehouse: { name: string } }[];
    expect(sent).toHaveLength(1);
    expect(sent[0]!.warehouse.name).toBe('Sydney DC');
  });
});
