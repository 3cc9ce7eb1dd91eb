import {
  errorDescription,
  listEnvelopeSchema,
  salesOrderSchema,
  salesShipmentSchema,
  shippingCompanyName,
  shippingCompanyRecordSchema,
  warehouseSchema,
} from './unleashed.schemas.js';

// abridged from the 2014 recorded GET /SalesShipments (shared/reference/unleashed-api.md §4)
const recordedShipment = {
  OrderNumber: 'SO-00000001',
  ShipmentNumber: 'SS-00000001',
  ShipmentStatus: 'Dispatched',
  DispatchDate: '/Date(1413025200000)/',
  TrackingNumber: null,
  ShippingCompany: null,
  Comments: null,
  CreatedOn: '12/10/2014 8:08:10 p.m.',
  SalesShipmentLines: [
    { LineNumber: 1, Product: { Guid: 'a', ProductCode: 'ANIMAL', ProductDescription: 'Animal' }, ShipmentQty: 1.0, UnitCost: 1.0 },
  ],
  Guid: 'c6f45c67-0000-0000-0000-000000000001',
  LastModifiedOn: '/Date(1413097692483)/',
};

describe('salesShipmentSchema', () => {
  it('reads the recorded 2014 shipment, turning /Date()/ into a Date and the localised CreatedOn into null', () => {
    const shipment = salesShipmentSchema.parse(recordedShipment);
    expect(shipment.DispatchDate?.getTime()).toBe(1413025200000);
    expect(shipment.CreatedOn).toBeNull();
    expect(shipment.SalesShipmentLines[0]).toMatchObject({ SalesOrderLineNumber: null, ShipmentQty: 1, Product: { ProductCode: 'ANIMAL' } });
    expect(shipment.NumberOfPackages).toBeNull();
    expect(shipment.Warehouse).toBeNull();
  });

  it('matches keys whatever their casing', () => {
    const shipment = salesShipmentSchema.parse({
      guid: 'g-9',
      ORDERNUMBER: 'SO-00000009',
      shipmentnumber: 'SS-00000009',
      shipmentStatus: 'Placed',
      trackingnumber: 'NZP123',
      warehouse: { warehouseCode: 'AKL', WAREHOUSENAME: 'Auckland' },
      salesShipmentLines: [{ salesOrderLineNumber: 2, product: { productcode: 'TENT-1' }, shipmentqty: 3 }],
    });
    expect(shipment.ShipmentNumber).toBe('SS-00000009');
    expect(shipment.TrackingNumber).toBe('NZP123');
    expect(shipment.Warehouse).toMatchObject({ WarehouseCode: 'AKL', WarehouseName: 'Auckland' });
    expect(shipment.SalesShipmentLines[0]).toMatchObject({ SalesOrderLineNumber: 2, ShipmentQty: 3, Product: { ProductCode: 'TENT-1' } });
  });

  it('reads a legacy ShippingCompany string (written only as an object)', () => {
    const shipment = salesShipmentSchema.parse({ ...recordedShipment, ShippingCompany: 'NZ Post' });
    expect(shipment.ShippingCompany).toBe('NZ Post');
    expect(shippingCompanyName(shipment.ShippingCompany)).toBe('NZ Post');
  });

  it('reads ShippingCompany as an object {Guid, Name} and keeps its unknown fields', () => {
    const shipment = salesShipmentSchema.parse({
      ...recordedShipment,
      ShippingCompany: { guid: 'g-1', name: 'CourierPost', Account: 'X1' },
    });
    expect(shipment.ShippingCompany).toEqual({ Guid: 'g-1', Name: 'CourierPost', Account: 'X1' });
    expect(shippingCompanyName(shipment.ShippingCompany)).toBe('CourierPost');
    expect(shippingCompanyName({ Guid: 'g-2', Name: null, ShippingCompanyName: 'Aramex' })).toBe('Aramex');
  });

  it('keeps batch and serial numbers of a line exactly as read, and leaves them out when absent', () => {
    const batches = [{ Number: 'B-1', Quantity: 2, ExpiryDate: null }];
    const shipment = salesShipmentSchema.parse({
      ...recordedShipment,
      SalesShipmentLines: [
        { LineNumber: 1, Product: { ProductCode: 'A' }, ShipmentQty: 2, batchNumbers: batches, SerialNumbers: [] },
        { LineNumber: 2, Product: { ProductCode: 'B' }, ShipmentQty: 1 },
      ],
    });
    expect(shipment.SalesShipmentLines[0]).toMatchObject({ BatchNumbers: batches, SerialNumbers: [] });
    expect('BatchNumbers' in shipment.SalesShipmentLines[1]!).toBe(false);
  });

  it('keeps fields it does not know so a GET → PUT round trip loses nothing', () => {
    const shipment = salesShipmentSchema.parse({ ...recordedShipment, ShipmentStatusEnum: 4, Incoterm: 'DAP' });
    expect(shipment).toMatchObject({ ShipmentStatusEnum: 4, Incoterm: 'DAP' });
  });

  it('refuses a shipment without a ShipmentNumber', () => {
    const { ShipmentNumber: _omitted, ...withoutNumber } = recordedShipment;
    expect(salesShipmentSchema.safeParse(withoutNumber).success).toBe(false);
  });
});

describe('salesOrderSchema', () => {
  it('reads SalesPerson and Salesperson alike, and an all-null delivery address', () => {
    const base = { Guid: 'g', OrderNumber: 'SO-1', OrderStatus: 'Placed', DeliveryCity: null, RequiredDate: '/Date(1413025200000)/' };
    const old = salesOrderSchema.parse({ ...base, SalesPerson: { FullName: 'Ann' } });
    const current = salesOrderSchema.parse({ ...base, Salesperson: { FullName: 'Ann' } });
    expect(old.Salesperson?.FullName).toBe('Ann');
    expect(current.Salesperson?.FullName).toBe('Ann');
    expect(old.DeliveryCity).toBeNull();
    expect(old.SalesOrderLines).toEqual([]);
    expect(old.RequiredDate?.getTime()).toBe(1413025200000);
  });
});

describe('envelope and warehouses', () => {
  it('reads the empty-result quirk envelope', () => {
    const envelope = listEnvelopeSchema.parse({
      Pagination: { NumberOfItems: 0, PageSize: 200, PageNumber: 0, NumberOfPages: 0 },
      Items: [],
    });
    expect(envelope.Pagination.PageNumber).toBe(0);
  });

  it('reads a shipping company by Name, or by the other spellings of its name', () => {
    expect(shippingCompanyRecordSchema.parse({ Guid: 'g', Name: 'StarTrack' })).toMatchObject({ Guid: 'g', Name: 'StarTrack', Obsolete: false });
    expect(shippingCompanyRecordSchema.parse({ guid: 'g', shippingCompanyName: 'Aramex', Obsolete: true })).toMatchObject({ Name: 'Aramex', Obsolete: true });
  });

  it('defaults IsDefault and Obsolete to false when absent', () => {
    expect(warehouseSchema.parse({ Guid: 'g', WarehouseCode: 'AKL' })).toMatchObject({ IsDefault: false, Obsolete: false });
  });
});

describe('errorDescription', () => {
  it.each([
    [{ Description: 'Bad thing', DebugInformation: null }, 'Bad thing'],
    [{ description: 'lower' }, 'lower'],
    ['<html>oops</html>', undefined],
    [{ Description: 42 }, undefined],
    [undefined, undefined],
  ])('reads %j as %j', (body, expected) => {
    expect(errorDescription(body)).toBe(expected);
  });
});
