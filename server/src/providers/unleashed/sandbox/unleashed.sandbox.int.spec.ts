import { signQuery } from '../unleashed.signer.js';
import { clientFor, collect, oneLine, startSandbox } from '../../../../test-support/unleashed-sandbox.fixture.js';

type Kit = Awaited<ReturnType<typeof startSandbox>>;
let kit: Kit;
afterEach(async () => {
  await kit?.sandbox.close();
});

describe('Unleashed sandbox: the API as the reference describes it', () => {
  it('checks the signature over the DECODED query (reference §8), answering a bare 403 when it was made over the encoded text', async () => {
    kit = await startSandbox();
    const signedAs = (message: string) => ({ headers: { 'api-auth-signature': signQuery(kit.account.apiKey, message) } });
    // the searay finding: `%3A` in a signed modifiedSince
    const encodedColon = await kit.raw('/SalesOrders', 'modifiedSince=2026-01-05T00%3A00%3A00', signedAs('modifiedSince=2026-01-05T00%3A00%3A00'));
    expect(encodedColon.status).toBe(403);
    expect(await encodedColon.text()).toBe(''); // bare: no body to go by
    expect((await kit.raw('/SalesOrders', 'modifiedSince=2026-01-05T00%3A00%3A00', signedAs('modifiedSince=2026-01-05T00:00:00'))).status).toBe(200);
    // the easify finding: orderNumber=DTC%2313633 is signed as DTC#13633
    expect((await kit.raw('/SalesOrders', 'orderNumber=DTC%2313633', signedAs('orderNumber=DTC%2313633'))).status).toBe(403);
    expect((await kit.raw('/SalesOrders', 'orderNumber=DTC%2313633', signedAs('orderNumber=DTC#13633'))).status).toBe(200);
    // `,` and `:` sent as they are: the sent and the signed form are the same
    expect((await kit.raw('/SalesOrders', 'orderStatus=Placed,Backordered', signedAs('orderStatus=Placed,Backordered'))).status).toBe(200);
    // the pairs are signed in the order sent, not sorted
    expect((await kit.raw('/SalesOrders', 'pageSize=5&orderStatus=Placed', signedAs('orderStatus=Placed&pageSize=5'))).status).toBe(403);
  });

  it('signs with the client an order number that must be encoded, and the sandbox accepts it', async () => {
    kit = await startSandbox();
    kit.sandbox.createOrder(kit.account.apiId, { ...oneLine(), orderNumber: 'DTC#13633' });
    const found = await kit.client().findSalesOrderByNumber('DTC#13633');
    expect(found?.OrderNumber).toBe('DTC#13633');
    expect(kit.sandbox.requestLog.at(-1)).toMatchObject({ query: 'orderNumber=DTC%2313633&pageSize=1', status: 200 });
  });

  it('refuses a request without the signature header with 403', async () => {
    kit = await startSandbox();
    const response = await fetch(`${kit.baseUrl}/Warehouses`, {
      headers: { Accept: 'application/json', 'Content-Type': 'application/json', 'api-auth-id': kit.account.apiId, 'client-type': 'x/y' },
    });
    expect(response.status).toBe(403);
  });

  it('refuses a missing Accept or Content-Type with 400 unless those switches are off', async () => {
    kit = await startSandbox();
    expect((await kit.raw('/Warehouses', '', { headers: { Accept: '' } })).status).toBe(400);
    expect((await kit.raw('/Warehouses', '', { headers: { 'Content-Type': '' } })).status).toBe(400);
    await kit.sandbox.close();
    kit = await startSandbox({ requireAccept: false, requireContentType: false });
    expect((await kit.raw('/Warehouses', '', { headers: { Accept: '', 'Content-Type': '' } })).status).toBe(200);
  });

  it('serves pages at /{Resource}/{n} and /{Resource}/Page/{n}, 200 per page by default, dates as \\/Date(ms)\\/', async () => {
    kit = await startSandbox();
    for (let i = 0; i < 3; i++) kit.sandbox.createOrder(kit.account.apiId, oneLine());
    const text = await (await kit.raw('/SalesOrders/Page/2', 'pageSize=1')).text();
    expect(text).toContain(`"LastModifiedOn":"\\/Date(${kit.clock.now().getTime()})\\/"`);
    const body = JSON.parse(text);
    expect(body.Pagination).toEqual({ NumberOfItems: 3, PageSize: 1, PageNumber: 2, NumberOfPages: 3 });
    expect(body.Items.map((o: { OrderNumber: string }) => o.OrderNumber)).toEqual(['SO-00000002']);
    expect((await (await kit.raw('/SalesOrders')).json()).Pagination).toEqual({ NumberOfItems: 3, PageSize: 200, PageNumber: 1, NumberOfPages: 1 });
  });

  it.each(['0', '1001', 'ten'])('refuses pageSize=%s with 400', async (size) => {
    kit = await startSandbox();
    const response = await kit.raw('/SalesOrders', `pageSize=${size}`);
    expect(response.status).toBe(400);
    expect((await response.json()).Description).toMatch(/pageSize/);
  });

  it('orders shipments by ShipmentNumber when asked, and refuses any other orderBy', async () => {
    kit = await startSandbox();
    for (let i = 0; i < 3; i++) kit.sandbox.createOrder(kit.account.apiId, oneLine());
    const numbers = async (query: string) => (await (await kit.raw('/SalesShipments', query)).json()).Items.map((s: { ShipmentNumber: string }) => s.ShipmentNumber);
    expect(await numbers('orderBy=ShipmentNumber')).toEqual(['SS-00000001', 'SS-00000002', 'SS-00000003']);
    expect(await numbers('orderBy=ShipmentNumber&sort=desc')).toEqual(['SS-00000003', 'SS-00000002', 'SS-00000001']);
    expect((await kit.raw('/SalesShipments', 'orderBy=CreatedOn')).status).toBe(400);
  });

  it('matches warehouseCode on warehouses and customerCode on orders as starts-with', async () => {
    kit = await startSandbox();
    kit.sandbox.addWarehouse(kit.account.apiId, { code: 'AKL2' });
    kit.sandbox.createOrder(kit.account.apiId, { ...oneLine(), customer: { code: 'ACME-NZ' } });
    kit.sandbox.createOrder(kit.account.apiId, { ...oneLine(), customer: { code: 'BETA' } });
    const warehouses = await (await kit.raw('/Warehouses', 'warehouseCode=akl')).json();
    expect(warehouses.Items.map((w: { WarehouseCode: string }) => w.WarehouseCode)).toEqual(['AKL', 'AKL2']);
    const orders = await (await kit.raw('/SalesOrders', 'customerCode=ACME')).json();
    expect(orders.Items).toHaveLength(1);
  });

  it('clears writable fields left out of a PUT body, or keeps them with putClearsOmittedFields off', async () => {
    for (const putClearsOmittedFields of [true, false]) {
      kit = await startSandbox({ putClearsOmittedFields });
      const { shipments } = kit.sandbox.createOrder(kit.account.apiId, oneLine());
      const guid = shipments[0]!.Guid;
      await kit.client().changeSalesShipment(guid, { TrackingNumber: 'T-1' });
      const current = await (await kit.raw(`/SalesShipments/${guid}`)).json();
      delete current.TrackingNumber;
      expect((await kit.raw(`/SalesShipments/${guid}`, '', { method: 'PUT', body: current })).status).toBe(200);
      expect(kit.sandbox.getShipment(kit.account.apiId, guid).TrackingNumber).toBe(putClearsOmittedFields ? null : 'T-1');
      await kit.sandbox.close();
    }
  });

  it('refuses a PUT without ShipmentStatus or lines (400) and an unparseable body (500)', async () => {
    kit = await startSandbox();
    const { shipments } = kit.sandbox.createOrder(kit.account.apiId, oneLine());
    const path = `/SalesShipments/${shipments[0]!.Guid}`;
    const current = await (await kit.raw(path)).json();
    expect((await kit.raw(path, '', { method: 'PUT', body: { ...current, ShipmentStatus: undefined } })).status).toBe(400);
    expect((await kit.raw(path, '', { method: 'PUT', body: { ...current, SalesShipmentLines: [] } })).status).toBe(400);
    const broken = await fetch(`${kit.baseUrl}${path}`, {
      method: 'PUT',
      headers: { Accept: 'application/json', 'Content-Type': 'application/json', 'api-auth-id': kit.account.apiId, 'api-auth-signature': signQuery(kit.account.apiKey, ''), 'client-type': 'a/b' },
      body: '{not json',
    });
    expect(broken.status).toBe(500);
  });

  it('completes the order when its last shipment is dispatched only with that switch on', async () => {
    kit = await startSandbox({ completeOrderWhenAllShipmentsDispatched: true });
    const { order, shipments } = kit.sandbox.createOrder(kit.account.apiId, oneLine());
    await kit.client().changeSalesShipment(shipments[0]!.Guid, { ShipmentStatus: 'Dispatched' });
    expect(kit.account.orders.get(order.Guid)!.OrderStatus).toBe('Completed');
  });

  it('answers an unknown endpoint with 404 and a wrong method with 405', async () => {
    kit = await startSandbox();
    expect((await kit.raw('/SalesOrder')).status).toBe(404);
    expect((await kit.raw('/SalesOrders/1', '', { method: 'PUT', body: {} })).status).toBe(405);
  });
});

