import { demoProductCodes } from '../providers/unleashed/sandbox/unleashed.demo-data.js';
import { makeDemoTenant, makeUnleashedAccount } from '../../test-support/factories.js';
import { startTestConveyor, type TestConveyor } from '../../test-support/test-conveyor.js';

/**
 * Step 3's `sendOrdersWithoutShipment` (CONTRACT §6) through GraphQL, on an Unleashed account with Order
 * Management off (no shipment until an order is completed): off, the order is shown as waiting; turned on,
 * the waiting order is sent from its own lines as "{OrderNumber}".
 */
describe('send orders without a shipment (step 3)', () => {
  let t: TestConveyor;
  beforeAll(async () => {
    t = await startTestConveyor({ env: { CARTONCLOUD_CREATE_RATE_PER_MINUTE: '600' } });
  });
  afterAll(async () => {
    await t.close();
  });

  interface Row {
    state: string;
    customerReference: string;
    unleashedShipmentNumber: string;
    wholeOrder: boolean;
    lastError: string | null;
    attentionReason: string | null;
    cartonCloudOrderId: string | null;
  }

  it('is off by default (the order waits, saying so), and once turned on sends the waiting order whole', async () => {
    const { acme, warehouses } = await makeDemoTenant(t.services.orm.em.fork());
    const admin = await t.issuer.admin();
    const account = makeUnleashedAccount(t.unleashed, { orderManagement: false });
    const { order, shipments } = t.unleashed.createOrder(account.apiId, {
      warehouseCode: 'AKL',
      delivery: { name: 'Pat', streetAddress: '1 Queen St', city: 'Auckland', country: 'New Zealand' },
      lines: [
        { productCode: demoProductCodes[5]!, quantity: 2 },
        { productCode: demoProductCodes[6]!, quantity: 1 },
      ],
    });
    expect(shipments).toEqual([]); // Order Management off: none until the order is completed
    const gql = async <T,>(query: string, variables: Record<string, unknown>) => {
      const result = await t.gql<T>(query, variables, admin);
      expect(result.errors).toBeUndefined();
      return result.data!;
    };
    const id = (await gql<{ createIntegration: { id: string } }>('mutation($i: CreateIntegrationInput!) { createIntegration(input: $i) { id } }', { i: { customerId: acme.id, name: 'No Order Management' } })).createIntegration.id;
    await gql('mutation($id: ID!, $i: AuthenticationInput!) { configureAuthentication(id: $id, input: $i) { id } }', { id, i: account });
    const step3 = 'mutation($id: ID!, $i: OrderCreationInput!) { configureOrderCreation(id: $id, input: $i) { sendOrdersWithoutShipment } }';
    const mappings = [{ unleashedWarehouseCode: 'AKL', warehouseId: warehouses.auckland.id }];
    const off = await gql<{ configureOrderCreation: { sendOrdersWithoutShipment: boolean } }>(step3, { id, i: { includeComments: false, warehouseMappings: mappings } });
    expect(off.configureOrderCreation.sendOrdersWithoutShipment).toBe(false);
    await gql('mutation($id: ID!) { configureFulfilment(id: $id, input: { enabled: false }) { id } }', { id });
    await gql('mutation($id: ID!) { finishIntegration(id: $id) { id } }', { id });

    const rows = async () =>
      (await gql<{ integration: { shipments: Row[] } }>(
        'query($id: ID!) { integration(id: $id) { shipments { state customerReference unleashedShipmentNumber wholeOrder lastError attentionReason cartonCloudOrderId } } }',
        { id },
      )).integration.shipments;
    const waitFor = async (done: (rows: Row[]) => boolean) => {
      const deadline = Date.now() + 15_000;
      while (Date.now() < deadline) {
        const current = await rows();
        if (done(current)) return current;
        await new Promise((r) => setTimeout(r, 200));
      }
      throw new Error(`not reached: ${JSON.stringify(await rows())}`);
    };
    const [waiting] = await waitFor((r) => r.length === 1);
    // publicly PENDING with the reason as lastError at once; attentionReason only after a day of waiting
    expect(waiting).toEqual({
      state: 'PENDING',
      customerReference: order.OrderNumber,
      unleashedShipmentNumber: '',
      wholeOrder: false,
      lastError: expect.stringMatching(/no sales shipment ready to send yet/),
      attentionReason: null,
      cartonCloudOrderId: null,
    });

    const on = await gql<{ configureOrderCreation: { sendOrdersWithoutShipment: boolean } }>(step3, { id, i: { includeComments: false, warehouseMappings: mappings, sendOrdersWithoutShipment: true } });
    expect(on.configureOrderCreation.sendOrdersWithoutShipment).toBe(true);
    const [sent] = await waitFor((r) => r[0]?.state === 'CREATED');
    expect(sent).toMatchObject({ customerReference: order.OrderNumber, wholeOrder: true, lastError: null, cartonCloudOrderId: expect.any(String) });
    const orders = t.cartonCloud.listOrders(t.services.providers.endpoints.cartonCloud.tenantId) as { references: { customer: string }; items: { measures: { quantity: number } }[] }[];
    expect(orders.map((o) => [o.references.customer, o.items.map((i) => i.measures.quantity)])).toEqual([[order.OrderNumber, [2, 1]]]);
  });
});
