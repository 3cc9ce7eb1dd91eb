import { oneLine, startSandbox } from '../../../../test-support/unleashed-sandbox.fixture.js';
import { BATCH_QUANTITY_MISMATCH, POSTED_OBJECT_UNPARSEABLE, SERIAL_QUANTITY_MISMATCH } from './unleashed-sandbox.shipments.js';

type Kit = Awaited<ReturnType<typeof startSandbox>>;
let kit: Kit;
afterEach(async () => {
  await kit?.sandbox.close();
});

/** The shipment as the API serves it (with serialBatch when asked), and a PUT of a body. */
async function api(guid: string) {
  const path = `/SalesShipments/${guid}`;
  return {
    read: async (serialBatch = true) => (await kit.raw(path, serialBatch ? 'serialBatch=true' : '')).json(),
    put: async (body: unknown) => {
      const response = await kit.raw(path, '', { method: 'PUT', body });
      return { status: response.status, body: await response.json() };
    },
  };
}

describe('Unleashed sandbox: shipping companies are a lookup', () => {
  it('lists the account\u2019s shipping companies by name, paged like every list, and counts the call', async () => {
    kit = await startSandbox();
    kit.sandbox.addShippingCompanies(kit.account.apiId, ['StarTrack', 'Aramex', 'NZ Post']);
    const body = await (await kit.raw('/ShippingCompanies', 'pageSize=2')).json();
    expect(body.Pagination).toEqual({ NumberOfItems: 3, PageSize: 2, PageNumber: 1, NumberOfPages: 2 });
    expect(body.Items.map((c: { Name: string }) => c.Name)).toEqual(['Aramex', 'NZ Post']);
    expect(body.Items[0]).toEqual({ Guid: expect.stringMatching(/^[0-9a-f-]{36}$/), Name: 'Aramex', Obsolete: false, LastModifiedOn: expect.any(String) });
    expect(kit.sandbox.callCounts(kit.account.apiId).byEndpoint).toEqual({ 'GET /ShippingCompanies': 1 });
  });

  it('refuses ShippingCompany as a bare name and an unknown company with 400, and stores {Guid, Name} found by Name or Guid', async () => {
    kit = await startSandbox();
    const [aramex] = kit.sandbox.addShippingCompanies(kit.account.apiId, ['Aramex']);
    const { shipments } = kit.sandbox.createOrder(kit.account.apiId, oneLine());
    const shipment = await api(shipments[0]!.Guid);
    const current = await shipment.read();

    const text = await shipment.put({ ...current, ShippingCompany: 'Aramex' });
    expect(text).toEqual({ status: 400, body: { Description: expect.stringMatching(/ShippingCompany must be an object/), DebugInformation: null } });
    const unknown = await shipment.put({ ...current, ShippingCompany: { Name: 'Fastways' } });
    expect(unknown).toMatchObject({ status: 400, body: { Description: "Shipping company 'Fastways' was not found" } });
    const badGuid = await shipment.put({ ...current, ShippingCompany: { Guid: '00000000-0000-0000-0000-000000000009', Name: 'Aramex' } });
    expect(badGuid.status).toBe(400); // the Guid wins over the Name
    expect(kit.sandbox.getShipment(kit.account.apiId, shipments[0]!.Guid).ShippingCompany).toBeNull();

    expect((await shipment.put({ ...current, ShippingCompany: { Name: 'ARAMEX' } })).status).toBe(200);
    expect(kit.sandbox.getShipment(kit.account.apiId, shipments[0]!.Guid).ShippingCompany).toEqual({ Guid: aramex!.Guid, Name: 'Aramex' });
    expect((await shipment.put({ ...current, ShippingCompany: { Guid: aramex!.Guid.toUpperCase() } })).status).toBe(200);
    expect((await shipment.read()).ShippingCompany).toEqual({ Guid: aramex!.Guid, Name: 'Aramex' });
  });

  it('stores a bare name as sent only with acceptShippingCompanyText on (the old reading)', async () => {
    kit = await startSandbox({ acceptShippingCompanyText: true });
    const { shipments } = kit.sandbox.createOrder(kit.account.apiId, oneLine());
    const shipment = await api(shipments[0]!.Guid);
    expect((await shipment.put({ ...(await shipment.read()), ShippingCompany: 'Anything' })).status).toBe(200);
    expect(kit.sandbox.getShipment(kit.account.apiId, shipments[0]!.Guid).ShippingCompany).toBe('Anything');
  });
});

