import { ManualClock } from '../common/clock.js';
import { FulfilmentService } from '../fulfilment/fulfilment.service.js';
import { ATTENTION, AttentionCode, attentionReason } from '../ledger/attention.js';
import { AWAITING_SHIPMENT_NOTE, DISPATCHED_BEFORE_SENT, WAITING_FOR_SHIPMENT_LINK } from '../ledger/shipment-source.js';
import { publicState, ShipmentState, SyncedShipmentState } from '../ledger/shipment-state.js';
import { calendarDateToInstant } from '../providers/unleashed/unleashed.dates.js';
import { SyncRunStatus } from '../runs/sync-run.enums.js';
import { createTestDatabase, type TestDatabase } from '../../test-support/test-database.js';
import { PRODUCTS, startSyncHarness, type SyncHarness } from '../../test-support/sync-harness.js';

/**
 * Issue 12 item 2 against the realistic sandbox: a Parked shipment is a draft; a Placed order without a
 * shipment ready is shown as waiting (one row per order, AWAITING_SHIPMENT); with Order Management off
 * Unleashed makes the order's one shipment only when it is completed, already Dispatched; "send orders
 * without a shipment" sends the order from its own lines and links that later shipment for the write-back.
 */
let db: TestDatabase;
let harness: SyncHarness;
let clock: ManualClock;

beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  await db.drop();
});
beforeEach(async () => {
  clock = new ManualClock(new Date('2026-03-02T01:00:00Z'));
  harness = await startSyncHarness({ databaseUrl: db.url, orm: db.orm, clock });
});
afterEach(async () => {
  await harness.close();
});

const references = (orders: Record<string, unknown>[]) => orders.map((o) => (o as { references: { customer: string } }).references.customer).sort();
const HOUR = 3_600_000;

describe('orders without a shipment ready (Order Management on)', () => {
  it('waits while the only shipment is a Parked draft, then sends it once it is Placed', async () => {
    const { integration, apiId, cartonCloudCustomerId } = await harness.createIntegration();
    await harness.sync.poll(integration.id); // the first poll: no open orders yet
    const { order, shipments } = harness.order(apiId, { shipments: [{ lines: [{ lineNumber: 1, quantity: 2 }], status: 'Parked' }] });
    clock.advance(60_000);

    await harness.sync.poll(integration.id);
    const [waiting] = await harness.rows(integration.id);
    expect(harness.saleOrders(cartonCloudCustomerId)).toHaveLength(0);
    expect(waiting).toMatchObject({
      state: ShipmentState.AWAITING_SHIPMENT,
      unleashedOrderNumber: order.OrderNumber,
      unleashedShipmentGuid: null,
      customerReference: order.OrderNumber,
      lastError: AWAITING_SHIPMENT_NOTE,
      attention: AttentionCode.AWAITING_SHIPMENT,
      wholeOrder: false,
    });
    // publicly PENDING; the reason in plain words once it has waited longer than normal (a day)
    expect(publicState(waiting!.state)).toBe(SyncedShipmentState.PENDING);
    expect(attentionReason(waiting!, clock.now())).toBeNull();
    expect(attentionReason(waiting!, new Date(clock.now().getTime() + 25 * HOUR))).toBe(ATTENTION[AttentionCode.AWAITING_SHIPMENT].reason(null));

    // a poll that sees nothing new leaves it as it is, with no further call for the order
    harness.unleashed.resetCounters(apiId);
    await harness.sync.poll(integration.id);
    expect(harness.unleashedCalls(apiId)).toBe(2);

    harness.unleashed.setShipmentStatus(apiId, shipments[0]!.Guid, 'Placed');
    clock.advance(60_000);
    await harness.sync.poll(integration.id);
    expect(references(harness.saleOrders(cartonCloudCustomerId))).toEqual([`${order.OrderNumber} | ${shipments[0]!.ShipmentNumber}`]);
    const rows = await harness.rows(integration.id);
    expect(rows).toHaveLength(1); // the waiting row became the shipment's row
    expect(rows[0]).toMatchObject({ id: waiting!.id, state: ShipmentState.CREATED, unleashedShipmentGuid: shipments[0]!.Guid, attention: null, lastError: null });
  });

  it('shows a Placed order without any shipment as waiting, and sends the shipment someone creates later', async () => {
    const { integration, apiId, cartonCloudCustomerId } = await harness.createIntegration();
    const { order } = harness.order(apiId, { shipments: [] });
    const run = await harness.sync.poll(integration.id); // the first poll reads the open orders
    expect(run).toMatchObject({ status: SyncRunStatus.SUCCEEDED });
    expect((await harness.rows(integration.id)).map((r) => [r.state, r.customerReference])).toEqual([[ShipmentState.AWAITING_SHIPMENT, order.OrderNumber]]);

    clock.advance(60_000);
    const shipment = harness.unleashed.addShipment(apiId, order.Guid);
    clock.advance(60_000);
    await harness.sync.poll(integration.id);
    expect(references(harness.saleOrders(cartonCloudCustomerId))).toEqual([`${order.OrderNumber} | ${shipment.ShipmentNumber}`]);
  });

  it('never sends a shipment that is already Dispatched or Deleted', async () => {
    const { integration, apiId, cartonCloudCustomerId } = await harness.createIntegration();
    await harness.sync.poll(integration.id);
    harness.order(apiId, { shipments: [{ lines: [{ lineNumber: 1, quantity: 2 }], status: 'Dispatched' }] });
    clock.advance(60_000);
    await harness.sync.poll(integration.id);
    expect(harness.saleOrders(cartonCloudCustomerId)).toHaveLength(0);
    expect(await harness.rows(integration.id)).toHaveLength(0); // handled in Unleashed: nothing waits either
  });
});

