import { ProviderError } from '../shared/provider-error.js';
import { UnleashedClient } from './unleashed.client.js';
import { calendarDateToInstant } from './unleashed.dates.js';
import { collect, oneLine, startSandbox } from '../../../test-support/unleashed-sandbox.fixture.js';

type Kit = Awaited<ReturnType<typeof startSandbox>>;
let kit: Kit;
afterEach(async () => {
  await kit?.sandbox.close();
});

async function failure(promise: Promise<unknown>): Promise<ProviderError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof ProviderError)) throw new Error(`expected a ProviderError, got ${String(error)}`);
  return error;
}

describe('UnleashedClient against the sandbox: authentication', () => {
  it('accepts good credentials with the cheapest call', async () => {
    kit = await startSandbox();
    await expect(kit.client().checkCredentials()).resolves.toBeUndefined();
    expect(kit.sandbox.callCounts(kit.account.apiId).byEndpoint).toEqual({ 'GET /Warehouses': 1 });
  });

  it('turns a wrong API key into AUTH (403) without the key in the message or cause', async () => {
    kit = await startSandbox();
    const wrongKey = 'not-the-right-key-but-a-secret';
    const error = await failure(kit.client({ apiKey: wrongKey }).checkCredentials());
    expect(error).toMatchObject({ provider: 'unleashed', code: 'AUTH', status: 403 });
    expect(`${error.message} ${JSON.stringify(error.cause)}`).not.toContain(wrongKey);
    expect(error.message).not.toContain(kit.account.apiKey);
  });

  it('turns an unknown API ID into AUTH', async () => {
    kit = await startSandbox();
    const error = await failure(kit.client({ apiId: '00000000-0000-0000-0000-000000000001' }).listWarehouses());
    expect(error.code).toBe('AUTH');
  });

  it('gets VALIDATION (400) naming client-type when the header is empty', async () => {
    kit = await startSandbox();
    const error = await failure(kit.client({ clientType: '' }).checkCredentials());
    expect(error).toMatchObject({ code: 'VALIDATION', status: 400 });
    expect(error.message).toMatch(/client-type/);
  });

  it('is let through without client-type when the requireClientType switch is off', async () => {
    kit = await startSandbox({ requireClientType: false });
    await expect(kit.client({ clientType: '' }).checkCredentials()).resolves.toBeUndefined();
  });
});