describe('Unleashed sandbox: batch- and serial-tracked products', () => {
  it('shows batch and serial numbers only with serialBatch=true', async () => {
    kit = await startSandbox();
    kit.sandbox.addProducts(kit.account.apiId, [{ code: 'GAS', description: 'Gas', tracking: 'batch' }]);
    const { shipments } = kit.sandbox.createOrder(kit.account.apiId, oneLine('GAS', 2));
    kit.sandbox.editShipment(kit.account.apiId, shipments[0]!.Guid, { lines: [{ lineNumber: 1, batchNumbers: [{ Number: 'L1', Quantity: 2 }] }] });
    const shipment = await api(shipments[0]!.Guid);
    expect((await shipment.read(false)).SalesShipmentLines[0]).not.toHaveProperty('BatchNumbers');
    expect((await shipment.read(true)).SalesShipmentLines[0]).toMatchObject({ BatchNumbers: [{ Number: 'L1', Quantity: 2 }], SerialNumbers: [] });
  });

  it('refuses to dispatch a batch-tracked line whose batch quantities do not add up, with Unleashed\u2019s exact words, and changes nothing', async () => {
    kit = await startSandbox();
    kit.sandbox.addProducts(kit.account.apiId, [{ code: 'GAS', description: 'Gas', tracking: 'batch' }]);
    const { shipments } = kit.sandbox.createOrder(kit.account.apiId, oneLine('GAS', 3));
    const guid = shipments[0]!.Guid;
    kit.sandbox.editShipment(kit.account.apiId, guid, { lines: [{ lineNumber: 1, batchNumbers: [{ Number: 'L1', Quantity: 2 }] }] });
    const shipment = await api(guid);
    const current = await shipment.read();

    const refused = await shipment.put({ ...current, ShipmentStatus: 'Dispatched', TrackingNumber: 'T-1' });
    expect(refused).toEqual({ status: 400, body: { Description: BATCH_QUANTITY_MISMATCH, DebugInformation: null } });
    expect(BATCH_QUANTITY_MISMATCH).toBe(
      'The batch number quantity and the shipment quantity for batch tracked products must match. Please select the required quantity of batch numbers.',
    );
    expect(kit.sandbox.getShipment(kit.account.apiId, guid)).toMatchObject({ ShipmentStatus: 'Placed', TrackingNumber: null });
    // the same PUT without the status change is accepted
    expect((await shipment.put({ ...current, TrackingNumber: 'T-1' })).status).toBe(200);
    // picking the missing unit makes the dispatch go through
    const lines = [{ ...current.SalesShipmentLines[0], BatchNumbers: [{ Number: 'L1', Quantity: 2 }, { Number: 'L2', Quantity: 1 }] }];
    expect((await shipment.put({ ...current, ShipmentStatus: 'Dispatched', SalesShipmentLines: lines })).status).toBe(200);
  });

  it('counts a line\u2019s batch numbers left out of the PUT as none (they are cleared), so sending them back is required', async () => {
    kit = await startSandbox();
    kit.sandbox.addProducts(kit.account.apiId, [{ code: 'GAS', description: 'Gas', tracking: 'batch' }]);
    const { shipments } = kit.sandbox.createOrder(kit.account.apiId, oneLine('GAS', 2));
    const guid = shipments[0]!.Guid;
    kit.sandbox.editShipment(kit.account.apiId, guid, { lines: [{ lineNumber: 1, batchNumbers: [{ Number: 'L1', Quantity: 2 }] }] });
    const shipment = await api(guid);
    const withoutSerialBatch = await shipment.read(false);
    expect((await shipment.put({ ...withoutSerialBatch, ShipmentStatus: 'Dispatched' })).body.Description).toBe(BATCH_QUANTITY_MISMATCH);
    expect((await shipment.put(withoutSerialBatch)).status).toBe(200);
    expect(kit.sandbox.getShipment(kit.account.apiId, guid).SalesShipmentLines[0]!.BatchNumbers).toEqual([]);
  });

  it('needs one serial number per unit of a serial-tracked line (wording invented by analogy)', async () => {
    kit = await startSandbox();
    kit.sandbox.addProducts(kit.account.apiId, [{ code: 'PLB', description: 'Beacon', tracking: 'serial' }]);
    const { shipments } = kit.sandbox.createOrder(kit.account.apiId, oneLine('PLB', 2));
    const shipment = await api(shipments[0]!.Guid);
    kit.sandbox.editShipment(kit.account.apiId, shipments[0]!.Guid, { lines: [{ lineNumber: 1, serialNumbers: [{ Identifier: 'SN-1' }] }] });
    expect((await shipment.put({ ...(await shipment.read()), ShipmentStatus: 'Dispatched' })).body.Description).toBe(SERIAL_QUANTITY_MISMATCH);
    kit.sandbox.editShipment(kit.account.apiId, shipments[0]!.Guid, { lines: [{ lineNumber: 1, serialNumbers: [{ Identifier: 'SN-1' }, { Identifier: 'SN-2' }] }] });
    expect((await shipment.put({ ...(await shipment.read()), ShipmentStatus: 'Dispatched' })).status).toBe(200);
  });
});