describe('Order Management off: the one shipment comes when the order is completed, Dispatched', () => {
  it('without "send orders without a shipment": the order waits, and closes when Unleashed dispatches it itself', async () => {
    const { integration, apiId, cartonCloudCustomerId } = await harness.createIntegration({ orderManagement: false });
    await harness.sync.poll(integration.id);
    const { order, shipments } = harness.order(apiId);
    expect(shipments).toEqual([]);
    clock.advance(60_000);
    await harness.sync.poll(integration.id);
    expect((await harness.rows(integration.id)).map((r) => [r.state, r.lastError])).toEqual([[ShipmentState.AWAITING_SHIPMENT, AWAITING_SHIPMENT_NOTE]]);

    harness.unleashed.setOrderStatus(apiId, order.Guid, 'Completed');
    clock.advance(60_000);
    const run = await harness.sync.poll(integration.id);
    const [closed] = await harness.rows(integration.id);
    expect(closed).toMatchObject({ state: ShipmentState.SKIPPED, lastError: DISPATCHED_BEFORE_SENT, attention: null });
    expect(run).toMatchObject({ skipped: 1, errors: [{ reference: order.OrderNumber, message: DISPATCHED_BEFORE_SENT }] });
    expect(harness.saleOrders(cartonCloudCustomerId)).toHaveLength(0);
  });

  it('with it: one sale order from the order\u2019s own lines as "{OrderNumber}"; the shipment made at completion is linked and gets the dispatch, never sent again', async () => {
    const { integration, apiId, cartonCloudCustomerId } = await harness.createIntegration({ orderManagement: false, sendOrdersWithoutShipment: true, fulfilment: true });
    const { order } = harness.order(apiId, {
      lines: [
        { productCode: PRODUCTS[0]!, quantity: 2 },
        { productCode: PRODUCTS[1]!, quantity: 1 },
      ],
    });
    await harness.sync.poll(integration.id);
    const sent = harness.saleOrders(cartonCloudCustomerId) as { id: string; references: { customer: string }; items: { details: { product: { references: { code: string } } }; measures: { quantity: number } }[] }[];
    expect(sent.map((o) => o.references.customer)).toEqual([order.OrderNumber]);
    expect(sent[0]!.items.map((i) => [i.details.product.references.code, i.measures.quantity])).toEqual([
      [PRODUCTS[0], 2],
      [PRODUCTS[1], 1],
    ]);
    const [row] = await harness.rows(integration.id);
    expect(row).toMatchObject({ state: ShipmentState.CREATED, wholeOrder: true, unleashedShipmentGuid: null, customerReference: order.OrderNumber, attention: null });

    // the warehouse dispatches before the merchant completes the order: the write-back waits, saying why
    clock.advance(HOUR);
    harness.cartonCloud.dispatchOrder(sent[0]!.id, { carrier: 'StarTrack', trackingNumber: 'ST123', packages: 3 });
    const fulfilment = new FulfilmentService(harness.deps());
    const early = await fulfilment.runPass(integration.id);
    expect(early).toMatchObject({ total: 0 });
    expect((await harness.rows(integration.id))[0]).toMatchObject({ state: ShipmentState.DISPATCHED, lastError: WAITING_FOR_SHIPMENT_LINK });

    // the merchant completes the order: Unleashed makes its one shipment, Dispatched; the poll links it
    clock.advance(HOUR);
    harness.unleashed.setOrderStatus(apiId, order.Guid, 'Completed');
    const [shipment] = harness.unleashed.shipmentsOfOrder(apiId, order.Guid);
    expect(shipment).toMatchObject({ ShipmentStatus: 'Dispatched' });
    clock.advance(60_000);
    await harness.sync.poll(integration.id);
    expect(harness.saleOrders(cartonCloudCustomerId)).toHaveLength(1); // not sent again
    expect((await harness.rows(integration.id))[0]).toMatchObject({ unleashedShipmentGuid: shipment!.Guid, unleashedShipmentNumber: shipment!.ShipmentNumber, lastError: null });

    const written = await fulfilment.runPass(integration.id);
    expect(written).toMatchObject({ completed: 1, failed: 0 });
    const after = harness.unleashed.getShipment(apiId, shipment!.Guid);
    expect(after).toMatchObject({ ShipmentStatus: 'Dispatched', NumberOfPackages: 3 });
    expect(after.DispatchDate).toBe(calendarDateToInstant('2026-03-02', 'Pacific/Auckland').getTime());
    expect((await harness.rows(integration.id))[0]).toMatchObject({ state: ShipmentState.FULFILLED });
  });

  it('a waiting order is sent whole once the integration starts sending orders without a shipment', async () => {
    const { integration, apiId, cartonCloudCustomerId } = await harness.createIntegration({ orderManagement: false });
    const { order } = harness.order(apiId);
    await harness.sync.poll(integration.id);
    expect((await harness.rows(integration.id))[0]!.state).toBe(ShipmentState.AWAITING_SHIPMENT);

    // what step 3 does when the choice is turned on (integration-setup.int.spec.ts covers the mutation)
    const em = harness.em();
    expect(await harness.deps().ledger.sendAwaitingWhole(em, integration.id, clock.now())).toBe(1);
    const stored = await em.findOneOrFail('Integration', integration.id);
    (stored as { sendOrdersWithoutShipment: boolean }).sendOrdersWithoutShipment = true;
    await em.flush();
    await harness.sync.poll(integration.id);
    expect(references(harness.saleOrders(cartonCloudCustomerId))).toEqual([order.OrderNumber]);
    expect((await harness.rows(integration.id))[0]).toMatchObject({ state: ShipmentState.CREATED, wholeOrder: true, attention: null });
  });

  it('an order deleted while it waits is closed with that reason (nothing to do)', async () => {
    const { integration, apiId } = await harness.createIntegration({ orderManagement: false });
    const { order } = harness.order(apiId);
    await harness.sync.poll(integration.id);
    harness.unleashed.deleteOrder(apiId, order.Guid);
    clock.advance(60_000);
    await harness.sync.poll(integration.id);
    expect((await harness.rows(integration.id))[0]).toMatchObject({ state: ShipmentState.SKIPPED, lastError: expect.stringMatching(/deleted in Unleashed before/), attention: null });
  });
});
