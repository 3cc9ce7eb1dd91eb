import { ATTENTION, AttentionCode, attentionReason } from '../ledger/attention.js';
import { ShipmentState } from '../ledger/shipment-state.js';
import { FulfilmentService } from '../fulfilment/fulfilment.service.js';
import { createTestDatabase, type TestDatabase } from '../../test-support/test-database.js';
import { startSyncHarness, type SyncHarness } from '../../test-support/sync-harness.js';
import { stampFor } from './order-stamp.js';

// Issue 12 item 11: two Unleashed accounts of one CartonCloud customer both have "SO-00000001 | SS-00000001".
// Neither may adopt the other's sale order, nor receive the other's dispatch.
let db: TestDatabase;
let harness: SyncHarness;

beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  await db.drop();
});
beforeEach(async () => {
  harness = await startSyncHarness({ databaseUrl: db.url, orm: db.orm, sync: { backoffMs: () => 0 } });
});
afterEach(async () => {
  await harness.close();
});

type Order = { id: string; references: { customer: string; alternateReference?: string | null } };

async function twoAccountsOfOneCustomer() {
  const first = await harness.createIntegration({ fulfilment: true });
  const second = await harness.createIntegration({ fulfilment: true, cartonCloudCustomerId: first.cartonCloudCustomerId });
  const a = harness.order(first.apiId);
  const b = harness.order(second.apiId);
  const reference = `${a.order.OrderNumber} | ${a.shipments[0]!.ShipmentNumber}`;
  expect(`${b.order.OrderNumber} | ${b.shipments[0]!.ShipmentNumber}`).toBe(reference);
  expect(reference).toBe('SO-00000001 | SS-00000001');
  return { first, second, a, b, reference };
}

const dispatch = (orderId: string, trackingNumber: string) => harness.cartonCloud.dispatchOrder(orderId, { carrier: 'StarTrack', trackingNumber, packages: 2 });

