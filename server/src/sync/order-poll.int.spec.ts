import { Integration } from '../integrations/integration.entity.js';
import { DEMO_CARTONCLOUD_WAREHOUSES } from '../providers/cartoncloud/sandbox/cartoncloud.demo-data.js';
import { createTestDatabase, type TestDatabase } from '../../test-support/test-database.js';
import { SyncRun } from '../runs/sync-run.entity.js';
import { ShipmentState } from '../ledger/shipment-state.js';
import { SyncRunStatus } from '../runs/sync-run.enums.js';
import { PRODUCTS, startSyncHarness, type SyncHarness } from '../../test-support/sync-harness.js';

let db: TestDatabase;
let harness: SyncHarness;

beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  await db.drop();
});
beforeEach(async () => {
  harness = await startSyncHarness({ databaseUrl: db.url, orm: db.orm, sync: { pageSize: 50 } });
});
afterEach(async () => {
  await harness.close();
});

type SaleOrderBody = {
  references: { customer: string };
  customer: { id: string };
  warehouse: { id: string };
  status: string;
  details: { instructions?: string | null; deliver: { address: Record<string, unknown>; requiredDate?: string | null } };
  items: { details: { product: { references?: { code?: string } } }; measures: { quantity: number } }[];
};
const byReference = (orders: Record<string, unknown>[]) => new Map(orders.map((o) => [(o as SaleOrderBody).references.customer, o as SaleOrderBody]));

