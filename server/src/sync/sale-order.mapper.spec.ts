import { customerReference, type ShipmentSource } from '../ledger/shipment-source.js';
import { buildSaleOrder, canonicalJson, driftBetween, resolveWarehouse, textOrNull } from './sale-order.mapper.js';

const source = (overrides: Partial<ShipmentSource> = {}): ShipmentSource => ({
  orderGuid: 'o-1',
  orderNumber: 'SO-00000007',
  orderStatus: 'Placed',
  orderModifiedAt: '2026-01-05T00:00:00.000Z',
  shipmentModifiedAt: '2026-01-05T00:00:00.000Z',
  customerName: 'Cash Sales',
  orderComments: 'Call first',
  requiredDate: '2026-02-09T11:00:00.000Z', // local midnight 10 Feb in Auckland
  delivery: { name: 'Bush Walkers', contact: null, street: '1 Queen St', street2: null, suburb: null, city: 'Auckland', region: null, postCode: '1010', country: 'New Zealand', instruction: null, phone: null, email: null },
  shipmentGuid: 's-1',
  shipmentNumber: 'SS-00000009',
  shipmentStatus: 'Placed',
  shipmentComments: 'Fragile',
  warehouseCode: 'AKL',
  lines: [{ code: 'TENT-2P', quantity: 2 }],
  ...overrides,
});
const settings = { cartonCloudCustomerId: 'cc-cust', cartonCloudWarehouseId: 'cc-wh', includeComments: true, timeZone: 'Pacific/Auckland' };

describe('sale order mapper', () => {
  it('references the shipment as "{order} | {shipment}" and names customer and warehouse by id', () => {
    const order = buildSaleOrder(source(), settings);
    expect(order.references.customer).toBe('SO-00000007 | SS-00000009');
    expect(customerReference('SO-1', 'SS-2')).toBe('SO-1 | SS-2');
    expect(order.customer).toEqual({ id: 'cc-cust' });
    expect(order.warehouse).toEqual({ id: 'cc-wh' });
  });

  it('sends null for every absent address field, never an empty string', () => {
    const address = buildSaleOrder(source(), settings).details.deliver.address;
    expect(address).toMatchObject({ companyName: 'Bush Walkers', contactName: null, address2: null, suburb: null, state: null, country: { iso2Code: 'NZ' } });
    expect(Object.values(address)).not.toContain('');
    expect(textOrNull('   ')).toBeNull();
  });

  it('sends region and country under the lookup key their shape says (delivery-address.ts)', () => {
    const address = buildSaleOrder(source({ delivery: { ...source().delivery, region: 'NSW', country: 'AU' } }), settings).details.deliver.address;
    expect([address.state, address.country]).toEqual([{ code: 'NSW' }, { iso2Code: 'AU' }]);
  });

  it('falls back to the Unleashed customer name when the delivery has no name or contact', () => {
    const address = buildSaleOrder(source({ delivery: { ...source().delivery, name: null } }), settings).details.deliver.address;
    expect(address.companyName).toBe('Cash Sales');
  });

  it('writes the required date as the calendar date in the account time zone', () => {
    expect(buildSaleOrder(source(), settings).details.deliver.requiredDate).toBe('2026-02-10');
    expect(buildSaleOrder(source({ requiredDate: null }), settings).details.deliver.requiredDate).toBeNull();
  });

  it('joins order and shipment comments into packing instructions only when comments are included', () => {
    expect(buildSaleOrder(source(), settings).details.instructions).toBe('Call first\nFragile');
    expect(buildSaleOrder(source({ orderComments: null }), settings).details.instructions).toBe('Fragile');
    expect(buildSaleOrder(source(), { ...settings, includeComments: false }).details.instructions).toBeNull();
  });

  it('turns shipment lines into items by product code and quantity', () => {
    const items = buildSaleOrder(source({ lines: [{ code: 'A', quantity: 1 }, { code: 'B', quantity: 3.5 }] }), settings).items;
    expect(items).toEqual([
      { details: { product: { references: { code: 'A' } } }, measures: { quantity: 1 } },
      { details: { product: { references: { code: 'B' } } }, measures: { quantity: 3.5 } },
    ]);
  });

  it.each([
    ['a mapping for the code', 'SYD', [{ unleashedWarehouseCode: 'syd', cartonCloudWarehouseId: 'w-syd' }], 'w-def', { cartonCloudWarehouseId: 'w-syd' }],
    ['the default when unmapped', 'AKL', [{ unleashedWarehouseCode: 'SYD', cartonCloudWarehouseId: 'w-syd' }], 'w-def', { cartonCloudWarehouseId: 'w-def' }],
    ['the default when mapped to null', 'SYD', [{ unleashedWarehouseCode: 'SYD', cartonCloudWarehouseId: null }], 'w-def', { cartonCloudWarehouseId: 'w-def' }],
  ] as const)('resolves the warehouse from %s', (_case, code, mappings, fallback, expected) => {
    expect(resolveWarehouse({ warehouseCode: code, mappings: [...mappings], defaultCartonCloudWarehouseId: fallback })).toEqual(expected);
  });

  it('skips with a reason naming the code when neither a mapping nor a default exists', () => {
    expect(resolveWarehouse({ warehouseCode: 'MEL', mappings: [], defaultCartonCloudWarehouseId: null })).toEqual({ skip: expect.stringContaining('MEL') });
  });

  it('names what changed after sending, ignoring modification times and line order', () => {
    const sent = source({ lines: [{ code: 'A', quantity: 1 }, { code: 'B', quantity: 2 }] });
    expect(driftBetween(sent, { ...sent, orderModifiedAt: '2027-01-01T00:00:00.000Z', lines: [{ code: 'B', quantity: 2 }, { code: 'A', quantity: 1 }] })).toEqual([]);
    expect(driftBetween(sent, { ...sent, delivery: { ...sent.delivery, city: 'Hamilton' }, lines: [{ code: 'A', quantity: 5 }] })).toEqual(['delivery address', 'lines']);
  });

  it('sees no drift in a snapshot that came back from jsonb with its keys reordered and nulls dropped', () => {
    const sent = source({ lines: [{ code: 'A', quantity: 1 }] });
    const reordered = JSON.parse(JSON.stringify(sent, Object.keys(sent.delivery ?? {}).reverse().concat(Object.keys(sent).reverse(), ['code', 'quantity'])));
    const delivery = Object.fromEntries(Object.entries(sent.delivery ?? {}).reverse().filter(([, v]) => v !== null));
    expect(driftBetween({ ...reordered, delivery, lines: [{ quantity: 1, code: 'A' }] } as ShipmentSource, sent)).toEqual([]);
  });

  it('writes canonical JSON whatever the key order', () => {
    expect(canonicalJson({ b: 1, a: { d: null, c: [2, { y: 1, x: 0 }] } })).toBe(canonicalJson({ a: { c: [2, { x: 0, y: 1 }] }, b: 1 }));
    expect(canonicalJson({ a: 1 })).not.toBe(canonicalJson({ a: 2 }));
  });
});