describe('Unleashed sandbox: control surface over HTTP', () => {
  const control = (method: string, path: string, body?: unknown) =>
    fetch(`${kit.baseUrl}/__sandbox${path}`, { method, headers: { 'Content-Type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) }).then(
      async (response) => ({ status: response.status, body: await response.json() }),
    );

  it('creates an account, a warehouse and an order whose shipment the API then serves', async () => {
    kit = await startSandbox();
    const created = await control('POST', '/accounts', { orderManagement: false, timeZone: 'Australia/Sydney' });
    expect(created).toMatchObject({ status: 201, body: { orderManagement: false, timeZone: 'Australia/Sydney', apiKey: expect.any(String) } });
    const { apiId } = created.body;
    expect((await control('POST', `/accounts/${apiId}/warehouses`, { code: 'MEL', name: 'Melbourne' })).status).toBe(201);
    const order = await control('POST', `/accounts/${apiId}/orders`, { lines: [{ productCode: 'BOOT-9', quantity: 2 }], comments: 'fragile' });
    expect(order.status).toBe(201);
    // Order Management off: no shipment while the order is Placed; one, Dispatched, once it is completed
    expect(order.body.shipments).toHaveLength(0);
    expect((await control('PUT', `/accounts/${apiId}/orders/${order.body.order.Guid}/status`, { status: 'Completed' })).status).toBe(200);
    const client = clientFor(kit.baseUrl, created.body);
    const [shipment] = await collect(client.salesShipments());
    expect(shipment).toMatchObject({ ShipmentStatus: 'Dispatched', DispatchDate: expect.any(Date) });
    expect(shipment).toMatchObject({ ShipmentNumber: 'SS-00000001', Warehouse: { WarehouseCode: 'MEL' }, OrderNumber: 'SO-00000001' });
    await client.changeSalesShipment(shipment!.Guid, { NumberOfPackages: 3 });
    expect((await control('GET', `/accounts/${apiId}/shipments/${shipment!.Guid}`)).body).toMatchObject({ NumberOfPackages: 3 });
    expect((await control('GET', `/accounts/${apiId}/calls`)).body).toEqual({
      callsThisMonth: 3,
      byEndpoint: { 'GET /SalesShipments': 2, 'PUT /SalesShipments': 1 },
    });
    await control('POST', '/reset-counters', { apiId });
    expect((await control('GET', `/accounts/${apiId}/calls`)).body).toEqual({ callsThisMonth: 0, byEndpoint: {} });
  });

  it('edits an order, changes its status and deletes it, bumping LastModifiedOn each time', async () => {
    kit = await startSandbox();
    const { apiId } = kit.account;
    const { body: created } = await control('POST', `/accounts/${apiId}/orders`, oneLine());
    const guid = created.order.Guid;
    kit.clock.advance(1_000);
    const edited = await control('PATCH', `/accounts/${apiId}/orders/${guid}`, { comments: 'call first', delivery: { city: 'Wellington' } });
    expect(edited.body).toMatchObject({ Comments: 'call first', DeliveryCity: 'Wellington', LastModifiedOn: `/Date(${kit.clock.now().getTime()})/` });
    expect((await control('PUT', `/accounts/${apiId}/orders/${guid}/status`, { status: 'backordered' })).body.OrderStatus).toBe('Backordered');
    expect((await control('PUT', `/accounts/${apiId}/orders/${guid}/status`, { status: 'Shipped' })).status).toBe(400);
    await control('DELETE', `/accounts/${apiId}/orders/${guid}`);
    const after = await control('GET', `/accounts/${apiId}/orders/${guid}`);
    expect(after.body.order.OrderStatus).toBe('Deleted');
    expect(after.body.shipments[0].ShipmentStatus).toBe('Deleted');
  });

  it('refuses explicit shipments on an account with Order Management off', async () => {
    kit = await startSandbox({}, { orderManagement: false });
    const response = await control('POST', `/accounts/${kit.account.apiId}/orders`, { ...oneLine(), shipments: [{ lines: [{ lineNumber: 1, quantity: 1 }] }] });
    expect(response.status).toBe(400);
  });

  it('creates a shipment on an order later and moves a Parked one to Placed (Order Management on only)', async () => {
    kit = await startSandbox();
    const { apiId } = kit.account;
    const { body: created } = await control('POST', `/accounts/${apiId}/orders`, { ...oneLine(), shipments: [] });
    kit.clock.advance(1_000);
    const shipment = await control('POST', `/accounts/${apiId}/orders/${created.order.Guid}/shipments`, { status: 'Parked' });
    expect(shipment).toMatchObject({ status: 201, body: { ShipmentStatus: 'Parked', OrderNumber: created.order.OrderNumber, LastModifiedOn: `/Date(${kit.clock.now().getTime()})/` } });
    kit.clock.advance(1_000);
    const placed = await control('PUT', `/accounts/${apiId}/shipments/${shipment.body.Guid}/status`, { status: 'placed' });
    expect(placed.body).toMatchObject({ ShipmentStatus: 'Placed', LastModifiedOn: `/Date(${kit.clock.now().getTime()})/` });
    await kit.sandbox.close();
    kit = await startSandbox({}, { orderManagement: false });
    const { body: off } = await control('POST', `/accounts/${kit.account.apiId}/orders`, oneLine());
    expect((await control('POST', `/accounts/${kit.account.apiId}/orders/${off.order.Guid}/shipments`, {})).status).toBe(400);
  });

  it('leaves OrderGuid out of shipments as recorded responses do, and keeps it under includeOrderGuid', async () => {
    kit = await startSandbox();
    const { order } = kit.sandbox.createOrder(kit.account.apiId, oneLine());
    const listed = await (await kit.raw('/SalesShipments')).json();
    expect(listed.Items[0]).not.toHaveProperty('OrderGuid');
    expect(listed.Items[0]).toMatchObject({ OrderNumber: order.OrderNumber });
    const one = await (await kit.raw(`/SalesShipments/${listed.Items[0].Guid}`)).json();
    expect(one).not.toHaveProperty('OrderGuid');
    await kit.sandbox.close();
    kit = await startSandbox({ includeOrderGuid: true });
    const { order: withGuid } = kit.sandbox.createOrder(kit.account.apiId, oneLine());
    expect((await (await kit.raw('/SalesShipments')).json()).Items[0]).toMatchObject({ OrderGuid: withGuid.Guid });
  });

  it('sets faults over HTTP and the API then answers them', async () => {
    kit = await startSandbox();
    expect((await control('PUT', '/faults', { rateLimitBurst: 1 })).body).toMatchObject({ rateLimitBurst: 1, errorRate: 0 });
    expect((await kit.raw('/Warehouses')).status).toBe(429);
    expect((await kit.raw('/Warehouses')).status).toBe(200);
    expect((await control('PUT', '/faults', { errorRate: -1 })).status).toBe(400);
    const log = await control('GET', '/requests?limit=1');
    expect(log.body).toEqual([expect.objectContaining({ path: '/Warehouses', status: 200 })]);
  });
});