describe('order poll: what becomes a CartonCloud sale order', () => {
  it('maps the shipment warehouse, falls back to the default, and skips with the reason when neither exists', async () => {
    const mapped = await harness.createIntegration({ defaultWarehouse: null, mappings: { SYD: 'sydney' } });
    const sydney = harness.order(mapped.apiId, { warehouseCode: 'SYD' });
    const akl = harness.order(mapped.apiId, { warehouseCode: 'AKL' });
    const withDefault = await harness.createIntegration({ defaultWarehouse: 'melbourne', mappings: { SYD: 'sydney' } });
    const mel = harness.order(withDefault.apiId, { warehouseCode: 'MEL' });

    const run = await harness.sync.poll(mapped.integration.id);
    await harness.sync.poll(withDefault.integration.id);

    const orders = byReference(harness.saleOrders(mapped.cartonCloudCustomerId));
    expect([...orders.keys()]).toEqual([`${sydney.order.OrderNumber} | ${sydney.shipments[0]!.ShipmentNumber}`]);
    expect(orders.values().next().value!.warehouse.id).toBe(DEMO_CARTONCLOUD_WAREHOUSES.sydney.id);
    const skipped = (await harness.rows(mapped.integration.id)).find((r) => r.unleashedOrderNumber === akl.order.OrderNumber)!;
    expect(skipped.state).toBe(ShipmentState.SKIPPED);
    expect(skipped.lastError).toMatch(/No CartonCloud warehouse for Unleashed warehouse AKL/);
    expect(run).toMatchObject({ status: SyncRunStatus.PARTIAL, total: 2, processed: 2, completed: 1, skipped: 1, failed: 0 });
    expect(run!.errors).toEqual([{ reference: skipped.customerReference, message: expect.stringMatching(/AKL/) }]);

    const defaulted = [...byReference(harness.saleOrders(withDefault.cartonCloudCustomerId)).values()];
    expect(defaulted.map((o) => o.warehouse.id)).toEqual([DEMO_CARTONCLOUD_WAREHOUSES.melbourne.id]);
    expect(defaulted[0]!.references.customer).toBe(`${mel.order.OrderNumber} | ${mel.shipments[0]!.ShipmentNumber}`);
  });

  it('builds the sale order from the order and shipment: customer, address with nulls (never ""), required date, lines', async () => {
    const { integration, apiId, cartonCloudCustomerId } = await harness.createIntegration();
    harness.order(apiId, {
      requiredDate: '2026-02-10',
      delivery: { name: 'Bush Walkers Ltd', streetAddress: '1 Queen St', streetAddress2: '', city: 'Auckland', region: 'Auckland', country: 'New Zealand', postCode: '1010' },
      lines: [
        { productCode: 'TENT-2P', quantity: 2 },
        { productCode: 'STOVE-1', quantity: 1 },
      ],
      shipments: [{ lines: [{ lineNumber: 1, quantity: 2 }, { lineNumber: 2, quantity: 1 }] }],
    });
    await harness.sync.poll(integration.id);
    const [order] = harness.saleOrders(cartonCloudCustomerId) as SaleOrderBody[];
    expect(order!.customer.id).toBe(cartonCloudCustomerId);
    expect(order!.details.deliver.address).toMatchObject({
      companyName: 'Bush Walkers Ltd',
      address1: '1 Queen St',
      address2: null,
      suburb: null,
      city: 'Auckland',
      postcode: '1010',
    });
    expect(order!.details.deliver.requiredDate).toBe('2026-02-10');
    expect(order!.items.map((i) => [i.details.product.references?.code, i.measures.quantity])).toEqual([
      ['TENT-2P', 2],
      ['STOVE-1', 1],
    ]);
    const [row] = await harness.rows(integration.id);
    expect(row).toMatchObject({ state: ShipmentState.CREATED, cartonCloudOrderId: (order as unknown as { id: string }).id, attempts: 1 });
  });

  it('puts the order and shipment comments into the packing instructions only when comments are included', async () => {
    const on = await harness.createIntegration({ includeComments: true });
    const off = await harness.createIntegration({ includeComments: false });
    for (const { apiId } of [on, off]) {
      harness.order(apiId, { comments: 'Leave at the back door', shipments: [{ lines: [{ lineNumber: 1, quantity: 2 }], comments: 'Fragile' }] });
    }
    await harness.sync.poll(on.integration.id);
    await harness.sync.poll(off.integration.id);
    expect((harness.saleOrders(on.cartonCloudCustomerId)[0] as SaleOrderBody).details.instructions).toBe('Leave at the back door\nFragile');
    expect((harness.saleOrders(off.cartonCloudCustomerId)[0] as SaleOrderBody).details.instructions ?? null).toBeNull();
  });

  it('ignores Parked, Backordered and Completed orders, and sends a Parked order once it is Placed', async () => {
    const { integration, apiId, cartonCloudCustomerId } = await harness.createIntegration();
    const parked = harness.order(apiId, { status: 'Parked' });
    harness.order(apiId, { status: 'Backordered' });
    harness.order(apiId, { status: 'Completed' });
    await harness.sync.poll(integration.id);
    expect(harness.saleOrders(cartonCloudCustomerId)).toHaveLength(0);
    expect(await harness.rows(integration.id)).toHaveLength(0);

    harness.unleashed.setOrderStatus(apiId, parked.order.Guid, 'Placed');
    await harness.sync.poll(integration.id);
    expect([...byReference(harness.saleOrders(cartonCloudCustomerId)).keys()]).toEqual([`${parked.order.OrderNumber} | ${parked.shipments[0]!.ShipmentNumber}`]);
  });

  it('makes one sale order per shipment of a multi-shipment order, each with its own lines', async () => {
    const { integration, apiId, cartonCloudCustomerId } = await harness.createIntegration();
    const { order, shipments } = harness.order(apiId, {
      lines: [
        { productCode: 'TENT-2P', quantity: 3 },
        { productCode: 'PACK-45L', quantity: 1 },
      ],
      shipments: [{ lines: [{ lineNumber: 1, quantity: 2 }] }, { lines: [{ lineNumber: 1, quantity: 1 }, { lineNumber: 2, quantity: 1 }] }],
    });
    await harness.sync.poll(integration.id);
    const orders = byReference(harness.saleOrders(cartonCloudCustomerId));
    expect(orders.size).toBe(2);
    const first = orders.get(`${order.OrderNumber} | ${shipments[0]!.ShipmentNumber}`)!;
    const second = orders.get(`${order.OrderNumber} | ${shipments[1]!.ShipmentNumber}`)!;
    expect(first.items.map((i) => [i.details.product.references?.code, i.measures.quantity])).toEqual([['TENT-2P', 2]]);
    expect(second.items.map((i) => [i.details.product.references?.code, i.measures.quantity])).toEqual([
      ['TENT-2P', 1],
      ['PACK-45L', 1],
    ]);
  });

  it('reads every page of a large window (page size 3, 20 orders) and creates each shipment once', async () => {
    const sync = harness.worker({ pageSize: 3 });
    const { integration, apiId, cartonCloudCustomerId } = await harness.createIntegration();
    await sync.poll(integration.id); // the first poll (the open orders: none) sets the cursor
    for (let i = 0; i < 20; i++) harness.order(apiId, { lines: [{ productCode: PRODUCTS[i % PRODUCTS.length]!, quantity: i + 1 }] });
    harness.unleashed.resetCounters(apiId);
    const run = await sync.poll(integration.id);
    expect(harness.saleOrders(cartonCloudCustomerId)).toHaveLength(20);
    expect(run).toMatchObject({ status: SyncRunStatus.SUCCEEDED, total: 20, completed: 20 });
    // 7 pages of orders + 7 pages of shipments
    expect(harness.unleashedCalls(apiId)).toBe(14);
    await sync.poll(integration.id);
    expect(harness.saleOrders(cartonCloudCustomerId)).toHaveLength(20);
    expect(harness.createCalls()).toMatchObject({ total: 20, shipments: 20, maxPerShipment: 1 });
  });

  it('does not lose an order modified exactly at the stored cursor', async () => {
    const { integration, apiId, cartonCloudCustomerId } = await harness.createIntegration();
    harness.order(apiId);
    await harness.sync.poll(integration.id);
    const cursor = (await harness.em().findOneOrFail(Integration, integration.id)).orderCursor!;
    const late = harness.order(apiId);
    // Unleashed stamps it with the very instant the cursor holds
    late.order.LastModifiedOn = cursor.getTime();
    for (const s of late.shipments) s.LastModifiedOn = cursor.getTime();
    await harness.sync.poll(integration.id);
    expect(byReference(harness.saleOrders(cartonCloudCustomerId)).has(`${late.order.OrderNumber} | ${late.shipments[0]!.ShipmentNumber}`)).toBe(true);
  });

  it('records an unknown product as REJECTED with CartonCloud\u2019s reason, and the run goes on', async () => {
    const { integration, apiId } = await harness.createIntegration();
    harness.order(apiId, { lines: [{ productCode: 'NOPE-404', quantity: 1 }] });
    harness.order(apiId);
    const run = await harness.sync.poll(integration.id);
    const rows = await harness.rows(integration.id);
    const rejected = rows.find((r) => r.state === ShipmentState.REJECTED)!;
    expect(rejected.lastError).toMatch(/NOPE-404.*Product not found/);
    expect(rejected.cartonCloudOrderId).not.toBeNull();
    expect(rows.filter((r) => r.state === ShipmentState.CREATED)).toHaveLength(1);
    expect(run).toMatchObject({ status: SyncRunStatus.PARTIAL, completed: 1, failed: 1 });
    expect(run!.errors[0]).toEqual({ reference: rejected.customerReference, message: expect.stringMatching(/Product not found/) });
  });

  it('costs at most two Unleashed calls when nothing changed', async () => {
    const { integration, apiId } = await harness.createIntegration();
    harness.order(apiId);
    await harness.sync.poll(integration.id);
    harness.unleashed.resetCounters(apiId);
    await harness.sync.poll(integration.id);
    expect(harness.unleashedCalls(apiId)).toBeLessThanOrEqual(2);
    const fresh = await harness.createIntegration();
    await harness.sync.poll(fresh.integration.id);
    expect(harness.unleashedCalls(fresh.apiId)).toBeLessThanOrEqual(2);
  });

  it('sets lastSyncedAt and publishes the run with its counts', async () => {
    const { integration, apiId } = await harness.createIntegration();
    harness.order(apiId);
    const run = await harness.sync.poll(integration.id);
    const stored = await harness.em().findOneOrFail(SyncRun, run!.id);
    expect(stored).toMatchObject({ status: SyncRunStatus.SUCCEEDED, completed: 1, processed: 1, total: 1, trigger: 'schedule' });
    expect(stored.finishedAt).not.toBeNull();
    const reloaded = await harness.em().findOneOrFail(Integration, integration.id);
    expect(reloaded.lastSyncedAt).not.toBeNull();
  });
});
