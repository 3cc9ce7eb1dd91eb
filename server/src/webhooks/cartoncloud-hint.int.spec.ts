import { demoProductCodes } from '../providers/unleashed/sandbox/unleashed.demo-data.js';
import { makeDemoTenant, makeUnleashedAccount } from '../../test-support/factories.js';
import { startTestConveyor, type TestConveyor } from '../../test-support/test-conveyor.js';
import { orderIdsOf } from './cartoncloud-hint.js';

/**
 * CartonCloud "order status changed" deliveries as a hint (issue 13): the secret URL shown to admins; a
 * delivery naming a dispatched order makes its integration write the dispatch back to Unleashed within
 * seconds, although polls run only hourly here; a wrong token is a 404 and triggers nothing.
 */
describe('CartonCloud hint receiver', () => {
  let t: TestConveyor;
  beforeAll(async () => {
    t = await startTestConveyor({ env: { SYNC_POLL_INTERVAL: '1 hour', CARTONCLOUD_CREATE_RATE_PER_MINUTE: '600' } });
  });
  afterAll(async () => {
    await t.close();
  });

  it('finds order ids wherever the undocumented body puts them', () => {
    expect(orderIdsOf({ event: 'order.status.changed', data: { id: 'ab12cd34-0000-4000-8000-000000000001', status: 'DISPATCHED' } })).toEqual(['ab12cd34-0000-4000-8000-000000000001']);
    expect(orderIdsOf({ orderId: 'ab12cd34ef' })).toEqual(['ab12cd34ef']);
    expect(orderIdsOf('nothing')).toEqual([]);
  });

  it('shows admins the secret URL; a delivery runs the write-back of the order’s integration at once; a wrong token changes nothing', async () => {
    const admin = await t.issuer.admin();
    const { acme, warehouses } = await makeDemoTenant(t.services.orm.em.fork());
    const account = makeUnleashedAccount(t.unleashed);
    t.unleashed.addShippingCompanies(account.apiId, ['StarTrack']);
    const gql = async <T,>(query: string, variables: Record<string, unknown> = {}, token: string | null = admin) => {
      const result = await t.gql<T>(query, variables, token);
      expect(result.errors).toBeUndefined();
      return result.data!;
    };
    const url = (await gql<{ overview: { cartonCloudWebhookUrl: string } }>('{ overview { cartonCloudWebhookUrl } }')).overview.cartonCloudWebhookUrl;
    expect(url).toMatch(new RegExp(`^${t.url}/webhooks/cartoncloud/[\\w-]{40,}$`));
    const customer = await t.issuer.customerUser(acme.id);
    const refused = await t.gql('{ overview { cartonCloudWebhookUrl } }', {}, customer);
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

    const id = (await gql<{ createIntegration: { id: string } }>('mutation($i: CreateIntegrationInput!) { createIntegration(input: $i) { id } }', { i: { customerId: acme.id, name: 'Hinted' } })).createIntegration.id;
    await gql('mutation($id: ID!, $i: AuthenticationInput!) { configureAuthentication(id: $id, input: $i) { id } }', { id, i: account });
    await gql('mutation($id: ID!, $i: OrderCreationInput!) { configureOrderCreation(id: $id, input: $i) { id } }', {
      id,
      i: { includeComments: false, warehouseMappings: [{ unleashedWarehouseCode: 'AKL', warehouseId: warehouses.auckland.id }] },
    });
    await gql('mutation($id: ID!) { configureFulfilment(id: $id, input: { enabled: true, unleashedTimeZone: "Pacific/Auckland" }) { id } }', { id });
    await gql('mutation($id: ID!) { finishIntegration(id: $id) { id } }', { id });
    const { shipments } = t.unleashed.createOrder(account.apiId, {
      warehouseCode: 'AKL',
      delivery: { name: 'Pat', streetAddress: '1 Queen St', city: 'Auckland', country: 'New Zealand' },
      lines: [{ productCode: demoProductCodes[1]!, quantity: 1 }],
    });
    await t.services.orderSync.poll(id);
    const [row] = await t.services.orm.em.fork().getConnection().execute<{ carton_cloud_order_id: string }[]>(`select carton_cloud_order_id from synced_shipments where integration_id = ?`, [id]);
    expect(row?.carton_cloud_order_id).toBeTruthy();
    // the first (immediate) fulfilment pass, if any, is over before the warehouse dispatches
    await new Promise((r) => setTimeout(r, 1_000));
    t.cartonCloud.dispatchOrder(row!.carton_cloud_order_id, { carrier: 'StarTrack', trackingNumber: 'ST777', packages: 2 });
    const body = JSON.stringify({ event: 'order.status.changed', data: { id: row!.carton_cloud_order_id, status: 'DISPATCHED' } });

    const wrong = await fetch(`${url.slice(0, -4)}AAAA`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    expect(wrong.status).toBe(404);
    await new Promise((r) => setTimeout(r, 3_000));
    expect(t.unleashed.getShipment(account.apiId, shipments[0]!.Guid).TrackingNumber).toBeNull();

    const hinted = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    expect(hinted.status).toBe(202);
    expect(await hinted.json()).toEqual({ accepted: true, integrations: 1 });
    const deadline = Date.now() + 15_000;
    while (t.unleashed.getShipment(account.apiId, shipments[0]!.Guid).TrackingNumber !== 'ST777' && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
    expect(t.unleashed.getShipment(account.apiId, shipments[0]!.Guid)).toMatchObject({ TrackingNumber: 'ST777', ShipmentStatus: 'Dispatched' });
  });
});