describe('Unleashed sandbox: a PUT replaces the whole shipment', () => {
  it('clears every field left out (modelled or not) and keeps them with putClearsOmittedFields off', async () => {
    for (const putClearsOmittedFields of [true, false]) {
      kit = await startSandbox({ putClearsOmittedFields });
      const { shipments } = kit.sandbox.createOrder(kit.account.apiId, { ...oneLine(), delivery: { city: 'Nelson' } });
      const guid = shipments[0]!.Guid;
      kit.sandbox.editShipment(kit.account.apiId, guid, { fields: { Comments: 'leave at door', Incoterm: 'DAP', ShipmentWeight: 4.5 } });
      const shipment = await api(guid);
      const { Comments: _c, Incoterm: _i, ShipmentWeight: _w, DeliveryCity: _d, ...rest } = await shipment.read();
      expect((await shipment.put(rest)).status).toBe(200);
      const stored = kit.sandbox.getShipment(kit.account.apiId, guid) as unknown as Record<string, unknown>;
      expect([stored.Comments, stored.Incoterm, stored.ShipmentWeight, stored.DeliveryCity]).toEqual(
        putClearsOmittedFields ? [null, null, null, null] : ['leave at door', 'DAP', 4.5, 'Nelson'],
      );
      await kit.sandbox.close();
    }
  });

  it('answers a value of the wrong type with 500 "posted object could not be parsed", a broken rule with 400, and the unparseable fault', async () => {
    kit = await startSandbox();
    const { shipments } = kit.sandbox.createOrder(kit.account.apiId, oneLine());
    const shipment = await api(shipments[0]!.Guid);
    const current = await shipment.read();
    expect(await shipment.put({ ...current, NumberOfPackages: 'two' })).toEqual({ status: 500, body: { Description: POSTED_OBJECT_UNPARSEABLE, DebugInformation: null } });
    expect((await shipment.put({ ...current, DispatchDate: 'next Tuesday' })).status).toBe(500);
    expect((await shipment.put({ ...current, NumberOfPackages: -1 })).status).toBe(400);
    kit.sandbox.setFaults({ unparseableBurst: 1 });
    expect((await shipment.read()).ShipmentNumber).toBe(current.ShipmentNumber); // a GET is not affected
    expect((await shipment.put(current)).status).toBe(500);
    expect((await shipment.put(current)).status).toBe(200);
  });
});

describe('Unleashed sandbox: shipment control routes', () => {
  const control = (method: string, path: string, body?: unknown) =>
    fetch(`${kit.baseUrl}/__sandbox${path}`, { method, headers: { 'Content-Type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) }).then(
      async (response) => ({ status: response.status, body: await response.json() }),
    );

  it('adds shipping companies and tracked products, and edits a shipment as a user would', async () => {
    kit = await startSandbox();
    const { apiId } = kit.account;
    expect((await control('POST', `/accounts/${apiId}/shipping-companies`, { names: ['Mainfreight'] })).body).toEqual([expect.objectContaining({ Name: 'Mainfreight' })]);
    expect((await control('POST', `/accounts/${apiId}/shipping-companies`, { names: ['mainfreight'] })).status).toBe(400);
    await control('POST', `/accounts/${apiId}/products`, [{ code: 'GAS', description: 'Gas', tracking: 'batch' }]);
    const { body: created } = await control('POST', `/accounts/${apiId}/orders`, oneLine('GAS', 1));
    const guid = created.shipments[0].Guid;
    const edited = await control('PATCH', `/accounts/${apiId}/shipments/${guid}`, { fields: { Comments: 'fragile' }, lines: [{ lineNumber: 1, batchNumbers: [{ Number: 'L9', Quantity: 1 }] }] });
    expect(edited.body).toMatchObject({ Comments: 'fragile', SalesShipmentLines: [expect.objectContaining({ BatchNumbers: [{ Number: 'L9', Quantity: 1 }] })] });
    expect((await control('PATCH', `/accounts/${apiId}/shipments/${guid}`, { fields: { ShipmentNumber: 'X' } })).status).toBe(400);
  });
});