describe('two integrations, one CartonCloud customer, the same order and shipment numbers', () => {
  it('duplicates allowed (CartonCloud\u2019s default): each creates its own, a retry after a lost answer adopts its own and not the other\u2019s, and each gets only its own dispatch', async () => {
    const { first, second, a, b, reference } = await twoAccountsOfOneCustomer();
    await harness.sync.poll(first.integration.id);
    const [rowA] = await harness.rows(first.integration.id);
    expect(rowA!.state).toBe(ShipmentState.CREATED);

    // the second account's create lands in CartonCloud but its answer is lost: the retry searches by reference,
    // finds both orders, and adopts the one stamped with its own row
    harness.cartonCloud.setFaults({ lostAnswerBurst: 1 });
    const run = await harness.sync.poll(second.integration.id); // no backoff here: the retry comes in the same poll
    expect(run!.errors).toEqual([{ reference, message: expect.stringMatching(/did not answer \(network error\).*will retry/) }]);
    const [rowB] = await harness.rows(second.integration.id);
    expect(rowB).toMatchObject({ state: ShipmentState.CREATED, attempts: 2 }); // the create, then the search that adopted it
    expect(harness.cartonCloud.createLog().map((e) => [e.alternateReference, e.answered])).toEqual([
      [stampFor(rowA!.id), true],
      [stampFor(rowB!.id), false],
    ]);

    const orders = harness.saleOrders(first.cartonCloudCustomerId) as unknown as Order[];
    expect(orders.map((o) => [o.references.customer, o.references.alternateReference])).toEqual([
      [reference, stampFor(rowA!.id)],
      [reference, stampFor(rowB!.id)],
    ]);
    expect(rowB!.cartonCloudOrderId).toBe(orders[1]!.id);
    expect(rowB!.cartonCloudOrderId).not.toBe(rowA!.cartonCloudOrderId);
    expect(harness.createCalls()).toMatchObject({ shipments: 2, maxPerShipment: 1 });

    // the warehouse dispatches the first account's order only: the second account hears nothing of it
    dispatch(rowA!.cartonCloudOrderId!, 'ST-FIRST');
    const fulfilment = new FulfilmentService(harness.deps());
    await fulfilment.runPass(second.integration.id);
    await fulfilment.runPass(first.integration.id);
    expect(harness.unleashed.getShipment(second.apiId, b.shipments[0]!.Guid)).toMatchObject({ ShipmentStatus: 'Placed', TrackingNumber: null });
    expect((await harness.rows(second.integration.id))[0]).toMatchObject({ state: ShipmentState.CREATED, trackingNumber: null });
    expect(harness.unleashed.getShipment(first.apiId, a.shipments[0]!.Guid)).toMatchObject({ ShipmentStatus: 'Dispatched', TrackingNumber: 'ST-FIRST' });

    // and the second account's own dispatch reaches it, with its own tracking
    dispatch(rowB!.cartonCloudOrderId!, 'ST-SECOND');
    await fulfilment.runPass(second.integration.id);
    expect(harness.unleashed.getShipment(second.apiId, b.shipments[0]!.Guid)).toMatchObject({ ShipmentStatus: 'Dispatched', TrackingNumber: 'ST-SECOND' });
    expect(harness.unleashed.getShipment(first.apiId, a.shipments[0]!.Guid)).toMatchObject({ TrackingNumber: 'ST-FIRST' });
  });

  it('duplicates refused by the customer: the second is a REFERENCE_COLLISION — never adopted, never sent again, never written back — until a person clears the way', async () => {
    const { first, second, b, reference } = await twoAccountsOfOneCustomer();
    harness.cartonCloud.setCustomerSettings(harness.credentials.tenantId, first.cartonCloudCustomerId, { duplicateReferences: 'reject' });
    await harness.sync.poll(first.integration.id);
    const [rowA] = await harness.rows(first.integration.id);

    // a first attempt that failed (503) makes the retry search first: it finds only the other account's order
    harness.cartonCloud.setFaults({ errorBurst: 1 });
    const run = await harness.sync.poll(second.integration.id);
    const [rowB] = await harness.rows(second.integration.id);
    const foreign = harness.saleOrders(first.cartonCloudCustomerId)[0] as unknown as Order & { references: { numericId: string } };
    expect(rowB).toMatchObject({ state: ShipmentState.FAILED, attention: AttentionCode.REFERENCE_COLLISION, cartonCloudOrderId: null });
    expect(rowB!.lastError).toBe(
      `CartonCloud already has sale order ${foreign.references.numericId} (id ${rowA!.cartonCloudOrderId}) with this reference, created by someone else, and CartonCloud refuses a second order with the same reference for this customer`,
    );
    expect(attentionReason(rowB!, new Date())).toContain('did not create');
    expect(ATTENTION[AttentionCode.REFERENCE_COLLISION].retryable).toBe(true);
    expect(run!.errors).toEqual([
      { reference, message: expect.stringMatching(/503.*will retry/) },
      { reference, message: expect.stringMatching(/^Reference collision: CartonCloud already has sale order/) },
    ]);

    await harness.sync.poll(second.integration.id);
    expect(harness.createCalls().perShipment.get(stampFor(rowB!.id))).toBe(1); // the refused one; the 503 never reached the create
    expect(harness.saleOrders(first.cartonCloudCustomerId)).toHaveLength(1);

    dispatch(rowA!.cartonCloudOrderId!, 'ST-FIRST');
    await new FulfilmentService(harness.deps()).runPass(second.integration.id);
    expect(harness.unleashed.getShipment(second.apiId, b.shipments[0]!.Guid)).toMatchObject({ ShipmentStatus: 'Placed', TrackingNumber: null });

    // the 3PL allows duplicate references for this customer; the user retries: created as its own order
    harness.cartonCloud.setCustomerSettings(harness.credentials.tenantId, first.cartonCloudCustomerId, { duplicateReferences: 'allow' });
    await harness.deps().ledger.retry(harness.em(), [rowB!.id], new Date());
    await harness.sync.poll(second.integration.id);
    const [retried] = await harness.rows(second.integration.id);
    expect(retried).toMatchObject({ state: ShipmentState.CREATED, attention: null });
    expect(retried!.cartonCloudOrderId).not.toBe(rowA!.cartonCloudOrderId);
    expect(harness.createCalls().perShipment.get(stampFor(rowB!.id))).toBe(2);
  });
});