describe('UnleashedClient against the sandbox: reading', () => {
  it('lists warehouses ordered by code', async () => {
    kit = await startSandbox();
    kit.sandbox.addWarehouse(kit.account.apiId, { code: 'MEL', name: 'Melbourne' });
    const warehouses = await kit.client().listWarehouses();
    expect(warehouses.map((w) => w.WarehouseCode)).toEqual(['AKL', 'MEL', 'SYD']);
    expect(warehouses[0]).toMatchObject({ WarehouseName: 'Auckland', IsDefault: true });
  });

  it('pages through every order with the page number in the path, never in the signed query', async () => {
    kit = await startSandbox();
    for (let i = 0; i < 5; i++) kit.sandbox.createOrder(kit.account.apiId, oneLine());
    const pages = await collect(kit.client({ pageSize: 2 }).salesOrderPages());
    expect(pages.map((p) => [p.pageNumber, p.numberOfPages, p.items.length])).toEqual([
      [1, 3, 2],
      [2, 3, 2],
      [3, 3, 1],
    ]);
    expect(pages.flatMap((p) => p.items.map((o) => o.OrderNumber))).toEqual(['SO-00000001', 'SO-00000002', 'SO-00000003', 'SO-00000004', 'SO-00000005']);
    expect(kit.sandbox.requestLog.map((r) => `${r.path}?${r.query}`)).toEqual([
      '/SalesOrders/1?pageSize=2',
      '/SalesOrders/2?pageSize=2',
      '/SalesOrders/3?pageSize=2',
    ]);
  });

  it('stops after one call on the empty result (PageNumber 0 of 0)', async () => {
    kit = await startSandbox();
    const pages = await collect(kit.client().salesOrderPages({ statuses: ['Placed'] }));
    expect(pages).toEqual([{ items: [], pageNumber: 0, numberOfPages: 0 }]);
    expect(kit.sandbox.requestLog).toHaveLength(1);
  });

  it('reads orders with their lines, delivery address and dates', async () => {
    kit = await startSandbox();
    kit.sandbox.createOrder(kit.account.apiId, {
      lines: [
        { productCode: 'TENT-2P', quantity: 2, comments: 'gift wrap' },
        { productCode: 'MAT-R', quantity: 1 },
      ],
      comments: 'Leave at the back door',
      requiredDate: '2026-01-09',
      warehouseCode: 'SYD',
      delivery: { name: 'Aroha Ngata', streetAddress: '12 Ponsonby Road', city: 'Auckland', postCode: '1011', country: 'New Zealand' },
    });
    const [order] = await collect(kit.client().salesOrders());
    expect(order).toMatchObject({
      OrderStatus: 'Placed',
      Comments: 'Leave at the back door',
      Warehouse: { WarehouseCode: 'SYD' },
      DeliveryName: 'Aroha Ngata',
      DeliveryStreetAddress2: null,
      DeliveryPostCode: '1011',
    });
    expect(order!.SalesOrderLines.map((l) => [l.LineNumber, l.Product.ProductCode, l.OrderQuantity, l.Comments])).toEqual([
      [1, 'TENT-2P', 2, 'gift wrap'],
      [2, 'MAT-R', 1, null],
    ]);
    expect(order!.RequiredDate).toEqual(calendarDateToInstant('2026-01-09', 'Pacific/Auckland'));
    expect(order!.LastModifiedOn).toEqual(kit.clock.now());
    const again = await kit.client().getSalesOrder(order!.Guid);
    expect(again.OrderNumber).toBe(order!.OrderNumber);
  });

  it('leaves Deleted orders out unless asked for, and matches statuses case-insensitively', async () => {
    kit = await startSandbox();
    const { order: deleted } = kit.sandbox.createOrder(kit.account.apiId, oneLine());
    kit.sandbox.deleteOrder(kit.account.apiId, deleted.Guid);
    kit.sandbox.createOrder(kit.account.apiId, oneLine());
    kit.sandbox.createOrder(kit.account.apiId, { ...oneLine(), status: 'Parked' });
    const numbers = async (statuses?: string[]) => (await collect(kit.client().salesOrders({ statuses }))).map((o) => o.OrderNumber);
    expect(await numbers()).toEqual(['SO-00000002', 'SO-00000003']);
    expect(await numbers(['placed', 'DELETED'])).toEqual(['SO-00000001', 'SO-00000002']);
    // the comma is sent as it is (reference §8): the sent and the signed (decoded) forms are the same
    expect(kit.sandbox.requestLog.at(-1)!.query).toBe('orderStatus=placed,DELETED&pageSize=200');
  });

  it('filters by modifiedSince strictly after the given second by default', async () => {
    kit = await startSandbox();
    kit.sandbox.createOrder(kit.account.apiId, oneLine()); // at 00:00:00.000
    kit.clock.advance(1_500);
    kit.sandbox.createOrder(kit.account.apiId, oneLine()); // at 00:00:01.500
    const since = async (at: string) => (await collect(kit.client().salesOrders({ modifiedSince: new Date(at) }))).map((o) => o.OrderNumber);
    expect(await since('2026-01-05T00:00:00Z')).toEqual(['SO-00000002']);
    expect(await since('2026-01-05T00:00:01.999Z')).toEqual(['SO-00000002']); // sent as 00:00:01
    // `:` unencoded: Unleashed refuses `%3A` in a signed modifiedSince with a bare 403 (reference §8)
    expect(kit.sandbox.requestLog.at(-1)!.query).toBe('modifiedSince=2026-01-05T00:00:01&pageSize=200');
  });

  it('includes the boundary second when the modifiedSinceInclusive switch is on', async () => {
    kit = await startSandbox({ modifiedSinceInclusive: true });
    kit.sandbox.createOrder(kit.account.apiId, oneLine());
    const orders = await collect(kit.client().salesOrders({ modifiedSince: new Date('2026-01-05T00:00:00Z') }));
    expect(orders).toHaveLength(1);
  });

  it('lets orderNumber override the status and modifiedSince filters', async () => {
    kit = await startSandbox();
    kit.sandbox.createOrder(kit.account.apiId, oneLine());
    const { order } = kit.sandbox.createOrder(kit.account.apiId, oneLine());
    const orders = await collect(
      kit.client().salesOrders({ orderNumber: order.OrderNumber, statuses: ['Completed'], modifiedSince: new Date('2030-01-01T00:00:00Z') }),
    );
    expect(orders.map((o) => o.OrderNumber)).toEqual([order.OrderNumber]);
  });

  it('compares the starts-with warehouseCode exactly, on orders and shipments', async () => {
    kit = await startSandbox();
    kit.sandbox.addWarehouse(kit.account.apiId, { code: 'AKL2', name: 'Auckland overflow' });
    kit.sandbox.createOrder(kit.account.apiId, { ...oneLine(), warehouseCode: 'AKL' });
    kit.sandbox.createOrder(kit.account.apiId, { ...oneLine(), warehouseCode: 'AKL2' });
    const server = await (await kit.raw('/SalesShipments', 'warehouseCode=AKL')).json();
    expect(server.Items).toHaveLength(2); // Unleashed matches the prefix
    const shipments = await collect(kit.client().salesShipments({ warehouseCode: 'AKL' }));
    expect(shipments.map((s) => s.Warehouse?.WarehouseCode)).toEqual(['AKL']);
    const orders = await collect(kit.client().salesOrders({ warehouseCode: 'AKL2' }));
    expect(orders.map((o) => o.Warehouse?.WarehouseCode)).toEqual(['AKL2']);
  });

  it('gives shipments newest-modified first, across pages', async () => {
    kit = await startSandbox();
    for (let i = 0; i < 3; i++) {
      kit.sandbox.createOrder(kit.account.apiId, oneLine());
      kit.clock.advance(1_000);
    }
    const [first] = kit.sandbox.shipmentsOfOrder(kit.account.apiId, [...kit.account.orders.values()][0]!.Guid);
    await kit.client().changeSalesShipment(first!.Guid, { Comments: 'touched last' });
    const shipments = await collect(kit.client({ pageSize: 2 }).salesShipments());
    expect(shipments.map((s) => s.ShipmentNumber)).toEqual(['SS-00000001', 'SS-00000003', 'SS-00000002']);
  });

  it('lets orderNumber override shipmentStatus and modifiedSince on shipments, returning every shipment of the order', async () => {
    kit = await startSandbox();
    const { order } = kit.sandbox.createOrder(kit.account.apiId, {
      lines: [
        { productCode: 'TENT-2P', quantity: 1 },
        { productCode: 'MAT-R', quantity: 2 },
      ],
      shipments: [{ lines: [{ lineNumber: 1, quantity: 1 }] }, { lines: [{ lineNumber: 2, quantity: 2 }], comments: 'second box' }],
    });
    const shipments = await collect(
      kit.client().salesShipments({ orderNumber: order.OrderNumber, shipmentStatus: 'Dispatched', modifiedSince: new Date('2030-01-01T00:00:00Z') }),
    );
    expect(shipments.map((s) => [s.ShipmentNumber, s.SalesShipmentLines[0]!.SalesOrderLineNumber, s.SalesShipmentLines[0]!.ShipmentQty])).toEqual(
      expect.arrayContaining([
        ['SS-00000001', 1, 1],
        ['SS-00000002', 2, 2],
      ]),
    );
    // recorded real responses carry no OrderGuid (the sandbox leaves it out by default): OrderNumber is the join
    expect(shipments.find((s) => s.ShipmentNumber === 'SS-00000002')).toMatchObject({ Comments: 'second box', OrderNumber: order.OrderNumber, OrderGuid: null });
  });

  it('filters shipments by status case-insensitively', async () => {
    kit = await startSandbox();
    const { shipments } = kit.sandbox.createOrder(kit.account.apiId, oneLine());
    kit.sandbox.createOrder(kit.account.apiId, oneLine());
    await kit.client().changeSalesShipment(shipments[0]!.Guid, { ShipmentStatus: 'Dispatched' });
    const dispatched = await collect(kit.client().salesShipments({ shipmentStatus: 'dispatched' }));
    expect(dispatched.map((s) => s.ShipmentNumber)).toEqual(['SS-00000001']);
  });

  it('turns an unknown shipment into NOT_FOUND', async () => {
    kit = await startSandbox();
    const error = await failure(kit.client().getSalesShipment('0f0f0f0f-0000-0000-0000-000000000000'));
    expect(error).toMatchObject({ code: 'NOT_FOUND', status: 404 });
  });

  it('refuses a pageSize outside 1–1000 before calling', () => {
    expect(() => new UnleashedClient({ baseUrl: 'http://127.0.0.1:1', apiId: 'a', apiKey: 'k', pageSize: 1001 })).toThrow(RangeError);
  });
});

describe('UnleashedClient against the sandbox: writing shipments back', () => {
  it('dispatches a shipment with date, tracking, carrier (one of the account\u2019s shipping companies) and packages', async () => {
    kit = await startSandbox({}, { orderManagement: true });
    kit.sandbox.addShippingCompanies(kit.account.apiId, ['NZ Post', 'Aramex']);
    const { shipments } = kit.sandbox.createOrder(kit.account.apiId, oneLine());
    const guid = shipments[0]!.Guid;
    kit.clock.advance(60_000);
    const companies = await kit.client().listShippingCompanies();
    expect(companies.map((c) => c.Name)).toEqual(['Aramex', 'NZ Post']);
    const nzPost = companies.find((c) => c.Name === 'NZ Post')!;
    const dispatchDate = calendarDateToInstant('2026-01-06', kit.account.timeZone);
    const written = await kit.client().changeSalesShipment(guid, {
      ShipmentStatus: 'Dispatched',
      DispatchDate: dispatchDate,
      TrackingNumber: 'NZP00012345',
      ShippingCompany: { Guid: nzPost.Guid, Name: nzPost.Name! },
      NumberOfPackages: 2,
    });
    expect(written).toMatchObject({ ShipmentStatus: 'Dispatched', TrackingNumber: 'NZP00012345', NumberOfPackages: 2, DispatchDate: dispatchDate });
    expect(kit.sandbox.getShipment(kit.account.apiId, guid)).toMatchObject({
      ShipmentStatus: 'Dispatched',
      DispatchDate: dispatchDate.getTime(),
      ShippingCompany: { Guid: nzPost.Guid, Name: 'NZ Post' },
      LastModifiedOn: kit.clock.now().getTime(),
    });
    expect(kit.sandbox.callCounts(kit.account.apiId).byEndpoint).toEqual({ 'GET /ShippingCompanies': 1, 'GET /SalesShipments': 1, 'PUT /SalesShipments': 1 });
  });

  it('reads a shipment with serialBatch=true and sends its batch numbers back as read', async () => {
    kit = await startSandbox({}, { orderManagement: true });
    kit.sandbox.addProducts(kit.account.apiId, [{ code: 'GAS-230', description: 'Gas 230g', tracking: 'batch' }]);
    const { shipments } = kit.sandbox.createOrder(kit.account.apiId, oneLine('GAS-230', 3));
    const guid = shipments[0]!.Guid;
    const batches = [{ Number: 'B-7', Quantity: 2 }, { Number: 'B-8', Quantity: 1 }];
    kit.sandbox.editShipment(kit.account.apiId, guid, { lines: [{ lineNumber: 1, batchNumbers: batches }] });
    expect((await kit.client().getSalesShipment(guid)).SalesShipmentLines[0]).not.toHaveProperty('BatchNumbers');
    expect((await kit.client().getSalesShipment(guid, { serialBatch: true })).SalesShipmentLines[0]).toMatchObject({ BatchNumbers: batches, SerialNumbers: [] });
    await kit.client().changeSalesShipment(guid, { ShipmentStatus: 'Dispatched' });
    expect(kit.sandbox.getShipment(kit.account.apiId, guid)).toMatchObject({ ShipmentStatus: 'Dispatched', SalesShipmentLines: [expect.objectContaining({ BatchNumbers: batches })] });
    expect(kit.sandbox.requestLog.filter((r) => r.method === 'GET').map((r) => r.query)).toEqual(['', 'serialBatch=true', 'serialBatch=true']);
  });

  it('turns the 500 "posted object could not be parsed" into UNPROCESSABLE at once, without retrying the same body', async () => {
    kit = await startSandbox();
    const { shipments } = kit.sandbox.createOrder(kit.account.apiId, oneLine());
    kit.sandbox.setFaults({ unparseableBurst: 5 });
    const error = await failure(kit.client().changeSalesShipment(shipments[0]!.Guid, { NumberOfPackages: 1 }));
    expect(error).toMatchObject({ provider: 'unleashed', code: 'UNPROCESSABLE', status: 500 });
    expect(error.message).toMatch(/posted object could not be parsed/);
    expect(kit.sandbox.requestLog.filter((r) => r.method === 'PUT')).toHaveLength(1); // the client's policy allows 3 attempts
    kit.sandbox.clearFaults();
    kit.sandbox.setFaults({ errorRate: 1 });
    const outage = await failure(kit.client().getSalesShipment(shipments[0]!.Guid));
    expect(outage).toMatchObject({ code: 'TEMPORARY', status: 500 }); // any other 500 stays temporary (and was retried)
    expect(kit.sandbox.requestLog.filter((r) => r.method === 'GET')).toHaveLength(4);
  });

  it('gets VALIDATION mentioning Order Management when dispatching with Order Management off, and changes nothing', async () => {
    // a shipment that is not Dispatched on an Order-Management-off account exists only under the earlier choice
    kit = await startSandbox({ orderManagementOffShipments: 'with-the-order' }, { orderManagement: false });
    const { shipments } = kit.sandbox.createOrder(kit.account.apiId, oneLine());
    const error = await failure(kit.client().changeSalesShipment(shipments[0]!.Guid, { ShipmentStatus: 'Dispatched', TrackingNumber: 'X' }));
    expect(error).toMatchObject({ code: 'VALIDATION', status: 400 });
    expect(error.message).toMatch(/Order Management/);
    expect(kit.sandbox.getShipment(kit.account.apiId, shipments[0]!.Guid)).toMatchObject({ ShipmentStatus: 'Placed', TrackingNumber: null });
  });

  it('accepts dispatch date and packages with Order Management off, on the one shipment Unleashed makes when the order is completed', async () => {
    kit = await startSandbox({}, { orderManagement: false });
    const { order, shipments } = kit.sandbox.createOrder(kit.account.apiId, {
      lines: [
        { productCode: 'A', quantity: 1 },
        { productCode: 'B', quantity: 3 },
      ],
    });
    expect(shipments).toEqual([]);
    expect(await collect(kit.client().salesShipments({ orderNumber: order.OrderNumber }))).toEqual([]);
    kit.sandbox.setOrderStatus(kit.account.apiId, order.Guid, 'Completed');
    const [shipment] = await collect(kit.client().salesShipments({ orderNumber: order.OrderNumber }));
    expect(shipment).toMatchObject({ ShipmentStatus: 'Dispatched', OrderNumber: order.OrderNumber });
    expect(shipment!.SalesShipmentLines.map((l) => [l.SalesOrderLineNumber, l.ShipmentQty])).toEqual([
      [1, 1],
      [2, 3],
    ]);
    const written = await kit.client().changeSalesShipment(shipment!.Guid, {
      DispatchDate: calendarDateToInstant('2026-01-06', 'Pacific/Auckland'),
      NumberOfPackages: 1,
    });
    expect(written).toMatchObject({ ShipmentStatus: 'Dispatched', NumberOfPackages: 1 });
  });

  it('gets VALIDATION with the sandbox description for a negative package count', async () => {
    kit = await startSandbox();
    const { shipments } = kit.sandbox.createOrder(kit.account.apiId, oneLine());
    const error = await failure(kit.client().changeSalesShipment(shipments[0]!.Guid, { NumberOfPackages: -1 }));
    expect(error).toMatchObject({ code: 'VALIDATION', message: 'NumberOfPackages must be a whole number' });
  });
});
